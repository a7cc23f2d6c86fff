"""Shared helpers for the browser tests: build a site, serve it on 127.0.0.1,
drive Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).parent / "_output" / "screenshots"


def build_site(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """Build *srcdir* into *outdir* in a separate process (a clean docutils state)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent / "ext"), "PATH": "/usr/bin:/bin"},
    )


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
