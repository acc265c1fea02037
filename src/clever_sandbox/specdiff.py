"""Derive which v3.1 fields the v3.0 API lacks, straight from the two specs.

Run `python -m clever_sandbox.specdiff <swagger dir>` to print the tables that
`versions.py` holds; the contract tests re-derive them and compare.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .records import Record


def _ref_target(schema: Record) -> str | None:
    ref = schema.get("$ref") or (schema.get("items") or {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def derive(
    spec30: Record, spec31: Record
) -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, str]]]:
    """(omitted fields per definition, nested properties leading to omissions)."""
    old, new = spec30["definitions"], spec31["definitions"]
    omitted: dict[str, tuple[str, ...]] = {}
    for name, schema in new.items():
        if name in old:
            missing = set(schema.get("properties", {})) - set(old[name].get("properties", {}))
            if missing:
                omitted[name] = tuple(sorted(missing))

    memo: dict[str, bool] = {}

    def affected(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name in memo:
            return memo[name]
        if name in seen or name not in new:
            return False
        result = name in omitted or any(
            affected(t, seen | {name})
            for p, s in new[name].get("properties", {}).items()
            if (t := _ref_target(s)) and p not in omitted.get(name, ())
        )
        memo[name] = result
        return result

    nested: dict[str, dict[str, str]] = {}
    for name, schema in new.items():
        for prop, sub in schema.get("properties", {}).items():
            target = _ref_target(sub)
            if target and prop not in omitted.get(name, ()) and affected(target):
                nested.setdefault(name, {})[prop] = target
    return omitted, nested


def main(argv: list[str]) -> None:
    import yaml

    folder = Path(argv[0])
    spec30 = yaml.safe_load((folder / "v3.0.yml").read_text())
    spec31 = yaml.safe_load((folder / "v3.1.yml").read_text())
    omitted, nested = derive(spec30, spec31)
    print(f"V30_OMITTED = {omitted!r}")
    print(f"V30_NESTED = {nested!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
