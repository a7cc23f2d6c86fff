"""How the library is parsed (bibtexparser) and formatted (citeproc-py), pinned.

The edition uses both libraries through their public interfaces only. This test pins what
they give for ``tests/snapshots/library.bib`` (LaTeX accents and escapes, corporate authors,
name particles, ``@string`` macros, month macros, ``crossref``, a year that is not a number):
an upgrade of either library that changes a name, a date or a formatted reference fails here
instead of changing the edition silently. After checking the differences by eye, refresh the
snapshot with ``UPDATE_SNAPSHOTS=1 nox -s tests -- tests/test_library_snapshot.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from edition.citations.csl import to_csl
from edition.citations.library import read
from edition.citations.style import format_bibliography

HERE = Path(__file__).parent / "snapshots"


def snapshot() -> dict[str, object]:
    library = read(HERE / "library.bib", "library.bib")
    entries = {key: dataclasses.asdict(entry) for key, entry in library.entries.items()}
    for entry in entries.values():
        del entry["raw"]
    csl = [to_csl(entry) for entry in library.entries.values()]
    return {
        "problems": [list(p) for p in library.problems],
        "entries": entries,
        "csl": csl,
        "formatted": format_bibliography(csl, "chicago-notes-bibliography-16th-edition"),
    }


def test_the_library_is_parsed_and_formatted_as_pinned():
    pinned = HERE / "library.json"
    now = json.loads(json.dumps(snapshot()))  # as JSON gives it back: tuples are lists
    if os.environ.get("UPDATE_SNAPSHOTS"):
        pinned.write_text(
            json.dumps(now, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    assert now == json.loads(pinned.read_text(encoding="utf-8"))
