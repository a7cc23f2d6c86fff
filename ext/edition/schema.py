"""One declared schema per contributed YAML format, checked with jsonschema, each problem
located at its ``file:line`` and saying what to do.

The schemas are JSON Schema (2020-12) files in ``edition/schemas/``: the front matter of an
annotation, a file of the dated-claims registry, the waivers. Each property may carry an
``x-hint``: what to write instead, used in the message. What a schema cannot say (a
citation list that must match the keys a text cites, say) is checked by the loader after.

Formats are checked by their standard, not by what Python happens to accept:
``date`` is ``YYYY-MM-DD`` and a real day (``date.fromisoformat`` also takes
``2026-W48-6`` and ``20261128``); ``orcid`` is ASCII digits with the ISO 7064 11,2 check
digit; ``quotation`` and ``name`` may not hold control characters or bidirectional
overrides, which would make the text read differently from what it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from edition.characters import BIDI_CONTROLS, SEPARATORS
from edition.diagnostics import Problem, file_location

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from jsonschema import ValidationError

FOLDER = Path(__file__).parent / "schemas"
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
ORCID = re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]")
#: C0 and C1 controls (but tab and newline), line separators, and the bidirectional controls
#: (a "Trojan Source" reordering): the characters :mod:`edition.characters` escapes in messages.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + re.escape("".join(sorted(BIDI_CONTROLS | SEPARATORS))) + "]"
)
#: The reading text's paragraph separator (edition.annotations.anchoring.BREAK).
SEPARATOR = "\u241e"

checker = FormatChecker(formats=())


@checker.checks("date")
def is_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@checker.checks("partial-date")
def is_partial_date(value: object) -> bool:
    return (
        isinstance(value, str)
        and bool(PARTIAL_DATE.fullmatch(value))
        and (len(value) != 10 or is_date(value))
        and (len(value) != 7 or 1 <= int(value[5:]) <= 12)
    )


@checker.checks("orcid")
def is_orcid(value: object) -> bool:
    """ISO 7064 MOD 11-2 over the first fifteen digits gives the sixteenth."""
    if not isinstance(value, str) or not ORCID.fullmatch(value):
        return False
    digits = value.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


@checker.checks("name")
def is_safe_text(value: object) -> bool:
    return not isinstance(value, str) or not UNSAFE.search(value)


@checker.checks("quotation")
def is_quotation(value: object) -> bool:
    return is_safe_text(value) and not (isinstance(value, str) and SEPARATOR in value)


FORMAT_PROBLEMS = {
    "name": "holds a control character or a bidirectional override, which would make it read "
    "differently from what it is: remove it",
    "quotation": "holds a control character, a bidirectional override or the reading text's paragraph "
    "separator (U+241E): quote the words of one paragraph, as plain text",
}


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


@functools.lru_cache(maxsize=16)
def _validator(schema: str) -> Draft202012Validator:
    """One validator per schema (as JSON text), made once: the registry checks each claim apart."""
    return Draft202012Validator(json.loads(schema), format_checker=checker)


def validate(
    data: Any,
    node: yaml.Node | None,
    schema: dict[str, Any],
    label: str,
    first_line: int = 1,
    keyed: str = "",
) -> list[Problem]:
    """*data* (parsed from *node*, which starts at line *first_line* of the file *label*)
    against *schema*; each problem at the line of the value (or key) it is about. With
    *keyed* (``"claim"``), the top-level keys name things, and messages name them too."""
    validator = _validator(json.dumps(schema, sort_keys=True))
    out: list[Problem] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        prefix = f"{keyed} {path[0]!r}: " if keyed and path else ""
        for line_node, message in _explain(error, node, path, 1 if prefix else 0):
            line = first_line + (line_node.start_mark.line if line_node is not None else 0)
            out.append(Problem(file_location(label, line), prefix + message))
    return out


def _explain(
    error: ValidationError, root: yaml.Node | None, path: list[Any], skip: int
) -> Iterator[tuple[yaml.Node | None, str]]:
    value_node, key_node = _node_at(root, path)
    field = _field(path[skip:])
    here = f" in {field}" if field else ""
    hint = error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""
    kind = error.validator
    if kind == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for name in error.validator_value:
            if name not in present:
                wanted = _property_hint(error.schema, name)
                yield value_node, f"missing field {name!r}{here}: add it" + (f" ({wanted})" if wanted else "")
    elif kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for name in _extra(error.instance, error.schema):
            extra_key, _ = _key_node(value_node, name)
            yield extra_key or value_node, f"unknown field {name!r}{here}: allowed are {', '.join(allowed)}"
    elif kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        yield (
            value_node,
            f"unknown {field or 'value'} {_shown(error.instance)}: use one of {choices}",
        )
    elif kind == "propertyNames":
        yield key_node or value_node, f"{_shown(error.instance)} is not a valid name: {hint or error.message}"
    elif kind == "format":
        problem = FORMAT_PROBLEMS.get(
            error.validator_value, f"is not valid: {hint}" if hint else "is not valid"
        )
        yield value_node, f"{field or 'the value'} {_shown(error.instance)} {problem}"
    elif kind == "type":
        expected = error.validator_value
        yield (
            value_node,
            f"{field or 'the value'} must be {_article(expected)}, not {_shown(error.instance)}"
            + (f": {hint}" if hint else ""),
        )
    else:
        yield (
            value_node,
            f"{field or 'the value'} {_shown(error.instance)} is not valid: {hint or error.message}",
        )


def _article(expected: Any) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number"}
    if isinstance(expected, list):
        return " or ".join(names.get(str(e), str(e)) for e in expected)
    return names.get(expected, str(expected))


def _shown(value: Any, limit: int = 60) -> str:
    text = (
        repr(value)
        if not isinstance(value, (dict, list))
        else ("a mapping" if isinstance(value, dict) else "a list")
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _property_hint(schema: dict[str, Any], name: str) -> str:
    prop = schema.get("properties", {}).get(name, {})
    return str(prop.get("x-hint", "")) if isinstance(prop, dict) else ""


def _extra(instance: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    known = set(schema.get("properties", {}))
    return sorted(str(k) for k in instance if k not in known)


def _key_node(node: yaml.Node | None, name: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(name):
                return key, value
    return None, None


def _node_at(root: yaml.Node | None, path: list[Any]) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The node of the value at *path*, and of its key (``None`` for a list item)."""
    node, key = root, None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            key, value = _key_node(node, part)
            if value is None:
                break
            node = value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node, key = node.value[part], None
        else:
            break
    return node, key


def with_enum(schema: dict[str, Any], field: str, choices: list[str]) -> dict[str, Any]:
    """*schema* with the property *field* limited to *choices* (from the configuration)."""
    props = dict(schema["properties"])
    props[field] = {**props[field], "enum": list(choices)}
    return {**schema, "properties": props}
