"""A day of ordinary changes in Clever for one teacher, small enough never to be held: one
student leaves a class, another joins, a section is renamed and another is unshared."""

from __future__ import annotations

from dataclasses import dataclass

from clever_sandbox.state import Sandbox


def sections_of(sandbox: Sandbox, teacher_id: str, district_id: str | None = None) -> list[dict]:
    return sorted(
        (s for s in sandbox.sections(district_id) if teacher_id in (s.get("teachers") or [])),
        key=lambda s: s["id"],
    )


@dataclass
class DayOfChanges:
    sandbox: Sandbox
    teacher_id: str

    def __post_init__(self) -> None:
        sections = [s for s in sections_of(self.sandbox, self.teacher_id) if s["students"]]
        assert len(sections) >= 4, "the sample teacher needs a few classes"
        self.shrinking, self.renamed, self.unshared = sections[0], sections[1], sections[2]
        self.leaver = self.shrinking["students"][0]
        taught = {sid for s in sections for sid in s["students"]}
        self.joiner = next(s["id"] for s in self.sandbox.students() if s["id"] not in taught)
        self.old_name = self.renamed["name"]

    def apply(self) -> None:
        section = self.shrinking["id"]
        self.sandbox.drop(section, self.leaver)
        self.sandbox.enroll(section, self.joiner)
        self.sandbox.rename_section(self.renamed["id"], "Renamed in Clever")
        self.sandbox.unshare_section(self.unshared["id"])

    def revert(self) -> None:
        section = self.shrinking["id"]
        self.sandbox.drop(section, self.joiner)
        self.sandbox.enroll(section, self.leaver)
        self.sandbox.rename_section(self.renamed["id"], self.old_name)
        self.sandbox.reshare_section(self.unshared["id"])
