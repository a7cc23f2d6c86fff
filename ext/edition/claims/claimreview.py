"""schema.org ``ClaimReview`` for every dated claim whose follow-up reaches a verdict.

A claim reviewed as ``superseded`` (true as of 2000, no longer) or ``still-holds``
has a verdict; ``unresolved`` and ``not-researched`` claims have none and get no
review.  The reviews are published twice: each paper page carries its own as
JSON-LD in its head (``html-page-context``), and ``data/claim-reviews.jsonld``
gathers them all once the build has finished.  Without ``html_baseurl`` their
URLs are relative, to the page that holds them or to ``data/``.

The review's rating is textual (``alternateName``), as the verdicts are not
degrees of truth: "Superseded" means the statement was true when the paper was
written and has since ceased to be.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from edition import addresses, config
from edition.citations.formatted import get_formatted
from edition.citations.spec import parse_spec
from edition.claims.registry import CITE, get_registry
from edition.claims.spans import BUCKET, ClaimSpan
from edition.domain import get_domain
from edition.metadata import TITLE

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from edition.citations.formatted import Formatted
    from edition.claims.registry import ClaimEntry


#: The verdicts, as readers see them.
VERDICTS = {
    "superseded": "Superseded: true when written, no longer so",
    "still-holds": "Still holds",
}
PUBLISHER = {"@type": "Organization", "name": "The edition's editors"}
AUTHOR = {"@type": "Person", "name": "Robert L. Bach"}


def _plain(followup: str, formatted: Formatted) -> str:
    """The follow-up as plain text, each citation as "(Label, locator)"."""

    def cite(match: re.Match[str]) -> str:
        citations, _ = parse_spec(match[1])
        parts = [
            formatted.label.get(c.key, c.key) + (f", {c.locator}" if c.locator else "") for c in citations
        ]
        return "(" + "; ".join(parts) + ")"

    text = CITE.sub(cite, followup)
    text = re.sub(r"\*\*([^*]+)\*\*|\*([^*]+)\*", lambda m: m[1] or m[2], text)
    return " ".join(text.split())


def _source(key: str, formatted: Formatted) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": formatted.text(key)}
    item = json.loads(formatted.csl.get(key, "{}"))
    if item.get("URL"):
        work["url"] = item["URL"]
    return work


def review(
    span: ClaimSpan, entry: ClaimEntry, url: str, page_url: str, formatted: Formatted
) -> dict[str, Any]:
    """The ClaimReview of one claim (with a verdict)."""
    body = _plain(entry.followup, formatted)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": span.text,
        "author": PUBLISHER,
        "itemReviewed": {
            "@type": "Claim",
            "author": AUTHOR,
            "datePublished": entry.as_of,
            "appearance": {"@type": "CreativeWork", "name": TITLE, "url": page_url},
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": VERDICTS[entry.status],
            "ratingExplanation": body,
        },
        "reviewBody": body,
        "citation": [_source(key, formatted) for key in entry.citations],
    }


def claim_reviews(
    env: BuildEnvironment, page_uri: Callable[[str], str], pages: list[str] | None = None
) -> list[dict[str, Any]]:
    """The reviews of *pages* (all the paper's pages), in reading order; ``page_uri(docname)``
    gives a page's URL."""
    registry = get_registry(env)
    formatted = get_formatted(env)
    out = []
    for page in pages if pages is not None else config.get(env.config).paper_pages:
        spans: list[ClaimSpan] = sorted(get_domain(env).records(BUCKET, page), key=lambda s: s.line or 0)
        for span in spans:
            entry = registry.entries.get(span.id)
            if entry is None or entry.status not in VERDICTS:
                continue
            out.append(review(span, entry, f"{page_uri(page)}#{span.id}", page_uri(page), formatted))
    return out


def _inert(data: str) -> str:
    """JSON safe inside an HTML ``<script>``: no markup characters, only their escapes (a
    follow-up's text is untrusted, and JSON's ``\\u003c`` reads back as ``<``)."""
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _base(app: Sphinx) -> str:
    return addresses.base_url(app.config)


def add_page_reviews(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A paper page's reviews as JSON-LD in its head."""
    if pagename not in config.get(app).paper_pages or not hasattr(app.builder, "get_target_uri"):
        return
    base = _base(app)
    builder = app.builder

    def uri(doc: str) -> str:  # relative URLs resolve against the page itself
        return base + builder.get_target_uri(doc) if base else builder.get_relative_uri(pagename, doc)

    reviews = claim_reviews(app.env, uri, [pagename])
    if not reviews:
        return
    script = (
        f'<script type="application/ld+json">{_inert(json.dumps(reviews, ensure_ascii=False))}</script>\n'
    )
    context["metatags"] = context.get("metatags", "") + script


def reviews_json(app: Sphinx) -> list[dict[str, Any]]:
    """``data/claim-reviews.jsonld`` (:mod:`edition.publish`): every review, as one JSON-LD list."""
    base = _base(app) or "../"  # relative URLs resolve against data/
    return claim_reviews(app.env, lambda doc: base + app.builder.get_target_uri(doc))


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_page_reviews)
