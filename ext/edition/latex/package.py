"""The edition's LaTeX package, ``edition.sty``: the book's design and the
macros the edition's nodes write, shipped with the extension rather than in
``conf.py``, so every LaTeX build of the edition gets them.

It is a template (``edition.sty_t``, Sphinx's LaTeX template syntax), filled
with the document's metadata: title, author, subject, keywords and language
(:mod:`edition.metadata` is the one home of these, for the HTML meta tags too).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file
from sphinx.util.template import LaTeXRenderer
from sphinx.util.texescape import escape

from edition import metadata

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATE = Path(__file__).parent / "edition.sty_t"


def context(app: Sphinx) -> dict[str, str]:
    """What the package says about the document, escaped for a PDF string."""
    surname, _, given = metadata.AUTHOR.partition(", ")
    values = {
        "title": metadata.TITLE,
        "author": f"{given} {surname}".strip(),
        "subject": metadata.DESCRIPTION,
        "keywords": ", ".join(metadata.KEYWORDS),
        "language": app.config.language or "en",
    }
    # Sphinx's hyphen macro keeps "--" apart in text; a PDF string wants the plain character.
    return {
        name: escape(value, app.config.latex_engine).replace(r"\sphinxhyphen{}", "-")
        for name, value in values.items()
    }


def write_package(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        renderer = LaTeXRenderer(latex_engine=app.config.latex_engine)
        copy_asset_file(TEMPLATE, app.outdir, context=context(app), renderer=renderer, force=True)


def setup(app: Sphinx) -> None:
    app.add_latex_package("edition")
    app.connect("build-finished", write_package)
