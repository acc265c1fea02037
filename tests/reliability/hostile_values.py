"""Values a broken or hostile Clever might send, as hypothesis strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from domain.grade_level import ENUM_NAMES

# Right-to-left and left-to-right marks, an override, zero-width joiner and non-joiner,
# a combining accent, emoji built with joiners and skin tones, CJK and Arabic letters.
ODD_CHARACTERS = [
    "\u200f",
    "\u200e",
    "\u202e",
    "\u200d",
    "\u200c",
    "\u0301",
    "\U0001f469\u200d\U0001f3eb",
    "\U0001f9d1\U0001f3fd\u200d\U0001f393",
    "\U0001f600",
    "é",
    "ß",
    "漢",
    "ع",
    "a",
]

wrong_types = st.one_of(
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.integers(), min_size=1, max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(), min_size=1, max_size=2),
)

odd_unicode = st.lists(st.sampled_from(ODD_CHARACTERS), min_size=1, max_size=12).map("".join)

ten_thousand_characters = st.sampled_from(["x", "é", "\U0001f600", "\u200f"]).map(
    lambda char: char * 10_000
)

with_nul = st.tuples(st.text(max_size=8), st.text(max_size=8)).map(lambda p: f"{p[0]}\x00{p[1]}")

# A lone surrogate: valid JSON as an escape ("\ud800"), but not text any database can store.
with_lone_surrogate = st.tuples(
    st.text(max_size=5), st.sampled_from(["\ud800", "\udfff", "\udbff"])
).map("".join)

unknown_grades = st.one_of(
    st.sampled_from(["Grade 5", "13th", "K", "kindergarten", "0", "14", "PreK"]),
    st.text(min_size=1, max_size=20),
).filter(lambda value: value not in ENUM_NAMES)

unknown_flags = st.one_of(
    st.sampled_from(["Yes", "No", "y", "n", "true", "false", "1", "0", "Unknown"]),
    st.text(min_size=1, max_size=10),
).filter(lambda value: value not in ("Y", "N"))

overlong_text = st.integers(min_value=256, max_value=10_000).map(lambda n: "r" * n)

unreadable_text = st.one_of(with_nul, with_lone_surrogate)
