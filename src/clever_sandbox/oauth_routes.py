"""Browser-facing login routes: /oauth/authorize, /portal/launch, /oauth/logout."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from . import login_page
from .state import Sandbox

LOGIN_COOKIE = "clever_sandbox_login"
PORTAL_SCOPE = "openid read:user_id"


def with_query(url: str, **params: str | None) -> str:
    parts = urlsplit(url)
    extra = urlencode([(k, v) for k, v in params.items() if v is not None])
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))


def _bad(message: str) -> HTMLResponse:
    return HTMLResponse(login_page.error_page(message), status_code=400)


def _login(
    sandbox: Sandbox, user_id: str, redirect_uri: str, state: str | None, **grant: str | None
) -> Response:
    found = sandbox.find_user(user_id)
    assert found is not None
    store, role, _ = found
    code = sandbox.auth.issue_code(
        client_id=sandbox.client_id,
        user_id=user_id,
        district_id=store.id,
        role=role,
        redirect_uri=redirect_uri,
        scope=grant.get("scope") or "",
        nonce=grant.get("nonce"),
        code_challenge=grant.get("code_challenge"),
        code_challenge_method=grant.get("code_challenge_method"),
    )
    response = RedirectResponse(with_query(redirect_uri, code=code, state=state), status_code=302)
    response.set_cookie(LOGIN_COOKIE, user_id, httponly=True, samesite="lax")
    return response


def _user_in(sandbox: Sandbox, user_id: str | None, district_id: str | None) -> bool:
    found = sandbox.find_user(user_id) if user_id else None
    return found is not None and (district_id is None or found[0].id == district_id)


def oauth_routes(sandbox: Sandbox) -> list[Route]:
    async def authorize(request: Request) -> Response:
        sandbox.requests.record("GET /oauth/authorize")
        q = request.query_params
        if q.get("client_id") != sandbox.client_id:
            return _bad(f"Unknown client_id {q.get('client_id')!r}.")
        redirect_uri = q.get("redirect_uri")
        if not redirect_uri:
            return _bad("redirect_uri is required.")
        if q.get("response_type", "code") != "code":
            return _bad("Only response_type=code is supported.")
        if q.get("code_challenge") and q.get("code_challenge_method", "plain") not in (
            "S256",
            "plain",
        ):
            return _bad("code_challenge_method must be S256.")
        district_id = q.get("district_id") or None
        if district_id and district_id not in sandbox.districts:
            return _bad(f"Unknown district_id {district_id!r}.")
        grant = {k: q.get(k) for k in ("scope", "nonce", "code_challenge", "code_challenge_method")}
        if q.get("user_id"):
            if not _user_in(sandbox, q["user_id"], district_id):
                return _bad(f"Unknown user_id {q['user_id']!r}.")
            return _login(sandbox, q["user_id"], redirect_uri, q.get("state"), **grant)
        remembered = request.cookies.get(LOGIN_COOKIE)
        if _user_in(sandbox, remembered, district_id):
            return _login(sandbox, str(remembered), redirect_uri, q.get("state"), **grant)
        page = login_page.render(sandbox, q.multi_items(), q.get("q", ""), district_id)
        return HTMLResponse(page)

    async def portal_launch(request: Request) -> Response:
        """Clever portal / Instant Login: the app gets a code and no state."""
        sandbox.requests.record("GET /portal/launch")
        q = request.query_params
        user_id, redirect_uri = q.get("user_id"), q.get("redirect_uri")
        if not redirect_uri or not _user_in(sandbox, user_id, None):
            return _bad("portal launch needs a known user_id and a redirect_uri.")
        return _login(
            sandbox, str(user_id), redirect_uri, None, scope=q.get("scope") or PORTAL_SCOPE
        )

    async def logout(request: Request) -> Response:
        target = request.query_params.get("redirect_uri")
        response: Response = (
            RedirectResponse(target, 302) if target else HTMLResponse("<p>Logged out.</p>")
        )
        response.delete_cookie(LOGIN_COOKIE)
        return response

    return [
        Route("/oauth/authorize", authorize, methods=["GET"]),
        Route("/portal/launch", portal_launch, methods=["GET"]),
        Route("/oauth/logout", logout, methods=["GET"]),
    ]
