"""Shared helpers for the browser tests: build a site, serve it on 127.0.0.1,
drive Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).parent / "_output" / "screenshots"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
LAYER_KEY = "edition-layer"  # where edition.js keeps the reader's layer (localStorage)


def choose_layer(page: Page, layer: str) -> None:
    """Open every later page of *page*'s context in *layer*, as a reader who chose it before."""
    page.add_init_script(f"localStorage.setItem({LAYER_KEY!r}, {layer!r})")


def serious_axe_violations(page: Page, axe_source: str, scheme: str, before_audit: str = "") -> list[str]:
    """axe-core's serious and critical violations on *page*, once the theme has applied
    *scheme* and its colours have stopped moving. *before_audit* is a script run first."""
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    if before_audit:
        page.evaluate(before_audit)
    page.wait_for_timeout(100)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}) {[n['target'] for n in violation['nodes'][:3]]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


#: The public address the test builds of the edition are given (docs/conf.py reads EDITION_BASE_URL);
#: example.org is reserved for examples, so nothing real is claimed.
BASE_URL = "https://edition.example.org/campaigning-for-change/"


def build_site(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """Build *srcdir* into *outdir* in a separate process (a clean docutils state)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "ext"),
            "PATH": "/usr/bin:/bin",
            "EDITION_BASE_URL": BASE_URL,
        },
    )


EPOCH = "1764288000"  # SOURCE_DATE_EPOCH for reproducible PDFs (2025-11-28)


def build_pdf(workdir: Path, srcdir: Path | None = None) -> tuple[Path, str]:
    """Build the PDF edition with xelatex: (path of the PDF, LaTeX log)."""
    repo = Path(__file__).resolve().parent.parent
    _make("latexpdf", workdir, srcdir or repo / "docs")
    latex = workdir / "latex"
    return latex / "campaigning-for-change.pdf", (latex / "campaigning-for-change.log").read_text(
        errors="replace"
    )


def _make(target: str, workdir: Path, srcdir: Path) -> None:
    """``sphinx -M target`` strictly, in its own process, reproducibly (SOURCE_DATE_EPOCH)."""
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(repo / "ext")}
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-M",
        target,
        str(srcdir),
        str(workdir),
        "-W",
        "--keep-going",
        "-q",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def build_epub(workdir: Path, srcdir: Path | None = None) -> Path:
    """Build the EPUB edition with Sphinx's EPUB builder, strictly: the path of the EPUB."""
    repo = Path(__file__).resolve().parent.parent
    _make("epub", workdir, srcdir or repo / "docs")
    return workdir / "epub" / "campaigning-for-change.epub"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve *folder* on 127.0.0.1 (a free port) and yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
