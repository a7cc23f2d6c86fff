"""Dated claims: spans in the paper, the registry of follow-ups, the linter
for time-bound wording, review dates, and the register page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from edition.claims import claimreview, lint, register, spans

    spans.setup(app)  # [words]{#id .claim} -> dated_claim with its follow-up
    app.connect("doctree-read", lint.lint_page, priority=450)  # every time-bound hit covered or waived
    # Totals and stale waivers: they read the per-page counts and the registry.
    app.connect("env-check-consistency", lint.summarise)
    register.setup(app)  # {dated-claims}, orphans and overdue reviews
    claimreview.setup(app)  # schema.org ClaimReview for claims with a verdict
