"""Docutils nodes to TEI elements: the nodes every kind of content shares.

:class:`Encoder` is a visitor with one ``encode_<node class>`` method per
node it knows, like a docutils translator.  It encodes the editors' content
(follow-ups, annotation bodies, the statement of method): paragraphs, lists,
block quotations, emphasis, links, cross-references and citations.  The
paper's own nodes are added by :class:`edition.tei.text.PaperEncoder`.

A node of the edition's own that has no method is a located build error (its
text is kept), as it is for LaTeX (:mod:`edition.latex`): a new feature
cannot silently drop out of the TEI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import docname_join

from edition import addresses, config
from edition.citations.formatted import Formatted, get_formatted
from edition.diagnostics import Subtype, report
from edition.tei.xml import Element, add_text, ncname, sub

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx import addnodes
    from sphinx.environment import BuildEnvironment

    from edition.citations.cite import citation_ref
    from edition.config import EditionConfig


SPACE = re.compile(r"\s+")


def bibl_id(key: str) -> str:
    """The ``xml:id`` of a work's entry in the ``listBibl``."""
    return ncname("bib-" + key)


@dataclass
class Context:
    """What every part of the TEI document is made from, looked up once."""

    env: BuildEnvironment
    options: EditionConfig
    formatted: Formatted
    #: ``@resp`` for what the editors did: a pointer to each editor in the header.
    resp: str
    #: Every ``xml:id`` given so far, to keep them unique across the pages.
    ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, env: BuildEnvironment) -> Context:
        options = config.get(env.config)
        resp = " ".join(f"#{editor_id(n)}" for n in range(len(options.editors)))
        return cls(env, options, get_formatted(env), resp)

    def unique(self, wanted: str, docname: str) -> str:
        """*wanted* as an ``xml:id``; an id another page already used gets the page's name."""
        name = ncname(wanted)
        if name in self.ids:
            name = ncname(f"{docname.replace('/', '.')}.{wanted}")
        self.ids.add(name)
        return name

    def address(self, path: str) -> str:
        """A page or file of the HTML edition, as the TEI file (in data/) points to it."""
        return addresses.published(self.env.config, path, self.options.data_dir)


def editor_id(n: int) -> str:
    return f"editor-{n + 1}"


