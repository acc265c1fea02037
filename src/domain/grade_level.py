"""Grade levels as Clever names them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.problems import InvalidValue

_NAMED = {
    "InfantToddler": "INFANT_TODDLER",
    "Preschool": "PRESCHOOL",
    "PreKindergarten": "PRE_KINDERGARTEN",
    "TransitionalKindergarten": "TRANSITIONAL_KINDERGARTEN",
    "Kindergarten": "KINDERGARTEN",
    "PostGraduate": "POST_GRADUATE",
    "Ungraded": "UNGRADED",
    "Other": "OTHER",
}
_NUMBERED = {str(n): f"GRADE_{n}" for n in range(1, 14)}
ENUM_NAMES: dict[str, str] = {**_NAMED, **_NUMBERED}


@dataclass(frozen=True, slots=True)
class GradeLevel:
    """One of Clever's grade values, e.g. ``Kindergarten`` or ``"7"``."""

    clever_value: str

    def __post_init__(self) -> None:
        if self.clever_value not in ENUM_NAMES:
            raise InvalidValue(f"unknown grade level {self.clever_value[:40]!r}")

    @property
    def enum_name(self) -> str:
        return ENUM_NAMES[self.clever_value]

    @classmethod
    def from_clever(cls, raw: object) -> GradeLevel | None:
        """``None``, ``""`` mean unknown; anything outside Clever's enum raises ``InvalidValue``."""
        if raw is None or raw == "":
            return None
        if not isinstance(raw, str):
            raise InvalidValue(f"grade level must be text, got {type(raw).__name__}")
        return cls(raw)

    def __str__(self) -> str:
        return self.clever_value
