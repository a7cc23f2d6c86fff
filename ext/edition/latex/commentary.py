"""The editors' annotations in print: a commentary at the foot of the page.

On the web an annotation stands in the margin beside its words. In the book
it becomes a note of reledmac's second series, below the critical apparatus,
keyed like it to paragraph and line and to the words it is about::

    9.3 including Guadalajara] Editor's note a (correction). Guadalajara is ...

so the author's text runs on uninterrupted, as in a critical edition with a
commentary. The letter after the words stays in the text as the cue. An
annotation on words that are not numbered text (the byline) keeps the
editor's note after its paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from edition.annotations.nodes_ import annotation_anchor, annotation_note, annotation_toggle
from edition.latex.critical import numbered_text
from edition.nodeutil import enclosing, visit_pass

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

#: The class of the paragraph that names an annotation's authors and date.
BYLINE = "ed-annotation__byline"
#: A blank line (a paragraph break) in LaTeX a macro argument cannot hold.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\\par\b")


class commentary_lemma(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The annotated words and their letter; the note is its last child."""


class commentary_note(nodes.Inline, nodes.Element):  # noqa: N801
    """An annotation's body, set as a commentary note; ``words`` is the lemma."""


def to_commentary(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Move each annotation on numbered text into a commentary note (``doctree-resolved``)."""
    if app.builder.format != "latex":
        return
    toggles = {t["slug"]: t for t in doctree.findall(annotation_toggle)}
    pieces: dict[str, list[annotation_anchor]] = {}
    for anchor in doctree.findall(annotation_anchor):
        pieces.setdefault(anchor["slug"], []).append(anchor)
    for note in list(doctree.findall(annotation_note)):
        slug = note["slug"]
        toggle = toggles.get(slug)
        if toggle is None or enclosing(toggle, numbered_text) is None or note.parent is None:
            continue
        words = pieces.get(slug, [])
        text = commentary_note(
            slug=slug,
            letter=note["letter"],
            kind=note["kind"],
            words=" ".join(" ".join(p.astext() for p in words).split()),
        )
        text += _run_in_byline(list(note.children))
        note.parent.remove(note)
        lemma = commentary_lemma()
        one = words[0] if len(words) == 1 else None
        if (
            one is not None
            and one.parent is toggle.parent
            and one.parent.index(toggle) == one.parent.index(one) + 1
        ):
            one.replace_self(lemma)
            toggle.parent.remove(toggle)
            lemma += [one, toggle]
        else:  # words in pieces: the note is keyed to where its letter stands
            toggle.parent.insert(toggle.parent.index(toggle) + 1, lemma)
        lemma += text


def _run_in_byline(blocks: list[nodes.Node]) -> list[nodes.Node]:
    """The note's byline ends its last paragraph, as a signature does, instead of standing alone."""
    last, before = (blocks[-1], blocks[-2]) if len(blocks) > 1 else (None, None)
    signed = isinstance(last, nodes.paragraph) and BYLINE in last["classes"]
    if signed and isinstance(before, nodes.paragraph):
        assert last is not None
        blocks.pop()
        before += [nodes.Text(" — "), nodes.emphasis("", last.astext())]
    return blocks


def visit_lemma_latex(self: LaTeXTranslator, node: commentary_lemma) -> None:
    self.body.append(r"\edtext{")


def visit_note_latex(self: LaTeXTranslator, node: commentary_note) -> None:
    # Every value is escaped: a kind or a letter may come from a contributor's file.
    lemma = r"\lemma{" + self.encode(node["words"]) + "}"
    target = self.hypertarget(f"ann-{node['slug']}", anchor=True)
    head = (
        r"\edcommentary{"
        + self.encode(node["letter"])
        + "}{"
        + self.encode(node["kind"].replace("-", " "))
        + "}"
    )
    self.body.append("}{" + lemma + r"\Bfootnote{" + target + head)
    self.pushbody([])


def depart_note_latex(self: LaTeXTranslator, node: commentary_note) -> None:
    text = "".join(self.popbody()).strip()
    self.body.append(PARAGRAPH_BREAK.sub(r"\\endgraf ", text) + "}}")


def setup(app: Sphinx) -> None:
    plain = (visit_pass, visit_pass)
    app.add_node(commentary_lemma, latex=(visit_lemma_latex, visit_pass), html=plain, text=plain)
    app.add_node(commentary_note, latex=(visit_note_latex, depart_note_latex), html=plain, text=plain)
    # After the paragraphs are numbered (850), before labels are made (900).
    app.connect("doctree-resolved", to_commentary, priority=860)
