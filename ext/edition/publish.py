"""The edition's machine-readable data, written under ``<html>/data/``: JSON, the
W3C annotations (JSON-LD), the library and the whole edition as TEI P5.

Each file is computed from the merged environment once the build has
finished, so a parallel build publishes the same data as a serial one.
The formats are documented in ``docs/about/data.md``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from edition import config, tei
from edition.annotations.jsonld import annotations_jsonld
from edition.apparatus.emendations import all_emendations
from edition.citations.formatted import get_formatted
from edition.citations.library import library_path
from edition.claims.data import claims_json
from edition.diagnostics import Subtype, report
from edition.domain import get_domain, known
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


class Export(NamedTuple):
    make: Callable[[BuildEnvironment], Any]
    #: What the file is made from: the domain's buckets and the shared inputs
    #: (:func:`edition.domain.mark_input_changed`). It is computed again only
    #: when one of them changed in the build.
    inputs: frozenset[str]


EXPORTS: dict[str, Export] = {
    "apparatus.json": Export(_apparatus, known({"emendations"})),
    "endnotes.json": Export(_endnotes, known({"endnotes", "endnote_refs"})),
    "references.json": Export(_references, known({"library"})),
    "dated-claims.json": Export(claims_json, known({"claims", "claims_registry"})),
    # The bodies show each citation's label ("Zedillo 2000"): the library is an input too.
    "annotations.jsonld": Export(annotations_jsonld, known({"annotations", "annotation_set", "library"})),
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


def _write(target: Path, text: str) -> None:
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def write_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir, config.get(app).data_dir)
    changed = get_domain(app.env).changed_now
    folder.mkdir(parents=True, exist_ok=True)
    for name, export in EXPORTS.items():
        # A file whose records and inputs did not change in this build stands as it is.
        if (folder / name).exists() and not changed & export.inputs:
            continue
        _write(folder / name, json.dumps(export.make(app.env), ensure_ascii=False, indent=2) + "\n")
    found = library_path(app.env)
    copy = folder / "references.bib"
    if found is not None and found[0].is_file() and ("library" in changed or not copy.exists()):
        shutil.copyfile(found[0], copy)
    tei.write(app, folder / tei.FILE, found[0] if found is not None else None)


def setup(app: Sphinx) -> None:
    app.add_node(data_link)
    app.add_role("datafile", DataFileRole())
    app.connect("doctree-resolved", resolve_data_links)
    app.connect("build-finished", write_data)
