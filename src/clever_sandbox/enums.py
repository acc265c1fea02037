"""Enum values of Clever's v3.x spec that the generator draws from.

The contract tests compare these tuples with the spec, so drift is caught.
`ABSENT` marks "leave the key out", which real districts do for data they do
not share.
"""

from __future__ import annotations

from typing import Final

ABSENT: Final = object()

GRADES: Final = (
    "InfantToddler",
    "Preschool",
    "PreKindergarten",
    "TransitionalKindergarten",
    "Kindergarten",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "13",
    "PostGraduate",
    "Ungraded",
    "Other",
    "",
)
SUBJECTS: Final = (
    "english/language arts",
    "math",
    "science",
    "social studies",
    "language",
    "homeroom/advisory",
    "interventions/online learning",
    "technology and engineering",
    "PE and health",
    "arts and music",
    "other",
    "",
)
GENDERS: Final = ("M", "F", "X", "")
RACES: Final = (
    "Caucasian",
    "Asian",
    "Black or African American",
    "American Indian",
    "Hawaiian or Other Pacific Islander",
    "Two or More Races",
    "Unknown",
    "",
)
YES_NO: Final = ("Y", "N", "")
FRL_STATUSES: Final = ("Free", "Reduced", "Paid", "Other", "")

# Which demographic keys draw from which values; ABSENT = key left out.
STUDENT_DEMOGRAPHICS: Final[dict[str, tuple[object, ...]]] = {
    "gender": GENDERS,
    "race": RACES,
    "hispanic_ethnicity": YES_NO,
    "ell_status": (*YES_NO, ABSENT),
    "frl_status": (*FRL_STATUSES, ABSENT),
    "iep_status": (*YES_NO, ABSENT),
}

ELEMENTARY_GRADES: Final = ("Kindergarten", "1", "2", "3", "4", "5")
MIDDLE_GRADES: Final = ("6", "7", "8")
HIGH_GRADES: Final = ("9", "10", "11", "12")
