"""/account: the signed-in person's settings, and where they connect Clever."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from domain.viewer import Viewer
from graphql_api.dependencies import WebDependencies
from graphql_api.html import message, page
from graphql_api.viewer import current_viewer

# The only notices a link may ask for: codes the app chose, never the link's own text
# (a crafted /account?link_error=... would otherwise put a phisher's words on the real site).
LINK_ERRORS = {
    "clever_taken": "That Clever account is already connected to another account.",
    "other_clever": "This account is already connected to a different Clever account.",
    "wrong_role": "That Clever account is not the same kind of account as this one.",
    "clever_unavailable": "Clever could not be reached. Please try again shortly.",
}


def account_body(viewer: Viewer, link_error: str | None, linked: bool = False) -> str:
    if viewer.clever_linked:
        clever = "<p>Clever: <strong>connected</strong></p>"
    else:
        clever = (
            "<p>Clever: not connected</p>"
            '<p><a class="button" href="/auth/clever/link">Connect Clever</a></p>'
        )
    notice = message("Clever is now connected.", "note") if linked and not link_error else ""
    return f"""<div id="messages">{message(link_error)}{notice}</div>
<dl>
<dt>Name</dt><dd>{escape(viewer.name)}</dd>
<dt>Role</dt><dd>{escape(viewer.role.value.capitalize())}</dd>
</dl>
{clever}
<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>
<form method="post" action="/auth/logout"><input type="hidden" name="everywhere" value="1">
<button type="submit">Sign out everywhere</button></form>
<p class="note">Signing out everywhere ends this account's sessions on every device.</p>
<p><a href="/">Manage classes</a></p>"""


def account_routes(deps: WebDependencies) -> list[BaseRoute]:
    async def account(request: Request) -> Response:
        viewer = await current_viewer(request, deps)
        if viewer is None:
            return RedirectResponse("/auth/login?next=/account", status_code=303)
        link_error = LINK_ERRORS.get(request.query_params.get("link_error") or "")
        linked = request.query_params.get("linked") == "1"
        return page("Your account", account_body(viewer, link_error, linked))

    return [Route("/account", account, methods=["GET"])]
