"""Permission classes: every edge checks the viewer in the context before it resolves."""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from graphql_api.context import Info
from graphql_api.errors import Forbidden, Unauthenticated


class IsAuthenticated(BasePermission):
    message = "Sign in to see this."
    error_class = Unauthenticated
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer is not None


class IsTeacher(BasePermission):
    message = "Only teachers can do this."
    error_class = Forbidden
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer.is_teacher


def guarded(*permissions: BasePermission, silent: bool = False) -> list[FieldExtension]:
    """Field extensions for these permissions; ``silent`` answers null or [] instead of an error."""
    return [PermissionExtension(list(permissions), use_directives=False, fail_silently=silent)]
