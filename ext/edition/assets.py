"""The edition's stylesheet and script, for the website (the e-book has its own
stylesheet and no script: :mod:`edition.epub`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from edition.outputs import is_interactive

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def _add_assets(app: Sphinx) -> None:
    if not is_interactive(app.builder):
        return
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))
    app.add_css_file("edition.css")
    app.add_js_file("edition.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _add_assets)
