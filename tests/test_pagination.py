"""The witness's pagination: {pb} milestones where its pages begin, checked with the words."""

from __future__ import annotations

import re

from docutils import nodes

from conftest import REPO, build_root
from edition.apparatus import pagination
from edition.apparatus.fidelity import witness_words
from test_fidelity import WITNESS, build_docs

#: Lines of the witness (1-based) after which a page ends inside a paragraph.
PAGE_ENDS = [11, 29, 35, 41, 47, 55, 63, 77, 83, 125, 143, 149, 157, 163, 169, 173, 183, 193, 199, 209]
PAGE_ENDS += [215, 221, 241]


def test_the_witness_shows_23_page_breaks():
    lines = WITNESS.read_text(encoding="utf-8").split("\n")
    assert [i + 1 for i in pagination.witness_page_breaks(lines)] == PAGE_ENDS


def test_hard_wrapped_lines_and_paragraph_ends_are_not_page_breaks():
    long = "word " * 30
    lines = [
        long + "ends mid",  # a page ends mid-sentence
        "",
        "sentence. " + long + "and ends.",  # a paragraph ends
        "",
        "A short hard-wrapped line of one printed line, ending mid",
        "",
        long + 'quoted."³',  # a note number after the closing quote
        "",
        "next",
    ]
    assert pagination.witness_page_breaks(lines) == [0]


def test_page_breaks_are_tokens_of_the_witness_numbered_from_2():
    words, lines = witness_words(WITNESS.read_text(encoding="utf-8"))
    tokens = [(w, line) for w, line in zip(words, lines, strict=True) if pagination.page_of(w)]
    assert [pagination.page_of(w) for w, _ in tokens] == [str(n) for n in range(2, 25)]
    assert [line for _, line in tokens] == PAGE_ENDS
    at = words.index(pagination.token(24))
    assert words[at - 1 : at + 2] == ["much-", pagination.token(24), "maligned"]


def test_a_missing_milestone_is_named_and_located(make_app, copy_root):
    warnings = build_docs(make_app, copy_root, {"paper/moving-forward.md": ("{pb}`19`", "")})
    assert warnings == (
        "paper/moving-forward.md:55: ERROR: page 19 of the witness begins here, and the edition does "
        "not mark it: add {pb}`19` between the last word of page 18 and the first of page 19 (witness "
        "_witness/bach-2000-extraction.txt:193) [edition.fidelity]\n"
    )


def test_a_misplaced_milestone_is_reported_where_it_is_and_where_it_belongs(make_app, copy_root):
    edit = {
        "paper/opening.md": (
            "they {pb}`2`exchanged private letters calling for",
            "they exchanged private letters calling {pb}`2`for",
        )
    }
    warnings = build_docs(make_app, copy_root, edit)
    lines = warnings.splitlines()
    assert len(lines) == 2, warnings
    assert all(line.startswith("paper/opening.md:10: ERROR: ") for line in lines)
    assert "page 2 of the witness begins here, and the edition does not mark it" in warnings
    assert "the edition marks a page break ({pb}`2`) where the witness has none" in warnings


def test_a_misnumbered_milestone_is_caught(make_app, copy_root):
    warnings = build_docs(make_app, copy_root, {"paper/opening.md": ("{pb}`2`", "{pb}`3`")})
    assert warnings.startswith(
        "paper/opening.md:10: ERROR: the edition numbers this page break 3 where the witness has page 2"
    )


def test_a_malformed_milestone_is_a_located_error(make_app, copy_root):
    _, warnings = build_root(
        make_app, copy_root, "edition", {"paper/two.md": "# SECTION TWO\n\n{para}`p2` Text {pb}`two`.\n"}
    )
    assert "paper/two.md:3: ERROR: malformed page break 'two': write {pb}`N`" in warnings
    assert "[edition.pagination]" in warnings


def test_an_uncertain_milestone_says_why_and_stays_out_of_the_count(make_app, copy_root):
    one = (
        "# A Small Paper\n\n{.byline}\nAlpha{endnote}`1`\n\n{para}`p1` The first paragraph has a "
        "{emend}`much-needed | muchneeded | hyphenation | Lost hyphen.` word and ends "
        "{pb}`1a | uncertain: the page is twice as long as the others` here with a *flourish*.\n"
    )
    app, warnings = build_root(make_app, copy_root, "edition", {"paper/one.md": one})
    assert warnings == ""  # the witness shows no break here, and the check does not ask for one
    html = (app.outdir / "paper" / "one.html").read_text()
    assert '<span class="ed-pb ed-pb--uncertain" id="wp1a">' in html
    assert "[1a?]</a>" in html
    assert "probably begins about here (the page is twice as long as the others)" in html
    doctree = app.env.get_doctree("paper/one")
    (node,) = doctree.findall(pagination.page_break)
    assert node.witness_form() == ("", "", False)


def test_milestones_render_in_html_latex_and_text(make_app, copy_root):
    two = "# SECTION TWO\n\n{para}`p2` Text of {pb}`7`the page.\n"
    app, _ = build_root(make_app, copy_root, "edition", {"paper/two.md": two})
    html = (app.outdir / "paper" / "two.html").read_text()
    assert (
        '<span class="ed-pb" id="wp7"><a class="ed-pb__n" href="#wp7" title="Page 7 of the witness '
        'begins here" aria-label="Page 7 of the witness begins here">[7]</a></span>the page.'
    ) in html
    doctree = app.env.get_doctree("paper/two")
    (node,) = doctree.findall(pagination.page_break)
    assert node["ids"] == ["wp7"] and node.astext() == ""  # quiet: no words in the reading text
    assert isinstance(node.parent, nodes.paragraph)

    srcdir = app.srcdir
    latex = make_app("latex", srcdir=srcdir)
    latex.build()
    tex = next(latex.outdir.glob("*.tex")).read_text()
    assert r"\marginpar{\raggedright\footnotesize\textsf{[7]}}the page." in tex
    assert r"\label{\detokenize{paper/two:wp7}}" in tex

    text = make_app("text", srcdir=srcdir)
    text.build()
    assert "Text of [7]the page." in (text.outdir / "paper" / "two.txt").read_text()


def test_the_edition_marks_every_page_break_of_the_witness():
    pages = (REPO / "docs" / "paper").glob("*.md")
    found = sorted(int(n) for path in pages for n in re.findall(r"\{pb\}`(\d+)`", path.read_text()))
    assert found == list(range(2, 25))
