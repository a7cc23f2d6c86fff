"""The edition as TEI P5 (``data/edition.tei.xml``), made from the doctrees after the build.

- :mod:`~edition.tei.text`: the paper's pages as ``text``;
- :mod:`~edition.tei.emendations`: the one table of how each emendation type is encoded;
- :mod:`~edition.tei.encoder`: the nodes every kind of content shares;
- :mod:`~edition.tei.standoff`: what the editors say about the text, by ``xml:id``;
- :mod:`~edition.tei.bibliography`: the ``listBibl``;
- :mod:`~edition.tei.header`: the ``teiHeader``;
- :mod:`~edition.tei.document`: the whole document (:mod:`edition.publish` writes it);
- :mod:`~edition.tei.checks`: the header's sources exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.tei import checks
from edition.tei.document import edition_tei
from edition.tei.header import FILE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["FILE", "edition_tei", "setup"]


def setup(app: Sphinx) -> None:
    checks.setup(app)  # edition_tei_header names pages and sections that exist
