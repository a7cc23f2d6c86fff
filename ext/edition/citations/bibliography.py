"""The bibliography page: ``{bibliography}`` lists every entry of the library,
formatted, with links back to every place that cites it and its BibTeX and
CSL-JSON to copy. Each URL and DOI is a reference node, so Sphinx's link
checker sees it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from edition.citations.formatted import get_formatted, html_to_nodes
from edition.citations.library import get_library
from edition.citations.linking import entry_id
from edition.citations.uses import uses_by_key
from edition.nodeutil import add_listing, listing, refnode_maker, visit_skip

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class bib_source(nodes.General, nodes.Element):  # noqa: N801
    """An entry's BibTeX and CSL-JSON, to copy (HTML only: the PDF prints the reference)."""


def fill_bibliography(app: Sphinx, docname: str, placeholder: listing) -> list[nodes.Node]:
    library = get_library(app.env)
    formatted = get_formatted(app.env)
    uses = uses_by_key(app.env)
    entries = sorted(
        library.entries.values() if library else [], key=lambda e: formatted.text(e.key).casefold()
    )
    out: list[nodes.Node] = []
    link_to = refnode_maker(app.builder, docname)
    for entry in entries:
        box = nodes.container(ids=[entry_id(entry.key)], classes=["ed-bib-entry"])
        box += nodes.paragraph("", "", *html_to_nodes(formatted.html.get(entry.key, entry.key)))
        links = nodes.paragraph(classes=["ed-bib-links"])
        for label, field, prefix in (("Link", "url", ""), ("DOI", "doi", "https://doi.org/")):
            value = entry.fields.get(field)
            if value:
                uri = prefix + str(value)
                links += nodes.inline("", f"{label}: ", classes=["ed-label"])
                links += nodes.reference(uri, uri, refuri=uri)
                links += nodes.Text(" ")
        if "note" in entry.fields:
            box += nodes.paragraph("", f"Editors' note: {entry.fields['note']}", classes=["ed-bib-note"])
        if links.children:
            box += links
        cited = nodes.paragraph(classes=["ed-bib-cited"])
        places = [p for p in uses.get(entry.key, []) if app.builder.format == "html" or not p.html_only]
        cited += nodes.inline(
            "", "Cited in: " if places else "Not cited in the edition.", classes=["ed-label"]
        )
        for i, use in enumerate(places):
            if i:
                cited += nodes.Text(", ")
            cited += link_to(use.docname, use.anchor, nodes.Text(use.label), use.label)
        box += cited
        source = bib_source(
            key=entry.key,
            bibtex=entry.raw.strip(),
            csl=formatted.csl.get(entry.key, "{}"),
        )
        box += source
        out.append(box)
    count = nodes.paragraph("", f"{len(entries)} entries, in alphabetical order.", classes=["ed-bib-count"])
    return [count, *out]


def visit_source_html(self: HTML5Translator, node: bib_source) -> None:
    from html import escape

    key = escape(node["key"])
    self.body.append(
        f'<details class="ed-bib-source"><summary>BibTeX and CSL-JSON for <code>{key}</code></summary>'
        f'<pre class="ed-copyable" aria-label="BibTeX for {key}">{escape(node["bibtex"])}</pre>'
        f'<pre class="ed-copyable" aria-label="CSL-JSON for {key}">{escape(node["csl"])}</pre></details>'
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        bib_source, html=(visit_source_html, None), latex=(visit_skip, None), text=(visit_skip, None)
    )
    add_listing(app, "bibliography", fill_bibliography)
