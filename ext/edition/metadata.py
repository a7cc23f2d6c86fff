"""Citation and Open Graph metadata for the paper's pages, as Zotero, Google
Scholar and link previews read them (``html-page-context``).

Addresses are absolute, built from ``html_baseurl`` (:mod:`edition.addresses`):
Google Scholar does not accept a relative ``citation_pdf_url``, and Open Graph
requires an absolute ``og:url``.  Sphinx writes the canonical link itself
from the same option.  Without a base URL those three are left out.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from edition import addresses, config

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TITLE = "Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities"
AUTHOR = "Bach, Robert L."
SITE = "Campaigning for Change: An Annotated Edition"
DESCRIPTION = f"An annotated scholarly edition of Robert L. Bach, {TITLE} (2000)."
PDF = "campaigning-for-change.pdf"
#: The viewport tag docutils' HTML writer adds to every page's ``metatags``; Sphinx's
#: layout already writes one, and a page should have exactly one.
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def _meta(name: str, content: str) -> str:
    # Open Graph tags are RDFa properties; the citation and Dublin Core tags are names.
    attribute = "property" if name.startswith("og:") else "name"
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}" />\n'


def add_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    options = config.get(app)
    page_title = context.get("title") or SITE
    tags = [
        _meta("og:site_name", SITE),
        _meta("og:title", page_title if pagename != "index" else TITLE),
        _meta("og:type", "article" if pagename in options.paper_pages else "website"),
        _meta("og:description", DESCRIPTION),
    ]
    if context.get("pageurl"):  # Sphinx's own absolute address of the page (html_baseurl)
        tags.append(_meta("og:url", context["pageurl"]))
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
        pdf = addresses.absolute(app.config, PDF)
        if pdf is not None:
            tags.append(_meta("citation_pdf_url", pdf))
    metatags = VIEWPORT.sub("", context.get("metatags", ""))
    context["metatags"] = metatags + "".join(tag for tag in tags if tag)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_metadata)
