"""Small, friendly HTML pages for sign-in problems. Every piece of text is escaped."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse

LOGIN_AGAIN = ("/auth/clever/login", "Log in with Clever")
HOME = ("/", "Go to the home page")
ACCOUNT = ("/account", "Back to your account")
MAX_CLEVER_TEXT = 300


def page(
    title: str, paragraphs: list[str], links: list[tuple[str, str]], status_code: int
) -> HTMLResponse:
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    actions = "".join(
        f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for href, label in links
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}<ul>{actions}</ul></main></body></html>"
    )
    return HTMLResponse(html, status_code=status_code)


def clever_said_no(error: str, description: str | None) -> HTMLResponse:
    said = (description or error or "no reason given")[:MAX_CLEVER_TEXT]
    return page(
        "Clever did not sign you in",
        [f"Clever said: {said}", "You can try again, or ask your teacher for help."],
        [LOGIN_AGAIN, HOME],
        400,
    )


def attempt_expired() -> HTMLResponse:
    return page(
        "This sign-in link has expired",
        ["Sign-in links work once and only for a few minutes. Please log in again."],
        [LOGIN_AGAIN, HOME],
        400,
    )


def code_already_used() -> HTMLResponse:
    return page(
        "This sign-in link was already used",
        ["For your safety each sign-in link works only once. Please log in again."],
        [LOGIN_AGAIN, HOME],
        400,
    )


def not_confirmed() -> HTMLResponse:
    return page(
        "We could not confirm your Clever sign-in",
        ["Nothing was changed. Please log in with Clever again."],
        [LOGIN_AGAIN, HOME],
        400,
    )


def clever_unavailable() -> HTMLResponse:
    return page(
        "Clever is not answering right now",
        ["Please wait a minute and try again."],
        [LOGIN_AGAIN, HOME],
        502,
    )


def not_for_this_role(message: str) -> HTMLResponse:
    return page(
        "This product is for teachers and students",
        [message, "If you think this is a mistake, contact your district's Clever administrator."],
        [HOME],
        403,
    )


def link_refused(message: str) -> HTMLResponse:
    return page(
        "Clever was not connected",
        [message, "Nothing was changed on your account."],
        [ACCOUNT],
        409,
    )


def sign_in_again_to_link() -> HTMLResponse:
    return page(
        "Please sign in again",
        ["You were signed out while connecting Clever, so nothing was changed."],
        [("/auth/login?next=/account", "Sign in")],
        400,
    )


def not_in_a_class_yet() -> HTMLResponse:
    return page(
        "You're signed in, but not in a class yet",
        [
            "Your teacher hasn't added you to a class in this product yet.",
            "Once they sync their classes with Clever, your classes will show up here.",
        ],
        [HOME],
        200,
    )


def clever_not_configured() -> HTMLResponse:
    return page(
        "Log in with Clever is not set up",
        ["This site has no Clever app credentials yet. Please use your email and password."],
        [("/auth/login", "Sign in with email"), HOME],
        503,
    )
