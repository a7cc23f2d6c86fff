"""The internal link check, on the built HTML: every ``href`` (and ``src``) to a
page, a fragment, a download or a data file must reach a file of the site, and
every ``#fragment`` an ``id`` (or ``name``) of the page it names.

A broken link is reported where it is written: the page's source file (found
through ``_sources/``) at the line that holds the link or its target, else the
text file the link was generated from (a claim, an annotation), else the HTML
file and line.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from edition.linkcheck.model import Location

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

#: Elements and the attribute that holds their link.
LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SOURCE_SUFFIXES = (".md", ".rst", ".ipynb", ".txt")


@dataclass(frozen=True)
class Href:
    value: str
    line: int  # in the HTML file


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    hrefs: list[Href] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    location: Location  # where the link is written, as well as it can be told
    html: Location  # where it is in the built HTML
    href: str
    message: str


@dataclass
class InternalReport:
    pages: int = 0
    links: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag in ("a", "map")):
                self.page.ids.add(value)
            elif name == wanted:
                self.page.hrefs.append(Href(value.strip(), self.getpos()[0]))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def is_internal(href: str) -> bool:
    return bool(href) and href != "#" and not href.startswith("//") and not _SCHEME.match(href)


class SourceMap:
    """From a built page back to the file and line that hold one of its links."""

    def __init__(self, html_dir: Path, srcdir: Path | None, extra: Iterable[Path] = ()) -> None:
        self.html_dir = html_dir
        self.srcdir = srcdir
        self._texts: dict[Path, list[str] | None] = {}
        self.extra = [p for p in extra if p.is_file()]
        self._used: dict[tuple[Path, str], int] = defaultdict(int)

    def source_of(self, html: Path) -> Path | None:
        docname = html.relative_to(self.html_dir).with_suffix("").as_posix()
        if self.srcdir is None:
            return None
        sources = self.html_dir / "_sources"
        for suffix in _SOURCE_SUFFIXES:
            copied = sources / f"{docname}{suffix}"
            if copied.is_file() or copied.with_name(copied.name + ".txt").is_file():
                return self.srcdir / f"{docname}{suffix}"
        for suffix in _SOURCE_SUFFIXES:
            candidate = self.srcdir / f"{docname}{suffix}"
            if candidate.is_file():
                return candidate
        return None

    def _lines(self, path: Path) -> list[str] | None:
        if path not in self._texts:
            try:
                self._texts[path] = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def _find(self, path: Path, needles: list[re.Pattern[str]], key: str) -> int | None:
        """The line of the n-th use of *key* in *path*: the n-th link with the same
        target in a page maps to the n-th line that matches."""
        lines = self._lines(path)
        if not lines:
            return None
        for needle in needles:
            matches = [number for number, text in enumerate(lines, start=1) if needle.search(text)]
            if matches:
                index = self._used[(path, key + needle.pattern)]
                self._used[(path, key + needle.pattern)] += 1
                return matches[min(index, len(matches) - 1)]
        return None

    def locate(self, html: Path, href: Href) -> Location:
        value = href.value
        path_part, _, fragment = value.partition("#")
        fragment = unquote(fragment)
        page_needles = [re.compile(re.escape(value))]
        fragment_needles: list[re.Pattern[str]] = []
        if fragment:
            # The fragment as written, then without prefixes a generator adds ("ref-KEY").
            variants = [fragment]
            rest = fragment
            while "-" in rest:
                rest = rest.split("-", 1)[1]
                if len(rest) >= 3:
                    variants.append(rest)
            fragment_needles = [re.compile(rf"(?<![\w-]){re.escape(v)}(?![\w-])") for v in variants]
        stem = Path(unquote(urlsplit(path_part).path)).stem if path_part else ""
        stem_needles = (
            [re.compile(rf"(?<![\w-]){re.escape(stem)}(?:\.md|\.rst|\.html)?(?![\w-])")] if stem else []
        )
        source = self.source_of(html)
        if source is not None:
            line = self._find(source, page_needles + fragment_needles + stem_needles, value)
            if line:
                return Location.of(source, line)
        for extra in self.extra:
            line = self._find(extra, fragment_needles, value)
            if line:
                return Location.of(extra, line)
        if source is not None and source.is_file():
            return Location.of(source)
        return Location.of(html, href.line)


def _skipped(path: Path, html_dir: Path) -> bool:
    first = path.relative_to(html_dir).parts[0]
    return first in ("_static", "_sources", "_images", "_downloads")


def check_site(html_dir: Path, srcdir: Path | None = None, extra: Iterable[Path] = ()) -> InternalReport:
    """Check every link of every HTML page under *html_dir*."""
    started = time.monotonic()
    html_dir = html_dir.resolve()
    report = InternalReport()
    pages: dict[Path, Page] = {}

    def page(path: Path) -> Page | None:
        if path not in pages:
            try:
                pages[path] = parse_page(path)
            except OSError:
                return None
        return pages[path]

    files = sorted(p for p in html_dir.rglob("*.html") if not _skipped(p, html_dir))
    sources = SourceMap(html_dir, srcdir.resolve() if srcdir else None, extra)
    for html in files:
        current = page(html)
        if current is None:
            continue
        report.pages += 1
        for href in current.hrefs:
            if not is_internal(href.value):
                continue
            report.links += 1
            why = _why_broken(html, href.value, html_dir, page)
            if why:
                report.problems.append(
                    Problem(
                        sources.locate(html, href),
                        Location.of(html, href.line),
                        href.value,
                        f"broken internal link {href.value!r}: {why}",
                    )
                )
    report.seconds = time.monotonic() - started
    return report


def _why_broken(html: Path, href: str, html_dir: Path, page: Callable[[Path], Page | None]) -> str:
    """Why *href* in *html* does not work, or ``""`` if it does."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        target = html
    elif path.startswith("/"):
        target = html_dir / path.lstrip("/")
    else:
        target = html.parent / path
    target = target.resolve()
    if target != html_dir and html_dir not in target.parents:
        return "it points outside the built site"
    shown = target.relative_to(html_dir).as_posix()
    if target.is_dir():
        target = target / "index.html"
        if not target.is_file():
            return f"the folder {shown}/ has no index.html"
    elif not target.is_file():
        return f"there is no file {shown}"
    fragment = unquote(parts.fragment)
    if not fragment or target.suffix not in (".html", ".htm"):
        return ""
    found = page(target)
    if found is None or fragment in found.ids:
        return ""
    return f"{target.relative_to(html_dir).as_posix()} has no id {fragment!r}"
