"""Annotations contributed by pull request: files in ``annotations/``,
validated, checked for safety, anchored by quotation, rendered beside the
text, indexed, and exported as W3C Web Annotations.

Submodules are imported inside :func:`setup`, so the command-line tools can
import the loader without Sphinx's whole set-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from edition.annotations import checks, index, placement

    placement.setup(app)  # load (by mtime), anchor, render; re-read only touched pages
    index.setup(app)  # {annotation-index}
    from edition import checking
    from edition.annotations.loader import KEPT

    # Orphans and ambiguities: they read the matches, the page texts and the set.
    inputs = (placement.HITS, placement.READING, KEPT)
    # ... and a body's {ref}s, which name paragraphs of those pages.
    checking.connect(app, checks.check_annotations, inputs)
    app.connect("missing-reference", checks.quiet_missing_ref)  # reported at the annotation instead
