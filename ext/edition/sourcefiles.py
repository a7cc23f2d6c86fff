"""Reading the files a contributor can touch: one policy for all of them.

A file the edition reads besides the pages (``references.bib``, ``annotations/*.md``,
``docs/claims/*.yml``, the witness) must be a regular file, not a link (which could point
at ``/dev/zero`` or outside the repository) nor a folder; it must be at most
:data:`MAX_BYTES` long; and it must be UTF-8. Anything else is a located problem that
says what to do, never a traceback, and nothing of the file is used.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from edition.diagnostics import Problem, file_location

if TYPE_CHECKING:
    from pathlib import Path

#: The largest file the edition reads. The paper's library is about 110 KB and its witness
#: 60 KB; the benchmark's 100x book (840,000 words) has a witness of 5.8 MB. The cap is there
#: so that no file can make a build read without end, not to limit the size of a book.
MAX_BYTES = 16_000_000


class RefusedFileError(Exception):
    """A file the edition will not read; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(path: Path, label: str, limit: int = MAX_BYTES) -> str:
    """The text of *path* (shown as *label* in messages), or :class:`RefusedFileError`."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise RefusedFileError(
            Problem(label, f"cannot be read ({exc.strerror}): check that the file exists")
        ) from None
    kind = _kind(info.st_mode)
    if kind != "file":
        raise RefusedFileError(
            Problem(label, f"is {kind}, not a regular file: replace it with the file itself")
        )
    if info.st_size > limit:
        raise RefusedFileError(
            Problem(label, f"is {info.st_size:,} bytes long, more than the {limit:,} allowed: shorten it")
        )
    # O_NOFOLLOW: the file cannot have been swapped for a link since it was looked at.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise RefusedFileError(Problem(label, f"is longer than the {limit:,} bytes allowed: shorten it"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RefusedFileError(
            Problem(
                file_location(label, line),
                f"is not UTF-8 (byte 0x{data[exc.start]:02X} at column {column}): save the file as UTF-8",
            )
        ) from None


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def entries(folder: Path, suffix: str) -> tuple[list[Path], list[Problem]]:
    """The regular files of *folder* named ``*<suffix>`` (sorted), and a problem for every entry
    that looks like one but is not: a link, a folder, or a name whose suffix differs in case."""
    files: list[Path] = []
    problems: list[Problem] = []
    label = folder.name
    with os.scandir(folder) as scan:
        found = sorted(scan, key=lambda e: e.name)
    for entry in found:
        name = entry.name
        if not name.lower().endswith(suffix.lower()):
            continue
        where = f"{label}/{name}"
        if not name.endswith(suffix):
            problems.append(Problem(where, f"is not read: name it with a lowercase {suffix!r}"))
            continue
        kind = _kind(entry.stat(follow_symlinks=False).st_mode)
        if kind != "file":
            problems.append(Problem(where, f"is {kind}, not a regular file: replace it with the file itself"))
            continue
        files.append(folder / name)
    return files, problems
