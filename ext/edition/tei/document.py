"""``data/edition.tei.xml``: the whole edition as one TEI P5 document.

It is made after the build from the same doctrees the HTML and the PDF are
written from: the paper's pages in reading order (the last one, which holds
the author's notes, as ``back``), the apparatus records, the notes' index and
the formatted library.  Nothing is kept in the environment for it: it is
written with the other data files (:mod:`edition.publish`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from edition import config
from edition.apparatus.emendations import all_emendations
from edition.endnotes.records import NoteIndex
from edition.tei.encoder import Context
from edition.tei.header import tei_header
from edition.tei.standoff import standoff
from edition.tei.text import Gathered, PaperEncoder
from edition.tei.xml import NS, make, serialise, sub

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


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
