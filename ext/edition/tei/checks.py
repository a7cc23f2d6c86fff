"""The TEI header's sources exist: each page or section ``edition_tei_header``
names must be in the edition, or that part of the header would be empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition import config
from edition.diagnostics import Subtype, config_location, report
from edition.tei.encoder import Context
from edition.tei.header import find_source, header_sources

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def check_header_sources(app: Sphinx, env: BuildEnvironment) -> None:
    options = config.get(env.config)
    if not options.paper_pages:
        return
    context = Context.of(env)
    for part in options.tei_header:
        for where in header_sources(context, part):
            if find_source(context, where) is not None:
                continue
            report(
                Subtype.TEI,
                f"edition_tei_header[{part!r}] names {where!r}, which is not a page or section of "
                "the edition: give a docname, or docname#section-id",
                location=config_location(app.confdir, "edition_tei_header"),
            )


def setup(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_header_sources)
