"""``data/edition.tei.xml``: the whole edition as one TEI P5 document.

It is made after the build from the same doctrees the HTML and the PDF are
written from: the paper's pages in reading order (the last one, which holds
the author's notes, as ``back``), the apparatus records, the notes' index and
the formatted library.  Nothing is kept in the environment for it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder

from edition import config
from edition.apparatus.emendations import all_emendations
from edition.endnotes.records import NoteIndex
from edition.tei.encoder import Context
from edition.tei.header import header_pages, tei_header
from edition.tei.standoff import standoff
from edition.tei.text import Gathered, PaperEncoder
from edition.tei.xml import NS, make, serialise, sub

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def sources(env: BuildEnvironment) -> list[str]:
    """The pages the document is made from: the paper's, and those its header quotes."""
    options = config.get(env.config)
    return [*options.paper_pages, *(where.partition("#")[0] for where in header_pages(options))]


def outdated(target: Path, inputs: list[Path]) -> bool:
    """Whether *target* must be made again: it is missing, or one of *inputs* is newer.  A
    build that wrote nothing leaves it as it stands, and unpacks nothing to make it."""
    if not target.is_file():
        return True
    written = target.stat().st_mtime_ns
    return any(path.is_file() and path.stat().st_mtime_ns >= written for path in inputs)


def edition_tei(env: BuildEnvironment) -> str | None:
    """The TEI document, or None if the edition has no paper pages to encode."""
    options = config.get(env.config)
    pages = [page for page in options.paper_pages if page in env.all_docs]
    if not pages:
        return None
    context = Context.of(env)
    records = all_emendations(env, options.paper_pages)
    entries = {(record.anchor, record.type): record.id for record in records}
    notes = NoteIndex.build(env)
    confidence = {n: found[0].confidence for n, found in notes.notes.items() if found[0].confidence}
    gathered = Gathered()
    root = make("TEI", xmlns=NS, xml_lang="en")
    text = make("text")
    body = sub(text, "body")
    back = make("back")
    notes_page = options.paper_pages[-1] if len(options.paper_pages) > 1 else None
    for page in pages:
        encoder = PaperEncoder(context, page, gathered, entries, confidence, notes_page=page == notes_page)
        encoder.encode_all(env.get_doctree(page).children, back if page == notes_page else body)
    if len(back):
        text.append(back)
    root.append(tei_header(context, gathered, Counter(record.type for record in records)))
    root.append(text)
    found = standoff(context, gathered, records, notes)
    if found is not None:
        root.append(found)
    return serialise(root)


def write(app: Sphinx, target: Path, library: Path | None) -> None:
    """Write the document to *target* (``data/edition.tei.xml``) if it is :func:`outdated`.

    Its inputs are the HTML of the pages it is made from (each is written again whenever it
    was read again, or the configuration or the library changed what it shows) and the library.
    """
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    pages = [Path(builder.get_outfilename(page)) for page in sources(app.env) if page in app.env.all_docs]
    if not outdated(target, [*pages, *([library] if library is not None else [])]):
        return
    document = edition_tei(app.env)
    if document is not None:  # written even if unchanged: its time says what it was made from
        target.write_text(document, encoding="utf-8")
