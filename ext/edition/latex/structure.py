"""The shape of the printed book, from the one tree the LaTeX builder assembles.

Sphinx makes every page of the root toctree a chapter. A book of this edition
has three parts instead:

- front matter (roman page numbers): the title page, the colophon, the
  contents and the editor's introduction;
- the paper, one chapter under its own title, whose pages are *sections*
  (BEYOND NAFTA, ..., ENDNOTES), with the author's section titles as
  running heads;
- the editorial matter as lettered appendices.

The pages of the paper are ``edition_paper_pages``; every page the root
toctree lists after them is an appendix. Pages meant for the website only are
kept out of the book with Sphinx's own ``{only} html`` around their toctree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.texescape import escape

from edition import config
from edition.nodeutil import enclosing

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex + "\n", format="latex")


def shape_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Front matter, the paper as one chapter of sections, appendices (``doctree-resolved``)."""
    if app.builder.format != "latex":
        return
    pages = config.get(app).paper_pages
    files = [f for f in doctree.findall(addnodes.start_of_file) if f.parent is not None]
    paper = [f for f in files if f["docname"] in pages]
    if not paper:
        return
    first = paper[0]
    head = first.next_node(nodes.section)
    if head is None:
        return
    last = paper[-1]
    after = [
        f for f in files[files.index(last) + 1 :] if f["docname"] not in pages and last not in _ancestors(f)
    ]
    for page in paper[1:]:
        page.parent.remove(page)
        head += page
    title = head.next_node(nodes.title)
    short = title.astext().split(":")[0].strip() if title is not None else ""
    _insert_before(first, _raw(r"\edmainmatter{" + escape(short, app.config.latex_engine) + "}"))
    if after:
        _insert_before(after[0], _raw(r"\edappendices"))


def classes_as_environments(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give a paragraph's classes to LaTeX as Sphinx does a container's (``doctree-resolved``).

    Sphinx wraps a container in ``sphinxuseclass`` environments, one a class, and
    ``edition.sty`` styles the classes the book needs (``sphinxclassbyline``, ...);
    a paragraph's classes it drops. Each classed paragraph (outside tables, whose
    cells take no environments) goes into a container.
    """
    if app.builder.format != "latex":
        return
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if paragraph["classes"] and enclosing(paragraph, nodes.table) is None:
            box = nodes.container(classes=list(paragraph["classes"]))
            paragraph.replace_self(box)
            box += paragraph


#: A table with more rows than this may break across pages; a shorter one stays whole.
BREAKABLE_ROWS = 12


def fit_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The book's tables fit the page and break across pages (``doctree-resolved``).

    Sphinx sets a table of up to 30 rows in a box that cannot break, so a table a
    little taller than what is left of a page leaves that space blank: a longer one
    becomes a ``longtable``. Sphinx makes the columns of a table whose source gives no
    widths equal, or as wide as tabulary guesses, and a long word can overrun its
    column: each column is made as wide as its words need.
    """
    if app.builder.format != "latex":
        return
    for table in doctree.findall(nodes.table):
        body = next(table.findall(nodes.tbody), None)
        if body is not None and len(body.children) > BREAKABLE_ROWS and "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        if "colwidths-given" not in table["classes"]:
            table["classes"].append("colwidths-given")
            columns = list(zip(*(row.children for row in table.findall(nodes.row)), strict=False))
            for spec, cells in zip(table.findall(nodes.colspec), columns, strict=False):
                spec["colwidth"] = _width(cells)


def _width(cells: tuple[nodes.Node, ...]) -> int:
    """A column's share of the width: its longest word, or the length of its average cell."""
    texts = [" ".join(cell.astext().split()) for cell in cells]
    longest = max((len(word) for text in texts for word in text.split()), default=1)
    average = sum(len(text) for text in texts) // max(len(texts), 1)
    return max(round(longest * 1.8), min(average, 60), 6)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _insert_before(node: nodes.Node, new: nodes.Node) -> None:
    assert node.parent is not None
    node.parent.insert(node.parent.index(node), new)


def setup(app: Sphinx) -> None:
    # After the listings are filled (default priority), before labels are made (900).
    app.connect("doctree-resolved", shape_book, priority=800)
    # After the commentary takes the annotations' bylines in (860).
    app.connect("doctree-resolved", classes_as_environments, priority=870)
    app.connect("doctree-resolved", fit_tables, priority=870)
