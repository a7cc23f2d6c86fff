"""The library formatted once per build (after the merge), shared by every
page that shows a reference."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from edition import config
from edition.citations.csl import short_label, to_csl
from edition.citations.library import get_library, library_stamp
from edition.citations.style import format_bibliography, plain
from edition.domain import get_domain

#: The formatted library, kept in the domain; its head is its stamp, (library mtime, style).
KEPT = "formatted"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Formatted:
    csl: dict[str, str]  # key -> CSL-JSON item, as JSON text (one object each in the saved environment)
    html: dict[str, str]  # key -> bibliography entry (HTML with <i>, <b>)
    label: dict[str, str]  # key -> "Zedillo 2000"
    stamp: tuple[float, str] = (0.0, "")  # (library mtime, style) it was made for
    by_digest: dict[str, str] = field(default_factory=dict)  # item digest -> HTML, reused next time

    def text(self, key: str) -> str:
        return plain(self.html.get(key, key))


def _digest(item: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(item, sort_keys=True).encode(), usedforsecurity=False).hexdigest()


def format_library(app: Sphinx, env: BuildEnvironment) -> None:
    """Format the library once per change, in the main process, before pages
    are written. Entries are formatted independently, so only entries that
    are new or changed since the last build go through citeproc again."""
    domain = get_domain(env)
    mtime = library_stamp(env)
    if mtime is None:
        return
    style = config.get(env.config).csl_style
    kept = domain.kept(KEPT)
    if kept is not None and kept.head == (mtime, style):
        return
    library = get_library(env)
    assert library is not None
    previous: Formatted | None = kept.value if kept is not None else None
    known = previous.by_digest if previous is not None and previous.stamp[1] == style else {}
    csl = {key: to_csl(entry) for key, entry in library.entries.items()}
    digests = {key: _digest(item) for key, item in csl.items()}
    missing = [item for key, item in csl.items() if digests[key] not in known]
    fresh = format_bibliography(missing, style)
    by_digest = {digests[key]: fresh[key] if key in fresh else known[digests[key]] for key in csl}
    html = {key: by_digest[digests[key]] for key in csl}
    labels = {k: short_label(v) for k, v in csl.items()}
    texts = {key: json.dumps(item, ensure_ascii=False, indent=2) for key, item in csl.items()}
    stamp = (library.mtime, style)
    domain.keep(KEPT, Formatted(texts, html, labels, stamp, by_digest), head=stamp)


def get_formatted(env: BuildEnvironment) -> Formatted:
    kept = get_domain(env).kept(KEPT)
    return kept.value if kept is not None else Formatted({}, {}, {})


def html_to_nodes(html: str) -> list[nodes.Node]:
    """citeproc's HTML (only <i> and <b>) as docutils nodes, for every builder."""
    from html import unescape

    out: list[nodes.Node] = []
    stack: list[nodes.Element] = []
    for part in re.split(r"(</?[ib]>)", html):
        if part in ("<i>", "<b>"):
            stack.append(nodes.emphasis() if part == "<i>" else nodes.strong())
        elif part in ("</i>", "</b>"):
            if stack:
                done = stack.pop()
                (stack[-1] if stack else out).append(done)
        elif part:
            text = nodes.Text(unescape(re.sub(r"<[^>]+>", "", part)))
            (stack[-1] if stack else out).append(text)
    return out
