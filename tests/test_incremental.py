"""An incremental build ends where a clean build of the same sources would: after editing an
annotation, a registry entry and the library, the pages and the data files are the same, and
a data file none of whose inputs changed is left alone."""

from __future__ import annotations

import re
import shutil

from conftest import warnings_of

DATA = ("apparatus.json", "endnotes.json", "references.json", "dated-claims.json", "annotations.jsonld")


def test_edits_rebuilt_incrementally_match_a_clean_build(make_app, copy_root, tmp_path):
    srcdir = copy_root("docs")
    root = srcdir.parent
    app = make_app("html", srcdir=srcdir)
    app.build()
    data = app.outdir / "data"
    stamps = {name: (data / name).stat().st_mtime_ns for name in DATA}

    def rebuild():
        nonlocal app
        app.cleanup()
        app = make_app("html", srcdir=srcdir)  # as a new process would: an app builds once
        app.build()
        assert warnings_of(app) == ""
        changed = {name for name in DATA if (data / name).stat().st_mtime_ns != stamps[name]}
        stamps.update({name: (data / name).stat().st_mtime_ns for name in DATA})
        return changed

    note = root / "annotations" / "binational-study.md"
    note.write_text(note.read_text() + "\nA sentence added by the test.\n")
    registry = srcdir / "claims" / "beyond-nafta.yml"
    text = registry.read_text()
    registry.write_text(re.sub(r"(review_by:\s*[\"']?)(\d{4})", lambda m: m[1] + "2099", text, count=1))
    assert rebuild() == {"annotations.jsonld", "dated-claims.json"}
    assert "A sentence added by the test." in (data / "annotations.jsonld").read_text()
    assert "2099" in (data / "dated-claims.json").read_text()

    bib = root / "references.bib"  # no page is read again for this one
    bib.write_text(re.sub(r"(\btitle\s*=\s*\{)", r"\1Edited by the test ", bib.read_text(), count=1))
    assert rebuild() == {"references.json"}
    assert "Edited by the test" in (data / "references.json").read_text()

    app.cleanup()  # let the second application register its nodes afresh
    clean_src = tmp_path / "clean" / "docs"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(root / "annotations", clean_src.parent / "annotations")
    shutil.copy(bib, clean_src.parent / "references.bib")
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    for name in DATA:
        assert (data / name).read_text() == (clean.outdir / "data" / name).read_text(), name
    for page in ("annotations.html", "claims.html", "bibliography.html", "paper/beyond-nafta.html"):
        assert (app.outdir / page).read_text() == (clean.outdir / page).read_text(), page
