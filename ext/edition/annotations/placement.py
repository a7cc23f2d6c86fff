"""Placing annotations in the paper's pages: find each quotation once per
page with the shared automaton, highlight the words, add the letter and the
note beside the paragraph, and record every match for the global checks."""

from __future__ import annotations

import itertools
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from edition import config
from edition.annotations import body
from edition.annotations.anchoring import Automaton, PageText, accepts, normalise, page_text
from edition.annotations.loader import (
    folder_of,
    get_set,
    keep_set,
    kept_set,
    load_folder,
    report_problems,
    stamp_of,
)
from edition.annotations.nodes_ import annotation_anchor, annotation_note, annotation_toggle
from edition.apparatus.paragraphs import paragraph_anchor
from edition.domain import get_domain, mark_input_changed
from edition.packed import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from edition.annotations.model import Annotation, AnnotationSet

HITS = "annotations"
READING = "reading_text"
#: A shared input: what the annotation index shows of the annotations (see loader.listing_digest).
LISTING = "annotation_listing"


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


def refresh(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Load the annotations (if any file changed) and return the pages to re-read:
    those a changed annotation was anchored in, or now quotes (``env-get-outdated``)."""
    folder = folder_of(env)
    if folder is None or not folder.is_dir():
        return []
    domain = get_domain(env)
    kept = kept_set(env)
    stamp = stamp_of(folder)
    if kept is not None and kept.head[0] == digest(stamp):
        report_problems(kept.head[1])
        return []
    old = kept.value if kept is not None else None
    new = load_folder(folder, config.get(env.config).annotation_kinds, stamp, previous=old)
    now = keep_set(env, new)
    mark_input_changed(env, "annotation_set")
    if kept is None or kept.head[2] != now.head[2]:
        mark_input_changed(env, LISTING)
    automaton_for(env, new)  # built here, in the main process, before any parallel read
    report_problems(new.problems)
    if old is None:
        return list(config.get(env.config).paper_pages)
    before, after = old.annotations, new.annotations
    touched = {s for s in set(before) | set(after) if before.get(s) != after.get(s)} | (
        new.broken ^ old.broken
    )
    pages = {hit.docname for hit in domain.all_records(HITS) if hit.slug in touched}
    quotes = [normalise(after[s].selector.exact) for s in touched if s in after]
    for docname, texts in domain.by_document(READING):
        if any(q in texts[0] for q in quotes):
            pages.add(docname)
    return sorted(pages)


def automaton_for(env: BuildEnvironment, annotation_set: AnnotationSet) -> Automaton:
    """The automaton over *annotation_set*'s quotations, built once per set and process.

    It is kept on the domain object, not in the saved environment: it is quick to
    build when pages are read, and tens of thousands of small objects at scale make
    every later load of the environment slower (a no-op rebuild needs none of them).
    """
    domain = get_domain(env)
    cached = domain.automaton
    if cached is None or cached[0] is not annotation_set:
        automaton = Automaton(normalise(a.selector.exact) for a in annotation_set.annotations.values())
        cached = domain.automaton = (annotation_set, automaton)
    return cached[1]


def place(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    domain = get_domain(env)
    if env.docname not in config.get(env.config).paper_pages:
        return
    annotations = get_set(env).annotations
    automaton = automaton_for(env, get_set(env)) if annotations else None
    text = page_text(doctree)
    domain.set_records(READING, env.docname, [text.text])
    if not annotations or automaton is None:
        domain.set_records(HITS, env.docname, [])
        return
    by_exact = get_set(env).by_exact()
    found: dict[str, list[int]] = {}
    for start, pattern in automaton.find(text.text):
        for annotation in by_exact.get(pattern, []):
            s = annotation.selector
            if accepts(text.text, start, pattern, normalise(s.prefix), normalise(s.suffix)):
                found.setdefault(annotation.slug, []).append(start)
    hits = []
    placed = sorted((starts[0], slug) for slug, starts in found.items() if len(starts) == 1)
    for slug, starts in found.items():
        for start in starts:
            para = _paragraph_at(text, start)
            pid = (
                para.children[0]["pid"]
                if para is not None and para.children and isinstance(para.children[0], paragraph_anchor)
                else None
            )
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
    app.connect("env-get-outdated", refresh)
    # After dated claims (400), before citations are collected (500).
    app.connect("doctree-read", place, priority=420)
