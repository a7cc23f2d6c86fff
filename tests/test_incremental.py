"""An incremental build ends exactly where a clean build of the same sources ends: the same
HTML (but build info and the search index), the same data files, the same warnings.

Each case of the table starts from a built copy of ``tests/roots/test-incremental`` (a small
edition that uses every feature), makes its change (one or more steps, each followed by an
incremental build, as a new process would run it), and compares the last build with a clean
build of a copy of the same sources. The table covers every kind of change: pages, annotation
files, registry entries, waivers, library entries, and every ``edition_*`` option.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import ROOTS, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = ROOTS / "test-incremental"
IGNORED = {"searchindex.js", ".buildinfo", "objects.inv"}


class Project:
    """The sources of one case, with the edits a contributor would make."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, (rel, old)
        self.write(rel, text.replace(old, new, 1))

    def append(self, rel: str, text: str) -> None:
        self.write(rel, self.read(rel) + text)

    def delete(self, rel: str) -> None:
        (self.path / rel).unlink()

    def rename(self, old: str, new: str) -> None:
        (self.path / old).rename(self.path / new)

    def conf(self, line: str) -> None:
        self.append("conf.py", "\n" + line + "\n")


Step = "Callable[[Project], None]"


@dataclass(frozen=True)
class Case:
    name: str
    steps: tuple[Callable[[Project], None], ...]


def case(name: str, *steps: Callable[[Project], None]) -> Case:
    return Case(name, steps)


ANNOTATION = """---
target:
  exact: "quotes \\"someone.\\""
authors:
  - name: "Cy Editor"
created: 2026-12-01
kind: source
citations: [jones2005]
---
Who it was is told in {cite}`jones2005`.
"""

CLAIM = """
short-paragraph:
  quote: "and is short"
  category: state-of-affairs
  status: still-holds
  review_by: 2031-01-01
  followup: |
    It is still short {cite}`smith2001`.
  citations: [smith2001]
"""

ENTRY = """
@book{brown1999,
  author    = {Brown, Bo},
  title     = {Another Book},
  publisher = {B Press},
  year      = {1999}
}
"""

PAGES = [
    case(
        "page: add",
        lambda p: p.write("extra.md", "# Extra\n\nSee {ref}`p3` and {cite}`smith2001`.\n"),
        lambda p: p.edit("index.md", "places\n", "places\nextra\n"),
    ),
    case("page: edit", lambda p: p.edit("places.md", "the city is named in", "a city is named in")),
    case("page: edit that breaks fidelity", lambda p: p.edit("paper/two.md", "is short", "is brief")),
    case("page: delete", lambda p: p.delete("places.md")),
    case(
        "page: delete a page of the paper",
        lambda p: p.delete("paper/two.md"),
    ),
    case(
        "page: rename",
        lambda p: p.rename("places.md", "where.md"),
        lambda p: p.edit("index.md", "places\n", "where\n"),
    ),
    case(
        "page: a paragraph id removed that others link to",
        lambda p: p.edit("paper/one.md", "{para}`p2` ", ""),
    ),
    case(
        "page: a duplicate paragraph id, then fixed",
        lambda p: p.edit("paper/two.md", "{para}`p3`", "{para}`p1`"),
        lambda p: p.edit("paper/two.md", "{para}`p1`", "{para}`p3`"),
    ),
    case(
        "page: an unknown emendation type, then nothing changed",
        lambda p: p.edit("paper/one.md", "| hyphenation |", "| hyphen |"),
        lambda p: None,
    ),
    case(
        "page: a claim span with no entry, then nothing changed",
        lambda p: p.edit("paper/two.md", "#five-dollars", "#five-dollar"),
        lambda p: None,
    ),
    case(
        "page: an undefined label, then nothing changed",
        lambda p: p.edit("places.md", "{ref}`p2`", "{ref}`p9`"),
        lambda p: None,
    ),
]

ANNOTATIONS = [
    case("annotation: add", lambda p: p.write("notes/someone.md", ANNOTATION)),
    case("annotation: edit the body", lambda p: p.edit("notes/city.md", "is described", "is told of")),
    case(
        "annotation: edit the quotation",
        lambda p: p.edit("notes/city.md", "names a city", "The third paragraph"),
    ),
    case("annotation: edit the kind", lambda p: p.edit("notes/city.md", "kind: context", "kind: source")),
    case("annotation: delete", lambda p: p.delete("notes/much-needed.md")),
    case("annotation: rename", lambda p: p.rename("notes/city.md", "notes/a-city.md")),
    case(
        "annotation: break, then nothing changed",
        lambda p: p.edit("notes/city.md", "kind: context", "kind: gossip"),
        lambda p: None,
    ),
]

