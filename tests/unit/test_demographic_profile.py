"""DemographicProfile, Clever's demographic fields, and ParsedDemographics.merged_over."""

from __future__ import annotations

import pytest

from domain.demographics import DemographicProfile, ParsedDemographics, parse_demographics
from domain.problems import InvalidValue

SHARED = {
    "ell_status": "Y",
    "hispanic_ethnicity": "N",
    "iep_status": "N",
    "frl_status": "Reduced",
    "race": "Black or African American",
    "gender": "X",
}


def test_y_and_n_become_true_and_false_and_text_is_kept() -> None:
    parsed = parse_demographics(SHARED)

    assert parsed.refused == {}
    assert parsed.profile == DemographicProfile(
        ell_status=True,
        hispanic_ethnicity=False,
        iep_status=False,
        frl_status="Reduced",
        race="Black or African American",
        gender="X",
    )


@pytest.mark.parametrize("raw", [{}, dict.fromkeys(SHARED, ""), dict.fromkeys(SHARED)])
def test_empty_or_missing_fields_are_unknown(raw: dict[str, object]) -> None:
    parsed = parse_demographics(raw)

    assert parsed.refused == {}
    assert parsed.profile == DemographicProfile()
    assert set(parsed.profile.as_dict().values()) == {None}


@pytest.mark.parametrize("value", ["y", "Yes", "true", "1", " Y", True, 1])
def test_a_flag_other_than_y_or_n_is_refused(value: object) -> None:
    parsed = parse_demographics({**SHARED, "iep_status": value})

    assert list(parsed.refused) == ["iep_status"]
    assert "expected 'Y', 'N' or empty" in parsed.refused["iep_status"]
    assert parsed.profile.iep_status is None
    assert parsed.profile.ell_status is True


def test_text_of_255_characters_is_kept_and_256_is_refused() -> None:
    kept = parse_demographics({"race": "r" * 255})
    refused = parse_demographics({"race": "r" * 256})

    assert kept.profile.race == "r" * 255 and kept.refused == {}
    assert refused.profile.race is None
    assert refused.refused == {"race": "text of 256 characters exceeds 255"}


def test_text_that_is_not_text_is_refused() -> None:
    parsed = parse_demographics({"gender": 3, "frl_status": ["Free"]})

    assert sorted(parsed.refused) == ["frl_status", "gender"]


def test_a_refused_message_never_repeats_a_long_value() -> None:
    parsed = parse_demographics({"ell_status": "Q" * 1000})

    assert len(parsed.refused["ell_status"]) < 80


def test_merged_over_keeps_stored_values_only_for_refused_fields() -> None:
    stored = DemographicProfile(ell_status=True, race="Asian", gender="F")
    parsed = parse_demographics({"ell_status": "maybe", "race": "x" * 300, "gender": "M"})

    merged = parsed.merged_over(stored)

    assert merged == DemographicProfile(ell_status=True, race="Asian", gender="M")


def test_merged_over_lets_clever_clear_a_field_it_sends_empty() -> None:
    stored = DemographicProfile(iep_status=True, frl_status="Free")

    merged = parse_demographics({"iep_status": "", "frl_status": "Paid"}).merged_over(stored)

    assert merged == DemographicProfile(iep_status=None, frl_status="Paid")


def test_merged_over_nothing_stored_is_the_new_profile() -> None:
    parsed = ParsedDemographics(DemographicProfile(gender="F"), {"race": "too long"})

    assert parsed.merged_over(None) == DemographicProfile(gender="F")


@pytest.mark.parametrize(
    "fields",
    [{"ell_status": "Y"}, {"iep_status": 0.5}, {"race": "r" * 256}, {"gender": 7}],
)
def test_a_profile_refuses_values_outside_its_rules(fields: dict[str, object]) -> None:
    with pytest.raises(InvalidValue):
        DemographicProfile(**fields)  # type: ignore[arg-type]
