"""`rostersync explain`: why a student is, or is not, in a class, for support staff."""

from __future__ import annotations

import json
from typing import Any

import click

from adapters.cli import wiring
from adapters.cli.context import CliError, friendly_errors
from application.explanations import ExplainStudentCommand, Explanation, InvalidSearch
from application.ports import RosterReader
from application.results import NotFound


@click.command("explain")
@click.option(
    "--teacher",
    "teacher_id",
    required=True,
    metavar="CLEVER_ID",
    help="Who asks: a teacher of the class.",
)
@click.option(
    "--class",
    "section_id",
    required=True,
    metavar="SECTION_ID",
    help="The class's Clever section id.",
)
@click.option(
    "--student", "search", required=True, metavar="TEXT", help="A name, Clever id or SIS id."
)
@click.option("--json", "as_json", is_flag=True, help="Print the explanations as JSON.")
def explain(teacher_id: str, section_id: str, search: str, as_json: bool) -> None:
    """Explain why a student is, or is not, in a class, as the class's teacher would be told,
    plus (for operators) the other live classes of each student found."""
    with friendly_errors():
        services = wiring.services()
        command = ExplainStudentCommand(section_id.strip(), search, teacher_id.strip())
        try:
            result = services.explain_student(command)
        except InvalidSearch as exc:
            raise CliError(str(exc)) from None
        if isinstance(result, NotFound):
            raise CliError(f"teacher {teacher_id!r} has no class with section id {section_id!r}")
        elsewhere = _other_classes(services.reader, result, section_id.strip())
    if as_json:
        click.echo(json.dumps(explanations_json(result, elsewhere)))
        return
    for explanation in result:
        click.echo(f"{explanation.kind.name}: {explanation.message}")
        student = explanation.student_id
        if student is not None and elsewhere.get(student):
            names = ", ".join(f"{c['name']} ({c['clever_section_id']})" for c in elsewhere[student])
            click.echo(f"  also in: {names}")


def explanations_json(
    explanations: list[Explanation], elsewhere: dict[str, list[dict[str, str]]]
) -> dict[str, Any]:
    """The stable format (DESIGN §6), plus ``other_classes`` per student for operators."""
    return {
        "explanations": [
            {
                "kind": e.kind.name,
                "message": e.message,
                "student_clever_id": e.student_id,
                "since": e.since.isoformat() if e.since else None,
            }
            for e in explanations
        ],
        "other_classes": elsewhere,
    }


def _other_classes(
    reader: RosterReader, explanations: list[Explanation], section_id: str
) -> dict[str, list[dict[str, str]]]:
    students = sorted({e.student_id for e in explanations if e.student_id})
    found = reader.classes_for_students(students) if students else {}
    return {
        student: [
            {"clever_section_id": c.id, "name": c.name}
            for c in found.get(student, [])
            if c.id != section_id
        ]
        for student in students
    }
