"""The ``listBibl``: every work of ``references.bib``, from the same CSL-JSON
items the edition formats its citations with (``data/references.json``).

Each entry is a ``bibl`` with the key as its ``xml:id`` (``bib-<key>``), so
citations anywhere in the document point to it.  Fields are tagged
(``author``, ``title`` with its level, ``date``, ``biblScope``, ``idno``,
``ptr``) and separated by full stops, so the entry also reads as text.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from edition.citations.style import plain
from edition.tei.encoder import bibl_id
from edition.tei.xml import Element, add_text, make, sub

if TYPE_CHECKING:
    from edition.citations.formatted import Formatted

#: CSL types whose title is an article or chapter inside a container (``level="a"``).
ANALYTIC = {
    *("article-journal", "article-magazine", "article-newspaper", "chapter", "paper-conference", "entry"),
}
#: ... and whose container is a periodical (``level="j"``), not a book (``level="m"``).
PERIODICAL = {"article-journal", "article-magazine", "article-newspaper"}
SCOPES = (("volume", "volume"), ("issue", "issue"), ("number", "number"), ("page", "page"))
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _name(parent: Element, role: str, person: dict[str, Any]) -> None:
    holder = sub(parent, role)
    if person.get("literal"):
        sub(holder, "name", person["literal"])
        return
    name = sub(holder, "persName")
    if person.get("given"):
        sub(name, "forename", person["given"])
        add_text(name, " ")
    sub(name, "surname", person.get("family", ""))


def _date(parent: Element, issued: dict[str, Any]) -> None:
    parts = (issued.get("date-parts") or [[]])[0]
    if parts:
        when = "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts[:3]))
        sub(parent, "date", when, when=when if ISO.fullmatch(when) else None)
    elif issued.get("literal") or issued.get("raw"):
        sub(parent, "date", str(issued.get("literal") or issued.get("raw")))


def entry(key: str, item: dict[str, Any]) -> Element:
    """One work as a ``bibl``."""
    bibl = make("bibl", xml_id=bibl_id(key), type=item.get("type"))

    def field(tag: str, text: str, **attributes: str | None) -> None:
        if len(bibl):
            add_text(bibl, ". ")
        sub(bibl, tag, text, **attributes)

    for i, (role, person) in enumerate((r, p) for r in ("author", "editor") for p in item.get(r, [])):
        add_text(bibl, ", " if i else "")
        _name(bibl, role, person)
    kind = item.get("type", "")
    if item.get("title"):
        field("title", plain(item["title"]), level="a" if kind in ANALYTIC else "m")
    if item.get("container-title"):
        field("title", plain(item["container-title"]), level="j" if kind in PERIODICAL else "m")
    for i, (name, unit) in enumerate((n, u) for n, u in SCOPES if item.get(n)):
        if i:
            add_text(bibl, ", ")
            sub(bibl, "biblScope", str(item[name]), unit=unit)
        else:
            field("biblScope", str(item[name]), unit=unit)
    if item.get("publisher-place"):
        field("pubPlace", item["publisher-place"])
    if item.get("publisher"):
        field("publisher", item["publisher"])
    if item.get("issued"):
        add_text(bibl, ". " if len(bibl) else "")
        _date(bibl, item["issued"])
    if item.get("DOI"):
        field("idno", item["DOI"], type="DOI")
    if item.get("URL"):
        field("ref", item["URL"], target=item["URL"])
    if item.get("note"):
        field("note", item["note"])
    add_text(bibl, ".")
    return bibl


def list_bibl(formatted: Formatted) -> Element | None:
    """The whole library, in the order of its formatted entries (as a bibliography reads)."""
    if not formatted.csl:
        return None
    listing = make("listBibl")
    sub(listing, "head", "Works cited by the author and the editors")
    for key in sorted(formatted.csl, key=lambda k: (formatted.text(k).casefold(), k)):
        listing.append(entry(key, json.loads(formatted.csl[key])))
    return listing
