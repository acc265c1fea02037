"""Where a manual sync's time goes, for bench.scale_manual_latency (RSBENCH_PHASES=1).

bench.scale_worker installs this in the `rostersync` processes it starts. Each task then logs
one line ``RSPHASE {json}``: its queue wait (published -> started, stamped by the web process),
its time in the worker, the CPU its thread used and the time it was runnable but waited for a
core (/proc/thread-self/schedstat), its SQL and Clever time and the Clever budget's share of
that, and for the district job the times its Clever requests went out. Ids and times only.
``report`` joins those lines with the presses the bench saw into a table.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from celery.signals import before_task_publish, task_postrun, task_prerun
from sqlalchemy import event
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from bench.scale_web import Press

SENT_HEADER = "rsbench_sent"
log = logging.getLogger("rsbench.phases")
_acc: dict[str, Any] = {}


def _schedstat() -> tuple[float, float]:
    """CPU time and time spent runnable but waiting for a CPU, of this thread, in seconds."""
    try:
        ran, waited, _ = Path("/proc/thread-self/schedstat").read_text().split()
    except OSError:
        return 0.0, 0.0
    return int(ran) / 1e9, int(waited) / 1e9


def _add(name: str, seconds: float) -> None:
    if _acc:
        _acc[name] = _acc.get(name, 0.0) + seconds
        _acc[f"{name}_n"] = _acc.get(f"{name}_n", 0) + 1


def _stamp(**kw: Any) -> None:
    headers = kw.get("headers")
    if isinstance(headers, dict):
        headers[SENT_HEADER] = time.time()


def _before_sql(conn: Any, *_: Any) -> None:
    conn.info.setdefault("rsbench_t", []).append(time.perf_counter())


def _after_sql(conn: Any, *_: Any) -> None:
    started = conn.info.get("rsbench_t")
    if started:
        _add("sql", time.perf_counter() - started.pop())


def _prerun(task: Any, args: Sequence[Any] = (), **_: Any) -> None:
    _acc.clear()
    ran, waited = _schedstat()
    request = task.request
    sent = getattr(request, SENT_HEADER, None) or (request.headers or {}).get(SENT_HEADER)
    _acc.update(
        t0=time.perf_counter(),
        cpu0=ran,
        wait0=waited,
        queue=(time.time() - sent) if sent else None,
        task=task.name,
        run=args[2] if len(args) > 2 else None,
        spends=[],
    )


def _postrun(**_: Any) -> None:
    if not _acc:
        return
    ran, waited = _schedstat()
    found = dict(_acc)
    found.update(
        wall=time.perf_counter() - found.pop("t0"),
        cpu=ran - found.pop("cpu0"),
        runq=waited - found.pop("wait0"),
        end=time.time(),
    )
    log.warning("RSPHASE %s", json.dumps(found))
    _acc.clear()


def install() -> None:
    from adapters.clever import http

    spend = getattr(http, "spend")  # noqa: B009 - replaced below, for this bench alone
    request = http.CleverHttp.request

    def timed_spend(*args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        try:
            spend(*args, **kwargs)
        finally:
            _add("spend", time.perf_counter() - started)
            if _acc:
                _acc["spends"].append(round(time.time(), 3))

    def timed_request(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return request(self, *args, **kwargs)
        finally:
            _add("clever", time.perf_counter() - started)

    setattr(http, "spend", timed_spend)  # noqa: B010
    http.CleverHttp.request = timed_request  # type: ignore[method-assign]
    event.listen(Engine, "before_cursor_execute", _before_sql)
    event.listen(Engine, "after_cursor_execute", _after_sql)
    before_task_publish.connect(_stamp, weak=False)
    task_prerun.connect(_prerun, weak=False)
    task_postrun.connect(_postrun, weak=False)


PHASE_LINE = re.compile(r"RSPHASE (\{.*\})")
COLUMNS = (
    ("seen", "press to seen ended"),
    ("mutation", "mutation"),
    ("queue", "queue wait"),
    ("wall", "in the worker"),
    ("cpu", "its CPU"),
    ("runq", "waiting for a core"),
    ("sql", "SQL"),
    ("clever", "Clever"),
    ("spend", "of which budget"),
    ("after", "ended to seen"),
)


def report(groups: Mapping[str, Sequence[Press]], worker_log: str) -> list[str]:
    """Markdown rows, p50 / p95 in ms: each group of presses (bench.scale_web.Press), busy ones
    also split by whether the district job sent Clever requests during the press."""
    tasks = [json.loads(line) for line in PHASE_LINE.findall(worker_log)]
    runs = {t["run"]: t for t in tasks if t["task"] == "rostersync.sync_teacher"}
    sent = sorted(s for t in tasks if t["task"] == "rostersync.sync_district" for s in t["spends"])

    def in_burst(press: Press) -> bool:
        return bisect.bisect_left(sent, press.at + press.seconds) > bisect.bisect_left(
            sent, press.at
        )

    rows = ["| presses | n | " + " | ".join(title for _, title in COLUMNS) + " |"]
    rows.append("| --- " * (len(COLUMNS) + 2) + "|")
    named: dict[str, Sequence[Press]] = dict(groups)
    for name, presses in groups.items():
        if name.startswith("busy"):
            named[f"{name}, district job sending"] = [p for p in presses if in_burst(p)]
            named[f"{name}, district job waiting"] = [p for p in presses if not in_burst(p)]
    for name, presses in named.items():
        found: dict[str, list[float]] = {key: [] for key, _ in COLUMNS}
        for press in presses:
            task = runs.get(press.run_id)
            found["seen"].append(press.seconds)
            found["mutation"].append(press.mutation)
            if task is None:
                continue
            for key in ("queue", "wall", "cpu", "runq", "sql", "clever", "spend"):
                found[key].append(task.get(key) or 0.0)
            found["after"].append(press.at + press.seconds - task["end"])
        cells = [_p50_p95(found[key]) for key, _ in COLUMNS]
        rows.append(f"| {name} | {len(presses)} | " + " | ".join(cells) + " |")
    return rows


def _p50_p95(seconds: list[float]) -> str:
    from bench.table import percentile

    if not seconds:
        return ""
    return f"{percentile(seconds, 0.5) * 1000:.0f} / {percentile(seconds, 0.95) * 1000:.0f}"
