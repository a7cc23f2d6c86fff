"""The BibTeX library: parsed once per build with bibtexparser v2, cached by
modification time, checked entry by entry with ``references.bib:LINE`` errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bibtexparser
from bibtexparser import middlewares

from edition import config
from edition.citations import latextext
from edition.citations.bibraw import bib_value, raw_fields
from edition.citations.dependencies import changed_keys, note_changed_keys
from edition.diagnostics import Subtype, config_location, file_location, report
from edition.domain import get_domain, mark_input_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Fields an entry must have, by type; a tuple inside means "one of these".
REQUIRED: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "article": ("title", "journal", "year"),  # an unsigned press article has no author
    "book": (("author", "editor"), "title", "publisher"),  # Chicago prints n.d. for no year
    "incollection": (("author",), "title", "booktitle", "year"),
    "inproceedings": (("author",), "title", "booktitle", "year"),
    "report": (("author", "institution"), "title", "year"),
    "techreport": (("author", "institution"), "title", "year"),
    "misc": ("title",),
    "online": ("title", "url", "year"),
    "phdthesis": (("author",), "title", "school", "year"),
}


#: The parsed library, kept in the domain; its head is (mtime, located problems).
KEPT = "library"
#: Fields taken from the raw entry: LaTeX decoding would break them.
RAW_FIELDS = frozenset({"url", "doi", "archive", "archiveurl"})


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    literal: str = ""  # a corporate author, written {In Braces} in BibTeX


@dataclass(frozen=True)
class BibEntry:
    key: str
    type: str
    fields: dict[str, str]
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    line: int  # 1-based line of the entry in the file
    raw: str


@dataclass
class Library:
    path: str  # as shown in messages, e.g. "references.bib"
    mtime: float
    entries: dict[str, BibEntry] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def location(self, line: int | None) -> str:
        return file_location(self.path, line)


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


def _decode(value: str) -> str:
    """LaTeX to text for names, which the decoding middleware leaves alone."""
    if "\\" not in value:
        return _clean(value)
    decoded = latextext.decode(value)
    if decoded is None:
        from pylatexenc.latex2text import LatexNodes2Text

        decoded = LatexNodes2Text().latex_to_text(value)
    return _clean(decoded)


def _person(name: Any) -> Person:
    last = " ".join(name.last)
    if not name.first and last.startswith("{") and last.endswith("}"):
        return Person("", "", _decode(last[1:-1]))
    family = " ".join([*name.von, last])
    return Person(_decode(" ".join(name.first)), _decode(family))


class PlainTextAwareLatexDecoding(middlewares.LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, with pylatexenc kept for what needs it.

    Almost every value in the library is plain text, and most of the rest use
    only braces, dashes and accents; running pylatexenc on each made parsing
    fifteen times slower. A value with none of LaTeX's special characters or
    ligatures decodes to itself, the simple ones go through
    :mod:`edition.citations.latextext`, and only the others through pylatexenc.
    """

    MARKS = ("\\", "~", "$", "{", "}", "--", "``", "''")

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not any(mark in python_string for mark in self.MARKS):
            return python_string, ""
        decoded = latextext.decode(python_string)
        if decoded is not None:
            return decoded, ""
        return super()._transform_python_value_string(python_string)


