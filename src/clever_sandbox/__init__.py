"""Clever API simulator ("sandbox"): Data API v3.0/v3.1, Events, OAuth/OIDC.

A Starlette app that answers like https://api.clever.com and https://clever.com
for a deterministic generated district, so a real Clever client can talk to
it unchanged.

Run it standalone::

    CLEVER_SANDBOX_SEED=1 CLEVER_SANDBOX_STUDENTS=2000 \\
    PYTHONPATH=src uvicorn --factory clever_sandbox.app:create_app --port 8001

Env vars: CLEVER_SANDBOX_SEED (1), CLEVER_SANDBOX_STUDENTS (2000, per
district), CLEVER_SANDBOX_DISTRICTS (1), CLEVER_SANDBOX_CLIENT_ID /
CLEVER_SANDBOX_CLIENT_SECRET (sandbox-client-id / sandbox-client-secret),
CLEVER_SANDBOX_PUBLIC_URL (http://127.0.0.1:8001; the OIDC issuer).

Then `GET /_sandbox/summary` lists district ids, their bearer tokens and a
sample teacher/student. Scripted roster changes and faults are
`POST /_sandbox/changes` / `POST /_sandbox/faults` with
`{"op": "<Sandbox or Faults method>", "args": {...}}`; request counts are at
`GET /_sandbox/requests` (reset with `POST /_sandbox/requests/reset`).

In-process (tests, demos, benchmarks)::

    from clever_sandbox.state import Sandbox
    from clever_sandbox.server import serve_in_thread

    with serve_in_thread(Sandbox(seed=7, students=500)) as running:
        ...  # running.url, running.sandbox.drop(...), running.sandbox.faults...
"""
