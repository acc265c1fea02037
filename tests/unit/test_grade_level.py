"""GradeLevel: Clever's grade enum and the GraphQL names it maps to."""

from __future__ import annotations

import pytest

from domain.grade_level import GradeLevel
from domain.problems import InvalidValue

CLEVER_TO_GRAPHQL = [
    ("InfantToddler", "INFANT_TODDLER"),
    ("Preschool", "PRESCHOOL"),
    ("PreKindergarten", "PRE_KINDERGARTEN"),
    ("TransitionalKindergarten", "TRANSITIONAL_KINDERGARTEN"),
    ("Kindergarten", "KINDERGARTEN"),
    *[(str(n), f"GRADE_{n}") for n in range(1, 14)],
    ("PostGraduate", "POST_GRADUATE"),
    ("Ungraded", "UNGRADED"),
    ("Other", "OTHER"),
]


@pytest.mark.parametrize(("clever", "graphql"), CLEVER_TO_GRAPHQL)
def test_every_clever_grade_maps_to_its_graphql_name_and_back(clever: str, graphql: str) -> None:
    grade = GradeLevel.from_clever(clever)

    assert grade is not None
    assert grade.enum_name == graphql
    assert str(grade) == clever


@pytest.mark.parametrize("raw", [None, ""])
def test_empty_or_missing_grade_is_unknown(raw: object) -> None:
    assert GradeLevel.from_clever(raw) is None


@pytest.mark.parametrize(
    "raw", ["0", "14", "K", "kindergarten", "Grade 7", " 7", "07", "GRADE_7", "12th"]
)
def test_values_outside_clevers_enum_are_refused(raw: str) -> None:
    with pytest.raises(InvalidValue, match="unknown grade level"):
        GradeLevel.from_clever(raw)


@pytest.mark.parametrize("raw", [7, 7.0, True, ["7"]])
def test_a_grade_that_is_not_text_is_refused(raw: object) -> None:
    with pytest.raises(InvalidValue, match="must be text"):
        GradeLevel.from_clever(raw)


def test_a_very_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(InvalidValue) as refused:
        GradeLevel.from_clever("z" * 10_000)

    assert len(str(refused.value)) < 80
