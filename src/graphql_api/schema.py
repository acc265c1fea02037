"""The strawberry schema, hardened: depth, token and alias limits; production masks errors
and refuses introspection. Parsing and validation are cached per distinct document."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

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

from graphql import ASTValidationRule, NoSchemaIntrospectionCustomRule
from graphql_api.audit import AuditRevealedDemographics
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
        AuditRevealedDemographics,
    ]
    if production:
        extensions.append(_mask_unexpected_errors)
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)


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
