"""Running the live preview (``python -m edition.serve``, as ``nox -s serve`` does) on a copy of
the edition, and watching what it serves over HTTP: for its test and for the benchmark."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page at *url*, or None while there is none (or while it is being written: Sphinx
    writes a page in place, so a read may meet it shorter than the length it announced)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.IncompleteRead):
        return None


def wait_for(url: str, ready: Callable[[str | None], bool], timeout: float) -> float:
    """Seconds until the page at *url* satisfies *ready*; AssertionError after *timeout*."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if ready(fetch(url)):
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"{url} was not as expected within {timeout} s")


@contextmanager
def preview(root: Path, log: Path) -> Iterator[str]:
    """The live preview of the edition in *root* (with docs/, annotations/, references.bib),
    served on a free port of 127.0.0.1: its base URL, once the first build is served."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "ext")}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "edition.serve", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for(url + "index.html", lambda page: page is not None, timeout=180)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
