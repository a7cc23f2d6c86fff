"""Citation and Open Graph metadata for the paper's pages, as Zotero, Google
Scholar and link previews read them (``html-page-context``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from edition import config

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TITLE = "Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities"
AUTHOR = "Bach, Robert L."
SITE = "Campaigning for Change: An Annotated Edition"
DESCRIPTION = "An annotated scholarly edition of Robert L. Bach, " + TITLE + " (2000)."
#: Subject keywords of the edition (PDF and EPUB metadata).
KEYWORDS = (
    "NAFTA",
    "migration",
    "Mexico",
    "United States",
    "immigration policy",
    "U.S.-Mexico border",
    "critical edition",
)


def _meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}" />\n'


def add_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    options = config.get(app)
    page_title = context.get("title") or SITE
    tags = [
        _meta("og:site_name", SITE, "property"),
        _meta("og:title", page_title if pagename != "index" else TITLE, "property"),
        _meta("og:type", "article" if pagename in options.paper_pages else "website", "property"),
        _meta("og:description", DESCRIPTION),
    ]
    if pagename in options.paper_pages or pagename in ("index", "introduction"):
        tags += [
            _meta("citation_title", TITLE),
            _meta("citation_author", AUTHOR),
            _meta("citation_publication_date", options.paper_date),
            _meta("citation_language", "en"),
            _meta("citation_inbook_title", SITE) if pagename in options.paper_pages else "",
            _meta("DC.title", TITLE),
            _meta("DC.creator", AUTHOR),
            _meta("DC.date", options.paper_date),
        ]
    if app.builder.format == "html" and hasattr(app.builder, "get_target_uri"):
        pdf = "../" * pagename.count("/") + "campaigning-for-change.pdf"
        tags.append(_meta("citation_pdf_url", pdf))
    context["metatags"] = context.get("metatags", "") + "".join(tag for tag in tags if tag)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_metadata)
