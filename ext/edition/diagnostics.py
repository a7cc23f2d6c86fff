"""One warning type for the edition, an enumerated list of subtypes, always a location.

Every problem the edition's extensions find goes through :func:`report`, so each
message can be traced to ``file:line`` and, if a maintainer really must,
silenced with ``suppress_warnings = ["edition.<subtype>"]``.
"""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sphinx.util import logging

from edition.characters import printable

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
    # Messages quote contributors' files: their control characters are shown, never obeyed,
    # and a long quotation cannot make a line of hundreds of thousands of characters.
    message = printable(_bounded(message))
    if isinstance(location, str):
        location = printable(location)
    elif isinstance(location, tuple):
        location = (printable(location[0]), location[1])
    log = logger.error if severity is Severity.ERROR else logger.warning
    log(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def report_all(subtype: Subtype, problems: Iterable[Problem]) -> None:
    """Report each of a loader's problems at its location."""
    for problem in problems:
        report(subtype, problem.message, location=problem.location)


#: The longest message :func:`report` prints; the end (what to do) is always kept.
MESSAGE_LIMIT = 2000


def _bounded(message: str) -> str:
    if len(message) <= MESSAGE_LIMIT:
        return message
    left_out = len(message) - MESSAGE_LIMIT
    head, tail = message[: MESSAGE_LIMIT - 500], message[-500:]
    return f"{head} … [{left_out} characters left out] … {tail}"


def inform(message: str) -> None:
    """Log an informational line (a summary)."""
    message = printable(message)
    logger.info(message)


def file_location(path: str, line: int | None) -> str:
    """A ``path:line`` location string for a file that is not a document."""
    return f"{path}:{line}" if line else path


def assignments(confdir: str | os.PathLike[str] | None) -> dict[str, int]:
    """The names ``conf.py`` assigns at its top level, each with the line of its last assignment."""
    if confdir is None:
        return {}
    try:
        tree = ast.parse(Path(confdir, "conf.py").read_bytes())
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, int] = {}
    for statement in tree.body:
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = list(statement.targets)
        elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
            targets = [statement.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    found[name.id] = statement.lineno
    return found


def config_location(confdir: str | os.PathLike[str] | None, option: str, line: int | None = None) -> str:
    """``path/conf.py:LINE`` of the line that sets *option* (or the file, if it is set elsewhere)."""
    path = Path(confdir or ".", "conf.py")
    return file_location(str(path), line or assignments(confdir).get(option))
