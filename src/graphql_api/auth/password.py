"""Email-and-password sign in and sign out."""

from __future__ import annotations

from html import escape

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graphql_api.auth.forms import BadForm, content_type, read_fields, wants_json
from graphql_api.auth.throttle import retry_text
from graphql_api.dependencies import WebDependencies
from graphql_api.html import hidden, message, page
from graphql_api.security import cross_site, safe_next
from graphql_api.session import current_account_id, sign_in, sign_out

LOGIN_FAILED = "That email and password do not match an account."
CROSS_SITE = "This form must be sent from this site."


def login_form(next_path: str, error: str | None = None, status_code: int = 200) -> Response:
    body = f"""{message(error)}
<form method="post" action="/auth/login">
{hidden("next", next_path)}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p><a href="/auth/clever/login">Log in with Clever</a></p>
<p class="note">New here? <a href="/auth/signup?next={escape(next_path)}">Create an account</a></p>"""
    return page("Sign in", body, status_code)


def refusal(request: Request, text: str, status_code: int, as_json: bool) -> Response:
    if as_json:
        return JSONResponse({"ok": False, "error": text}, status_code=status_code)
    return login_form(safe_next(request.query_params.get("next")), text, status_code)


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def too_many(response: Response, seconds: int) -> Response:
    """429 with Retry-After: the same answer whether or not the account exists."""
    response.headers["Retry-After"] = str(seconds)
    return response


def login_routes(deps: WebDependencies) -> list[BaseRoute]:
    async def show_login(request: Request) -> Response:
        return login_form(safe_next(request.query_params.get("next")))

    async def login(request: Request) -> Response:
        as_json = wants_json(request)
        if cross_site(request, deps.config.public_url):
            return refusal(request, CROSS_SITE, 403, as_json)
        try:
            fields = await read_fields(request)
        except BadForm as exc:
            return refusal(request, str(exc), 400, as_json)
        email, password = fields.get("email", ""), fields.get("password", "")
        throttle, address = deps.sign_in_throttle, client_address(request)
        wait = await run_in_threadpool(throttle.sign_in_wait, email, address)
        if wait:
            return too_many(refusal(request, retry_text(wait), 429, as_json), wait)
        account = None
        if email and password and len(password) <= 1024:
            account = await run_in_threadpool(deps.password_login, email, password)
        target = safe_next(fields.get("next") or request.query_params.get("next"))
        if account is None or account.id is None:
            await run_in_threadpool(throttle.sign_in_failed, email, address)
            if as_json:
                return JSONResponse({"ok": False, "error": LOGIN_FAILED}, status_code=401)
            return login_form(target, LOGIN_FAILED, 401)
        await sign_in(request, account.id, deps.session_store)
        if as_json:
            return JSONResponse({"ok": True})
        return RedirectResponse(target, status_code=303)

    async def logout(request: Request) -> Response:
        """Ends this session on the server; with ``everywhere=1``, every session of the
        account (other browsers and devices too)."""
        if cross_site(request, deps.config.public_url):
            return page("Sign out", message(CROSS_SITE), 403)
        try:
            fields = await read_fields(request) if content_type(request) else {}
        except BadForm as exc:
            return page("Sign out", message(str(exc)), 400)
        account_id = current_account_id(request)
        if account_id is not None and fields.get("everywhere") == "1":
            await run_in_threadpool(deps.end_sessions_of, account_id)
        sign_out(request)
        return RedirectResponse("/", status_code=303)

    return [
        Route("/auth/login", show_login, methods=["GET"]),
        Route("/auth/login", login, methods=["POST"]),
        Route("/auth/logout", logout, methods=["POST"]),
    ]
