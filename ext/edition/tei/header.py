"""The ``teiHeader``: what the file is, who made it, from what, and how.

- ``titleStmt``: the paper's title and author, and each editor (``edition_editors``)
  with what the editor did;
- ``editionStmt`` and ``publicationStmt``: the version, the address (from
  ``html_baseurl``), the licence (``edition_licence``, ``edition_licence_url``);
- ``sourceDesc``: the witness: the paper, the file the edition is checked
  against (with its SHA-256 and word count), the edition's own description of
  it, and the order in which it gives the author's notes;
- ``encodingDesc/editorialDecl``: the edition's statement of method, taken
  from its own pages (``edition_tei_header``: a part and the page or section
  that states it), followed by how this file encodes what the method does.

The prose comes from the pages' doctrees, so the header says what the
edition says and nothing else.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from docutils import nodes

from edition import addresses, metadata
from edition.apparatus import fidelity, pagination
from edition.config import TEI_DECL_PARTS
from edition.endnotes.records import note_id
from edition.tei.emendations import ENCODINGS, PAIRS, Encoding, subtype
from edition.tei.encoder import Context, Encoder, editor_id
from edition.tei.xml import Element, add_text, make, sub

if TYPE_CHECKING:
    from collections import Counter

    from edition.tei.text import Gathered

FILE = "edition.tei.xml"


class ProseEncoder(Encoder):
    """A page's prose for the header: headings become bold paragraphs, listings are left out."""

    report_unknown = False

    def encode_section(self, node: nodes.section, into: Element) -> None:
        self.encode_all(node.children, into)

    def encode_title(self, node: nodes.title, into: Element) -> None:
        self.encode_all(node.children, sub(sub(into, "p"), "hi", rend="bold"))


def header_sources(context: Context, part: str) -> list[str]:
    """The pages or sections ``edition_tei_header`` names for *part* (one, or a list)."""
    value = context.options.tei_header.get(part, [])
    return [value] if isinstance(value, str) else list(value)


def find_source(context: Context, where: str) -> tuple[str, nodes.Element] | None:
    """The page, or the section of a page, that ``page#section`` names (None if there is none)."""
    docname, _, section = where.partition("#")
    if docname not in context.env.all_docs:
        return None
    doctree = context.env.get_doctree(docname)
    if not section:
        return docname, doctree
    for node in doctree.findall(nodes.section):
        if section in node["ids"]:
            return docname, node
    return None


def _prose(context: Context, where: str, into: Element) -> None:
    """Paragraphs of the named page or section into *into*, each block a ``p``.

    The title of a named section is left out: the part it fills is its heading.
    A target that does not exist adds nothing (:mod:`edition.tei.checks` reports it).
    """
    found = find_source(context, where)
    if found is None:
        return
    docname, node = found
    children = [c for c in node.children if not isinstance(c, nodes.title)]
    holder = make("holder")
    ProseEncoder(context, docname).encode_all(children, holder)
    for block in holder:
        if block.tag == "p":
            into.append(block)
        else:  # a list or a quotation: p is the only block an editorialDecl part holds
            sub(into, "p").append(block)
            block.tail = None


def title_stmt(context: Context, header: Element) -> None:
    statement = sub(header, "titleStmt")
    sub(statement, "title", metadata.TITLE, type="main")
    subtitle = metadata.SITE.partition(": ")[2]
    if subtitle:
        sub(statement, "title", subtitle, type="sub")
    family, _, given = metadata.AUTHOR.partition(", ")
    author = sub(sub(statement, "author"), "persName")
    sub(author, "forename", given)
    add_text(author, " ")
    sub(author, "surname", family)
    for n, name in enumerate(context.options.editors):
        sub(statement, "editor", name, xml_id=editor_id(n))
    for n, (name, did) in enumerate(context.options.editors.items()):
        responsibility = sub(statement, "respStmt")
        sub(responsibility, "resp", did)
        sub(responsibility, "name", name, ref=f"#{editor_id(n)}")


def publication(context: Context, header: Element) -> None:
    config = context.env.config
    sub(sub(header, "editionStmt"), "edition", f"Version {config.version}", n=str(config.version))
    statement = sub(header, "publicationStmt")
    sub(statement, "authority", ", ".join(context.options.editors) or str(config.project))
    sub(statement, "idno", str(config.version), type="version")
    address = addresses.absolute(config, f"{context.options.data_dir}/{FILE}")
    if address:
        sub(statement, "idno", address, type="URI")
    options = context.options
    if options.rights or options.licence or options.licence_url:
        availability = sub(statement, "availability")
        if options.rights:
            sub(availability, "p", options.rights)
        if options.licence or options.licence_url:
            sub(availability, "licence", options.licence or options.licence_url, target=options.licence_url)


