"""Hostile and careless inputs of issue 16, class by class (the inputs are in
tests/hostile_inputs/ and tests/roots/test-hostile-render/; the slow link-check
servers are in test_linkcheck.py).

Every case asserts its located message; where HTML comes out, real Chromium loads it
and no script of the input runs; every build here runs in a child process whose time
and peak memory are measured, and none may print a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from browser import serve
from conftest import REPO, ROOTS, copy_siblings, warnings_of

INPUTS = Path(__file__).parent / "hostile_inputs"
SCHEMA = json.loads((Path(__file__).parent / "web-annotation.schema.json").read_text())
#: The most work (CPU seconds) and memory a build or a command of these tests may take; and the
#: wall time after which it is stopped as hung (the machine may be shared, so time is not judged by it).
SECONDS, MEGABYTES, HUNG = 10.0, 300, 120.0
#: What a script of the inputs does if it ever runs.
PWNED = "window.__pwned"


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # CPU time, user and system
    megabytes: float  # peak resident memory


def run_bounded(args: list[str], cwd: Path) -> Ran:
    """Run *args* in a child process, measuring its own CPU time and peak memory (``wait4``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "ext"), "NO_COLOR": "1"}
    started = time.monotonic()
    with (cwd / ".out").open("w+b") as out, (cwd / ".err").open("w+b") as err:
        child = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > HUNG:
                child.kill()
                pytest.fail(f"{args}: still running after {HUNG:g} s")
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    cpu = usage.ru_utime + usage.ru_stime
    ran = Ran(child.returncode, stdout, stderr, cpu, usage.ru_maxrss / 1024)
    assert "Traceback" not in stdout + stderr, stdout + stderr
    assert "Exception occurred" not in stderr and "sphinx-err-" not in stderr, stderr
    assert ran.seconds < SECONDS, f"{args}: {ran.seconds:.1f} s of CPU"
    assert ran.megabytes < MEGABYTES, f"{args}: {ran.megabytes:.0f} MB"
    return ran


def sphinx(srcdir: Path, builder: str = "html") -> Ran:
    out = srcdir / "_build" / builder
    return run_bounded([sys.executable, "-m", "sphinx", "-b", builder, "-q", str(srcdir), str(out)], srcdir)


def no_script_runs(chromium, url: str) -> dict[str, object]:
    """Load *url*; assert that no script of the input ran and that no element carries an
    event handler or an injected script. Returns what the page's DOM holds, for checks."""
    page = chromium.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:  # a script that ran would show itself with alert()
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    page.wait_for_load_state("load")
    found = page.evaluate(
        """() => ({
        pwned: window.__pwned === undefined ? null : window.__pwned,
        handlers: [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
        scripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
        injected: document.querySelectorAll('img[src="x"], svg[onload], iframe').length,
        annotations: [...document.querySelectorAll('[data-annotation]')].map(e => e.dataset.annotation),
        asides: [...document.querySelectorAll('aside.ed-annotation')].map(e => e.id),
    })"""
    )
    page.close()
    assert found["pwned"] is None, f"a script ran on {url}"
    assert dialogs == [], dialogs
    assert found["handlers"] == [], found["handlers"]
    assert found["scripts"] == 0 and found["injected"] == 0, found
    return found


def located(warnings: str, location: str, fragment: str) -> list[str]:
    return [line for line in warnings.splitlines() if line.startswith(location) and fragment in line]


# -- 1a. Escaping: rendering is safe whatever reaches it ------------------------------------------


