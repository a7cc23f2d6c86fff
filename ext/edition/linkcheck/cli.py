"""``python -m edition.linkcheck``: the two checks ``nox -s docs`` runs after the HTML build.

``internal HTML_DIR``
    every link and anchor of the built site; exits 1 on any broken one.
``external SOURCE_DIR``
    the ``edition-linkcheck`` builder; exits 1 only with ``--strict`` (or
    ``edition_linkcheck_strict = True``) and a broken, timed-out, rate-limited or
    unchecked link.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition.characters import printable
from edition.linkcheck.report import internal_json, internal_summary, write_json

if TYPE_CHECKING:
    from collections.abc import Sequence


def _internal(args: argparse.Namespace) -> int:
    from edition.linkcheck.internal import check_site
    from edition.linkcheck.options import LinkcheckOptions
    from edition.linkcheck.sources import expand_globs

    html = Path(args.html_dir)
    if not (html / "index.html").is_file() and not any(html.glob("*.html")):
        print(f"{html}: no HTML pages here; build the edition first", file=sys.stderr)
        return 2
    source = Path(args.source) if args.source else _guess_source(html)
    globs = args.also if args.also is not None else LinkcheckOptions().sources
    extra = expand_globs(source, globs) if source else []
    report = check_site(html, source, extra)
    for problem in report.problems:  # without Sphinx, so not through diagnostics.report: its policy, here
        print(
            printable(f"{problem.location}: ERROR: {problem.message} (in {problem.html}) [edition.link]"),
            file=sys.stderr,
        )
    print(internal_summary(report).splitlines()[0])
    out = Path(args.json) if args.json else html.resolve().parent / "linkcheck" / "internal.json"
    write_json(out, internal_json(report))
    return 1 if report.problems else 0


def _guess_source(html: Path) -> Path | None:
    """``docs`` for ``docs/_build/html``, if it holds a ``conf.py``."""
    resolved = html.resolve()
    for parent in resolved.parents:
        if (parent / "conf.py").is_file():
            return parent
    return None


def external_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for flag in ("strict", "refresh", "offline"):
        if getattr(args, flag):
            overrides[f"edition_linkcheck_{flag}"] = True
    for name in ("deadline", "timeout"):
        value = getattr(args, name)
        if value is not None:
            overrides[f"edition_linkcheck_{name}"] = value
    if args.cache:
        overrides["edition_linkcheck_cache"] = str(Path(args.cache).resolve())
    for item in args.define or ():
        name, _, value = item.partition("=")
        overrides[name] = value
    return overrides


def run_external(
    srcdir: Path,
    outdir: Path,
    overrides: dict[str, Any],
    *,
    verbose: bool = False,
    confdir: Path | None = None,
) -> int:
    """Build with ``edition-linkcheck``; the builder is added to ``conf.py``'s extensions
    if the edition does not set it up itself. Returns the exit status."""
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.docutils import docutils_namespace, patch_docutils
    from sphinx.util.tags import Tags

    srcdir, outdir = srcdir.resolve(), outdir.resolve()
    confdir = (confdir or srcdir).resolve()
    extensions = list(Config.read(confdir, overrides={}, tags=Tags()).extensions)
    if "edition.linkcheck" not in extensions:
        extensions.append("edition.linkcheck")
    (outdir / "summary.txt").unlink(missing_ok=True)  # never print a previous run's
    try:
        with patch_docutils(confdir), docutils_namespace():
            app = Sphinx(
                srcdir,
                confdir,
                outdir,
                outdir / ".doctrees",
                "edition-linkcheck",
                confoverrides={"extensions": extensions, **overrides},
                status=sys.stdout if verbose else None,
                warning=sys.stderr,
            )
            app.build()
            status = app.statuscode
    except Exception as exc:
        print(f"edition.linkcheck: the external check could not run: {exc}", file=sys.stderr)
        return 2
    summary = outdir / "summary.txt"
    if not verbose and summary.is_file():
        print(summary.read_text(encoding="utf-8"), end="")
    return status


def _external(args: argparse.Namespace) -> int:
    srcdir = Path(args.source_dir)
    outdir = Path(args.out) if args.out else srcdir / "_build" / "linkcheck"
    return run_external(srcdir, outdir, external_overrides(args), verbose=args.verbose)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m edition.linkcheck", description=__doc__.split("\n")[0])
    commands = main.add_subparsers(dest="command", required=True)

    internal = commands.add_parser("internal", help="check every link and anchor of the built HTML")
    internal.add_argument("html_dir", help="the built site, e.g. docs/_build/html")
    internal.add_argument("--source", help="the source folder (default: the folder above with conf.py)")
    internal.add_argument(
        "--also", action="append", help="glob (relative to the source) of text files that generate links"
    )
    internal.add_argument("--json", help="report file (default: <html>/../linkcheck/internal.json)")
    internal.set_defaults(run=_internal)

    external = commands.add_parser("external", help="check every external URL (edition-linkcheck builder)")
    external.add_argument("source_dir", help="the source folder, e.g. docs")
    external.add_argument("--out", help="output folder (default: <source>/_build/linkcheck)")
    external.add_argument(
        "--strict", action="store_true", help="fail on broken, timed-out, rate-limited or unchecked links"
    )
    external.add_argument("--refresh", action="store_true", help="check every URL again, ignoring the cache")
    external.add_argument("--offline", action="store_true", help="do not use the network")
    external.add_argument("--deadline", type=float, help="time limit of the whole check, in seconds")
    external.add_argument("--timeout", type=float, help="timeout of one request, in seconds")
    external.add_argument("--cache", help="cache file (default: <out>/cache.json)")
    external.add_argument("-D", dest="define", action="append", help="override a setting: name=value")
    external.add_argument("-v", "--verbose", action="store_true", help="show Sphinx's progress")
    external.set_defaults(run=_external)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status
