"""The author's notes: the ``endnote`` directive and its node.

Markup on the endnotes page::

    :::{endnote} [5]
    :kind: citation
    :witness-order: 5
    :confidence: high
    :reason: Why the note belongs where the edition puts it.

    Zedillo, Ernesto, "Against Globaphobia", ...
    :::

A number in square brackets was supplied by the editor.  ``:witness-order:``
is the note's position in the witness's ENDNOTES block, which was partly out
of order; the fidelity check rebuilds the witness in that order, and a note
out of place there is recorded in the apparatus as a relocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from edition import config
from edition.apparatus.emendations import EntryFields, apparatus_entry
from edition.apparatus.witness import superscript, witness_mapped
from edition.citations.spec import Citation, check_locator, parse_spec
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.endnotes.markers import MARKER
from edition.endnotes.records import NOTES, Endnote, display, note_id
from edition.nodeutil import editorial

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

CONFIDENCE = ("high", "medium", "low")


class endnote(nodes.General, nodes.Element, witness_mapped, apparatus_entry):  # noqa: N801
    """One note; its number link is added when the marker's page is known."""

    def witness_form(self) -> tuple[str, str, bool]:
        prefix = "" if self["number_restored"] else superscript(self["number"]) + " "
        return prefix, "", True

    def apparatus_entries(self) -> list[EntryFields]:
        number = self["number"]
        entries = []
        if self["number_restored"]:
            entries.append(
                EntryFields(
                    "restored-number",
                    "",
                    display(number, True),
                    f"The number of note {number} was lost in extraction. {self['reason']}".strip(),
                    note_id(number),
                )
            )
        if self.get("relocated"):
            entries.append(
                EntryFields(
                    "relocation",
                    f"(note text in position {self['witness_order']} of the ENDNOTES block)",
                    f"note {number}",
                    f"The witness gives this note out of order; it is returned to its number's place. "
                    f"{self['reason']}".strip(),
                    note_id(number),
                )
            )
        return entries


class endnote_editorial(nodes.General, nodes.Element, editorial):  # noqa: N801
    """The editor's account of a reconstructed note."""


def _positive(argument: str | None) -> int:
    return directives.positive_int(argument or "")


class EndnoteDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "kind": directives.unchanged_required,
        "witness-order": _positive,
        "confidence": lambda arg: directives.choice(arg, CONFIDENCE),
        "reason": directives.unchanged_required,
        "cite": directives.unchanged_required,
        "locator": directives.unchanged_required,
        "ibid-of": _positive,
    }

    def run(self) -> list[nodes.Node]:
        match = MARKER.fullmatch(self.arguments[0].strip())
        if not match:
            report(
                Subtype.ENDNOTE,
                f"malformed endnote number {self.arguments[0]!r}: write the note's number, "
                "or the number in square brackets if the editor restored it",
                location=self.get_location(),
            )
            return []
        number = int(match["number"])
        kinds = config.get(self.config).endnote_kinds
        kind = self.options.get("kind", "")
        if kind not in kinds:
            report(
                Subtype.ENDNOTE,
                f"endnote {number} has kind {kind!r}: give :kind: one of {', '.join(kinds)}",
                location=self.get_location(),
            )
        citations, problems = parse_spec(self.options["cite"]) if "cite" in self.options else ([], [])
        locator = self.options.get("locator", "")
        problem = check_locator(locator)
        problems += [problem] if problem else []
        for problem in problems:
            report(Subtype.CITATION, f"endnote {number}: {problem}", location=self.get_location())
        if kind == "ibid" and citations:
            report(
                Subtype.CITATION,
                f"endnote {number} is an Ibid.: it takes its source from the note before it, so give "
                "only its own :locator:, not :cite:",
                location=self.get_location(),
            )
        node = endnote(
            number=number,
            citations=[(c.key, c.locator) for c in citations],
            locator=locator,
            ibid_of=self.options.get("ibid-of"),
            number_restored=bool(match["open"]),
            kind=kind,
            witness_order=self.options.get("witness-order"),
            confidence=self.options.get("confidence", ""),
            reason=" ".join(self.options.get("reason", "").split()),
            stable_id=f"n{number}",
        )
        node["ids"] = [note_id(number)]
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        if node["reason"]:
            account = endnote_editorial(classes=["editorial"])
            account += nodes.paragraph("", node["reason"])
            node += account
        return [node]


def _relocated(orders: list[int]) -> set[int]:
    """Positions (in number order) of notes outside the longest run already in
    witness order: the fewest notes that must have moved."""
    n = len(orders)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if orders[j] < orders[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    keep: set[int] = set()
    i = max(range(n), key=best.__getitem__) if n else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return set(range(n)) - keep


def collect_notes(app: Sphinx, doctree: nodes.document) -> None:
    """Mark relocated notes and record every note (``doctree-read``)."""
    env = app.env
    found = sorted(doctree.findall(endnote), key=lambda n: n["number"])
    with_order = [n for n in found if n["witness_order"] is not None]
    for i in _relocated([n["witness_order"] for n in with_order]):
        with_order[i]["relocated"] = True
    records = []
    for node in found:
        text = " ".join(child.astext() for child in node.children if not isinstance(child, endnote_editorial))
        if (node["number_restored"] or node.get("relocated")) and not node["reason"]:
            report(
                Subtype.ENDNOTE,
                f"endnote {node['number']} was reconstructed by the editor but gives no :reason:; "
                "say what evidence places it",
                location=node,
            )
        records.append(
            Endnote(
                number=node["number"],
                number_restored=node["number_restored"],
                kind=node["kind"],
                text=" ".join(text.split()),
                docname=env.docname,
                line=node.line,
                witness_order=node["witness_order"],
                confidence=node["confidence"],
                reason=node["reason"],
                relocated=bool(node.get("relocated")),
                citations=tuple(Citation(k, loc) for k, loc in node["citations"]),
                locator=node["locator"],
                ibid_of=node["ibid_of"],
            )
        )
    get_domain(env).set_records(NOTES, env.docname, records)


def setup(app: Sphinx) -> None:
    app.add_directive("endnote", EndnoteDirective)
    # Before the apparatus collects its entries: relocation is decided here.
    app.connect("doctree-read", collect_notes, priority=400)
