"""The critical apparatus in print, with ``reledmac``.

Every paragraph of the paper, and the first paragraph of every endnote, is
numbered text: reledmac numbers its lines (afresh in each paragraph, every
fifth line in the margin) and keys each apparatus note to paragraph and line,
``12.3`` for line 3 of ¶ 12 and ``n3.1`` for line 1 of note 3.

The apparatus is made from the emendation records (the same records as
``data/apparatus.json`` and the apparatus appendix), not from particular
node types: every record is found in the text by its anchor and printed at the
foot of the page as ``12.3 much-needed] muchneeded W (lost hyphen restored)``:
the edition's reading, the witness's reading (or *om.*) and the type's label.
An inline anchor (an emended reading, a restored marker) becomes the lemma;
a block (a note whose number was restored or which was moved) is keyed to its
first line. A record that cannot be placed in numbered text is a located error,
so the printed apparatus never silently misses one.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from docutils import nodes

from edition import config
from edition.apparatus.emendations import Emendation, all_emendations
from edition.apparatus.paragraphs import paragraph_anchor
from edition.diagnostics import Subtype, report
from edition.endnotes.notes import endnote
from edition.nodeutil import enclosing, visit_pass

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

#: The witness's siglum in the apparatus.
SIGLUM = "W"


class numbered_text(nodes.General, nodes.Element):  # noqa: N801
    """A paragraph whose lines reledmac numbers; ``key`` is its paragraph id."""


class apparatus_lemma(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The words (or the place) an apparatus note is about; ``record`` is what the note says."""


def key_of(owner: str) -> str:
    """How the apparatus names a paragraph: ¶ 12 (``p12``) is ``12``, note 3 (``n3``) is ``n3``."""
    return owner[1:] if owner.startswith("p") else owner


def number_lines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Number the paper's paragraphs and put each record's lemma in them (``doctree-resolved``)."""
    if app.builder.format != "latex":
        return
    numbered = _number_paragraphs(doctree)
    if not numbered:
        return
    records = all_emendations(app.env, config.get(app).paper_pages)
    by_anchor: dict[str, list[Emendation]] = {}
    for record in records:
        by_anchor.setdefault(record.anchor, []).append(record)
    placed: set[str] = set()
    for node in list(doctree.findall(nodes.Element)):
        ids: list[str] = node["ids"]
        found = [record for anchor in ids for record in by_anchor.get(anchor, [])]
        if not found or isinstance(node, apparatus_lemma):
            continue
        box = enclosing(node, numbered_text) if not isinstance(node, endnote) else _first_numbered(node)
        if box is None:
            continue
        if isinstance(node, nodes.Inline):
            # One lemma a record, nested. reledmac reads a lemma twice: its labels go before
            # it, or they are defined twice.
            lemmas = [apparatus_lemma("", record=record) for record in found]
            for outside, inside in itertools.pairwise(lemmas):
                outside += inside
            outer, inner = lemmas[0], lemmas[-1]
            outer["ids"], node["ids"] = node["ids"], []
            node.replace_self(outer)
            inner += node
        else:  # a block is keyed to its first line, one empty lemma a record
            paragraph = box.children[0]
            assert isinstance(paragraph, nodes.Element)
            at = _after_anchor(paragraph)
            for record in reversed(found):
                paragraph.insert(at, apparatus_lemma("", record=record))
        placed.update(r.id for r in found)
    for record in records:
        if record.id not in placed:
            report(
                Subtype.LATEX,
                f"emendation {record.id} is not in a numbered paragraph of the paper, so the printed "
                "apparatus cannot key it to a line: record it where the paper's text is",
                location=(record.page, record.line),
            )


def _number_paragraphs(doctree: nodes.document) -> list[numbered_text]:
    boxes = []
    for anchor in list(doctree.findall(paragraph_anchor)):
        paragraph = anchor.parent
        if isinstance(paragraph, nodes.paragraph) and paragraph.index(anchor) == 0:
            boxes.append(_wrap(paragraph, anchor["pid"]))
    for note in list(doctree.findall(endnote)):
        first = next(iter(note.findall(nodes.paragraph)), None)
        if first is not None:
            boxes.append(_wrap(first, note["stable_id"]))
    # A quotation of numbered paragraphs is indented by reledmac, not by a LaTeX list
    # (whose measure reledmac does not see).
    for quote in list(doctree.findall(nodes.block_quote)):
        quoted = [child for child in quote.children if isinstance(child, numbered_text)]
        if quoted and len(quoted) == len(quote.children):
            for box in quoted:
                box["quoted"] = True
            quote.replace_self(quoted)
    return boxes


def _wrap(paragraph: nodes.paragraph, owner: str) -> numbered_text:
    box = numbered_text(key=key_of(owner))
    paragraph.replace_self(box)
    box += paragraph
    return box


def _first_numbered(note: nodes.Element) -> numbered_text | None:
    return next(iter(note.findall(numbered_text)), None)


def _after_anchor(paragraph: nodes.Element) -> int:
    """Where a block's lemma goes: after the note's number link, so it sits on line 1."""
    for index, child in enumerate(paragraph.children):
        if isinstance(child, nodes.Element) and "ed-endnote__num" in child["classes"]:
            return index + 1
    return 0


def visit_numbered_latex(self: LaTeXTranslator, node: numbered_text) -> None:
    start = r"\edbeginquote" if node.get("quoted") else r"\edbeginpara"
    self.body.append("\n" + start + "{" + self.encode(node["key"]) + "}")


def depart_numbered_latex(self: LaTeXTranslator, node: numbered_text) -> None:
    self.body.append("\\edendpara\n")


def visit_lemma_latex(self: LaTeXTranslator, node: apparatus_lemma) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True) + r"\edtext{")


def depart_lemma_latex(self: LaTeXTranslator, node: apparatus_lemma) -> None:
    record: Emendation = node["record"]
    label = config.get(self.config).emendation_types.get(record.type, record.type)
    lemma = self.encode(record.reading) if record.reading else r"\edomitted"
    witness = self.encode(record.original) if record.original else r"\edomitted"
    note = r"\edvariant{" + witness + "}{" + self.encode(label) + "}"
    self.body.append("}{" + r"\lemma{" + lemma + "}" + r"\Afootnote{" + note + "}}")


def setup(app: Sphinx) -> None:
    # Only LaTeX trees hold these nodes; other builders would print their text plainly.
    plain = (visit_pass, visit_pass)
    app.add_node(numbered_text, latex=(visit_numbered_latex, depart_numbered_latex), html=plain, text=plain)
    app.add_node(apparatus_lemma, latex=(visit_lemma_latex, depart_lemma_latex), html=plain, text=plain)
    # After the book is shaped (800), before labels are made (900).
    app.connect("doctree-resolved", number_lines, priority=850)
