"""The per-request GraphQL context: the viewer, fresh loaders and what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from application.ports import ClassTeacherView, EnrolledStudentView
from domain.viewer import Viewer
from graphql_api.audit import RevealedDemographics
from graphql_api.dependencies import WebDependencies
from graphql_api.errors import Unauthenticated
from graphql_api.loaders import Loaders, build_loaders
from graphql_api.metrics import AppMetrics


class ClassAccess(Enum):
    """How the viewer reaches a class: as one of its teachers, or as an enrolled student."""

    TEACHER = "teacher"
    STUDENT = "student"


@dataclass
class GraphQLContext:
    request: Request
    response: Response
    deps: WebDependencies
    metrics: AppMetrics
    viewer: Viewer | None
    loaders: Loaders
    revealed: RevealedDemographics
    # section id -> access, decided once per request from the reader's membership data
    class_access: dict[str, ClassAccess | None] = field(default_factory=dict)
    # section id -> what the teacher's roster read brought for that class
    primed_teachers: dict[str, list[ClassTeacherView]] = field(default_factory=dict)
    primed_students: dict[str, list[EnrolledStudentView]] = field(default_factory=dict)
    # explanations asked in this request: only the first looks at Clever live
    explanations_asked: int = 0
    # the roster version read with the viewer for this request (None when signed out)
    roster_version: int | None = None

    def require_viewer(self) -> Viewer:
        if self.viewer is None:
            raise Unauthenticated()
        return self.viewer


Info = StrawberryInfo[GraphQLContext, None]


def new_context(
    request: Request,
    response: Response,
    deps: WebDependencies,
    metrics: AppMetrics,
    viewer: Viewer | None,
    roster_version: int | None = None,
) -> GraphQLContext:
    loaders = build_loaders(deps.reader)
    return GraphQLContext(
        request,
        response,
        deps,
        metrics,
        viewer,
        loaders,
        RevealedDemographics(),
        roster_version=roster_version,
    )
