"""The records every part of the link check shares: where a link is written,
what it points to, and what checking it found."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """What checking a link found (the names are those of Sphinx's linkcheck)."""

    WORKING = "working"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    TIMEOUT = "timeout"
    RATE_LIMITED = "rate-limited"
    UNCHECKED = "unchecked"
    IGNORED = "ignored"


#: Statuses that mean the reader may not reach the page.
BAD = frozenset({Status.BROKEN, Status.TIMEOUT})
#: Statuses that mean nobody knows: the check could not find out.
UNKNOWN = frozenset({Status.RATE_LIMITED, Status.UNCHECKED})


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; ``path`` is shown as given (relative to the working folder)."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    @classmethod
    def of(cls, path: str | os.PathLike[str], line: int | None = None) -> Location:
        return cls(display_path(path), line if line and line > 0 else None)


def display_path(path: str | os.PathLike[str]) -> str:
    """*path* relative to the working folder when it lies inside it, else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


@dataclass(frozen=True)
class ArchivedCopy:
    """An archived copy of a live URL, with the date it was made or consulted."""

    url: str
    date: str = ""  # ISO 8601, as precise as known


@dataclass(frozen=True)
class Link:
    """One URL to check, with every place that gives it."""

    uri: str
    locations: tuple[Location, ...]
    archive: ArchivedCopy | None = None


@dataclass(frozen=True)
class Outcome:
    """What one check of one URL found."""

    status: Status
    info: str = ""
    code: int = 0
    final_url: str = ""


@dataclass(frozen=True)
class Result:
    """A link and what its check found (fresh, or from the cache)."""

    link: Link
    outcome: Outcome
    cached: bool = False
    seconds: float = 0.0
    archive_status: Status | None = None  # of the archived copy, when it was checked too

    @property
    def status(self) -> Status:
        return self.outcome.status
