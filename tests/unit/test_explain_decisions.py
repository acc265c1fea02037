"""Teachers' per-student decisions reach explanations through the StudentExceptions port."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from application.explain_student import ExplainStudent
from application.explanations import ExplainStudentCommand, StudentExceptionView
from tests.unit.world import World

MADE_AT = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


@dataclass
class ListedExceptions:
    """Decisions as a test lists them, per class."""

    by_class: dict[str, list[StudentExceptionView]] = field(default_factory=dict)

    def exceptions_of_class(self, section_id: str) -> list[StudentExceptionView]:
        return self.by_class.get(section_id, [])


def test_a_kept_out_and_a_kept_in_student_are_explained(world: World) -> None:
    world.grant()
    teacher = world.teacher()
    kept_out, kept_in, *_ = world.students(3)
    section = world.section([teacher], [kept_out, kept_in])
    world.run(teacher)
    decisions = ListedExceptions(
        {
            section.id: [
                StudentExceptionView(kept_out.id, kept_out.name, "KEEP_OUT", MADE_AT, "Ms Rivera"),
                StudentExceptionView(
                    kept_in.id, kept_in.name, "KEEP_IN", MADE_AT, "Ms Rivera", date(2027, 6, 1)
                ),
            ]
        }
    )
    explain = ExplainStudent(world.services.reader, world.clever, decisions)

    out = explain(ExplainStudentCommand(section.id, kept_out.id, teacher.id))
    kept = explain(ExplainStudentCommand(section.id, kept_in.name, teacher.id))

    assert isinstance(out, list) and isinstance(kept, list)
    assert out[0].kind.name == "KEPT_OUT" and out[0].since == MADE_AT
    assert "Ms Rivera chose on November 3, 2026 to keep" in out[0].message
    assert kept[0].kind.name == "KEPT_IN"
    assert "until 2027-06-01" in kept[0].message