PAYLOADS = [
    p for p in (ROOTS / "test-hostile-render" / "payloads.txt").read_text(encoding="utf-8").splitlines() if p
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The render root (hostile values injected into the edition's own nodes), built as HTML
    and as LaTeX."""
    root = tmp_path_factory.mktemp("render") / "root"
    shutil.copytree(ROOTS / "test-hostile-render", root)
    for builder in ("html", "latex"):
        ran = sphinx(root, builder)
        assert ran.returncode == 0 and ran.stderr == "", ran.stderr
    return root / "_build"


@pytest.mark.browser
def test_injected_values_are_escaped_in_html_and_no_script_runs(rendered, chromium):
    with serve(rendered / "html") as url:
        found = no_script_runs(chromium, url + "/index.html")
    # Escaping keeps each value whole: the DOM gives back exactly what the file said.
    assert found["annotations"] == PAYLOADS
    assert found["asides"] == [f"ann-{p}" for p in PAYLOADS]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_injected_value_reaches_html_only_escaped(rendered, payload):
    html = (rendered / "html" / "index.html").read_text()
    if any(c in payload for c in "<>\"'&"):
        assert payload not in html
    from html import escape

    assert f'data-annotation="{escape(payload)}"' in html


@pytest.mark.pdf
def test_injected_values_are_escaped_in_latex_and_the_pdf_compiles(rendered, tmp_path):
    tex = next((rendered / "latex").glob("*.tex"))
    source = tex.read_text()
    assert r"\input{/etc/passwd}" not in source
    assert r"\textbackslash{}input\{/etc/passwd\}" in source
    # The macros the edition's nodes write come with the build (edition.sty, beside the .tex).
    assert (tex.parent / "edition.sty").is_file()
    started = time.monotonic()
    result = subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex.name],
        cwd=tex.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert time.monotonic() - started < 30
    text = subprocess.run(
        ["pdftotext", str(tex.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "root:" not in text  # /etc/passwd was never read
    assert r"\input{/etc/passwd}" in text  # the value is printed as it was written


def _names() -> list[tuple[str, str, str]]:
    rows = []
    for line in (INPUTS / "names.tsv").read_text(encoding="utf-8").splitlines():
        name, exact, kind = line.split("\t")
        rows.append((name.encode("ascii", "backslashreplace").decode("unicode_escape"), exact, kind))
    return rows


NAMES = _names()
CONTENT = [line.split("\t") for line in (INPUTS / "annotations" / "EXPECTED.tsv").read_text().splitlines()]
NOTE = """---
target:
  exact: "{exact}"
authors:
  - name: "Ada Editor"
created: 2026-11-28
kind: context
citations: []
---
A note.
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ran]:
    """The annotations root with every hostile file name and file of tests/hostile_inputs, built once."""
    root = tmp_path_factory.mktemp("hostile") / "root"
    shutil.copytree(ROOTS / "test-annotations", root)
    for name, exact, _ in NAMES:
        (root / "notes" / name).write_text(NOTE.format(exact=exact), encoding="utf-8")
    for name, *_ in CONTENT:
        shutil.copy(INPUTS / "annotations" / name, root / "notes" / name)
    return root, sphinx(root)


@pytest.mark.parametrize(("name", "exact", "kind"), NAMES, ids=[repr(n) for n, _, _ in NAMES])
def test_a_hostile_file_name_is_located_with_its_controls_shown(hostile_build, name, exact, kind):
    from edition.characters import printable

    _, ran = hostile_build
    shown = printable(name)
    assert located(ran.stderr, f"notes/{shown}:1: ERROR: ", "the file name"), ran.stderr
    if kind == "control":
        assert shown != name and name not in ran.stderr


@pytest.mark.parametrize(("name", "line", "fragment", "kind"), CONTENT, ids=[row[0] for row in CONTENT])
def test_a_hostile_file_gives_its_located_message(hostile_build, name, line, fragment, kind):
    _, ran = hostile_build
    mine = [row for row in ran.stderr.splitlines() if row.startswith(f"notes/{name}:")]
    if fragment == "-":
        assert mine == []  # accepted: a name with markup in it is text, rendered escaped
    else:
        assert located(ran.stderr, f"notes/{name}:{line}: ERROR: ", fragment), mine


def test_no_control_character_reaches_the_terminal(hostile_build):
    _, ran = hostile_build
    assert all(c == "\n" or c.isprintable() for c in ran.stderr), repr(
        [c for c in ran.stderr if c != "\n" and not c.isprintable()]
    )


def test_messages_stay_short(hostile_build):
    _, ran = hostile_build
    assert max(len(line) for line in ran.stderr.splitlines()) < 2100
    ambiguous = next(line for line in ran.stderr.splitlines() if "long-ambiguous.md:3" in line)
    assert "; and 13 more." in ambiguous


@pytest.mark.browser
def test_hostile_annotations_run_no_script_in_chromium(hostile_build, chromium):
    root, _ = hostile_build
    with serve(root / "_build" / "html") as url:
        pages = {
            page: no_script_runs(chromium, f"{url}/{page}") for page in ("paper/one.html", "paper/two.html")
        }
        no_script_runs(chromium, f"{url}/annotations.html")
    shown = {slug for found in pages.values() for slug in found["annotations"]}  # type: ignore[attr-defined]
    assert {"author-script", "author-img"} <= shown


def test_hostile_names_are_text_on_the_index_and_valid_iris_in_json_ld(hostile_build):
    root, _ = hostile_build
    index = (root / "_build" / "html" / "annotations.html").read_text()
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in index
    assert "<script>window.__pwned" not in index
    data = json.loads((root / "_build" / "html" / "data" / "annotations.jsonld").read_text())
    jsonschema.validate(data, SCHEMA)
    for item in data["first"]["items"]:
        assert not any(c in item["id"] for c in ' "<>\\^`{|}'), item["id"]


# -- 1c. The hosted workflow publishes only a passing build ---------------------------------------


def test_the_workflow_uploads_the_site_only_from_a_successful_build():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "edition.yml").read_text())
    uploads = []
    for job in workflow["jobs"].values():
        steps = job.get("steps", [])
        for index, step in enumerate(steps):
            if str(step.get("uses", "")).startswith("actions/upload-artifact"):
                uploads.append(step)
                assert step.get("if", "success()") == "success()", step
                assert any("nox -s docs" in str(s.get("run", "")) for s in steps[:index])
                assert not any(s.get("continue-on-error") for s in steps[:index])
    assert uploads, "the workflow uploads the built site"


