"""BibTeX entries as CSL-JSON items, the form citeproc formats and
``data/references.json`` publishes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edition.citations.library import BibEntry, Person

TYPES = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "report": "report",
    "techreport": "report",
    "misc": "document",
    "online": "webpage",
    "phdthesis": "thesis",
}

FIELDS = {
    "title": "title",
    "journal": "container-title",
    "booktitle": "container-title",
    "volume": "volume",
    "number": "issue",
    "pages": "page",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "address": "publisher-place",
    "howpublished": "publisher",
    "url": "URL",
    "doi": "DOI",
    "edition": "edition",
}


#: BibLaTeX language names (``langid``, ``language``) as the BCP 47 tags CSL reads: a title in
#: another language than English is not put in English title case.
LANGUAGES = {
    "english": "en",
    "american": "en-US",
    "british": "en-GB",
    "spanish": "es",
    "mexican": "es-MX",
    "french": "fr",
    "german": "de",
    "portuguese": "pt",
}


def _name(person: Person) -> dict[str, str]:
    if person.literal:
        return {"literal": person.literal}
    return {"family": person.family, "given": person.given}


def _date(text: str) -> list[int] | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text.strip())
    return [int(part) for part in match.groups() if part] if match else None


def to_csl(entry: BibEntry) -> dict[str, Any]:
    item: dict[str, Any] = {"id": entry.key, "type": TYPES.get(entry.type, "document")}
    if entry.authors:
        item["author"] = [_name(p) for p in entry.authors]
    if entry.editors:
        item["editor"] = [_name(p) for p in entry.editors]
    for bib, csl in FIELDS.items():
        value = entry.fields.get(bib)
        if value is not None and csl not in item:
            item[csl] = str(value)
    if entry.type in ("report", "techreport") and "number" in entry.fields:
        item["number"] = item.pop("issue")
    if "page" in item:
        item["page"] = item["page"].replace("--", "–")
    parts = _date(str(entry.fields["date"])) if "date" in entry.fields else None
    if parts is None and str(entry.fields.get("year", "")).isdigit():
        parts = [int(entry.fields["year"])]
        month = entry.fields.get("month")
        if isinstance(month, int) or str(month).isdigit():
            parts.append(int(month))  # type: ignore[arg-type]
    if parts:
        item["issued"] = {"date-parts": [parts]}
    elif str(entry.fields.get("year", "")).strip():
        # Not a year: "forthcoming", "in press" or "1998/99" are kept as written, not made "n.d.".
        year = str(entry.fields["year"]).strip()
        if year.lower() in ("forthcoming", "in press"):
            item["status"] = year
        else:
            item["issued"] = {"literal": year}
    accessed = _date(str(entry.fields.get("urldate", "")))
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    if "note" in entry.fields:
        item["note"] = str(entry.fields["note"])
    language = str(entry.fields.get("langid") or entry.fields.get("language") or "").strip().lower()
    if language:
        item["language"] = LANGUAGES.get(language, language)
    return item


def short_label(item: dict[str, Any]) -> str:
    """ "Zedillo 2000": first author's family name (or the corporate name, or the
    title) and the year, for an in-text citation that links to the full entry."""
    names = item.get("author") or item.get("editor") or []
    if names:
        first = names[0]
        who = first.get("family") or first.get("literal", "")
        if len(names) == 2:
            other = names[1]
            who += " and " + (other.get("family") or other.get("literal", ""))
        elif len(names) > 2:
            who += " et al."
    else:
        who = item.get("title", item["id"])
    issued = item.get("issued", {})
    when = issued.get("date-parts", [[None]])[0][0] or issued.get("literal") or item.get("status")
    return f"{who} {when}" if when else who
