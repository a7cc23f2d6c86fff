"""Every file a contributor can touch is hostile until validated (issue 16, classes 2 and 3):
YAML bombs and nesting, links and special files, bytes that are not UTF-8, BibTeX that parses
into something other than what was meant, and front-matter fields checked by their standard.

Each case gets a located message (``file:line``, what is wrong, what to do) and never a
traceback. The YAML cases run the loaders in a child process limited to 600 MB of address
space and 20 s, so a case that expanded a bomb or recursed would fail here, not hang the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from conftest import REPO, build_root

if TYPE_CHECKING:
    from pathlib import Path

LIMITS = "import resource; resource.setrlimit(resource.RLIMIT_AS, (600 * 2**20, 600 * 2**20))\n"

NOTE = """---
target:
  exact: "a much-needed campaign"
authors:
  - name: "Ada Editor"
created: 2026-11-28
kind: context
citations: []
---
A note.
"""

CLAIM = """fox-now:
  quote: "President-elect Fox will now act"
  category: office-holder
  status: not-researched
  review_by: 2030-01-01
"""


def run_loader(code: str, timeout: float = 20) -> list[list[str]]:
    """Run *code* (which prints a JSON list of [location, message]) in a limited child process."""
    done = subprocess.run(
        [sys.executable, "-c", LIMITS + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO / "ext")},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    result: list[list[str]] = json.loads(done.stdout)
    return result


def annotation_problems(folder: Path, isolated: bool = False) -> list[list[str]]:
    if not isolated:
        from edition.annotations.loader import load_folder

        return [list(p) for p in load_folder(folder, ["context", "source"]).problems]
    return run_loader(
        f"""
        import json
        from pathlib import Path
        from edition.annotations.loader import load_folder
        found = load_folder(Path({str(folder)!r}), ["context", "source"])
        print(json.dumps([list(p) for p in found.problems]))
        """
    )


def registry_problems(folder: Path, isolated: bool = False) -> list[list[str]]:
    if not isolated:
        from edition.claims.registry import load_folder

        return [list(p) for p in load_folder(folder, "claims", "2000").problems]
    return run_loader(
        f"""
        import json
        from pathlib import Path
        from edition.claims.registry import load_folder
        found = load_folder(Path({str(folder)!r}), "claims", "2000")
        print(json.dumps([list(p) for p in found.problems]))
        """
    )


def library_problems(path: Path, label: str = "refs.bib") -> list[list[str]]:
    from edition.citations.library import read

    return [list(p) for p in read(path, label).problems]


def assert_located(problems: list[list[str]], location: str, words: str) -> None:
    assert any(loc == location and words in message for loc, message in problems), problems


# --- YAML: bounded before it is built ---------------------------------------------------

BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

YAML_CASES = {
    "brackets-40k": ("target: " + "[" * 20_000 + "]" * 20_000, 2, "nested more than 12 levels deep"),
    "mappings-2000-levels": (
        "target: " + "{a: " * 2000 + "x" + "}" * 2000,
        2,
        "nested more than 12 levels deep",
    ),
    "alias-bomb": (BOMB, 2, "anchors and aliases (&name, *name) are not allowed"),
    "one-anchor": ("kind: &k context\nnote: *k", 2, "anchors and aliases"),
    "duplicate-key": ("kind: context\ncreated: 2026-11-28\nkind: source", 4, "the key 'kind' is given twice"),
    "python-tag": ("target: !!python/object/apply:os.system ['true']", 2, "malformed front matter"),
    "unclosed-quote": ('target:\n  exact: "no end', 3, "invalid YAML"),
}


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_hostile_yaml_in_front_matter_is_a_located_error(tmp_path, name):
    header, line, words = YAML_CASES[name]
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "bad.md").write_text(f"---\n{header}\n---\nA body.\n", encoding="utf-8")
    problems = annotation_problems(folder, isolated=True)
    assert_located(problems, f"annotations/bad.md:{line}", words)


REGISTRY_CASES = {
    **YAML_CASES,
    "brackets-200k": ("target: " + "[" * 100_000 + "]" * 100_000, 2, "nested more than 12 levels deep"),
}


@pytest.mark.parametrize("name", ["brackets-200k", "mappings-2000-levels", "alias-bomb", "duplicate-key"])
def test_hostile_yaml_in_the_registry_and_the_waivers_is_a_located_error(tmp_path, name):
    header, line, words = REGISTRY_CASES[name]
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "text.yml").write_text(header + "\n", encoding="utf-8")
    (folder / "waivers.yml").write_text(header + "\n", encoding="utf-8")
    problems = registry_problems(folder, isolated=True)
    assert_located(problems, f"claims/text.yml:{line - 1}", words)
    assert_located(problems, f"claims/waivers.yml:{line - 1}", words)


# --- Files: only regular files, read strictly ---------------------------------------------


def test_links_folders_and_special_files_are_refused_unread(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("TOP SECRET CONTENTS\n")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "outside.md").symlink_to(outside)
    (folder / "folder.md").mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "LOUD.MD").write_text(NOTE, encoding="utf-8")
    (folder / "huge.md").write_text(NOTE + "word " * 30_000, encoding="utf-8")
    problems = annotation_problems(folder)
    assert_located(problems, "annotations/huge.md", "more than the 100,000 allowed: shorten it")
    assert_located(problems, "annotations/zero.md", "is a symbolic link, not a regular file")
    assert_located(problems, "annotations/outside.md", "is a symbolic link, not a regular file")
    assert_located(problems, "annotations/folder.md", "is a folder, not a regular file")
    assert_located(problems, "annotations/pipe.md", "is a special file, not a regular file")
    assert_located(problems, "annotations/LOUD.MD", "is not read: name it with a lowercase '.md'")
    assert "TOP SECRET" not in json.dumps(problems)


def test_bytes_that_are_not_utf8_are_located_in_every_kind_of_file(tmp_path):
    notes = tmp_path / "annotations"
    notes.mkdir()
    (notes / "latin.md").write_bytes(NOTE.replace("A note.", "Caf\xe9 au lait.").encode("latin-1"))
    assert_located(
        annotation_problems(notes), "annotations/latin.md:10", "is not UTF-8 (byte 0xE9 at column 4)"
    )
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "text.yml").write_bytes(CLAIM.replace("Fox", "F\xf6x").encode("latin-1"))
    assert_located(registry_problems(claims), "claims/text.yml:2", "is not UTF-8 (byte 0xF6")
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"@book{a,\n  title = {Se\xf1or},\n  publisher = {P},\n  author = {A, B}\n}\n")
    assert_located(library_problems(bib), "refs.bib:2", "is not UTF-8 (byte 0xF1")


def test_a_library_that_is_a_link_or_too_large_is_refused(tmp_path):
    link = tmp_path / "refs.bib"
    link.symlink_to("/dev/zero")
    assert_located(library_problems(link), "refs.bib", "is a symbolic link")
    big = tmp_path / "big.bib"
    big.write_text("%" * 16_100_000)
    assert_located(library_problems(big, "big.bib"), "big.bib", "more than the 16,000,000 allowed")


# --- Front matter: each field by its standard ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "created: 2026-11-28",
            "created: 2026-W48-6",
            6,
            "created '2026-W48-6' is not valid: write the date as YYYY-MM-DD",
        ),
        ("created: 2026-11-28", "created: 20261128", 6, "created must be text, not 20261128"),
        ("created: 2026-11-28", "created: 2026-02-30", 6, "created '2026-02-30' is not valid"),
        (
            '  - name: "Ada Editor"',
            '  - name: "Ada Editor"\n    orcid: "0000-0002-1825-009X"',
            6,
            "orcid '0000-0002-1825-009X' is not valid",
        ),
        (
            '  - name: "Ada Editor"',
            '  - name: "Ada Editor"\n    orcid: "٠٠٠٠-0002-1825-0097"',
            6,
            "is not valid: an ORCID iD is four groups of four ASCII digits",
        ),
        (
            '  exact: "a much-needed campaign"',
            '  exact: "a much-needed\u241ecampaign"',
            3,
            "the reading text's paragraph separator",
        ),
        (
            '  exact: "a much-needed campaign"',
            '  exact: "a much-needed \u202ecampaign"',
            3,
            "bidirectional override",
        ),
        ('  - name: "Ada Editor"', '  - name: "Ada \u202eEditor"', 5, "bidirectional override"),
        (
            "kind: context",
            "kind: context\nkind: source",
            8,
            "the key 'kind' is given twice (first at line 7)",
        ),
    ],
)
def test_front_matter_fields_are_checked_by_their_standard(tmp_path, old, new, line, words):
    folder = tmp_path / "annotations"
    folder.mkdir()
    assert NOTE.count(old) == 1
    (folder / "note.md").write_text(NOTE.replace(old, new), encoding="utf-8")
    assert_located(annotation_problems(folder), f"annotations/note.md:{line}", words)


def test_a_valid_orcid_passes(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    note = NOTE.replace('  - name: "Ada Editor"', '  - name: "Ada Editor"\n    orcid: "0000-0002-1825-0097"')
    (folder / "note.md").write_text(note, encoding="utf-8")
    assert annotation_problems(folder) == []


# --- BibTeX that would silently say something else ----------------------------------------

ENTRY = """@book{{{key},
  author    = {author},
  title     = {{A Book}},
  publisher = {{A Press}},
  year      = {year}{extra}
}}
"""


def bib(tmp_path: Path, *entries: str, strings: str = "") -> list[list[str]]:
    path = tmp_path / "refs.bib"
    path.write_text(strings + "\n".join(entries), encoding="utf-8")
    return library_problems(path)


def entry(key: str = "a2001", author: str = "{Smith, Jane}", year: str = "{2001}", extra: str = "") -> str:
    return ENTRY.format(key=key, author=author, year=year, extra=extra)


def test_an_undefined_string_macro_is_an_error_and_a_defined_one_is_not(tmp_path):
    problems = bib(tmp_path, entry(extra=",\n  address   = nyc"))
    assert_located(problems, "refs.bib:6", "the value of address uses the undefined macro 'nyc'")
    assert bib(tmp_path, entry(extra=",\n  address   = nyc"), strings='@string{nyc = "New York"}\n') == []
    assert bib(tmp_path, entry(extra=",\n  month     = jan")) == []  # BibTeX's own month macros


def test_an_empty_name_in_an_author_list_is_an_error(tmp_path):
    problems = bib(tmp_path, entry(author="{Jones, Ann and and Smith, Jane}"))
    assert_located(problems, "refs.bib:2", "the author list has an empty name")


def test_keys_that_differ_only_in_case_are_one_key(tmp_path):
    problems = bib(tmp_path, entry(key="Smith2001"), entry(key="smith2001"))
    assert_located(problems, "refs.bib:8", "duplicate key 'smith2001' (first at line 1 as 'Smith2001')")


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        (
            ",\n  url       = {javascript:alert(1)}",
            6,
            "url 'javascript:alert(1)' is refused (only http and https links",
        ),
        (",\n  url       = {https://example.org/a page}", 6, "a URL may not contain spaces"),
        (",\n  doi       = {doi is 10.1/x}", 6, "a DOI reads 10.NNNN/suffix"),
    ],
)
def test_the_library_follows_the_link_policy(tmp_path, extra, line, words):
    assert_located(bib(tmp_path, entry(extra=extra)), f"refs.bib:{line}", words)


def test_crossref_to_a_missing_entry_or_in_a_loop_is_an_error(tmp_path):
    problems = bib(tmp_path, entry(key="a", extra=",\n  crossref  = {nowhere}"))
    assert_located(problems, "refs.bib:1", "crossref 'nowhere' names no entry of the library")
    problems = bib(
        tmp_path, entry(key="a", extra=",\n  crossref  = {b}"), entry(key="b", extra=",\n  crossref  = {a}")
    )
    assert_located(problems, "refs.bib:1", "crossref forms a loop")


def test_a_capitalised_key_and_a_forthcoming_year_are_formatted(make_app, copy_root):
    """A key with capitals used to crash the build (citeproc gives keys lowercased); a year
    that is not a number is kept as written, not turned into "n.d."; a crossref inherits."""
    refs = (
        entry(key="Smith2001", year="{forthcoming}")
        + "\n@incollection{part,\n  author = {Ng, Li},\n  title = {A Chapter},\n  crossref = {whole}\n}\n"
        + "\n@book{whole,\n  editor = {Ed, An},\n  title = {The Whole},\n  publisher = {W Press},\n  year = {1999}\n}\n"
    )
    app, warnings = build_root(
        make_app,
        copy_root,
        "citations",
        {
            "refs.bib": refs,
            "plain.md": "# Plain\n\nSee {cite}`Smith2001` and {cite}`part` and {cite}`whole`.\n",
        },
    )
    html = (app.outdir / "bibliography.html").read_text()
    assert "forthcoming" in html and "n.d." not in html.split("Smith")[1][:200]
    assert "The Whole" in html.split("A Chapter")[1][:300]
    assert "Traceback" not in warnings
