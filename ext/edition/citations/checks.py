"""Citation checks after the merge: unknown keys, unresolvable Ibid., and
library entries that nothing cites."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from edition.citations.library import get_library
from edition.citations.uses import uses_by_key
from edition.diagnostics import Severity, Subtype, report, report_all
from edition.endnotes.records import NoteIndex

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _unknown(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown citation key {key!r}{hint}: add the work to references.bib or correct the key"


def check_citations(app: Sphinx, env: BuildEnvironment) -> None:
    library = get_library(env)
    if library is None:
        return
    report_all(Subtype.BIBTEX, library.problems)
    known = list(library.entries)
    index = NoteIndex.build(env)
    for number in sorted(index.notes):
        note = index.notes[number][0]
        for citation in note.citations:
            if citation.key not in library.entries:
                report(
                    Subtype.CITATION,
                    f"endnote {number}: " + _unknown(citation.key, known),
                    location=(note.docname, note.line),
                )
        if note.kind == "ibid":
            _, problem = index.resolved_citations(number)
            if problem:
                report(Subtype.CITATION, problem, location=(note.docname, note.line))
    uses = uses_by_key(env)
    for key, places in sorted(uses.items()):
        if key in library.entries:
            continue
        reported = set()
        for place in places:
            if not place.anchor.startswith("cite-"):
                continue
            location = place.origin or (place.docname, place.line)
            if location not in reported:
                reported.add(location)
                report(Subtype.CITATION, _unknown(key, known), location=location)
    for key, entry in library.entries.items():
        if key not in uses:
            report(
                Subtype.CITATION,
                f"entry {key!r} is not cited anywhere in the edition: cite it with {{cite}}`{key}` "
                "where it is relevant, or remove it",
                location=library.location(entry.line),
                severity=Severity.WARNING,
            )


def setup(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_citations)
