"""``data/dated-claims.json``: one object per claim (format in docs/about/data.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from edition import config
from edition.claims.registry import get_registry
from edition.claims.spans import BUCKET, ClaimSpan
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def claims_json(env: BuildEnvironment) -> list[dict[str, Any]]:
    registry = get_registry(env)
    order = {doc: i for i, doc in enumerate(config.get(env.config).paper_pages)}
    spans: list[ClaimSpan] = sorted(
        get_domain(env).all_records(BUCKET), key=lambda s: (order.get(s.docname, 99), s.line or 0)
    )
    out = []
    for span in spans:
        entry = registry.entries.get(span.id)
        if entry is None:
            continue
        out.append(
            {
                "id": span.id,
                "text": span.text,
                "page": span.docname,
                "paragraph": span.paragraph,
                "as_of": entry.as_of,
                "category": entry.category,
                "status": entry.status,
                "review_by": entry.review_by,
                "followup": entry.followup,
                "citations": list(entry.citations),
            }
        )
    return out
