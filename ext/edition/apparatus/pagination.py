"""The witness's pagination: a ``{pb}`` milestone where each of its pages begins.

The extraction keeps no page numbers, but it shows where a page ended inside a
paragraph: it writes each paragraph on one line, so a page end splits the
paragraph in two, mid-sentence, with a blank line between the halves (see
:func:`witness_page_breaks`).  The edition marks each such place::

    ... the much-{pb}`24`maligned temporary work programs ...
    ... {pb}`13a | uncertain: why a page probably began about here` ...

``{pb}`N``` says "page N of the witness begins here", N counting the pages the
extraction shows.  The milestone is quiet: a ``[N]`` in the margin in HTML, a
marginal number in the PDF, ``[N]`` in plain text.  Its id ``wpN`` ("witness
p. N") makes it citable.

A page break that the extraction does not show, and that other evidence places
only approximately, is numbered after the page before it with a letter
(``13a``) and must say why (``uncertain:``); readers see ``[13a?]`` and the
reason.  It is outside the witness's count and outside the fidelity check.

In the witness form of the text (:mod:`edition.apparatus.witness`) a
milestone is the token :func:`token` gives, and the fidelity check puts the
same token at each page break of the witness; so a missing, extra, misplaced
or misnumbered milestone is a located difference like any other.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from edition.apparatus.witness import witness_mapped
from edition.diagnostics import Subtype, report
from edition.nodeutil import editorial, visit_skip

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

#: A printed line of the witness holds at most about 90 characters; a line of the
#: extraction longer than this is a paragraph (or part of one), not one printed line.
PRINTED_LINE = 100
#: How a sentence (or a paragraph) ends, allowing closing quotes and note numbers.
SENTENCE_END = re.compile(r"[.?!:][\"”’)\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$")
TOKEN = re.compile(r"⟨wp([1-9][0-9]*)⟩")
ROLE = re.compile(
    r"\s*(?P<n>[1-9][0-9]*)\s*"
    r"|\s*(?P<after>[1-9][0-9]*[a-z])\s*\|\s*uncertain:\s*(?P<reason>\S.*?)\s*",
    re.DOTALL,
)


def token(number: int) -> str:
    """The milestone of witness page *number* in the witness form of the text."""
    return f"⟨wp{number}⟩"


def describe(word: str) -> str:
    """A token as a reader should see it in a message."""
    found = TOKEN.fullmatch(word)
    return f"[page break: witness p. {found[1]} begins]" if found else word


def page_of(word: str) -> str | None:
    """The page number a milestone token stands for (None for a word)."""
    found = TOKEN.fullmatch(word)
    return found[1] if found else None


def witness_page_breaks(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines of the witness after which a page ends inside a paragraph.

    Such a line is longer than one printed line (a paragraph, not a hard-wrapped
    line) and stops mid-sentence, and a blank line follows it.  A page that ended
    between paragraphs, or exactly at the end of a sentence, leaves no trace.
    """
    out: list[int] = []
    last: int | None = None
    blank = False
    for index, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        if last is not None and blank:
            before = lines[last].rstrip()
            if len(before) > PRINTED_LINE and not SENTENCE_END.search(before):
                out.append(last)
        last, blank = index, False
    return out


def page_id(number: str) -> str:
    return f"wp{number}"


class page_break(nodes.Inline, nodes.Element, witness_mapped, editorial):  # noqa: N801
    """Witness page ``n`` begins here; ``uncertain`` gives why a page probably begins
    here although the witness does not show it (``n`` is then ``13a`` and the like)."""

    def witness_form(self) -> tuple[str, str, bool]:
        if self["uncertain"]:
            return "", "", False
        return f" {token(int(self['n']))} ", "", False


class PageBreakRole(SphinxRole):
    """``{pb}`N``` or ``{pb}`Na | uncertain: reason```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found = ROLE.fullmatch(self.text)
        if found is None:
            report(
                Subtype.PAGINATION,
                f"malformed page break {self.text!r}: write {{pb}}`N` (N, the witness page that "
                "begins here), or {pb}`Na | uncertain: why` for a page break the witness does not "
                "show (numbered after the page before it, with a letter)",
                location=self.get_location(),
            )
            return [], []
        number = found["n"] or found["after"]
        node = page_break(n=number, uncertain=found["reason"] or "", ids=[page_id(number)])
        self.set_source_info(node)
        return [node], []


def _label(node: page_break) -> str:
    return f"[{node['n']}{'?' if node['uncertain'] else ''}]"


def _title(node: page_break) -> str:
    if node["uncertain"]:
        return f"A page of the witness probably begins about here ({node['uncertain']})"
    return f"Page {node['n']} of the witness begins here"


def visit_page_break_html(self: HTML5Translator, node: page_break) -> None:
    anchor = page_id(node["n"])
    uncertain = " ed-pb--uncertain" if node["uncertain"] else ""
    self.body.append(
        f'<span class="ed-pb{uncertain}" id="{anchor}">'
        f'<a class="ed-pb__n" href="#{anchor}" title="{escape(_title(node))}" '
        f'aria-label="{escape(_title(node))}">{_label(node)}</a></span>'
    )
    raise nodes.SkipNode


def visit_page_break_latex(self: LaTeXTranslator, node: page_break) -> None:
    reason = self.encode(node["uncertain"])
    note = rf"\newline\scriptsize uncertain: {reason}" if reason else ""
    self.body.append(
        self.hypertarget_to(node, anchor=True)
        + rf"\marginpar{{\raggedright\footnotesize\textsf{{{_label(node)}}}{note}}}"
    )
    raise nodes.SkipNode


def visit_page_break_text(self: TextTranslator, node: page_break) -> None:
    self.add_text(_label(node))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        page_break,
        html=(visit_page_break_html, None),
        latex=(visit_page_break_latex, None),
        text=(visit_page_break_text, None),
        man=(visit_skip, None),
        texinfo=(visit_skip, None),
    )
    app.add_role("pb", PageBreakRole())
