"""``{citation-reconciliation}``: for every author's note, the author's own
citation beside the library entry the edition links it to; then the notes
with no source and the entries nothing cites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from edition import config
from edition.citations.formatted import get_formatted, html_to_nodes
from edition.citations.library import get_library
from edition.citations.linking import entry_id
from edition.citations.uses import uses_by_key
from edition.endnotes.records import NoteIndex, note_id
from edition.nodeutil import add_listing, listing, refnode_maker, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fill_reconciliation(app: Sphinx, docname: str, placeholder: listing) -> list[nodes.Node]:
    env = app.env
    index = NoteIndex.build(env)
    formatted = get_formatted(env)
    bib_page = config.get(app).bibliography_page
    rows: list[list[nodes.Node | str]] = []
    unsourced: list[nodes.Node] = []
    link_to = refnode_maker(app.builder, docname)
    for number in sorted(index.notes):
        note = index.notes[number][0]
        sources, problem = index.resolved_citations(number)
        link = link_to(note.docname, note_id(number), nodes.Text(str(number)))
        cell = nodes.paragraph()
        for i, citation in enumerate(sources):
            if i:
                cell += nodes.Text("; ")
            ref = nodes.inline("", "", *html_to_nodes(formatted.html.get(citation.key, citation.key)))
            cell += link_to(bib_page, entry_id(citation.key), ref, citation.key)
            if citation.locator:
                cell += nodes.Text(f" ({citation.locator})")
        if not sources:
            cell += nodes.Text(problem or f"No source ({note.kind}).")
            if note.kind in ("citation", "ibid"):
                unsourced.append(nodes.list_item("", nodes.paragraph("", f"Note {number}: {note.text}")))
        before = index.antecedent(number) if note.kind == "ibid" else None
        ibid = f" (Ibid. of note {before.number})" if before is not None else ""
        rows.append([nodes.paragraph("", "", link), note.text + ibid, cell])
    uses = uses_by_key(env)
    library = get_library(env)
    uncited = [key for key in (library.entries if library else {}) if key not in uses]
    out: list[nodes.Node] = [
        table(["Note", "The author's citation", "Linked library entry"], rows, ["ed-reconciliation"])
    ]
    out.append(nodes.rubric("", "Citation notes with no source"))
    out.append(nodes.bullet_list("", *unsourced) if unsourced else nodes.paragraph("", "None."))
    out.append(nodes.rubric("", "Library entries that nothing in the edition cites"))
    if uncited:
        items = [
            nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    "",
                    link_to(bib_page, entry_id(key), nodes.literal("", key), key),
                ),
            )
            for key in sorted(uncited)
        ]
        out.append(nodes.bullet_list("", *items))
    else:
        out.append(nodes.paragraph("", "None: every entry is cited."))
    return out


def setup(app: Sphinx) -> None:
    add_listing(app, "citation-reconciliation", fill_reconciliation)
