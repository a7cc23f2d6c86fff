"""The extensions are parallel-safe: a ``parallel=2`` build gives the serial output."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from conftest import REPO, copy_siblings, warnings_of

if TYPE_CHECKING:
    from pathlib import Path


def outputs(outdir: Path) -> dict[str, str]:
    files = [*sorted(outdir.glob("paper/*.html")), outdir / "apparatus.html"]
    files += [*sorted((outdir / "data").glob("*.json*")), outdir / "data" / "edition.tei.xml"]
    return {str(f.relative_to(outdir)): f.read_text(encoding="utf-8") for f in files}


def test_parallel_build_matches_serial(make_app, tmp_path):
    results = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"docs-{jobs}"
        shutil.copytree(REPO / "docs", srcdir, ignore=shutil.ignore_patterns("_build"))
        copy_siblings(tmp_path)
        app = make_app("html", srcdir=srcdir, parallel=jobs)
        app.build()
        assert warnings_of(app) == ""
        results.append(outputs(app.outdir))
        app.cleanup()  # let the second application register its nodes afresh
    serial, parallel = results
    assert serial.keys() == parallel.keys()
    assert len(serial) >= 10
    for name in serial:
        assert serial[name] == parallel[name], f"{name} differs between serial and parallel builds"


def test_incremental_parallel_rebuild_stays_clean(make_app, copy_root):
    srcdir = copy_root()
    app = make_app("html", srcdir=srcdir, parallel=2)
    app.build()
    page = srcdir / "paper" / "two.md"
    page.write_text(page.read_text().replace("is short.", "is short. "), encoding="utf-8")
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "apparatus.html").read_text()
    assert 'href="paper/two.html#em-p2-e2"' in html
