"""The internal link check on built HTML: a broken page link and a broken fragment
in a small test book are caught and reported at their source file and line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import ROOTS
from edition.linkcheck.cli import main
from edition.linkcheck.internal import check_site

if TYPE_CHECKING:
    from pathlib import Path


def build_book(make_app, copy_root, files: dict[str, str] | None = None):
    srcdir = copy_root("links-internal", files)
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app.outdir, srcdir


def test_a_broken_fragment_and_a_broken_page_are_caught_at_their_source_line(make_app, copy_root):
    outdir, srcdir = build_book(make_app, copy_root)
    report = check_site(outdir, srcdir)
    found = [(str(p.location).replace(f"{srcdir}/", ""), p.message) for p in report.problems]
    assert found == [
        ("a.md:9", "broken internal link 'b.html#nowhere': b.html has no id 'nowhere'"),
        ("a.md:11", "broken internal link 'missing.html': there is no file missing.html"),
    ]
    assert all(p.html.line for p in report.problems)  # and where each is in the HTML
    # Every other link works: pages, fragments, the download, the data file, the theme's own.
    assert report.pages == 5
    assert report.links > 50


def test_a_clean_book_has_no_problem(make_app, copy_root):
    a = (ROOTS / "test-links-internal" / "a.md").read_text()
    fixed = a.replace("b.html#nowhere", "b.html#b-section").replace("missing.html", "index.html")
    outdir, srcdir = build_book(make_app, copy_root, {"a.md": fixed})
    assert check_site(outdir, srcdir).problems == []


def test_the_same_broken_link_twice_is_reported_at_each_line(make_app, copy_root):
    twice = "# Page A\n\n<a href='gone.html'>one</a>\n\nText.\n\n<a href='gone.html'>two</a>\n"
    outdir, srcdir = build_book(make_app, copy_root, {"a.md": twice})
    found = [str(p.location).replace(f"{srcdir}/", "") for p in check_site(outdir, srcdir).problems]
    assert found == ["a.md:3", "a.md:7", "b.md:5"]  # and B's link to the label A no longer has


def test_a_generated_link_is_traced_to_the_file_that_generates_it(tmp_path: Path):
    html, src = tmp_path / "html", tmp_path / "src"
    (html / "_sources").mkdir(parents=True)
    src.mkdir()
    (src / "page.md").write_text("# Page\n\n{claims-table}\n")
    (html / "_sources" / "page.md.txt").write_text("")
    (html / "page.html").write_text('<p id="row-kept"><a href="#row-dropped-claim">x</a></p>\n')
    claims = src / "claims.yml"
    claims.write_text("kept:\n  quote: a\ndropped-claim:\n  quote: b\n")
    (problem,) = check_site(html, src, [claims]).problems
    assert str(problem.location).endswith("claims.yml:3")
    assert (
        problem.message
        == "broken internal link '#row-dropped-claim': page.html has no id 'row-dropped-claim'"
    )


def test_links_outside_the_site_and_folders_without_index(tmp_path: Path):
    (tmp_path / "site" / "sub").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text('<a href="../secret.txt">a</a><a href="sub/">b</a>')
    messages = [p.message for p in check_site(tmp_path / "site").problems]
    assert messages == [
        "broken internal link '../secret.txt': it points outside the built site",
        "broken internal link 'sub/': the folder sub/ has no index.html",
    ]


def test_the_command_fails_and_writes_a_json_report(make_app, copy_root, tmp_path, capsys):
    outdir, srcdir = build_book(make_app, copy_root)
    out = tmp_path / "internal.json"
    status = main(["internal", str(outdir), "--source", str(srcdir), "--json", str(out)])
    assert status == 1
    err = capsys.readouterr().err.replace(f"{srcdir}/", "")
    assert "a.md:9: ERROR: broken internal link 'b.html#nowhere'" in err
    assert err.rstrip().endswith("[edition.link]")
    data = json.loads(out.read_text())
    assert data["failed"] is True
    assert [(p["line"], p["href"]) for p in data["problems"]] == [(9, "b.html#nowhere"), (11, "missing.html")]
