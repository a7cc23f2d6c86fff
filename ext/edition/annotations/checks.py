"""After every page is read: each annotation must match exactly once in the
whole edition. An orphan names the closest passages; an ambiguity lists the
matches and proposes a prefix or suffix that would make it unique."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from edition.annotations import body
from edition.annotations.anchoring import BREAK, normalise, propose
from edition.annotations.loader import get_set
from edition.annotations.placement import HITS, READING, Hit
from edition.apparatus.paragraphs import label, paragraph
from edition.characters import shorten
from edition.diagnostics import Subtype, file_location, report, report_all
from edition.domain import get_domain

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from edition.annotations.model import Annotation

#: How many matches an ambiguity lists: enough to choose from, short enough to read.
SHOWN = 5


def closest_passages(env: BuildEnvironment, exact: str, limit: int = 3) -> list[str]:
    """Passages of the same length most like *exact* (only on the error path)."""
    words = exact.split()
    n = max(1, len(words))
    candidates: dict[str, str] = {}
    for docname, texts in get_domain(env).by_document(READING):
        for para in texts[0].split(BREAK):
            tokens = para.split()
            for i in range(0, max(1, len(tokens) - n + 1)):
                window = " ".join(tokens[i : i + n])
                candidates.setdefault(window, docname)
    best = difflib.get_close_matches(exact, list(candidates), n=limit, cutoff=0.5)
    return [f"«{b}» ({candidates[b]})" for b in best]


def check_annotations(app: Sphinx, env: BuildEnvironment) -> None:
    annotation_set = get_set(env)
    report_all(Subtype.ANNOTATION, annotation_set.problems)
    annotations = annotation_set.annotations
    hits: dict[str, list[Hit]] = {}
    for hit in get_domain(env).all_records(HITS):
        hits.setdefault(hit.slug, []).append(hit)
    for slug, annotation in sorted(annotations.items()):
        _check_refs(env, annotation)
        found = hits.get(slug, [])
        where = file_location(annotation.label, annotation.selector_line)
        exact = normalise(annotation.selector.exact)
        if not found:
            closest = closest_passages(env, exact)
            hint = f" Closest passages: {'; '.join(closest)}." if closest else ""
            report(
                Subtype.ANNOTATION,
                f"orphaned annotation: target.exact «{shorten(exact)}» is not in the edition's text "
                f"(it may have been quoted wrongly, or the text was revised).{hint} "
                "Quote the edition's words exactly.",
                location=where,
            )
        elif len(found) > 1:
            listing = "; ".join(
                f"{h.docname}{', ' + label(h.paragraph) if h.paragraph else ''}: "
                f"«{shorten(h.context.strip(), 120)}»"
                for h in found[:SHOWN]
            )
            if len(found) > SHOWN:
                listing += f"; and {len(found) - SHOWN} more"
            texts = dict(get_domain(env).by_document(READING))
            hint = ""
            same_page = {h.docname for h in found}
            if len(same_page) == 1:
                text = texts.get(found[0].docname, [""])[0]
                kind, words = propose(text, [h.start for h in found], len(exact), found[0].start)
                if kind:
                    hint = f' Add {kind}: "{words}" to target to choose the first.'
            report(
                Subtype.ANNOTATION,
                f"ambiguous annotation: target.exact «{shorten(exact)}» matches {len(found)} passages: "
                f"{listing}.{hint}",
                location=where,
            )


def _check_refs(env: BuildEnvironment, annotation: Annotation) -> None:
    """Each ``{ref}`` of a body must name a paragraph of the edition: reported at the
    annotation's line, in the build and in ``python -m edition.annotations check`` alike."""
    if "{ref}" not in annotation.body:
        return
    for line, target in body.refs(annotation.body):
        if paragraph(env, target) is None:
            report(
                Subtype.ANNOTATION,
                f"{{ref}}`{shorten(target)}` names no paragraph of the edition: use the id of a "
                "paragraph of the paper, such as p12 (its ¶ number)",
                location=file_location(annotation.label, annotation.body_line + line),
            )


def quiet_missing_ref(app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element) -> Element | None:
    """An annotation's unresolved ``{ref}`` is reported by :func:`check_annotations`, at the annotation;
    Sphinx would report it again, at the paper's page. Render its words as plain text."""
    return contnode if node.get("edition_annotation") else None
