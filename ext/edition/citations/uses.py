"""Every place that cites a work: ``{cite}`` roles and the author's notes
(Ibid. resolved), gathered after the merge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from edition.citations.cite import BUCKET
from edition.domain import get_domain
from edition.endnotes.records import NoteIndex, note_id

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Place:
    docname: str
    anchor: str
    label: str
    line: int | None
    origin: str = ""
    html_only: bool = False


def uses_by_key(env: BuildEnvironment) -> dict[str, list[Place]]:
    out: dict[str, list[Place]] = {}
    index = NoteIndex.build(env)
    for number in sorted(index.notes):
        note = index.notes[number][0]
        for citation in index.resolved_citations(number)[0]:
            out.setdefault(citation.key, []).append(
                Place(note.docname, note_id(number), f"note {number}", note.line)
            )
    titles = env.titles
    for use in get_domain(env).all_records(BUCKET):
        title = titles[use.docname].astext() if use.docname in titles else use.docname
        label = f"{title}, {use.context}" if use.context else title
        place = Place(use.docname, use.anchor, label, use.line, use.origin, use.html_only)
        out.setdefault(use.key, []).append(place)
    return out
