"""schema.org ClaimReview for the dated claims whose follow-up reaches a verdict."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import jsonschema

from conftest import build_root

#: What a ClaimReview must carry (schema.org, and the properties Google's guidelines require),
#: for every review the edition publishes.
SCHEMA = {
    "type": "object",
    "required": ["@context", "@type", "url", "claimReviewed", "author", "itemReviewed", "reviewRating"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "url": {"type": "string", "pattern": "#[a-z0-9-]+$"},
        "claimReviewed": {"type": "string", "minLength": 1},
        "author": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"enum": ["Organization", "Person"]}},
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "author", "datePublished", "appearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "author": {"type": "object", "required": ["@type", "name"]},
                "datePublished": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                "appearance": {"type": "object", "required": ["@type", "url"]},
            },
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName"],
            "properties": {"@type": {"const": "Rating"}, "alternateName": {"type": "string", "minLength": 1}},
        },
        "reviewBody": {"type": "string", "minLength": 1},
        "citation": {
            "type": "array",
            "items": {"type": "object", "required": ["@type", "name"]},
        },
    },
}

UNRESOLVED = """
fox-later:
  quote: "Later he went on"
  category: state-of-affairs
  status: unresolved
  review_by: 2030-01-01
  followup: |
    Nothing settles it {cite}`cnn2000fox`.
  citations: [cnn2000fox]
"""
TEXT = (
    "# Text\n\n{para}`p1` [President-elect Fox will now act]{#fox-now .claim}. In 1994 it was now "
    "history. [Later he went on]{#fox-later .claim}.\n"
)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.json_ld: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.json_ld.append(data)


def _build(make_app, copy_root):
    original = (
        'fox-now:\n  quote: "President-elect Fox will now act"\n  category: office-holder\n'
        "  status: superseded\n  review_by: 2030-01-01\n  followup: |\n"
        "    Fox took office on 1 December 2000 {cite}`cnn2000fox, p. 2`.\n  citations: [cnn2000fox]\n"
    )
    return build_root(
        make_app,
        copy_root,
        "claims",
        {"paper/text.md": TEXT, "claims/text.yml": original + UNRESOLVED},
    )


def test_reviews_are_published_for_verdicts_only_and_are_valid(make_app, copy_root):
    app, warnings = _build(make_app, copy_root)
    assert warnings == ""
    reviews = json.loads((app.outdir / "data" / "claim-reviews.jsonld").read_text())
    assert [r["url"] for r in reviews] == ["../paper/text.html#fox-now"]  # not the unresolved claim
    for item in reviews:
        jsonschema.validate(item, SCHEMA)
    (item,) = reviews
    assert item["claimReviewed"] == "President-elect Fox will now act"
    assert item["reviewRating"]["alternateName"] == "Superseded: true when written, no longer so"
    assert item["reviewBody"] == "Fox took office on 1 December 2000 (CNN 2000, p. 2)."
    assert item["itemReviewed"]["author"] == {"@type": "Person", "name": "Robert L. Bach"}
    assert item["citation"][0]["name"].startswith("CNN")


def test_each_paper_page_carries_its_reviews_in_its_head(make_app, copy_root):
    app, _ = _build(make_app, copy_root)
    html = (app.outdir / "paper" / "text.html").read_text()
    head = html[: html.index("</head>")]
    parser = _Scripts()
    parser.feed(head)
    (script,) = parser.json_ld
    reviews = json.loads(script)
    assert [r["url"] for r in reviews] == ["#fox-now"]  # relative to the page itself
    jsonschema.validate(reviews[0], SCHEMA)
    assert 'id="fox-now"' in html  # the URL's fragment is an anchor of the page
    assert not re.search(r"</script>.*application/ld\+json", script)


def test_a_base_url_makes_the_urls_absolute(make_app, copy_root):
    app, warnings = build_root(
        make_app, copy_root, "claims", {}, confoverrides={"html_baseurl": "https://example.org/ed/"}
    )
    assert warnings == ""
    (item,) = json.loads((app.outdir / "data" / "claim-reviews.jsonld").read_text())
    assert item["url"] == "https://example.org/ed/paper/text.html#fox-now"
    assert item["itemReviewed"]["appearance"]["url"] == "https://example.org/ed/paper/text.html"
