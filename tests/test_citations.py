"""Executable citations: every citation resolves to a complete entry, or the
build says where and why it does not."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, ROOTS, build_root, serial_and_parallel, warnings_of

REFS = (ROOTS / "test-citations" / "refs.bib").read_text()
NOTES = (ROOTS / "test-citations" / "paper" / "notes.md").read_text()
SCHEMA = json.loads((Path(__file__).parent / "csl-data.schema.json").read_text())


def build(make_app, copy_root, files: dict[str, str] | None = None, **kwargs):
    return build_root(make_app, copy_root, "citations", files, **kwargs)


def test_clean_build(make_app, copy_root):
    _, warnings = build(make_app, copy_root)
    assert warnings == ""


def test_references_are_formatted_in_chicago_style(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "bibliography.html").read_text()
    assert (
        "Zedillo, Ernesto. “Against Globaphobia.” <em>New Perspectives Quarterly</em> 17, no. 2 (2000)."
        in html
    )
    assert (
        "White House Office of the Press Secretary. “Remarks on Mexico.” The White House, January 1997. "
        "https://example.org/remarks." in html
    )
    assert (
        "Commission for the Study of International Migration and Cooperative Economic Development. "
        "<em>Unauthorized Migration: An Economic Development Response</em>. Washington, D.C.: "
        "U.S. Government Printing Office, 1990." in html
    )


def test_real_library_formats_with_full_first_names(make_app, copy_root):
    srcdir = copy_root("docs")
    app = make_app("html", srcdir=srcdir)
    app.build()
    notes = (app.outdir / "paper" / "endnotes.html").read_text()
    assert (
        "Portes, Alejandro. “Conclusion: Towards a New World – The Origins and Effects of Transnational"
        in notes
    )
    assert (
        "Smith, Robert C. “Mexican Immigrants, the Mexican State, and the Transnational Practice of" in notes
    )
    assert (
        "Zedillo, Ernesto. “Against Globaphobia.” <em>New Perspectives Quarterly</em> 17, no. 2 (2000)."
        in notes
    )
    # citeproc-py adds a stray "Edition" with some styles; no entry without an edition may show one.
    bibliography = (app.outdir / "bibliography.html").read_text()
    for item in json.loads((app.outdir / "data" / "references.json").read_text()):
        own = item.get("title", "") + item.get("publisher", "") + item.get("container-title", "")
        if "edition" not in item and "edition" not in own.lower():
            entry = bibliography.split(f'id="ref-{item["id"]}"', 1)[1].split("ed-bib-note", 1)[0]
            assert "Edition" not in entry, item["id"]
    data = json.loads((app.outdir / "data" / "endnotes.json").read_text())
    cited = {n["number"]: n["citations"] for n in data}
    assert cited[4] == [{"key": "whitehouse1997repayment", "locator": ""}]
    assert cited[6] == [{"key": "zedillo2000globaphobia", "locator": "p. 6"}]
    assert cited[8] == [
        {"key": "portes1999conclusion", "locator": "p. 474"},
        {"key": "smith1998mexican", "locator": "pp. 20-21"},
    ]
    assert cited[11] == [{"key": "green-embassy-speech", "locator": ""}]
    assert cited[1] == []
    assert cited[10] == []
    references = json.loads((app.outdir / "data" / "references.json").read_text())
    jsonschema.validate(references, SCHEMA)


def test_ibid_resolves_to_the_note_before(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    data = json.loads((app.outdir / "data" / "endnotes.json").read_text())
    assert [n["citations"] for n in data] == [
        [{"key": "whitehouse1997", "locator": ""}],
        [{"key": "whitehouse1997", "locator": ""}],
        [{"key": "zedillo2000globaphobia", "locator": "p. 4"}],
        [{"key": "zedillo2000globaphobia", "locator": "p. 6"}],
    ]


def test_references_json_is_valid_csl_json(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    data = json.loads((app.outdir / "data" / "references.json").read_text())
    jsonschema.validate(data, SCHEMA)
    white = next(item for item in data if item["id"] == "whitehouse1997")
    assert white == {
        "id": "whitehouse1997",
        "type": "document",
        "author": [{"literal": "White House Office of the Press Secretary"}],
        "title": "Remarks on Mexico",
        "publisher": "The White House",
        "URL": "https://example.org/remarks",
        "issued": {"date-parts": [[1997, 1]]},
    }


def test_bibliography_links_back_and_offers_sources(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "bibliography.html").read_text()
    assert 'id="ref-whitehouse1997"' in html
    assert 'href="paper/notes.html#en-1"' in html
    assert 'href="paper/notes.html#en-2"' in html
    assert 'href="index.html#cite-1"' in html
    assert '<a class="reference external" href="https://example.org/remarks">' in html
    assert "@misc{whitehouse1997," in html
    assert "&quot;literal&quot;: &quot;White House Office of the Press Secretary&quot;" in html


def test_citation_role_links_with_preview(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "index.html").read_text()
    assert 'href="bibliography.html#ref-asencio1990"' in html
    assert (
        ">Commission for the Study of International Migration and Cooperative Economic Development 1990, "
        "p. 12</a>" in html
    )
    assert 'id="cite-1-pop" role="tooltip" hidden>' in html


def test_marker_previews_note_and_source(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "paper" / "text.html").read_text()
    assert '<span class="ed-pop__text">Zedillo, page 4.</span>' in html
    assert (
        '<span class="ed-pop__ref">Zedillo, Ernesto. “Against Globaphobia.” <i>New Perspectives '
        "Quarterly</i> 17, no. 2 (2000). (p. 4)</span>" in html
    )


def test_reconciliation_page(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "reconciliation.html").read_text()
    assert "Ibid. (Ibid. of note 1)" in html
    assert "None: every entry is cited." in html


def test_malformed_entry_is_located(make_app, copy_root):
    refs = REFS + "\n@article{broken,\n  title = {Unclosed\n"
    _, warnings = build(make_app, copy_root, {"refs.bib": refs})
    line = REFS.count("\n") + 2
    assert f"refs.bib:{line}: ERROR: malformed entry (" in warnings
    assert "fix the BibTeX syntax; the entry is ignored until then [edition.bibtex]" in warnings
    assert "Traceback" not in warnings


def test_duplicate_key_is_located(make_app, copy_root):
    refs = REFS + "\n@misc{asencio1990,\n  title = {Again},\n  year = {1990}\n}\n"
    _, warnings = build(make_app, copy_root, {"refs.bib": refs})
    line = REFS.count("\n") + 2
    assert (
        f"refs.bib:{line}: ERROR: duplicate key 'asencio1990' (first at line 19): every entry needs its own "
        "key; the first wins [edition.bibtex]"
    ) in warnings


def test_missing_required_field(make_app, copy_root):
    refs = REFS.replace("  journal = {New Perspectives Quarterly},\n", "")
    _, warnings = build(make_app, copy_root, {"refs.bib": refs})
    assert (
        "refs.bib:1: ERROR: entry 'zedillo2000globaphobia' (@article) lacks the required field journal: add "
        "it, or say in `note` why it cannot be confirmed and supply what the source states [edition.bibtex]"
    ) in warnings


def test_unknown_key_in_role(make_app, copy_root):
    index = (
        (ROOTS / "test-citations" / "index.md")
        .read_text()
        .replace("asencio1990, p. 12", "asencio1909, p. 12")
    )
    _, warnings = build(make_app, copy_root, {"index.md": index})
    assert (
        "index.md:3: ERROR: unknown citation key 'asencio1909' (did you mean 'asencio1990'?): "
        "add the work to "
        "references.bib or correct the key [edition.citation]"
    ) in warnings


def test_unknown_key_in_note(make_app, copy_root):
    notes = NOTES.replace(":cite: whitehouse1997\n", ":cite: whitehouse1979\n")
    _, warnings = build(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:3: ERROR: endnote 1: unknown citation key 'whitehouse1979' (did you mean "
        "'whitehouse1997'?): add the work to references.bib or correct the key [edition.citation]"
    ) in warnings


@pytest.mark.parametrize("locator", ["page 4", "p.4", "pp. 4", "4"])
def test_malformed_locator(make_app, copy_root, locator):
    index = (ROOTS / "test-citations" / "index.md").read_text().replace("p. 12", locator)
    _, warnings = build(make_app, copy_root, {"index.md": index})
    assert (
        f"index.md:3: ERROR: malformed locator '{locator}': write it as p. 4, pp. 4-6, sec. 2, para. 3, "
        f"ch. 1, art. 5 or n. 2 (citing 'asencio1990') [edition.citation]"
    ) in warnings


def test_ibid_with_no_antecedent(make_app, copy_root):
    notes = NOTES.replace(":kind: citation\n:cite: whitehouse1997\n", ":kind: ibid\n")
    _, warnings = build(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:3: ERROR: endnote 1 reads Ibid. but there is no note before it to repeat "
        "[edition.citation]"
    ) in warnings


def test_ibid_after_note_with_several_sources(make_app, copy_root):
    notes = NOTES.replace(":cite: whitehouse1997\n", ":cite: whitehouse1997; asencio1990\n")
    _, warnings = build(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:10: ERROR: endnote 2 reads Ibid. but note 1, which it repeats, has 2 sources: give "
        "the Ibid. note :ibid-of: N to name the note it repeats, or give that note one :cite: "
        "[edition.citation]"
    ) in warnings


def test_ibid_after_note_with_no_source(make_app, copy_root):
    notes = NOTES.replace(":kind: citation\n:cite: whitehouse1997\n", ":kind: commentary\n")
    _, warnings = build(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:9: ERROR: endnote 2 reads Ibid. but note 1, which it repeats, has no source: give "
        "the Ibid. note :ibid-of: N to name the note it repeats, or give that note one :cite: "
        "[edition.citation]"
    ) in warnings


def test_uncited_entry_is_a_warning(make_app, copy_root):
    refs = REFS + "\n@misc{lonely2001,\n  title = {Nobody cites me},\n  year = {2001}\n}\n"
    _, warnings = build(make_app, copy_root, {"refs.bib": refs})
    line = REFS.count("\n") + 2
    assert warnings == (
        f"refs.bib:{line}: WARNING: entry 'lonely2001' is not cited anywhere in the edition: cite it with "
        "{cite}`lonely2001` where it is relevant, or remove it [edition.citation]\n"
    )


def test_adding_a_missing_entry_rewrites_the_page_that_cited_it(make_app, copy_root):
    index = (ROOTS / "test-citations" / "index.md").read_text().replace("asencio1990, p. 12", "later2001")
    srcdir = copy_root("citations", {"index.md": index})
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "unknown citation key 'later2001'" in warnings_of(app)
    read: list[str] = []
    written: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.connect("doctree-resolved", lambda app, doctree, docname: written.append(docname))
    app._warning.truncate(0)
    app._warning.seek(0)
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text() + "\n@book{later2001,\n  author = {Ann Later},\n  title = {A Later Book},\n"
        "  publisher = {Press},\n  year = {2001}\n}\n"
    )
    app.build()
    assert read == []
    assert "index" in written
    assert "A Later Book" in (app.outdir / "index.html").read_text()
    assert "later2001" not in warnings_of(app)


def test_parallel_build_gives_the_same_output(make_app, tmp_path):
    names = ("bibliography.html", "reconciliation.html", "data/references.json", "data/endnotes.json")
    serial, parallel = serial_and_parallel(make_app, tmp_path, ROOTS / "test-citations", names)
    assert serial == parallel


SIMPLE_LATEX = [
    ("{NAFTA} and the {U.S.}", "NAFTA and the U.S."),
    ("pp. 1--2 --- and ``so'' on~here", "pp. 1\u20132 \u2014 and \u201cso\u201d on\u00a0here"),
    ("Asc{\\'e}ncio, Pe\\~na, \\'{E}xito, na\\\"\\i ve", None),  # \i is not in the simple subset
    ("Ascencio, {\\'e}l, \\'Ambito, Pe\\~na, \\`a, \\^o, \\\"u", "Ascencio, él, Ámbito, Peña, à, ô, ü"),
    ("\\$100,000 \\& 5\\% \\#1 a\\_b", "$100,000 & 5% #1 a_b"),
    ("{Math} $x^2$", None),
    ("\\textit{Italic}", None),
    ("{Tariffs} fell 50% & more", "Tariffs fell 50% & more"),  # pylatexenc would drop "% & more"
]


@pytest.mark.parametrize(("value", "text"), SIMPLE_LATEX)
def test_simple_latex_is_decoded_without_pylatexenc(value, text):
    from edition.citations import latextext

    assert latextext.decode(value) == text


def test_simple_latex_decoding_agrees_with_pylatexenc_on_the_library():
    """Every value of references.bib that the table decodes comes out as pylatexenc has it."""
    import bibtexparser
    from pylatexenc.latex2text import LatexNodes2Text

    from edition.citations import latextext

    decoder = LatexNodes2Text()
    library = bibtexparser.parse_string((REPO / "references.bib").read_text(encoding="utf-8"))
    values = {str(f.value) for entry in library.entries for f in entry.fields}
    decoded = {v: latextext.decode(v) for v in values if any(m in v for m in "\\{}~-`'$")}
    checked = {
        v: t for v, t in decoded.items() if t is not None and "%" not in v and "&" not in v.replace("\\&", "")
    }
    assert len(checked) > 100
    for value, text in checked.items():
        assert text == decoder.latex_to_text(value), value
