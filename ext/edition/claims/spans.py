"""Claim spans in the paper: ``[exact words]{#claim-id .claim}``.

At read time each span becomes a ``dated_claim`` node carrying its registry
entry and its follow-up, so the HTML can show the follow-up on hover, focus
or tap, and LaTeX can mark the claim and leave the follow-up to the appendix.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from edition import config, inputs
from edition.apparatus.paragraphs import paragraph_id
from edition.claims import followup
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.nodeutil import editorial, visit_pass, visit_skip

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from edition.claims.registry import Registry

BUCKET = "claims"
CLASS = "claim"


@dataclass(frozen=True)
class ClaimSpan:
    id: str
    text: str
    docname: str
    line: int | None
    paragraph: str | None


class dated_claim(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The exact words of a dated claim."""


class claim_followup(nodes.Inline, nodes.TextElement, editorial):  # noqa: N801
    """The editors' follow-up, shown beside the claim."""


def year_of(as_of: str) -> str:
    return as_of[:4]


def mark_claims(app: Sphinx, doctree: nodes.document) -> None:
    """Turn claim spans into claim nodes and record them (``doctree-read``)."""
    env = app.env
    options = config.get(env.config)
    spans = []
    marked = [inline for inline in doctree.findall(nodes.inline) if CLASS in inline["classes"]]
    # Only a page with claims reads the registry (and is read again when it changes).
    registry: Registry | None = inputs.use(env, "claims") if marked else None
    for inline in marked:
        assert registry is not None
        cid = inline["ids"][0] if inline["ids"] else ""
        entry = registry.entries.get(cid)
        if entry is None:
            report(
                Subtype.CLAIM,
                f"claim span {cid!r} has no registry entry: add {cid}: to "
                f"{options.claims_dir}/{env.docname.rsplit('/', 1)[-1]}.yml, or remove the span",
                location=inline,
            )
            continue
        node = dated_claim(
            inline.rawsource,
            "",
            *inline.children,
            cid=cid,
            category=entry.category,
            status=entry.status,
            as_of=entry.as_of,
            review_by=entry.review_by,
        )
        node["ids"] = [cid]
        node.line, node.source = inline.line, inline.source
        text = " ".join(node.astext().split())
        if entry.quote and entry.quote != text:
            report(
                Subtype.CLAIM,
                f"claim {cid!r}: the marked words differ from the registry's quote; update the quote in "
                f"{entry.location} to {text!r}",
                location=inline,
            )
        pop = claim_followup(
            cid=cid,
            category=entry.category,
            status=entry.status,
            as_of=entry.as_of,
            review_by=entry.review_by,
            html_only=True,  # the PDF prints the follow-ups once, in the register
        )
        blocks, problems = followup.render(entry.followup, entry.followup_location, env.docname)
        for problem in problems:
            report(Subtype.CLAIM, f"claim {cid!r}: {problem.message}", location=problem.location)
        for block in blocks:  # a popover is inline: each paragraph becomes a line of it
            for para in block.findall(nodes.paragraph) if isinstance(block, nodes.Element) else ():
                pop += nodes.inline("", "", *para.children, classes=["ed-pop__para"])
        node += pop
        inline.replace_self(node)
        spans.append(ClaimSpan(cid, text, env.docname, node.line, paragraph_id(node)))
    get_domain(env).set_records(BUCKET, env.docname, spans)


def visit_claim_html(self: HTML5Translator, node: dated_claim) -> None:
    cid = escape(node["cid"])
    self.body.append(
        f'<span class="ed-claim ed-pop-host ed-claim--{escape(node["status"])}" id="{cid}">'
        '<span class="ed-claim__text">'
    )


def depart_claim_html(self: HTML5Translator, node: dated_claim) -> None:
    self.body.append("</span>")


def visit_followup_html(self: HTML5Translator, node: claim_followup) -> None:
    # The "as of" cue is the control: the claim's words may hold other controls
    # (an emendation, an annotation's letter), and controls must not nest.
    cid = escape(node["cid"])
    year = escape(year_of(node["as_of"]))
    status = node["status"].replace("-", " ")
    register = config.get(self.config).claims_page
    href = (
        self.builder.get_relative_uri(self.builder.current_docname, register)
        + f"#row-{quote(node['cid'], safe='')}"
    )
    self.body.append(
        f'</span><sup class="ed-claim__cue ed-pop-trigger" id="{cid}-cue" tabindex="0" role="button" '
        f'aria-expanded="false" aria-controls="{cid}-pop" '
        f'aria-label="as of {year}: a dated claim; show what has happened since">as of {year}</sup>'
        f'<span class="ed-pop ed-claim__pop" id="{cid}-pop" role="tooltip" hidden>'
        f'<span class="ed-pop__title">Dated claim: true as of {year}</span>'
        f'<span class="ed-claim__meta">{escape(node["category"].replace("-", " "))} · {escape(status)} · '
        f'review by {escape(node["review_by"])} · <a href="{escape(href)}">in the register</a></span>'
    )
    if not node.children:
        self.body.append('<span class="ed-pop__para">No follow-up has been researched yet.</span>')


def depart_followup_html(self: HTML5Translator, node: claim_followup) -> None:
    self.body.append("</span>")


def visit_claim_latex(self: LaTeXTranslator, node: dated_claim) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True) + r"\edclaim{")


def depart_claim_latex(self: LaTeXTranslator, node: dated_claim) -> None:
    self.body.append("}")


def setup(app: Sphinx) -> None:
    app.add_node(
        dated_claim,
        html=(visit_claim_html, depart_claim_html),
        latex=(visit_claim_latex, depart_claim_latex),
        text=(visit_pass, visit_pass),
    )
    # In LaTeX the follow-ups are printed once, in the register (an appendix).
    app.add_node(
        claim_followup,
        html=(visit_followup_html, depart_followup_html),
        latex=(visit_skip, None),
        text=(visit_skip, None),
    )
    # Before citations are collected (500): follow-ups contain {cite}.
    app.connect("doctree-read", mark_claims, priority=400)