# -- 1d. Control characters and bidi controls: one policy ------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
        ("a\rb", "a\\x0db"),
        ("one\ntwo", "one\\x0atwo"),
        ("\x07\x00\x7f", "\\x07\\x00\\x7f"),
        ("\x9b31m", "\\x9b31m"),
        ("abc\u202edef", "abc\\u202edef"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("line\u2028sep", "line\\u2028sep"),
        (
            "São Paulo, Ciudad Juárez, 東京, \u00a0, \u200d, عربي",
            "São Paulo, Ciudad Juárez, 東京, \u00a0, \u200d, عربي",
        ),
    ],
)
def test_printable_escapes_controls_and_nothing_else(raw, shown):
    from edition.characters import printable

    assert printable(raw) == shown


def test_report_escapes_and_bounds_every_message(make_app, copy_root):
    from edition.diagnostics import Subtype, report

    app = make_app("html", srcdir=copy_root())
    report(
        Subtype.ANNOTATION, "quoted \x1b[31mred\x1b[0m " + "x" * 500_000 + " do this", location="a\rb.md:1"
    )
    warnings = warnings_of(app)
    assert "a\\x0db.md:1: ERROR: quoted \\x1b[31mred\\x1b[0m" in warnings
    assert "[498,0" not in warnings and "characters left out] …" in warnings and "x do this" in warnings
    assert max(len(line) for line in warnings.splitlines()) < 2100


# -- 3c. Configuration -----------------------------------------------------------------------------

CONFIG = [line.split("\t") for line in (INPUTS / "config.tsv").read_text().splitlines() if line]


@pytest.mark.parametrize(("line", "message"), CONFIG, ids=[row[0] for row in CONFIG])
def test_a_wrong_option_is_located_at_its_conf_py_line(make_app, copy_root, line, message):
    srcdir = copy_root()
    conf = srcdir / "conf.py"
    number = len(conf.read_text().splitlines()) + 1
    conf.write_text(conf.read_text() + line + "\n")
    app = make_app("html", srcdir=srcdir)
    warnings = warnings_of(app).replace(str(srcdir) + "/", "")
    assert f"conf.py:{number}: {message}" in warnings, warnings
    assert warnings.count("[edition.config]") == 1


