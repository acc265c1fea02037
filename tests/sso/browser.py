"""One browser visiting two hosts: the service (a Starlette TestClient) and the Clever sandbox
(real HTTP). Redirects are followed by hand so each hop can be checked."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from starlette.testclient import TestClient

MAX_HOPS = 10
# One CA bundle for every client: loading it costs ~0.1 s per client.
TLS = httpx.create_ssl_context()


class LeftTheSite(Exception):
    """A redirect pointed somewhere that is neither the service nor Clever."""


def with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    extra = urlencode(params)
    return parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra).geturl()


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


class Browser:
    def __init__(self, service: TestClient, public_url: str, clever_url: str) -> None:
        self.service = service
        self.public_url = public_url
        self.clever_url = clever_url
        self.clever = httpx.Client(follow_redirects=False, timeout=10, verify=TLS)
        self.visited: list[str] = []

    def close(self) -> None:
        self.clever.close()
        self.service.close()

    def get(self, url: str) -> httpx.Response:
        absolute = url if "://" in url else f"{self.public_url}{url}"
        self.visited.append(absolute)
        if absolute.startswith(self.clever_url + "/"):
            return self.clever.get(absolute)
        if absolute.startswith(self.public_url + "/"):
            return self.service.get(absolute)
        raise LeftTheSite(absolute)

    def visit(self, url: str) -> httpx.Response:
        """GET the URL and follow every redirect; the last response."""
        response = self.get(url)
        for _ in range(MAX_HOPS):
            if not response.is_redirect:
                return response
            response = self.get(response.headers["location"])
        raise AssertionError(f"too many redirects: {self.visited[-MAX_HOPS:]}")

    def start_clever_login(self, path: str = "/auth/clever/login") -> str:
        """Our login route's redirect to Clever's authorize page."""
        response = self.get(path)
        assert response.status_code == 302, response.text
        location = response.headers["location"]
        assert location.startswith(f"{self.clever_url}/oauth/authorize?"), location
        return location

    def pick_clever_user(self, authorize_url: str, user_id: str) -> str:
        """At Clever's authorize page, this user signs in; Clever's redirect back to the service."""
        response = self.get(with_query(authorize_url, user_id=user_id))
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def whoami(self) -> dict[str, object]:
        response = self.service.get(f"{self.public_url}/")
        assert response.status_code == 200
        data = response.json()
        assert isinstance(data, dict)
        return data
