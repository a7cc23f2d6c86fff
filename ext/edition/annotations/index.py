"""``{annotation-index}``: every annotation by section, by kind and by author."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from edition.annotations.loader import get_set
from edition.annotations.placement import HITS, Hit
from edition.apparatus.paragraphs import label
from edition.domain import get_domain
from edition.nodeutil import add_listing, listing, refnode_maker

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fill_index(app: Sphinx, docname: str, placeholder: listing) -> list[nodes.Node]:
    env = app.env
    annotations = get_set(env).annotations
    hits: dict[str, Hit] = {}
    for hit in get_domain(env).all_records(HITS):
        hits.setdefault(hit.slug, hit)
    order = {doc: i for i, doc in enumerate(app.config.edition_paper_pages)}
    placed = sorted(
        (s for s in annotations if s in hits), key=lambda s: (order.get(hits[s].docname, 99), hits[s].start)
    )

    link_to = refnode_maker(app.builder, docname)

    def item(slug: str) -> nodes.list_item:
        annotation, hit = annotations[slug], hits[slug]
        words = " ".join(annotation.selector.exact.split())
        words = words if len(words) <= 70 else words[:67] + "…"
        link = link_to(hit.docname, f"ann-{slug}", nodes.Text(f"“{words}”"), slug)
        where = label(hit.paragraph) if hit.paragraph else ""
        people = ", ".join(a.name for a in annotation.authors)
        meta = f" ({annotation.kind.replace('-', ' ')}; {where}; {people})"
        return nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(meta)))

    def group(title: str, groups: dict[str, list[str]]) -> nodes.section:
        section = nodes.section(ids=[f"by-{title.lower()}"])
        section += nodes.title("", f"By {title.lower()}")
        for name, slugs in groups.items():
            # One box per group, so that wide screens can set the groups side by side.
            section += nodes.container(
                "",
                nodes.rubric("", name),
                nodes.bullet_list("", *[item(s) for s in slugs]),
                classes=["ed-index-group"],
            )
        return section

    by_section: dict[str, list[str]] = {}
    by_kind: dict[str, list[str]] = {}
    by_author: dict[str, list[str]] = {}
    for slug in placed:
        doc = hits[slug].docname
        title = env.titles[doc].astext() if doc in env.titles else doc
        by_section.setdefault(title, []).append(slug)
        by_kind.setdefault(annotations[slug].kind.replace("-", " "), []).append(slug)
        for author in annotations[slug].authors:
            by_author.setdefault(author.name, []).append(slug)
    out: list[nodes.Node] = [nodes.paragraph("", f"{len(placed)} annotations.", classes=["ed-count"])]
    out += [
        group("Section", by_section),
        group("Kind", dict(sorted(by_kind.items()))),
        group("Author", dict(sorted(by_author.items()))),
    ]
    return out


def setup(app: Sphinx) -> None:
    add_listing(app, "annotation-index", fill_index)
