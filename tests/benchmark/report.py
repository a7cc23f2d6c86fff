"""The benchmark's outputs: targets judged from the results, a short Markdown table and an SVG plot
of the cost as the work grows (hand-written SVG, no plotting library)."""

from __future__ import annotations

import math
from html import escape
from typing import Any

#: name, limit, what it compares.
TARGETS = {
    "overhead-1x-cold": (1.5, "edition/bare, cold build of the paper (1x)"),
    "overhead-1x-warm": (1.3, "edition/bare, warm (no-op) rebuild of the paper (1x)"),
    "overhead-10x-warm": (1.3, "edition/bare, warm (no-op) rebuild at 10x (synthetic)"),
    "overhead-100x-cold": (1.5, "edition/bare, cold build at 100x (synthetic)"),
    "serve-1x": (
        2.0,
        "nox -s serve: seconds from saving one annotation to its page showing it, the paper (1x)",
    ),
    "linkcheck-warm-cold": (0.05, "external link check warm/cold, local servers"),
}


def _row(results: dict[str, Any], source: str, scale: int) -> dict[str, Any] | None:
    for case in results.get("cases", []):
        if case["overhead"]["source"] == source and case["overhead"]["scale"] == scale:
            found: dict[str, Any] = case
            return found
    return None


def _verdict(target: str, what: str, limit: Any, value: Any) -> dict[str, Any]:
    """One target: a number at most *limit*, or a value that must equal *limit* (True, 0)."""
    if value is None:
        met = None
    elif isinstance(limit, bool) or limit == 0:
        met = value == limit
    else:
        met = value <= limit
    return {"target": target, "what": what, "limit": limit, "value": value, "met": met}


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its measured value (None when that measure was not run) and a verdict."""
    values: dict[str, float | None] = {}
    paper = _row(results, "paper", 1)
    for name, case in (
        ("1x", paper),
        ("10x", _row(results, "synthetic", 10)),
        ("100x", _row(results, "synthetic", 100)),
    ):
        for kind in ("cold", "warm"):
            values[f"overhead-{name}-{kind}"] = case["overhead"]["ratio"][kind] if case else None
    values["serve-1x"] = paper["serve"]["seconds"] if paper and "serve" in paper else None
    link = results.get("linkcheck")
    values["linkcheck-warm-cold"] = link["ratio"] if link else None
    out = [_verdict(name, what, limit, values.get(name)) for name, (limit, what) in TARGETS.items()]
    for case in results.get("cases", []):
        inc = case["incremental"]
        label = f"{inc['source']} {inc['scale']}x"
        edits = inc["edits"]
        out.append(
            _verdict(
                f"noop-reads-nothing {label}",
                f"{label}: no-op rebuild re-reads no page",
                0,
                edits["noop"]["pages_read"],
            )
        )
        if "clean_build_matches" in inc:
            out.append(
                _verdict(
                    f"incremental-equals-clean {label}",
                    f"{label}: incremental output = clean build output",
                    True,
                    inc["clean_build_matches"]["identical"],
                )
            )
        if "parallel" in case:
            out.append(
                _verdict(
                    f"parallel-equals-serial {label}",
                    f"{label}: -j 2 output = serial output",
                    True,
                    case["parallel"]["identical"],
                )
            )
    micro = results.get("anchoring")
    if micro:
        out.append(
            _verdict(
                "anchoring-automaton-linear",
                f"Automaton + find on the {micro['scale']}x doctrees: time ~ quotations^k (log-log fit)",
                1.2,
                micro["exponent"],
            )
        )
    builds = results.get("anchoring_builds")
    if builds:
        points = builds["points"]
        out.append(
            _verdict(
                "anchoring-place-linear",
                f"place() in {builds['scale']}x builds with {points[0]['annotations']:,} to "
                f"{points[-1]['annotations']:,} annotations: time ~ annotations^k (log-log fit)",
                1.2,
                builds["exponent"],
            )
        )
        if builds.get("doubling_ratio") is not None:
            out.append(
                _verdict(
                    "anchoring-place-doubling",
                    f"place() from {points[-2]['annotations']:,} to {points[-1]['annotations']:,} "
                    "annotations: time ratio",
                    2.2,
                    builds["doubling_ratio"],
                )
            )
    return out


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _label_of(record: dict[str, Any]) -> str:
    return "paper 1x" if record["source"] == "paper" else f"synthetic {record['scale']}x"


def _handler_seconds(summary: dict[str, Any]) -> float:
    """Seconds in the edition's handlers (older results: the sum of the top twelve)."""
    if "handler_seconds" in summary:
        return float(summary["handler_seconds"])
    return float(sum(seconds for _, seconds, _ in summary.get("top_handlers", [])))


