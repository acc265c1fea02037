"""Request checks shared by the form routes: same-origin posts and safe redirect targets."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

DEFAULT_NEXT = "/"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def cross_site(request: Request, public_url: str) -> bool:
    """A browser post from another site: its Origin (when sent) is not ours."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    return origin.rstrip("/").lower() != origin_of(public_url)


def safe_next(target: object, default: str = DEFAULT_NEXT) -> str:
    """A same-origin relative path, or the default: never another host (open redirect)."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2_000:
        return default
    if target.startswith("//") or "\\" in target:
        return default
    # Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would leave the site.
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
