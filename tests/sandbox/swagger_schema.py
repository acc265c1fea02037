"""Turn Clever's Swagger 2.0 definitions into JSON Schema validators.

`x-nullable: true` becomes "or null". With `strict=True` every object
definition rejects properties the spec does not list, except the few extras
real Clever payloads carry (see /work/shared/clever-api/README.md): list
items' `uri`, envelopes' `links`, `roles.student.email`, and events'
`previous_attributes` next to `object`.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft7Validator

DROPPED_KEYS = {"x-nullable", "x-validation", "discriminator", "format", "x-samples-languages"}


def _extras(name: str, schema: dict) -> set[str]:
    properties = schema.get("properties", {})
    if name == "Student":
        return {"email"}
    if set(properties) == {"data"} and "$ref" in properties["data"]:
        return {"uri", "links"}  # one record: list item or single envelope
    if name.endswith("Object"):
        return {"previous_attributes"}
    return set()


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    nullable = node.get("x-nullable") is True
    if "$ref" in node:
        ref = {"$ref": node["$ref"]}
        return {"anyOf": [ref, {"type": "null"}]} if nullable else ref
    out = {key: _convert(value) for key, value in node.items() if key not in DROPPED_KEYS}
    if "properties" in node:
        out["properties"] = {key: _convert(value) for key, value in node["properties"].items()}
    if nullable and "type" in out:
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out


def definitions(spec: dict, strict: bool) -> dict[str, Any]:
    converted: dict[str, Any] = {}
    for name, schema in spec["definitions"].items():
        out = _convert(schema)
        if strict and "properties" in schema and name != "Event":
            for extra in _extras(name, schema):
                out["properties"].setdefault(extra, {})
            out["additionalProperties"] = False
        converted[name] = out
    return converted


def validator(spec: dict, definition: str, strict: bool = True) -> Draft7Validator:
    root = {"definitions": definitions(spec, strict), "$ref": f"#/definitions/{definition}"}
    return Draft7Validator(root)


def response_definition(spec: dict, template: str) -> str:
    """The definition a path's 200 response uses, per the spec."""
    ref = spec["paths"][template]["get"]["responses"]["200"]["schema"]["$ref"]
    return str(ref).rsplit("/", 1)[-1]


def errors(validator_: Draft7Validator, payload: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator_.iter_errors(payload)
    ]
