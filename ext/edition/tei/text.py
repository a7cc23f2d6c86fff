"""The paper's pages as TEI ``text``: the author's words and the marks on them.

Each page's doctree, as the build read it, is encoded node by node:
sections become ``div`` with ``head``, paragraphs ``p`` with the stable id
as ``xml:id`` and the ¶ number as ``n``, the block quotation ``quote``,
emendations ``choice`` or ``supplied`` (:mod:`edition.tei.emendations`),
endnote markers ``ref type="noteAnchor"`` and the notes ``note place="end"``.
Dated claims and the words an annotation is about become ``seg`` elements
with ids; what the editors say about them (follow-ups, annotations, the
account of each restored note) is gathered for the ``standOff``
(:mod:`edition.tei.standoff`) rather than put into the author's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from edition.apparatus.paragraphs import paragraph_anchor
from edition.diagnostics import Subtype, report
from edition.endnotes.notes import endnote
from edition.endnotes.records import note_id, ref_id
from edition.nodeutil import is_editorial
from edition.tei.emendations import PAIRS, SUPPLIED_REASON, Encoding, encoding_of, subtype
from edition.tei.encoder import Context, Encoder
from edition.tei.xml import Element, add_text, make, sub

if TYPE_CHECKING:
    from docutils import nodes

    from edition.annotations.nodes_ import annotation_anchor, annotation_note, annotation_toggle
    from edition.apparatus.emendations import emendation
    from edition.claims.spans import claim_followup, dated_claim
    from edition.endnotes.markers import endnote_ref
    from edition.endnotes.notes import endnote_editorial


@dataclass
class Gathered:
    """What the pages hold for the standOff and the header, in reading order."""

    #: (page, follow-up) and (page, note), in reading order
    claims: list[tuple[str, claim_followup]] = field(default_factory=list)
    annotations: list[tuple[str, annotation_note]] = field(default_factory=list)
    #: slug -> the ids of the ``seg`` elements that hold its words
    anchors: dict[str, list[str]] = field(default_factory=dict)
    #: (note number, the editors' account of its place)
    accounts: list[tuple[int, endnote_editorial]] = field(default_factory=list)
    #: (position in the witness's ENDNOTES block, note number)
    witness_order: list[tuple[int, int]] = field(default_factory=list)
    #: apparatus entry id -> the ``xml:id`` of the element that records it in the text
    entry_targets: dict[str, str] = field(default_factory=dict)
    #: the ``xml:id`` of every witness page break, and why, where its place is uncertain
    page_breaks: dict[str, str] = field(default_factory=dict)


class PaperEncoder(Encoder):
    """Encode one page of the paper (see the module's docstring)."""

    def __init__(
        self,
        context: Context,
        docname: str,
        gathered: Gathered,
        entries: dict[tuple[str, str], str],
        confidence: dict[int, str],
        notes_page: bool = False,
    ) -> None:
        super().__init__(context, docname)
        self.gathered = gathered
        #: (anchor, type) of an apparatus entry -> its stable id (p11-e1)
        self.entries = entries
        #: note number -> the editors' confidence in its restored place
        self.confidence = confidence
        self.notes_page = notes_page
        self.depth = 0

    def _id(self, wanted: str) -> str:
        return self.context.unique(wanted, self.docname)

    # -- structure -------------------------------------------------------------

    def encode_section(self, node: nodes.section, into: Element) -> None:
        kind = "subsection" if self.depth else ("notes" if self.notes_page else "section")
        wanted = node["ids"][0] if node["ids"] else self.docname.replace("/", "-")
        div = sub(into, "div", type=kind, xml_id=self._id(wanted))
        self.depth += 1
        self.encode_all(node.children, div)
        self.depth -= 1

    def encode_title(self, node: nodes.title, into: Element) -> None:
        self.encode_all(node.children, sub(into, "head"))

    def encode_paragraph(self, node: nodes.paragraph, into: Element) -> None:
        if is_editorial(node):
            note = sub(into, "note", type="editorial", resp=self.context.resp)
            self.encode_all(node.children, sub(note, "p"))
            return
        if "byline" in node["classes"]:
            self.encode_all(node.children, sub(into, "byline"))
            return
        first = node.children[0] if node.children else None
        if isinstance(first, paragraph_anchor):
            pid = first["pid"]
            para = sub(into, "p", xml_id=self._id(pid), n=pid.removeprefix("p"))
            self.encode_all(node.children[1:], para)
            if para.text:
                para.text = para.text.lstrip()
            return
        self.encode_all(node.children, sub(into, "p"))

    def encode_paragraph_anchor(self, node: paragraph_anchor, into: Element) -> None:
        pass  # the ¶ link: the paragraph's xml:id and n carry it

    # -- emendations -------------------------------------------------------------

    def encode_emendation(self, node: emendation, into: Element) -> None:
        etype = node["etype"]
        found = encoding_of(etype)
        if found is None:
            report(
                Subtype.TEI,
                f"the emendation type {etype!r} has no TEI encoding: add it to ENCODINGS in "
                "ext/edition/tei/emendations.py; it is encoded as sic/corr meanwhile",
                location=node,
            )
        encoding = found.encoding if found else Encoding.CORRECTION
        cause = found.cause if found else None
        eid = self._id(f"em-{node.get('eid', '')}")
        self.gathered.entry_targets[node.get("eid", "")] = eid
        if encoding is Encoding.SUPPLIED and not node["original"]:
            supplied = sub(into, "supplied", xml_id=eid, reason=SUPPLIED_REASON, resp=self.context.resp)
            self.encode_all(node.children, supplied)
            return
        witness, edition = PAIRS.get(encoding, PAIRS[Encoding.CORRECTION])
        choice = sub(into, "choice", xml_id=eid)
        sub(choice, witness, node["original"])
        reading = sub(choice, edition, type=etype, subtype=subtype(cause), resp=self.context.resp)
        self.encode_all(node.children, reading)

    def _supplied(self, into: Element, anchor: str, etype: str, number: int) -> Element:
        """A ``supplied`` for what the editors restored, with the id of its apparatus entry."""
        entry = self.entries.get((anchor, etype), f"{anchor}-{etype}")
        eid = self._id(f"em-{entry}")
        self.gathered.entry_targets[entry] = eid
        return sub(
            into,
            "supplied",
            xml_id=eid,
            reason=SUPPLIED_REASON,
            cert=self.confidence.get(number),
            resp=self.context.resp,
        )

    # -- the witness's pagination -------------------------------------------------

    def encode_page_break(self, node: nodes.Element, into: Element) -> None:
        """Witness page ``n`` begins (:mod:`edition.apparatus.pagination`): a ``pb`` in the
        witness's pagination; one the witness does not show has ``@cert="low"``, and why it
        stands here is in the standOff."""
        number, uncertain = str(node["n"]), str(node.get("uncertain", ""))
        pid = self._id(node["ids"][0] if node["ids"] else f"wp{number}")
        sub(into, "pb", n=number, edRef="#witness", xml_id=pid, cert="low" if uncertain else None)
        self.gathered.page_breaks[pid] = uncertain

    # -- the author's notes ------------------------------------------------------

    def encode_endnote_ref(self, node: endnote_ref, into: Element) -> None:
        number = node["number"]
        marker = make(
            "ref",
            str(number),
            type="noteAnchor",
            xml_id=self._id(ref_id(number)),
            target=f"#{note_id(number)}",
            n=str(number),
            rend="superscript",
        )
        holder = self._supplied(into, ref_id(number), "restored-marker", number) if node["restored"] else into
        holder.append(marker)

    def encode_endnote(self, node: endnote, into: Element) -> None:
        number = node["number"]
        note = sub(
            into,
            "note",
            place="end",
            type=node["kind"],
            n=str(number),
            xml_id=self._id(note_id(number)),
            target=f"#{ref_id(number)}",
        )
        label = make("label", str(number), rend="superscript")
        holder = (
            self._supplied(note, note_id(number), "restored-number", number)
            if node["number_restored"]
            else note
        )
        holder.append(label)
        add_text(note, " ")
        if node["witness_order"] is not None:
            self.gathered.witness_order.append((node["witness_order"], number))
        self.encode_all(node.children, note)

    def encode_endnote_editorial(self, node: endnote_editorial, into: Element) -> None:
        if isinstance(node.parent, endnote):
            self.gathered.accounts.append((node.parent["number"], node))

    # -- dated claims and annotations -------------------------------------------

    def encode_dated_claim(self, node: dated_claim, into: Element) -> None:
        seg = sub(into, "seg", type="dated-claim", xml_id=self._id(node["cid"]))
        self.encode_all(node.children, seg)

    def encode_claim_followup(self, node: claim_followup, into: Element) -> None:
        self.gathered.claims.append((self.docname, node))

    def encode_annotation_anchor(self, node: annotation_anchor, into: Element) -> None:
        slug = node["slug"]
        pieces = self.gathered.anchors.setdefault(slug, [])
        wanted = f"anchor-{slug}" + (f"-{len(pieces) + 1}" if pieces else "")
        pieces.append(self._id(wanted))
        self.encode_all(node.children, sub(into, "seg", type="annotated", xml_id=pieces[-1]))

    def encode_annotation_toggle(self, node: annotation_toggle, into: Element) -> None:
        pass  # the note's letter: a control of the HTML page

    def encode_annotation_note(self, node: annotation_note, into: Element) -> None:
        self.gathered.annotations.append((self.docname, node))
