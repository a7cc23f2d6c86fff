"""How the edition's nodes map back to the witness text.

A node class that reads differently in the witness mixes in
:class:`witness_mapped` and says what the witness has around (and instead of)
its content.  The fidelity check walks a doctree with :func:`witness_pieces`.
"""

from __future__ import annotations

from docutils import nodes

from edition.nodeutil import is_editorial

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPT_DIGITS)


class witness_mapped:  # noqa: N801  (a mixin for node classes, named like them)
    """Mixin: the node's witness form differs from its reading."""

    def witness_form(self) -> tuple[str, str, bool]:
        """``(before, after, descend)``: text the witness has before and after
        the node, and whether the node's own content is also the witness's."""
        raise NotImplementedError


Piece = tuple[str, int | None]


def witness_pieces(node: nodes.Node, line: int | None = None) -> list[Piece]:
    """The witness's text of *node* as ``(text, source line)`` pieces."""
    out: list[Piece] = []
    _walk(node, line, out)
    return out


def _walk(node: nodes.Node, line: int | None, out: list[Piece]) -> None:
    line = node.line or line if isinstance(node, nodes.Element) else line
    if isinstance(node, witness_mapped):
        before, after, descend = node.witness_form()
        out.append((before, line))
        if descend:
            _walk_children(node, line, out)
        out.append((after, line))
        return
    if is_editorial(node) or isinstance(node, (nodes.comment, nodes.system_message)):
        return
    if isinstance(node, nodes.Text):
        out.append((node.astext(), line))
    elif isinstance(node, nodes.emphasis):
        out.append(("*", line))
        _walk_children(node, line, out)
        out.append(("*", line))
    else:
        block = isinstance(node, (nodes.Structural, nodes.Body, nodes.title))
        if block:
            out.append(("\n", line))
        _walk_children(node, line, out)
        if block:
            out.append(("\n", line))


def _order(node: nodes.Node) -> int | None:
    return node.get("witness_order") if isinstance(node, nodes.Element) else None


def _walk_children(node: nodes.Node, line: int | None, out: list[Piece]) -> None:
    """Walk children in witness order: elements that carry a ``witness_order``
    (the endnotes) are visited, in that order, where the first of them stands."""
    children = list(node.children) if isinstance(node, nodes.Element) else []
    ordered = {i for i, c in enumerate(children) if _order(c) is not None}
    moved = sorted((children[i] for i in ordered), key=lambda c: _order(c) or 0)
    for i, child in enumerate(children):
        if ordered and i == min(ordered):
            for m in moved:
                _walk(m, line, out)
        elif i not in ordered:
            _walk(child, line, out)
