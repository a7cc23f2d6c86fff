"""The edition's stylesheet and script, for the website (the e-book has its own
stylesheet and no script: :mod:`edition.epub`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from edition.outputs import is_interactive

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, before Sphinx compares the configuration with the saved one: added
    # later, the path would make every build find the configuration changed.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _add_assets(app: Sphinx) -> None:
    # Only the website links them; the EPUB leaves the copied files out (epub_exclude_files).
    if is_interactive(app.builder):
        app.add_css_file("edition.css")
        app.add_js_file("edition.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_assets)
