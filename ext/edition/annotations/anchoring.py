"""Anchoring TextQuoteSelectors in the edition's reading text.

The reading text of a page is built once, with whitespace collapsed and
typographic quotes made straight, and every annotation's ``exact`` text is
found in one pass over it with an Aho-Corasick automaton. So the cost grows
with the length of the text plus the length of the quotations, not with
their product: no full scan of the text per annotation.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from edition.nodeutil import is_editorial

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "\u00a0": " "}
)
#: Separates paragraphs in a page's reading text; no quotation can contain it.
BREAK = "\u241e"


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(QUOTES).split())


@dataclass
class PageText:
    """A page's reading text, and where each character came from.

    The origin is kept per run of characters, not per character: a segment
    starting at page offset ``starts[k]`` comes from ``origins[k]``, a text
    node and the offset in it of the segment's first character (``None`` for
    the paragraph separators). Within a segment, characters map one to one.
    """

    text: str
    starts: list[int]
    origins: list[tuple[nodes.Text, int] | None]
    paragraphs: list[tuple[int, nodes.paragraph]]  # start offset of each paragraph

    def where(self, index: int) -> tuple[nodes.Text, int] | None:
        """The text node and offset in it of character *index* (None for a separator)."""
        k = bisect.bisect_right(self.starts, index) - 1
        origin = self.origins[k]
        return None if origin is None else (origin[0], origin[1] + index - self.starts[k])


#: Whitespace that collapses (a run of two or more); a single one maps one to one.
LONG_SPACE = re.compile(r"\s{2,}")
SPACE = re.compile(r"\s")


def page_text(doctree: nodes.document, skip: type | tuple[type, ...] = ()) -> PageText:
    """The reading text of *doctree*'s paragraphs: whitespace collapsed, quotes made
    straight, paragraphs separated by :data:`BREAK`, editorial matter left out."""
    parts: list[str] = []
    starts: list[int] = []
    origins: list[tuple[nodes.Text, int] | None] = []
    paragraphs: list[tuple[int, nodes.paragraph]] = []
    length = 0

    def emit(piece: str, origin: tuple[nodes.Text, int] | None) -> None:
        nonlocal length
        starts.append(length)
        origins.append(origin)
        parts.append(piece)
        length += len(piece)

    for para in doctree.findall(nodes.paragraph):
        if isinstance(para.parent, nodes.paragraph) or _excluded(para, skip):
            continue
        paragraphs.append((length, para))
        space = True  # collapse leading whitespace
        for text in _texts(para, skip):
            raw = unicodedata.normalize("NFC", text.astext()).translate(QUOTES)
            start = len(raw) - len(raw.lstrip()) if space else 0
            if start == len(raw):
                continue
            # Each stretch up to and including the first character of a long run of
            # whitespace maps one to one; the rest of the run is dropped.
            for run in LONG_SPACE.finditer(raw, start):
                emit(SPACE.sub(" ", raw[start : run.start() + 1]), (text, start))
                start = run.end()
            if start < len(raw):
                emit(SPACE.sub(" ", raw[start:]), (text, start))
            space = raw[-1].isspace()
        emit(BREAK, None)
    return PageText("".join(parts), starts, origins, paragraphs)


def _excluded(node: nodes.Node, skip: type | tuple[type, ...]) -> bool:
    parent: nodes.Node | None = node
    while parent is not None:
        if is_editorial(parent) or (skip and isinstance(parent, skip)):
            return True
        parent = parent.parent
    return False


def _texts(para: nodes.Element, skip: type | tuple[type, ...]) -> Iterator[nodes.Text]:
    for node in para.findall(nodes.Text):
        parent = node.parent
        hidden = False
        while parent is not None and parent is not para:
            if is_editorial(parent) or (skip and isinstance(parent, skip)):
                hidden = True
                break
            parent = parent.parent
        if not hidden:
            yield node


class Automaton:
    """Aho-Corasick over a set of patterns: all occurrences in one pass."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.fail: list[int] = [0]
        self.out: list[list[str]] = [[]]
        for pattern in set(patterns):
            if pattern:
                self._add(pattern)
        self._link()

    def _add(self, pattern: str) -> None:
        state = 0
        for char in pattern:
            nxt = self.goto[state].get(char)
            if nxt is None:
                nxt = len(self.goto)
                self.goto[state][char] = nxt
                self.goto.append({})
                self.fail.append(0)
                self.out.append([])
            state = nxt
        self.out[state].append(pattern)

    def _link(self) -> None:
        queue = deque(self.goto[0].values())
        while queue:
            state = queue.popleft()
            for char, nxt in self.goto[state].items():
                queue.append(nxt)
                f = self.fail[state]
                while f and char not in self.goto[f]:
                    f = self.fail[f]
                self.fail[nxt] = self.goto[f].get(char, 0) if self.goto[f].get(char, 0) != nxt else 0
                self.out[nxt] = self.out[nxt] + self.out[self.fail[nxt]]

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        """``(start, pattern)`` for every occurrence."""
        state = 0
        for i, char in enumerate(text):
            while state and char not in self.goto[state]:
                state = self.fail[state]
            state = self.goto[state].get(char, 0)
            for pattern in self.out[state]:
                yield i - len(pattern) + 1, pattern


def accepts(text: str, start: int, exact: str, prefix: str, suffix: str) -> bool:
    """Whether the occurrence at *start* also has the selector's prefix and suffix."""
    before = text[:start].rstrip(" ")
    after = text[start + len(exact) :].lstrip(" ")
    if prefix and not before.endswith(prefix.rstrip(" ")):
        return False
    return not (suffix and not after.startswith(suffix.lstrip(" ")))


def _words_before(text: str, end: int, count: int) -> list[str]:
    """The last *count* words of ``text[:end]``, reading back only as far as needed."""
    width = 64
    while True:
        window = text[max(0, end - width) : end].replace(BREAK, " ").split()
        if end - width <= 0 or len(window) > count:
            return window[-count:]
        width *= 4


def _words_after(text: str, start: int, count: int) -> list[str]:
    """The first *count* words of ``text[start:]``, reading on only as far as needed."""
    width = 64
    while True:
        window = text[start : start + width].replace(BREAK, " ").split()
        if start + width >= len(text) or len(window) > count:
            return window[:count]
        width *= 4


def propose(text: str, starts: list[int], length: int, chosen: int, words: int = 6) -> tuple[str, str]:
    """For the occurrence at *chosen* (one of *starts*), the shortest prefix (or suffix) of
    whole words that no other occurrence shares: ``(kind, words)``, or ``("", "")``.

    Each occurrence's neighbouring words are read once, so a quotation found thousands of
    times costs thousands of short comparisons, not thousands of scans of the page."""
    before = {s: _words_before(text, s, words) for s in starts}
    after = {s: _words_after(text, s + length, words) for s in starts}
    others = [s for s in starts if s != chosen]
    for n in range(1, words + 1):
        mine = before[chosen][-n:]
        if mine and all(before[s][-n:] != mine for s in others):
            return ("prefix", " ".join(mine) + " ")
        mine = after[chosen][:n]
        if mine and all(after[s][:n] != mine for s in others):
            return ("suffix", " " + " ".join(mine))
    return ("", "")
