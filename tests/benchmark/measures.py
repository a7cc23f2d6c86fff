"""The measures: overhead (edition vs bare, cold and warm), memory, a ``-j 2`` build compared with
the serial one, incremental rebuilds after one edit, anchoring against the number of annotations,
and the external link check cold and warm."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.benchmark.bare import PROBE, SKIP_DIRS, conf_namespace, convert_tree
from tests.benchmark.builds import (
    REPO,
    Build,
    BuildError,
    build_env,
    compare_outputs,
    median,
    snapshot,
    sphinx,
)
from tests.benchmark.synthetic import Counts, write_synthetic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass
class Case:
    """One book in two variants: ``root/edition`` (docs/, annotations/, references.bib) and ``root/bare``."""

    source: str  # "paper" or "synthetic"
    scale: int
    root: Path

    @property
    def name(self) -> str:
        return f"{self.source}-{self.scale}x"

    def src(self, variant: str) -> Path:
        return self.root / variant / "docs"

    def out(self, variant: str, suffix: str = "") -> Path:
        return self.root / "out" / f"{variant}{suffix}"


def prepare(source: str, scale: int, work: Path) -> Case:
    root = work / f"{source}-{scale}x"
    if root.exists():
        shutil.rmtree(root)
    edition = root / "edition"
    if source == "paper":
        shutil.copytree(REPO / "docs", edition / "docs", ignore=shutil.ignore_patterns("_build"))
        shutil.copytree(REPO / "annotations", edition / "annotations")
        shutil.copyfile(REPO / "references.bib", edition / "references.bib")
        conf = edition / "docs" / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + PROBE, encoding="utf-8")
    else:
        write_synthetic(edition, scale)
    convert_tree(edition / "docs", root / "bare" / "docs", conf_namespace(edition / "docs" / "conf.py"))
    return Case(source, scale, root)


def counts(case: Case) -> dict[str, int]:
    """What the book holds, counted from its sources."""
    docs = case.src("edition")
    namespace = conf_namespace(docs / "conf.py")
    witness = docs / namespace.get("edition_witness", "")
    registry = [p for p in (docs / "claims").glob("*.yml") if p.name != "waivers.yml"]
    bib = (case.root / "edition" / "references.bib").read_text(encoding="utf-8")
    pages = [p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in SKIP_DIRS]
    return {
        "pages": len(pages),
        "paper_pages": len(namespace.get("edition_paper_pages", [])),
        "words": len(witness.read_text(encoding="utf-8").split()) if witness.is_file() else 0,
        "paragraphs": sum(len(re.findall(r"\{para\}`", p.read_text(encoding="utf-8"))) for p in pages),
        "annotations": len(list((case.root / "edition" / "annotations").glob("*.md"))),
        "library_entries": len(re.findall(r"^@(?!comment|string|preamble)\w+\s*\{", bib, re.M | re.I)),
        "claims": sum(len(re.findall(r"^[a-z0-9][a-z0-9-]*:\s*$", p.read_text(), re.M)) for p in registry),
    }


def top_handlers(build: Build, count: int = 12) -> list[list[Any]]:
    """The edition's event handlers that took longest in *build*: ``[name, seconds, share of the build]``."""
    ranked = sorted(build.timings.items(), key=lambda kv: -kv[1])[:count]
    return [[name, round(seconds, 3), round(seconds / build.seconds, 3)] for name, seconds in ranked]


def _summary(builds: list[Build]) -> dict[str, Any]:
    return {
        "seconds": round(median([b.seconds for b in builds]), 3),
        "runs": [round(b.seconds, 3) for b in builds],
        "peak_rss_mb": round(median([b.peak_rss_mb for b in builds]), 1),
        "warnings": max(b.warnings for b in builds),
        "first_warnings": builds[0].first_warnings,
        "pages_read": builds[0].as_json()["read_count"],
        "load_before": [b.load_before for b in builds],
        "top_handlers": top_handlers(builds[0]),
        "handler_seconds": round(median([sum(b.timings.values()) for b in builds]), 3),
    }


