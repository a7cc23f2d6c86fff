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

    placement.setup(app)  # anchor and render in the paper's pages, which read the annotations
    index.setup(app)  # {annotation-index}
    # The files' own problems, then orphans, ambiguities and {ref}s to no paragraph.
    app.connect("env-check-consistency", checks.check_annotations)
    # After the paragraphs' resolver: only what it cannot resolve is quietened (and reported).
    app.connect("missing-reference", checks.quiet_missing_ref, priority=900)
