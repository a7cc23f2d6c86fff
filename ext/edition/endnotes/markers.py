"""Endnote markers in the text: ``{endnote}`3``` and, where the editor restored
a marker lost in extraction, ``{endnote}`[4]```."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from edition.apparatus.emendations import EntryFields, apparatus_entry
from edition.apparatus.paragraphs import paragraph_id
from edition.apparatus.witness import superscript, witness_mapped
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.endnotes.records import REFS, NoteRef, display, ref_id
from edition.nodeutil import enclosing, words_before

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARKER = re.compile(r"(?P<open>\[)?(?P<number>[1-9][0-9]*)(?(open)\])")
PRECEDING_WORDS = 12


class endnote_ref(nodes.Inline, nodes.TextElement, witness_mapped, apparatus_entry):  # noqa: N801
    """A marker; linked to its note by :mod:`edition.endnotes.linking`."""

    def witness_form(self) -> tuple[str, str, bool]:
        return ("" if self["restored"] else superscript(self["number"])), "", False

    def apparatus_entries(self) -> list[EntryFields]:
        if not self["restored"]:
            return []
        number = self["number"]
        return [
            EntryFields(
                "restored-marker",
                "",
                display(number, True),
                f"The marker of note {number} was lost in extraction; "
                f"see note {number} for the evidence for its place.",
                ref_id(number),
            )
        ]


class EndnoteRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = MARKER.fullmatch(self.text.strip())
        if not match:
            report(
                Subtype.ENDNOTE,
                f"malformed endnote marker {self.text!r}: write the note's number, "
                "{endnote}`4`, or {endnote}`[4]` for a marker the editor restored",
                location=self.get_location(),
            )
            return [], []
        node = endnote_ref(number=int(match["number"]), restored=bool(match["open"]))
        self.set_source_info(node)
        return [node], []


def collect_markers(app: Sphinx, doctree: nodes.document) -> None:
    """Record every marker with its paragraph and the words before it."""
    env = app.env
    records = []
    for node in doctree.findall(endnote_ref):
        number = node["number"]
        node["ids"] = [ref_id(number)]
        para = enclosing(node, nodes.paragraph)
        container = para if para is not None else doctree
        records.append(
            NoteRef(
                number=number,
                restored=node["restored"],
                docname=env.docname,
                line=node.line,
                paragraph=paragraph_id(node),
                preceding_text=words_before(node, container, PRECEDING_WORDS),
            )
        )
    get_domain(env).set_records(REFS, env.docname, records)


def setup(app: Sphinx) -> None:
    app.add_role("endnote", EndnoteRole())
    app.connect("doctree-read", collect_markers)
