"""The PDF edition, built with xelatex and read back with pdftotext."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from browser import build_pdf
from conftest import warnings_of

pytestmark = pytest.mark.pdf


def _squash(text: str) -> str:
    """Text with hyphenation, spaces and case removed, for robust comparison."""
    text = text.replace("\u00ad", "").replace("-\n", "")
    return re.sub(r"[\W_]+", "", text).casefold()


def _text(path: Path, mode: str = "-raw") -> str:
    """The PDF's text; ``-raw`` keeps each table cell's words together."""
    return subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def pdf(built_pdf: tuple[Path, str]) -> tuple[str, str, Path]:
    path, log = built_pdf
    return _text(path), log, path


@pytest.fixture(scope="module")
def data(built_edition: Path) -> Path:
    return built_edition / "data"


def test_every_endnote_is_in_the_pdf(pdf, data):
    text = _squash(pdf[0])
    notes = json.loads((data / "endnotes.json").read_text())
    assert len(notes) == 11
    for note in notes:
        # The start and the end of each note (an editor's mark may stand in between).
        words = _squash(note["text"])
        assert words[:40] in text, f"note {note['number']} is missing"
        assert words[-30:] in text, f"note {note['number']} is cut short"


def test_every_annotation_is_an_editors_note(pdf, data):
    items = json.loads((data / "annotations.jsonld").read_text())["first"]["items"]
    assert len(items) == 37
    assert len(re.findall(r"Editor's note [a-z]+ \(", pdf[0])) == len(items)
    text = _squash(pdf[0])
    for item in items:
        # The body is HTML: leave out the citations (the PDF prints them its own way) and the tags.
        body = re.sub(r'<a [^>]*href="[^"]*bibliography\.html#ref-[^>]*>.*?</a>', "", item["body"]["value"])
        first_words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()[:8])
        assert _squash(first_words) in text, item["id"]


def test_every_bibliography_entry_is_in_the_pdf(pdf, data):
    text = _squash(pdf[0])
    for item in json.loads((data / "references.json").read_text()):
        assert _squash(item["title"])[:60] in text, item["id"]


def test_every_dated_claim_has_its_appendix_entry(pdf, data):
    appendix = _squash(pdf[0][pdf[0].rfind("dated claims:") :])
    claims = json.loads((data / "dated-claims.json").read_text())
    assert len(claims) == 72
    for claim in claims:
        assert _squash(claim["text"])[:30] in appendix, claim["id"]


def test_paragraph_numbers_and_marks_are_printed(pdf):
    text = pdf[0]
    assert "¶1 " in text.replace("¶ ", "¶") or "¶1" in text
    assert "¶76" in text.replace(" ", "")
    assert "[4]" in text  # a restored endnote marker keeps its editorial brackets
    assert "†" in text  # dated claims are marked


def test_no_unresolved_references_or_missing_characters(pdf):
    text, log, _ = pdf
    assert "??" not in text
    assert "Missing character" not in log
    assert "undefined" not in re.sub(r"\s+", " ", log).replace("Undefined", "")


def test_title_page_and_colophon(pdf):
    first_pages = pdf[0][:6000]
    for words in (
        "Campaigning for Change",
        "Robert L. Bach",
        "Written in late 2000",
        "How to cite",
        "Licence",
    ):
        assert words in first_pages


def test_pdf_is_reproducible(pdf, tmp_path):
    again, _ = build_pdf(tmp_path)
    assert _text(again) == pdf[0]


def test_a_node_without_latex_rendering_is_a_located_error(make_app, copy_root):
    srcdir = copy_root("latex")
    app = make_app("latex", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app).replace(str(srcdir) + "/", "")
    assert warnings == (
        "index.md:3: ERROR: the node 'rogue' has no LaTeX rendering: register one with app.add_node(..., "
        "latex=(visit, depart)); its text is printed plain meanwhile [edition.latex]\n"
    )
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert "words that must not vanish" in tex
