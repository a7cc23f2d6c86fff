"""How much of one build's time is spent inside the edition's own code: event handlers, and
also the roles and directives that run inside the parser (the probe times handlers only).

A thread samples the main thread's stack every half millisecond while Sphinx builds in this
process, and counts the samples with a frame of ``ext/edition/`` on the stack, and those with a
frame of citeproc-py. Sampling slows the build (the thread takes the interpreter lock in
turn), so the shares matter, not the wall time.

``python -m tests.benchmark.sampling SRCDIR OUTDIR`` builds SRCDIR from scratch into OUTDIR
and prints one JSON object.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from collections import Counter
from typing import Any

EDITION = f"{os.sep}ext{os.sep}edition{os.sep}"
CITEPROC = f"{os.sep}citeproc{os.sep}"


def sample_build(srcdir: str, outdir: str, interval: float = 0.0005) -> dict[str, Any]:
    from sphinx.cmd.build import main

    shutil.rmtree(outdir, ignore_errors=True)
    target = threading.get_ident()
    counts: Counter[str] = Counter()
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            frame = sys._current_frames().get(target)
            files = set()
            while frame is not None:
                files.add(frame.f_code.co_filename)
                frame = frame.f_back
            counts["all"] += 1
            counts["edition"] += any(EDITION in f for f in files)
            counts["citeproc"] += any(CITEPROC in f for f in files)
            time.sleep(interval)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        status = main(["-b", "html", "-q", srcdir, outdir])
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        sys.setswitchinterval(switch)
    share = {name: counts[name] / counts["all"] if counts["all"] else 0.0 for name in ("edition", "citeproc")}
    return {
        "status": status,
        "seconds": round(seconds, 3),
        "samples": counts["all"],
        "edition_share": round(share["edition"], 4),
        "citeproc_share": round(share["citeproc"], 4),
        "edition_seconds": round(share["edition"] * seconds, 3),
        "citeproc_seconds": round(share["citeproc"] * seconds, 3),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m tests.benchmark.sampling SRCDIR OUTDIR", file=sys.stderr)
        return 2
    result = sample_build(os.path.abspath(args[0]), os.path.abspath(args[1]))
    print(json.dumps(result))
    return 0 if result["status"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
