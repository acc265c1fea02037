"""Parsing and validation, each done once per distinct query text.

Strawberry parses and validates as usual the first time a query text arrives (with the token
limit and this schema's extra rules); the document and the validation errors are then kept
under that text, so a repeat skips both. Validation depends only on the document and the rules,
and one query text always parses to the same document, so the text is the whole key: unlike a
cache keyed by the document, a hit costs no walk over the document's tree. One cache per
schema (the production schema has rules of its own); bounded, least recently used out first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import TypeVar

from strawberry.extensions import SchemaExtension

from graphql import ASTValidationRule, DocumentNode, GraphQLError

T = TypeVar("T")


class DocumentCache:
    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.documents: OrderedDict[str, DocumentNode] = OrderedDict()
        self.errors: OrderedDict[str, list[GraphQLError]] = OrderedDict()

    def get(self, kept: OrderedDict[str, T], query: str) -> T | None:
        found = kept.get(query)
        if found is not None:
            kept.move_to_end(query)
        return found

    def keep(self, kept: OrderedDict[str, T], query: str, value: T) -> None:
        kept[query] = value
        while len(kept) > self.max_entries:
            kept.popitem(last=False)


class CachedDocuments(SchemaExtension):
    """The token limit and the extra validation rules apply to every parse and validation."""

    def __init__(
        self, cache: DocumentCache, max_tokens: int, rules: Sequence[type[ASTValidationRule]]
    ) -> None:
        self.cache = cache
        self.max_tokens = max_tokens
        self.rules = tuple(rules)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        found = self.cache.get(self.cache.documents, query) if query else None
        if found is not None:
            context.graphql_document = found  # strawberry parses only when none is set
        else:
            context.parse_options["max_tokens"] = self.max_tokens
        yield
        if found is None and query and context.graphql_document is not None:
            self.cache.keep(self.cache.documents, query, context.graphql_document)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        found = self.cache.get(self.cache.errors, query) if query else None
        if found is not None:
            context.pre_execution_errors = found  # strawberry validates only when none are set
        else:
            context.validation_rules = context.validation_rules + self.rules
        yield
        errors = context.pre_execution_errors
        if found is None and query and errors is not None:
            self.cache.keep(self.cache.errors, query, errors)
