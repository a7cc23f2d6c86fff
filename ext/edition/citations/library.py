"""The BibTeX library: read by the edition's file policy, parsed with bibtexparser v2 through
its public middleware API, checked entry by entry, every problem at ``references.bib:LINE``.

A contributor can edit the library, so it is checked like any contributed file: besides
BibTeX syntax, duplicate keys (also keys that differ only in case, which BibTeX treats as
one) and required fields, an undefined ``@string`` macro, an empty name in an author list
(``and and``), a ``crossref`` to a missing entry or in a loop, and a URL or DOI that the
edition's link policy (:mod:`edition.urls`) refuses are each an error at their line, and
the offending value is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bibtexparser
from bibtexparser import middlewares

from edition import config, inputs, sourcefiles, urls
from edition.citations import latextext
from edition.citations.bibraw import bib_value, fields_of, macros_used
from edition.diagnostics import Problem, config_location, file_location

if TYPE_CHECKING:
    from bibtexparser.model import Entry
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
#: Fields taken from the raw entry: LaTeX decoding would break them.
RAW_FIELDS = frozenset({"url", "doi", "archive", "archiveurl"})
#: Fields that hold a link, and the policy each must pass.
LINK_FIELDS = {"url": urls.url_problem, "archiveurl": urls.url_problem, "archive": urls.url_problem}
#: BibTeX's predefined macros: the months.
MONTHS = frozenset(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])


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
    entries: dict[str, BibEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def location(self, line: int | None) -> str:
        return file_location(self.path, line)

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.location(line), message))


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


def decode(value: str) -> str:
    """LaTeX to text: the common subset by table (:mod:`latextext`), the rest by pylatexenc."""
    decoded = latextext.decode(value)
    if decoded is None:
        from pylatexenc.latex2text import LatexNodes2Text

        decoded = LatexNodes2Text().latex_to_text(value)
    return _clean(decoded)


class DecodeLatex(middlewares.BlockMiddleware):
    """LaTeX in field values to text (names are decoded when they are split into people).

    bibtexparser's own ``LatexDecodingMiddleware`` runs pylatexenc on every value, which
    reads ``%`` as a comment and drops the rest of the value, and is slow; this one
    decodes the common subset by table. It uses only the public ``transform_entry`` hook.
    """

    def transform_entry(self, entry: Entry, library: Any) -> Entry:
        for f in entry.fields:
            if isinstance(f.value, str) and f.key.lower() not in RAW_FIELDS:
                f.value = decode(f.value)
        return entry


def _person(name: Any) -> Person:
    last = " ".join(name.last)
    if not name.first and last.startswith("{") and last.endswith("}"):
        return Person("", "", decode(last[1:-1]))
    family = " ".join([*name.von, last])
    return Person(decode(" ".join(name.first)), decode(family))


def parse_text(text: str, label: str) -> Library:
    """Parse the library's *text*; problems are kept with their lines, nothing is raised."""
    library = Library(label)
    # Name splitting must run before LaTeX decoding, which would strip the braces
    # that keep a corporate author such as {White House} in one piece.
    parsed = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            DecodeLatex(),
            middlewares.MonthIntMiddleware(),
        ],
    )
    macros = {key.lower() for key in parsed.strings_dict} | MONTHS
    lowered: dict[str, BibEntry] = {}
    for entry in parsed.entries:
        record = _entry(entry, macros, library)
        first = lowered.get(record.key.lower())
        if first is not None:
            library.problem(
                record.line,
                f"duplicate key {record.key!r} (first at line {first.line}"
                + (f" as {first.key!r}" if first.key != record.key else "")
                + "): keys are compared without case, and every entry needs its own; the first wins",
            )
            continue
        lowered[record.key.lower()] = record
        library.entries[record.key] = record
    for block in parsed.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bibtexparser.model.DuplicateBlockKeyBlock):
            first_entry = library.entries.get(block.key)
            where = f" (first at line {first_entry.line})" if first_entry else ""
            library.problem(
                line, f"duplicate key {block.key!r}{where}: every entry needs its own key; the first wins"
            )
        elif isinstance(block, bibtexparser.model.DuplicateFieldKeyBlock):
            library.problem(line, f"an entry repeats a field ({block.error}): keep one of each")
        else:
            reason = getattr(block, "error", None) or type(block).__name__
            library.problem(
                line, f"malformed entry ({reason}): fix the BibTeX syntax; the entry is ignored until then"
            )
    _resolve_crossrefs(library)
    for record in library.entries.values():
        for message in _missing_fields(record):
            library.problem(record.line, message)
    library.problems.sort(key=lambda p: (int(p.location.rpartition(":")[2] or 0), p.message))
    return library


