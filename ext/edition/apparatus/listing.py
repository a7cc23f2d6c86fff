"""The apparatus page: ``{apparatus}`` lists every emendation with a link back
into the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from edition import config
from edition.apparatus.emendations import all_emendations, entry_id
from edition.nodeutil import add_listing, listing, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fill_apparatus(app: Sphinx, docname: str, placeholder: listing) -> list[nodes.Node]:
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
    if not rows:
        return [nodes.paragraph("", "The edition records no emendations.")]
    summary = nodes.paragraph(
        "", f"{len(rows)} emendations, in reading order.", classes=["ed-apparatus-count"]
    )
    entries = table(["Id", "Type", "Witness", "Edition", "Reason"], rows, ["ed-apparatus"])
    body = next(entries.findall(nodes.tbody))
    for row, record in zip(body.children, records, strict=True):
        assert isinstance(row, nodes.Element)
        row["ids"] = [entry_id(record.id)]  # each emendation's cue in the text links here
    return [summary, entries]


def setup(app: Sphinx) -> None:
    add_listing(app, "apparatus", fill_apparatus)
