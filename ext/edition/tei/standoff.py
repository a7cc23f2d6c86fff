"""The ``standOff``: what the editors say about the text, pointing into it by ``xml:id``.

- ``listAnnotation type="apparatus"``: the reason for every emendation;
- ``listAnnotation type="dated-claims"``: each dated claim's as-of date,
  category, status, review date and follow-up;
- ``listAnnotation type="annotations"``: the editors' annotations, with
  their authors and dates;
- ``listAnnotation type="note-placements"``: the editors' account of each
  restored note's place, with their confidence as ``@cert``;
- ``listAnnotation type="note-sources"``: the works each author's note cites;
- ``listAnnotation type="pagination"``: why a page break the witness does not
  show stands where it does;
- ``listBibl``: every work of the library (:mod:`edition.tei.bibliography`).

The text of each is encoded from the same nodes the pages show.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from edition.annotations.jsonld import MOTIVATION
from edition.annotations.loader import get_set
from edition.annotations.placement import HITS
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.endnotes.records import NoteIndex, note_id
from edition.tei.bibliography import list_bibl
from edition.tei.emendations import Encoding, encoding_of
from edition.tei.encoder import Context, Encoder
from edition.tei.xml import Element, add_text, make, sub

if TYPE_CHECKING:
    from edition.annotations.model import Author
    from edition.apparatus.emendations import Emendation
    from edition.tei.text import Gathered

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
BYLINE = "ed-annotation__byline"


def _annotation(
    listing: Element, xml_id: str, targets: list[str], motivation: str, **extra: str | None
) -> Element:
    return sub(listing, "annotation", xml_id=xml_id, target=" ".join(targets), motivation=motivation, **extra)


def _date(parent: Element, value: str) -> None:
    sub(parent, "date", value, when=value if ISO.fullmatch(value) else None)


def apparatus(context: Context, gathered: Gathered, records: list[Emendation]) -> Element | None:
    """One annotation per emendation, pointing to the element that records it in the text."""
    listing = make("listAnnotation", type="apparatus")
    for record in records:
        target = gathered.entry_targets.get(record.id)
        if target is None and record.anchor in context.ids:  # a relocated note: the note itself
            target = record.anchor
        if target is None:
            report(
                Subtype.TEI,
                f"the emendation {record.id} ({record.type}) has no element in the TEI text to point to",
                location=(record.page, record.line),
            )
            continue
        annotation = _annotation(
            listing, f"app-{record.id}", [f"#{target}"], "editing", n=record.id, resp=context.resp
        )
        note = sub(annotation, "note", type=record.type)
        found = encoding_of(record.type)
        if found is not None and found.encoding is Encoding.RELOCATION:
            sub(note, "p", f"The witness: {record.original}. The edition: {record.reading}.")
        sub(note, "p", record.reason)
    return listing if len(listing) else None


def dated_claims(context: Context, gathered: Gathered) -> Element | None:
    listing = make("listAnnotation", type="dated-claims")
    for docname, followup in gathered.claims:
        cid = followup["cid"]
        annotation = _annotation(listing, f"claim-{cid}", [f"#{cid}"], "assessing", resp=context.resp)
        facts = sub(sub(annotation, "note", type="dated-claim"), "p", "True as of ")
        _date(facts, followup["as_of"])
        add_text(facts, "; category: ")
        sub(facts, "term", followup["category"], type="category")
        add_text(facts, "; status: ")
        sub(facts, "term", followup["status"], type="status")
        add_text(facts, "; review by ")
        _date(facts, followup["review_by"])
        add_text(facts, ".")
        if followup.children:
            note = sub(annotation, "note", type="follow-up")
            encoder = Encoder(context, docname)
            for para in followup.children:  # one inline per paragraph of the follow-up
                content = para.children if isinstance(para, nodes.Element) else [para]
                encoder.encode_all(content, sub(note, "p"))
    return listing if len(listing) else None


def pagination(context: Context, gathered: Gathered) -> Element | None:
    """Why a page break the witness does not show stands where the edition puts it."""
    listing = make("listAnnotation", type="pagination")
    for pid, reason in gathered.page_breaks.items():
        if reason:
            annotation = _annotation(listing, f"why-{pid}", [f"#{pid}"], "describing", resp=context.resp)
            sub(sub(annotation, "note", type="uncertain-page-break"), "p", reason)
    return listing if len(listing) else None


def _responsible(annotation: Element, author: Author) -> None:
    statement = sub(annotation, "respStmt")
    sub(statement, "resp", "wrote the annotation")
    ref = f"https://orcid.org/{author.orcid}" if author.orcid else None
    if ref is None and author.github:
        ref = f"https://github.com/{author.github}"
    sub(statement, "name", author.name, ref=ref)


def contributed(context: Context, gathered: Gathered) -> Element | None:
    known = get_set(context.env).annotations
    paragraphs = {hit.slug: hit.paragraph for hit in get_domain(context.env).all_records(HITS)}
    listing = make("listAnnotation", type="annotations")
    for docname, note_node in gathered.annotations:
        slug = note_node["slug"]
        targets = [f"#{t}" for t in gathered.anchors.get(slug, [])]
        if not targets and paragraphs.get(slug):  # its words are inside another's: the paragraph
            targets = [f"#{paragraphs[slug]}"]
        kind = note_node["kind"]
        annotation = _annotation(
            listing, f"ann-{slug}", targets, MOTIVATION.get(kind, "commenting"), n=note_node["letter"]
        )
        found = known.get(slug)
        if found is not None:
            for author in found.authors:
                _responsible(annotation, author)
            sub(sub(annotation, "revisionDesc"), "change", "created", when=found.created)
        body = sub(annotation, "note", type=kind)
        content = [
            c for c in note_node.children if not (isinstance(c, nodes.Element) and BYLINE in c["classes"])
        ]
        Encoder(context, docname).encode_all(content, body)
    return listing if len(listing) else None


def note_placements(context: Context, gathered: Gathered, notes: NoteIndex) -> Element | None:
    listing = make("listAnnotation", type="note-placements")
    for number, account in gathered.accounts:
        note = notes.note(number)
        annotation = _annotation(
            listing,
            f"placement-{number}",
            [f"#{note_id(number)}"],
            "editing",
            cert=note.confidence if note is not None else None,
            resp=context.resp,
        )
        Encoder(context, "").encode_all(account.children, sub(annotation, "note", type="placement"))
    return listing if len(listing) else None


def note_sources(context: Context, notes: NoteIndex) -> Element | None:
    listing = make("listAnnotation", type="note-sources")
    for number in sorted(notes.notes):
        sources, _ = notes.resolved_citations(number)
        if not sources:
            continue
        annotation = _annotation(listing, f"sources-{number}", [f"#{note_id(number)}"], "identifying")
        para = sub(sub(annotation, "note", type="sources"), "p")
        for i, citation in enumerate(sources):
            add_text(para, "; " if i else "")
            Encoder(context, "").encode_citation(citation.key, citation.locator, para)
    return listing if len(listing) else None


def standoff(
    context: Context, gathered: Gathered, records: list[Emendation], notes: NoteIndex
) -> Element | None:
    parts = [
        apparatus(context, gathered, records),
        dated_claims(context, gathered),
        contributed(context, gathered),
        note_placements(context, gathered, notes),
        note_sources(context, notes),
        pagination(context, gathered),
        list_bibl(context.formatted),
    ]
    found = [part for part in parts if part is not None]
    if not found:
        return None
    element = make("standOff")
    element.extend(found)
    return element
