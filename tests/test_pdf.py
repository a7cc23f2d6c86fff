"""The PDF edition, built with xelatex and read back with pdftotext."""

from __future__ import annotations

import html
import json
import re
import runpy
import subprocess
from pathlib import Path

import pytest

from browser import build_pdf
from conftest import REPO, warnings_of
from edition import metadata
from edition.config import EditionConfig
from edition.latex.critical import key_of

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
    """Each annotation is a note of the commentary at the foot of the page, keyed to paragraph
    and line and to the words it is about: `9.3 Guadalajara] Editor's note a (correction). ...`."""
    items = json.loads((data / "annotations.jsonld").read_text())["first"]["items"]
    assert len(items) == 37
    assert len(re.findall(r"Editor's note [a-z]+ \(", pdf[0])) == len(items)
    text = _squash(pdf[0])
    for item in items:
        words = _squash(item["target"]["selector"]["exact"])
        # The body is HTML: leave out the citations (the PDF prints them its own way) and the tags.
        body = re.sub(r'<a [^>]*href="[^"]*bibliography\.html#ref-[^>]*>.*?</a>', "", item["body"]["value"])
        # A long note may run on to the next page: its first words stand beside its heading.
        first_words = _squash(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()[:3]))
        assert re.search(rf"\d+{words}editorsnote[a-z]+[a-z]+{first_words}", text), item["id"]


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


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_metadata_names_the_book(pdf):
    from pypdf import PdfReader

    info = {key: value.strip() for key, value in _pdfinfo(pdf[2]).items()}
    assert info["Title"] == metadata.TITLE
    assert info["Author"] == "Robert L. Bach"
    assert info["Subject"] == metadata.DESCRIPTION
    assert info["Keywords"] == ", ".join(metadata.KEYWORDS)
    assert PdfReader(pdf[2]).root_object["/Lang"] == "en"