def test_a_wrong_option_does_not_stop_the_build(make_app, copy_root):
    srcdir = copy_root()
    (srcdir / "conf.py").write_text((srcdir / "conf.py").read_text() + 'edition_paper_date = "2000-13"\n')
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app).replace(str(srcdir) + "/", "")
    assert warnings.splitlines() == [
        "conf.py:8: ERROR: edition_paper_date must be an ISO date such as 2000 or 2000-11, not '2000-13' "
        "(month must be in 1..12) [edition.config]"
    ]
    assert (app.outdir / "index.html").is_file()


# -- 3d. Overlapping and nested quotations ---------------------------------------------------------

OVERLAPS = {
    "outer": "The border needs a much-needed campaign",  # encloses much-needed
    "crossing": "campaign, said the",  # starts inside much-needed, ends outside
    "same": "a much-needed campaign",  # the very words of much-needed
    "inner": "needs",  # inside outer
    "adjacent": "is long.",  # touches nothing
    "next": "The border is old",  # right after adjacent, on the same line
}


def test_overlapping_and_nested_quotations_are_all_highlighted(make_app, copy_root):
    notes = {f"notes/{slug}.md": NOTE.format(exact=exact) for slug, exact in OVERLAPS.items()}
    srcdir = copy_root("annotations", notes)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "paper" / "one.html").read_text()
    for slug in [*OVERLAPS, "much-needed", "president"]:
        assert html.count(f'id="anchor-{slug}"') == 1, slug
        assert html.count(f'aria-controls="ann-{slug}"') == 1, slug
        assert (
            html.count(f'<aside class="ed-annotation ed-annotation--context" id="ann-{slug}"')
            + html.count(f'ed-annotation--correction" id="ann-{slug}"')
            == 1
        ), slug
    # The words both cover are in both highlights, the earlier (then the longer) outside.
    assert (
        '<mark class="ed-anchor" data-annotation="outer"><mark class="ed-anchor" data-annotation="much-needed" '
        'id="anchor-much-needed"><mark class="ed-anchor" data-annotation="same" id="anchor-same">a </mark>'
    ) in html
    assert (  # crossing starts inside much-needed's words and ends inside president's
        '<mark class="ed-anchor" data-annotation="crossing">, said </mark><mark class="ed-anchor" '
        'data-annotation="crossing"><mark class="ed-anchor" data-annotation="president" id="anchor-president">'
        "the</mark></mark>"
    ) in html
    words = {slug: _highlighted(html, slug) for slug in OVERLAPS}
    assert words == {slug: exact for slug, exact in OVERLAPS.items()}


def _highlighted(html: str, slug: str) -> str:
    """The words under *slug*'s highlights, in order (letters and pop-ups left out)."""
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []  # per open element: "mine", "skip" or ""
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "mark" and dict(attrs).get("data-annotation") == slug:
                self.stack.append("mine")
            elif ("class", "ed-annotation-mark") in attrs or ("hidden", None) in attrs:
                self.stack.append("skip")
            else:
                self.stack.append("")

        def handle_endtag(self, tag: str) -> None:
            if self.stack:
                self.stack.pop()

        def handle_data(self, data: str) -> None:
            if "mine" in self.stack and "skip" not in self.stack:
                self.text.append(data)

    parser = Collect()
    parser.feed(html.split('<p id="p1">', 1)[1])
    return "".join(parser.text)


# -- 4. The contributor's command ------------------------------------------------------------------

