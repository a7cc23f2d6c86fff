"""``data/annotations.jsonld``: every annotation in the W3C Web Annotation
Data Model, as one AnnotationCollection.

Other tools read this file, not the edition's sources, so each body is
published rendered (``text/html``: the allow-listed MyST made into HTML by
docutils' own HTML writer, with every citation formatted and linked to its
bibliography entry), and every id is an absolute IRI built from
``html_baseurl`` (:mod:`edition.addresses`).  Without a base URL the ids stay
relative to the file's own address, which JSON-LD resolves them against.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers.html5_polyglot import HTMLTranslator, Writer
from sphinx import addnodes

from edition import addresses, config
from edition.annotations.body import to_nodes
from edition.annotations.loader import get_set
from edition.annotations.placement import HITS, Hit
from edition.citations.cite import citation_ref
from edition.citations.formatted import Formatted, get_formatted
from edition.citations.linking import entry_id
from edition.domain import get_domain

if TYPE_CHECKING:
    from optparse import Values

    from sphinx.environment import BuildEnvironment

    from edition.annotations.model import Annotation

MOTIVATION = {
    "context": "commenting",
    "correction": "editing",
    "source": "linking",
    "cross-reference": "linking",
    "later-development": "commenting",
}
FILE = "annotations.jsonld"


def _creator(author: Any) -> dict[str, str]:
    person = {"type": "Person", "name": author.name}
    if author.orcid:
        person["id"] = f"https://orcid.org/{author.orcid}"
    elif author.github:
        person["id"] = f"https://github.com/{author.github}"
    return person


@dataclass(frozen=True)
class Rendering:
    """What every body is rendered with, looked up once per export."""

    env: BuildEnvironment
    formatted: Formatted
    data_dir: str
    bibliography: str
    #: docutils' HTML writer's settings (making them takes longer than rendering a body)
    settings: Values

    @classmethod
    def of(cls, env: BuildEnvironment) -> Rendering:
        options = config.get(env.config)
        settings = get_default_settings(Writer)
        return cls(env, get_formatted(env), options.data_dir, options.bibliography_page, settings)

    def address(self, path: str) -> str:
        """*path* (from the HTML root) as the export writes it: absolute, or relative to data/."""
        return addresses.published(self.env.config, path, self.data_dir)

    def _linked(self, body: list[nodes.Node]) -> None:
        """Turn citations and cross-references into plain links to their published places."""
        for root in body:
            if not isinstance(root, nodes.Element):
                continue
            for cite in list(root.findall(citation_ref)):
                key, locator = cite["key"], cite["locator"]
                label = self.formatted.label.get(key, key) + (f", {locator}" if locator else "")
                uri = self.address(addresses.page_path(self.bibliography, entry_id(key)))
                cite.replace_self(nodes.reference(label, label, refuri=uri))
            for xref in list(root.findall(addnodes.pending_xref)):
                found = addresses.label_target(self.env, xref["reftarget"])
                if found is None:  # the build has already reported it
                    xref.replace_self(nodes.Text(xref.astext()))
                    continue
                docname, anchor, title = found
                xref.replace_self(
                    nodes.reference(title, title, refuri=self.address(addresses.page_path(docname, anchor)))
                )

    def body_html(self, annotation: Annotation, docname: str) -> str:
        """The annotation's body as HTML: the same nodes the page shows, links made absolute."""
        body = to_nodes(annotation.body, f"{annotation.label}:{annotation.body_line}", docname)
        self._linked(body)
        document = new_document(annotation.label, self.settings)
        document.extend(body)
        translator = HTMLTranslator(document)
        document.walkabout(translator)
        return "".join(translator.body).strip()


def annotations_jsonld(env: BuildEnvironment) -> dict[str, Any]:
    annotations = get_set(env).annotations
    hits: dict[str, list[Hit]] = {}
    for hit in get_domain(env).all_records(HITS):
        hits.setdefault(hit.slug, []).append(hit)
    items = []
    rendering = Rendering.of(env)
    for slug in sorted(annotations):
        found = hits.get(slug, [])
        if len(found) != 1:
            continue
        annotation, hit = annotations[slug], found[0]
        page = rendering.address(addresses.page_path(hit.docname))
        selector: dict[str, str] = {"type": "TextQuoteSelector", "exact": annotation.selector.exact}
        if annotation.selector.prefix:
            selector["prefix"] = annotation.selector.prefix
        if annotation.selector.suffix:
            selector["suffix"] = annotation.selector.suffix
        items.append(
            {
                "id": rendering.address(addresses.page_path(hit.docname, f"ann-{slug}")),
                "type": "Annotation",
                "motivation": MOTIVATION.get(annotation.kind, "commenting"),
                "created": f"{annotation.created}T00:00:00Z",
                "creator": [_creator(a) for a in annotation.authors],
                "body": {
                    "type": "TextualBody",
                    "value": rendering.body_html(annotation, hit.docname),
                    "format": "text/html",
                    "language": "en",
                    "purpose": MOTIVATION.get(annotation.kind, "commenting"),
                },
                "target": {"source": page, "selector": selector},
            }
        )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": rendering.address(f"{rendering.data_dir}/{FILE}"),
        "type": "AnnotationCollection",
        "label": "Annotations on Robert L. Bach, Campaigning for Change (2000)",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
