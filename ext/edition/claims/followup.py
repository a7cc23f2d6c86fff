"""Follow-ups are untrusted text: they are written in the same safe subset of MyST as
annotation bodies, checked by the same allow-list (:mod:`edition.annotations.safety`) and
built into nodes token by token by the same code (:mod:`edition.annotations.body`), so what
is refused in one is refused in the other. A refused follow-up never reaches the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.annotations import body, safety
from edition.diagnostics import Problem, file_location

if TYPE_CHECKING:
    from docutils import nodes


def render(text: str, origin: str, docname: str) -> tuple[list[nodes.Node], list[Problem]]:
    """Nodes for the follow-up *text*, whose first line is at *origin* (``claims/FILE.yml:LINE``),
    on page *docname*; or no nodes and the problems that refuse it."""
    label, _, line = origin.rpartition(":")
    first = int(line) if line.isdigit() else 1
    problems = [
        Problem(file_location(label, first + offset), message) for offset, message in safety.check(text)
    ]
    if problems:
        return [], problems
    return body.to_nodes(text, origin, docname), []