def parse(path: Path, label: str) -> Library:
    """Parse *path*; problems are kept with their lines, nothing is raised."""
    library = Library(label, path.stat().st_mtime)
    text = path.read_text(encoding="utf-8")
    # Name splitting must run before LaTeX decoding, which would strip the braces
    # that keep a corporate author such as {White House} in one piece.
    parsed = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            PlainTextAwareLatexDecoding(),
            middlewares.MonthIntMiddleware(),
        ],
    )
    for entry in parsed.entries:
        fields: dict[str, str] = {}
        authors: tuple[Person, ...] = ()
        editors: tuple[Person, ...] = ()
        for f in entry.fields:
            name = f.key.lower()
            if name == "author":
                authors = tuple(_person(n) for n in f.value)
            elif name == "editor":
                editors = tuple(_person(n) for n in f.value)
            else:
                fields[name] = str(f.value) if isinstance(f.value, int) else _clean(str(f.value))
        line = (entry.start_line or 0) + 1
        raw = entry.raw if isinstance(entry.raw, str) else ""
        for name, (value, _) in raw_fields(raw).items():
            if name in RAW_FIELDS:
                fields[name] = bib_value(value)
        record = BibEntry(entry.key, entry.entry_type.lower(), fields, authors, editors, line, raw)
        if entry.key in library.entries:
            continue
        library.entries[entry.key] = record
        library.problems.extend((line, msg) for msg in _missing_fields(record))
    for block in parsed.failed_blocks:
        line = (block.start_line or 0) + 1
        reason = getattr(block, "error", None) or type(block).__name__
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            key = getattr(block, "key", "?")
            first = library.entries.get(key)
            where = f" (first at line {first.line})" if first else ""
            library.problems.append(
                (line, f"duplicate key {key!r}{where}: every entry needs its own key; the first wins")
            )
            continue
        if type(block).__name__ == "DuplicateFieldKeyBlock":
            library.problems.append((line, f"an entry repeats a field: {reason}; keep one of each"))
            continue
        library.problems.append(
            (line, f"malformed entry ({reason}): fix the BibTeX syntax; the entry is ignored until then")
        )
    library.problems.sort()
    return library


def _missing_fields(entry: BibEntry) -> list[str]:
    required = REQUIRED.get(entry.type)
    if required is None:
        return [
            f"entry {entry.key!r} has type @{entry.type}, which the edition does not format: "
            f"use one of {', '.join('@' + t for t in sorted(REQUIRED))}"
        ]
    present = (
        set(entry.fields)
        | ({"author"} if entry.authors else set())
        | ({"editor"} if entry.editors else set())
    )
    out = []
    for need in required:
        options = need if isinstance(need, tuple) else (need,)
        if not present.intersection(options):
            out.append(
                f"entry {entry.key!r} (@{entry.type}) lacks the required field {' or '.join(options)}: "
                "add it, or say in `note` why it cannot be confirmed and supply what the source states"
            )
    return out


def library_path(env: BuildEnvironment) -> tuple[Path, str] | None:
    name = config.get(env.config).bibliography
    if not name:
        return None
    return Path(env.srcdir, name).resolve(), Path(name).name


def load(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Parse the library if it changed since the last build, then report its
    problems (every build, so a broken library always fails a strict build).
    The keys of changed entries are noted, so that only the pages showing them
    are written again (:mod:`edition.citations.dependencies`)."""
    found = library_path(env)
    if found is None:
        return
    path, label = found
    domain = get_domain(env)
    kept = domain.kept(KEPT)
    if not path.is_file():
        report(
            Subtype.BIBTEX,
            f"the library {label} (edition_bibliography) does not exist",
            location=config_location(app.confdir, "edition_bibliography"),
        )
        domain.drop(KEPT)
        return
    mtime = path.stat().st_mtime
    if kept is None or kept.head[0] != mtime:
        fresh = parse(path, label)
        if kept is not None:
            note_changed_keys(env, changed_keys(kept.value, fresh))
        problems = tuple((fresh.location(line), message) for line, message in fresh.problems)
        kept = domain.keep(KEPT, fresh, head=(mtime, problems))
        mark_input_changed(env, "library")
    for location, message in kept.head[1]:
        report(Subtype.BIBTEX, message, location=location)


def library_stamp(env: BuildEnvironment) -> float | None:
    """The modification time of the library the environment holds (without unpacking it)."""
    kept = get_domain(env).kept(KEPT)
    return kept.head[0] if kept is not None else None


def get_library(env: BuildEnvironment) -> Library | None:
    kept = get_domain(env).kept(KEPT)
    return kept.value if kept is not None else None
