"""Small server-rendered pages: one layout, every value escaped."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse

_LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · rostersync</title>
<link rel="stylesheet" href="/static/pages.css">
</head><body><h1>{title}</h1>
{body}
</body></html>"""


def page(title: str, body: str, status_code: int = 200) -> HTMLResponse:
    """``body`` is trusted markup: build it with ``escape`` around every value."""
    return HTMLResponse(_LAYOUT.format(title=escape(title), body=body), status_code=status_code)


def message(text: str | None, css: str = "error") -> str:
    if not text:
        return ""
    return f'<p class="{css}" role="alert">{escape(text)}</p>'


def hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
