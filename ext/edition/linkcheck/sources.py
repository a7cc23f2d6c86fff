"""Where the edition's external URLs are written, each with its file and line.

- the BibTeX library: ``url``, ``doi`` (as ``https://doi.org/…``) and ``archive``
  fields, at ``references.bib:LINE`` of the field itself;
- text files outside the pages (annotations, dated-claim follow-ups): every
  ``http(s)://`` URL, found generically so that their formats may change;
- the pages: every reference, image and raw node with a URL, collected when the
  ``edition-linkcheck`` builder resolves each doctree (see :mod:`.builder`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from edition.citations.bibraw import bib_value, raw_fields
from edition.linkcheck.archives import copies_among, entry_copy
from edition.linkcheck.model import ArchivedCopy, Link, Location

if TYPE_CHECKING:
    from collections.abc import Iterable

#: A URL in running text: it ends at white space, a quote, a bracket or a brace.
_URL = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"


class Occurrence(NamedTuple):
    """One place that gives a URL."""

    uri: str
    location: Location
    archive: ArchivedCopy | None = None


def _trim(url: str) -> str:
    while url:
        last = url[-1]
        if last in _TRAILING or (last == ")" and url.count(")") > url.count("(")):
            url = url[:-1]
        else:
            break
    return url


def urls_in_text(text: str) -> list[tuple[int, str]]:
    """Every ``http(s)`` URL in *text*, with its 1-based line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _URL.finditer(line):
            url = _trim(match.group(0))
            if len(url) > len("https://"):
                found.append((number, url))
    return found


def line_of(text: str, needle: str) -> int | None:
    """The 1-based line of the first occurrence of *needle* in *text*."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def text_occurrences(paths: Iterable[Path]) -> list[Occurrence]:
    """URLs in plain text files; a Wayback-form URL in the same file is the archived
    copy of the live URL it contains."""
    out: list[Occurrence] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found = urls_in_text(text)
        copies = copies_among([url for _, url in found])
        out.extend(Occurrence(url, Location.of(path, line), copies.get(url)) for line, url in found)
    return out


def expand_globs(srcdir: Path, patterns: Iterable[str]) -> list[Path]:
    paths: set[Path] = set()
    for pattern in patterns:
        base = srcdir
        # Path.glob takes no "..": walk up first, then glob what is left.
        parts = Path(pattern).parts
        while parts and parts[0] == "..":
            base, parts = base.parent, parts[1:]
        if parts:
            paths.update(p for p in base.glob(str(Path(*parts))) if p.is_file())
    return sorted(paths)


def doi_url(doi: str) -> str:
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.IGNORECASE)
    return "https://doi.org/" + quote(doi, safe="/:;()._-~+,=")


def bib_occurrences(path: Path) -> list[Occurrence]:
    """URLs, DOIs and archived copies of every entry of the library at *path*."""
    from edition.citations.library import read

    library = read(path, path.name)
    out: list[Occurrence] = []
    for entry in library.entries.values():
        fields = raw_fields(entry.raw)
        copy = entry_copy({k: (bib_value(v), n) for k, (v, n) in fields.items()})
        for name in ("url", "doi", "archive", "archiveurl"):
            if name not in fields:
                continue
            value, offset = fields[name]
            value = bib_value(value)
            if name == "doi":
                uri = doi_url(value)
            elif value.lower().startswith(("http://", "https://")):
                uri = value
            else:
                continue
            archive = copy if name in ("url", "doi") and copy else None
            out.append(Occurrence(uri, Location.of(path, entry.line + offset), archive))
    return out


def merge(occurrences: Iterable[Occurrence]) -> list[Link]:
    """One :class:`Link` per URL, with every location, sources before pages."""
    places: dict[str, list[Location]] = defaultdict(list)
    archives: dict[str, ArchivedCopy] = {}
    for occurrence in occurrences:
        if occurrence.location not in places[occurrence.uri]:
            places[occurrence.uri].append(occurrence.location)
        if occurrence.archive and occurrence.uri not in archives:
            archives[occurrence.uri] = occurrence.archive
    links = []
    for uri, locations in places.items():
        # A page location without a line (a node made by an extension) adds nothing
        # when a source file already says where the URL comes from.
        located = [loc for loc in locations if loc.line] or locations
        links.append(Link(uri, tuple(located), archives.get(uri)))
    return sorted(links, key=lambda link: link.uri)
