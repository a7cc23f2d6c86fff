"""The allow-list for annotation bodies: contributed text from strangers must
not run code, read files from the build machine, inject HTML or JavaScript,
or break the page.

The body is tokenised with the same markdown-it parser MyST uses, and every
token must be on the allow-list: paragraphs, bullet and numbered lists,
block quotes, emphasis, strong, inline code, http(s) links, and the roles
{cite} and {ref}. Link destinations are also checked in the raw text,
because markdown-it leaves a refused link as plain text.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from edition import urls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ROLES = {"cite", "ref"}
BLOCKS = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "blockquote_open",
    "blockquote_close",
}
INLINES = {
    "text",
    "softbreak",
    "hardbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "code_inline",
    "link_open",
    "link_close",
    "myst_role",
    "math_inline",  # "$9.80 to $13.99": dollar amounts, given back as the text they are (body.py)
}
REFUSED = {
    "html_block": "raw HTML is not allowed",
    "html_inline": "raw HTML is not allowed",
    "fence": "directives are not allowed",
    "colon_fence": "directives are not allowed",
    "code_block": "indented code blocks are not allowed: use `inline code`",
    "heading_open": "headings are not allowed: an annotation sits inside the paper's page",
    "lheading_open": "headings are not allowed: an annotation sits inside the paper's page",
    "image": "images are not allowed",
    "math_block": "math is not allowed",
    "math_block_label": "math is not allowed",
    "amsmath": "math is not allowed",
    "footnote_ref": "footnotes are not allowed",
    "footnote_reference_open": "footnotes are not allowed",
    "footnote_block_open": "footnotes are not allowed",
    "table_open": "tables are not allowed",
    "myst_target": "targets and comments are not allowed",
    "myst_line_comment": "targets and comments are not allowed",
    "myst_block_break": "block breaks are not allowed",
    "hr": "horizontal rules are not allowed",
    "front_matter": "a second front matter block is not allowed",
    "dl_open": "definition lists are not allowed",
    "substitution_inline": "substitutions are not allowed",
    "substitution_block": "substitutions are not allowed",
}
LINK_DESTINATION = re.compile(r"\]\(\s*<?([^)>\s]*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^>\s]*)>")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)")
SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:")


@cache
def parser() -> MarkdownIt:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    # Parse with every extension a maintainer might enable, so nothing slips
    # through as plain text and later renders as something else.
    config = MdParserConfig(
        enable_extensions={"colon_fence", "dollarmath", "amsmath", "deflist", "substitution", "attrs_inline"}
    )
    return create_md_parser(config, RendererHTML)


def link_problem(url: str) -> str | None:
    """The edition's one link policy (:mod:`edition.urls`), on the URL as a browser reads it."""
    return urls.url_problem(html.unescape(url).strip())


def safe_link(url: str) -> bool:
    return link_problem(url) is None


def _walk(tokens: list[Token], out: list[tuple[int, str]], line: int) -> None:
    for token in tokens:
        here = token.map[0] if token.map else line
        kind = token.type
        if kind in REFUSED:
            out.append((here, REFUSED[kind]))
            continue
        if kind == "myst_role":
            name = token.meta.get("name", "")
            if name not in ROLES:
                out.append((here, f"role {{{name}}} is not allowed: use {{cite}} or {{ref}}"))
            elif name == "ref" and not re.fullmatch(r"p[1-9][0-9]*[a-z]?", token.content.strip()):
                out.append((here, "{ref} may only point at a paragraph of the paper, e.g. {ref}`p12`"))
            continue
        if kind == "link_open":
            problem = link_problem(str(token.attrs.get("href", "")))
            if problem:
                out.append((here, problem))
            continue
        if kind == "text" and "{{" in token.content:
            out.append((here, "substitutions are not allowed"))
            continue
        if kind not in BLOCKS and kind not in INLINES:
            out.append((here, f"{kind.replace('_open', '').replace('_', ' ')} is not allowed"))
            continue
        if token.children:
            _walk(token.children, out, here)


def check(body: str) -> list[tuple[int, str]]:
    """Problems as ``(line within body, message)``, first of each kind per line."""
    out: list[tuple[int, str]] = []
    _walk(parser().parse(body), out, 0)
    for number, text in enumerate(body.split("\n")):
        matches = (
            *LINK_DESTINATION.finditer(text),
            *AUTOLINK.finditer(text),
            *REFERENCE_DEFINITION.finditer(text),
        )
        for match in matches:
            url = match.group(1)
            explicit = match.re is not AUTOLINK  # a destination, not text that merely looks like one
            problem = link_problem(url) if url else None
            if problem and (explicit or SCHEME.match(html.unescape(url).strip().lower())):
                out.append((number, problem))
    seen: set[tuple[int, str]] = set()
    unique = []
    for item in sorted(out):
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def tokens(body: str) -> list[Any]:
    return parser().parse(body)
