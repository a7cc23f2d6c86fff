"""An incremental build ends where a clean build of the same sources would: after editing an
annotation, a registry entry and the library, the pages and the data files are the same, and
a data file none of whose inputs changed is left alone; a build that reads nothing leaves the
saved records packed."""

from __future__ import annotations

import functools
import pickle
import re
import shutil

import pytest

from conftest import warnings_of
from edition.domain import get_domain
from edition.packed import Packed

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


@pytest.mark.parametrize(
    ("root", "kept"),
    [
        ("annotations", ("library", "formatted", "annotation_set")),
        ("claims", ("library", "formatted", "claims_registry")),
    ],
)
def test_a_build_that_reads_nothing_leaves_the_saved_records_packed(make_app, copy_root, root, kept):
    """The shared values and per-page records come back from the saved environment as one string
    each, and a no-op build does not make any of them into objects (edition.packed)."""
    srcdir = copy_root(root)
    first = make_app("html", srcdir=srcdir)
    first.build()
    made = [(r.slug, r.docname, r.start) for r in get_domain(first.env).all_records("annotations")]
    first.cleanup()
    app = make_app("html", srcdir=srcdir)  # loads the environment the first build saved
    app.build()
    assert warnings_of(app) == ""
    domain = get_domain(app.env)
    for name in kept:
        packed = domain.kept(name)
        assert packed is not None, name
        assert not packed.unpacked, name
    library = domain.kept("library")
    assert library is not None
    assert library.head[0] > 0  # the head (mtime, problems) is there without unpacking
    unpacked = {
        bucket
        for bucket in domain.buckets
        for packed in domain.data.get(bucket, {}).values()
        if packed.unpacked
    }
    assert unpacked == set()
    assert any(domain.data.get("reading_text", {}).values())  # there were records to leave packed
    # Reading them gives the records the first build made.
    assert [(r.slug, r.docname, r.start) for r in domain.all_records("annotations")] == made
    assert bool(made) == (root == "annotations")


def test_a_packed_value_round_trips_and_compares_by_value():
    value = {"b": [1, 2], "a": ("x", None)}
    packed = Packed(value, head=(1.5, ()))
    loaded = pickle.loads(pickle.dumps(packed))
    assert not loaded.unpacked
    assert loaded.head == (1.5, ())
    assert loaded == packed  # same string: equal without unpacking
    assert not loaded.unpacked
    assert loaded.value == value
    same = Packed({"a": ("x", None), "b": [1, 2]}, head=(1.5, ()))  # another order, another string
    assert pickle.dumps(same.value) != pickle.dumps(value)
    assert same == loaded
    assert Packed(value, head=(2.0, ())) != packed
    assert Packed({"b": [1]}, head=(1.5, ())) != packed
    # Saved again after use, the string it was loaded from is reused, not made again.
    blob = loaded.blob()
    pickle.dumps(loaded)
    assert loaded.blob() is blob


def test_the_annotation_index_is_rewritten_only_when_what_it_shows_changes(make_app, copy_root):
    """A change to an annotation's body re-reads the page it annotates but leaves the index alone
    (the index shows quotation, kind and authors); a change of kind rewrites the index."""
    srcdir = copy_root("annotations")
    note = srcdir / "notes" / "president.md"

    def build():
        app = make_app("html", srcdir=srcdir)
        app.build()
        assert warnings_of(app) == ""
        app.cleanup()
        index = app.outdir / "annotations.html"
        pages = "".join((app.outdir / "paper" / p).read_text() for p in ("one.html", "two.html"))
        return index.stat().st_mtime_ns, index.read_text(), pages

    first, index_html, _ = build()
    kinds = index_html.count("(correction;"), index_html.count("(context;")
    note.write_text(note.read_text() + "\nA sentence added by the test.\n")
    second, _, pages = build()
    assert "A sentence added by the test." in pages
    assert second == first
    note.write_text(note.read_text().replace("kind: correction", "kind: context"))
    third, index_html, _ = build()
    assert third != first
    assert kinds[0] > 0  # president, the only correction, is listed by section, kind and author
    assert (index_html.count("(correction;"), index_html.count("(context;")) == (0, sum(kinds))


def test_a_whole_edition_check_runs_again_only_when_what_it_reads_changed(make_app, copy_root, monkeypatch):
    """edition.checking: the registry check is not run again after an edit it does not read,
    and what it reported (an overdue review) is reported again; editing the registry runs it."""
    from edition.claims import register

    runs = []
    check = register.check_register

    @functools.wraps(check)
    def counted(app, env):
        runs.append(1)
        check(app, env)

    monkeypatch.setattr(register, "check_register", counted)
    srcdir = copy_root("claims")
    registry = srcdir / "claims" / "text.yml"
    registry.write_text(registry.read_text().replace("review_by: 2030-01-01", "review_by: 2020-01-01", 1))

    def build():
        app = make_app("html", srcdir=srcdir)
        app.build()
        app.cleanup()
        return [line for line in warnings_of(app).splitlines() if "claim-review" in line]

    overdue = build()
    assert len(runs) == 1
    assert len(overdue) == 1
    assert "'fox-now' was due for review on 2020-01-01" in overdue[0]
    index = srcdir / "index.md"
    index.write_text(index.read_text() + "\nA sentence added by the test.\n")
    assert build() == overdue  # reported again, as it was
    assert len(runs) == 1  # without running the check
    registry.write_text(registry.read_text().replace("review_by: 2020-01-01", "review_by: 2030-01-01", 1))
    assert build() == []
    assert len(runs) == 2


def test_a_misspelt_bucket_or_input_is_refused_at_once():
    """What changed is matched by name: a misspelt input would leave a page, a data file or a
    check silently stale, so it is an error where it is declared."""
    from edition.checking import when_changed
    from edition.domain import known

    assert known(["annotations", "annotation_set"]) == {"annotations", "annotation_set"}
    with pytest.raises(ValueError, match=r"unknown buckets or inputs \['annotation_sets'\]"):
        known(["annotations", "annotation_sets"])
    with pytest.raises(ValueError, match="claim_registry"):
        when_changed(lambda app, env: None, ("claim_registry",))