def _entry(entry: Entry, macros: set[str], library: Library) -> BibEntry:
    line = (entry.start_line or 0) + 1
    raw = entry.raw if isinstance(entry.raw, str) else ""
    found = fields_of(raw)
    raws = {name: (value, offset) for name, (value, offset, _) in found.items()}
    used = macros_used(found)
    fields: dict[str, str] = {}
    people: dict[str, tuple[Person, ...]] = {"author": (), "editor": ()}
    for f in entry.fields:
        name = f.key.lower()
        at = line + raws.get(name, ("", 0))[1]
        bare = raws.get(name, ("", 0))[0]
        undefined = [part for part in used.get(name, ([], 0))[0] if part.lower() not in macros]
        if undefined:
            library.problem(
                at,
                f"entry {entry.key!r}: the value of {name} uses the undefined macro {undefined[0]!r}: "
                f"put the text in braces, {name} = {{...}}, or define it with @string",
            )
            continue
        if name in people:
            names = tuple(_person(n) for n in f.value)
            if any(
                not (p.given or p.family or p.literal) or p.given.lower().startswith("and ") for p in names
            ) or (re.search(r"\band\s+and\b", bare, re.IGNORECASE)):
                library.problem(
                    at,
                    f"entry {entry.key!r}: the {name} list has an empty name (two 'and's in a row, or "
                    "an 'and' at an end): remove the extra 'and'",
                )
            people[name] = tuple(p for p in names if p.given or p.family or p.literal)
        else:
            fields[name] = str(f.value) if isinstance(f.value, int) else _clean(str(f.value))
    for name, (value, offset) in raws.items():
        if name in RAW_FIELDS and name in fields:
            fields[name] = bib_value(value)
            problem = urls.doi_problem(fields[name]) if name == "doi" else LINK_FIELDS[name](fields[name])
            if problem:
                library.problem(
                    line + offset,
                    f"entry {entry.key!r}: {name} {fields[name][:80]!r} is refused ({problem}); it is not "
                    "linked until it is corrected",
                )
                del fields[name]
    return BibEntry(
        entry.key, entry.entry_type.lower(), fields, people["author"], people["editor"], line, raw
    )


def _resolve_crossrefs(library: Library) -> None:
    """BibTeX's ``crossref``: an entry takes the fields it lacks from the entry it names
    (the parent's title as its booktitle). A missing parent or a loop is an error."""
    by_lower = {key.lower(): entry for key, entry in library.entries.items()}
    for key, entry in list(library.entries.items()):
        parent_key = entry.fields.get("crossref")
        if parent_key is None:
            continue
        chain = [key.lower()]
        parent = by_lower.get(parent_key.lower())
        while parent is not None and "crossref" in parent.fields and parent.key.lower() not in chain:
            chain.append(parent.key.lower())
            parent = by_lower.get(parent.fields["crossref"].lower())
        if parent is None:
            library.problem(
                entry.line,
                f"entry {key!r}: crossref {parent_key!r} names no entry of the library: add it, "
                "or correct the key",
            )
            continue
        if parent.key.lower() in chain:
            library.problem(
                entry.line,
                f"entry {key!r}: crossref forms a loop ({' → '.join([*chain, parent.key])}): break it",
            )
            continue
        parent = by_lower[parent_key.lower()]
        inherited = {k: v for k, v in parent.fields.items() if k not in ("crossref",)}
        if "title" in inherited and "booktitle" not in entry.fields:
            inherited["booktitle"] = inherited["title"]
        fields = {**inherited, **{k: v for k, v in entry.fields.items() if k != "crossref"}}
        library.entries[key] = BibEntry(
            entry.key,
            entry.type,
            fields,
            entry.authors,
            entry.editors or parent.editors,
            entry.line,
            entry.raw,
        )


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


def files(env: BuildEnvironment) -> list[Path]:
    found = library_path(env)
    return [found[0]] if found else []


def load(env: BuildEnvironment) -> Library | None:
    """The library this build uses, or None if the edition has none."""
    found = library_path(env)
    if found is None:
        return None
    path, label = found
    if not path.exists():
        library = Library(label)
        library.problems.append(
            Problem(
                config_location(env.srcdir, "edition_bibliography"),
                f"the library {label} (edition_bibliography) does not exist",
            )
        )
        return library
    return read(path, label)


def read(path: Path, label: str) -> Library:
    """The library in the file *path* (shown as *label*), read by the edition's file policy."""
    try:
        text = sourcefiles.read_text(path, label)
    except sourcefiles.RefusedFileError as refused:
        library = Library(label)
        library.problems.append(refused.problem)
        return library
    return parse_text(text, label)


def get_library(env: BuildEnvironment) -> Library | None:
    library: Library | None = inputs.get(env, "library")
    return library
