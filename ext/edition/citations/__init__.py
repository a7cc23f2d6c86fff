"""Executable citations: the library, the ``{cite}`` role, the author's notes'
sources, the bibliography and reconciliation pages, and their checks.

Submodules are imported inside :func:`setup` so that other features can
import :mod:`edition.citations.spec` without pulling the whole package in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from edition.citations import (
        bibliography,
        checks,
        cite,
        formatted,
        linking,
        reconciliation,
    )

    # The library is a shared input (edition.inputs), parsed when a build first needs it.
    app.connect("env-updated", formatted.format_library)  # formatted again when it or the style changed
    cite.setup(app)  # the {cite} role
    linking.setup(app)  # links, previews, the sources beside each note
    bibliography.setup(app)  # {bibliography}
    reconciliation.setup(app)  # {citation-reconciliation}
    checks.setup(app)  # the library's own problems, unknown keys, Ibid., uncited entries
