"""The reports: a human summary (counts by status, then each problem where it is
written) and a JSON file under ``docs/_build/``. Which results fail the build is
decided here, once, for the summary and the exit status alike."""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from edition.linkcheck.model import BAD, UNKNOWN, Result, Status

if TYPE_CHECKING:
    from pathlib import Path

    from edition.linkcheck.external import Run
    from edition.linkcheck.internal import InternalReport

ORDER = list(Status)


def covered(result: Result) -> bool:
    """A broken live URL whose archived copy works: the reader still gets the page."""
    return result.status in BAD and result.archive_status in (Status.WORKING, Status.REDIRECTED)


def is_problem(result: Result) -> bool:
    """Worth a line of its own: the reader may not get the page, or nobody knows."""
    return result.status in BAD or result.status in UNKNOWN


def fails(result: Result, *, strict: bool) -> bool:
    """External links fail the build only in strict mode, and never when an
    archived copy stands in for a broken live URL."""
    return strict and is_problem(result) and not covered(result)


def counts(results: list[Result]) -> Counter[Status]:
    return Counter(r.status for r in results)


def _archive_note(result: Result) -> str:
    archive = result.link.archive
    if archive is None:
        return ""
    dated = f" ({archive.date})" if archive.date else ""
    state = f", {result.archive_status.value}" if result.archive_status else ""
    return f"archived copy: {archive.url}{dated}{state}"


def problem_message(result: Result) -> str:
    """One sentence: what is wrong with the URL and what the reader can use instead."""
    outcome = result.outcome
    text = f"{outcome.status.value} external link {result.link.uri}"
    if outcome.info:
        text += f": {outcome.info}"
    note = _archive_note(result)
    if note and outcome.status in BAD:
        text += f"; the live URL is broken, {note}"
    elif note:
        text += f"; {note}"
    return text


def external_summary(run: Run, *, strict: bool, brief: bool = False) -> str:
    """Counts by status, why URLs went unchecked, then (unless *brief*) each problem
    and each redirect at every place it is written, then the verdict."""
    results = run.results
    tally = counts(results)
    lines = [
        f"External links: {len(results)} URLs ({run.cached} from the cache, {run.fresh} checked now) "
        f"in {run.seconds:.1f} s",
        "  " + " · ".join(f"{status.value} {tally.get(status, 0)}" for status in ORDER),
    ]
    unchecked = [r for r in results if r.status is Status.UNCHECKED]
    if unchecked:
        reasons = Counter(r.outcome.info for r in unchecked)
        lines.append(f"  {len(unchecked)} URLs went unchecked:")
        lines.extend(f"    {n} × {reason}" for reason, n in reasons.most_common())
    if run.deadline_hit:
        lines.append("  The time limit (edition_linkcheck_deadline) ran out before every URL was checked.")
    problems = [r for r in results if is_problem(r) and not (r.status is Status.UNCHECKED and not strict)]
    if problems and not brief:
        lines.append("Problems:")
        for result in problems:
            for location in result.link.locations:
                lines.append(f"  {location}: {problem_message(result)}")
    redirected = [r for r in results if r.status is Status.REDIRECTED]
    if redirected and not brief:
        lines.append(f"Redirected ({len(redirected)}; consider updating them):")
        lines.extend(f"  {r.link.locations[0]}: {r.link.uri} — {r.outcome.info}" for r in redirected)
    if brief and problems:
        lines.append(f"  {len(problems)} problems, each reported above at its place and in report.txt")
    failing = sum(fails(r, strict=strict) for r in results)
    if strict:
        lines.append(
            f"Strict: {failing} external links fail the check." if failing else "Strict: no failing links."
        )
    elif any(is_problem(r) and not covered(r) for r in results):
        lines.append(
            "Not a failure by default; --strict (edition_linkcheck_strict = True) fails on broken, "
            "timed-out, rate-limited or unchecked external links."
        )
    return "\n".join(lines)


def _iso(moment: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))


def external_json(run: Run, *, strict: bool) -> dict[str, Any]:
    def link(result: Result) -> dict[str, Any]:
        archive = result.link.archive
        return {
            "uri": result.link.uri,
            "status": result.status.value,
            "code": result.outcome.code,
            "info": result.outcome.info,
            "final_url": result.outcome.final_url or None,
            "cached": result.cached,
            "seconds": round(result.seconds, 3),
            "fails": fails(result, strict=strict),
            "locations": [{"path": loc.path, "line": loc.line} for loc in result.link.locations],
            "archive": None
            if archive is None
            else {
                "url": archive.url,
                "date": archive.date or None,
                "status": result.archive_status.value if result.archive_status else None,
            },
        }

    tally = counts(run.results)
    return {
        "kind": "external",
        "generated": _iso(time.time()),
        "seconds": round(run.seconds, 3),
        "strict": strict,
        "network": None
        if run.reachability is None
        else {"online": run.reachability.online, "reason": run.reachability.reason},
        "deadline_hit": run.deadline_hit,
        "counts": {status.value: tally.get(status, 0) for status in ORDER},
        "cached": run.cached,
        "checked": run.fresh,
        "failed": any(fails(r, strict=strict) for r in run.results),
        "links": [link(r) for r in run.results],
    }


def internal_summary(report: InternalReport) -> str:
    lines = [
        f"Internal links: {report.links} links and anchors in {report.pages} HTML files "
        f"in {report.seconds:.1f} s: {len(report.problems)} broken"
    ]
    lines.extend(f"  {p.location}: {p.message}" for p in report.problems)
    return "\n".join(lines)


def internal_json(report: InternalReport) -> dict[str, Any]:
    return {
        "kind": "internal",
        "generated": _iso(time.time()),
        "seconds": round(report.seconds, 3),
        "pages": report.pages,
        "links": report.links,
        "failed": bool(report.problems),
        "problems": [
            {
                "path": p.location.path,
                "line": p.location.line,
                "html": str(p.html),
                "href": p.href,
                "message": p.message,
            }
            for p in report.problems
        ],
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
