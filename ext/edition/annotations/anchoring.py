"""Anchoring TextQuoteSelectors in the edition's reading text.

The reading text of a page is built once, with whitespace collapsed and
typographic quotes made straight, and every annotation's ``exact`` text is
found in one pass over it with an Aho-Corasick automaton. So the cost grows
with the length of the text plus the length of the quotations, not with
their product: no full scan of the text per annotation.
"""

from __future__ import annotations

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
    """A page's reading text, and where each character came from."""

    text: str
    where: list[tuple[nodes.Text, int] | None]  # node and offset, None for separators
    paragraphs: list[tuple[int, nodes.paragraph]]  # start offset of each paragraph


def page_text(doctree: nodes.document, skip: type | tuple[type, ...] = ()) -> PageText:
    chars: list[str] = []
    where: list[tuple[nodes.Text, int] | None] = []
    paragraphs: list[tuple[int, nodes.paragraph]] = []
    for para in doctree.findall(nodes.paragraph):
        if isinstance(para.parent, nodes.paragraph) or _excluded(para, skip):
            continue
        paragraphs.append((len(chars), para))
        space = True  # collapse leading whitespace
        for text in _texts(para, skip):
            raw = unicodedata.normalize("NFC", text.astext()).translate(QUOTES)
            for offset, char in enumerate(raw):
                if char.isspace():
                    if space:
                        continue
                    char, space = " ", True
                else:
                    space = False
                chars.append(char)
                where.append((text, offset))
        chars.append(BREAK)
        where.append(None)
    return PageText("".join(chars), where, paragraphs)


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


def propose(text: str, starts: list[int], length: int, words: int = 6) -> list[tuple[str, str]]:
    """For each occurrence, the shortest prefix (or suffix) of whole words that
    no other occurrence shares: ``(kind, words)``."""
    proposals = []
    for start in starts:
        found = ("", "")
        for n in range(1, words + 1):
            before = " ".join(text[:start].replace(BREAK, " ").split()[-n:])
            others = [
                s
                for s in starts
                if s != start and " ".join(text[:s].replace(BREAK, " ").split()[-n:]) == before
            ]
            if before and not others:
                found = ("prefix", before + " ")
                break
            after = " ".join(text[start + length :].replace(BREAK, " ").split()[:n])
            others = [
                s
                for s in starts
                if s != start and " ".join(text[s + length :].replace(BREAK, " ").split()[:n]) == after
            ]
            if after and not others:
                found = ("suffix", " " + after)
                break
        proposals.append(found)
    return proposals
