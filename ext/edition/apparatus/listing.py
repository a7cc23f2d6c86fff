"""The apparatus page: ``{apparatus}`` lists every emendation with a link back
into the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from edition import config
from edition.apparatus.emendations import all_emendations, entry_id
from edition.domain import mark_aggregator
from edition.nodeutil import table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class apparatus_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder, replaced by the table once every page is read."""


class ApparatusDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = apparatus_list()
        self.set_source_info(node)
        mark_aggregator(self.env, self.env.docname, ("emendations", "paragraphs"))
        return [node]


def fill_apparatus(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(apparatus_list))
    if not placeholders:
        return
    options = config.get(app.config)
    records = all_emendations(app.env, options.paper_pages)
    rows: list[list[nodes.Node | str]] = []
    for record in records:
        link = make_refnode(
            app.builder,
            docname,
            record.page,
            record.anchor,
            nodes.Text(record.id),
            f"See {record.id} in the text",
        )
        rows.append(
            [
                nodes.paragraph("", "", link),
                options.emendation_types.get(record.type, record.type),
                nodes.paragraph("", "", nodes.emphasis("", record.original or "(nothing)")),
                record.reading,
                record.reason,
            ]
        )
    for node in placeholders:
        if not rows:
            node.replace_self(nodes.paragraph("", "The edition records no emendations."))
            continue
        summary = nodes.paragraph(
            "", f"{len(rows)} emendations, in reading order.", classes=["ed-apparatus-count"]
        )
        listing = table(["Id", "Type", "Witness", "Edition", "Reason"], rows, ["ed-apparatus"])
        body = next(listing.findall(nodes.tbody))
        for row, record in zip(body.children, records, strict=True):
            assert isinstance(row, nodes.Element)
            row["ids"] = [entry_id(record.id)]  # each emendation's cue in the text links here
        node.replace_self([summary, listing])


def setup(app: Sphinx) -> None:
    app.add_node(apparatus_list)
    app.add_directive("apparatus", ApparatusDirective)
    app.connect("doctree-resolved", fill_apparatus)
