"""Which pages show a library entry, so editing ``references.bib`` rewrites only those.

A page does not use the library while it is read: a citation records only its
key, and the entry is formatted into the page when the page is written. So
when entries change, no page needs reading again; the pages that show one of
them are written again: those that cite it (with ``{cite}``, in a note, a
follow-up or an annotation) and those whose note markers preview a note that
cites it. The pages that list the whole library (the bibliography, the
reconciliation) are aggregators of the ``library`` input and follow on their
own (:func:`edition.domain.mark_aggregator`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.citations.cite import BUCKET
from edition.domain import get_domain
from edition.endnotes.records import NoteIndex

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from edition.citations.library import Library

#: Keys whose entry changed in this build (set when the library is parsed again).
CHANGED = "_changed_keys"


def changed_keys(old: Library, new: Library) -> set[str]:
    """Keys added, removed, or whose entry reads differently (a moved entry is not changed)."""

    def content(library: Library, key: str) -> object:
        entry = library.entries.get(key)
        return None if entry is None else (entry.type, entry.fields, entry.authors, entry.editors)

    return {key for key in old.entries.keys() | new.entries.keys() if content(old, key) != content(new, key)}


def note_changed_keys(env: BuildEnvironment, keys: set[str]) -> None:
    get_domain(env).data.setdefault(CHANGED, set()).update(keys)


def pages_showing(env: BuildEnvironment, keys: set[str]) -> set[str]:
    """Pages that show any entry of *keys*."""
    domain = get_domain(env)
    pages = {use.docname for use in domain.all_records(BUCKET) if use.key in keys}
    index = NoteIndex.build(env)
    for number, notes in index.notes.items():
        if any(c.key in keys for c in index.resolved_citations(number)[0]):
            pages.update(note.docname for note in notes)
            pages.update(ref.docname for ref in index.refs.get(number, []))
    return pages


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages showing a changed entry (``env-get-updated``)."""
    keys = get_domain(env).data.pop(CHANGED, set())
    if not keys:
        return []
    return sorted(pages_showing(env, keys) & env.found_docs)


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_to_rewrite)
