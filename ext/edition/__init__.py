"""Sphinx extensions that make the annotated edition of Robert L. Bach,
*Campaigning for Change* (2000).

``setup()`` reads as the table of contents of the package: each feature lives
in the module or folder its name suggests.
"""

# No ``from __future__ import annotations`` here: in this module it would bind
# the name ``annotations`` and hide the subpackage of that name.
import hashlib
from pathlib import Path
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
    layers,
    linkcheck,
    metadata,
    nodeutil,
    publish,
    rebuild,
    tei,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def code_version() -> int:
    """A number that changes whenever the edition's code or assets change. Sphinx discards a
    saved environment made by other code (``env_version``), so a build never reuses doctrees
    or records that older code made."""
    digest = hashlib.blake2b(digest_size=6)
    here = Path(__file__).parent
    for path in sorted(here.rglob("*")):
        if path.suffix in (".py", ".json", ".css", ".js") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest(), 16)


def setup(app: "Sphinx") -> dict[str, Any]:
    config.setup(app)  # edition_* options, typed and validated
    domain.setup(app)  # per-document records, merged for parallel builds
    rebuild.setup(app)  # what a build reads and writes again (shared inputs: edition.inputs)
    app.add_node(nodeutil.listing)  # the placeholder of every generated listing
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
    layers.setup(app)  # reading layers: Reading, Study, Apparatus on the paper's pages
    assets.setup(app)  # CSS and JavaScript
    return {
        "version": __version__,
        "env_version": code_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
