"""The web app as `bootstrap.web_dependencies` wires it, over the real adapters, with people who
signed in through the Clever sandbox and a teacher who pressed "Sync with Clever"."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.testclient import TestClient

import bootstrap
from clever_sandbox.server import RunningSandbox
from graphql_api.app import SESSION_COOKIE, create_app
from tests.reliability.clever_changes import sections_of
from tests.reliability.deployment import Deployment
from tests.sso.browser import Browser

PUBLIC_URL = "http://rostersync.test"

SYNC = "mutation { syncWithClever { __typename ... on SyncRun { id status } } }"


@dataclass
class LiveProduct:
    deployment: Deployment
    app: Starlette
    browsers: dict[str, Browser] = field(default_factory=dict)
    school: School | None = None

    @classmethod
    def start(cls, database_url: str, clever: RunningSandbox, **settings: Any) -> LiveProduct:
        deployment = Deployment.build(database_url, clever, public_url=PUBLIC_URL, **settings)
        app = create_app(bootstrap.web_dependencies(deployment.services))
        return cls(deployment, app)

    @property
    def clever(self) -> RunningSandbox:
        return self.deployment.clever

    def browser(self) -> Browser:
        client = TestClient(self.app, base_url=PUBLIC_URL, follow_redirects=False)
        return Browser(client, PUBLIC_URL, self.clever.url)

    def sign_in(self, who: str, clever_user_id: str) -> Browser:
        """The whole Clever login, through the app's own routes and the sandbox's pages."""
        browser = self.browser()
        callback = browser.pick_clever_user(browser.start_clever_login(), clever_user_id)
        landed = browser.visit(callback)
        assert landed.status_code == 200, landed.text
        assert browser.service.cookies.get(SESSION_COOKIE), f"{who} was not signed in"
        self.browsers[who] = browser
        return browser

    def session_cookie(self, who: str) -> dict[str, str]:
        return {SESSION_COOKIE: self.browsers[who].service.cookies[SESSION_COOKIE]}

    def close(self) -> None:
        for browser in self.browsers.values():
            browser.close()
        self.deployment.close()


def graphql(browser: Browser, query: str, **variables: object) -> dict[str, Any]:
    # Escaped JSON, as browsers send it, so even a lone surrogate can be sent.
    payload = json.dumps({"query": query, "variables": variables}).encode()
    response = browser.service.post(
        "/graphql", content=payload, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@dataclass(frozen=True)
class School:
    """Who takes part: the sample teacher (synced), a student of theirs, a teacher of other
    classes and a student of theirs only."""

    teacher: str
    student: str
    other_teacher: str
    other_student: str


def school_of(clever: RunningSandbox, district_id: str | None = None) -> School:
    sandbox = clever.sandbox
    teacher = sandbox.sample_teacher(district_id)["id"]

    def taught_by(teacher_id: str) -> list[dict]:
        return sections_of(sandbox, teacher_id, district_id)

    mine = {s for section in taught_by(teacher) for s in section["students"]}
    other = next(
        t["id"] for t in sandbox.teachers(district_id) if t["id"] != teacher and taught_by(t["id"])
    )
    theirs = {s for section in taught_by(other) for s in section["students"]}
    return School(
        teacher,
        sorted(mine)[0],
        other,
        sorted(theirs - mine)[0],
    )


def sign_in_everyone(live: LiveProduct, school: School) -> None:
    """Both teachers sign in and sync; both students sign in after."""
    live.school = school
    for who, user_id in (("teacher", school.teacher), ("other teacher", school.other_teacher)):
        browser = live.sign_in(who, user_id)
        result = graphql(browser, SYNC)
        assert result["data"]["syncWithClever"]["status"] == "SUCCEEDED", result
    live.sign_in("student", school.student)
    live.sign_in("other student", school.other_student)
