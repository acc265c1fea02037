"""Secrets for development and the demo: generated once and kept beside the working tree.

Production must set ROSTERSYNC_SECRET_KEY and ROSTERSYNC_TOKEN_KEY; nothing is generated there.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

DEV_KEYS_FILE = Path(".rostersync-dev-keys.json")


class MissingSecret(RuntimeError):
    pass


def resolve_keys(
    secret_key: str | None, token_key: str | None, production: bool, path: Path = DEV_KEYS_FILE
) -> tuple[str, str]:
    if secret_key and token_key:
        return secret_key, token_key
    if production:
        missing = [
            name
            for name, value in (
                ("ROSTERSYNC_SECRET_KEY", secret_key),
                ("ROSTERSYNC_TOKEN_KEY", token_key),
            )
            if not value
        ]
        raise MissingSecret(f"production needs {' and '.join(missing)} to be set")
    stored = _load(path)
    return secret_key or stored["secret_key"], token_key or stored["token_key"]


def _load(path: Path) -> dict[str, str]:
    if path.exists():
        data = json.loads(path.read_text())
        if isinstance(data, dict) and {"secret_key", "token_key"} <= data.keys():
            return {k: str(data[k]) for k in ("secret_key", "token_key")}
    data = {"secret_key": secrets.token_urlsafe(48), "token_key": Fernet.generate_key().decode()}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle)
    return data
