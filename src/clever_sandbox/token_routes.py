"""Server-to-server OAuth/OIDC routes: tokens, discovery, JWKS, userinfo."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import oidc
from .auth import GrantError
from .ids import token_for
from .responses import basic_credentials, bearer_token, json_response
from .state import Sandbox

DISTRICT_SCOPES = [
    "read:district_admins",
    "read:students",
    "read:teachers",
    "read:user_id",
    "read:sections",
    "read:schools",
]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(status: int, code: str, description: str) -> Response:
    headers = {
        **NO_STORE,
        **({"WWW-Authenticate": 'Basic realm="clever"'} if status == 401 else {}),
    }
    return json_response({"error": code, "error_description": description}, status, headers)


async def _form(request: Request) -> dict[str, str]:
    raw = await request.body()
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return dict(parse_qsl(raw.decode("utf-8", "replace")))


def token_routes(sandbox: Sandbox) -> list[Route]:
    def client_ok(request: Request) -> bool:
        return basic_credentials(request) == (sandbox.client_id, sandbox.client_secret)

    async def exchange(request: Request) -> Response:
        sandbox.requests.record("POST /oauth/tokens")
        if not client_ok(request):
            return _oauth_error(401, "invalid_client", "HTTP Basic client authentication failed")
        form = await _form(request)
        if form.get("grant_type") != "authorization_code":
            return _oauth_error(
                400, "unsupported_grant_type", "only authorization_code is supported"
            )
        if not form.get("code"):
            return _oauth_error(400, "invalid_request", "code is required")
        try:
            grant = sandbox.auth.redeem_code(
                form["code"], sandbox.client_id, form.get("redirect_uri"), form.get("code_verifier")
            )
        except GrantError as exc:
            return _oauth_error(400, "invalid_grant", str(exc))
        body = {
            "access_token": sandbox.auth.issue_user_token(
                grant.district_id, grant.user_id, grant.role
            ),
            "token_type": "bearer",
        }
        if "openid" in grant.scope.split():
            with sandbox.lock:
                found = sandbox.find_user(grant.user_id)
                user = found[2] if found else {"id": grant.user_id}
                claims = oidc.user_claims(user, grant.role, grant.district_id)
            body["id_token"] = oidc.id_token(
                sandbox.public_url, sandbox.client_id, claims, grant.nonce, sandbox.clock()
            )
        return json_response(body, headers=NO_STORE)

    async def district_tokens(request: Request) -> Response:
        sandbox.requests.record("GET /oauth/tokens")
        if not client_ok(request):
            return _oauth_error(401, "invalid_client", "HTTP Basic client authentication failed")
        owner_type = request.query_params.get("owner_type", "district")
        rows = (
            []
            if owner_type != "district"
            else [
                {
                    "id": token_for("token-record", sandbox.seed, district_id)[:24],
                    "created": sandbox.district(district_id).get("launch_date", "")
                    + "T00:00:00.000Z",
                    "owner": {"type": "district", "id": district_id},
                    "access_token": sandbox.district_token(district_id),
                    "scopes": DISTRICT_SCOPES,
                }
                for district_id in sandbox.districts
            ]
        )
        return json_response(
            {"data": rows, "links": [{"rel": "self", "uri": str(request.url.path)}]}
        )

    async def userinfo(request: Request) -> Response:
        sandbox.requests.record("GET /userinfo")
        token = bearer_token(request)
        principal = sandbox.auth.principal(token) if token else None
        if principal is None or principal.is_district or principal.user_id is None:
            return json_response({"message": "Unauthorized"}, 401, {"WWW-Authenticate": "Bearer"})
        with sandbox.lock:
            found = sandbox.find_user(principal.user_id)
            if found is None:
                return json_response({"message": "user not found"}, 404)
            return json_response(oidc.user_claims(found[2], found[1], principal.district_id))

    async def discovery(request: Request) -> Response:
        sandbox.requests.record("GET /.well-known/openid-configuration")
        return json_response(oidc.discovery(sandbox.public_url))

    async def jwks(request: Request) -> Response:
        sandbox.requests.record("GET /oauth/jwks")
        return json_response(oidc.jwks())

    return [
        Route("/oauth/tokens", exchange, methods=["POST"]),
        Route("/oauth/tokens", district_tokens, methods=["GET"]),
        Route("/userinfo", userinfo, methods=["GET"]),
        Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
        Route("/oauth/jwks", jwks, methods=["GET"]),
    ]
