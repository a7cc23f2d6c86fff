"""Stable, citable paragraph ids: the ``{para}`` role, its checks and its ¶ link.

Each paragraph of the paper opens with ``{para}`p12```.  The id is written in
the source, never computed from position, so it survives revision: a paragraph
inserted later gets a new id such as ``p12a``.  The id becomes the paragraph's
HTML anchor, a target of ``{ref}`` (``{ref}`p12``` renders "¶ 12", resolved by
:func:`resolve_paragraph_ref` on Sphinx's ``missing-reference`` event), an
``edition:paragraph`` entry of ``objects.inv``, and a visible ¶ link.

:func:`paragraph_id` is the one way to find the paragraph that holds a node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from edition import config
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.nodeutil import EDITORIAL_CLASS, editorial, enclosing

if TYPE_CHECKING:
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

BUCKET = "paragraphs"
#: Paragraphs with one of these classes need no id (the byline, editorial notes).
EXEMPT_CLASSES = frozenset({"byline", EDITORIAL_CLASS})


@dataclass(frozen=True)
class ParagraphRecord:
    pid: str
    docname: str
    line: int | None

    @property
    def label(self) -> str:
        return label(self.pid)


class paragraph_anchor(nodes.Inline, nodes.Element, editorial):  # noqa: N801
    """The visible ¶ link that opens a paragraph; its ``pid`` is the id."""


def label(pid: str) -> str:
    """How readers see a paragraph id: ``p12`` is "¶ 12"."""
    return "¶ " + pid.lstrip("p")


def paragraph_id(node: nodes.Node) -> str | None:
    """The id of the numbered paragraph that holds *node* (or is it), if there is one."""
    para = node if isinstance(node, nodes.paragraph) else enclosing(node, nodes.paragraph)
    if para is not None and para.children and isinstance(para.children[0], paragraph_anchor):
        return str(para.children[0]["pid"])
    return None


class ParagraphRole(SphinxRole):
    """``{para}`p12``` gives the paragraph it opens the id ``p12``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = paragraph_anchor(pid=self.text.strip())
        self.set_source_info(node)
        return [node], []


def collect_paragraphs(app: Sphinx, doctree: nodes.document) -> None:
    """Check each id, anchor its paragraph and record it (``doctree-read``)."""
    env = app.env
    options = config.get(app)
    pattern = re.compile(options.paragraph_id_pattern)
    seen: dict[str, int | None] = {}
    records = []
    for anchor in list(doctree.findall(paragraph_anchor)):
        pid = anchor["pid"]
        parent = anchor.parent
        if not pattern.fullmatch(pid):
            report(
                Subtype.PARAGRAPH_ID,
                f"malformed paragraph id {pid!r}: an id must match {options.paragraph_id_pattern!r} "
                "(for example p12, or p12a for a paragraph inserted later)",
                location=anchor,
            )
            continue
        if not isinstance(parent, nodes.paragraph) or parent.index(anchor) != 0:
            report(
                Subtype.PARAGRAPH_ID,
                f"paragraph id {pid!r} must open its paragraph: write {{para}}`{pid}` first",
                location=anchor,
            )
            continue
        if pid in seen:
            report(
                Subtype.PARAGRAPH_ID,
                f"duplicate paragraph id {pid!r}, first used at line {seen[pid]}: "
                "give this paragraph an unused id (ids are never reused)",
                location=anchor,
            )
            continue
        seen[pid] = anchor.line
        parent["ids"].insert(0, pid)
        doctree.ids[pid] = parent
        records.append(ParagraphRecord(pid, env.docname, anchor.line))
    if env.docname in options.paper_pages:
        _require_ids(doctree)
    get_domain(env).set_records(BUCKET, env.docname, records)


def _require_ids(doctree: nodes.document) -> None:
    for para in doctree.findall(nodes.paragraph):
        if not isinstance(para.parent, (nodes.section, nodes.block_quote)):
            continue
        if EXEMPT_CLASSES.intersection(para["classes"]) or any(
            isinstance(c, paragraph_anchor) for c in para.children[:1]
        ):
            continue
        words = " ".join(para.astext().split()[:6])
        report(
            Subtype.PARAGRAPH_ID,
            f"paragraph without an id ({words!r}...): open it with {{para}}`pNN`, using an unused id",
            location=para,
        )


def check_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """Paragraph ids are unique across the whole edition (after the merge)."""
    first: dict[str, ParagraphRecord] = {}
    for record in get_domain(env).all_records(BUCKET):
        if record.pid in first:
            other = first[record.pid]
            report(
                Subtype.PARAGRAPH_ID,
                f"duplicate paragraph id {record.pid!r}, already used in {other.docname} "
                f"at line {other.line}: give one of them an unused id",
                location=(record.docname, record.line),
            )
        else:
            first[record.pid] = record


def paragraph(env: BuildEnvironment, pid: str) -> ParagraphRecord | None:
    """The paragraph whose id is *pid* (the first, should two share it), after the merge."""
    domain = get_domain(env)
    by_id = domain.memo(
        "paragraph_ids", lambda: {r.pid: r for r in reversed(list(domain.all_records(BUCKET)))}
    )
    found: ParagraphRecord | None = by_id.get(pid)
    return found


def resolve_paragraph_ref(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.reference | None:
    """``{ref}`p12``` (``missing-reference``): a link to paragraph 12, reading "¶ 12"."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    record = paragraph(env, node["reftarget"])
    if record is None:
        return None
    child = (
        contnode if node.get("refexplicit") else nodes.inline("", record.label, classes=contnode["classes"])
    )
    return make_refnode(app.builder, node["refdoc"], record.docname, record.pid, child, record.label)


def visit_anchor_html(self: HTML5Translator, node: paragraph_anchor) -> None:
    pid = node["pid"]
    self.body.append(
        f'<a class="ed-para" href="#{escape(quote(pid, safe=""))}" title="Permalink to this paragraph" '
        f'aria-label="Paragraph {escape(pid.lstrip("p"))}, permalink">{escape(label(pid))}</a>'
    )
    raise nodes.SkipNode


def visit_anchor_latex(self: LaTeXTranslator, node: paragraph_anchor) -> None:
    self.body.append(r"\edpara{" + self.encode(node["pid"].lstrip("p")) + "}")
    raise nodes.SkipNode


def visit_anchor_text(self: nodes.NodeVisitor, node: paragraph_anchor) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        paragraph_anchor,
        html=(visit_anchor_html, None),
        latex=(visit_anchor_latex, None),
        text=(visit_anchor_text, None),
        man=(visit_anchor_text, None),
        texinfo=(visit_anchor_text, None),
    )
    app.add_role("para", ParagraphRole())
    app.connect("missing-reference", resolve_paragraph_ref)
    app.connect("doctree-read", collect_paragraphs)
    app.connect("env-check-consistency", check_duplicates)
