"""Citations on the page: each ``{cite}`` becomes a link to its bibliography
entry with the full reference one hover or focus away, and each author's
note shows the full references of the works it cites."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from edition import config
from edition.citations.cite import citation_ref
from edition.citations.formatted import get_formatted, html_to_nodes
from edition.endnotes.markers import endnote_ref
from edition.endnotes.notes import endnote
from edition.endnotes.records import NoteIndex
from edition.nodeutil import visit_pass

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


def entry_id(key: str) -> str:
    return "ref-" + key


def _link(app: Sphinx, docname: str, key: str, child: nodes.Node, title: str) -> nodes.Node:
    page = config.get(app).bibliography_page
    if page not in app.env.all_docs:
        return child
    return make_refnode(app.builder, docname, page, entry_id(key), child, title)


def link_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    formatted = get_formatted(app.env)
    for node in doctree.findall(citation_ref):
        key, locator = node["key"], node["locator"]
        label = formatted.label.get(key, key) + (f", {locator}" if locator else "")
        node["full"] = formatted.html.get(key, "")
        node += _link(app, docname, key, nodes.Text(label), formatted.text(key))


def add_note_sources(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Beside each author's note, the works it cites; on each marker, a preview."""
    index = NoteIndex.build(app.env)
    formatted = get_formatted(app.env)
    for note_node in doctree.findall(endnote):
        sources, _ = index.resolved_citations(note_node["number"])
        if not sources:
            continue
        para = nodes.paragraph(classes=["ed-endnote__refs", "editorial"])
        para += nodes.inline("", "Source: " if len(sources) == 1 else "Sources: ", classes=["ed-label"])
        for i, citation in enumerate(sources):
            if i:
                para += nodes.Text("; ")
            reference = nodes.inline("", "", *html_to_nodes(formatted.html.get(citation.key, citation.key)))
            para += _link(app, docname, citation.key, reference, "In the bibliography")
            if citation.locator:
                para += nodes.Text(f" Cited at {citation.locator}.")
        note_node += para
    for ref in doctree.findall(endnote_ref):
        sources, _ = index.resolved_citations(ref["number"])
        ref["preview_refs"] = [
            formatted.html.get(c.key, c.key) + (f" ({c.locator})" if c.locator else "") for c in sources
        ]


def visit_citation_html(self: HTML5Translator, node: citation_ref) -> None:
    anchor = escape(node["ids"][0]) if node["ids"] else ""
    self.body.append(f'<span class="ed-cite ed-pop-host" id="{anchor}">')


def depart_citation_html(self: HTML5Translator, node: citation_ref) -> None:
    if node.get("full") and node["ids"]:
        anchor = escape(node["ids"][0])
        self.body.append(
            f'<span class="ed-pop" id="{anchor}-pop" role="tooltip" hidden>{node["full"]}</span>'
        )
    self.body.append("</span>")


def setup(app: Sphinx) -> None:
    app.add_node(
        citation_ref,
        html=(visit_citation_html, depart_citation_html),
        latex=(visit_pass, visit_pass),
        text=(visit_pass, visit_pass),
    )
    app.connect("doctree-resolved", link_citations)
    # After the endnotes are linked: the sources go below the note's text.
    app.connect("doctree-resolved", add_note_sources, priority=600)
