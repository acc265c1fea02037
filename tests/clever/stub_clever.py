"""A small Clever Data API answering respx requests from in-memory records (one page per list)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import httpx

from tests.clever.payloads import listing, one


@dataclass
class StubClever:
    sections: dict[str, dict] = field(default_factory=dict)
    users: dict[str, dict] = field(default_factory=dict)
    serves_my_students: bool = True
    hits: Counter[str] = field(default_factory=Counter)
    failures: dict[str, int] = field(default_factory=dict)  # path -> status answered instead
    refused_tokens: set[str] = field(default_factory=set)

    def add(self, *records: dict) -> None:
        for record in records:
            target = self.users if "roles" in record else self.sections
            target[record["id"]] = record

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = re.sub(r"^/v3\.[01]", "", request.url.path)
        role = request.url.params.get("role")
        parts = path.strip("/").split("/")
        template = "/" + "/".join("{id}" if i == 1 else p for i, p in enumerate(parts))
        self.hits[template + (f"?role={role}" if role else "")] += 1
        if request.headers.get("Authorization", "").removeprefix("Bearer ") in self.refused_tokens:
            return httpx.Response(401, json={"message": "Unauthorized"})
        if path in self.failures:
            return httpx.Response(self.failures[path])
        if parts[0] == "users" and len(parts) == 3 and parts[2] == "sections":
            ids = [s for s, r in self.sections.items() if parts[1] in r.get("teachers", [])]
            return self._list(ids, self.sections, "sections")
        if parts[0] == "users" and len(parts) == 3 and parts[2] == "mystudents":
            if not self.serves_my_students:
                return httpx.Response(404, json={"message": "no route"})
            ids = sorted(
                {
                    st
                    for r in self.sections.values()
                    if parts[1] in r.get("teachers", [])
                    for st in r.get("students", [])
                }
            )
            return self._list(ids, self.users, "users")
        if parts[0] == "sections" and len(parts) == 3 and parts[2] == "users":
            section = self.sections.get(parts[1])
            if section is None:
                return httpx.Response(404, json={"message": "not found"})
            keys = {"teacher": ["teachers"], "student": ["students"]}.get(
                role or "", ["teachers", "students"]
            )
            return self._list(
                sorted({u for k in keys for u in section.get(k, [])}), self.users, "users"
            )
        if len(parts) == 2 and parts[0] in ("sections", "users"):
            record = (self.sections if parts[0] == "sections" else self.users).get(parts[1])
            if record is None:
                return httpx.Response(404, json={"message": "not found"})
            return httpx.Response(200, json=one(record, parts[0]))
        return httpx.Response(404, json={"message": f"no route {path}"})

    @staticmethod
    def _list(ids: list[str], records: dict[str, dict], kind: str) -> httpx.Response:
        return httpx.Response(200, json=listing([records[i] for i in ids if i in records], kind))
