"""The fetch floor: the district's pages read with bare httpx and json, nothing else."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

Record = dict[str, Any]
PAGE_SIZE = 10_000
LISTS: dict[str, tuple[str, dict[str, str]]] = {
    "sections": ("/sections", {}),
    "teachers": ("/users", {"role": "teacher"}),
    "students": ("/users", {"role": "student"}),
}


@dataclass
class DistrictPages:
    """Every section, teacher and student record of a district, as Clever sends them."""

    sections: list[Record] = field(default_factory=list)
    teachers: list[Record] = field(default_factory=list)
    students: list[Record] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


def fetch_district(sandbox_url: str, token: str, version: str = "v3.1") -> DistrictPages:
    pages = DistrictPages()
    started = time.perf_counter()
    with httpx.Client(base_url=sandbox_url, headers={"Authorization": f"Bearer {token}"}) as http:
        for kind, (path, params) in LISTS.items():
            records: list[Record] = getattr(pages, kind)
            url: str | None = f"/{version}{path}"
            query: dict[str, Any] | None = {**params, "limit": PAGE_SIZE}
            while url is not None:
                body = json.loads(http.get(url, params=query, timeout=120.0).content)
                pages.pages += 1
                records.extend(item["data"] for item in body["data"])
                url = next((link["uri"] for link in body["links"] if link["rel"] == "next"), None)
                query = None
    pages.seconds = time.perf_counter() - started
    return pages


def sections_by_member(pages: DistrictPages) -> dict[str, list[Record]]:
    """Teacher id -> the sections that list them (as primary or co-teacher)."""
    taught: dict[str, list[Record]] = {}
    for section in pages.sections:
        for teacher_id in dict.fromkeys([section.get("teacher"), *section.get("teachers", [])]):
            if teacher_id:
                taught.setdefault(teacher_id, []).append(section)
    return taught
