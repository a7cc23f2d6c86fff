"""The ``edition-linkcheck`` builder: Sphinx's ``linkcheck`` builder, with the
edition's URLs included and the bounded, cached checker of :mod:`.external`.

Every page's URLs are collected as each doctree is resolved (after the
extensions have added theirs, such as the bibliography's), then joined by the
URLs of the library and of the text files outside the pages, each with the file
and line that holds it. ``finish()`` checks them all once and writes
``report.json``, ``report.txt`` and Sphinx's ``output.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders.linkcheck import CheckExternalLinksBuilder
from sphinx.util import logging
from sphinx.util.nodes import get_node_line

from edition.diagnostics import Severity, Subtype, inform, report
from edition.linkcheck import options as linkcheck_options
from edition.linkcheck.archives import copies_among
from edition.linkcheck.cache import Cache
from edition.linkcheck.external import ExternalChecker, settings_from
from edition.linkcheck.model import BAD, Location, Status
from edition.linkcheck.report import (
    covered,
    external_json,
    external_summary,
    fails,
    is_problem,
    problem_message,
    write_json,
)
from edition.linkcheck.sources import (
    Occurrence,
    bib_occurrences,
    expand_globs,
    line_of,
    merge,
    text_occurrences,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from edition.linkcheck.external import Run

logger = logging.getLogger(__name__)

NAME = "edition-linkcheck"


class EditionLinkcheckBuilder(CheckExternalLinksBuilder):
    """Checks every external link of the edition, its library and its annotations."""

    name = NAME
    epilog = "The link report is in %(outdir)s/report.txt and %(outdir)s/report.json."

    def init(self) -> None:
        super().init()
        #: Each page's URLs, and whether the page's source writes the URL itself.
        self.page_links: list[tuple[Occurrence, bool]] = []
        self.failed = False

    def finish(self) -> None:
        opts = linkcheck_options.get(self.config)
        library = self._library_occurrences()
        texts = text_occurrences(expand_globs(Path(self.srcdir), opts.sources))
        # A URL that a page shows but does not write (the bibliography's, an annotation's)
        # is reported where it is written: references.bib:LINE, annotations/NAME.md:LINE.
        written = {o.uri for o in library} | {o.uri for o in texts}
        pages = []
        for occurrence, literal in self.page_links:
            if literal:
                pages.append(occurrence)
            elif occurrence.uri not in written:
                origin = _origin(occurrence.uri, [*library, *texts])
                pages.append(occurrence if origin is None else occurrence._replace(location=origin.location))
        links = merge([*library, *texts, *pages])
        cache_path = Path(self.srcdir, opts.cache) if opts.cache else Path(self.outdir, "cache.json")
        cache = Cache(cache_path, opts.cache_days)
        if cache.load_error:
            report(Subtype.LINK, cache.load_error, location=str(cache_path), severity=Severity.WARNING)
        checker = ExternalChecker(settings_from(self.config, opts))
        run = checker.run(links, cache, refresh=opts.refresh)
        cache.save(keep={link.uri for link in links})
        self._write(run, strict=opts.strict)
        self.failed = any(fails(r, strict=opts.strict) for r in run.results)

    def _library_occurrences(self) -> list[Occurrence]:
        path = self._library_path()
        return bib_occurrences(path) if path is not None and path.is_file() else []

    def _library_path(self) -> Path | None:
        name = getattr(self.config, "edition_bibliography", "")
        return Path(self.srcdir, name).resolve() if name else None

    def _write(self, run: Run, *, strict: bool) -> None:
        outdir = Path(self.outdir)
        summary = external_summary(run, strict=strict, brief=True)
        (outdir / "report.txt").write_text(external_summary(run, strict=strict) + "\n", encoding="utf-8")
        (outdir / "summary.txt").write_text(summary + "\n", encoding="utf-8")
        write_json(outdir / "report.json", external_json(run, strict=strict))
        with open(outdir / "output.json", "w", encoding="utf-8") as handle:
            for result in run.results:  # Sphinx's format, one line per place
                for location in result.link.locations:
                    row = {
                        "filename": location.path,
                        "lineno": location.line or 0,
                        "status": result.status.value,
                        "code": result.outcome.code,
                        "uri": result.link.uri,
                        "info": result.outcome.info,
                    }
                    handle.write(json.dumps(row) + "\n")
        logger.info("")
        for line in summary.splitlines():
            inform(line)
        for result in run.results:
            if not is_problem(result) or (result.status is Status.UNCHECKED and not strict):
                continue
            failing = fails(result, strict=strict)
            severity = Severity.ERROR if failing else Severity.WARNING
            message = problem_message(result)
            if covered(result):
                message += " (the archived copy stands in for it)"
            elif not failing and result.status in BAD:
                message += ": fix or remove the URL, or give an archived copy"
            for location in result.link.locations:
                report(Subtype.LINK, message, location=str(location), severity=severity)


def _origin(uri: str, written: list[Occurrence]) -> Occurrence | None:
    """The written URL that a shown *uri* was cut or mangled from, if any: a URL that
    a page shows but no file writes is most often a written one mangled on the way."""
    prefix = re.split(r"\s", uri, maxsplit=1)[0]
    if len(prefix) < len("https://x.y/"):
        return None
    candidates = [o for o in written if o.uri != uri and o.uri.startswith(prefix)]
    if not candidates:
        return None
    return max(candidates, key=lambda o: _shared_length(o.uri, uri))


def _shared_length(a: str, b: str) -> int:
    """How many leading characters *a* and *b* have in common."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _find_uri(node: nodes.Element) -> str | None:
    """The URL a node links to (as Sphinx's ``HyperlinkCollector.find_uri``)."""
    if isinstance(node, nodes.reference):
        return node.get("refuri")
    if isinstance(node, nodes.image):
        candidates: dict[str, str] = node.get("candidates", {})
        uri = candidates.get("?")
        return uri if uri and "://" in uri else None
    if isinstance(node, nodes.raw):
        uri = node.get("source")
        return uri if uri and "://" in uri else None
    return None


def collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Note every http(s) URL of a resolved page, with its source line."""
    builder = app.builder
    if not isinstance(builder, EditionLinkcheckBuilder):
        return
    if any(re.match(pattern, docname) for pattern in app.config.linkcheck_exclude_documents):
        return
    source = Path(app.env.doc2path(docname))
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        text = ""
    found: list[tuple[str, int | None, bool]] = []
    for node in doctree.findall(nodes.Element):
        uri = _find_uri(node)
        if not uri:
            continue
        if rewritten := app.events.emit_firstresult("linkcheck-process-uri", uri):
            uri = rewritten
        if not uri.startswith(("http://", "https://")):
            continue
        line = line_of(text, uri)
        literal = line is not None
        if line is None:
            try:
                line = get_node_line(node)
            except ValueError:
                line = None
        found.append((uri, line, literal))
    copies = copies_among([uri for uri, _, _ in found])
    builder.page_links.extend(
        (Occurrence(uri, Location.of(source, line), copies.get(uri)), literal) for uri, line, literal in found
    )


def _set_status(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and isinstance(app.builder, EditionLinkcheckBuilder) and app.builder.failed:
        app.statuscode = 1


def setup(app: Sphinx) -> None:
    app.add_builder(EditionLinkcheckBuilder)
    # After the extensions that add links while resolving (the bibliography's).
    app.connect("doctree-resolved", collect, priority=900)
    app.connect("build-finished", _set_status)
