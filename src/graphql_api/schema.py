"""The strawberry schema, hardened: depth, token and alias limits; production masks errors,
refuses introspection and names no fields in its errors ("Did you mean ...?"). Parsing and
validation are cached per distinct query text; repeat roster reads are answered from memory."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import strawberry
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from graphql import (
    ASTValidationRule,
    GraphQLSchema,
    NoSchemaIntrospectionCustomRule,
)
from graphql import (
    build_schema as schema_from_sdl,
)
from graphql_api.answers import RosterAnswers
from graphql_api.documents import CachedDocuments, DocumentCache
from graphql_api.errors import is_public
from graphql_api.mutations import Mutation
from graphql_api.queries import Query

MAX_DEPTH = 10
MAX_TOKENS = 2_000
MAX_ALIASES = 30
CACHED_DOCUMENTS = 256
MASKED_MESSAGE = "Something went wrong on our side. Please try again."
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


@cache
def build_schema(production: bool) -> strawberry.Schema:
    """One schema per mode, shared by every app in the process (it holds no request state)."""
    rules = validation_rules(production)
    documents = DocumentCache(CACHED_DOCUMENTS)
    # Factories, not instances: every request gets fresh extension state.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: CachedDocuments(documents, MAX_TOKENS, rules),
        lambda: RosterAnswers(lambda: type_system(production)),
    ]
    if production:
        extensions += [_mask_unexpected_errors, NoSuggestions]
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)


@cache
def type_system(production: bool) -> GraphQLSchema:
    """The schema's types as graphql-core sees them, from its SDL (for reading documents)."""
    return schema_from_sdl(build_schema(production).as_str())


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


class NoSuggestions(SchemaExtension):
    """Errors name no field or type the query did not: without introspection, suggestions
    would describe the schema to whoever guesses."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = (result.errors if result else None) or self.execution_context.pre_execution_errors
        for error in errors or ():
            error.message = SUGGESTION.sub("", error.message)
