"""The bare twin of an edition: the same pages and text for plain Sphinx and myst-parser.

The edition's markup is stripped from every page (``{para}`pN``` and ``{pb}`N``` removed, ``{emend}`a | b |
c | d``` -> ``a``, ``[words]{#id .claim}`` -> ``words``, ``{cite}`key, p. 4``` -> ``(key,
p. 4)``, ``{ref}`p12``` -> ``¶ 12``, ``{datafile}`` -> its text), the author's notes become
ordinary MyST footnotes on the page of their marker (``{endnote}`N``` -> ``[^N]`` with
``[^N]: text`` below), and the edition's generated listings (apparatus, bibliography, register,
index) are dropped. ``conf.py`` keeps every setting of the edition's (theme, MyST options,
templates) except the ``edition`` extension and its ``edition_*`` options.
"""

from __future__ import annotations

import re
import runpy
import shutil
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

#: Directives of the edition whose whole block is dropped from the bare text.
LISTINGS = {
    "apparatus",
    "bibliography",
    "citation-reconciliation",
    "dated-claims",
    "annotation-index",
    "endnote-reconstructions",
}
SKIP_DIRS = {"_build", "_witness", "claims"}

PARA = re.compile(r"\{para\}`[^`]*`[ \t]*")
PAGE_BREAK = re.compile(r"\{pb\}`[^`]*`")
EMEND = re.compile(r"\{emend\}`([^`]*)`")
CLAIM = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\{[^{}]*\.claim\b[^{}]*\}")
ENDNOTE = re.compile(r"\{endnote\}`\[?(\d+)\]?`")
CITE = re.compile(r"\{cite\}`([^`]*)`")
DATAFILE = re.compile(r"\{datafile\}`([^`]*)`")
REF_PARA = re.compile(r"\{ref\}`(?:([^`<]*?)\s*<)?p(\d+[a-z]?)>?`")
FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")

PROBE = """
# Benchmark hook (tests/benchmark/probe.py): records the pages read and written, when asked.
import os as _os

if _os.environ.get("BENCH_PROBE"):
    extensions = [*extensions, "tests.benchmark.probe"]
"""


def strip_inline(text: str) -> str:
    """The edition's inline markup of one page, as plain MyST."""
    text = PARA.sub("", text)
    text = PAGE_BREAK.sub("", text)
    text = EMEND.sub(lambda m: m.group(1).split("|")[0].strip(), text)
    previous = None
    while previous != text:  # claims may hold brackets of their own
        previous, text = text, CLAIM.sub(lambda m: m.group(1), text)
    text = ENDNOTE.sub(lambda m: f"[^{m.group(1)}]", text)
    text = CITE.sub(lambda m: f"({m.group(1).strip()})", text)
    text = DATAFILE.sub(lambda m: m.group(1).rpartition("<")[0].strip() or m.group(1), text)
    return REF_PARA.sub(lambda m: m.group(1) or f"¶ {m.group(2)}", text)


def split_blocks(text: str) -> tuple[str, dict[int, str]]:
    """Drop the edition's listings and take the endnotes out: ``(page, {number: note text})``."""
    out: list[str] = []
    notes: dict[int, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None or match["name"] not in (LISTINGS | {"endnote"}):
            out.append(lines[i])
            i += 1
            continue
        fence = match["fence"]
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence
        if match["name"] == "endnote":
            number = int(match["arg"].strip().strip("[]"))
            content = [line for line in body if not re.match(r"^:[\w-]+:", line)]
            paragraphs = [p.strip() for p in "\n".join(content).split("\n\n") if p.strip()]
            notes[number] = "\n\n    ".join(" ".join(p.split()) for p in paragraphs)
    return "\n".join(out), notes


def convert_tree(src: Path, dst: Path, namespace: dict[str, Any]) -> int:
    """Write the bare twin of the book in *src* to *dst*; returns the number of pages."""
    pages: dict[Path, str] = {}
    notes: dict[int, str] = {}
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if rel.parts[0] in SKIP_DIRS or path.is_dir() or rel.name == "conf.py":
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copyfile(path, target)
            continue
        page, found = split_blocks(path.read_text(encoding="utf-8"))
        pages[target] = strip_inline(page)
        notes.update({n: strip_inline(t) for n, t in found.items()})
    for target, page in pages.items():
        used = [int(n) for n in dict.fromkeys(re.findall(r"\[\^(\d+)\]", page))]
        definitions = [f"[^{n}]: {notes[n]}" for n in used if n in notes]
        if definitions:
            page = page.rstrip("\n") + "\n\n" + "\n\n".join(definitions) + "\n"
        target.write_text(page, encoding="utf-8")
    (dst / "conf.py").write_text(render_conf(bare_namespace(namespace)), encoding="utf-8")
    return len(pages)


def conf_namespace(path: Path) -> dict[str, Any]:
    """The settings of a ``conf.py``: its plain values (no modules, classes or functions)."""
    found = runpy.run_path(str(path))
    return {k: v for k, v in found.items() if not k.startswith("_") and _plain(v)}


def _plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def bare_namespace(namespace: dict[str, Any]) -> dict[str, Any]:
    """The same settings without the edition: no ``edition`` extension, no ``edition_*``."""
    out = {k: v for k, v in namespace.items() if not k.startswith("edition_")}
    out["extensions"] = [e for e in namespace.get("extensions", []) if e.split(".")[0] != "edition"]
    return out


def render_conf(namespace: dict[str, Any], probe: bool = True) -> str:
    lines = ['"""Generated by tests/benchmark: do not edit."""', ""]
    lines += [f"{key} = {value!r}" for key, value in namespace.items()]
    return "\n".join(lines) + "\n" + (PROBE if probe else "")
