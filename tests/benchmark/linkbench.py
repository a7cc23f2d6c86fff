"""The external link check, cold then warm from its cache, on local servers only.

    python -m tests.benchmark.linkbench [--urls 1000] [--hosts 8] [--latency 0.05] [--repeat 1]

Reuses ``ext/edition/linkcheck/scripts/benchmark.py``: its generated book (pages, a BibTeX
library and notes holding *urls* distinct URLs), its servers on 127.0.0.1 ... 127.0.0.N (loopback
only; each address is a host of its own, so the per-host politeness limits apply) and its timed
run. Each repetition writes a fresh book, so each cold run starts with an empty cache; the warm
run follows it on the same book. Prints JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from edition.linkcheck.scripts import benchmark as script


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    script.Handler.latency = args.latency
    runs: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as tmp, script.servers(args.hosts) as bases:
        for rep in range(args.repeat):
            srcdir = Path(tmp, f"book{rep}")
            outdir = srcdir / "_build" / "linkcheck"
            script.write_book(srcdir, bases, args.urls)
            with contextlib.redirect_stdout(sys.stderr):
                for kind in ("cold", "warm"):
                    runs[kind].append(script.timed_run(srcdir, outdir, {}))
    result: dict[str, Any] = {
        "urls": args.urls,
        "hosts": args.hosts,
        "latency": args.latency,
        "repeat": args.repeat,
        "addresses": f"127.0.0.1 ... 127.0.0.{args.hosts}",
    }
    for kind, items in runs.items():
        result[kind] = {
            "seconds": round(_median([r["wall_seconds"] for r in items]), 3),
            "runs": [r["wall_seconds"] for r in items],
            "checked": items[-1]["checked"],
            "from_cache": items[-1]["from_cache"],
            "requests": items[-1]["requests"],
            "counts": items[-1]["counts"],
        }
    result["ratio"] = round(result["warm"]["seconds"] / result["cold"]["seconds"], 4)
    json.dump(result, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
