"""`rostersync demo`: the sandbox, a migrated SQLite database, Premium for the demo district, the app."""

from __future__ import annotations

import os
import threading
import time

import click
import httpx
import uvicorn

from adapters.cli import wiring
from adapters.cli.context import CliError, friendly_errors, load_settings

SANDBOX_CLIENT_ID = "sandbox-client-id"
SANDBOX_CLIENT_SECRET = "sandbox-client-secret"


def run_demo(*, port: int, sandbox_port: int, students: int) -> None:
    sandbox_url = f"http://127.0.0.1:{sandbox_port}"
    _point_at_sandbox(sandbox_url, port, students)
    sandbox_server = _start_sandbox(sandbox_port)
    try:
        summary = _wait_for_sandbox(sandbox_url)
        settings = load_settings()
        with friendly_errors():
            wiring.migrate(settings)
            services = wiring.services(settings)
            for district_id in services.directory.connected_district_ids():
                wiring.ensure_district_premium(services, district_id)
        _print_welcome(settings.public_url, sandbox_url, summary)
        uvicorn.run(wiring.ASGI_APP, factory=True, host="127.0.0.1", port=port, log_level="warning")
    finally:
        sandbox_server.should_exit = True
        click.echo("demo stopped")


def _point_at_sandbox(sandbox_url: str, port: int, students: int) -> None:
    os.environ.update(
        ROSTERSYNC_CLEVER_API_URL=sandbox_url,
        ROSTERSYNC_CLEVER_OAUTH_URL=sandbox_url,
        ROSTERSYNC_CLEVER_CLIENT_ID=SANDBOX_CLIENT_ID,
        ROSTERSYNC_CLEVER_CLIENT_SECRET=SANDBOX_CLIENT_SECRET,
        ROSTERSYNC_PUBLIC_URL=f"http://127.0.0.1:{port}",
        CLEVER_SANDBOX_STUDENTS=str(students),
        CLEVER_SANDBOX_SEED=os.environ.get("CLEVER_SANDBOX_SEED", "1"),
        CLEVER_SANDBOX_CLIENT_ID=SANDBOX_CLIENT_ID,
        CLEVER_SANDBOX_CLIENT_SECRET=SANDBOX_CLIENT_SECRET,
        CLEVER_SANDBOX_PUBLIC_URL=sandbox_url,
    )
    os.environ.pop("ROSTERSYNC_CELERY_BROKER_URL", None)


def _start_sandbox(port: int) -> uvicorn.Server:
    config = uvicorn.Config(
        "clever_sandbox.app:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, name="clever-sandbox", daemon=True).start()
    return server


def _wait_for_sandbox(url: str, timeout: float = 60.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/_sandbox/summary", timeout=2.0)
            if response.status_code == 200:
                data = response.json()
                return data if isinstance(data, dict) else {}
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise CliError(f"the Clever sandbox did not start on {url}")


def _print_welcome(public_url: str, sandbox_url: str, summary: dict[str, object]) -> None:
    teacher, student = _samples(summary)
    click.echo(f"\nrostersync demo: {public_url}\n")
    click.echo(f"  Clever sandbox:  {sandbox_url}")
    click.echo("  Log in:          open the page, click 'Log in with Clever' and pick a user")
    if teacher:
        click.echo(f"  Sample teacher:  Clever id {teacher} (has co-taught sections)")
        click.echo(
            f"                   {public_url}/auth/clever/login, or {sandbox_url}/oauth/authorize?... with user_id={teacher}"
        )
    if student:
        click.echo(f"  Sample student:  Clever id {student} (in the sample teacher's classes)")
    click.echo("  Stop:            Ctrl-C\n")


def _samples(summary: dict[str, object]) -> tuple[str | None, str | None]:
    districts = summary.get("districts")
    first = districts[0] if isinstance(districts, list) and districts else summary
    if not isinstance(first, dict):
        return None, None
    teacher = first.get("sample_teacher") or first.get("sample_teacher_id")
    student = first.get("sample_student") or first.get("sample_student_id")
    return (str(teacher) if teacher else None, str(student) if student else None)
