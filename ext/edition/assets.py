"""The edition's stylesheet and script, for the HTML builders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html" and str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static_path)
    app.add_css_file("edition.css")
    app.add_js_file("edition.js", loading_method="defer")
