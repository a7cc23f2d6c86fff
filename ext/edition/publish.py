"""The edition's machine-readable data, written under ``<html>/data/``: JSON, the
W3C annotations and claim reviews (JSON-LD), the library, and the whole edition as
TEI P5 (:mod:`edition.tei`).

Each file is computed from the merged environment once the build has
finished, so a parallel build publishes the same data as a serial one.
The formats are documented in ``docs/about/data.md``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from edition import config, rebuild, tei
from edition.annotations.jsonld import annotations_jsonld
from edition.apparatus.emendations import all_emendations
from edition.citations.formatted import get_formatted
from edition.citations.library import library_path
from edition.claims.claimreview import reviews_json
from edition.claims.data import claims_json
from edition.diagnostics import Subtype, report
from edition.domain import get_domain
from edition.endnotes.records import NoteIndex

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _apparatus(env: BuildEnvironment) -> list[dict[str, Any]]:
    pages = config.get(env.config).paper_pages
    return [record.as_json() for record in all_emendations(env, pages)]


def _endnotes(env: BuildEnvironment) -> list[dict[str, Any]]:
    return NoteIndex.build(env).as_json()


def _references(env: BuildEnvironment) -> list[dict[str, Any]]:
    formatted = get_formatted(env)
    return [json.loads(formatted.csl[key]) for key in sorted(formatted.csl)]


#: Each data file and what makes it, from the records of every page and the shared inputs.
EXPORTS: dict[str, Callable[[Sphinx], Any]] = {
    "apparatus.json": lambda app: _apparatus(app.env),
    "endnotes.json": lambda app: _endnotes(app.env),
    "references.json": lambda app: _references(app.env),
    "dated-claims.json": lambda app: claims_json(app.env),
    "annotations.jsonld": lambda app: annotations_jsonld(app.env),
    "claim-reviews.jsonld": reviews_json,
}


class data_link(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A link to one of the published data files."""


class DataFileRole(SphinxRole):
    """``{datafile}`references.json``` links to ``data/references.json`` from any page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text, _, name = self.text.rpartition("<")
        name = name.rstrip(">").strip() if text else self.text.strip()
        published = set(EXPORTS) | {"references.bib", tei.FILE}
        if name not in published:
            report(
                Subtype.LINK,
                f"unknown data file {name!r}: the edition publishes {', '.join(sorted(published))}",
                location=self.get_location(),
            )
        node = data_link(self.rawtext, (text or name).strip(), filename=name)
        self.set_source_info(node)
        return [node], []


def resolve_data_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    folder = config.get(app).data_dir
    for node in list(doctree.findall(data_link)):
        depth = docname.count("/")
        uri = "../" * depth + f"{folder}/{node['filename']}"
        node.replace_self(nodes.reference(node.astext(), node.astext(), refuri=uri, classes=["ed-data-link"]))


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """Publish every data file whenever the build changed anything (as it writes every page)."""
    if exception is not None or app.builder.format != "html" or not rebuild.changed(app.env):
        return
    folder = Path(app.outdir, config.get(app).data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in EXPORTS.items():
        text = json.dumps(make(app), ensure_ascii=False, indent=2) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
    found = library_path(app.env)
    if found is not None and found[0].is_file() and not found[0].is_symlink():
        shutil.copyfile(found[0], folder / "references.bib")
    document = tei.edition_tei(app.env)  # XML, not JSON
    if document is not None:
        (folder / tei.FILE).write_text(document, encoding="utf-8")
    # What an earlier build published and this one does not (another data_dir, say).
    for old in set(get_domain(app.env).data.get("published_before", [])) - set(_published(app.env)):
        Path(app.outdir, old).unlink(missing_ok=True)


def _published(env: BuildEnvironment) -> list[str]:
    folder = config.get(env.config).data_dir
    return [f"{folder}/{name}" for name in [*EXPORTS, "references.bib", tei.FILE]]


def note_published(app: Sphinx, env: BuildEnvironment) -> None:
    """Remember what this build publishes (``env-updated``: the environment is saved after it,
    and before the files are written), and what the build before it published."""
    domain = get_domain(env)
    if rebuild.changed(env):
        domain.data["published_before"] = domain.data.get("published", [])
        domain.data["published"] = _published(env)


def setup(app: Sphinx) -> None:
    app.add_node(data_link)
    app.add_role("datafile", DataFileRole())
    app.connect("doctree-resolved", resolve_data_links)
    app.connect("env-updated", note_published)
    app.connect("build-finished", write_data)