def _edit_cell(edit: dict[str, Any] | None) -> str:
    if edit is None:
        return "not run"
    return f"{_fmt(edit['seconds'])} ({edit['pages_read']}/{edit['pages_written']}/{edit['pages_changed']})"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"Measured {results['created']} on {results['machine']['cpus']} cores, Python "
        f"{results['machine']['python']}, Sphinx {results['machine']['sphinx']}; medians of "
        f"{results['settings']['repeat']} runs ({results['settings']['repeat_large']} at 100x and above). "
        "Times in seconds, memory in MB of peak RSS.",
        "",
        "**Builds, edition against bare Sphinx + MyST** (same text, same theme; seconds)",
        "",
        "| book | edition cold | bare cold | ratio | edition warm | bare warm | ratio |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    shares = [
        "",
        "**Where the extra cold time goes**: time in the edition's event handlers (the probe's "
        "timers), and the rest of the edition's build, which is Sphinx's own work on the edition's "
        "larger pages plus the edition's roles and directives (they run inside the parser)",
        "",
        "| book | edition − bare | in handlers | rest | (edition − handlers) / bare |",
        "|---|--:|--:|--:|--:|",
    ]
    sizes = [
        "",
        "**What each book holds, and peak memory of the cold builds** (MB)",
        "",
        "| book | words | pages | annotations | entries | claims | edition MB | bare MB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for case in results.get("cases", []):
        o = case["overhead"]
        c = o["counts"]
        e, b = o["edition"], o["bare"]
        label = _label_of(o)
        lines.append(
            f"| {label} | {_fmt(e['cold']['seconds'])} | {_fmt(b['cold']['seconds'])} "
            f"| **{_fmt(o['ratio']['cold'])}** | {_fmt(e['warm']['seconds'])} | {_fmt(b['warm']['seconds'])} "
            f"| **{_fmt(o['ratio']['warm'])}** |"
        )
        handlers = _handler_seconds(e["cold"])
        extra = e["cold"]["seconds"] - b["cold"]["seconds"]
        shares.append(
            f"| {label} | {_fmt(extra)} | {_fmt(handlers)} | {_fmt(extra - handlers)} "
            f"| {_fmt((e['cold']['seconds'] - handlers) / b['cold']['seconds'])} |"
        )
        sizes.append(
            f"| {label} | {c['words']:,} | {c['pages']} | {c['annotations']:,} | {c['library_entries']:,} "
            f"| {c['claims']:,} | {e['cold']['peak_rss_mb']:.0f} | {b['cold']['peak_rss_mb']:.0f} |"
        )
    lines += shares
    lines += sizes
    lines += [
        "",
        "**Incremental rebuilds of the edition** (seconds; pages re-read / pages written / pages whose "
        "HTML changed: when anything changed, every page is written again, see `ext/edition/rebuild.py`)",
        "",
        "| book | no-op | one annotation | one registry entry | references.bib | annotation / no-op |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for case in results.get("cases", []):
        inc = case["incremental"]
        label = _label_of(inc)
        cells = [_edit_cell(inc["edits"].get(w)) for w in ("noop", "annotation", "registry", "bib")]
        lines.append(f"| {label} | {' | '.join(cells)} | {_fmt(inc['ratio_to_noop'].get('annotation'))} |")
    previews = [(c, c["serve"]) for c in results.get("cases", []) if "serve" in c]
    for case, serve in previews:
        lines += [
            "",
            f"**Live preview** (`nox -s serve`, {_label_of(case['incremental'])}): from saving one annotation "
            f"file to `{serve['page']}` showing the edit, over HTTP: median **{_fmt(serve['seconds'])} s** "
            f"(runs: {', '.join(_fmt(r) for r in serve['runs'])} s)",
        ]
    parallels = [c["parallel"] for c in results.get("cases", []) if "parallel" in c]
    if parallels:
        lines += ["", "**Parallel build** (`-j 2`, cold) against the serial output", ""]
        lines += ["| book | serial | -j 2 | MB | files compared | identical |", "|---|--:|--:|--:|--:|---|"]
        for p in parallels:
            serial = _row(results, p["source"], p["scale"])
            serial_s = serial["overhead"]["edition"]["cold"]["seconds"] if serial else None
            label = _label_of(p)
            lines.append(
                f"| {label} | {_fmt(serial_s)} | {_fmt(p['seconds'])} | {p['peak_rss_mb']:.0f} "
                f"| {p['files_compared']} | {'yes' if p['identical'] else 'NO: ' + ', '.join(p['differing'][:3])} |"
            )
    builds = results.get("anchoring_builds")
    if builds:
        lines += [
            "",
            f"**Annotation placement in real builds** (synthetic {builds['scale']}x, cold, time in the "
            "edition's `place` handler and in all its annotation handlers, measured by the probe): exponent "
            f"of a log-log fit **{_fmt(builds['exponent'])}**, doubling x **{_fmt(builds['doubling_ratio'])}**",
            "",
            "| annotations | " + " | ".join(f"{p['annotations']:,}" for p in builds["points"]) + " |",
            "|---|" + "--:|" * len(builds["points"]),
            "| place (s) | " + " | ".join(_fmt(p["place_seconds"], 3) for p in builds["points"]) + " |",
            "| annotation handlers (s) | "
            + " | ".join(_fmt(p["annotation_handlers_seconds"], 3) for p in builds["points"])
            + " |",
            "| whole build (s) | " + " | ".join(_fmt(p["build_seconds"]) for p in builds["points"]) + " |",
        ]
    anchoring = results.get("anchoring")
    if anchoring:
        lines += [
            "",
            f"**Anchoring alone** (`Automaton` and `find` on the {anchoring['scale']}x doctrees, "
            f"{anchoring['pages']} pages, {anchoring['characters']:,} characters; `page_text` once, "
            f"{_fmt(anchoring['page_text_seconds'])} s): exponent **{_fmt(anchoring['exponent'])}**, "
            f"from {anchoring['own_annotations']:,} to twice as many quotations x "
            f"**{_fmt(anchoring.get('doubling_ratio'))}**",
            "",
            "| quotations | " + " | ".join(f"{p['annotations']:,}" for p in anchoring["points"]) + " |",
            "|---|" + "--:|" * len(anchoring["points"]),
            "| seconds | " + " | ".join(_fmt(p["seconds"], 3) for p in anchoring["points"]) + " |",
        ]
    link = results.get("linkcheck")
    if link:
        lines += [
            "",
            f"**External link check**, {link['urls']:,} URLs on {link['hosts']} local hosts "
            f"({link['addresses']}, {int(link['latency'] * 1000)} ms per answer): cold "
            f"{_fmt(link['cold']['seconds'])} s, warm {_fmt(link['warm']['seconds'])} s "
            f"({link['warm']['from_cache']:,} from the cache), ratio **{link['ratio']:.3f}**",
        ]
    lines += ["", "**Targets**", "", "| target | limit | measured | |", "|---|--:|--:|---|"]
    for t in results.get("targets", []):
        verdict = "not run" if t["met"] is None else ("met" if t["met"] else "**missed**")
        value = t["value"]
        shown = "–" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        lines.append(f"| {t['what']} | {t['limit']} | {shown} | {verdict} |")
    return "\n".join(lines) + "\n"


# --- SVG -----------------------------------------------------------------------------------


def _ticks(low: float, high: float) -> list[float]:
    out = []
    for exp in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for m in (1, 2, 5):
            v = m * 10.0**exp
            if low <= v <= high:
                out.append(v)
    return out


def _label(v: float) -> str:
    return f"{v:g}" if v < 10000 else f"{v:.0e}"


def _panel(
    x0: float,
    title: str,
    unit: str,
    series: list[tuple[str, str, list[tuple[float, float]]]],
    notes: dict[float, str] | None = None,
) -> list[str]:
    width, height, top, left, bottom = 330.0, 250.0, 40.0, 48.0, 40.0
    xs = [x for _, _, pts in series for x, _ in pts]
    ys = [y for _, _, pts in series for _, y in pts]
    if not xs:
        return []
    xlo, xhi = min(xs) / 1.5, max(xs) * 1.5
    ylo, yhi = min(ys) / 1.6, max(ys) * 1.6

    def px(x: float) -> float:
        return (
            x0
            + left
            + (math.log10(x) - math.log10(xlo)) / (math.log10(xhi) - math.log10(xlo)) * (width - left - 10)
        )

    def py(y: float) -> float:
        return top + (1 - (math.log10(y) - math.log10(ylo)) / (math.log10(yhi) - math.log10(ylo))) * (
            height - top - bottom
        )

    out = [
        f'<text x="{x0 + width / 2:.1f}" y="22" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
        f'<rect x="{x0 + left:.1f}" y="{top:.1f}" width="{width - left - 10:.1f}" height="{height - top - bottom:.1f}" '
        'fill="none" stroke="#999"/>',
    ]
    for v in _ticks(ylo, yhi):
        y = py(v)
        out.append(
            f'<line x1="{x0 + left:.1f}" x2="{x0 + width - 10:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
        )
        out.append(
            f'<text x="{x0 + left - 4:.1f}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_label(v)}</text>'
        )
    for v in sorted(set(xs)):
        x = px(v)
        out.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16:.1f}" text-anchor="middle" font-size="11">{v:g}x</text>'
        )
    out.append(
        f'<text x="{x0 + width / 2:.1f}" y="{height - 6:.1f}" text-anchor="middle" font-size="11">'
        "scale (log)</text>"
    )
    out.append(
        f'<text x="{x0 + 12:.1f}" y="{top + (height - top - bottom) / 2:.1f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 {x0 + 12:.1f} {top + (height - top - bottom) / 2:.1f})">{escape(unit)} (log)</text>'
    )
    first = sorted(series[0][2]) if series and series[0][2] else []
    if len(first) > 1:  # linear growth from the first point of the first series, for reference
        (x1, y1), x2 = first[0], first[-1][0]
        y2 = y1 * x2 / x1
        if y2 > yhi:
            x2, y2 = x1 * yhi / y1, yhi
        out.append(
            f'<line x1="{px(x1):.1f}" y1="{py(y1):.1f}" x2="{px(x2):.1f}" y2="{py(y2):.1f}" stroke="#aaa" '
            'stroke-dasharray="4 3"><title>linear growth from the first point</title></line>'
        )
    for x, text in (notes or {}).items():
        out.append(
            f'<text x="{px(x):.1f}" y="{top + 14:.1f}" text-anchor="middle" font-size="11" fill="#555">'
            f"{escape(text)}</text>"
        )
    for name, colour, pts in series:
        pts = sorted(pts)
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in pts:
            out.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}"><title>{escape(name)}: '
                f"{y:.3g} {escape(unit)} at {x:g}x</title></circle>"
            )
    return out


