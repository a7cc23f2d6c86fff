"""Cold and warm timings of the external link check on a generated test book.

    python ext/edition/linkcheck/scripts/benchmark.py [--urls 240] [--hosts 8] [--latency 0.05]

The book (in a temporary folder) has pages, a BibTeX library and annotation-like
notes whose URLs point at local servers on 127.0.0.1 … 127.0.0.N (each a host of
its own, so the per-host limits apply as they would on the web). The first run
starts with an empty cache; the second is served from it. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # ext/, for edition

from edition.linkcheck.cli import run_external

if TYPE_CHECKING:
    from collections.abc import Iterator

PAGE = b"<!DOCTYPE html><html><body><h1 id='top'>Page</h1><p id='here'>text</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    latency: ClassVar[float] = 0.0
    requests: ClassVar[int] = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        with self.lock:
            Handler.requests += 1
        time.sleep(self.latency)
        code = 404 if "/gone/" in self.path else 200
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(PAGE)

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()


@contextlib.contextmanager
def servers(hosts: int) -> Iterator[list[str]]:
    running = []
    for n in range(1, hosts + 1):
        httpd = ThreadingHTTPServer((f"127.0.0.{n}", 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        running.append(httpd)
    try:
        yield [f"http://127.0.0.{n + 1}:{s.server_address[1]}" for n, s in enumerate(running)]
    finally:
        for httpd in running:
            httpd.shutdown()
            httpd.server_close()


def write_book(root: Path, bases: list[str], count: int) -> None:
    """Pages, a library and notes with *count* distinct URLs in all, spread over *bases*."""
    urls = []
    for n in range(count):
        base = bases[n % len(bases)]
        kind = "gone" if n % 50 == 49 else "page"
        anchor = "#here" if n % 10 == 0 else ""
        urls.append(f"{base}/{kind}/{n}{anchor}")
    third = count // 3
    in_pages, in_bib, in_notes = urls[:third], urls[third : 2 * third], urls[2 * third :]
    (root / "notes").mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "edition", "edition.linkcheck"]\n'
        'exclude_patterns = ["_build", "notes"]\n'
        'edition_bibliography = "refs.bib"\n'
        'edition_linkcheck_sources = ["notes/*.md"]\n'
        "edition_linkcheck_probe = []\n"
    )
    pages = []
    for p in range(10):
        chunk = in_pages[p::10]
        lines = [f"# Page {p}", ""] + [f"- [{u}]({u})" for u in chunk]
        (root / f"page{p}.md").write_text("\n".join(lines) + "\n")
        pages.append(f"page{p}")
    entries = [
        f"@misc{{e{n},\n  title = {{Entry {n}}},\n  year = {{2000}},\n  url = {{{u}}}\n}}\n"
        for n, u in enumerate(in_bib)
    ]
    (root / "refs.bib").write_text("\n".join(entries))
    (root / "bibliography.md").write_text("# Bibliography\n\n```{bibliography}\n```\n")
    (root / "notes" / "notes.md").write_text("\n".join(f"See {u}." for u in in_notes) + "\n")
    toctree = "\n".join([*pages, "bibliography"])
    (root / "index.md").write_text(f"# Benchmark book\n\n```{{toctree}}\n{toctree}\n```\n")


def timed_run(srcdir: Path, outdir: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    before = Handler.requests
    started = time.monotonic()
    with contextlib.redirect_stdout(sys.stderr):
        status = run_external(srcdir, outdir, overrides)
    wall = time.monotonic() - started
    report = json.loads((outdir / "report.json").read_text())
    return {
        "wall_seconds": round(wall, 2),
        "check_seconds": report["seconds"],
        "urls": len(report["links"]),
        "checked": report["checked"],
        "from_cache": report["cached"],
        "requests": Handler.requests - before,
        "counts": {k: v for k, v in report["counts"].items() if v},
        "exit_status": status,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=240, help="distinct URLs in the book")
    parser.add_argument("--hosts", type=int, default=8, help="local hosts (127.0.0.1 … 127.0.0.N)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds each answer takes")
    parser.add_argument("-D", dest="define", action="append", default=[], help="edition_linkcheck_X=value")
    args = parser.parse_args()
    Handler.latency = args.latency
    overrides: dict[str, Any] = {}
    for item in args.define:
        name, _, value = item.partition("=")
        kind = type(getattr(_defaults(), name.removeprefix("edition_linkcheck_")))
        overrides[name] = value in ("1", "true", "True") if kind is bool else kind(value)
    with tempfile.TemporaryDirectory() as tmp, servers(args.hosts) as bases:
        srcdir, outdir = Path(tmp, "book"), Path(tmp, "book", "_build", "linkcheck")
        write_book(srcdir, bases, args.urls)
        cold = timed_run(srcdir, outdir, overrides)
        warm = timed_run(srcdir, outdir, overrides)
        refresh = timed_run(srcdir, outdir, {**overrides, "edition_linkcheck_refresh": True})
    settings = {"urls": args.urls, "hosts": args.hosts, "latency": args.latency, **overrides}
    print(json.dumps({"settings": settings, "cold": cold, "warm": warm, "refresh": refresh}, indent=2))


def _defaults() -> Any:
    from edition.linkcheck.options import LinkcheckOptions

    return LinkcheckOptions()


if __name__ == "__main__":
    main()
