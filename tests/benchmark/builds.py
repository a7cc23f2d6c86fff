"""Running one Sphinx build in a subprocess and measuring it: wall time, peak memory, warnings,
and (through :mod:`tests.benchmark.probe`) the pages read and written."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE):")


class BuildError(RuntimeError):
    pass


@dataclass
class Build:
    seconds: float
    peak_rss_mb: float  # largest resident set of the build's processes (wait4's ru_maxrss)
    warnings: int
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    first_warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds in each edition event handler
    load_before: float = 0.0  # 1-minute load average when the build started (other work on the machine)

    def as_json(self, pages: bool = False) -> dict[str, Any]:
        out = asdict(self)
        out["seconds"] = round(self.seconds, 3)
        out["peak_rss_mb"] = round(self.peak_rss_mb, 1)
        out["read_count"] = len(self.read)
        out["written_count"] = len(self.written)
        if not pages:
            out.pop("read")
            out.pop("written")
            out.pop("timings")
        return out


def build_env() -> dict[str, str]:
    """The environment of a build: ``ext/`` (the edition) and the repository (the probe) importable."""
    paths = [str(REPO / "ext"), str(REPO)]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    env.pop("BENCH_PROBE", None)
    return env


def sphinx(
    srcdir: Path, outdir: Path, *, jobs: int = 1, cold: bool = False, log: Path | None = None
) -> Build:
    """Build *srcdir* into *outdir* (from scratch if *cold*) with ``python -m sphinx -b html -q``."""
    if cold and outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    probe = outdir.parent / f".{outdir.name}.probe.jsonl"
    probe.unlink(missing_ok=True)
    log = log or outdir.parent / f".{outdir.name}.log"
    env = build_env()
    env["BENCH_PROBE"] = str(probe)
    parallel = ["-j", str(jobs)] if jobs > 1 else []
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", *parallel, str(srcdir), str(outdir)]
    load_before = os.getloadavg()[0]
    with log.open("w", encoding="utf-8") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=srcdir)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise BuildError(f"sphinx failed ({proc.returncode}) on {srcdir}:\n{text[-3000:]}")
    warnings = [line for line in text.splitlines() if WARNING.search(line)]
    read: list[str] = []
    written: list[str] = []
    timings: dict[str, float] = {}
    if probe.exists():
        for line in probe.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            read += record.get("read", [])
            if "written" in record:
                written.append(record["written"])
            timings.update(record.get("timings", {}))
    return Build(
        seconds=seconds,
        peak_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        warnings=len(warnings),
        read=sorted(set(read)),
        written=sorted(set(written)),
        first_warnings=[_strip_colour(w) for w in warnings[:5]],
        timings=timings,
        load_before=round(load_before, 2),
    )


def _strip_colour(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)[:400]


def snapshot(outdir: Path) -> dict[str, str]:
    """A digest of every page of the HTML output, by docname."""
    out = {}
    for path in sorted(outdir.rglob("*.html")):
        rel = path.relative_to(outdir)
        if rel.parts[0].startswith(("_", ".")):
            continue
        out[rel.with_suffix("").as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return out


def compare_outputs(first: Path, second: Path) -> dict[str, Any]:
    """Whether two HTML outputs have the same pages and data files, byte for byte."""
    names = sorted(
        {
            str(p.relative_to(first))
            for p in first.rglob("*.html")
            if p.relative_to(first).parts[0][0] not in "_."
        }
        | {str(p.relative_to(first)) for p in (first / "data").glob("*.json*")}
    )
    others = {
        str(p.relative_to(second))
        for p in second.rglob("*.html")
        if p.relative_to(second).parts[0][0] not in "_."
    } | {str(p.relative_to(second)) for p in (second / "data").glob("*.json*")}
    differing = [n for n in names if n not in others or (first / n).read_bytes() != (second / n).read_bytes()]
    missing = sorted(others - set(names))
    return {
        "files_compared": len(names),
        "identical": not differing and not missing,
        "differing": differing[:20],
        "only_in_second": missing[:20],
    }


def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return float("nan")
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
