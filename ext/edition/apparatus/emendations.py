"""Emendations: the ``{emend}`` role, its node and its reading in HTML and LaTeX.

Markup::

    {emend}`much-needed | muchneeded | hyphenation | A compound hyphen lost in extraction.`

The four fields are the edition's reading, the witness's reading, the type
(one of ``edition_emendation_types``) and the reason.  The HTML marks the
reading quietly and shows the witness's reading on hover, focus or tap; LaTeX
prints the reading and leaves the record to the apparatus appendix.

Other features add entries to the apparatus (a restored endnote marker, say)
by giving their node the :class:`apparatus_entry` mixin.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from edition import config
from edition.apparatus.paragraphs import paragraph_id
from edition.apparatus.witness import witness_mapped
from edition.diagnostics import Subtype, report
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

BUCKET = "emendations"
FIELDS = ("reading", "original", "type", "reason")


@dataclass(frozen=True)
class EntryFields:
    """What one apparatus entry says, before it is placed."""

    type: str
    original: str
    reading: str
    reason: str
    anchor: str  # the HTML id the apparatus links to


@dataclass(frozen=True)
class Emendation:
    """One recorded emendation, as published in ``data/apparatus.json``."""

    id: str
    type: str
    original: str
    reading: str
    reason: str
    page: str
    paragraph: str
    line: int | None
    anchor: str

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["anchor"], data["line"]
        return data


class apparatus_entry:  # noqa: N801  (a mixin for node classes, named like them)
    """Mixin for nodes that record one or more emendations."""

    def apparatus_entries(self) -> list[EntryFields]:
        raise NotImplementedError


class emendation(nodes.Inline, nodes.TextElement, witness_mapped, apparatus_entry):  # noqa: N801
    """The edition's reading; the witness's reading and the record are attributes."""

    def witness_form(self) -> tuple[str, str, bool]:
        return self["original"], "", False

    def apparatus_entries(self) -> list[EntryFields]:
        return [EntryFields(self["etype"], self["original"], self["reading"], self["reason"], "")]


class EmendRole(SphinxRole):
    """``{emend}`reading | original | type | reason```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        parts = [part.strip() for part in self.text.split("|")]
        if len(parts) != len(FIELDS) or not parts[3] or not (parts[0] or parts[1]):
            report(
                Subtype.EMENDATION,
                "an emendation needs four fields separated by '|': "
                "reading | original | type | reason (the reason may not be empty)",
                location=self.get_location(),
            )
            return [nodes.Text(parts[0])], []
        reading, original, etype, reason = parts
        types = config.get(self.config).emendation_types
        if etype not in types:
            report(
                Subtype.EMENDATION,
                f"unknown emendation type {etype!r}: use one of {', '.join(sorted(types))}",
                location=self.get_location(),
            )
        node = emendation(
            self.rawtext, reading, reading=reading, original=original, etype=etype, reason=reason
        )
        self.set_source_info(node)
        return [node], []


def _owner_id(node: nodes.Node) -> str | None:
    """The stable id of the paragraph (or else the note) that holds *node*."""
    pid = paragraph_id(node)
    if pid is not None:
        return pid
    parent: nodes.Node | None = node
    while parent is not None and not (isinstance(parent, nodes.Element) and parent.get("stable_id")):
        parent = parent.parent
    return str(parent["stable_id"]) if parent is not None else None


def collect_emendations(app: Sphinx, doctree: nodes.document) -> None:
    """Give each apparatus entry a stable id and record it (``doctree-read``)."""
    env = app.env
    docname = env.docname
    counters: dict[str, int] = {}
    records = []
    for node in doctree.findall(nodes.Element):
        if not isinstance(node, apparatus_entry):
            continue
        owner = _owner_id(node) or docname.replace("/", "-")
        for fields in node.apparatus_entries():
            counters[owner] = counters.get(owner, 0) + 1
            eid = f"{owner}-e{counters[owner]}"
            anchor = fields.anchor
            if isinstance(node, emendation):
                anchor = "em-" + eid
                node["ids"].insert(0, anchor)
                node["eid"] = eid
            records.append(
                Emendation(
                    id=eid,
                    type=fields.type,
                    original=fields.original,
                    reading=fields.reading,
                    reason=fields.reason,
                    page=docname,
                    paragraph=owner,
                    line=node.line,
                    anchor=anchor,
                )
            )
    get_domain(env).set_records(BUCKET, docname, records)


def all_emendations(env: BuildEnvironment, order: list[str]) -> list[Emendation]:
    """Every emendation of the edition, pages in *order* first, then the rest."""
    rank = {doc: i for i, doc in enumerate(order)}
    records = list(get_domain(env).all_records(BUCKET))
    return sorted(records, key=lambda r: (rank.get(r.page, len(rank)), r.page, r.line or 0))


def entry_id(eid: str) -> str:
    """The HTML id of an emendation's row on the apparatus page."""
    return f"app-{eid}"


def visit_emendation_html(self: HTML5Translator, node: emendation) -> None:
    # The reading is plain text in every layer; the cue after it is the control, a real
    # link to the apparatus entry (so it works without JavaScript and in an e-book),
    # with the popover as its preview. No whitespace around either: marks add no spaces.
    anchor = escape(node["ids"][0])
    self.body.append(f'<span class="ed-emend ed-pop-host" id="{anchor}"><span class="ed-emend__reading">')


def depart_emendation_html(self: HTML5Translator, node: emendation) -> None:
    types = config.get(self.config).emendation_types
    anchor = escape(node["ids"][0])
    eid = node.get("eid", "")
    original = node["original"]
    source = f"<q>{escape(original)}</q>" if original else "nothing here"
    label = types.get(node["etype"], node["etype"])
    page = config.get(self.config).apparatus_page
    builder = self.builder
    if page in builder.env.found_docs:
        href = builder.get_relative_uri(builder.current_docname, page) + "#" + entry_id(eid)
    else:
        href = f"#{node['ids'][0]}"
    witness = f"the source reads “{original}”" if original else "the source has nothing here"
    self.body.append(
        "</span>"
        f'<a class="ed-emend__cue" href="{escape(href)}" '
        f'aria-label="{escape(f"Emendation {eid}: {witness}")}"></a>'
        f'<span class="ed-pop" id="{anchor}-pop" role="tooltip" hidden>'
        f'<span class="ed-pop__title">Emendation {escape(eid)}: {escape(label)}</span> '
        f"The source reads {source}. {escape(node['reason'])}"
        "</span></span>"
    )


def setup(app: Sphinx) -> None:
    app.add_node(
        emendation,
        html=(visit_emendation_html, depart_emendation_html),
        latex=(lambda self, node: None, lambda self, node: None),
        text=(lambda self, node: None, lambda self, node: None),
    )
    app.add_role("emend", EmendRole())
    app.connect("doctree-read", collect_emendations)
