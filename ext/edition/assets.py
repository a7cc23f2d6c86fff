"""The edition's stylesheet and script, for the HTML builders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, before Sphinx compares the configuration with the saved one: added
    # later, the path would make every build find the configuration changed.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_static_path)
    app.add_css_file("edition.css")
    app.add_js_file("edition.js", loading_method="defer")
