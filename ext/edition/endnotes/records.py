"""The records the endnote feature keeps, and the cross-document index over them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from edition.citations.spec import Citation
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

REFS = "endnote_refs"
NOTES = "endnotes"


def ref_id(number: int) -> str:
    return f"enref-{number}"


def note_id(number: int) -> str:
    return f"en-{number}"


def display(number: int, restored: bool) -> str:
    """Editorial brackets mark what the editor supplied."""
    return f"[{number}]" if restored else str(number)


@dataclass(frozen=True)
class NoteRef:
    """A marker in the text."""

    number: int
    restored: bool
    docname: str
    line: int | None
    paragraph: str | None
    preceding_text: str


@dataclass(frozen=True)
class Endnote:
    """A note in the author's ENDNOTES."""

    number: int
    number_restored: bool
    kind: str
    text: str
    docname: str
    line: int | None
    witness_order: int | None
    confidence: str
    reason: str
    relocated: bool = False
    citations: tuple[Citation, ...] = field(default=())
    locator: str = ""  # an Ibid.'s own locator
    ibid_of: int | None = None  # an Ibid. that skips back past the note before it


@dataclass
class NoteIndex:
    """Markers and notes of the whole edition, by number (computed after the merge)."""

    refs: dict[int, list[NoteRef]]
    notes: dict[int, list[Endnote]]

    @classmethod
    def build(cls, env: BuildEnvironment) -> NoteIndex:
        """The index, built once per build (and again only if records change)."""
        index: NoteIndex = get_domain(env).memo("note_index", lambda: cls._build(env))
        return index

    @classmethod
    def _build(cls, env: BuildEnvironment) -> NoteIndex:
        domain = get_domain(env)
        refs: dict[int, list[NoteRef]] = {}
        notes: dict[int, list[Endnote]] = {}
        for ref in domain.all_records(REFS):
            refs.setdefault(ref.number, []).append(ref)
        for note in domain.all_records(NOTES):
            notes.setdefault(note.number, []).append(note)
        return cls(refs, notes)

    def ref(self, number: int) -> NoteRef | None:
        found = self.refs.get(number)
        return found[0] if found else None

    def note(self, number: int) -> Endnote | None:
        found = self.notes.get(number)
        return found[0] if found else None

    def reconstructed(self, number: int) -> bool:
        note, ref = self.note(number), self.ref(number)
        return bool((note and (note.number_restored or note.relocated)) or (ref and ref.restored))

    def antecedent(self, number: int) -> Endnote | None:
        """The note an Ibid. repeats: ``:ibid-of:`` or the note just before it."""
        note = self.note(number)
        if note is None:
            return None
        return self.note(note.ibid_of if note.ibid_of else number - 1)

    def resolved_citations(self, number: int) -> tuple[tuple[Citation, ...], str | None]:
        """The works note *number* cites, with Ibid. resolved, and a problem if
        an Ibid. cannot be resolved."""
        note = self.note(number)
        if note is None:
            return (), None
        if note.kind != "ibid":
            return note.citations, None
        before = self.antecedent(number)
        if before is None:
            return (), f"endnote {number} reads Ibid. but there is no note before it to repeat"
        sources, problem = self.resolved_citations(before.number) if before.number < number else ((), None)
        if problem:
            return (), problem
        if len(sources) != 1:
            what = "no source" if not sources else f"{len(sources)} sources"
            return (), (
                f"endnote {number} reads Ibid. but note {before.number}, which it repeats, has {what}: "
                "give the Ibid. note :ibid-of: N to name the note it repeats, or give that note one :cite:"
            )
        return (Citation(sources[0].key, note.locator),), None

    def as_json(self) -> list[dict[str, Any]]:
        out = []
        for number in sorted(self.notes):
            note = self.notes[number][0]
            ref = self.ref(number)
            out.append(
                {
                    "number": number,
                    "text": note.text,
                    "kind": note.kind,
                    "page": ref.docname if ref else None,
                    "paragraph": ref.paragraph if ref else None,
                    "preceding_text": ref.preceding_text if ref else "",
                    "reconstructed": self.reconstructed(number),
                    "number_restored": note.number_restored,
                    "marker_restored": bool(ref and ref.restored),
                    "relocated": note.relocated,
                    "witness_order": note.witness_order,
                    "confidence": note.confidence or None,
                    "reason": note.reason or None,
                    "citations": [
                        {"key": c.key, "locator": c.locator} for c in self.resolved_citations(number)[0]
                    ],
                }
            )
        return out
