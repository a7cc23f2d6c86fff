"""Robust Links: an HTML link to a URL with an archived copy carries
``data-originalurl``, ``data-versionurl`` and ``data-versiondate``
(https://robustlinks.mementoweb.org/spec/), so a reader (or a script) can reach
the archived copy when the live page is gone.

The copies come from the library (``archive`` and ``urldate``) and, on any page,
from a link in the Wayback form next to the live one. A link that points at an
archived copy itself gets the attributes too. Only HTML output is changed:
other builders keep the plain reference.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from edition.citations.bibraw import bib_value, raw_fields
from edition.domain import get_domain
from edition.linkcheck.archives import copies_among, entry_copy, wayback_original

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from edition.linkcheck.model import ArchivedCopy


class robust_reference(nodes.reference):  # noqa: N801
    """A reference with Robust Links attributes (``originalurl``, ``versionurl``, ``versiondate``)."""


def library_copies(env: BuildEnvironment) -> dict[str, ArchivedCopy]:
    """``{live URL: archived copy}`` from the library's ``archive`` fields."""
    try:
        from edition.citations.library import get_library
    except ImportError:  # pragma: no cover - the edition without citations
        return {}
    library = get_library(env)
    copies: dict[str, ArchivedCopy] = {}
    for entry in library.entries.values() if library else ():
        fields = {k: (bib_value(v), n) for k, (v, n) in raw_fields(entry.raw).items()}
        copy = entry_copy(fields)
        if copy and "url" in fields:
            copies[fields["url"][0]] = copy
    return copies


def attributes(uri: str, copies: dict[str, ArchivedCopy]) -> dict[str, str]:
    """The Robust Links attributes for a link to *uri*, or ``{}``."""
    copy = copies.get(uri)
    if copy is not None:
        found = {"originalurl": uri, "versionurl": copy.url, "versiondate": copy.date}
    elif original := wayback_original(uri):
        found = {"originalurl": original[0], "versionurl": uri, "versiondate": original[1]}
    else:
        return {}
    return {k: v for k, v in found.items() if v}


def add_robust_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    references = [
        node
        for node in doctree.findall(nodes.reference)
        if str(node.get("refuri", "")).startswith(("http://", "https://"))
    ]
    if not references:
        return
    # The library's copies, worked out once while the pages are written (they do not change then).
    copies = dict(get_domain(app.env).memo("library_copies", lambda: library_copies(app.env)))
    copies.update(copies_among([node["refuri"] for node in references]))
    for node in references:
        found = attributes(node["refuri"], copies)
        if not found or isinstance(node, robust_reference):
            continue
        robust = robust_reference("", "", **node.attributes)
        for key, value in found.items():
            robust[key] = value
        robust.extend(node.children)
        node.replace_self(robust)


def visit_robust_html(self: HTML5Translator, node: robust_reference) -> None:
    self.visit_reference(node)
    # The translator writes the <a> tag itself; the attributes go into it.
    extra = " ".join(
        f'data-{key}="{escape(node[key], quote=True)}"'
        for key in ("originalurl", "versionurl", "versiondate")
        if node.get(key)
    )
    if extra and self.body and self.body[-1].startswith("<a "):
        self.body[-1] = f"<a {extra} {self.body[-1][3:]}"


def depart_robust_html(self: HTML5Translator, node: robust_reference) -> None:
    self.depart_reference(node)


def _visit_plain(self: nodes.NodeVisitor, node: robust_reference) -> None:
    self.visit_reference(node)


def _depart_plain(self: nodes.NodeVisitor, node: robust_reference) -> None:
    self.depart_reference(node)


def setup(app: Sphinx) -> None:
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        robust_reference,
        html=(visit_robust_html, depart_robust_html),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    # After the bibliography is filled in, so its links are seen too.
    app.connect("doctree-resolved", add_robust_links, priority=950)
