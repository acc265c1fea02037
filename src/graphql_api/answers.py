"""Repeat reads without a repeat execution, never without this request's own checks.

A signed-in roster query's answer is remembered under the viewer as read for this request and
the request (query, variables, operation), with the roster version read with the viewer (one
statement, after the session's own lookup). A repeat at the same version by the same viewer is
answered with it; anything else runs. Every roster change bumps the version, so a teacher
removed from a section, or a renamed class, misses at once whatever process wrote it. The
version only grows, so an answer read at a new version replaces the one before, which nobody
would be answered with again. Only queries whose every field the version (or the viewer) covers
are remembered: ``ROSTER_FIELDS``.

The demographics an answer shows are audited on every answer, remembered or not (see audit).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType as Operation

from application.ports import TeacherRosterView
from graphql import (
    BREAK,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    visit,
)
from graphql_api.audit import record_revealed
from graphql_api.errors import ServiceUnavailable
from graphql_api.etag import TaggedBody, tagged

# Every field here shows data that the roster version or the viewer covers. A field missing
# here is never remembered: adding one is a promise that a change to it bumps the version.
ROSTER_FIELDS: dict[str, frozenset[str]] = {
    "Query": frozenset({"viewer", "class"}),
    "Viewer": frozenset({"id", "name", "role", "cleverLinked", "classes"}),
    "Class": frozenset(
        {
            *("id", "name", "subject", "period", "gradeLevel", "archived", "lastSyncedAt"),
            *("studentCount", "teachers", "students", "rosterHistory"),
            *("term", "keptAfterTerm", "archivedReason"),  # synced, or kept by a teacher
            *("syncMode", "exceptions", "waitingChanges"),  # teachers' decisions, and syncs'
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
    "Term": frozenset({"name", "startDate", "endDate"}),
    "RosterException": frozenset({"student", "kind", "until", "madeBy", "madeAt", "cleverLists"}),
}


REMEMBERED_ROSTERS = 256


class EncodedData(dict[str, Any]):
    """An answer's data held only as its response body, ``{"data": …}`` encoded and tagged
    once (etag.TaggedBody): a remembered answer is kept as 30 KB of bytes, not as thousands of
    objects for the garbage collector to walk, and is neither encoded nor hashed again. As a
    mapping it is empty: it stands in for the data in strawberry's result, and the view's
    encode_json writes its JSON."""

    body: TaggedBody

    @property
    def json(self) -> bytes:
        return self.body[len(_PREFIX) : -1]


_PREFIX = b'{"data":'


def encoded(data: dict[str, Any]) -> EncodedData:
    """Raises orjson.JSONEncodeError for data no JSON can carry."""
    found = EncodedData()
    found.body = tagged(_PREFIX + orjson.dumps(data) + b"}")
    return found


@dataclass(frozen=True, slots=True)
class Remembered:
    data: EncodedData
    revealed: frozenset[str]  # students whose demographics the answer shows

    @property
    def size(self) -> int:
        return len(self.data.body)


class RememberedAnswers:
    """Bounded like an LRU, by entries and by bytes of the answers' JSON; one answer per viewer
    and request, and one roster per teacher, each at the version it was read at."""

    def __init__(self, max_entries: int = 1_000, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._answers: OrderedDict[bytes, tuple[int, Remembered]] = OrderedDict()
        self._bytes = 0
        self._verdicts: dict[str, bool] = {}  # query text -> only roster fields
        # A teacher's roster as read at a roster version, for other queries over it.
        self._rosters: OrderedDict[tuple[str, bool], tuple[int, TeacherRosterView]] = OrderedDict()

    def get(self, key: bytes, version: int) -> Remembered | None:
        found = _at(self._answers, key, version)
        return found[1] if found is not None else None

    def put(self, key: bytes, version: int, answer: Remembered) -> None:
        if answer.size > self.max_bytes // 8:
            return
        old = self._answers.pop(key, None)
        self._bytes += answer.size - (old[1].size if old else 0)
        self._answers[key] = (version, answer)
        while len(self._answers) > self.max_entries or self._bytes > self.max_bytes:
            self._bytes -= self._answers.popitem(last=False)[1][1].size

    def roster(self, key: tuple[str, bool], version: int) -> TeacherRosterView | None:
        """(teacher id, with archived classes) -> the roster read at this roster version."""
        found = _at(self._rosters, key, version)
        return found[1] if found is not None else None

    def keep_roster(self, key: tuple[str, bool], version: int, roster: TeacherRosterView) -> None:
        self._rosters.pop(key, None)
        self._rosters[key] = (version, roster)
        while len(self._rosters) > REMEMBERED_ROSTERS:
            self._rosters.popitem(last=False)

    def roster_only(self, query: str, document: DocumentNode, schema: GraphQLSchema) -> bool:
        verdict = self._verdicts.get(query)
        if verdict is None:
            if len(self._verdicts) >= self.max_entries:
                self._verdicts.clear()
            verdict = self._verdicts[query] = _roster_only(document, schema)
        return verdict


class RosterAnswers(SchemaExtension):
    """Serves remembered answers, audits every answer's demographics, remembers new ones."""

    def __init__(self, schema: Callable[[], GraphQLSchema]) -> None:
        self.schema = schema

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context = ctx.context
        answers = context.deps.answers
        key = self._key(context) if answers is not None else None
        version = context.roster_version
        found = answers.get(key, version) if answers is not None and key is not None else None
        if found is not None:
            ctx.result = ExecutionResult(found.data, None)
            context.revealed.student_ids.update(found.revealed)
        yield
        result = ctx.result
        if not isinstance(result, ExecutionResult):
            return
        try:
            await record_revealed(context)
        except ServiceUnavailable as error:
            result.data, result.errors = None, [error]
            return
        if found is None and key is not None and answers is not None and not result.errors:
            try:
                data = encoded(result.data or {})
            except orjson.JSONEncodeError:
                return  # strawberry's encoder will refuse it too; nothing worth keeping
            result.data = data  # this answer too is encoded once
            answers.put(key, version, Remembered(data, frozenset(context.revealed.student_ids)))

    def _key(self, context: Any) -> bytes | None:
        ctx = self.execution_context
        if context.viewer is None or context.roster_version is None or ctx.query is None:
            return None
        document = ctx.graphql_document
        if ctx.operation_type is not Operation.QUERY or document is None:
            return None
        if not context.deps.answers.roster_only(ctx.query, document, self.schema()):
            return None
        request = (ctx.query, ctx.variables or {}, ctx.operation_name)
        try:
            text = orjson.dumps(request, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:  # text no JSON can carry (a lone surrogate): not kept
            return None
        digest = hashlib.blake2b(text, digest_size=16)
        digest.update(repr(context.viewer).encode())
        return digest.digest()


K = TypeVar("K")
V = TypeVar("V")


def _at(kept: OrderedDict[K, tuple[int, V]], key: K, version: int) -> tuple[int, V] | None:
    """The entry under ``key`` if it was read at ``version``, made the most recently used."""
    found = kept.get(key)
    if found is None or found[0] != version:
        return None
    kept.move_to_end(key)
    return found


def _roster_only(document: DocumentNode, schema: GraphQLSchema) -> bool:
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
