"""What production refuses to start with: missing or guessable keys, and a non-https address.

Each problem is one line that names the setting and says what to set instead.
"""

from __future__ import annotations

import base64
import binascii
import math
import string

from adapters.settings import Settings

MIN_RANDOM_BYTES = 32
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'
MAKE_FERNET = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)
_HEX = frozenset(string.hexdigits)
_BASE64 = frozenset(string.ascii_letters + string.digits + "-_+/=")


class UnsafeProductionSettings(RuntimeError):
    """One line: every setting production refuses, and what to set."""


def check_production(settings: Settings) -> None:
    if not settings.production:
        return
    problems = production_problems(settings)
    if problems:
        raise UnsafeProductionSettings("; ".join(problems))


def production_problems(settings: Settings) -> list[str]:
    problems = []
    secret, token = settings.secret_key or "", settings.token_key or ""
    if not secret:
        problems.append(
            f"production needs ROSTERSYNC_SECRET_KEY: set it to the output of {MAKE_SECRET}"
        )
    elif estimated_random_bytes(secret) < MIN_RANDOM_BYTES:
        problems.append(
            f"ROSTERSYNC_SECRET_KEY has less than {MIN_RANDOM_BYTES} bytes of randomness "
            f"(anyone could forge a session): set it to the output of {MAKE_SECRET}"
        )
    if not token:
        problems.append(
            f"production needs ROSTERSYNC_TOKEN_KEY: set it to the output of {MAKE_FERNET}"
        )
    else:
        problem = _token_key_problem(token)
        if problem:
            problems.append(problem)
    if not settings.public_url.startswith("https://"):
        problems.append(
            "ROSTERSYNC_PUBLIC_URL must be an https:// address in production (session cookies "
            "travel only over HTTPS): set it to the address people use, e.g. https://rostersync.example.org"
        )
    return problems


def estimated_random_bytes(secret: str) -> float:
    """Length times the bits a character of its alphabet (hex, base64 or any printable) can
    carry; a secret made of few distinct characters ("aaaa…", "abab…") counts as none."""
    characters = set(secret)
    if characters <= _HEX:
        alphabet = 16
    elif characters <= _BASE64:
        alphabet = 64
    else:
        alphabet = 95
    if len(characters) < min(alphabet, len(secret)) / 4:
        return 0.0
    return len(secret) * math.log2(alphabet) / 8


def _token_key_problem(token_key: str) -> str | None:
    """The newest key encrypts: it must be a Fernet key of 32 random-looking bytes."""
    newest = next((k.strip() for k in token_key.split(",") if k.strip()), "")
    try:
        raw = base64.urlsafe_b64decode(newest.encode())
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        return (
            "ROSTERSYNC_TOKEN_KEY must be Fernet keys (32 url-safe base64 bytes), newest first "
            f"and comma-separated: set it to the output of {MAKE_FERNET}"
        )
    if len(set(raw)) < 16:  # 32 random bytes repeat a value two or three times at most
        return (
            f"ROSTERSYNC_TOKEN_KEY has less than {MIN_RANDOM_BYTES} bytes of randomness: "
            f"set it to the output of {MAKE_FERNET}"
        )
    return None
