"""Sign up with email and password (teachers and students who do not use Clever yet)."""

from __future__ import annotations

from html import escape

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from application.accounts import AccountRefused, SignUpCommand
from domain.accounts import Role
from graphql_api.auth.forms import BadForm, read_fields, wants_json
from graphql_api.auth.password import CROSS_SITE, client_address, too_many
from graphql_api.auth.throttle import retry_text
from graphql_api.dependencies import WebDependencies
from graphql_api.html import hidden, message, page
from graphql_api.security import cross_site, safe_next
from graphql_api.session import sign_in

EMAIL_TAKEN = "An account with that email already exists."
CHOOSE_ROLE = "Choose whether you are a teacher or a student."
MAX_PASSWORD = 1024


def signup_form(next_path: str, error: str | None = None, status_code: int = 200) -> Response:
    body = f"""{message(error)}
<form method="post" action="/auth/signup">
{hidden("next", next_path)}
<label for="name">Your name</label><input id="name" name="name" autocomplete="name" required>
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required>
<label for="password">Password (at least 10 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
<label for="role">I am a</label>
<select id="role" name="role"><option value="teacher">Teacher</option><option value="student">Student</option></select>
<button type="submit">Create account</button>
</form>
<p class="note">Already have an account? <a href="/auth/login?next={escape(next_path)}">Sign in</a></p>"""
    return page("Create an account", body, status_code)


def signup_routes(deps: WebDependencies) -> list[BaseRoute]:
    async def show_signup(request: Request) -> Response:
        return signup_form(safe_next(request.query_params.get("next"), "/account"))

    async def signup(request: Request) -> Response:
        as_json = wants_json(request)
        target = safe_next(request.query_params.get("next"), "/account")

        def refuse(text: str, status_code: int) -> Response:
            if as_json:
                return JSONResponse({"ok": False, "error": text}, status_code=status_code)
            return signup_form(target, text, status_code)

        if cross_site(request, deps.config.public_url):
            return refuse(CROSS_SITE, 403)
        try:
            fields = await read_fields(request)
        except BadForm as exc:
            return refuse(str(exc), 400)
        target = safe_next(fields.get("next") or target, "/account")
        email, address = fields.get("email", ""), client_address(request)
        wait = await run_in_threadpool(deps.sign_in_throttle.sign_up_wait, email, address)
        if wait:
            return too_many(refuse(retry_text(wait), 429), wait)
        await run_in_threadpool(deps.sign_in_throttle.sign_up_attempted, email, address)
        try:
            role = Role(fields.get("role", "").strip().lower())
        except ValueError:
            return refuse(CHOOSE_ROLE, 400)
        password = fields.get("password", "")
        if len(password) > MAX_PASSWORD:
            return refuse(f"Choose a password of at most {MAX_PASSWORD} characters.", 400)
        command = SignUpCommand(email, password, fields.get("name", ""), role)
        result = await run_in_threadpool(deps.sign_up, command)
        if isinstance(result, AccountRefused):
            return refuse(result.message, 409 if result.message == EMAIL_TAKEN else 400)
        assert result.id is not None
        await sign_in(request, result.id, deps.session_store)
        if as_json:
            return JSONResponse({"ok": True, "accountId": str(result.id)}, status_code=201)
        return RedirectResponse(target, status_code=303)

    return [
        Route("/auth/signup", show_signup, methods=["GET"]),
        Route("/auth/signup", signup, methods=["POST"]),
    ]
