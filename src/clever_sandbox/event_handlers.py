"""Handlers for `/events`, `/events/{id}` and `/me`."""

from __future__ import annotations

from .envelopes import ApiContext, ApiError, listing
from .records import Record
from .roster_handlers import Handler
from .versions import render_event


def events(ctx: ApiContext) -> Record:
    log = ctx.store.events
    cursor = ctx.query.get("starting_after")
    if cursor and not log.knows(cursor):
        # Unknown or expired cursor: the client must fall back to a full sync.
        raise ApiError(404, f"event {cursor} not found")
    record_types = set(ctx.query.getlist("record_type"))
    ids = log.ids()
    if record_types:
        ids = [e["id"] for e in log.live() if e["type"].split(".")[0] in record_types]
    # `ending_before=last` (Clever's "newest events" idiom) needs no special
    # case: "last" sorts after every lower-case hex id.
    return listing(
        ctx,
        "events",
        ids,
        log.get,
        render_item=lambda e: render_event(e, ctx.version),  # type: ignore[arg-type]
    )


def event(ctx: ApiContext) -> Record:
    found = ctx.store.events.get(ctx.params["id"])
    if found is None:
        raise ApiError(404, f"event {ctx.params['id']} not found")
    return {
        "data": render_event(found, ctx.version),
        "links": [{"rel": "self", "uri": ctx.self_uri}],
    }


def me(ctx: ApiContext) -> Record:
    principal = ctx.principal
    district_uri = f"/{ctx.version}/districts/{principal.district_id}"
    if principal.is_district:
        return {
            "type": "district",
            "data": {
                "id": principal.district_id,
                "district": principal.district_id,
                "type": "district",
            },
            "links": [{"rel": "self", "uri": "/me"}, {"rel": "canonical", "uri": district_uri}],
        }
    return {
        "type": "user",
        "data": {
            "id": principal.user_id,
            "district": principal.district_id,
            "type": "user",
            "authorized_by": "district",
        },
        "links": [
            {"rel": "self", "uri": "/me"},
            {"rel": "canonical", "uri": f"/{ctx.version}/users/{principal.user_id}"},
            {"rel": "district", "uri": district_uri},
        ],
    }


EVENT_ROUTES: dict[str, Handler] = {"/events": events, "/events/{id}": event, "/me": me}
