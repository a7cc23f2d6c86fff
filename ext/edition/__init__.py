"""Sphinx extensions that make the annotated edition of Robert L. Bach,
*Campaigning for Change* (2000).

``setup()`` reads as the table of contents of the package: each feature lives
in the module or folder its name suggests.
"""

# No ``from __future__ import annotations`` here: in this module it would bind
# the name ``annotations`` and hide the subpackage of that name.
from typing import TYPE_CHECKING, Any

from edition import (
    annotations,
    apparatus,
    assets,
    citations,
    claims,
    config,
    domain,
    endnotes,
    latex,
    linkcheck,
    metadata,
    publish,
    tei,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: "Sphinx") -> dict[str, Any]:
    config.setup(app)  # edition_* options, typed and validated
    domain.setup(app)  # per-document records, merged for parallel builds
    apparatus.setup(app)  # paragraph ids, emendations, apparatus page, fidelity
    endnotes.setup(app)  # the author's notes, linked both ways
    citations.setup(app)  # references.bib, {cite}, bibliography, reconciliation
    claims.setup(app)  # dated claims: spans, registry, linter, register
    annotations.setup(app)  # contributed annotations, anchored by quotation
    linkcheck.setup(app)  # link checks: edition-linkcheck builder, Robust Links, edition_linkcheck_*
    tei.setup(app)  # the edition as TEI P5: its header's sources are checked
    publish.setup(app)  # data/: JSON, JSON-LD, TEI
    metadata.setup(app)  # citation_* and Open Graph tags
    latex.setup(app)  # labels for every linked id; no node of ours without a LaTeX rendering
    assets.setup(app)  # CSS and JavaScript
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
