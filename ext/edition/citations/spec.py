"""Citation specs, ``key, p. 4; other``: shared by the ``{cite}`` role and the
endnotes' ``:cite:`` option."""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.\-]*")
LOCATOR = re.compile(
    r"(?:p\. \d+[a-z]?|pp\. \d+[a-z]?[-–]\d+[a-z]?|(?:sec|para|ch|art|n)\. [0-9][0-9a-z.]*"
    r"|(?:secs|paras)\. [0-9][0-9a-z.]*[-–][0-9][0-9a-z.]*)"
)
LOCATOR_HELP = "p. 4, pp. 4-6, sec. 2, para. 3, ch. 1, art. 5 or n. 2"


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str = ""


def check_locator(locator: str) -> str | None:
    """A problem with *locator*, or None if it is well formed (or empty)."""
    if locator and not LOCATOR.fullmatch(locator):
        return f"malformed locator {locator!r}: write it as {LOCATOR_HELP}"
    return None


def _split(text: str) -> list[str]:
    """Works are separated by ``;``; ``key1,key2`` (no locator) is also read as two works."""
    out: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        pieces = part.split(",")
        if len(pieces) > 1 and not any(c.isspace() for c in part) and all(KEY.fullmatch(p) for p in pieces):
            out += pieces
        else:
            out.append(part)
    return out


def parse_spec(text: str) -> tuple[list[Citation], list[str]]:
    """``"key, p. 4; other"`` as citations, and the problems found."""
    citations: list[Citation] = []
    problems: list[str] = []
    for part in _split(text):
        if not part:
            problems.append("an empty citation: write key or key, p. 4, separated by ';'")
            continue
        key, _, locator = (s.strip() for s in part.partition(","))
        if not KEY.fullmatch(key):
            problems.append(f"malformed citation key {key!r}: a key is letters, digits and - _ : .")
            continue
        problem = check_locator(locator)
        if problem:
            problems.append(f"{problem} (citing {key!r})")
            continue
        citations.append(Citation(key, locator))
    return citations, problems
