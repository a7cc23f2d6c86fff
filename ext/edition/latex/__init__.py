"""The PDF edition: what the LaTeX builder needs that the HTML one does not.

- :mod:`~edition.latex.package`: ``edition.sty``, the book's design and the
  macros our nodes write, with the document's metadata;
- :mod:`~edition.latex.structure`: front matter, the paper as one chapter of
  sections, the editorial matter as appendices;
- :mod:`~edition.latex.critical`: the paper's lines numbered and the critical
  apparatus at the foot of the page (reledmac);
- :mod:`~edition.latex.commentary`: the editors' annotations as a commentary
  at the foot of the page, below the apparatus;
- :mod:`~edition.latex.labels`: a label for every linked id, and no node of
  ours without a LaTeX rendering.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.latex import commentary, critical, labels, package, structure

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    package.setup(app)
    structure.setup(app)
    critical.setup(app)
    commentary.setup(app)
    labels.setup(app)
