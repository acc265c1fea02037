"""Demographic fields a district may choose to share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from domain.problems import InvalidValue

FLAG_FIELDS = ("ell_status", "hispanic_ethnicity", "iep_status")
TEXT_FIELDS = ("frl_status", "race", "gender")
ALL_FIELDS = FLAG_FIELDS + TEXT_FIELDS
MAX_TEXT = 255


@dataclass(frozen=True, slots=True)
class DemographicProfile:
    """Flags are true/false/unknown (None); text is at most 255 characters or unknown."""

    ell_status: bool | None = None
    hispanic_ethnicity: bool | None = None
    iep_status: bool | None = None
    frl_status: str | None = None
    race: str | None = None
    gender: str | None = None

    def __post_init__(self) -> None:
        for name in FLAG_FIELDS:
            if getattr(self, name) not in (True, False, None):
                raise InvalidValue(f"{name} must be true, false or unknown")
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
                raise InvalidValue(f"{name} must be text of at most {MAX_TEXT} characters")

    def as_dict(self) -> dict[str, bool | str | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ParsedDemographics:
    """What Clever sent: the good values, and the fields whose values were refused."""

    profile: DemographicProfile
    refused: Mapping[str, str]

    def merged_over(self, stored: DemographicProfile | None) -> DemographicProfile:
        """A refused value never overwrites a good stored one."""
        if not self.refused or stored is None:
            return self.profile
        kept = {name: getattr(stored, name) for name in self.refused}
        return replace(self.profile, **kept)


def parse_flag(raw: object) -> bool | None:
    if raw is None or raw == "":
        return None
    if raw == "Y":
        return True
    if raw == "N":
        return False
    shown = raw[:40] if isinstance(raw, str) else type(raw).__name__
    raise InvalidValue(f"expected 'Y', 'N' or empty, got {shown!r}")


def parse_text(raw: object) -> str | None:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise InvalidValue(f"expected text, got {type(raw).__name__}")
    if len(raw) > MAX_TEXT:
        raise InvalidValue(f"text of {len(raw)} characters exceeds {MAX_TEXT}")
    return raw


def parse_demographics(raw: Mapping[str, object]) -> ParsedDemographics:
    """Read Clever's student fields; missing keys mean the district does not share them."""
    values: dict[str, bool | str | None] = {}
    refused: dict[str, str] = {}
    for name in ALL_FIELDS:
        parse = parse_flag if name in FLAG_FIELDS else parse_text
        try:
            values[name] = parse(raw.get(name))
        except InvalidValue as exc:
            values[name] = None
            refused[name] = str(exc)
    return ParsedDemographics(DemographicProfile(**values), refused)  # type: ignore[arg-type]
