"""Link checks of the edition: every link a reader can follow works, or is
reported with the file and line that holds it.

- :mod:`.internal`: pages, fragments, downloads and data files of the built HTML;
- :mod:`.builder`: the ``edition-linkcheck`` builder, Sphinx's linkcheck with the
  library's and the annotations' URLs, checked by :mod:`.external` (bounded and
  polite, :mod:`.politeness`, :mod:`.network`), cached (:mod:`.cache`) and
  reported (:mod:`.report`);
- :mod:`.robust`: Robust Links attributes on links with an archived copy.

``python -m edition.linkcheck internal|external`` runs the checks (:mod:`.cli`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from edition.linkcheck import builder, options, robust

    metadata = {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
    if "edition_linkcheck_strict" in app.config:
        return metadata  # set up already: by ``edition`` and again as an extension of its own
    options.setup(app)  # edition_linkcheck_*, typed and validated
    builder.setup(app)  # the edition-linkcheck builder and the URLs it collects
    robust.setup(app)  # data-originalurl / data-versionurl / data-versiondate
    return metadata
