"""The ``{cite}`` role and the citation specs it shares with the endnotes.

Markup: ``{cite}`zedillo2000globaphobia``` or, with a locator,
``{cite}`zedillo2000globaphobia, p. 4```; several works are separated by
``;``. The role works on every page: the paper's apparatus, annotations,
follow-ups, the introduction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from edition.apparatus.paragraphs import label, paragraph_id
from edition.citations.spec import parse_spec
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.nodeutil import editorial

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BUCKET = "citations"


@dataclass(frozen=True)
class CiteUse:
    """One place in the edition that cites a work, for back-links."""

    key: str
    locator: str
    docname: str
    line: int | None
    anchor: str
    context: str  # e.g. "¶ 12"
    origin: str = ""  # "claims/page.yml:7" when the citation is written outside the page
    html_only: bool = False  # inside content that only the HTML shows (the PDF prints it elsewhere)


class citation_ref(nodes.Inline, nodes.TextElement, editorial):  # noqa: N801
    """One cited work; linked to its bibliography entry when the page is written."""


class CiteRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        citations, problems = parse_spec(self.text)
        for problem in problems:
            report(Subtype.CITATION, problem, location=self.get_location())
        out: list[nodes.Node] = []
        for i, citation in enumerate(citations):
            if i:
                out.append(nodes.Text("; "))
            node = citation_ref(key=citation.key, locator=citation.locator)
            self.set_source_info(node)
            out.append(node)
        return out, []


def _context(node: nodes.Node) -> str:
    pid = paragraph_id(node)
    return label(pid) if pid else ""


def _html_only(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("html_only"):
            return True
        parent = parent.parent
    return False


def collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    """Give each citation an anchor and record it (``doctree-read``)."""
    env = app.env
    uses = []
    for n, node in enumerate(doctree.findall(citation_ref), start=1):
        anchor = f"cite-{n}"
        node["ids"] = [anchor]
        uses.append(
            CiteUse(
                node["key"],
                node["locator"],
                env.docname,
                node.line,
                anchor,
                _context(node),
                node.get("origin", ""),
                _html_only(node),
            )
        )
    # Only keys are recorded: the library is used when the page is written.
    get_domain(env).set_records(BUCKET, env.docname, uses)


def setup(app: Sphinx) -> None:
    app.add_role("cite", CiteRole())
    app.connect("doctree-read", collect_citations)
