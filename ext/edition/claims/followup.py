"""Follow-ups are written in a small, safe subset of MyST: paragraphs,
``*emphasis*``, ``**strong**``, ``{cite}`key, p. 4```, ``[text](https://...)``
and bare ``https://`` links. Anything else is refused with a located error
and never reaches the page."""

from __future__ import annotations

import re

from docutils import nodes

from edition.citations.cite import citation_ref
from edition.citations.spec import parse_spec

TOKEN = re.compile(
    r"\{cite\}`(?P<cite>[^`]+)`"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*]+)\*"
    r"|\[(?P<ltext>[^\]]+)\]\((?P<lurl>https://[^)\s]+)\)"
    r"|(?P<url>https://[^\s)<>\]]+[^\s)<>\].,;:])"
    r"|(?P<bad>\{[A-Za-z][\w:-]*\}`|`|<[A-Za-z!/?]|^\s*(?:```|:::|\{|#)|\]\()",
    re.MULTILINE,
)


def render(text: str, origin: str) -> tuple[list[nodes.paragraph], list[str]]:
    """Paragraph nodes for *text*, and what was refused."""
    problems: list[str] = []
    paragraphs: list[nodes.paragraph] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if not block.strip():
            continue
        para = nodes.paragraph()
        pos = 0
        for match in TOKEN.finditer(block):
            if match.start() > pos:
                para += nodes.Text(block[pos : match.start()])
            pos = match.end()
            if match["bad"] is not None:
                problems.append(
                    f"a follow-up may use only paragraphs, *emphasis*, **strong**, {{cite}}, and https "
                    f"links; {match['bad'].strip()!r} is not allowed"
                )
            elif match["cite"] is not None:
                citations, errors = parse_spec(match["cite"])
                problems += errors
                for i, citation in enumerate(citations):
                    if i:
                        para += nodes.Text("; ")
                    para += citation_ref(key=citation.key, locator=citation.locator, origin=origin)
            elif match["strong"] is not None:
                para += nodes.strong(match["strong"], match["strong"])
            elif match["em"] is not None:
                para += nodes.emphasis(match["em"], match["em"])
            else:
                url = match["lurl"] or match["url"]
                label = match["ltext"] or url
                para += nodes.reference(label, label, refuri=url)
        if pos < len(block):
            para += nodes.Text(block[pos:])
        paragraphs.append(para)
    return paragraphs, problems
