"""Hypothesis posts generated values (NUL, lone surrogates, control characters, very long text,
odd Unicode) to the password sign-in and sign-up forms, urlencoded and as JSON, on SQLite and
Postgres: never a 500, and text no database can store is refused with a clear 400."""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.reliability import hostile_values as hv
from tests.reliability.live_app import LiveProduct

EXAMPLES = int(os.environ.get("ROSTERSYNC_FUZZ_EXAMPLES", "40"))
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
NUL = re.compile("\x00")

values = st.one_of(
    st.text(max_size=40),
    hv.with_nul,
    hv.with_lone_surrogate,
    hv.odd_unicode,
    st.integers(1, 6_000).map(lambda n: "é" * n),
    st.sampled_from(["a@b.org", "x@example.org", "teacher", "student", ""]),
)
forms = st.fixed_dictionaries(
    {"email": values, "password": values},
    optional={"name": values, "role": st.one_of(values, st.sampled_from(["teacher", "student"]))},
)


def post(live: LiveProduct, path: str, fields: dict[str, str], as_json: bool) -> tuple[int, str]:
    if as_json:
        body, kind = json.dumps(fields).encode(), "application/json"
    else:
        # Percent-encoding carries NUL; a lone surrogate can only travel as JSON.
        safe = {
            k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
            for k, v in fields.items()
        }
        body, kind = urlencode(safe).encode(), "application/x-www-form-urlencoded"
    client = live.browser().service
    response = client.post(path, content=body, headers={"Content-Type": kind})
    return response.status_code, response.text


def unstorable_as_sent(fields: dict[str, str], as_json: bool) -> bool:
    pattern = UNSTORABLE if as_json else NUL
    return any(pattern.search(value) for value in fields.values())


def test_sign_in_and_sign_up_forms_survive_generated_input(live: LiveProduct) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # reported as drawn: shrinking takes minutes
    )
    @given(
        path=st.sampled_from(["/auth/login", "/auth/signup"]),
        fields=forms,
        as_json=st.booleans(),
    )
    def submit(path: str, fields: dict[str, str], as_json: bool) -> None:
        status, text = post(live, path, fields, as_json)
        assert status < 500, (path, fields, text[:300])
        assert "Traceback" not in text
        if unstorable_as_sent(fields, as_json):
            assert status == 400, (path, fields, status)

    submit()


@pytest.mark.parametrize(
    "name",
    ["\x1b[2J\x1b[31mAdmin\x1b[0m", "Eve \u202egnp.exe", "Bell\x07", "Isolate \u2067x\u2069"],
    ids=["ANSI escape", "RLO", "bell", "isolate"],
)
def test_a_hostile_account_name_is_refused_like_a_class_name(live: LiveProduct, name: str) -> None:
    email = f"hostile-name-{len(name)}-{ord(name[-1])}@example.org"
    fields = {"email": email, "password": "long enough password", "name": name, "role": "teacher"}

    status, text = post(live, "/auth/signup", fields, as_json=True)

    assert status == 400, text[:300]
    assert "control characters or text-direction overrides" in text
    with live.deployment.services.uow() as uow:
        assert uow.accounts.by_email(email) is None


def test_a_right_to_left_account_name_is_kept(live: LiveProduct) -> None:
    name = "\u200f\u05e9\u05d9\u05e2\u05d5\u05e8\u200f"
    fields = {"email": "rtl@example.org", "password": "long enough password", "name": name}

    status, text = post(live, "/auth/signup", {**fields, "role": "student"}, as_json=True)

    assert status == 201, text[:300]


def test_forty_wrong_passwords_do_not_open_the_account(live: LiveProduct) -> None:
    email = "throttled-teacher@example.org"
    right = {"email": email, "password": "the right password", "name": "T", "role": "teacher"}
    assert post(live, "/auth/signup", right, as_json=True)[0] == 201
    attacker = live.browser().service

    answers = [
        attacker.post("/auth/login", json={"email": email, "password": f"guess {n}"})
        for n in range(40)
    ]
    last = attacker.post("/auth/login", json={"email": email, "password": right["password"]})

    assert {a.status_code for a in answers} == {401, 429}
    assert last.status_code == 429 and int(last.headers["retry-after"]) > 0


@pytest.mark.parametrize("path", ["/graphql", "/auth/login", "/auth/signup"])
def test_a_body_nested_seven_thousand_deep_is_a_clear_400(live: LiveProduct, path: str) -> None:
    client = live.browser().service
    deep = "[" * 7_000 + "]" * 7_000

    response = client.post(path, content=deep, headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert "nested too deeply" in response.text and "Traceback" not in response.text
