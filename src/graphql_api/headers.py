"""The one header policy every answer carries, whatever route or middleware sent it: no
sniffing, no framing (clickjacking), no referrer leaks, a strict CSP, nothing stored by the
browser or a proxy (pages show students), and HSTS when the service is served over https.

A route may set a header itself (static files revalidate instead of never being stored)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Everything a page needs comes from this origin: no CDN, no web font, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Not no-referrer: browsers would then send "Origin: null" with our own forms.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
HSTS = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}


def header_policy(https: bool) -> dict[str, str]:
    return {**SECURITY_HEADERS, **(HSTS if https else {})}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, https: bool) -> None:
        self.app = app
        self.headers = header_policy(https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
