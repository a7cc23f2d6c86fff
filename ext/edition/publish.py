"""The edition's machine-readable data, written under ``<html>/data/``.

Each file is computed from the merged environment once the build has
finished, so a parallel build publishes the same data as a serial one.
The formats are documented in ``docs/about/data.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition import config
from edition.apparatus.emendations import all_emendations
from edition.endnotes.records import NoteIndex

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

Exporter = "Callable[[BuildEnvironment], Any]"


def _apparatus(env: BuildEnvironment) -> list[dict[str, Any]]:
    pages = config.get(env.config).paper_pages
    return [record.as_json() for record in all_emendations(env, pages)]


def _endnotes(env: BuildEnvironment) -> list[dict[str, Any]]:
    return NoteIndex.build(env).as_json()


EXPORTS: dict[str, Callable[[BuildEnvironment], Any]] = {
    "apparatus.json": _apparatus,
    "endnotes.json": _endnotes,
}


def write_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir, config.get(app).data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, export in EXPORTS.items():
        text = json.dumps(export(app.env), ensure_ascii=False, indent=2) + "\n"
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_data)
