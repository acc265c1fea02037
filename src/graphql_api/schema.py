"""The strawberry schema, hardened: depth, token and alias limits; production masks errors
and refuses introspection. Parsing and validation are cached per distinct document."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from graphql import ASTValidationRule, GraphQLEnumType, NoSchemaIntrospectionCustomRule
from graphql_api.errors import is_public
from graphql_api.mutations import Mutation
from graphql_api.queries import Query

MAX_DEPTH = 10
MAX_TOKENS = 2_000
MAX_ALIASES = 30
CACHED_DOCUMENTS = 256
MASKED_MESSAGE = "Something went wrong on our side. Please try again."


@cache
def build_schema(production: bool) -> strawberry.Schema:
    """One schema per mode, shared by every app in the process (it holds no request state)."""
    rules = validation_rules(production)
    # Factories, not instances: every request gets fresh extension state. The rule classes
    # are built once so that the validation cache recognises a document it has seen.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(rules),
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
    ]
    if production:
        extensions.append(_mask_unexpected_errors)
    schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
    _serialize_enums_by_lookup(schema)
    return schema


def _serialize_enums_by_lookup(schema: strawberry.Schema) -> None:
    """Enum members are written by a dictionary lookup. Strawberry scans the members for each
    value it writes, and a roster writes a grade level for every student."""
    for graphql_type in schema._schema.type_map.values():
        wrapped = getattr(graphql_type, "wrapped_cls", None)
        if not isinstance(graphql_type, GraphQLEnumType) or wrapped is None:
            continue
        names = {member: name for name, member in wrapped.__members__.items()}
        names_by_value = {v.value: name for name, v in graphql_type.values.items()}
        if any(names_by_value.get(member.value) != name for member, name in names.items()):
            continue  # GraphQL names that are not the members' names: keep strawberry's scan
        graphql_type.serialize = _lookup(names, graphql_type.serialize)  # type: ignore[method-assign, assignment, unused-ignore]


def _lookup(names: dict[Any, str], fallback: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def serialize(value: Any) -> Any:
        name = names.get(value) if isinstance(value, Enum) else None
        return name if name is not None else fallback(value)

    return serialize


def validation_rules(production: bool) -> list[type[ASTValidationRule]]:
    rules = [
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    if production:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


def _mask_unexpected_errors() -> MaskErrors:
    return MaskErrors(should_mask_error=lambda e: not is_public(e), error_message=MASKED_MESSAGE)
