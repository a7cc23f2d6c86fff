"""Which kind of edition a build makes, and words meant for one kind only.

The HTML site is interactive: marks open popovers, notes stand in the margin,
tables sort. The PDF and the EPUB are *books*: nothing opens on hover, and a
sentence such as "hover over it" or "click a column heading to sort" is wrong
there. Such words are marked in the source with a class, inline
(``[hover over it]{.web-only}``) or on a block (``{.web-only}`` before a
paragraph); their book counterpart is marked ``{.book-only}``. Each build keeps
only what is meant for it, so the PDF and the EPUB never print web-only text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

WEB_ONLY = "web-only"
BOOK_ONLY = "book-only"
#: Builders that make a book from HTML (their format is "html" too).
EBOOK_BUILDERS = frozenset({"epub"})


def is_interactive(builder: Builder) -> bool:
    """True for the HTML site (html, dirhtml, singlehtml), false for books and text."""
    return builder.format == "html" and builder.name not in EBOOK_BUILDERS


def keep_for_output(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the words meant for the other kind of edition (``doctree-resolved``)."""
    drop = BOOK_ONLY if is_interactive(app.builder) else WEB_ONLY
    for node in list(doctree.findall(nodes.Element)):
        if drop in node.get("classes", ()) and node.parent is not None:
            node.parent.remove(node)


def setup(app: Sphinx) -> None:
    # Early, before listings and the LaTeX passes look at the tree.
    app.connect("doctree-resolved", keep_for_output, priority=100)
