"""A database dump as an attacker holding a backup would read it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from adapters.sqlalchemy.engine import make_engine
from tests.reliability.databases import every_row


def dump(database_url: str) -> bytes:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return sqlite_dump(Path(url.database or ""))
    return postgres_dump(database_url)


def sqlite_dump(path: Path) -> bytes:
    """The raw files (the write-ahead log included) and the SQL text of `.dump`."""
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    with sqlite3.connect(path) as conn:
        text = "\n".join(conn.iterdump())
    return raw + text.encode()


def postgres_dump(database_url: str) -> bytes:
    """`pg_dump --data-only` when it is installed, else every row of every table as text."""
    url = make_url(database_url)
    if shutil.which("pg_dump"):
        command = ["pg_dump", "--data-only", "-h", url.host or "127.0.0.1", "-U", url.username]
        command += ["-p", str(url.port or 5432), url.database or ""]
        env = {**os.environ, "PGCONNECT_TIMEOUT": "5"}
        return subprocess.run(command, check=True, capture_output=True, env=env).stdout
    engine = make_engine(database_url)
    try:
        return repr(every_row(engine)).encode()
    finally:
        engine.dispose()