def source_desc(context: Context, gathered: Gathered, header: Element) -> None:
    bibl = sub(sub(header, "sourceDesc"), "bibl", type="witness", xml_id="witness")
    family, _, given = metadata.AUTHOR.partition(", ")
    sub(bibl, "author", f"{given} {family}".strip())
    add_text(bibl, ", ")
    sub(bibl, "title", metadata.TITLE, level="m")
    add_text(bibl, ", ")
    sub(bibl, "date", context.options.paper_date, when=context.options.paper_date)
    add_text(bibl, ".")
    described = make("note", type="description")
    for where in header_sources(context, "sourceDesc"):
        _prose(context, where, described)
    path, text = fidelity.witness_path(context.env), fidelity.load(context.env)
    if path is not None and isinstance(text, str):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        words = [word for word in fidelity.witness_words(text)[0] if pagination.page_of(word) is None]
        para = sub(described, "p", "The witness as the edition holds it: the file ")
        sub(para, "ident", context.options.witness, type="file")
        add_text(para, f" of the edition's sources, {len(words)} words, SHA-256 ")
        sub(para, "idno", digest, type="SHA-256")
        add_text(para, ".")
    if len(described):
        bibl.append(described)
    _witness_order(gathered, bibl)


def _witness_order(gathered: Gathered, bibl: Element) -> None:
    """The order in which the witness gives the author's notes, where it differs from theirs."""
    order = [number for _, number in sorted(gathered.witness_order)]
    if order == sorted(order):
        return
    note = sub(bibl, "note", type="note-order")
    sub(
        note,
        "p",
        "The witness gives the author's notes in this order; the edition returns each to its "
        "number's place (each move is in the apparatus):",
    )
    listing = sub(note, "list", type="witness-order")
    for number in order:
        sub(sub(listing, "item"), "ptr", target=f"#{note_id(number)}")


def _correction(counts: Counter[str], labels: dict[str, str], part: Element) -> None:
    sub(
        part,
        "p",
        "Each emendation is recorded where it stands in the text, encoded as the list below says "
        "for its type: an error of the source (the author's or the typist's) that the editors "
        "corrected is a choice of sic (the witness) and corr (the edition); an error of the "
        "extraction, the witness's form rather than the paper's, a choice of orig (the witness) and "
        "reg (the edition); what the extraction lost and the editors restored is supplied, with "
        "@cert giving the editors' confidence in its place. The @type of corr and reg is the "
        "edition's type of emendation, and its @subtype the kind of error (source-error or "
        "extraction-error). A note the witness gives out of order stands at its number's place, "
        "and the witness's order is given in the sourceDesc. The reason for each emendation is an "
        'annotation in the standOff (listAnnotation type="apparatus") that points to it. The '
        "types, with how many of each the edition records:",
    )
    listing = sub(sub(part, "p"), "list", type="emendation-types")
    for etype, label in labels.items():
        found = ENCODINGS.get(etype)
        if found is None:
            how = "not yet encoded: see the build's report"
        elif found.encoding in PAIRS:
            how = "/".join(PAIRS[found.encoding]) + (
                f", @subtype {subtype(found.cause)}" if found.cause else ""
            )
        else:
            how = (
                "supplied" if found.encoding is Encoding.SUPPLIED else "the witness's order in the sourceDesc"
            )
            how += f"; an error of the {found.cause}" if found.cause else ""
        item = sub(listing, "item")
        sub(item, "term", etype)
        add_text(item, f": {label} ({how}); {counts.get(etype, 0)} in the edition")


GENERATED = {
    "normalization": (
        'Words the witness sets between asterisks are encoded as hi with @rend="italic"; the '
        "numbers of the author's notes and their markers, which the witness gives as superscript "
        'digits, as label and ref with @rend="superscript".'
    ),
    "segmentation": (
        "Each paragraph of the paper is a p whose xml:id is the edition's stable paragraph id, also "
        "its anchor in the HTML edition, and whose @n is its paragraph (¶) number."
    ),
    "interpretation": (
        'Dated claims, statements true only as of the paper\'s date, are seg type="dated-claim"; '
        'an annotation in listAnnotation type="dated-claims" gives the as-of date, category, status, '
        "review date and follow-up of each. The words an editors' annotation is about are "
        'seg type="annotated", and the annotation is in listAnnotation type="annotations". The '
        "editors' account of each restored note's place is in listAnnotation "
        'type="note-placements", the works each author\'s note cites in listAnnotation '
        'type="note-sources", and every work cited in the listBibl.'
    ),
}


PAGINATION = (
    'Where a page of the witness begins there is a pb (edRef="#witness") whose @n is the number '
    "of the page, counting the pages the extraction shows, and whose xml:id (wpN) makes it "
    'citable; a page break the witness does not show has @cert="low", and why it stands where it '
    'does is an annotation in listAnnotation type="pagination".'
)


def editorial_decl(context: Context, gathered: Gathered, counts: Counter[str], header: Element) -> None:
    decl = sub(sub(header, "encodingDesc"), "editorialDecl")
    for name in TEI_DECL_PARTS:  # editorialDecl's parts, in the order the header gives them
        part = make(name)
        for where in header_sources(context, name):
            _prose(context, where, part)
        if name == "correction":
            _correction(counts, context.options.emendation_types, part)
        elif name in GENERATED:
            sub(part, "p", GENERATED[name])
        if name == "segmentation" and gathered.page_breaks:
            sub(part, "p", PAGINATION)
        if len(part):
            decl.append(part)


def tei_header(context: Context, gathered: Gathered, counts: Counter[str]) -> Element:
    header = make("teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt(context, file_desc)
    publication(context, file_desc)
    source_desc(context, gathered, file_desc)
    editorial_decl(context, gathered, counts, header)
    usage = sub(sub(header, "profileDesc"), "langUsage")
    sub(usage, "language", "English", ident="en")
    return header