class Encoder:
    """Encode the editors' content; see the module's docstring."""

    #: Whether a node of the edition's own without a method is an error (it is in the
    #: paper and the editors' notes; a page's prose may hold listings that are not text).
    report_unknown = True

    def __init__(self, context: Context, docname: str) -> None:
        self.context = context
        self.docname = docname

    # -- walking -------------------------------------------------------------

    def encode_all(self, children: Iterable[nodes.Node], into: Element) -> None:
        for child in children:
            self.encode(child, into)

    def encode(self, node: nodes.Node, into: Element) -> None:
        if isinstance(node, nodes.Text):
            add_text(into, SPACE.sub(" ", node.astext()))  # a source's line breaks are not the text's
            return
        method = getattr(self, f"encode_{type(node).__name__}", None)
        if method is not None:
            method(node, into)
            return
        if type(node).__module__.startswith("edition."):
            if not self.report_unknown:
                return
            report(
                Subtype.TEI,
                f"the node {type(node).__name__!r} has no TEI encoding: add an encode_"
                f"{type(node).__name__} method to edition.tei (encoder.py or text.py); its text is "
                "kept meanwhile",
                location=node,
            )
        # Containers of no meaning of their own (inline, container, ...) give their content.
        self.encode_all(node.children if isinstance(node, nodes.Element) else (), into)

    # -- blocks --------------------------------------------------------------

    def encode_paragraph(self, node: nodes.paragraph, into: Element) -> None:
        self.encode_all(node.children, sub(into, "p"))

    def encode_bullet_list(self, node: nodes.bullet_list, into: Element) -> None:
        self.encode_all(node.children, sub(into, "list", rend="bulleted"))

    def encode_enumerated_list(self, node: nodes.enumerated_list, into: Element) -> None:
        self.encode_all(node.children, sub(into, "list", rend="numbered"))

    def encode_list_item(self, node: nodes.list_item, into: Element) -> None:
        self.encode_all(node.children, sub(into, "item"))

    def encode_block_quote(self, node: nodes.block_quote, into: Element) -> None:
        self.encode_all(node.children, sub(into, "quote"))

    def encode_table(self, node: nodes.table, into: Element) -> None:
        """A table, row by row: the header's rows are labels (``role="label"``)."""
        table = sub(into, "table")
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                if isinstance(part, (nodes.thead, nodes.tbody)):
                    for row in part.children:
                        self._row(row, table, "label" if isinstance(part, nodes.thead) else None)

    def _row(self, row: nodes.Node, table: Element, role: str | None) -> None:
        element = sub(table, "row", role=role)
        for entry in row.children if isinstance(row, nodes.Element) else ():
            cell = sub(element, "cell")
            blocks = entry.children if isinstance(entry, nodes.Element) else []
            if len(blocks) == 1 and isinstance(blocks[0], nodes.paragraph):
                blocks = blocks[0].children  # a cell of one paragraph holds its text
            self.encode_all(blocks, cell)

    # -- inline --------------------------------------------------------------

    def encode_emphasis(self, node: nodes.emphasis, into: Element) -> None:
        self.encode_all(node.children, sub(into, "hi", rend="italic"))

    def encode_strong(self, node: nodes.strong, into: Element) -> None:
        self.encode_all(node.children, sub(into, "hi", rend="bold"))

    def encode_literal(self, node: nodes.literal, into: Element) -> None:
        sub(into, "code", node.astext())

    def encode_reference(self, node: nodes.reference, into: Element) -> None:
        uri = node.get("refuri", "")
        self.encode_all(node.children, sub(into, "ref", target=uri) if uri else into)

    def encode_pending_xref(self, node: addnodes.pending_xref, into: Element) -> None:
        """``{ref}`` and ``{doc}``: a pointer into this file when the target is in the paper,
        otherwise the target's address in the HTML edition."""
        text = node.astext()
        target: str | None = None
        if node.get("reftype") == "ref":
            found = addresses.label_target(self.context.env, node["reftarget"])
            if found is not None:
                docname, anchor, title = found
                text = text if node.get("refexplicit") else title
                in_paper = docname in self.context.options.paper_pages
                target = (
                    f"#{anchor}" if in_paper else self.context.address(addresses.page_path(docname, anchor))
                )
        elif node.get("reftype") == "doc":
            docname = docname_join(node.get("refdoc", self.docname), node["reftarget"])
            if docname in self.context.env.all_docs:
                title_node = self.context.env.titles.get(docname)
                if not node.get("refexplicit") and title_node is not None:
                    text = title_node.astext()
                target = self.context.address(addresses.page_path(docname))
        add_text(sub(into, "ref", target=target) if target else into, text)

    def encode_citation_ref(self, node: citation_ref, into: Element) -> None:
        self.encode_citation(node["key"], node["locator"], into)

    def encode_citation(self, key: str, locator: str, into: Element) -> None:
        """A cited work, pointing into the ``listBibl``; its locator as ``citedRange``."""
        bibl = sub(into, "bibl")
        label = self.context.formatted.label.get(key)
        if label is None:  # not in the library: the build has reported it
            add_text(bibl, key)
        else:
            sub(bibl, "ref", label, target=f"#{bibl_id(key)}")
        if locator:
            add_text(bibl, ", ")
            sub(bibl, "citedRange", locator)

    # -- what no output shows --------------------------------------------------

    def encode_comment(self, node: nodes.comment, into: Element) -> None:
        pass

    def encode_system_message(self, node: nodes.system_message, into: Element) -> None:
        pass

    def encode_raw(self, node: nodes.raw, into: Element) -> None:
        pass

    def encode_target(self, node: nodes.target, into: Element) -> None:
        pass
