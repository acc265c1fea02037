"""JSON admin endpoints under /_sandbox for scripts in other processes."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .records import Record
from .responses import error, json_response
from .section_changes import UnknownRecord
from .state import Sandbox

CHANGE_OPS = frozenset(
    {
        "enroll",
        "drop",
        "move_student",
        "rename_section",
        "delete_section",
        "unshare_section",
        "reshare_section",
        "set_section_teachers",
        "set_section_grade",
        "set_student_field",
        "add_student",
        "add_teacher",
        "add_section",
        "delete_user",
        "set_raw",
        "change_fraction",
        "expire_events_before",
        "new_school_year",
        "end_terms",
    }
)
FAULT_OPS = frozenset(
    {
        "rate_limit_burst",
        "server_errors",
        "latency",
        "truncate_next",
        "html_next",
        "random_429",
        "fail_after",
        "clear",
    }
)


def summary(sandbox: Sandbox) -> Record:
    with sandbox.lock:
        districts = []
        for district_id in sandbox.districts:
            store = sandbox.store(district_id)
            teacher = sandbox.sample_teacher(district_id)
            districts.append(
                {
                    "id": district_id,
                    "name": store.record.get("name"),
                    "token": store.token,
                    "counts": {
                        "schools": len(store.schools),
                        "teachers": len(store.teachers),
                        "students": len(store.students),
                        "sections": len(store.sections),
                        "terms": len(store.terms),
                        "courses": len(store.courses),
                        "events": len(store.events),
                    },
                    "last_event_id": store.events.last_id(),
                    "sample_teacher_id": teacher.get("id"),
                    "sample_student_id": sandbox.sample_student(district_id, teacher.get("id")).get(
                        "id"
                    ),
                }
            )
    first = districts[0]
    return {
        "client_id": sandbox.client_id,
        "public_url": sandbox.public_url,
        "districts": districts,
        "district_id": first["id"],
        "district_token": first["token"],
        "sample_teacher_id": first["sample_teacher_id"],
        "sample_student_id": first["sample_student_id"],
    }


async def _command(request: Request) -> tuple[str, Record]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("op"), str):
        raise ValueError('body must be {"op": "<name>", "args": {...}}')
    args = body.get("args") or {}
    if not isinstance(args, dict):
        raise ValueError("args must be an object")
    return body["op"], args


def admin_routes(sandbox: Sandbox) -> list[Route]:
    async def get_summary(request: Request) -> Response:
        return json_response(summary(sandbox))

    async def run(request: Request, allowed: frozenset[str], target: object) -> Response:
        try:
            op, args = await _command(request)
            if op not in allowed:
                return error(400, f"unknown op {op!r}; expected one of {sorted(allowed)}")
            result = getattr(target, op)(**args)
        except UnknownRecord as exc:
            return error(404, str(exc))
        except (TypeError, ValueError, KeyError) as exc:
            return error(400, f"{type(exc).__name__}: {exc}")
        return json_response({"ok": True, "result": result})

    async def changes(request: Request) -> Response:
        return await run(request, CHANGE_OPS, sandbox)

    async def faults(request: Request) -> Response:
        return await run(request, FAULT_OPS, sandbox.faults)

    async def requests(request: Request) -> Response:
        return json_response(
            {"total": sandbox.requests.total, "by_endpoint": sandbox.requests.by_endpoint}
        )

    async def reset_requests(request: Request) -> Response:
        sandbox.requests.reset()
        return json_response({"ok": True})

    return [
        Route("/_sandbox/summary", get_summary, methods=["GET"]),
        Route("/_sandbox/changes", changes, methods=["POST"]),
        Route("/_sandbox/faults", faults, methods=["POST"]),
        Route("/_sandbox/requests", requests, methods=["GET"]),
        Route("/_sandbox/requests/reset", reset_requests, methods=["POST"]),
    ]