REGISTRY = [
    case(
        "registry: edit an entry",
        lambda p: p.edit("claims/one.yml", "status: superseded", "status: unresolved"),
    ),
    case(
        "registry: edit a follow-up",
        lambda p: p.edit("claims/one.yml", "Fox took office", "Vicente Fox took office"),
    ),
    case(
        "registry: add an entry (and its span)",
        lambda p: p.append("claims/two.yml", CLAIM),
        lambda p: p.edit("paper/two.md", "and is short", "[and is short]{#short-paragraph .claim}"),
    ),
    case("registry: add an entry with no span", lambda p: p.append("claims/two.yml", CLAIM)),
    case("registry: remove an entry", lambda p: p.write("claims/two.yml", "")),
    case("registry: a review date passed", lambda p: p.edit("claims/two.yml", "2030-01-01", "2020-01-01")),
    case(
        "waiver: add",
        lambda p: p.append(
            "claims/waivers.yml",
            '\n- page: two\n  match: "today"\n  context: "costs five dollars today"\n  reason: "Test."\n',
        ),
    ),
    case("waiver: edit", lambda p: p.edit("claims/waivers.yml", "Historical narrative.", "History.")),
    case("waiver: remove one in use", lambda p: p.write("claims/waivers.yml", "[]\n")),
]

LIBRARY = [
    case(
        "library: edit an entry",
        lambda p: p.edit("refs.bib", "title     = {A Book}", "title     = {A Good Book}"),
    ),
    case("library: add an entry", lambda p: p.append("refs.bib", ENTRY)),
    case(
        "library: delete a cited entry",
        lambda p: p.write("refs.bib", p.read("refs.bib").split("@article")[0]),
    ),
    case("library: break an entry", lambda p: p.edit("refs.bib", "year      = {2001}", "year      = {2001")),
]


def _option(name: str, value: str, *before: Callable[[Project], None]) -> Case:
    """Set ``edition_<name>``, after *before* (in the same step) has made what the value names."""

    def step(p: Project) -> None:
        for prepare in before:
            prepare(p)
        p.conf(f"edition_{name} = {value}")

    return case(f"option: edition_{name}", step)


def _copy_dir(old: str, new: str, then: Callable[[Project], None] | None = None) -> Callable[[Project], None]:
    def step(p: Project) -> None:
        shutil.copytree(p.path / old, p.path / new)
        if then is not None:
            then(p)

    return step


OPTIONS = [
    _option("paper_pages", '["paper/one", "paper/notes"]'),
    _option(
        "witness",
        '"witness2.txt"',
        lambda p: p.write("witness2.txt", p.read("witness.txt").replace("brief", "x")),
    ),
    _option("paper_date", '"2000-11"'),
    _option("paragraph_id_pattern", 'r"p[12]"'),
    _option(
        "emendation_types",
        '{"typo": "evident typing error corrected", "restored-marker": "lost endnote marker restored", '
        '"restored-number": "lost endnote number restored"}',
    ),
    _option("endnote_kinds", '["citation", "commentary"]'),
    _option("bibliography", '"refs2.bib"', lambda p: p.write("refs2.bib", p.read("refs.bib") + ENTRY)),
    _option("bibliography_page", '"citations"'),
    _option("csl_style", '"apa"'),
    _option(
        "claims_dir",
        '"registry"',
        _copy_dir("claims", "registry", lambda p: p.edit("registry/two.yml", "figure", "prediction")),
        lambda p: p.conf('exclude_patterns.append("registry")'),
    ),
    _option("apparatus_page", '"citations"'),
    _option("claims_page", '"citations"'),
    _option("review_date", '"2031-06-01"'),
    _option("claim_lexicon", '{"now": r"\\bnow\\b", "soon": r"\\bsoon\\b"}'),
    _option(
        "annotations_dir",
        '"notes2"',
        _copy_dir("notes", "notes2", lambda p: p.delete("notes2/city.md")),
        lambda p: p.conf('exclude_patterns.append("notes2")'),
    ),
    _option("annotation_kinds", '["context", "source"]'),
    _option("editors", '{"An Editor": "established the text"}'),
    _option("rights", '"Nothing is known about the rights."'),
    _option("licence", '"The editorial matter is licensed CC BY 4.0."'),
    _option("licence_url", '"https://creativecommons.org/licenses/by/4.0/"'),
    _option("tei_header", '{"sourceDesc": "apparatus", "normalization": ["index"]}'),
    _option("data_dir", '"datasets"'),
    _option("linkcheck_timeout", "5.0"),
    _option("linkcheck_retries", "0"),
    _option("linkcheck_workers", "2"),
    _option("linkcheck_per_host", "1"),
    _option("linkcheck_host_rate", "1.0"),
    _option("linkcheck_retry_after_max", "5.0"),
    _option("linkcheck_deadline", "60.0"),
    _option("linkcheck_url_time", "30.0"),
    _option("linkcheck_max_bytes", "1000"),
    _option("linkcheck_max_redirects", "2"),
    _option("linkcheck_cache", '"cache.json"'),
    _option("linkcheck_cache_days", "1.0"),
    _option("linkcheck_refresh", "True"),
    _option("linkcheck_strict", "True"),
    _option("linkcheck_offline", "True"),
    _option("linkcheck_probe", '["localhost:1"]'),
    _option("linkcheck_sources", '["notes/*.md"]'),
]

