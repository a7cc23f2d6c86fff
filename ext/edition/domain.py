"""Per-document records of the edition, kept in a Domain so parallel reads merge.

Each feature stores immutable records under its own *bucket*, keyed by
docname, while a page is read. Clearing and merging are then the same for
every feature (``env-purge-doc``, ``env-merge-info``), and cross-document
results are computed only after the merge, from :meth:`EditionDomain.all_records`.

What a build reads besides the pages (the library, the annotations, the
registry) is not kept here: it is parsed afresh by each build that needs it
(:mod:`edition.inputs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain, ObjType

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Set

    from sphinx.environment import BuildEnvironment


class EditionDomain(Domain):
    """Storage for the edition's records; it declares no roles or directives."""

    name = "edition"
    label = "Annotated edition"
    #: One bucket per kind of record, each ``{docname: [record, ...]}``.
    buckets: ClassVar[tuple[str, ...]] = (
        "paragraphs",
        "emendations",
        "witness",
        "endnote_refs",
        "endnotes",
        "citations",
        "claims",
        "claim_waivers",
        "annotations",
        "reading_text",
        "uses",  # the shared inputs a page used while it was read (edition.inputs)
    )
    initial_data: ClassVar[dict[str, Any]] = {bucket: {} for bucket in buckets}
    #: Paragraph ids are published in ``objects.inv`` (``{ref}`` resolves them: see
    #: :func:`edition.apparatus.paragraphs.resolve_paragraph_ref`).
    object_types: ClassVar[dict[str, ObjType]] = {"paragraph": ObjType("paragraph", "ref")}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Cross-document results, computed once and dropped whenever records change.
        self._memo: dict[str, Any] = {}
        #: The shared inputs this build parsed (edition.inputs); never saved.
        self.loaded_inputs: dict[str, Any] = {}
        #: Whether this build changed anything, and the documents it removed (edition.rebuild).
        self.changed = False
        self.removed: set[str] = set()

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """*compute()*'s result, computed once until the records change."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def _bucket(self, bucket: str) -> dict[str, list[Any]]:
        return self.data.setdefault(bucket, {})

    def clear_doc(self, docname: str) -> None:
        self._memo.clear()
        for bucket in self.buckets:
            self._bucket(bucket).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._memo.clear()
        for bucket in self.buckets:
            theirs = otherdata.get(bucket, {})
            for docname in docnames:
                if docname in theirs:
                    self._bucket(bucket)[docname] = theirs[docname]

    def set_records(self, bucket: str, docname: str, records: Iterable[Any]) -> None:
        if bucket not in self.buckets:
            raise ValueError(f"unknown bucket {bucket!r}: declare it in EditionDomain.buckets")
        self._memo.clear()
        self._bucket(bucket)[docname] = list(records)

    def records(self, bucket: str, docname: str) -> list[Any]:
        return self._bucket(bucket).get(docname, [])

    def all_records(self, bucket: str) -> Iterator[Any]:
        """Records of every document, documents in sorted order."""
        data = self._bucket(bucket)
        for docname in sorted(data):
            yield from data[docname]

    def by_document(self, bucket: str) -> Iterator[tuple[str, list[Any]]]:
        """(docname, records) of every document that has records, in no set order."""
        yield from self._bucket(bucket).items()

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for record in self.all_records("paragraphs"):
            yield record.pid, record.label, "paragraph", record.docname, record.pid, 1

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> EditionDomain:
    domain = env.get_domain(EditionDomain.name)
    assert isinstance(domain, EditionDomain)
    return domain


def setup(app: Any) -> None:
    app.add_domain(EditionDomain)
