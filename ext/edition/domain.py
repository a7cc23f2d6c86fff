"""Per-document records of the edition, kept in a Domain so parallel reads merge.

Each feature stores immutable records under its own *bucket*, keyed by
docname.  Clearing and merging are then the same for every feature, and
cross-document results are computed only after the merge.

Records, and the shared values a feature *keeps* (the library, the parsed
annotations, the registry), are saved packed (:mod:`edition.packed`): one
string each in the environment, unpacked only by a build that uses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from edition.packed import Packed

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
    #: Inputs shared by all pages whose change a build notes (:func:`mark_input_changed`).
    inputs: ClassVar[tuple[str, ...]] = ("library", "annotation_set", "annotation_listing", "claims_registry")
    initial_data: ClassVar[dict[str, Any]] = {bucket: {} for bucket in buckets}
    # 8: records and kept values saved packed, with heads (file stamps as digests); kept check
    # findings, the fidelity check's among them
    data_version = 8

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Cross-document results, computed once and dropped whenever records change.
        self._memo: dict[str, Any] = {}
        # The records as they were before this build read anything, to tell which changed.
        self._before: dict[str, dict[str, Packed[list[Any]]]] | None = None
        #: Buckets and shared inputs that changed in this build, known once reading is
        #: over (``env-updated``); not saved with the environment.
        self.changed_now: set[str] = set()
        #: (annotation set, its Aho-Corasick automaton): see annotations.placement.automaton_for.
        self.automaton: tuple[Any, Any] | None = None

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """*compute()*'s result, computed once until the records change."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def _bucket(self, bucket: str) -> dict[str, Packed[list[Any]]]:
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
        self._bucket(bucket)[docname] = Packed(list(records))

    def records(self, bucket: str, docname: str) -> list[Any]:
        found = self._bucket(bucket).get(docname)
        return found.value if found is not None else []

    def all_records(self, bucket: str) -> Iterator[Any]:
        """Records of every document, documents in sorted order."""
        data = self._bucket(bucket)
        for docname in sorted(data):
            yield from data[docname].value

    def by_document(self, bucket: str) -> Iterator[tuple[str, list[Any]]]:
        """(docname, records) of every document that has records, in no set order."""
        for docname, packed in self._bucket(bucket).items():
            yield docname, packed.value

    def keep(self, name: str, value: Any, head: Any = None) -> Packed[Any]:
        """Keep a value shared by all pages (saved packed), with the *head* every build reads."""
        self._memo.clear()
        packed = self.data[name] = Packed(value, head)
        return packed

    def kept(self, name: str) -> Packed[Any] | None:
        """The value kept under *name*: ``.head`` costs nothing, ``.value`` unpacks it."""
        found = self.data.get(name)
        return found if isinstance(found, Packed) else None

    def drop(self, name: str) -> None:
        self._memo.clear()
        self.data.pop(name, None)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> EditionDomain:
    domain = env.get_domain(EditionDomain.name)
    assert isinstance(domain, EditionDomain)
    return domain


def known(names: Iterable[str]) -> frozenset[str]:
    """*names*, each checked to be a bucket or a shared input: what a build notes as changed
    (``changed_now``) is matched against these names, so a misspelt one would never match and
    its page, data file or check would silently go stale."""
    out = frozenset(names)
    unknown = out - set(EditionDomain.buckets) - set(EditionDomain.inputs)
    if unknown:
        raise ValueError(
            f"unknown buckets or inputs {sorted(unknown)}: use one of EditionDomain.buckets "
            f"{EditionDomain.buckets} or EditionDomain.inputs {EditionDomain.inputs}"
        )
    return out


def mark_aggregator(env: BuildEnvironment, docname: str, inputs: Iterable[str]) -> None:
    """Note that *docname* shows data gathered from other pages: the records of
    the named buckets (or inputs such as ``library``). It is written again when,
    and only when, one of them changes."""
    domain = get_domain(env)
    records = domain.records("aggregators", docname)
    before = set(records[0]) if records else set()
    domain.set_records("aggregators", docname, [tuple(sorted(before | known(inputs)))])


def mark_input_changed(env: BuildEnvironment, name: str) -> None:
    """A shared input (the library, the registry, the annotations) changed in this build."""
    get_domain(env).data.setdefault("_changed_inputs", set()).update(known([name]))


def _remember_reads(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    domain = get_domain(env)
    domain.data["_reading"] = bool(docnames)
    # Records are replaced, never changed in place: a shallow copy is a snapshot.
    domain._before = {bucket: dict(domain._bucket(bucket)) for bucket in domain.buckets}


def _changed(domain: EditionDomain) -> set[str]:
    changed = set(domain.data.pop("_changed_inputs", set()))
    before = domain._before or {}
    for bucket in domain.buckets:
        old, new = before.get(bucket, {}), domain._bucket(bucket)
        for docname in old.keys() | new.keys():
            a, b = old.get(docname), new.get(docname)
            if a is not b and a != b:
                changed.add(bucket)
                break
    return changed


def _note_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Work out, once reading is over, which buckets and inputs changed (``domain.changed_now``).
    Every reader of ``changed_now`` runs later: the checks, ``env-get-updated`` and publishing."""
    domain = get_domain(env)
    reading = domain.data.pop("_reading", False)
    domain.changed_now = _changed(domain) if reading or domain.data.get("_changed_inputs") else set()
    return []


def _aggregators(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The aggregating pages that show a bucket or input that changed: written again."""
    domain = get_domain(env)
    changed = domain.changed_now
    if not changed:
        return []
    return sorted(
        docname
        for docname, records in domain.by_document("aggregators")
        if records and changed.intersection(records[0])
    )


def setup(app: Sphinx) -> None:
    app.add_domain(EditionDomain)
    app.connect("env-before-read-docs", _remember_reads)
    # Once reading and merging are over, before the whole-edition checks (edition.checking).
    app.connect("env-updated", _note_changes, priority=100)
    app.connect("env-get-updated", _aggregators)
