"""Placing annotations in the paper's pages: find each quotation once per
page with the shared automaton, highlight the words, add the letter and the
note beside the paragraph, and record every match for the global checks."""

from __future__ import annotations

import itertools
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from edition import config, inputs
from edition.annotations import body
from edition.annotations.anchoring import PageText, accepts, normalise, page_text
from edition.annotations.nodes_ import annotation_anchor, annotation_note, annotation_toggle
from edition.apparatus.paragraphs import paragraph_id
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from edition.annotations.model import Annotation, AnnotationSet

HITS = "annotations"
READING = "reading_text"


@dataclass(frozen=True)
class Hit:
    slug: str
    docname: str
    start: int
    paragraph: str | None
    line: int | None
    context: str


def letter(n: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = string.ascii_lowercase[rest] + out
    return out


def place(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    domain = get_domain(env)
    if env.docname not in config.get(env.config).paper_pages:
        return
    annotation_set: AnnotationSet = inputs.use(env, "annotations")
    annotations = annotation_set.annotations
    text = page_text(doctree)
    domain.set_records(READING, env.docname, [text.text])
    if not annotations:
        domain.set_records(HITS, env.docname, [])
        return
    by_exact = annotation_set.by_exact()
    found: dict[str, list[int]] = {}
    for start, pattern in annotation_set.automaton().find(text.text):
        for annotation in by_exact.get(pattern, []):
            s = annotation.selector
            if accepts(text.text, start, pattern, normalise(s.prefix), normalise(s.suffix)):
                found.setdefault(annotation.slug, []).append(start)
    hits = []
    placed = sorted((starts[0], slug) for slug, starts in found.items() if len(starts) == 1)
    for slug, starts in found.items():
        for start in starts:
            para = _paragraph_at(text, start)
            pid = paragraph_id(para) if para is not None else None
            context = text.text[
                max(0, start - 40) : start + len(normalise(annotations[slug].selector.exact)) + 40
            ]
            hits.append(
                Hit(
                    slug,
                    env.docname,
                    start,
                    pid,
                    para.line if para is not None else None,
                    context.replace("\u241e", " / "),
                )
            )
    _render_all(app, text, [(start, annotations[slug], letter(n)) for n, (start, slug) in enumerate(placed)])
    domain.set_records(HITS, env.docname, hits)


def _outer(item: tuple[int, Annotation]) -> tuple[int, int]:
    """Which of two highlights encloses the other: the earlier, then the longer."""
    start, annotation = item
    return (start, -len(normalise(annotation.selector.exact)))


def _paragraph_at(text: PageText, start: int) -> nodes.paragraph | None:
    current = None
    for offset, para in text.paragraphs:
        if offset > start:
            break
        current = para
    return current


def _pieces(text: PageText, start: int, end: int) -> list[tuple[nodes.Text, int, int]]:
    """The (text node, from, to) stretches that make up characters start..end."""
    pieces: list[tuple[nodes.Text, int, int]] = []
    for i in range(start, end):
        spot = text.where(i)
        if spot is None:
            continue
        node, offset = spot
        if pieces and pieces[-1][0] is node and pieces[-1][2] == offset:
            pieces[-1] = (node, pieces[-1][1], offset + 1)
        else:
            pieces.append((node, offset, offset + 1))
    return pieces


def _render_all(app: Sphinx, text: PageText, placed: list[tuple[int, Annotation, str]]) -> None:
    """Highlight every placed annotation's words, then add its letter and note.

    Overlapping and nested quotations are all shown: each text node is cut at every
    boundary of every quotation in it, and a stretch that several quotations cover is
    wrapped in one highlight per quotation, the one that starts first (or, starting
    together, the longer) outermost. So no annotation loses its highlight, and each
    letter follows the last of its own words.
    """
    ranks = {a.slug: rank for rank, (_, a) in enumerate(sorted(((s, a) for s, a, _ in placed), key=_outer))}
    spans: dict[int, list[tuple[int, int, str, bool]]] = {}  # by text node: (from, to, slug, first)
    nodes_by_id: dict[int, nodes.Text] = {}
    ends: dict[str, tuple[int, int]] = {}  # slug: (text node, offset) where its words end
    for start, annotation, _mark in placed:
        pieces = _pieces(text, start, start + len(normalise(annotation.selector.exact)))
        for k, (node, a, b) in enumerate(pieces):
            nodes_by_id[id(node)] = node
            spans.setdefault(id(node), []).append((a, b, annotation.slug, k == 0))
        if pieces:
            ends[annotation.slug] = (id(pieces[-1][0]), pieces[-1][2])
    anchors: dict[str, annotation_anchor] = {}  # slug: the highlight its letter follows
    for key, segments in spans.items():
        node = nodes_by_id[key]
        raw = node.astext()
        cuts = sorted({0, len(raw)} | {x for a, b, _, _ in segments for x in (a, b)})
        parts: list[nodes.Node] = []
        for lo, hi in itertools.pairwise(cuts):
            covering = sorted((s for s in segments if s[0] <= lo and hi <= s[1]), key=lambda s: ranks[s[2]])
            part: nodes.Node = nodes.Text(raw[lo:hi])
            for a, _b, slug, first in reversed(covering):  # innermost first
                anchor = annotation_anchor("", "", part, slug=slug, first=first and a == lo)
                if ends[slug] == (key, hi):
                    anchors[slug] = anchor
                part = anchor
            parts.append(part)
        parent = node.parent
        index = parent.index(node)
        parent.remove(node)
        for k, part in enumerate(parts):
            parent.insert(index + k, part)
    for start, annotation, mark in placed:
        para = _paragraph_at(text, start)
        if para is None:
            continue
        toggle = annotation_toggle(slug=annotation.slug, letter=mark)
        last = anchors.get(annotation.slug)
        if last is not None:
            last.parent.insert(last.parent.index(last) + 1, toggle)
        else:
            para += toggle
        note = annotation_note(slug=annotation.slug, letter=mark, kind=annotation.kind)
        note += body.to_nodes(annotation.body, f"{annotation.label}:{annotation.body_line}", app.env.docname)
        byline = ", ".join(a.name for a in annotation.authors)
        note += nodes.paragraph("", f"{byline} · {annotation.created}", classes=["ed-annotation__byline"])
        container = para.parent
        position = container.index(para) + 1
        while position < len(container) and isinstance(container[position], annotation_note):
            position += 1
        container.insert(position, note)


def setup(app: Sphinx) -> None:
    from edition.annotations import nodes_

    nodes_.register(app)
    # After dated claims (400), before citations are collected (500).
    app.connect("doctree-read", place, priority=420)
