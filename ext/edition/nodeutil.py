"""Small helpers on doctrees shared by several features."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

EDITORIAL_CLASS = "editorial"


class editorial:  # noqa: N801  (a mixin for node classes, named like them)
    """Mixin for nodes whose content is the editor's, not the author's."""


def is_editorial(node: nodes.Node) -> bool:
    """True for editorial nodes and for elements the source marks ``{.editorial}``."""
    if isinstance(node, editorial):
        return True
    return isinstance(node, nodes.Element) and EDITORIAL_CLASS in node.get("classes", ())


def enclosing(node: nodes.Node, cls: type[nodes.Element]) -> nodes.Element | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, cls):
        parent = parent.parent
    return parent


def words_before(node: nodes.Node, container: nodes.Element, count: int) -> str:
    """The last *count* words of *container*'s reading text before *node*."""
    chunks: list[str] = []
    for n in container.findall():
        if n is node:
            break
        if isinstance(n, nodes.Text) and not in_editorial(n, container):
            chunks.append(n.astext())
    return " ".join("".join(chunks).split()[-count:])


def in_editorial(node: nodes.Node, stop: nodes.Node | None = None) -> bool:
    """True if an ancestor of *node* (below *stop*) is editorial."""
    parent = node.parent
    while parent is not None and parent is not stop:
        if is_editorial(parent):
            return True
        parent = parent.parent
    return False


def table(headers: list[str], rows: list[list[nodes.Node | str]], classes: list[str]) -> nodes.table:
    """A simple table; each cell is a node or a string."""
    tbl = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for title in headers:
        row += nodes.entry("", nodes.paragraph("", title))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            content = nodes.paragraph("", "", nodes.Text(cell)) if isinstance(cell, str) else cell
            if not isinstance(content, nodes.Body):
                content = nodes.paragraph("", "", content)
            row += nodes.entry("", content)
        body += row
    return tbl


def visit_pass(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A visitor (or departer) that renders nothing of its own."""


def visit_skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A visitor that leaves the node and its children out of this output."""
    raise nodes.SkipNode


def refnode_maker(builder: Builder, fromdocname: str) -> Callable[..., nodes.reference]:
    """:func:`sphinx.util.nodes.make_refnode` for many links from one page: each target
    page's relative URI is worked out once (the listings link thousands of times at scale)."""
    uris: dict[str, str] = {}

    def make(todocname: str, targetid: str, child: nodes.Node, title: str = "") -> nodes.reference:
        node = nodes.reference("", "", internal=True)
        if todocname == fromdocname:
            node["refid"] = targetid
        else:
            if todocname not in uris:
                uris[todocname] = builder.get_relative_uri(fromdocname, todocname)
            node["refuri"] = f"{uris[todocname]}#{targetid}"
        if title:
            node["reftitle"] = title
        node += child
        return node

    return make


class listing(nodes.General, nodes.Element):  # noqa: N801
    """Where a generated listing goes (the apparatus, the register, the bibliography...):
    replaced when the page is written, from the records of every page."""


class ListingDirective(SphinxDirective):
    """A directive that leaves a :class:`listing` placeholder of its own name."""

    def run(self) -> list[nodes.Node]:
        node = listing(kind=self.name)
        self.set_source_info(node)
        return [node]


def add_listing(
    app: Sphinx,
    name: str,
    fill: Callable[[Sphinx, str, listing], list[nodes.Node]],
    directive: type[ListingDirective] = ListingDirective,
) -> None:
    """Register the directive *name*, whose placeholder ``fill(app, docname, placeholder)``
    replaces when the page is written. A listing is always up to date: every page is written
    again whenever anything changed (:mod:`edition.rebuild`)."""
    app.add_directive(name, directive)
    app.connect("doctree-resolved", functools.partial(_fill, name, fill))


def _fill(
    name: str,
    fill: Callable[[Sphinx, str, listing], list[nodes.Node]],
    app: Sphinx,
    doctree: nodes.document,
    docname: str,
) -> None:
    for node in list(doctree.findall(listing)):
        if node["kind"] == name:
            node.replace_self(fill(app, docname, node))
