"""An allowed annotation body as docutils nodes, built token by token so that
only the allow-listed constructs can ever reach the output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from edition.annotations import safety
from edition.citations.cite import citation_ref
from edition.citations.spec import parse_spec

if TYPE_CHECKING:
    from markdown_it.token import Token

CONTAINERS = {
    "paragraph_open": lambda t: nodes.paragraph(),
    "bullet_list_open": lambda t: nodes.bullet_list(bullet="-"),
    "ordered_list_open": lambda t: nodes.enumerated_list(enumtype="arabic", prefix="", suffix="."),
    "list_item_open": lambda t: nodes.list_item(),
    "blockquote_open": lambda t: nodes.block_quote(),
}


def to_nodes(body: str, origin: str, docname: str) -> list[nodes.Node]:
    """Docutils nodes for a body that passed :func:`safety.check`."""
    root = nodes.container()
    stack: list[nodes.Element] = [root]
    for token in safety.tokens(body):
        if token.type in CONTAINERS:
            node = CONTAINERS[token.type](token)
            stack[-1] += node
            stack.append(node)
        elif token.type.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif token.type == "inline":
            _inline(token.children or [], stack[-1], origin, docname)
    return list(root.children)


def _inline(children: list[Token], parent: nodes.Element, origin: str, docname: str) -> None:
    stack: list[nodes.Element] = [parent]
    for token in children:
        kind = token.type
        if kind == "text":
            stack[-1] += nodes.Text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            stack[-1] += nodes.Text(" ")
        elif kind in ("em_open", "strong_open"):
            node: nodes.Element = nodes.emphasis() if kind == "em_open" else nodes.strong()
            stack[-1] += node
            stack.append(node)
        elif kind == "link_open":
            url = str(token.attrs.get("href", ""))
            node = nodes.reference("", "", refuri=url if safety.safe_link(url) else "")
            stack[-1] += node
            stack.append(node)
        elif kind in ("em_close", "strong_close", "link_close") and len(stack) > 1:
            stack.pop()
        elif kind == "math_inline":  # the edition has no math: dollars are text
            stack[-1] += nodes.Text(f"{token.markup}{token.content}{token.markup}")
        elif kind == "code_inline":
            stack[-1] += nodes.literal(token.content, token.content)
        elif kind == "myst_role" and token.meta.get("name") == "cite":
            citations, _ = parse_spec(token.content)
            for i, citation in enumerate(citations):
                if i:
                    stack[-1] += nodes.Text("; ")
                stack[-1] += citation_ref(key=citation.key, locator=citation.locator, origin=origin)
        elif kind == "myst_role" and token.meta.get("name") == "ref":
            target = token.content.strip()
            xref = addnodes.pending_xref(
                "",
                nodes.inline("", target),
                refdomain="std",
                reftype="ref",
                reftarget=target,
                refexplicit=False,
                refwarn=True,
                refdoc=docname,
                edition_annotation=origin,  # checked, and reported, at the annotation's line
            )
            stack[-1] += xref


def refs(body: str) -> list[tuple[int, str]]:
    """Each ``{ref}`` of *body*: ``(line within the body, target)``."""
    found = []
    for token in safety.tokens(body):
        if token.type != "inline" or not token.map:
            continue
        line = token.map[0]
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "myst_role" and child.meta.get("name") == "ref":
                found.append((line, child.content.strip()))
    return found
