"""Fidelity: rebuild the witness from the edition and compare, word for word.

While each paper page is read, its text is turned back into the witness's
form: emendations give their original reading, restored markers and numbers
vanish, surviving ones become superscripts again, editorial matter is dropped
and the notes return to the witness's order.  After all pages are read, the
pages are joined in reading order and compared with the witness, with only
the silent normalisations of EDITORIAL.md applied to it (hard wraps and page
breaks joined).  Each page break of the witness becomes a token there, and
each ``{pb}`` milestone the same token in the edition
(:mod:`edition.apparatus.pagination`), so the milestones are checked with the
words.  Any difference is an unrecorded change and is reported where it is,
in the edition and in the witness.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edition import config, inputs, sourcefiles
from edition.apparatus import pagination
from edition.apparatus.witness import witness_pieces
from edition.diagnostics import Problem, Subtype, config_location, file_location, inform, report
from edition.domain import get_domain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


BUCKET = "witness"
MAX_REPORTS = 25
HYPHEN_AT_BREAK = re.compile(r"[A-Za-z]-$")


@dataclass(frozen=True)
class Token:
    text: str
    where: tuple[str, int | None]  # (docname or file, line)


def tokens_of_pieces(pieces: Sequence[tuple[str, int | None]], docname: str) -> list[Token]:
    """Whitespace-separated words, each with the source line it starts on."""
    text_parts: list[str] = []
    starts: list[int] = []
    lines: list[int | None] = []
    offset = 0
    for text, line in pieces:
        if not text:
            continue
        starts.append(offset)
        lines.append(line)
        text_parts.append(text)
        offset += len(text)
    joined = "".join(text_parts)
    return [
        Token(m.group(), (docname, lines[bisect.bisect_right(starts, m.start()) - 1]))
        for m in re.finditer(r"\S+", joined)
    ]


def witness_words(witness: str) -> tuple[list[str], list[int]]:
    """The witness's words, with hard wraps joined, and the line of each.

    Each page break (:func:`~edition.apparatus.pagination.witness_page_breaks`)
    gives a milestone token numbered from 2, at the line that ends the page; a
    compound a hard wrap split ("much-" / "needed") is joined again.
    """
    text = witness.split("\n")
    page_ends = set(pagination.witness_page_breaks(text))
    out: list[str] = []
    lines: list[int] = []
    broken = False
    page = 1
    for index, line in enumerate(text):
        words = line.split()
        if not words:
            continue
        if broken and out and words[0][:1].islower():
            out[-1] += words.pop(0)
        out += words
        lines += [index + 1] * len(words)
        broken = bool(words) and bool(HYPHEN_AT_BREAK.search(words[-1]))
        if index in page_ends:
            page += 1
            out.append(pagination.token(page))
            lines.append(index + 1)
            broken = False
    return out, lines


def witness_tokens(words: list[str], lines: list[int], label: str) -> list[Token]:
    """The witness's words as located tokens (built only to report a difference)."""
    return [Token(word, (label, line)) for word, line in zip(words, lines, strict=True)]


def witness_path(env: BuildEnvironment) -> Path | None:
    name = config.get(env.config).witness
    return Path(env.srcdir, name) if name else None


def files(env: BuildEnvironment) -> list[Path]:
    path = witness_path(env)
    return [path] if path is not None else []


def load(env: BuildEnvironment) -> str | Problem | None:
    """The witness's text, a problem if it cannot be read, or None if the edition has none."""
    path = witness_path(env)
    if path is None:
        return None
    label = config.get(env.config).witness
    if not path.exists():
        return Problem(
            config_location(env.srcdir, "edition_witness"),
            f"the witness {label!r} (edition_witness) does not exist",
        )
    try:
        return sourcefiles.read_text(path, label)
    except sourcefiles.RefusedFileError as refused:
        return refused.problem


