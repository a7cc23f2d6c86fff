"""The file ``python -m edition.annotations new`` writes, and how a scaffold left
unfilled is recognised.

The front matter is written by a YAML library (``yaml.safe_dump``), so any quotation,
apostrophes, colons and quotes included, comes back exactly as it was given. The body
is a placeholder that the loader reports as such, with its line, until it is replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import datetime as dt

#: The body ``new`` writes; the words below mark it wherever they are left.
PLACEHOLDER = "Write the note here. Cite every fact with {cite}`key` (and add the work to references.bib)."
MARKS = ("Write the note here.", "{cite}`key`")


def front_matter(
    exact: str, prefix: str, suffix: str, author: str, kind: str, created: dt.date
) -> dict[str, object]:
    target = (
        {"exact": exact} | ({"prefix": prefix} if prefix else {}) | ({"suffix": suffix} if suffix else {})
    )
    return {
        "target": target,
        "authors": [{"name": author}],
        "created": created,
        "kind": kind,
        "citations": [],
    }


def render(data: dict[str, object]) -> str:
    """The whole file: the front matter between ``---`` lines, then the placeholder."""
    header = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{header}---\n{PLACEHOLDER}\n"


def unfilled(body: str) -> tuple[int, str] | None:
    """``(line within the body, message)`` if the body still holds the scaffold's placeholder."""
    for number, line in enumerate(body.split("\n")):
        if any(mark in line for mark in MARKS):
            return (
                number,
                "the body is still the placeholder written by `new`: replace it with your note, and cite "
                "each source with {cite}`KEY` (a key of references.bib, listed in citations)",
            )
    return None
