"""The linter for time-bound wording: every hit of the lexicon in the paper
is covered by a claim span or by a waiver with a reason, or it is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from edition import config, inputs
from edition.claims.registry import Registry, get_registry
from edition.claims.spans import dated_claim
from edition.diagnostics import Severity, Subtype, inform, report
from edition.domain import get_domain
from edition.nodeutil import in_editorial, is_editorial

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

BUCKET = "claim_waivers"


@dataclass(frozen=True)
class LintStats:
    hits: int
    covered: int
    waived: int
    uncovered: int
    waivers_used: tuple[str, ...]  # locations of the waivers that matched


def _text_and_mask(para: nodes.Element) -> tuple[str, list[bool]]:
    """The paragraph's reading text, and for each character whether a claim covers it."""
    chars: list[str] = []
    mask: list[bool] = []

    def walk(node: nodes.Node, covered: bool) -> None:
        if is_editorial(node):
            return
        if isinstance(node, nodes.Text):
            text = node.astext()
            chars.append(text)
            mask.extend([covered] * len(text))
            return
        inside = covered or isinstance(node, dated_claim)
        for child in node.children if isinstance(node, nodes.Element) else ():
            walk(child, inside)

    walk(para, False)
    return "".join(chars), mask


def lint_page(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    options = config.get(env.config)
    if env.docname not in options.paper_pages:
        return
    page = env.docname.rsplit("/", 1)[-1]
    registry: Registry = inputs.use(env, "claims")
    waivers = [w for w in registry.waivers if w.page == page]
    patterns = {name: re.compile(rx, re.IGNORECASE) for name, rx in options.claim_lexicon.items()}
    hits = covered = waived = uncovered = 0
    used: set[str] = set()
    for para in doctree.findall(nodes.paragraph):
        if isinstance(para.parent, nodes.paragraph) or is_editorial(para) or in_editorial(para):
            continue
        text, mask = _text_and_mask(para)
        flat = " ".join(text.split())
        seen: set[tuple[int, int]] = set()
        for name, pattern in patterns.items():
            for match in pattern.finditer(text):
                if (match.start(), match.end()) in seen:
                    continue
                seen.add((match.start(), match.end()))
                hits += 1
                if any(mask[match.start() : match.end()]):
                    covered += 1
                    continue
                waiver = next(
                    (
                        w
                        for w in waivers
                        if w.match.lower() in match.group().lower()
                        or match.group().lower() in w.match.lower()
                        if w.context in flat
                        and _within(flat, w.context, " ".join(text[: match.start()].split()))
                    ),
                    None,
                )
                if waiver is not None:
                    waived += 1
                    used.add(waiver.location)
                    continue
                uncovered += 1
                context = " ".join(text[max(0, match.start() - 40) : match.end() + 40].split())
                report(
                    Subtype.CLAIM_LINT,
                    f"time-bound wording {match.group()!r} ({name}) is not covered by a dated claim: "
                    "mark the claim [words]{#id .claim} with a registry entry, or add a waiver with a "
                    f"reason to {options.claims_dir}/waivers.yml (context: ...{context}...)",
                    location=para,
                    severity=Severity.WARNING,
                )
    get_domain(env).set_records(
        BUCKET, env.docname, [LintStats(hits, covered, waived, uncovered, tuple(sorted(used)))]
    )


def _within(flat: str, context: str, before: str) -> bool:
    """True if the hit (which starts after *before*) lies inside an occurrence of *context*."""
    start = flat.find(context)
    offset = len(before) + (1 if before else 0)
    while start != -1:
        if start <= offset <= start + len(context):
            return True
        start = flat.find(context, start + 1)
    return False


def summarise(app: Sphinx, env: BuildEnvironment) -> None:
    """Report the linter's totals and any waiver that no longer matches."""
    stats = list(get_domain(env).all_records(BUCKET))
    if not stats:
        return
    total = LintStats(
        sum(s.hits for s in stats),
        sum(s.covered for s in stats),
        sum(s.waived for s in stats),
        sum(s.uncovered for s in stats),
        tuple(sorted({w for s in stats for w in s.waivers_used})),
    )
    inform(
        f"dated-claim linter: {total.hits} hits of time-bound wording, {total.covered} covered by claims, "
        f"{total.waived} waived, {total.uncovered} uncovered"
    )
    for waiver in get_registry(env).waivers:
        if waiver.location not in total.waivers_used:
            report(
                Subtype.CLAIM_LINT,
                f"waiver for {waiver.match!r} on page {waiver.page!r} matches nothing: remove it, or correct "
                "its context",
                location=waiver.location,
                severity=Severity.WARNING,
            )
