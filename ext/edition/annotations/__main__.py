"""Contributor commands, run from the repository root::

    python -m edition.annotations check [annotations/NAME.md ...]
    python -m edition.annotations new --quote "words from the paper" [--kind context]
        [--author "Your Name"] [--occurrence N] [--slug NAME]

``check`` reads the edition with Sphinx's dummy builder (no HTML is written),
so its messages are exactly the build's; with file names it shows only the
messages about those files, and a name it cannot check (no such file, not in
``annotations/``, not ending ``.md``) is an error that says why (exit status 2).
``new`` scaffolds ``annotations/<slug>.md`` from a quotation, adding a prefix or
suffix when the quotation occurs more than once. (Set ``PYTHONPATH=ext``, or use
``nox -s check-annotations``.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import tempfile
from pathlib import Path

from edition import sourcefiles
from edition.annotations import scaffold
from edition.annotations.anchoring import BREAK, normalise, propose
from edition.annotations.checks import closest_passages
from edition.annotations.loader import MAX_BYTES, README, SLUG
from edition.annotations.placement import READING
from edition.characters import printable, shorten
from edition.domain import get_domain

ROOT = Path.cwd()
DOCS = ROOT / "docs"


def _read_edition(quiet: bool = True) -> tuple[object, str]:
    from sphinx.application import Sphinx
    from sphinx.util.console import strip_escape_sequences
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, patch_docutils(DOCS), docutils_namespace():
        app = Sphinx(
            str(DOCS),
            str(DOCS),
            f"{tmp}/out",
            f"{tmp}/doctrees",
            "dummy",
            status=None if quiet else sys.stdout,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    return app, strip_escape_sequences(warnings.getvalue())


def _unreadable(given: str) -> str | None:
    """Why the check cannot check *given* as an annotation file (None if it can): the
    build reads only ``annotations/NAME.md``, and only as the edition's file policy allows."""
    path = Path(given)
    if not path.exists() and not path.is_symlink():
        return "no such file: give the path of an annotation file, such as annotations/NAME.md"
    if path.is_dir() and not path.is_symlink():
        return "is a folder: name the files in it, such as annotations/NAME.md, or give no names to check all"
    folder = (ROOT / "annotations").resolve()
    parent = path.absolute().parent.resolve()  # the folder it is in (a link itself is not followed)
    if parent != folder:
        where = "is in a subfolder of" if folder in parent.parents else "is outside"
        return f"{where} annotations/: the build reads only annotations/NAME.md; move the file there"
    if path.suffix != ".md":
        return f"ends {path.suffix or 'without a suffix'}: the build reads only files ending .md (lower case)"
    if path.name == README:
        return "is the folder's README, not an annotation"
    try:
        sourcefiles.read_text(path, given, MAX_BYTES)  # a link, a pipe, too long, not UTF-8
    except sourcefiles.RefusedFileError as refused:
        return refused.problem.message
    return None


def check(files: list[str]) -> int:
    """Check the named annotation files (all, if none): 0 if clean, 1 if problems were found,
    2 if a file named cannot be checked (each says why)."""
    if not (DOCS / "conf.py").is_file():
        print("error: run this from the repository root (the folder that holds docs/ and annotations/)")
        return 2
    refused = [(given, why) for given in files if (why := _unreadable(given)) is not None]
    for given, why in refused:
        print(f"{printable(given)}: ERROR: {why} [edition.annotation]")
    skipped = {given for given, _ in refused}
    wanted = {Path(f).name for f in files if f not in skipped}
    if files and not wanted:
        print(f"not checked: {len(refused)} file(s) named could not be checked")
        return 2
    _, warnings = _read_edition()
    lines = [line for line in warnings.splitlines() if line.strip()]
    if wanted:
        lines = [line for line in lines if any(f"annotations/{name}:" in line for name in wanted)]
    else:
        lines = [line for line in lines if "annotations/" in line or "[edition.annotation" in line]
    for line in lines:
        print(line)
    count = len(list((ROOT / "annotations").glob("*.md"))) if not wanted else len(wanted)
    print(f"{'problems found' if lines else 'ok'}: {len(lines)} message(s) for {count} annotation file(s)")
    if refused:
        print(f"not checked: {len(refused)} file(s) named could not be checked")
        return 2
    return 1 if lines else 0


def _slugify(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", normalise(text).lower())
    return "-".join(words[:6]) or "annotation"


def new(quote: str, kind: str, author: str, occurrence: int, slug: str | None) -> int:
    if slug is not None and not SLUG.fullmatch(slug):
        print(f"--slug {printable(slug)!r} must be lowercase words joined by hyphens, such as sao-paolo")
        return 1
    app, _ = _read_edition()
    texts: dict[str, list[str]] = dict(get_domain(app.env).by_document(READING))  # type: ignore[attr-defined]
    exact = normalise(quote)
    found: list[tuple[str, int]] = []
    order = {doc: i for i, doc in enumerate(app.config.edition_paper_pages)}  # type: ignore[attr-defined]
    for docname, (text,) in sorted(texts.items(), key=lambda item: order.get(item[0], 99)):
        start = text.find(exact)
        while start != -1:
            found.append((docname, start))
            start = text.find(exact, start + 1)
    if not found:
        closest = closest_passages(app.env, exact)  # type: ignore[attr-defined]
        shown = "; ".join(shorten(passage, 120) for passage in closest) or "none"
        print(f"the quotation is not in the edition's text. Closest passages: {shown}")
        return 1
    if not 1 <= occurrence <= len(found):
        print(f"--occurrence must be between 1 and {len(found)}")
        return 1
    prefix = suffix = ""
    if len(found) > 1:
        docname, start = found[occurrence - 1]
        same = [s for d, s in found if d == docname]
        kind_, words = propose(texts[docname][0], same, len(exact), start)
        if not kind_:
            before = " ".join(texts[docname][0][:start].replace(BREAK, " ").split()[-8:])
            prefix = before + " "
        elif kind_ == "prefix":
            prefix = words
        else:
            suffix = words
        print(
            f"the quotation occurs {len(found)} times; choosing occurrence {occurrence} in {docname} "
            f"with {'prefix' if prefix else 'suffix'} {prefix or suffix!r}"
        )
    name = slug or _slugify(quote)
    path = ROOT / "annotations" / f"{name}.md"
    if path.exists():
        print(f"{path.relative_to(ROOT)} already exists: choose another --slug")
        return 1
    data = scaffold.front_matter(quote, prefix, suffix, author, kind, dt.date.today())
    path.write_text(scaffold.render(data), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: write the note in place of the placeholder, then run check")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition.annotations", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate annotation files (all, or those named)")
    p_check.add_argument("files", nargs="*")
    p_new = sub.add_parser("new", help="scaffold an annotation from a quotation")
    p_new.add_argument("--quote", required=True)
    p_new.add_argument(
        "--kind",
        default="context",
        choices=["context", "correction", "source", "cross-reference", "later-development"],
    )
    p_new.add_argument("--author", default="Your Name")
    p_new.add_argument("--occurrence", type=int, default=1)
    p_new.add_argument("--slug")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.files)
    return new(args.quote, args.kind, args.author, args.occurrence, args.slug)


if __name__ == "__main__":
    sys.exit(main())
