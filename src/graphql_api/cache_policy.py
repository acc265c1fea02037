"""Which GraphQL requests a response cache may answer: queries whose every field shows data
that the roster version covers. Mutations, sync runs and Premium status are never cached."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graphql import (
    BREAK,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    parse,
    visit,
)

# Every field here is read from accounts or roster tables whose writes bump the roster version
# (or, for the viewer's own fields, compared on every hit). A field missing here is never
# cached: adding one is a promise that a change to what it shows bumps the version.
ROSTER_FIELDS: dict[str, frozenset[str]] = {
    "Query": frozenset({"viewer", "class"}),
    "Viewer": frozenset({"id", "name", "role", "cleverLinked", "classes"}),
    "Class": frozenset(
        {
            *("id", "name", "subject", "period", "gradeLevel", "archived", "lastSyncedAt"),
            *("studentCount", "teachers", "students", "rosterHistory"),
        }
    ),
    "ClassTeacher": frozenset({"teacher", "role", "connected"}),
    "Teacher": frozenset({"id", "name"}),
    "Student": frozenset({"id", "name", "gradeLevel", "joined", "demographics"}),
    "DemographicProfile": frozenset(
        {"ellStatus", "hispanicEthnicity", "iepStatus", "frlStatus", "race", "gender"}
    ),
    "RosterEvent": frozenset({"student", "action", "at", "syncRunId"}),
    "StudentRef": frozenset({"id", "name"}),
}
REQUEST_KEYS = frozenset({"query", "variables", "operationName"})


def plain_json_post(headers: Mapping[str, str]) -> bool:
    """A body strawberry itself reads as JSON (so a form post is refused as it would be), and
    an answer the client wants whole (never multipart)."""
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/json" and "multipart" not in headers.get("accept", "")


def request_query(body: bytes) -> str | None:
    """The query of a well-formed JSON request (query, variables, operation name), else None."""
    try:
        request: Any = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(request, dict) or not set(request) <= REQUEST_KEYS:
        return None
    query, variables = request.get("query"), request.get("variables")
    if not isinstance(query, str) or not isinstance(variables, dict | None):
        return None
    return query


def roster_query(query: str, schema: GraphQLSchema, max_tokens: int) -> bool:
    try:
        document = parse(query, no_location=True, max_tokens=max_tokens)
    except GraphQLError:
        return False
    return roster_only(document, schema)


def roster_only(document: DocumentNode, schema: GraphQLSchema) -> bool:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            if definition.operation is not OperationType.QUERY:
                return False
        elif not isinstance(definition, FragmentDefinitionNode):
            return False
    type_info = TypeInfo(schema)
    fields = _RosterFieldsOnly(type_info)
    visit(document, TypeInfoVisitor(type_info, fields))
    return fields.allowed


class _RosterFieldsOnly(Visitor):
    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.allowed = True

    def enter_field(self, node: FieldNode, *_: object) -> object:
        name = node.name.value
        if name == "__typename":
            return None
        parent = self.type_info.get_parent_type()
        if parent is None or name not in ROSTER_FIELDS.get(parent.name, frozenset()):
            self.allowed = False
            return BREAK
        return None
