"""Benchmark the edition against a bare Sphinx build, at 1x, 10x and 100x (issue 9).

    python -m tests.benchmark [--scales 1,10,100] [--repeat 3] [--out docs/_build/bench/]
    python tests/benchmark/run.py ...          (the same)

For each scale: the edition and its bare twin (same text, plain MyST with footnotes, same
theme) are built side by side, cold and warm, ``--repeat`` times (``--repeat-large`` at 100x
and above), and the medians compared; then the edition is rebuilt after a no-op and after
editing one annotation, one registry entry and references.bib, counting the pages re-read.
Scale 1 is run twice: on the paper itself and on synthetic text; 10x and 100x are synthetic
(generated lorem-like prose, labelled as such). A ``-j 2`` build is compared with the serial
output, anchoring is timed against the number of annotations, and the external link check runs
cold and warm on local servers (127.0.0.x only). Writes ``results.json``, ``results.md`` and
``performance-scale.svg`` to ``--out``; ``--update-docs`` also puts the table and the plot in
``docs/about/performance.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``tests.benchmark`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmark import measures, report
from tests.benchmark.builds import REPO, build_env

DOCS_PAGE = REPO / "docs" / "about" / "performance.md"
DOCS_SVG = REPO / "docs" / "about" / "performance-scale.svg"
BEGIN, END = "% bench-results:begin", "% bench-results:end"


def _scales(text: str) -> list[int]:
    values = sorted({int(part) for part in text.split(",") if part.strip()})
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError("scales are positive integers, e.g. 1,10,100")
    return values


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmark", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=_scales, default=[1, 10, 100], help="e.g. 1,10,100")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each measure (median reported)")
    parser.add_argument("--repeat-large", type=int, default=1, help="repetitions at 100x and above")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "_build" / "bench")
    parser.add_argument("--work", type=Path, help="scratch folder for the books (default: OUT/work)")
    parser.add_argument("--keep-work", action="store_true", help="keep the books and their builds")
    parser.add_argument("--no-paper", action="store_true", help="skip the paper itself at 1x")
    parser.add_argument(
        "--parallel-scales",
        type=_scales,
        help="synthetic scales with a -j 2 build compared with the serial one (default: 10, else the largest)",
    )
    parser.add_argument(
        "--large-edits",
        default="all",
        help="edits rebuilt at 100x and above: 'all', or a list of noop,annotation,registry,bib",
    )
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 comparison")
    parser.add_argument(
        "--clean-check-max",
        type=int,
        default=10,
        help="compare incremental with clean output up to this scale",
    )
    parser.add_argument(
        "--anchoring-scale",
        type=int,
        default=10,
        help="synthetic scale of the builds with 1/4, 1/2 and 1 annotation a paragraph (0: none)",
    )
    parser.add_argument(
        "--warm-samples", type=int, default=5, help="warm (no-op) builds of each variant per scale, at least"
    )
    parser.add_argument("--link-urls", type=int, default=1000)
    parser.add_argument("--link-hosts", type=int, default=8)
    parser.add_argument("--link-latency", type=float, default=0.05)
    parser.add_argument("--link-repeat", type=int, default=1, help="cold link checks (about 30 s each)")
    parser.add_argument("--no-linkcheck", action="store_true")
    parser.add_argument("--no-warmup", action="store_true", help="skip the unmeasured warm-up build")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="quick check that everything runs: the paper at 1x once, 16 URLs, no -j 2 (timings meaningless)",
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the table and plot into docs/about/"
    )
    parser.add_argument(
        "--report", type=Path, help="measure nothing: render the tables and plot again from this results.json"
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile (pyinstrument) the builds behind any missed target"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.scales, args.repeat, args.repeat_large, args.warm_samples = [1], 1, 1, 1
        args.no_parallel, args.no_warmup, args.clean_check_max = True, True, 0
        args.link_urls, args.link_hosts, args.link_latency, args.link_repeat = 16, 8, 0.0, 1
    return args


def machine() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for name in ("sphinx", "myst-parser", "sphinx-book-theme", "docutils"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sphinx": versions["sphinx"],
        "versions": versions,
    }


def warm_up(work: Path) -> None:
    """One unmeasured build of each variant, so bytecode caches exist before anything is timed."""
    case = measures.prepare("synthetic", 1, work / "warm-up")
    for variant in ("edition", "bare"):
        measures.sphinx(case.src(variant), case.out(variant), cold=True)
    shutil.rmtree(case.root)


def run(args: argparse.Namespace, argv: list[str] | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    out: Path = args.out.resolve()
    work: Path = (args.work or out / "work").resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    results: dict[str, Any] = {
        "schema": 1,
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "settings": {
            "command": " ".join(["python -m tests.benchmark", *(argv or [])]),
            "scales": args.scales,
            "repeat": args.repeat,
            "repeat_large": args.repeat_large,
            "smoke": args.smoke,
        },
        "cases": [],
    }
    if not args.no_warmup:
        measures.log("warm-up build (not measured)")
        warm_up(work)
    synthetic_scales = [s for s in args.scales if not (args.smoke and s == 1)]
    largest = max(synthetic_scales) if synthetic_scales else None
    default_parallel = [10] if 10 in synthetic_scales else ([largest] if largest else [])
    parallel_scales = set() if args.no_parallel else set(args.parallel_scales or default_parallel)
    large_edits = measures.EDITS if args.large_edits == "all" else tuple(args.large_edits.split(","))
    plan: list[tuple[str, int]] = []
    for scale in args.scales:
        if scale == 1 and not args.no_paper:
            plan.append(("paper", 1))
        if scale in synthetic_scales:
            plan.append(("synthetic", scale))
    last_case = None
    for source, scale in plan:
        measures.log(f"preparing {source} {scale}x")
        case = measures.prepare(source, scale, work)
        repeat = args.repeat_large if scale >= 100 else args.repeat
        results["cases"].append(
            measures.run_case(
                case,
                repeat,
                with_parallel=source == "synthetic" and scale in parallel_scales,
                with_clean_check=scale <= args.clean_check_max,
                edits=large_edits if scale >= 100 else measures.EDITS,
                warm_samples=args.warm_samples,
            )
        )
        last_case = case
    anchoring_case = last_case
    if anchoring_case is not None:
        results["anchoring"] = measures.anchoring(anchoring_case, max(1, min(args.repeat, 3)))
    if args.anchoring_scale and not args.smoke:
        measures.log(f"annotation placement in {args.anchoring_scale}x builds")
        results["anchoring_builds"] = measures.anchoring_builds(
            work, args.anchoring_scale, max(1, min(args.repeat, 2))
        )
    if not args.no_linkcheck:
        results["linkcheck"] = measures.linkcheck(
            args.link_urls, args.link_hosts, args.link_latency, args.link_repeat
        )
    results["targets"] = report.judge(results)
    if args.profile:
        results["profiles"] = profile_missed(results, work, out)
    results["seconds"] = round(time.perf_counter() - started, 1)
    if not args.keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return results


def profile_missed(results: dict[str, Any], work: Path, out: Path) -> list[str]:
    """Profile, with pyinstrument, the edition build behind each missed build-time target."""
    written: list[str] = []
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        measures.log("--profile: pyinstrument is not installed (pip install pyinstrument); skipped")
        return written
    wanted = []
    for target in results["targets"]:
        match = re.fullmatch(r"(overhead|annotation-edit)-(\d+)x(?:-(cold|warm))?", target["target"])
        if match and target["met"] is False:
            wanted.append((match.group(1), int(match.group(2)), match.group(3) or "annotation"))
    for kind, scale, what in dict.fromkeys(wanted):
        source = "paper" if scale == 1 else "synthetic"
        case_root = work / f"{source}-{scale}x"
        if not case_root.exists():
            continue
        case = measures.Case(source, scale, case_root)
        target = out / "profiles" / f"{source}-{scale}x-{kind}-{what}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        outdir = case.out("edition", "-profile")
        if what in ("cold", "warm", "annotation"):
            shutil.rmtree(outdir, ignore_errors=True)
        if what in ("warm", "annotation"):
            measures.sphinx(case.src("edition"), outdir, cold=True)  # the state to rebuild from
        if what == "annotation":
            measures.Edits(case).apply("annotation", 99)
        command = [sys.executable, "-m", "pyinstrument", "--show-all", "-o", str(target)]
        command += ["-m", "sphinx", "-b", "html", "-q", str(case.src("edition")), str(outdir)]
        measures.log(f"profiling {target.name}")
        env = {
            **build_env(),
            "BENCH_PROBE": str(target.with_suffix(".probe.jsonl")),
        }  # same config as measured
        subprocess.run(command, env=env, cwd=REPO, check=False, capture_output=True)
        written.append(str(target.relative_to(out)))
    return written


def update_docs(results: dict[str, Any], table: str, plot: str) -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    start, end = page.find(BEGIN), page.find(END)
    if start == -1 or end == -1:
        raise SystemExit(f"{DOCS_PAGE}: the markers {BEGIN!r} and {END!r} are missing")
    page = page[: start + len(BEGIN)] + "\n" + table + page[end:]
    DOCS_PAGE.write_text(page, encoding="utf-8")
    DOCS_SVG.write_text(plot, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.report:
        results = json.loads(args.report.read_text(encoding="utf-8"))
        results["targets"] = report.judge(results)
    else:
        results = run(args, sys.argv[1:] if argv is None else argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # The measures first: if a table cannot be rendered, `--report` renders it again from them.
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = report.markdown(results)
    plot = report.svg(results)
    (out / "results.md").write_text(table, encoding="utf-8")
    (out / "performance-scale.svg").write_text(plot, encoding="utf-8")
    if args.update_docs:
        update_docs(results, table, plot)
    print(table)
    missed = [t["target"] for t in results["targets"] if t["met"] is False]
    measures.log(
        f"done in {results['seconds']} s; results in {out}; targets missed: {', '.join(missed) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
