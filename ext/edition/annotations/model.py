"""The records of a contributed annotation, parsed and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edition.annotations.anchoring import Automaton
    from edition.diagnostics import Problem


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


@dataclass
class AnnotationSet:
    """Every annotation file of the edition, as one build parsed them."""

    annotations: dict[str, Annotation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # slugs refused, so never rendered
    _by_exact: dict[str, list[Annotation]] | None = None
    _automaton: Automaton | None = None

    def automaton(self) -> Automaton:
        """The automaton over every quotation, built once per set (and process)."""
        if self._automaton is None:
            from edition.annotations.anchoring import Automaton, normalise

            self._automaton = Automaton(normalise(a.selector.exact) for a in self.annotations.values())
        return self._automaton

    def by_exact(self) -> dict[str, list[Annotation]]:
        """Annotations by their normalised quotation, computed once per set (not per page)."""
        if self._by_exact is None:
            from edition.annotations.anchoring import normalise

            self._by_exact = {}
            for annotation in self.annotations.values():
                self._by_exact.setdefault(normalise(annotation.selector.exact), []).append(annotation)
        return self._by_exact
