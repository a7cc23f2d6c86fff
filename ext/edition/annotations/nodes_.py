"""The nodes an annotation adds to a page, and how each builder renders them."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from edition.nodeutil import editorial, visit_pass, visit_skip

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class annotation_anchor(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The author's words an annotation is about (not editorial: it holds the text)."""


class annotation_toggle(nodes.Inline, nodes.Element, editorial):  # noqa: N801
    """The letter after the anchored words; opens the note on narrow screens."""


class annotation_note(nodes.General, nodes.Element, editorial):  # noqa: N801
    """The note itself, beside the text."""


# Every value a visitor writes comes from a contributor's file (its name, its kind): escaped as
# attribute text or as text, and in a link's fragment percent-encoded as well.


def note_href(node: nodes.Element) -> str:
    """``#ann-SLUG``, as an attribute value: the note of the annotation *node* belongs to."""
    return escape("#" + quote(f"ann-{node['slug']}", safe=""))


def visit_anchor_html(self: HTML5Translator, node: annotation_anchor) -> None:
    slug = escape(node["slug"])
    first = f' id="anchor-{slug}"' if node.get("first") else ""
    self.body.append(f'<mark class="ed-anchor" data-annotation="{slug}"{first}>')


def depart_anchor_html(self: HTML5Translator, node: annotation_anchor) -> None:
    self.body.append("</mark>")


def visit_toggle_html(self: HTML5Translator, node: annotation_toggle) -> None:
    # A real link to the note (it works without JavaScript, in print and in an e-book);
    # the script makes it open the note in place on narrow screens. A superscript link
    # has no box of its own, so it adds no space before the punctuation that follows.
    slug, letter = escape(node["slug"]), escape(node["letter"])
    self.body.append(
        f'<sup class="ed-annotation-mark"><a class="ed-annotation-toggle" href="{note_href(node)}" '
        f'aria-controls="ann-{slug}" aria-label="Editor\'s note {letter}">{letter}</a></sup>'
    )
    raise nodes.SkipNode


def visit_note_html(self: HTML5Translator, node: annotation_note) -> None:
    slug, letter, kind = escape(node["slug"]), escape(node["letter"]), node["kind"]
    self.body.append(
        f'<aside class="ed-annotation ed-annotation--{escape(kind)}" id="ann-{slug}" '
        f'aria-labelledby="ann-{slug}-title">'
        f'<p class="ed-annotation__head"><a class="ed-annotation__permalink" id="ann-{slug}-title" '
        f'href="{note_href(node)}" title="Permalink to this note">Editor\'s note {letter}</a> '
        f'<span class="ed-annotation__kind">{escape(kind.replace("-", " "))}</span></p>'
    )


def depart_note_html(self: HTML5Translator, node: annotation_note) -> None:
    self.body.append("</aside>\n")


def visit_anchor_latex(self: LaTeXTranslator, node: annotation_anchor) -> None:
    self.body.append(r"\edanchor{")


def depart_anchor_latex(self: LaTeXTranslator, node: annotation_anchor) -> None:
    self.body.append("}")


def visit_toggle_latex(self: LaTeXTranslator, node: annotation_toggle) -> None:
    self.body.append(r"\edannmark{" + self.encode(node["letter"]) + "}")
    raise nodes.SkipNode


def visit_note_latex(self: LaTeXTranslator, node: annotation_note) -> None:
    label = self.hypertarget(f"ann-{node['slug']}", anchor=True)  # Sphinx escapes the label
    letter, kind = self.encode(node["letter"]), self.encode(node["kind"].replace("-", " "))
    self.body.append("\n" + r"\begin{ednote}{" + letter + "}{" + kind + "}" + label)


def depart_note_latex(self: LaTeXTranslator, node: annotation_note) -> None:
    self.body.append("\n\\end{ednote}\n")


def register(app: object) -> None:
    app.add_node(  # type: ignore[attr-defined]
        annotation_anchor,
        html=(visit_anchor_html, depart_anchor_html),
        latex=(visit_anchor_latex, depart_anchor_latex),
        text=(visit_pass, visit_pass),
    )
    app.add_node(  # type: ignore[attr-defined]
        annotation_toggle,
        html=(visit_toggle_html, None),
        latex=(visit_toggle_latex, None),
        text=(visit_skip, None),
    )
    app.add_node(  # type: ignore[attr-defined]
        annotation_note,
        html=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, depart_note_latex),
        text=(visit_pass, visit_pass),
    )
