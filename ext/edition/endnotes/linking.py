"""Linking markers and notes both ways, checking them, and rendering them.

Markers and notes live on different pages, so both are resolved in a
post-transform, after every document has been read and merged.
"""

from __future__ import annotations

import itertools
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from edition import config
from edition.diagnostics import Subtype, report
from edition.endnotes.markers import endnote_ref
from edition.endnotes.notes import endnote, endnote_editorial
from edition.endnotes.records import NoteIndex, display, note_id, ref_id
from edition.nodeutil import visit_pass, visit_skip

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


def link_endnotes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn each marker into a link to its note, and give each note a link back."""
    index = NoteIndex.build(app.env)
    for ref in doctree.findall(endnote_ref):
        number = ref["number"]
        label = nodes.Text(display(number, ref["restored"]))
        note = index.note(number)
        if note is None:
            ref += label
            continue
        ref["preview_text"] = note.text
        link = make_refnode(
            app.builder,
            docname,
            note.docname,
            note_id(number),
            label,
            f"Note {number}",
        )
        ref += link
    for note_node in doctree.findall(endnote):
        number = note_node["number"]
        label = nodes.Text(display(number, note_node["number_restored"]))
        marker = index.ref(number)
        if marker is None:
            number_node: nodes.Node = nodes.inline("", "", label)
        else:
            number_node = make_refnode(
                app.builder,
                docname,
                marker.docname,
                ref_id(number),
                label,
                f"Back to the text of note {number}",
            )
        assert isinstance(number_node, nodes.Element)
        number_node["classes"] += ["ed-endnote__num", "editorial"]
        if note_node["number_restored"]:
            number_node["classes"].append("ed-restored")
        first = next(iter(note_node.findall(nodes.paragraph)), None)
        if first is not None:
            first.insert(0, nodes.Text(" "))
            first.insert(0, number_node)


def check_endnotes(app: Sphinx, env: BuildEnvironment) -> None:
    """Every marker has a note, every note a marker, once each, in order."""
    index = NoteIndex.build(env)
    for number, refs in index.refs.items():
        if number not in index.notes:
            ref = refs[0]
            report(
                Subtype.ENDNOTE,
                f"endnote marker {number} has no note: add an endnote {number} to the endnotes "
                "page, or remove the marker",
                location=(ref.docname, ref.line),
            )
        for extra in refs[1:]:
            report(
                Subtype.ENDNOTE,
                f"endnote {number} is marked twice (first in {refs[0].docname} at line "
                f"{refs[0].line}): a note has one marker",
                location=(extra.docname, extra.line),
            )
        note = index.note(number)
        if refs[0].restored and note is not None and not note.reason:
            report(
                Subtype.ENDNOTE,
                f"the marker of endnote {number} was restored by the editor but the note gives "
                "no :reason:; say what evidence places it",
                location=(note.docname, note.line),
            )
    for number, notes in index.notes.items():
        if number not in index.refs:
            report(
                Subtype.ENDNOTE,
                f"endnote {number} is never referenced: put {{endnote}}`{number}` where the note "
                "belongs (or {endnote}`[N]` if the editor restores the marker)",
                location=(notes[0].docname, notes[0].line),
            )
        for duplicate in notes[1:]:
            report(
                Subtype.ENDNOTE,
                f"duplicate endnote {number} (first in {notes[0].docname} at line "
                f"{notes[0].line}): number each note once",
                location=(duplicate.docname, duplicate.line),
            )
    _check_order(index, config.get(env.config).paper_pages)


def _check_order(index: NoteIndex, pages: list[str]) -> None:
    rank = {doc: i for i, doc in enumerate(pages)}
    refs = sorted(
        (refs[0] for refs in index.refs.values() if refs[0].docname in rank),
        key=lambda r: (rank[r.docname], r.line or 0),
    )
    for before, after in itertools.pairwise(refs):
        if after.number < before.number:
            report(
                Subtype.ENDNOTE,
                f"endnote marker {after.number} comes after marker {before.number} in reading "
                "order: notes are numbered in the order they are read",
                location=(after.docname, after.line),
            )


def visit_ref_html(self: HTML5Translator, node: endnote_ref) -> None:
    classes = "ed-noteref ed-pop-host" + (" ed-restored" if node["restored"] else "")
    self.body.append(f'<sup class="{classes}" id="{ref_id(node["number"])}">')


def depart_ref_html(self: HTML5Translator, node: endnote_ref) -> None:
    number = node["number"]
    if node.get("preview_text"):
        restored = (
            '<span class="ed-pop__note">The marker was lost in extraction and restored by the editors.</span>'
            if node["restored"]
            else ""
        )
        previews: list[str] = node.get("preview_refs", [])
        refs = "".join(f'<span class="ed-pop__ref">{html}</span>' for html in previews)
        self.body.append(
            f'<span class="ed-pop" id="{ref_id(number)}-pop" role="tooltip" hidden>'
            f'<span class="ed-pop__title">Note {number}</span>'
            f'<span class="ed-pop__text">{escape(node["preview_text"])}</span>{refs}{restored}</span>'
        )
    self.body.append("</sup>")


def visit_ref_latex(self: LaTeXTranslator, node: endnote_ref) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True) + r"\textsuperscript{")


def visit_note_latex(self: LaTeXTranslator, node: endnote) -> None:
    self.body.append("\n" + self.hypertarget_to(node, anchor=True))


def depart_ref_latex(self: LaTeXTranslator, node: endnote_ref) -> None:
    self.body.append("}")


def visit_note_html(self: HTML5Translator, node: endnote) -> None:
    classes = ["ed-endnote", f"ed-endnote--{escape(node['kind'])}"]
    self.body.append(
        f'<div class="{" ".join(classes)}" id="{note_id(node["number"])}" data-number="{node["number"]}">'
    )


def depart_note_html(self: HTML5Translator, node: endnote) -> None:
    self.body.append("</div>\n")


def visit_account_html(self: HTML5Translator, node: endnote_editorial) -> None:
    self.body.append(
        '<details class="ed-endnote__account editorial"><summary>Editor: how this note was placed</summary>'
    )


def depart_account_html(self: HTML5Translator, node: endnote_editorial) -> None:
    self.body.append("</details>")


def setup(app: Sphinx) -> None:
    app.add_node(
        endnote_ref,
        html=(visit_ref_html, depart_ref_html),
        latex=(visit_ref_latex, depart_ref_latex),
        text=(visit_pass, visit_pass),
    )
    app.add_node(
        endnote,
        html=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, visit_pass),
        text=(visit_pass, visit_pass),
    )
    # In LaTeX the account of each reconstruction is printed once, in the apparatus appendix.
    app.add_node(
        endnote_editorial,
        html=(visit_account_html, depart_account_html),
        latex=(visit_skip, None),
        text=(visit_skip, None),
    )
    app.connect("doctree-resolved", link_endnotes)
    app.connect("env-check-consistency", check_endnotes)
