"""`rostersync serve` in production refuses missing or guessable keys and a non-https public
URL, before anything starts, with one line that says what to set (no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

STRONG_SECRET = "Jq3vX9-2mWc0dLr8sTz4_bYk7NfA1hGu5eQpRoC6iVxE0wKl"
STRONG_TOKEN_KEY = Fernet.generate_key().decode()
WEAK_TOKEN_KEY = "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA="  # 32 bytes of "0"
GOOD = {
    "ROSTERSYNC_ENV": "production",
    "ROSTERSYNC_SECRET_KEY": STRONG_SECRET,
    "ROSTERSYNC_TOKEN_KEY": STRONG_TOKEN_KEY,
    "ROSTERSYNC_PUBLIC_URL": "https://rostersync.example.org",
}


def rostersync(
    tmp_path: Path, *args: str, **settings: str | None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROSTERSYNC_")}
    env["ROSTERSYNC_DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.db'}"
    env.update({k: v for k, v in {**GOOD, **settings}.items() if v is not None})
    command = [sys.executable, "-c", "from adapters.cli import main; main()", *args]
    return subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("settings", "named", "advice"),
    [
        ({"ROSTERSYNC_SECRET_KEY": "x"}, "ROSTERSYNC_SECRET_KEY", "secrets.token_urlsafe"),
        ({"ROSTERSYNC_SECRET_KEY": "a" * 80}, "ROSTERSYNC_SECRET_KEY", "secrets.token_urlsafe"),
        ({"ROSTERSYNC_SECRET_KEY": "correct horse"}, "ROSTERSYNC_SECRET_KEY", "token_urlsafe"),
        ({"ROSTERSYNC_SECRET_KEY": None}, "ROSTERSYNC_SECRET_KEY", "token_urlsafe"),
        ({"ROSTERSYNC_TOKEN_KEY": None}, "ROSTERSYNC_TOKEN_KEY", "Fernet.generate_key"),
        ({"ROSTERSYNC_TOKEN_KEY": "not-a-key"}, "ROSTERSYNC_TOKEN_KEY", "Fernet.generate_key"),
        ({"ROSTERSYNC_TOKEN_KEY": WEAK_TOKEN_KEY}, "ROSTERSYNC_TOKEN_KEY", "randomness"),
        (
            {"ROSTERSYNC_PUBLIC_URL": "http://rostersync.example.org"},
            "ROSTERSYNC_PUBLIC_URL",
            "https://",
        ),
    ],
    ids=["x", "repeated", "phrase", "no secret", "no token key", "malformed", "zeros", "http"],
)
def test_serve_refuses_unsafe_production_settings_in_one_line(
    tmp_path: Path, settings: dict[str, str | None], named: str, advice: str
) -> None:
    result = rostersync(tmp_path, "serve", "--port", "1", **settings)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert named in line and advice in line


def test_every_problem_is_named_at_once(tmp_path: Path) -> None:
    result = rostersync(
        tmp_path,
        "worker",
        ROSTERSYNC_SECRET_KEY="x",
        ROSTERSYNC_TOKEN_KEY=None,
        ROSTERSYNC_PUBLIC_URL="http://10.0.0.1",
    )

    (line,) = result.stderr.strip().splitlines()
    for name in ("ROSTERSYNC_SECRET_KEY", "ROSTERSYNC_TOKEN_KEY", "ROSTERSYNC_PUBLIC_URL"):
        assert name in line


def test_safe_production_settings_and_development_pass_the_check(tmp_path: Path) -> None:
    assert rostersync(tmp_path, "migrate").returncode == 0
    # No roster to show, but the settings were accepted: the refusal is about the teacher.
    shown = rostersync(tmp_path, "show-roster", "--teacher", "t1", "--json")
    assert "ROSTERSYNC_" not in shown.stderr, shown.stderr
    dev = rostersync(
        tmp_path,
        "show-roster",
        "--teacher",
        "t1",
        "--json",
        ROSTERSYNC_ENV="development",
        ROSTERSYNC_SECRET_KEY="x",
        ROSTERSYNC_PUBLIC_URL="http://127.0.0.1:8000",
    )
    assert "ROSTERSYNC_SECRET_KEY" not in dev.stderr, dev.stderr


def test_migrate_needs_no_keys(tmp_path: Path) -> None:
    result = rostersync(tmp_path, "migrate", ROSTERSYNC_SECRET_KEY=None, ROSTERSYNC_TOKEN_KEY=None)

    assert result.returncode == 0, result.stderr