def overhead(case: Case, repeat: int, warm_samples: int = 5) -> dict[str, Any]:
    """Cold (empty output folder) and warm (no change since the last build) builds of both
    variants, side by side: each repetition runs edition and bare, alternating which goes first.
    Warm builds are short and noisy, so each repetition runs enough of them, edition and bare
    in turn, to give at least *warm_samples* of each (5 at 100x, where a cold build is run once)."""
    runs: dict[tuple[str, str], list[Build]] = {}
    warm_each = max(1, -(-warm_samples // repeat))
    for rep in range(repeat):
        order = ("edition", "bare") if rep % 2 == 0 else ("bare", "edition")
        for variant in order:
            build = sphinx(case.src(variant), case.out(variant), cold=True)
            if build.warnings:
                # A build that warns leaves no environment (ext/edition/rebuild.py), so every
                # "warm" build after it would be a cold one: the measure would mean nothing.
                raise BuildError(f"{case.name} {variant}: the cold build warned: {build.first_warnings}")
            runs.setdefault((variant, "cold"), []).append(build)
            log(f"{case.name} {variant} cold: {build.seconds:.2f} s, {build.peak_rss_mb:.0f} MB")
        for _ in range(warm_each):
            for variant in order:
                build = sphinx(case.src(variant), case.out(variant), cold=False)
                runs.setdefault((variant, "warm"), []).append(build)
                log(f"{case.name} {variant} warm: {build.seconds:.2f} s, {build.peak_rss_mb:.0f} MB")
    result: dict[str, Any] = {"source": case.source, "scale": case.scale, "repeat": repeat}
    result["counts"] = counts(case)
    for variant in ("edition", "bare"):
        result[variant] = {kind: _summary(runs[(variant, kind)]) for kind in ("cold", "warm")}
    for kind in ("cold", "warm"):
        result.setdefault("ratio", {})[kind] = round(
            result["edition"][kind]["seconds"] / result["bare"][kind]["seconds"], 3
        )
    result["ratio"]["memory"] = round(
        result["edition"]["cold"]["peak_rss_mb"] / result["bare"]["cold"]["peak_rss_mb"], 3
    )
    return result


def parallel(case: Case) -> dict[str, Any]:
    """A cold ``-j 2`` build of the edition, compared with the serial output of the same sources."""
    build = sphinx(case.src("edition"), case.out("edition", "-j2"), jobs=2, cold=True)
    log(f"{case.name} edition -j 2: {build.seconds:.2f} s")
    comparison = compare_outputs(case.out("edition"), case.out("edition", "-j2"))
    return {
        "source": case.source,
        "scale": case.scale,
        "seconds": round(build.seconds, 3),
        "peak_rss_mb": round(build.peak_rss_mb, 1),
        "warnings": build.warnings,
        **comparison,
    }


# --- incremental rebuilds ------------------------------------------------------------------


class Edits:
    """The three one-file edits, each a real change every time it is applied (``k`` counts)."""

    def __init__(self, case: Case) -> None:
        edition = case.root / "edition"
        self.annotation = sorted((edition / "annotations").glob("*.md"))[0]
        self.registry = sorted(
            p for p in (edition / "docs" / "claims").glob("*.yml") if p.name != "waivers.yml"
        )[0]
        self.bib = edition / "references.bib"
        self.originals = {
            p: p.read_text(encoding="utf-8") for p in (self.annotation, self.registry, self.bib)
        }
        cited = re.search(r"^citations:\s*\[([^\],\]]+)", self.originals[self.annotation], re.M)
        self.key = cited.group(1).strip() if cited else ""

    def apply(self, what: str, k: int) -> str:
        if what == "annotation":
            text = self.originals[self.annotation].rstrip("\n") + f"\n\nBenchmark edit {k} of this note.\n"
            self.annotation.write_text(text, encoding="utf-8")
            return f"{self.annotation.parent.name}/{self.annotation.name}: a sentence added to the body"
        if what == "registry":
            text = self.originals[self.registry]
            text = re.sub(
                r"(review_by:\s*[\"']?)(\d{4})",
                lambda m: m.group(1) + str(int(m.group(2)) + k),
                text,
                count=1,
            )
            self.registry.write_text(text, encoding="utf-8")
            return f"claims/{self.registry.name}: the first entry's review_by date"
        if what == "bib":
            text = self.originals[self.bib]
            entry = re.search(r"@\w+\{" + re.escape(self.key) + r"\s*,", text) if self.key else None
            start = entry.start() if entry else 0
            title = re.compile(r"(\btitle\s*=\s*[{\"])", re.I).search(text, start)
            assert title is not None, "references.bib has no title field to edit"
            text = text[: title.end()] + f"Benchmark {k}: " + text[title.end() :]
            self.bib.write_text(text, encoding="utf-8")
            return f"references.bib: the title of {self.key or 'the first entry'}"
        return "nothing changed"


EDITS = ("noop", "annotation", "registry", "bib")


def incremental(case: Case, repeat: int, which: tuple[str, ...] = EDITS) -> dict[str, Any]:
    """After a full build: a no-op rebuild, then one edit at a time, each followed by a rebuild.
    Pages re-read come from the probe; pages changed from the HTML before and after."""
    which = tuple(w for w in EDITS if w in which or w == "noop")
    edits = Edits(case)
    out = case.out("edition")
    results: dict[str, list[dict[str, Any]]] = {what: [] for what in which}
    builds: dict[str, list[Build]] = {what: [] for what in which}
    descriptions = {}
    before = snapshot(out)
    for k in range(1, repeat + 1):
        for what in which:
            descriptions[what] = edits.apply(what, k)
            build = sphinx(case.src("edition"), out)
            after = snapshot(out)
            changed = sorted(name for name in after if before.get(name) != after[name])
            before = after
            builds[what].append(build)
            results[what].append(
                {
                    "read": build.read,
                    "written": len(build.written),
                    "written_unchanged": sorted(set(build.written) - set(changed) - {"genindex", "search"}),
                    "changed": changed,
                    "read_unchanged": sorted(set(build.read) - set(changed)),
                    "warnings": build.warnings,
                }
            )
            log(f"{case.name} rebuild after {what}: {build.seconds:.2f} s, read {len(build.read)}")
    summary: dict[str, Any] = {
        "source": case.source,
        "scale": case.scale,
        "repeat": repeat,
        "edits": {},
        "not_run": [w for w in EDITS if w not in which],
    }
    for what in which:
        last = results[what][-1]
        summary["edits"][what] = {
            "edit": descriptions[what],
            "seconds": round(median([b.seconds for b in builds[what]]), 3),
            "runs": [round(b.seconds, 3) for b in builds[what]],
            "pages_read": len(last["read"]),
            "read": last["read"][:50],
            "pages_written": last["written"],
            "written_but_unchanged": last["written_unchanged"][:50],
            "pages_changed": len(last["changed"]),
            "changed": last["changed"][:50],
            "read_but_unchanged": last["read_unchanged"][:50],
            "read_but_unchanged_count": len(last["read_unchanged"]),
            "warnings": max(r["warnings"] for r in results[what]),
            "top_handlers": top_handlers(builds[what][-1], 8),
        }
    noop = summary["edits"]["noop"]["seconds"]
    summary["ratio_to_noop"] = {w: round(summary["edits"][w]["seconds"] / noop, 3) for w in which}
    return summary


def clean_check(case: Case) -> dict[str, Any]:
    """The incremental output, after all the edits, against a clean build of the same sources."""
    build = sphinx(case.src("edition"), case.out("edition", "-clean"), cold=True)
    log(f"{case.name} clean build for the incremental check: {build.seconds:.2f} s")
    return compare_outputs(case.out("edition", "-clean"), case.out("edition"))


# --- anchoring and link check (each in its own process) -------------------------------------


def _python_json(module: str, *args: str, timeout: float = 1800) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        env=build_env(),
        cwd=REPO,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def anchoring(case: Case, repeat: int) -> dict[str, Any]:
    result = _python_json(
        "tests.benchmark.anchoring",
        "--doctrees",
        str(case.out("edition") / ".doctrees"),
        "--annotations",
        str(case.root / "edition" / "annotations"),
        "--repeat",
        str(repeat),
    )
    result.update(source=case.source, scale=case.scale)
    log(f"anchoring on {case.name}: exponent {result['exponent']}")
    return result


def anchoring_builds(work: Path, scale: int, repeat: int) -> dict[str, Any]:
    """Cold builds of the synthetic edition at *scale* with a quarter, half and all of one
    annotation a paragraph, timing the extension's own handlers in each (through the probe):
    ``place`` finds and renders the quotations on each page, ``refresh`` loads the files."""
    paragraphs = Counts.at(scale).paragraphs
    sizes = [paragraphs // 4, paragraphs // 2, paragraphs]
    points = []
    for n in sizes:
        root = work / f"anchoring-{scale}x-{n}"
        if root.exists():
            shutil.rmtree(root)
        write_synthetic(root / "edition", scale, annotations=n)
        case = Case("synthetic", scale, root)
        builds = [sphinx(case.src("edition"), case.out("edition"), cold=True) for _ in range(repeat)]
        shutil.rmtree(root)

        def handler(build: Build, part: str) -> float:
            return sum(v for k, v in build.timings.items() if part in k)

        point = {
            "annotations": n,
            "build_seconds": round(median([b.seconds for b in builds]), 3),
            "place_seconds": round(median([handler(b, "annotations.placement.place ") for b in builds]), 3),
            "annotation_handlers_seconds": round(
                median([handler(b, "edition.annotations.") for b in builds]), 3
            ),
            "warnings": max(b.warnings for b in builds),
        }
        points.append(point)
        log(f"anchoring builds {scale}x, {n} annotations: place {point['place_seconds']} s")
    exponent = fit_exponent([(float(p["annotations"]), float(p["place_seconds"])) for p in points])
    return {
        "scale": scale,
        "repeat": repeat,
        "points": points,
        "exponent": round(exponent, 3),
        "doubling_ratio": round(points[-1]["place_seconds"] / points[-2]["place_seconds"], 3)
        if points[-2]["place_seconds"]
        else None,
    }


def fit_exponent(points: list[tuple[float, float]]) -> float:
    """Slope of log(time) against log(count): 1 is linear."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-9)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


def serve_latency(case: Case, repeat: int) -> dict[str, Any]:
    """Save-to-page latency of the live preview (``nox -s serve``): the seconds from writing an
    annotation file to the moment its paper page, fetched over HTTP, shows the edit."""
    import time

    from tests.serving import fetch, preview, wait_for

    edits = Edits(case)
    root = case.root / "edition"
    slug = edits.annotation.stem
    runs = []
    with preview(root, case.root / "serve.log") as url:
        served = root / "docs" / "_build" / "serve"
        page = next(
            p.relative_to(served).as_posix()
            for p in sorted(served.rglob("*.html"))
            if f'id="ann-{slug}"' in p.read_text()
        )
        for k in range(1, repeat + 1):
            sentence = f"Benchmark preview edit {k} of this note."
            edits.annotation.write_text(
                edits.originals[edits.annotation].rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8"
            )
            runs.append(
                wait_for(url + page, lambda text, s=sentence: text is not None and s in text, timeout=120)
            )
            time.sleep(1)  # let the preview settle before the next save
        final = fetch(url + page) or ""
    edits.annotation.write_text(edits.originals[edits.annotation], encoding="utf-8")
    result = {"page": page, "runs": [round(r, 3) for r in runs], "seconds": round(median(runs), 3)}
    result["shows_last_edit"] = f"Benchmark preview edit {repeat} of this note." in final
    log(f"{case.name} preview: save to page {result['seconds']} s ({result['runs']})")
    return result


def linkcheck(urls: int, hosts: int, latency: float, repeat: int) -> dict[str, Any]:
    args = ["--urls", str(urls), "--hosts", str(hosts), "--latency", str(latency), "--repeat", str(repeat)]
    result = _python_json("tests.benchmark.linkbench", *args)
    log(f"link check: cold {result['cold']['seconds']} s, warm {result['warm']['seconds']} s")
    return result


def run_case(
    case: Case,
    repeat: int,
    *,
    with_parallel: bool,
    with_clean_check: bool,
    edits: tuple[str, ...] = EDITS,
    warm_samples: int = 5,
    step: Callable[[str], None] = log,
) -> dict[str, Any]:
    step(f"{case.name}: overhead, {repeat} repetition(s)")
    result: dict[str, Any] = {"overhead": overhead(case, repeat, warm_samples)}
    if with_parallel:
        step(f"{case.name}: -j 2")
        result["parallel"] = parallel(case)
    step(f"{case.name}: incremental rebuilds")
    result["incremental"] = incremental(case, repeat, edits)
    if with_clean_check:
        result["incremental"]["clean_build_matches"] = clean_check(case)
    if case.source == "paper":
        step(f"{case.name}: live preview")
        result["serve"] = serve_latency(case, max(3, repeat))
    return result
