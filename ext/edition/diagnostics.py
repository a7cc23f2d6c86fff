"""One warning type for the edition, an enumerated list of subtypes, always a location.

Every problem the edition's extensions find goes through :func:`report`, so each
message can be traced to ``file:line`` and, if a maintainer really must,
silenced with ``suppress_warnings = ["edition.<subtype>"]``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sphinx.util import logging

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from docutils import nodes

logger = logging.getLogger(__name__)

#: The ``type`` of every warning this package emits.
WARNING_TYPE = "edition"

Location = "nodes.Node | tuple[str, int | None] | str"


class Subtype(StrEnum):
    """Every kind of problem the edition reports."""

    CONFIG = "config"
    PARAGRAPH_ID = "paragraph-id"
    EMENDATION = "emendation"
    ENDNOTE = "endnote"
    FIDELITY = "fidelity"
    PAGINATION = "pagination"
    BIBTEX = "bibtex"
    CITATION = "citation"
    CLAIM = "claim"
    CLAIM_LINT = "claim-lint"
    CLAIM_REVIEW = "claim-review"
    ANNOTATION = "annotation"
    LINK = "link"
    LATEX = "latex"
    TEI = "tei"


class Problem(NamedTuple):
    """A problem found in a file that is not a page: ``path:line``, and what is wrong with
    what to do. Loaders collect these; a check reports them (:func:`report_all`)."""

    location: str
    message: str


class Severity(StrEnum):
    """An error must be fixed before merging; a warning should be looked at."""

    ERROR = "error"
    WARNING = "warning"


def report(
    subtype: Subtype,
    message: str,
    *,
    location: nodes.Node | tuple[str, int | None] | str,
    severity: Severity = Severity.ERROR,
) -> None:
    """Log *message* as ``edition.<subtype>`` at *location*.

    *location* is a node, a ``(docname, line)`` pair, or a ``"path:line"``
    string for files that are not documents (``references.bib:12``).
    """
    log = logger.error if severity is Severity.ERROR else logger.warning
    log(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def report_all(subtype: Subtype, problems: Iterable[Problem]) -> None:
    """Report each of a loader's problems at its location."""
    for problem in problems:
        report(subtype, problem.message, location=problem.location)


def inform(message: str) -> None:
    """Log an informational line (a summary)."""
    logger.info(message)


def file_location(path: str, line: int | None) -> str:
    """A ``path:line`` location string for a file that is not a document."""
    return f"{path}:{line}" if line else path


def config_location(confdir: str | os.PathLike[str], option: str) -> str:
    """``path/conf.py:LINE`` of the line that sets *option* (or the file)."""
    path = Path(confdir, "conf.py")
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(option):
                return f"{path}:{number}"
    except OSError:
        pass
    return f"{path}:1"
