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

from edition.nodeutil import RECORDS_CLASS

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


def prose_as_quotations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In a book, set a literal block of plain text (``text``) as a quotation (``doctree-resolved``).

    On the web such a block (the "how to cite" text) keeps its lines and is easy
    to copy; on a page, a monospaced line longer than the measure would run into
    the margin or be cut. In a book it is prose: its lines join and wrap.
    """
    if is_interactive(app.builder):
        return
    for block in list(doctree.findall(nodes.literal_block)):
        if block.get("language") == "text":
            paragraphs = [" ".join(part.split()) for part in block.astext().split("\n\n")]
            quote = nodes.block_quote("", *(nodes.paragraph("", text) for text in paragraphs if text))
            quote["classes"] = block["classes"]
            block.replace_self(quote)


#: A cell this short joins the record's line of details; a longer one is a paragraph of its own.
SHORT_CELL = 90


def records_as_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In a book, set each table of records as a list (``doctree-resolved``).

    A wide table fits a screen, not a page: seven columns on A4 or an e-reader
    leave a few letters a line. Each row becomes an entry: its first cell as
    the term, its short cells as one line of "Header: value" details, each long
    cell as a paragraph led by its header.
    """
    if is_interactive(app.builder):
        return
    for table in list(doctree.findall(nodes.table)):
        if RECORDS_CLASS in table["classes"]:
            table.replace_self(_as_list(table))


def _as_list(table: nodes.table) -> nodes.container:
    headers = [entry.astext() for entry in next(table.findall(nodes.thead)).findall(nodes.entry)]
    listing = nodes.definition_list()
    for row in next(table.findall(nodes.tbody)).children:
        assert isinstance(row, nodes.Element)
        cells = [_blocks(entry.children) for entry in row.children if isinstance(entry, nodes.Element)]
        term = nodes.term("", "", *_inline(cells[0]), ids=row["ids"])
        details = nodes.paragraph(classes=["ed-record__details"])
        long: list[nodes.Node] = []
        for header, cell in zip(headers[1:], cells[1:], strict=True):
            text = " ".join(nodes.Element("", *cell).astext().split())
            if not text:
                continue
            if len(text) <= SHORT_CELL and len(cell) == 1 and isinstance(cell[0], nodes.paragraph):
                if details.children:
                    details += nodes.Text(" · ")
                details += [nodes.emphasis("", header + ": "), *cell[0].children]
            else:
                long += _labelled(header, cell)
        definition = nodes.definition("", *([details] if details.children else []), *long)
        listing += nodes.definition_list_item("", term, definition)
    return nodes.container("", listing, classes=[c for c in table["classes"] if c != RECORDS_CLASS])


def _blocks(children: list[nodes.Node]) -> list[nodes.Node]:
    """A cell's blocks, with the containers that only group them opened."""
    blocks: list[nodes.Node] = []
    for child in children:
        if isinstance(child, nodes.container) and not child["ids"]:
            blocks += _blocks(list(child.children))
        else:
            blocks.append(child)
    return blocks


def _inline(cell: list[nodes.Node]) -> list[nodes.Node]:
    """The inline content of a cell of one paragraph (or of any cell, as its text)."""
    if len(cell) == 1 and isinstance(cell[0], nodes.paragraph):
        return list(cell[0].children)
    return [nodes.Text(" ".join(nodes.Element("", *cell).astext().split()))]


def _labelled(header: str, blocks: list[nodes.Node]) -> list[nodes.Node]:
    """A long cell's blocks, the first led by the header."""
    if blocks and isinstance(blocks[0], nodes.paragraph):
        blocks[0].insert(0, nodes.emphasis("", header + ": "))
        return blocks
    return [nodes.paragraph("", "", nodes.emphasis("", header + ": ")), *blocks]


def setup(app: Sphinx) -> None:
    # Early, before listings and the LaTeX passes look at the tree.
    app.connect("doctree-resolved", keep_for_output, priority=100)
    app.connect("doctree-resolved", prose_as_quotations, priority=100)
    # After the listings have filled their tables (default priority).
    app.connect("doctree-resolved", records_as_lists, priority=700)
