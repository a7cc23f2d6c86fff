"""The author's endnotes: markers, notes, the links between them, and the
account of every reconstructed note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.endnotes import linking, listing, markers, notes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    markers.setup(app)
    notes.setup(app)
    linking.setup(app)
    listing.setup(app)
