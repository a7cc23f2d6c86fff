"""``data/annotations.jsonld``: every annotation in the W3C Web Annotation
Data Model, as one AnnotationCollection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from edition import config
from edition.annotations.loader import get_set
from edition.annotations.placement import HITS, Hit
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

MOTIVATION = {
    "context": "commenting",
    "correction": "editing",
    "source": "linking",
    "cross-reference": "linking",
    "later-development": "commenting",
}


def _creator(author: Any) -> dict[str, str]:
    person = {"type": "Person", "name": author.name}
    if author.orcid:
        person["id"] = f"https://orcid.org/{author.orcid}"
    elif author.github:
        person["id"] = f"https://github.com/{author.github}"
    return person


def annotations_jsonld(env: BuildEnvironment) -> dict[str, Any]:
    options = config.get(env.config)
    annotations = get_set(env).annotations
    hits: dict[str, list[Hit]] = {}
    for hit in get_domain(env).all_records(HITS):
        hits.setdefault(hit.slug, []).append(hit)
    items = []
    for slug in sorted(annotations):
        found = hits.get(slug, [])
        if len(found) != 1:
            continue
        annotation, hit = annotations[slug], found[0]
        page = f"{hit.docname}.html"
        selector: dict[str, str] = {"type": "TextQuoteSelector", "exact": annotation.selector.exact}
        if annotation.selector.prefix:
            selector["prefix"] = annotation.selector.prefix
        if annotation.selector.suffix:
            selector["suffix"] = annotation.selector.suffix
        items.append(
            {
                "id": f"{page}#{quote(f'ann-{slug}', safe='')}",  # an IRI, whatever the file name
                "type": "Annotation",
                "motivation": MOTIVATION.get(annotation.kind, "commenting"),
                "created": f"{annotation.created}T00:00:00Z",
                "creator": [_creator(a) for a in annotation.authors],
                "body": {
                    "type": "TextualBody",
                    "value": annotation.body.strip(),
                    "format": "text/markdown",
                    "language": "en",
                    "purpose": MOTIVATION.get(annotation.kind, "commenting"),
                },
                "target": {"source": page, "selector": selector},
            }
        )
    context: list[Any] = ["http://www.w3.org/ns/anno.jsonld"]
    if options.base_url:
        context.append({"@base": options.base_url})
    return {
        "@context": context,
        "id": "data/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Annotations on Robert L. Bach, Campaigning for Change (2000)",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
