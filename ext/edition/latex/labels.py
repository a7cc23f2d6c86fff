"""Labels and fallbacks for the LaTeX writer.

- Every id that a page links to becomes a LaTeX label, also on elements the
  LaTeX writer does not label itself (paragraphs, bibliography entries,
  register rows, emendations, citations), so no cross-reference prints "??".
- Every node of ours must have a LaTeX rendering. One that has none is a
  located build error, and its text is kept rather than dropped.
- A URL written out in text (a formatted reference has them) becomes a link,
  which LaTeX may break anywhere (``xurl``) instead of running into the margin;
  so may a long unbroken code word (a checksum, a path).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator

from edition.diagnostics import Subtype, report
from edition.nodeutil import enclosing

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: A URL written out in text, without the sentence's closing punctuation.
BARE_URL = re.compile(r"https?://\S+?(?=[.,;:)]*(?:\s|$))")
#: Text inside these is left alone: it is a link already, or code.
NOT_PROSE = (nodes.reference, nodes.literal, nodes.literal_block, nodes.raw, nodes.title)

#: A code word this long, of these characters, may break anywhere.
LONG_CODE = re.compile(r"[A-Za-z0-9._/:-]{24,}")

#: Node types whose ids the LaTeX writer does not turn into labels.
UNLABELLED = (nodes.paragraph, nodes.container, nodes.row, nodes.inline, nodes.TextElement)


def _own_node(node: nodes.Node) -> bool:
    return type(node).__module__.startswith("edition.")


def _has_latex_visitor(app: Sphinx, node: nodes.Node) -> bool:
    name = type(node).__name__
    handlers = app.registry.translation_handlers.get("latex", {})
    return name in handlers or hasattr(LaTeXTranslator, f"visit_{name}")


def prepare_for_latex(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    for node in list(doctree.findall(nodes.Element)):
        if _own_node(node) and not _has_latex_visitor(app, node):
            report(
                Subtype.LATEX,
                f"the node {type(node).__name__!r} has no LaTeX rendering: register one with app.add_node("
                "..., latex=(visit, depart)); its text is printed plain meanwhile",
                location=node,
            )
            node.replace_self(nodes.inline("", "", *node.children) if node.children else nodes.Text(""))
            continue
        if not node.get("ids") or isinstance(node, (nodes.section, nodes.target, nodes.title)):
            continue
        if isinstance(node, UNLABELLED) and not _own_labels(node):
            target = nodes.target("", "", ids=list(node["ids"]))
            node["ids"] = []
            _put_first(node, target)


def link_bare_urls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each URL written out in text a link, so that it can wrap (``doctree-resolved``)."""
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or not BARE_URL.search(text) or enclosing(text, NOT_PROSE) is not None:
            continue
        parts: list[nodes.Node] = []
        position = 0
        for match in BARE_URL.finditer(text):
            parts.append(nodes.Text(text[position : match.start()]))
            parts.append(nodes.reference(match[0], match[0], refuri=match[0]))
            position = match.end()
        parts.append(nodes.Text(text[position:]))
        index = parent.index(text)
        parent.remove(text)
        for offset, part in enumerate(p for p in parts if p.astext()):
            parent.insert(index + offset, part)


def break_long_code(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Let a long code word break anywhere, as a URL does (``doctree-resolved``)."""
    if app.builder.format != "latex":
        return
    for literal in list(doctree.findall(nodes.literal)):
        if LONG_CODE.fullmatch(literal.astext()) and not literal["ids"]:
            code = r"\sphinxcode{\nolinkurl{" + literal.astext() + "}}"
            literal.replace_self(nodes.raw("", code, format="latex"))


def _own_labels(node: nodes.Element) -> bool:
    """Nodes of ours whose LaTeX visitor writes their labels itself."""
    from edition.claims.spans import dated_claim
    from edition.endnotes.markers import endnote_ref
    from edition.endnotes.notes import endnote
    from edition.latex.critical import apparatus_lemma

    return isinstance(node, (dated_claim, endnote_ref, endnote, apparatus_lemma))


def _put_first(node: nodes.Element, target: nodes.target) -> None:
    if isinstance(node, nodes.row):
        entry = node.children[0] if node.children else None
        if (
            isinstance(entry, nodes.Element)
            and entry.children
            and isinstance(entry.children[0], nodes.Element)
        ):
            entry.children[0].insert(0, target)
            return
    if isinstance(node, (nodes.TextElement, nodes.paragraph, nodes.inline)):
        node.insert(0, target)
    else:
        node.insert(0, nodes.paragraph("", "", target))


def setup(app: Sphinx) -> None:
    # Last, after every feature has filled in its nodes.
    app.connect("doctree-resolved", prepare_for_latex, priority=900)
    app.connect("doctree-resolved", link_bare_urls, priority=900)
    app.connect("doctree-resolved", break_long_code, priority=900)
