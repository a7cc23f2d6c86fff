"""What a build reads and writes again, so that an incremental build ends where a clean
build of the same sources ends: the same pages, the same data files, the same warnings.

Three rules, and nothing else is remembered between builds:

1. **A page is read again** when its source changed (Sphinx), the configuration changed
   (Sphinx: every page), the edition's code changed (Sphinx: our ``env_version`` is a digest
   of the code, so the environment is discarded), a shared input it used while it was read
   changed (:mod:`edition.inputs`), or its toctree names a page added or removed.
2. **Every page is written again, the whole-edition checks run and the data files are
   published** whenever anything changed: a page read or removed, or a shared input
   changed. A build in which nothing changed does nothing at all. The pages of removed
   documents, and data files no longer published, leave the output.
3. **A build that warned leaves no environment behind**, so the next build starts clean and
   reports every problem again, for as long as it is in the sources. Without this, a warning
   found while a page was read, or while it was written, would not come back until that page
   changed.

With rule 3, a build that follows a clean build is the only incremental case; rules 1 and 2
make it equal to a clean build: a page's doctree depends only on its source, the
configuration, the code and the inputs it used, and everything else is worked out again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging as sphinx_logging
from sphinx.util.logging import NAMESPACE, is_suppressed_warning

from edition import inputs
from edition.domain import get_domain

logger = sphinx_logging.getLogger(__name__)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class WarningCounter(logging.Handler):
    """Counts the warnings (and errors) a build logs, those of parallel workers included
    (Sphinx logs them again in the main process), less those ``suppress_warnings`` hides."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        kind, subtype = getattr(record, "type", None), getattr(record, "subtype", None)
        if not is_suppressed_warning(kind, subtype, self.app.config.suppress_warnings):  # type: ignore[arg-type]
            self.count += 1


def find_changes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Rule 1 for shared inputs, and whether anything changed (``env-get-outdated``)."""
    names = inputs.changed_inputs(app, env)
    reread = inputs.pages_using(env, names)
    # Sphinx reads a toctree again when a page it globs is added or removed; any toctree that
    # names one is read again too, so that the navigation (previous, next) is what it would be.
    reread |= {
        parent
        for parent, children in env.toctree_includes.items()
        if (added | removed).intersection(children)
    }
    reread &= env.found_docs
    if names:
        logger.info(
            "edition: %s changed since the last build; %d page(s) to read again, every page to write again",
            ", ".join(sorted(names)),
            len(reread),
        )
    domain = get_domain(env)
    domain.changed = bool(added or changed or removed or reread or names)
    domain.removed = set(removed)
    return sorted(reread)


def write_everything(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rule 2 (``env-get-updated``): Sphinx then also runs ``env-check-consistency``."""
    return sorted(env.found_docs) if get_domain(env).changed else []


def changed(env: BuildEnvironment) -> bool:
    """Whether this build changed anything (and so writes every page and data file)."""
    return get_domain(env).changed


def remove_old_pages(app: Sphinx, exception: Exception | None) -> None:
    """The pages of documents removed from the sources leave the output too (``build-finished``),
    as they would be absent from a clean build."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    for docname in get_domain(app.env).removed:
        Path(builder.get_outfilename(docname)).unlink(missing_ok=True)
        for copy in Path(app.outdir, "_sources").glob(f"{docname}.*"):
            copy.unlink()


def discard_if_warned(app: Sphinx, counter: WarningCounter, exception: Exception | None) -> None:
    """Rule 3 (``build-finished``)."""
    if counter.count or exception is not None:
        Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    counter = WarningCounter(app)
    # Sphinx gives each application a fresh set of handlers on its logger.
    logging.getLogger(NAMESPACE).addHandler(counter)
    app.connect("env-get-outdated", find_changes)
    app.connect("env-get-updated", write_everything)
    app.connect("build-finished", remove_old_pages)
    app.connect("build-finished", lambda app, exc: discard_if_warned(app, counter, exc), priority=900)
