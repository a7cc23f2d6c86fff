"""Each interactive mark of the edition as a plain, linked one, for the EPUB.

Run on every resolved page of an e-book build, after the listings are filled;
the result is made of docutils' own nodes, which the HTML translator writes as
valid XHTML without our HTML visitors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from edition import config
from edition.annotations.nodes_ import annotation_note, annotation_toggle
from edition.apparatus.emendations import emendation, entry_id
from edition.apparatus.paragraphs import label, paragraph_anchor
from edition.citations.bibliography import bib_source
from edition.citations.cite import citation_ref
from edition.claims.spans import claim_followup, dated_claim
from edition.endnotes.markers import endnote_ref
from edition.endnotes.notes import endnote_editorial
from edition.nodeutil import refnode_maker
from edition.outputs import EBOOK_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def for_ereader(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the edition's interactive marks with linked ones (``doctree-resolved``)."""
    if app.builder.name not in EBOOK_BUILDERS:
        return
    options = config.get(app)
    link = refnode_maker(app.builder, docname)
    for node in list(doctree.findall(emendation)):
        reading = link(
            options.apparatus_page,
            entry_id(node["eid"]),
            nodes.inline("", "", *node.children),
            "The witness's reading, in the apparatus",
        )
        reading["ids"], reading["classes"] = node["ids"], ["ed-emend"]
        node.replace_self(reading)
    for claim in list(doctree.findall(dated_claim)):
        cid = claim["cid"]
        words = [child for child in claim.children if not isinstance(child, claim_followup)]
        dagger = link(
            options.claims_page, f"row-{cid}", nodes.Text("†"), "A dated claim: what happened since"
        )
        claim.replace_self(
            [
                nodes.inline("", "", *words, ids=claim["ids"], classes=["ed-claim"]),
                nodes.superscript("", "", dagger, classes=["ed-claim__mark"]),
            ]
        )
    for ref in list(doctree.findall(endnote_ref)):
        classes = ["ed-noteref", *(["ed-restored"] if ref["restored"] else [])]
        ref.replace_self(nodes.superscript("", "", *ref.children, ids=ref["ids"], classes=classes))
    for cite in list(doctree.findall(citation_ref)):
        cite.replace_self(nodes.inline("", "", *cite.children, ids=cite["ids"], classes=["ed-cite"]))
    for toggle in list(doctree.findall(annotation_toggle)):
        slug = toggle["slug"]
        letter = nodes.reference("", toggle["letter"], refid=f"ann-{slug}", reftitle="Editor's note")
        toggle.replace_self(
            nodes.superscript("", "", letter, ids=[f"annref-{slug}"], classes=["ed-annotation-mark"])
        )
    for note in list(doctree.findall(annotation_note)):
        slug, kind = note["slug"], note["kind"]
        head = nodes.paragraph(
            "",
            "",
            nodes.reference(
                "", "", nodes.strong("", f"Editor's note {note['letter']}"), refid=f"annref-{slug}"
            ),
            nodes.Text(f" ({kind.replace('-', ' ')})"),
            classes=["ed-annotation__head"],
        )
        box = nodes.container("", head, *note.children, ids=[f"ann-{slug}"])
        box["classes"] = ["ed-annotation", f"ed-annotation--{kind}"]
        note.replace_self(box)
    for account in list(doctree.findall(endnote_editorial)):
        box = nodes.container("", *account.children, classes=["ed-endnote__account", "editorial"])
        first = next(iter(box.findall(nodes.paragraph)), None)
        if first is not None:
            first.insert(0, nodes.emphasis("", "How the editors placed this note: "))
        account.replace_self(box)
    for anchor in list(doctree.findall(paragraph_anchor)):  # a number to cite, not a permalink
        anchor.replace_self(nodes.inline("", label(anchor["pid"]), classes=["ed-para"]))
    for source in list(doctree.findall(bib_source)):
        source.parent.remove(source)


def setup(app: Sphinx) -> None:
    # After the listings (default priority) and the book's lists (700) are made.
    app.connect("doctree-resolved", for_ereader, priority=880)