CLI = [line.split("\t") for line in (INPUTS / "cli.tsv").read_text().splitlines() if line]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (docs, annotations, library) with the awkward paths of cli.tsv."""
    top = tmp_path_factory.mktemp("cli")
    target = top / "repo"
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("_build"))
    copy_siblings(target)
    notes = target / "annotations"
    sample = (notes / "sao-paolo.md").read_text()
    (notes / "sub").mkdir()
    (notes / "sub" / "deeper.md").write_text(sample)
    (top / "outside.md").write_text(sample)
    (target / "SHOUT.MD").write_text(sample)
    (target / "SHOUT.MD").rename(notes / "SHOUT.MD")
    (notes / "notes.txt").write_text(sample)
    (notes / "README.md").write_text("# Annotations\n")
    return target


def _cli(repo: Path, args: str | list[str]) -> Ran:
    """``python -m edition.annotations`` with *args* (a list, or a shell-like line whose
    backslash escapes such as ``\\x1b`` are decoded first)."""
    if isinstance(args, str):
        args = shlex.split(args.encode("ascii", "backslashreplace").decode("unicode_escape"))
    return run_bounded([sys.executable, "-m", "edition.annotations", *args], repo)


@pytest.mark.parametrize(("args", "code", "expected"), CLI, ids=[row[0] for row in CLI])
def test_the_command_says_why_it_cannot(repo, args, code, expected):
    # A pipe and a link would stall or mislead a build (the loader's to refuse): here only
    # for the commands that refuse them before building.
    notes = repo / "annotations"
    if "fifo.md" in args:
        os.mkfifo(notes / "fifo.md")
    if "link.md" in args:
        (notes / "link.md").symlink_to(repo.parent / "outside.md")
    try:
        ran = _cli(repo, args)
    finally:
        (notes / "fifo.md").unlink(missing_ok=True)
        (notes / "link.md").unlink(missing_ok=True)
    assert ran.returncode == int(code), ran.stdout + ran.stderr
    assert any(line.startswith(expected) for line in ran.stdout.splitlines()), ran.stdout
    assert not (repo.parent.parent / "evil.md").exists()


def test_a_name_it_can_check_is_checked_beside_one_it_cannot(repo):
    ran = _cli(repo, "check annotations/sao-paolo.md nope.md")
    assert ran.returncode == 2
    assert ran.stdout.splitlines()[-2:] == [
        "ok: 0 message(s) for 1 annotation file(s)",
        "not checked: 1 file(s) named could not be checked",
    ]


def test_the_command_needs_the_repository_root(tmp_path):
    ran = run_bounded([sys.executable, "-m", "edition.annotations", "check"], tmp_path)
    assert ran.returncode == 2
    assert ran.stdout.startswith("error: run this from the repository root")


@pytest.mark.parametrize(
    "value",
    [
        "President Fox's",
        'the "President"',
        "a: b # not a comment",
        "- a list?",
        "&anchor *alias",
        "!!python/object/apply:os.system ['true']",
        "% @ ` | > {x} [y]",
        "yes",
        "null",
        "~",
        "0123",
        "2001-01-01",
        "  leading and trailing  ",
        "two\nlines",
        "tab\there",
        "São Paulo — “quoted”",
    ],
)
def test_new_writes_front_matter_that_reads_back_exactly(value):
    from edition.annotations import scaffold

    text = scaffold.render(
        scaffold.front_matter(value, value, value, value, "context", dt.date(2026, 11, 28))
    )
    header = text.split("---\n")[1]
    data = yaml.safe_load(header)
    assert data["target"] == {"exact": value, "prefix": value, "suffix": value}
    assert data["authors"] == [{"name": value}]
    assert data["created"] == dt.date(2026, 11, 28) and data["citations"] == []


def test_new_then_check_reports_the_placeholder_and_then_passes(repo):
    ran = _cli(
        repo,
        ["new", "--quote", "President Fox's", "--slug", "fox-apostrophe", "--author", 'Ann O\'Neil: "Q"'],
    )
    assert ran.returncode == 0, ran.stdout
    written = repo / "annotations" / "fox-apostrophe.md"
    assert yaml.safe_load(written.read_text().split("---\n")[1])["authors"] == [{"name": 'Ann O\'Neil: "Q"'}]
    ran = _cli(repo, "check annotations/fox-apostrophe.md")
    assert ran.returncode == 1
    assert ran.stdout.splitlines()[0] == (
        "annotations/fox-apostrophe.md:10: ERROR: the body is still the placeholder written by `new`: replace "
        "it with your note, and cite each source with {cite}`KEY` (a key of references.bib, listed in "
        "citations) [edition.annotation]"
    )
    from edition.annotations.scaffold import PLACEHOLDER

    written.write_text(written.read_text().replace(PLACEHOLDER, "A note on the President-elect."))
    ran = _cli(repo, "check annotations/fox-apostrophe.md")
    assert ran.returncode == 0, ran.stdout
    written.unlink()


def test_a_missing_ref_is_reported_by_check_and_build_at_the_annotation(repo, make_app, copy_root):
    message = (
        "{ref}`p999` names no paragraph of the edition: use the id of a paragraph of the paper, such as "
        "p12 (its ¶ number) [edition.annotation]"
    )
    note = repo / "annotations" / "sao-paolo.md"
    original = note.read_text()
    note.write_text(original.rstrip("\n") + "\n\nSee also {ref}`p999`.\n")
    try:
        check = _cli(repo, "check annotations/sao-paolo.md")
    finally:
        note.write_text(original)
    assert check.returncode == 1
    assert check.stdout.splitlines()[0] == (
        f"annotations/sao-paolo.md:{len(original.rstrip().splitlines()) + 2}: ERROR: {message}"
    )
    # The build, with a writer (where Sphinx resolves references) and nitpicky: the same message
    # at the annotation, and nothing at the paper's page.
    body = (ROOTS / "test-annotations" / "notes" / "much-needed.md").read_text()
    srcdir = copy_root("annotations", {"notes/much-needed.md": body.replace("{ref}`p3`", "{ref}`p999`")})
    app = make_app("html", srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    assert warnings_of(app).replace(str(srcdir) + "/", "") == f"notes/much-needed.md:16: ERROR: {message}\n"
    assert "p999" in (app.outdir / "paper" / "one.html").read_text()  # its words stay, as plain text


def test_a_one_letter_quotation_gives_short_messages_quickly(repo):
    note = repo / "annotations" / "one-letter.md"
    note.write_text(NOTE.format(exact="a"))
    try:
        ran = _cli(repo, "check annotations/one-letter.md")
    finally:
        note.unlink()
    assert ran.returncode == 1
    (message,) = [line for line in ran.stdout.splitlines() if line.startswith("annotations/one-letter.md:3:")]
    assert "ambiguous annotation: target.exact «a» matches" in message and " more." in message
    assert len(message) < 2000


def test_contributing_set_up_works_as_written_in_a_fresh_venv(tmp_path):
    """CONTRIBUTING.md's set-up, as written, in a fresh virtual environment of this Python
    (3.11, whose own pip, 23.2, has no --group); then the check command runs."""
    text = (REPO / "CONTRIBUTING.md").read_text()
    block = text.split("## Set-up, once", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    assert "PYTHONPATH=ext python -m edition.annotations check annotations/NAME.md" in text
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "docs", repo / "docs", ignore=shutil.ignore_patterns("_build"))
    copy_siblings(repo)
    shutil.copy(REPO / "pyproject.toml", repo)
    shutil.copytree(REPO / "ext", repo / "ext", ignore=shutil.ignore_patterns("__pycache__"))
    lines = block.strip().splitlines()
    assert lines[:2] == ["python3 -m venv .venv", ". .venv/bin/activate"]
    base = getattr(sys, "_base_executable", sys.executable)  # python3.11, not nox's venv
    script = "\n".join(
        [
            f"{base} -m venv .venv",
            lines[1],
            "python -m pip --version",  # the pip the venv started with
            *lines[2:],
            "python -m pip --version",
            "PYTHONPATH=ext python -m edition.annotations check annotations/sao-paolo.md",
        ]
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=repo,
        env={**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.rstrip().endswith("ok: 0 message(s) for 1 annotation file(s)")
    before, after = (
        tuple(int(n) for n in line.split()[1].split(".")[:2])
        for line in result.stdout.splitlines()
        if line.startswith("pip ")
    )
    if sys.version_info[:2] == (3, 11):
        assert before < (25, 1), "the venv starts with a pip that cannot read --group"
    assert after >= (25, 1)
