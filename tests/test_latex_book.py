"""The LaTeX the edition writes for the book, from the small test edition (no xelatex:
the real PDF is read back in test_pdf.py)."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
from docutils import nodes

from conftest import warnings_of
from edition import metadata
from edition.config import EditionConfig
from edition.latex.critical import key_of
from edition.latex.labels import BARE_URL
from edition.nodeutil import table
from edition.outputs import _as_list

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def build(make_app: Callable[..., SphinxTestApp], srcdir: Path, builder: str = "latex") -> SphinxTestApp:
    app = make_app(builder, srcdir=srcdir)
    app.build()
    return app


def tex_of(app: SphinxTestApp) -> str:
    return next(app.outdir.glob("*.tex")).read_text()


def test_the_paper_is_one_chapter_and_the_editorial_matter_appendices(make_app, copy_root):
    app = build(make_app, copy_root())
    assert warnings_of(app) == ""
    tex = tex_of(app)
    headings = re.findall(r"\\(edmainmatter|edappendices|chapter|section)\b(?:\{([^}]*)\})?", tex)
    assert headings == [
        ("edmainmatter", "A Small Paper"),
        ("chapter", "A Small Paper"),
        ("section", "SECTION TWO"),
        ("section", "NOTES"),
        ("edappendices", ""),
        ("chapter", "Apparatus"),
    ]


def test_paragraphs_are_numbered_and_every_record_is_a_lemma(make_app, copy_root):
    tex = tex_of(build(make_app, copy_root()))
    assert re.findall(r"\\edbeginpara\{(\w+)\}", tex) == ["1", "2", "n1", "n2"]
    assert tex.count(r"\edbeginpara") == tex.count(r"\edendpara")
    notes = re.findall(r"\\lemma\{(.*?)\}\\Afootnote\{\\edvariant\{(.*?)\}\{(.*?)\}\}", tex)
    label = EditionConfig().emendation_types
    assert notes == [
        (r"much\sphinxhyphen{}needed", "muchneeded", label["hyphenation"]),
        ("{[}2{]}", r"\edomitted", label["restored-marker"]),
        (r"\$5", r"\textbackslash{}\$5", label["escape"]),
        ("{[}2{]}", r"\edomitted", label["restored-number"]),
    ]
    # A label inside a lemma would be read twice by reledmac: they stand before it.
    assert not re.search(r"\\edtext\{[^{}]*\\label", tex)


def test_an_emendation_outside_the_papers_text_is_a_located_error(make_app, copy_root):
    srcdir = copy_root(
        "edition",
        {
            "apparatus.md": "# Apparatus\n\nA {emend}`word | wrod | typo | A slip.` here.\n\n```{apparatus}\n```\n"
        },
    )
    app = build(make_app, srcdir)
    assert warnings_of(app).replace(str(srcdir) + "/", "") == (
        "apparatus.md:3: ERROR: emendation apparatus-e1 is not in a numbered paragraph of the paper, so "
        "the printed apparatus cannot key it to a line: record it where the paper's text is [edition.latex]\n"
    )


def test_the_package_carries_the_metadata(make_app, copy_root):
    app = build(make_app, copy_root())
    package = (app.outdir / "edition.sty").read_text()
    assert r"\usepackage{edition}" in tex_of(app)
    assert f"pdftitle={{{metadata.TITLE}}}" in package
    assert "pdfauthor={Robert L. Bach}" in package
    assert (
        "pdfkeywords={NAFTA, migration, Mexico, United States, immigration policy, U.S.-Mexico border"
        in package
    )
    assert "pdflang={en}" in package
    assert "<%" not in package


def test_web_only_words_stay_on_the_web(make_app, copy_root, tmp_path):
    files = {
        "apparatus.md": (
            "# Apparatus\n\nMarks [open on hover]{.web-only}[are listed below]{.book-only}.\n\n"
            "{.web-only}\nClick a heading to sort.\n\n```{apparatus}\n```\n"
        )
    }
    srcdir = copy_root("edition", files)
    shutil.copytree(srcdir, tmp_path / "web")
    latex = tex_of(build(make_app, srcdir))
    assert "are listed below" in latex
    assert "hover" not in latex and "Click" not in latex
    html = (build(make_app, tmp_path / "web", "html").outdir / "apparatus.html").read_text()
    assert "open on hover" in html and "Click a heading" in html
    assert "are listed below" not in html


def test_records_become_a_list_in_a_book():
    rows: list[list[nodes.Node | str]] = [["p1-e1", "typo", "short", "A reason " * 20]]
    listing = _as_list(table(["Id", "Type", "Edition", "Reason"], rows, ["ed-apparatus"]))
    assert listing["classes"] == ["ed-apparatus"]
    item = next(listing.findall(nodes.definition_list_item))
    assert item[0].astext() == "p1-e1"
    details, reason = item[1].children
    assert details.astext() == "Type: typo · Edition: short"
    assert reason.astext().startswith("Reason: A reason")


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("See https://example.org/a/b.html.", ["https://example.org/a/b.html"]),
        ("(https://example.org/x), and http://a.b/c;", ["https://example.org/x", "http://a.b/c"]),
        ("No link here.", []),
    ],
)
def test_bare_urls_are_found_without_their_punctuation(text, urls):
    assert BARE_URL.findall(text) == urls


def test_apparatus_keys():
    assert key_of("p12") == "12"
    assert key_of("p12a") == "12a"
    assert key_of("n3") == "n3"