def _outline(path: Path) -> list[tuple[int, str]]:
    """The PDF's bookmarks as (depth, title), in order."""
    from pypdf import PdfReader

    found: list[tuple[int, str]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(PdfReader(path).outline, 0)
    return found


def _appendices() -> list[str]:
    """The pages of the root toctree's editorial matter, the book's appendices."""
    index = (REPO / "docs" / "index.md").read_text()
    block = index[index.index(":caption: Editorial matter") :].split("```")[0]
    return [line.strip() for line in block.splitlines()[1:] if line.strip() and not line.startswith(":")]


def _headings(doc: str) -> list[tuple[int, str]]:
    """The (level, title) of each heading of a source page: 1 for #, 2 for ##."""
    text = (REPO / "docs" / f"{doc}.md").read_text()
    found = re.finditer(r"^(#+) (.+)$", text, re.MULTILINE)
    return [(len(m[1]), m[2].strip().replace("*", "").replace("`", "")) for m in found]


def test_the_paper_is_one_chapter_of_sections_and_every_section_has_a_bookmark(pdf):
    outline = _outline(pdf[2])
    titles = [title for _, title in outline]
    pages = runpy.run_path(str(REPO / "docs" / "conf.py"))["edition_paper_pages"]
    paper_title = _headings(pages[0])[0][1]
    assert (0, paper_title) in outline
    # The paper's pages are sections of its chapter, their subsections one level below.
    for doc in pages[1:]:
        for level, title in _headings(doc):
            assert (level, title) in outline, (doc, title)
    # The introduction and the appendices are chapters; appendices are lettered.
    assert (0, _headings("introduction")[0][1]) in outline
    appendices = _appendices()
    assert "apparatus" in appendices and "claims" in appendices
    for letter, doc in zip("ABCDEFGHIJ", appendices, strict=False):
        level, title = _headings(doc)[0]
        assert (0, f"{letter} {title}") in outline, title
        for level, title in _headings(doc)[1:]:
            assert (level - 1, title) in outline, (doc, title)
    assert titles.index(paper_title) < titles.index(f"A {_headings(appendices[0])[0][1]}")
    # The developers' pages are the website's.
    assert not any("data" in title.casefold() and "edition" in title.casefold() for title in titles)
    assert "Link checks" not in titles


def test_running_heads_name_the_section(pdf):
    pages = pdf[0].split("\f")
    for doc in ("paper/beyond-nafta", "paper/moving-forward", "paper/endnotes"):
        title = _headings(doc)[0][1]
        heads = [page.splitlines()[0] for page in pages if page.strip()]
        assert any(title.casefold() in head.casefold() for head in heads), title
    assert not any("Release" in page.splitlines()[0] for page in pages if page.strip())


def _web_and_book_words() -> tuple[list[str], list[str]]:
    """The words of the sources marked {.web-only} and {.book-only}, inline or on a paragraph."""
    found: dict[str, list[str]] = {"web-only": [], "book-only": []}
    for path in (REPO / "docs").glob("*.md"):
        text = path.read_text()
        for words, kind in re.findall(r"\[([^\[\]]+)\]\{\.(web-only|book-only)\}", text):
            found[kind].append(words)
        for classes, words in re.findall(r"^\{([^}]*)\}\n((?:.+\n)+)", text, re.MULTILINE):
            for kind in found:
                if f".{kind}" in classes.split():
                    found[kind].append(words)
    # Roles are printed as their text ({doc} titles differ): compare what comes before one.
    plain = [
        [re.split(r"\{[a-z-]+\}`", words)[0] for words in found[kind]] for kind in ("web-only", "book-only")
    ]
    return plain[0], plain[1]


def test_no_web_only_text_in_print(pdf):
    text = _squash(pdf[0])
    web, book = _web_and_book_words()
    assert len(web) >= 8 and len(book) >= 8
    for words in web:
        if len(_squash(words)) >= 12:
            assert _squash(words) not in text, words
    for words in book:
        assert _squash(words) in text, words
    flat = " ".join(pdf[0].split()).casefold()
    for phrase in ("hover", "click", "tap it", "sidebar", "permalink", "to copy", "wide screen", "choose a"):
        assert phrase not in flat, phrase


def test_every_emendation_is_in_the_printed_apparatus(pdf, data):
    """Each record is at the foot of the page as `12.3 reading] witness W (type)`."""
    text = _squash(pdf[0])
    types = EditionConfig().emendation_types
    records = json.loads((data / "apparatus.json").read_text())
    assert len(records) >= 14
    for record in records:
        pattern = (
            _squash(key_of(record["paragraph"]))
            + r"\d+"
            + _squash(record["reading"] or "om.")
            + _squash(record["original"] or "om.")
            + "w"
            + _squash(types[record["type"]])
        )
        assert re.search(pattern, text), record["id"]


def test_the_witness_pages_stand_in_the_margin(pdf):
    """Every {pb} milestone of the paper prints its witness page number, [7], beside the text."""
    numbers = [
        found.split("|")[0].strip()
        for path in sorted((REPO / "docs" / "paper").glob("*.md"))
        for found in re.findall(r"\{pb\}`([^`]+)`", path.read_text())
    ]
    assert len(numbers) >= 23
    paper = pdf[0][: pdf[0].index("APPENDIX A")]
    for number in numbers:
        assert f"[{number}" in paper, number


def test_the_register_is_a_list_that_fits_the_page(pdf, data):
    claims = json.loads((data / "dated-claims.json").read_text())
    pages = [page for page in pdf[0].split("\f") if page.strip() and "DATED CLAIMS" in page.splitlines()[0]]
    assert 0 < len(pages) <= len(claims) // 3


def test_long_lines_wrap(pdf):
    text, log, _ = pdf
    assert "Overfull \\hbox" not in log
    # The "how to cite" block of the introduction, whole.
    introduction = (REPO / "docs" / "introduction.md").read_text()
    cite = re.search(r"```\{code-block\} text\n(?::.*\n)*((?:.+\n)+?)```", introduction)
    assert cite is not None
    assert _squash(cite[1]) in _squash(text)


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
