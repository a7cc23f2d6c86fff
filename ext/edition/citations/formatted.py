"""The library formatted once per build (after the merge), shared by every
page that shows a reference."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from edition import config
from edition.citations.csl import short_label, to_csl
from edition.citations.library import get_library
from edition.citations.style import format_bibliography, plain
from edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Formatted:
    csl: dict[str, dict[str, Any]]  # key -> CSL-JSON item
    html: dict[str, str]  # key -> bibliography entry (HTML with <i>, <b>)
    label: dict[str, str]  # key -> "Zedillo 2000"

    def text(self, key: str) -> str:
        return plain(self.html.get(key, key))


def format_library(app: Sphinx, env: BuildEnvironment) -> None:
    """Format every entry once, in the main process, before pages are written."""
    domain = get_domain(env)
    library = get_library(env)
    if library is None or "formatted" in domain.data:
        return
    csl = {key: to_csl(entry) for key, entry in library.entries.items()}
    html = format_bibliography(csl.values(), config.get(env.config).csl_style)
    domain.data["formatted"] = Formatted(csl, html, {k: short_label(v) for k, v in csl.items()})


def get_formatted(env: BuildEnvironment) -> Formatted:
    found = get_domain(env).data.get("formatted")
    return found if found is not None else Formatted({}, {}, {})


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
