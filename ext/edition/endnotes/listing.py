"""``{endnote-reconstructions}``: every note whose place the editor
reconstructed, with what was restored and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from edition.apparatus.paragraphs import label
from edition.domain import mark_aggregator
from edition.endnotes.records import NoteIndex, note_id
from edition.nodeutil import table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class reconstruction_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder, replaced once every page is read."""


class ReconstructionDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = reconstruction_list()
        self.set_source_info(node)
        mark_aggregator(self.env, self.env.docname, ("endnotes", "endnote_refs", "paragraphs"))
        return [node]


def fill_reconstructions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(reconstruction_list))
    if not placeholders:
        return
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
    for node in placeholders:
        node.replace_self(
            table(
                ["Note", "Marker in", "Restored", "Confidence", "Evidence"],
                rows,
                ["ed-reconstructions"],
            )
        )


def setup(app: Sphinx) -> None:
    app.add_node(reconstruction_list)
    app.add_directive("endnote-reconstructions", ReconstructionDirective)
    app.connect("doctree-resolved", fill_reconstructions)
