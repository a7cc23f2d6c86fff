"""``{endnote-reconstructions}``: every note whose place the editor
reconstructed, with what was restored and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from edition.apparatus.paragraphs import label
from edition.endnotes.records import NoteIndex, note_id
from edition.nodeutil import add_listing, listing, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fill_reconstructions(app: Sphinx, docname: str, placeholder: listing) -> list[nodes.Node]:
    index = NoteIndex.build(app.env)
    rows: list[list[nodes.Node | str]] = []
    for number in sorted(index.notes):
        if not index.reconstructed(number):
            continue
        note = index.notes[number][0]
        ref = index.ref(number)
        restored = [
            what
            for what, flag in (
                ("number", note.number_restored),
                ("marker", bool(ref and ref.restored)),
                ("place in the ENDNOTES block", note.relocated),
            )
            if flag
        ]
        link = make_refnode(
            app.builder,
            docname,
            note.docname,
            note_id(number),
            nodes.Text(f"Note {number}"),
            f"Note {number}",
        )
        where = label(ref.paragraph) if ref and ref.paragraph else "—"
        rows.append(
            [
                nodes.paragraph("", "", link),
                where,
                ", ".join(restored),
                note.confidence or "—",
                note.reason,
            ]
        )
    return [table(["Note", "Marker in", "Restored", "Confidence", "Evidence"], rows, ["ed-reconstructions"])]


def setup(app: Sphinx) -> None:
    add_listing(app, "endnote-reconstructions", fill_reconstructions)
