"""Raw BibTeX field values, for fields that LaTeX decoding would damage.

bibtexparser's LaTeX decoding reads ``%`` as a comment and ``&`` or ``~`` as
markup, which breaks URLs; so ``url``, ``doi`` and ``archive`` are read from
the entry's raw text instead.
"""

from __future__ import annotations

import re

_FIELD = re.compile(r"([A-Za-z][\w-]*)\s*=\s*")
_BIB_ESCAPES = re.compile(r"\\([%&#_$~])")
_MACRO = re.compile(r"[A-Za-z_][\w:.+-]*")


def raw_fields(raw: str) -> dict[str, tuple[str, int]]:
    """The fields of one raw BibTeX entry, unprocessed: ``{name: (value, line offset)}``.

    The library's parsed values have gone through LaTeX decoding, which reads
    ``%`` as a comment and ``&`` as a column separator; a URL must be taken raw.
    """
    return {name: (value, line) for name, (value, line, _) in fields_of(raw).items()}


def macros_used(fields: dict[str, tuple[str, int, bool]]) -> dict[str, tuple[list[str], int]]:
    """For each field (of :func:`fields_of`) written without braces or quotes (``month = jan``,
    ``title = a # "b"``), the macro names it uses and its line offset."""
    out: dict[str, tuple[list[str], int]] = {}
    for name, (value, line, enclosed) in fields.items():
        if enclosed:
            continue
        parts = [part.strip() for part in value.split("#")]
        names = [p for p in parts if p and p[0] not in '{"' and not p.isdigit() and _MACRO.fullmatch(p)]
        if names:
            out[name] = (names, line)
    return out


def fields_of(raw: str) -> dict[str, tuple[str, int, bool]]:
    """``{name: (raw value, line offset, whether it was in braces or quotes)}``."""
    fields: dict[str, tuple[str, int, bool]] = {}
    start = raw.find(",", raw.find("{") + 1)  # after "@type{key,"
    if start < 0:
        return fields
    i = start + 1
    while True:
        match = _FIELD.search(raw, i)
        if not match:
            break
        name, j = match.group(1).lower(), match.end()
        if j >= len(raw):
            break
        enclosed = raw[j] in '{"'
        value, i = _read_value(raw, j)
        fields.setdefault(name, (" ".join(value.split()), raw.count("\n", 0, match.start()), enclosed))
    return fields


def _read_value(raw: str, i: int) -> tuple[str, int]:
    opener = raw[i]
    if opener in '{"':
        closer, depth, j = ("}" if opener == "{" else '"'), 0, i + 1
        while j < len(raw):
            char = raw[j]
            if char == "\\":
                j += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}" and depth:
                depth -= 1
            elif char == closer and depth == 0:
                return raw[i + 1 : j], j + 1
            j += 1
        return raw[i + 1 :], len(raw)
    end = re.compile(r"[,}\n]").search(raw, i)
    stop = end.start() if end else len(raw)
    return raw[i:stop].strip(), stop


def bib_value(value: str) -> str:
    return _BIB_ESCAPES.sub(r"\1", value.replace("{", "").replace("}", "")).strip()