CASES = PAGES + ANNOTATIONS + REGISTRY + LIBRARY + OPTIONS


def outputs(outdir: Path) -> dict[str, str]:
    """Every written file that a reader or a tool sees, by path (the search index and build info
    aside: Sphinx itself keeps them incrementally)."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir).as_posix()
        if path.is_file() and path.name not in IGNORED and not rel.startswith(("_static/", "_sources/")):
            found[rel] = path.read_text(encoding="utf-8", errors="replace")
    return found


def warning_lines(app: object, srcdir: Path) -> list[str]:
    text = warnings_of(app).replace(str(srcdir) + "/", "").replace(str(srcdir), "")
    # Sphinx words one warning two ways: "nonexisting" when the toctree is read, "non-existing"
    # when it is resolved on writing (a page removed since the toctree's page was read).
    text = text.replace("non-existing document", "nonexisting document")
    return sorted(line for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("change", CASES, ids=[c.name for c in CASES])
def test_an_incremental_build_ends_where_a_clean_build_ends(make_app, tmp_path, change):
    project = Project(tmp_path / "incremental")
    shutil.copytree(ROOT, project.path)
    app = make_app("html", srcdir=project.path)
    app.build()
    assert warnings_of(app) == "", "the test root must build cleanly"
    for step in change.steps:
        app.cleanup()
        step(project)
        app = make_app("html", srcdir=project.path)  # a new process each time, as a maintainer runs it
        app.build()
    incremental = outputs(app.outdir), warning_lines(app, project.path)
    app.cleanup()

    clean_src = tmp_path / "clean"
    shutil.copytree(project.path, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    expected = outputs(clean.outdir), warning_lines(clean, clean_src)
    clean.cleanup()

    assert incremental[1] == expected[1], "the warnings differ"
    assert sorted(incremental[0]) == sorted(expected[0]), "the files written differ"
    for name, text in expected[0].items():
        assert incremental[0][name] == text, name


def test_the_table_covers_every_option(make_app, tmp_path):
    """A new ``edition_*`` option needs its case in the table."""
    srcdir = tmp_path / "root"
    shutil.copytree(ROOT, srcdir)
    app = make_app("html", srcdir=srcdir)
    registered = {value.name for value in app.config if value.name.startswith("edition_")}
    covered = {c.name.removeprefix("option: ") for c in OPTIONS}
    assert registered == covered


def test_a_build_that_changes_nothing_writes_nothing(make_app, tmp_path):
    """No page and no data file is written again (Sphinx's own genindex and search pages are)."""
    srcdir = tmp_path / "root"
    shutil.copytree(ROOT, srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    written = [Path(app.outdir, f"{doc}.html") for doc in app.env.found_docs]
    written += list(Path(app.outdir, "data").iterdir())
    stamps = {p: p.stat().st_mtime_ns for p in written}
    app.cleanup()
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert warnings_of(again) == ""
    assert {p: p.stat().st_mtime_ns for p in written} == stamps


def test_a_warning_build_leaves_no_environment(make_app, tmp_path):
    """The next build starts clean, so it reports every problem again."""
    srcdir = tmp_path / "root"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "places.md").write_text("# Places\n\nSee {ref}`p99`.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert re.search(r"places\.md:3: WARNING: undefined label", warnings_of(app))
    assert not (Path(app.doctreedir) / "environment.pickle").exists()


def test_a_strict_build_fails_on_every_run_while_the_problem_is_there(tmp_path):
    """The HTML step of ``nox -s docs`` (here without its -E, which would make it trivially so)
    run twice on a broken edition fails twice, with the same located errors; fixed, it passes."""
    import subprocess
    import sys

    from conftest import REPO

    srcdir = tmp_path / "root"
    shutil.copytree(ROOT, srcdir)
    project = Project(srcdir)
    project.edit("places.md", "{ref}`p2`", "{ref}`p9`")  # found when the page is written
    project.edit("paper/one.md", "| hyphenation |", "| hyphen |")  # found when the page is read

    def strict() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-W",
                "--keep-going",
                "-n",
                "-q",
                str(srcdir),
                str(srcdir / "_build"),
            ],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(REPO / "ext"), "PATH": "/usr/bin:/bin"},
            timeout=300,
            check=False,
        )

    runs = [strict(), strict()]
    for run in runs:
        assert run.returncode != 0
        assert "places.md:3: WARNING: undefined label: 'p9'" in run.stderr
        assert "paper/one.md:6: ERROR: unknown emendation type 'hyphen'" in run.stderr
    project.edit("places.md", "{ref}`p9`", "{ref}`p2`")
    project.edit("paper/one.md", "| hyphen |", "| hyphenation |")
    fixed = strict()
    assert fixed.returncode == 0, fixed.stderr
