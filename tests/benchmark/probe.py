"""A measuring hook loaded into benchmark builds (edition and bare alike) when ``BENCH_PROBE``
names a file: it appends one JSON line per event, ``{"read": [docnames]}`` when Sphinx is about
to read documents and ``{"written": docname}`` for each HTML page it writes. It changes nothing."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _append(record: dict[str, Any]) -> None:
    path = os.environ.get("BENCH_PROBE")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def _read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _append({"read": sorted(docnames)})


def _written(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    _append({"written": pagename})


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", _read)
    app.connect("html-page-context", _written)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
