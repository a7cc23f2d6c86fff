"""The one policy for addresses that contributed files may link to (annotation bodies,
follow-ups, ``references.bib``): ``http`` and ``https`` URLs, and DOIs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Whitespace, controls, and the characters that end an HTML attribute or a Markdown link.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>`\\]")
DOI = re.compile(r"10\.[0-9]{4,9}/[^\x00-\x20\x7f-\x9f\"'<>`\\]+")


def url_problem(url: str) -> str | None:
    """What is wrong with *url* as a link, or ``None`` if it may be linked."""
    if _FORBIDDEN.search(url):
        return "a URL may not contain spaces, quotes, angle brackets or control characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "only http and https links are allowed"
    if not parts.hostname:
        return "the URL has no host name"
    return None


def doi_problem(doi: str) -> str | None:
    """What is wrong with *doi* (written without ``https://doi.org/``), or ``None``."""
    if not DOI.fullmatch(doi):
        return "a DOI reads 10.NNNN/suffix, with no spaces (write it without https://doi.org/)"
    return None
