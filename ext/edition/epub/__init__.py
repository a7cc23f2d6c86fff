"""The EPUB edition: Sphinx's EPUB builder, with the edition's marks made for an e-reader.

The EPUB builder writes XHTML with the HTML translator, so it would get the
website's marks: popovers opened by script, buttons, ``hidden`` spans. An
e-reader runs no script, and XHTML is stricter than HTML. Before the EPUB is
written, each interactive mark becomes a plain, linked one
(:mod:`~edition.epub.renderings`): an emended reading links to its entry in the
apparatus, a note marker to its note, a dated claim (†) to its entry in the
register, an annotation's letter to the note that follows the paragraph; each
of those links back. The HTML visitors are not involved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from edition.epub import renderings
from edition.outputs import EBOOK_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, as edition.assets does: added later, the path would make every
    # build find the configuration changed.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.name in EBOOK_BUILDERS:
        app.add_css_file("edition-epub.css")


def setup(app: Sphinx) -> None:
    renderings.setup(app)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_stylesheet)
