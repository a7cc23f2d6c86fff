"""The shared inputs: what the edition reads besides each page's own source.

======================  ===============================  ===================================
input                   files                            read while a page is read by
======================  ===============================  ===================================
``library``             ``references.bib``               no page (citations are formatted
                                                         when pages are written)
``annotations``         ``annotations/*.md``             the paper's pages (anchoring)
``claims``              ``docs/claims/*.yml``            the paper's pages and the register
``witness``             the witness                      no page (the fidelity check)
``settings``            (the configuration's values)     no page (Sphinx reads every page
                                                         again for an ``env`` option; this
                                                         makes a change of ``html_baseurl``,
                                                         say, publish the data files again)
======================  ===============================  ===================================

A build parses an input at most once, when it is first asked for it, and
keeps nothing of it in the saved environment but a *fingerprint*: a digest
of the input's files (names and bytes) and of anything else it depends on,
such as the date that reviews are checked against. When a fingerprint
changes, the pages that used the input while they were read are read again
(``env-get-outdated``); everything else a page shows is worked out when it is
written, and :mod:`edition.rebuild` writes every page again whenever
anything changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from edition.domain import get_domain
from edition.sourcefiles import MAX_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The bucket of per-page records naming the inputs a page used while it was read.
USES = "uses"


@dataclass(frozen=True)
class Source:
    """How to find and parse one shared input."""

    files: Callable[[BuildEnvironment], Iterable[Path]]
    load: Callable[[BuildEnvironment], Any]
    #: Anything else the parsed value or its checks depend on (a date, say), as text.
    also: Callable[[BuildEnvironment], str] | None = None


@functools.cache
def sources() -> dict[str, Source]:
    """Every shared input, by name (imported here so that each feature keeps its own loader)."""
    from edition.annotations import loader
    from edition.apparatus import fidelity
    from edition.citations import library
    from edition.claims import register, registry

    return {
        "library": Source(library.files, library.load),
        "annotations": Source(loader.files, loader.load),
        "claims": Source(registry.files, registry.load, also=register.today),
        "witness": Source(fidelity.files, fidelity.load),
        "settings": Source(lambda env: [], lambda env: None, also=settings),
    }


def settings(env: BuildEnvironment) -> str:
    """The configuration's values that can be written as JSON (a function's repr would change
    from one process to the next), as one text."""
    values = {}
    for option in env.config:
        try:
            values[option.name] = json.dumps(option.value, sort_keys=True)
        except (TypeError, ValueError):
            continue
    return json.dumps(values, sort_keys=True)


def fingerprint(env: BuildEnvironment, name: str) -> str:
    """A digest of what input *name* is made from. Files are not followed through links, and a
    file that is not a regular one, or is too large, counts by its type and size alone: the
    loader refuses it with a located error."""
    source = sources()[name]
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(source.files(env)):
        digest.update(str(path).encode() + b"\0")
        try:
            info = path.lstat()
        except OSError:
            digest.update(b"missing\0")
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
            digest.update(path.read_bytes())
        else:
            digest.update(f"{info.st_mode:o} {info.st_size}".encode())
        digest.update(b"\0")
    if source.also is not None:
        digest.update(source.also(env).encode())
    return digest.hexdigest()


def get(env: BuildEnvironment, name: str) -> Any:
    """Input *name*, parsed by this build (once)."""
    loaded = _loaded(env)
    if name not in loaded:
        loaded[name] = sources()[name].load(env)
    return loaded[name]


def use(env: BuildEnvironment, name: str) -> Any:
    """Input *name*, for the page being read: the page is read again when the input changes."""
    domain = get_domain(env)
    used = domain.records(USES, env.docname)
    if name not in used:
        domain.set_records(USES, env.docname, sorted({*used, name}))
    return get(env, name)


def _loaded(env: BuildEnvironment) -> dict[str, Any]:
    # On the domain object, not in its data: it lives for one build and is never saved.
    return get_domain(env).loaded_inputs


def changed_inputs(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """The inputs whose fingerprint changed since the saved environment's build; the new
    fingerprints replace the old ones. Called once a build, before pages are read."""
    _loaded(env).clear()
    domain = get_domain(env)
    new = {name: fingerprint(env, name) for name in sources()}
    old = domain.data.get("fingerprints", {})
    domain.data["fingerprints"] = new
    return {name for name in new if new[name] != old.get(name)}


def pages_using(env: BuildEnvironment, names: set[str]) -> set[str]:
    """The pages that used any of *names* while they were read."""
    return {docname for docname, used in get_domain(env).by_document(USES) if names.intersection(used)}
