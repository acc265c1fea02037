"""Use-case outcomes -> GraphQL union members."""

from __future__ import annotations

from application import results as app
from graphql_api.context import GraphQLContext
from graphql_api.types import results as gql
from graphql_api.types.sync import SyncRun

SyncOutcome = (
    app.SyncStarted
    | app.RecentSync
    | app.CleverNotLinked
    | app.PremiumRequired
    | app.SyncAlreadyRunning
    | app.TeacherNotFound
    | app.NotFound
)


def sync_result(
    context: GraphQLContext, result: SyncOutcome
) -> SyncRun | gql.CleverNotLinked | gql.PremiumRequired | gql.SyncAlreadyRunning | gql.NotFound:
    if isinstance(result, app.SyncStarted):
        context.metrics.observe_sync(result.run)
        return SyncRun.from_domain(result.run, result.next_sync_allowed_at)
    if isinstance(result, app.RecentSync):
        return SyncRun.from_domain(result.run, result.next_sync_allowed_at)
    if isinstance(result, app.SyncAlreadyRunning):
        return gql.SyncAlreadyRunning(message=result.message, run_id=result.run_id)
    return refusal(result)


def refusal(
    result: app.CleverNotLinked | app.PremiumRequired | app.TeacherNotFound | app.NotFound,
) -> gql.CleverNotLinked | gql.PremiumRequired | gql.NotFound:
    if isinstance(result, app.CleverNotLinked):
        return gql.CleverNotLinked(message=result.message)
    if isinstance(result, app.PremiumRequired):
        return gql.PremiumRequired(message=result.message)
    if isinstance(result, app.TeacherNotFound):
        return gql.NotFound(message="Your Clever teacher record could not be found.")
    return gql.NotFound(message=result.message)


def not_linked() -> gql.CleverNotLinked:
    return gql.CleverNotLinked(message=app.CleverNotLinked().message)
