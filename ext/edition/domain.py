"""Per-document records of the edition, kept in a Domain so parallel reads merge.

Each feature stores immutable records under its own *bucket*, keyed by
docname.  Clearing and merging are then the same for every feature, and
cross-document results are computed only after the merge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Set

    from sphinx.application import Sphinx
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
        "aggregators",
        "citations",
        "claims",
        "claim_waivers",
        "annotations",
        "links",
        "reading_text",
    )
    initial_data: ClassVar[dict[str, Any]] = {bucket: {} for bucket in buckets}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Cross-document results, computed once and dropped whenever records change.
        self._memo: dict[str, Any] = {}

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
        self._memo.clear()
        self._bucket(bucket)[docname] = list(records)

    def records(self, bucket: str, docname: str) -> list[Any]:
        return self._bucket(bucket).get(docname, [])

    def all_records(self, bucket: str) -> Iterator[Any]:
        """Records of every document, documents in sorted order."""
        data = self._bucket(bucket)
        for docname in sorted(data):
            yield from data[docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> EditionDomain:
    domain = env.get_domain(EditionDomain.name)
    assert isinstance(domain, EditionDomain)
    return domain


def mark_aggregator(env: BuildEnvironment, docname: str) -> None:
    """Note that *docname* shows data gathered from other pages, so it is
    rewritten whenever any page is read again."""
    get_domain(env).set_records("aggregators", docname, [True])


def _remember_reads(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    get_domain(env).data["_reading"] = bool(docnames)


def _aggregators(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = get_domain(env)
    if not domain.data.pop("_reading", False):
        return []
    return sorted(domain.data.get("aggregators", {}))


def setup(app: Sphinx) -> None:
    app.add_domain(EditionDomain)
    app.connect("env-before-read-docs", _remember_reads)
    app.connect("env-get-updated", _aggregators)
