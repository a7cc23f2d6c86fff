"""The records of a contributed annotation, parsed and validated."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Selector:
    """A W3C Web Annotation TextQuoteSelector."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Author:
    name: str
    orcid: str = ""
    github: str = ""


@dataclass(frozen=True)
class Annotation:
    slug: str
    label: str  # "annotations/NAME.md", as shown in messages
    path: str
    selector: Selector
    selector_line: int
    authors: tuple[Author, ...]
    created: str
    kind: str
    citations: tuple[str, ...]
    body: str
    body_line: int  # file line of the body's first line


#: A file's stamp: (name, modification time in ns, size).
FileStamp = tuple[str, int, int]


@dataclass(frozen=True)
class ParsedFile:
    """What one file gave, kept so an unchanged file is not parsed again."""

    stamp: FileStamp
    annotation: Annotation | None  # None if refused
    problems: tuple[tuple[str, str], ...]  # (location, message)


@dataclass
class AnnotationSet:
    stamp: tuple[FileStamp, ...]
    annotations: dict[str, Annotation] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (location, message)
    broken: set[str] = field(default_factory=set)  # slugs refused, so never rendered
    files: dict[str, ParsedFile] = field(default_factory=dict)  # by file name
    kinds: tuple[str, ...] = ()  # the kinds allowed when the files were checked
    _by_exact: dict[str, list[Annotation]] | None = None

    def by_exact(self) -> dict[str, list[Annotation]]:
        """Annotations by their normalised quotation, computed once per set (not per page)."""
        if self._by_exact is None:
            from edition.annotations.anchoring import normalise

            self._by_exact = {}
            for annotation in self.annotations.values():
                self._by_exact.setdefault(normalise(annotation.selector.exact), []).append(annotation)
        return self._by_exact
