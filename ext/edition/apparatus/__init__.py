"""The text apparatus: paragraph ids, emendations, their listing, the
witness's pagination, and the fidelity check against the witness."""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.apparatus import emendations, fidelity, listing, pagination, paragraphs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    paragraphs.setup(app)
    emendations.setup(app)
    listing.setup(app)
    pagination.setup(app)
    fidelity.setup(app)
