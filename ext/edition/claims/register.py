"""The register of dated claims: ``{dated-claims}`` lists every claim with its
category, status, dates and follow-up, links both ways with the text, and can
be filtered and sorted in the browser. In LaTeX it is the appendix of
follow-ups."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from docutils import nodes

from edition import config, inputs
from edition.apparatus.paragraphs import label
from edition.claims import followup
from edition.claims.registry import STATUSES, Registry, get_registry
from edition.claims.spans import BUCKET, ClaimSpan
from edition.diagnostics import Severity, Subtype, report, report_all
from edition.domain import get_domain
from edition.nodeutil import ListingDirective, add_listing, listing, refnode_maker, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class RegisterDirective(ListingDirective):
    """The placeholder holds each claim's follow-up, rendered while the page is read, so that
    the citations in follow-ups are collected like any other."""

    def run(self) -> list[nodes.Node]:
        node = listing(kind=self.name)
        self.set_source_info(node)
        registry: Registry = inputs.use(self.env, "claims")
        for entry in registry.entries.values():
            box = nodes.container(cid=entry.id)
            # Problems are reported where the span is.
            blocks, _ = followup.render(entry.followup, entry.followup_location, self.env.docname)
            box += blocks or [nodes.paragraph("", "Not yet researched.", classes=["ed-muted"])]
            node += box
        return [node]


def fill_register(app: Sphinx, docname: str, placeholder: listing) -> list[nodes.Node]:
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
    followups = {box["cid"]: box.children for box in placeholder.children if isinstance(box, nodes.Element)}
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
    return [counts, tbl]


def reference_date(configured: str, epoch: str | None) -> str:
    """The date reviews are checked against: configuration, then
    SOURCE_DATE_EPOCH (reproducible builds), then today."""
    if configured:
        return configured
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def today(env: BuildEnvironment) -> str:
    """The date reviews are checked against in this build (a part of the registry's fingerprint)."""
    return reference_date(config.get(env.config).review_date, os.environ.get("SOURCE_DATE_EPOCH"))


def check_register(app: Sphinx, env: BuildEnvironment) -> None:
    """Registry entries whose claim is not marked in the text, and overdue reviews."""
    registry = get_registry(env)
    report_all(Subtype.CLAIM, registry.problems)
    spans = {s.id for s in get_domain(env).all_records(BUCKET)}
    for entry in registry.entries.values():
        if entry.id not in spans:
            report(
                Subtype.CLAIM,
                f"unknown claim id {entry.id!r}: no span in the text carries it; mark the words "
                f"[...]{{#{entry.id} .claim}} on page {entry.page!r}, or remove the entry",
                location=entry.location,
            )
    date = today(env)
    for entry in registry.entries.values():
        if entry.review_by and entry.review_by < date:
            report(
                Subtype.CLAIM_REVIEW,
                f"claim {entry.id!r} was due for review on {entry.review_by} (reference date {date}): check "
                "its follow-up and status, then set a new review_by",
                location=entry.location,
                severity=Severity.WARNING,
            )


def setup(app: Sphinx) -> None:
    add_listing(app, "dated-claims", fill_register, RegisterDirective)
    app.connect("env-check-consistency", check_register)