def record_witness_text(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the witness form of each paper page, as one string (``doctree-read``).

    Only the text is kept in the environment; the source line of each word is
    worked out again from the page's doctree when there is a difference to
    locate, which a faithful edition never needs.
    """
    env = app.env
    options = config.get(app)
    if env.docname not in options.paper_pages:
        return
    text = "".join(piece for piece, _ in witness_pieces(doctree))
    get_domain(env).set_records(BUCKET, env.docname, [text])


def _page_text(env: BuildEnvironment, page: str) -> str:
    records = get_domain(env).records(BUCKET, page)
    return records[0] if records else ""


def edition_tokens(env: BuildEnvironment, pages: list[str]) -> list[Token]:
    """The edition's words, each located at its page and source line (from the doctrees)."""
    out: list[Token] = []
    for page in pages:
        out += tokens_of_pieces(witness_pieces(env.get_doctree(page)), page)
    return out


def compare(edition: list[Token], witness: list[Token]) -> list[tuple[str, Token | None, Token | None]]:
    """Differences as ``(message, edition token, witness token)`` triples."""
    a = [t.text for t in edition]
    b = [t.text for t in witness]
    if a == b:
        return []
    out: list[tuple[str, Token | None, Token | None]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours = " ".join(map(pagination.describe, a[i1:i2]))
        theirs = " ".join(map(pagination.describe, b[j1:j2]))
        # Where words are missing, point at the word after which they belong.
        at = i1 - 1 if tag == "insert" and i1 > 0 else i1
        at_edition = edition[min(at, len(edition) - 1)] if edition else None
        at_witness = witness[min(j1, len(witness) - 1)] if witness else None
        pages_a = [pagination.page_of(t) for t in a[i1:i2]]
        pages_b = [pagination.page_of(t) for t in b[j1:j2]]
        if all(pages_a) and all(pages_b) and len(pages_a) + len(pages_b) == 1:
            page = (pages_a or pages_b)[0]
            msg = (
                f"page {page} of the witness begins here, and the edition does not mark it: add "
                f"{{pb}}`{page}` between the last word of page {int(page or 0) - 1} and the first of "
                f"page {page}"
                if tag == "insert"
                else f"the edition marks a page break ({{pb}}`{page}`) where the witness has none: "
                "move the milestone to where the witness's page begins, or remove it"
            )
        elif all(pages_a) and all(pages_b) and tag == "replace":
            msg = (
                f"the edition numbers this page break {', '.join(map(str, pages_a))} where the witness "
                f"has page {', '.join(map(str, pages_b))}: number the milestones after the pages the "
                "witness shows, from 2"
            )
        elif tag == "replace":
            msg = (
                f"the edition reads {_q(ours)} where the witness reads {_q(theirs)}: record the "
                "change as an emendation ({emend}`reading | original | type | reason`) or restore "
                "the witness's reading"
            )
        elif tag == "delete":
            msg = (
                f"the edition has {_q(ours)}, which the witness does not: remove it, mark it "
                "{.editorial}, or record it as an emendation"
            )
        else:
            msg = (
                f"the witness's {_q(theirs)} is missing from the edition: restore it, or record "
                "its removal as an emendation"
            )
        out.append((msg, at_edition, at_witness))
    return out


def _q(words: str, limit: int = 80) -> str:
    return "«" + (words if len(words) <= limit else words[: limit - 1] + "…") + "»"


def check_fidelity(app: Sphinx, env: BuildEnvironment) -> None:
    """Compare the whole edition with the witness, after the merge (``env-check-consistency``)."""
    options = config.get(env.config)
    if not options.witness or not options.paper_pages:
        return
    missing = [page for page in options.paper_pages if page not in env.all_docs]
    if missing:
        report(
            Subtype.CONFIG,
            f"edition_paper_pages names pages that do not exist: {', '.join(missing)}",
            location=config_location(app.confdir, "edition_paper_pages"),
        )
        return
    witness = inputs.get(env, "witness")
    if isinstance(witness, Problem):
        report(Subtype.CONFIG, witness.message, location=witness.location)
        return
    # The common case, a faithful edition, needs only the words; located tokens
    # are built only to report a difference.
    pages = options.paper_pages
    theirs, lines = witness_words(witness)
    ours = "".join(_page_text(env, page) for page in pages).split()
    if ours == theirs:
        inform(f"fidelity: the edition reproduces the witness, {len(theirs)} words")
        return
    problems = compare(edition_tokens(env, pages), witness_tokens(theirs, lines, options.witness))
    for msg, at_edition, at_witness in problems[:MAX_REPORTS]:
        where = f" (witness {file_location(*at_witness.where)})" if at_witness else ""
        report(
            Subtype.FIDELITY,
            msg + where,
            location=at_edition.where if at_edition else config_location(app.confdir, "edition_witness"),
        )
    if len(problems) > MAX_REPORTS:
        report(
            Subtype.FIDELITY,
            f"{len(problems) - MAX_REPORTS} further differences from the witness not shown",
            location=config_location(app.confdir, "edition_witness"),
        )


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", record_witness_text)
    app.connect("env-check-consistency", check_fidelity)