def svg(results: dict[str, Any]) -> str:
    """Cold build time and peak memory of the edition and of the bare build against the scale."""
    synthetic = [c["overhead"] for c in results.get("cases", []) if c["overhead"]["source"] == "synthetic"]
    colours = {"edition": "#8a4b08", "bare": "#2b6cb0"}
    time_series = [
        (f"{v} build", colours[v], [(o["scale"], o[v]["cold"]["seconds"]) for o in synthetic])
        for v in colours
    ]
    memory_series = [
        (f"{v} peak RSS", colours[v], [(o["scale"], o[v]["cold"]["peak_rss_mb"]) for o in synthetic])
        for v in colours
    ]
    time_notes = {o["scale"]: f"×{o['ratio']['cold']:.2f}" for o in synthetic}
    memory_notes = {o["scale"]: f"×{o['ratio']['memory']:.2f}" for o in synthetic}
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="700" height="290" viewBox="0 0 700 290" '
        'font-family="sans-serif" font-size="12" role="img" '
        'aria-labelledby="bench-title"><title id="bench-title">Cold build time and peak memory of the edition '
        "and of a bare Sphinx build of the same synthetic text, at each scale</title>",
        '<rect width="700" height="290" fill="#fff"/>',
        *_panel(0, "Cold build time", "seconds", time_series, time_notes),
        *_panel(350, "Peak memory (RSS)", "MB", memory_series, memory_notes),
    ]
    y = 270
    legend = [("edition", colours["edition"], ""), ("bare Sphinx + MyST", colours["bare"], "")]
    legend.append(("linear growth", "#aaa", ' stroke-dasharray="4 3"'))
    for x, (name, colour, dash) in zip((90, 200, 370), legend, strict=True):
        parts.append(
            f'<line x1="{x}" x2="{x + 20}" y1="{y}" y2="{y}" stroke="{colour}" stroke-width="3"{dash}/>'
        )
        parts.append(f'<text x="{x + 25}" y="{y + 4}" font-size="11">{escape(name)}</text>')
    parts.append(f'<text x="560" y="{y + 4}" font-size="11" fill="#555">×: edition / bare</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
