"""Every leaf field the API's queries can reach, one GraphQL document per leaf."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
)
from graphql_api.schema import build_schema

# Arguments for the fields that take some: the roots name the class and run under test.
ARGUMENTS = {
    "class": "(id: $class)",
    "syncRun": "(id: $run)",
    "classes": "(includeArchived: true)",
    "syncRuns": "(first: 100)",
    "explainStudent": '(search: "Ada")',
}
VARIABLES = {"class": "($class: ID!)", "syncRun": "($run: ID!)", "viewer": ""}


def graphql_schema() -> GraphQLSchema:
    return build_schema(False)._schema


def leaf_selections(field_name: str, field: GraphQLField, depth: int = 0) -> Iterator[str]:
    """``name { child { leaf } }`` for every leaf below this field."""
    head = f"{field_name}{ARGUMENTS.get(field_name, '')}"
    named = get_named_type(field.type)
    if is_leaf_type(named):
        yield head
        return
    assert isinstance(named, GraphQLObjectType), f"{field_name}: unions are not walked"
    assert depth < 6, f"{field_name}: the walk is too deep"
    for child_name, child in named.fields.items():
        for selection in leaf_selections(child_name, child, depth + 1):
            yield f"{head} {{ {selection} }}"


def query_documents() -> dict[str, list[str]]:
    """Root query field -> one document per leaf it reaches."""
    query_type = graphql_schema().query_type
    assert query_type is not None
    return {
        root: [
            f"query{VARIABLES[root]} {{ {selection} }}"
            for selection in leaf_selections(root, field)
        ]
        for root, field in query_type.fields.items()
    }
