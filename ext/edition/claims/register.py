"""The register of dated claims: ``{dated-claims}`` lists every claim with its
category, status, dates and follow-up, links both ways with the text, and can
be filtered and sorted in the browser. In LaTeX it is the appendix of
follow-ups."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from edition import checking, config
from edition.apparatus.paragraphs import label
from edition.claims import followup
from edition.claims.registry import KEPT, STATUSES, claims_folder, get_registry
from edition.claims.spans import BUCKET, ClaimSpan
from edition.diagnostics import Severity, Subtype, report
from edition.domain import get_domain, mark_aggregator
from edition.nodeutil import refnode_maker, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class claims_register(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder; holds each claim's follow-up until the table is built."""


class RegisterDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = claims_register()
        self.set_source_info(node)
        mark_aggregator(self.env, self.env.docname, ("claims", "claims_registry", "paragraphs"))
        folder = claims_folder(self.env)
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            self.env.note_dependency(str(path))
        for entry in get_registry(self.env).entries.values():
            box = nodes.container(cid=entry.id)
            paragraphs, _ = followup.render(
                entry.followup, entry.followup_location
            )  # problems reported with the span
            box += paragraphs or [nodes.paragraph("", "Not yet researched.", classes=["ed-muted"])]
            node += box
        return [node]


def fill_register(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(claims_register))
    if not placeholders:
        return
    env = app.env
    registry = get_registry(env)
    spans: dict[str, ClaimSpan] = {s.id: s for s in get_domain(env).all_records(BUCKET)}
    order = {doc: i for i, doc in enumerate(config.get(env.config).paper_pages)}
    entries = sorted(
        registry.entries.values(),
        key=lambda e: (
            (order.get(spans[e.id].docname, 99), spans[e.id].line or 0) if e.id in spans else (99, 0)
        ),
    )
    link_to = refnode_maker(app.builder, docname)
    for node in placeholders:
        followups = {box["cid"]: box.children for box in node.children if isinstance(box, nodes.Element)}
        rows: list[list[nodes.Node | str]] = []
        for entry in entries:
            span = spans.get(entry.id)
            if span is None:
                continue
            text = span.text if len(span.text) <= 160 else span.text[:157] + "…"
            link = link_to(span.docname, entry.id, nodes.Text(text), "In the text")
            where = env.titles[span.docname].astext() if span.docname in env.titles else span.docname
            if span.paragraph:
                where += ", " + label(span.paragraph)
            cell = nodes.container()
            cell += list(followups.get(entry.id, []))
            rows.append(
                [
                    nodes.paragraph("", "", link),
                    where,
                    entry.category.replace("-", " "),
                    entry.status.replace("-", " "),
                    entry.as_of,
                    entry.review_by,
                    cell,
                ]
            )
        tbl = table(
            ["Claim", "Where", "Category", "Status", "As of", "Review by", "Since then"],
            rows,
            ["ed-register"],
        )
        body = next(tbl.findall(nodes.tbody))
        for row, entry in zip(body.children, [e for e in entries if e.id in spans], strict=True):
            assert isinstance(row, nodes.Element)
            row["ids"] = [f"row-{entry.id}"]
            row["classes"] += [f"ed-cat-{entry.category}", f"ed-status-{entry.status}"]
        counts = nodes.paragraph(
            "",
            f"{len(rows)} dated claims: "
            + ", ".join(
                f"{sum(1 for e in entries if e.status == s and e.id in spans)} {s.replace('-', ' ')}"
                for s in STATUSES
            )
            + ".",
            classes=["ed-register-count"],
        )
        node.replace_self([counts, tbl])


def reference_date(configured: str, epoch: str | None) -> str:
    """The date reviews are checked against: configuration, then
    SOURCE_DATE_EPOCH (reproducible builds), then today."""
    if configured:
        return configured
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def _today(env: BuildEnvironment) -> str:
    return reference_date(config.get(env.config).review_date, os.environ.get("SOURCE_DATE_EPOCH"))


def check_register(app: Sphinx, env: BuildEnvironment) -> None:
    """Registry entries whose claim is not marked in the text, and overdue reviews."""
    registry = get_registry(env)
    spans = {s.id for s in get_domain(env).all_records(BUCKET)}
    for entry in registry.entries.values():
        if entry.id not in spans:
            report(
                Subtype.CLAIM,
                f"unknown claim id {entry.id!r}: no span in the text carries it; mark the words "
                f"[...]{{#{entry.id} .claim}} on page {entry.page!r}, or remove the entry",
                location=entry.location,
            )
    today = _today(env)
    for entry in registry.entries.values():
        if entry.review_by and entry.review_by < today:
            report(
                Subtype.CLAIM_REVIEW,
                f"claim {entry.id!r} was due for review on {entry.review_by} (reference date {today}): check "
                "its follow-up and status, then set a new review_by",
                location=entry.location,
                severity=Severity.WARNING,
            )


def setup(app: Sphinx) -> None:
    app.add_node(claims_register)
    app.add_directive("dated-claims", RegisterDirective)
    app.connect("doctree-resolved", fill_register)
    # Overdue reviews depend on the date too: checked again on another day.
    checking.connect(app, check_register, (BUCKET, KEPT), stamp=_today)
