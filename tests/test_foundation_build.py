"""A clean build of the small test edition: what readers and reusers get."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def build(make_app: Callable[..., SphinxTestApp], srcdir: Path, **kwargs: object) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_clean_build_has_no_warnings(make_app, copy_root):
    app = build(make_app, copy_root())
    assert warnings_of(app) == ""


def test_apparatus_json_lists_every_emendation(make_app, copy_root):
    app = build(make_app, copy_root())
    data = json.loads((app.outdir / "data" / "apparatus.json").read_text())
    assert data == [
        {
            "id": "p1-e1",
            "type": "hyphenation",
            "original": "muchneeded",
            "reading": "much-needed",
            "reason": "Lost hyphen.",
            "page": "paper/one",
            "paragraph": "p1",
        },
        {
            "id": "p2-e1",
            "type": "restored-marker",
            "original": "",
            "reading": "[2]",
            "reason": (
                "The marker of note 2 was lost in extraction; see note 2 for the evidence for its place."
            ),
            "page": "paper/two",
            "paragraph": "p2",
        },
        {
            "id": "p2-e2",
            "type": "escape",
            "original": "\\$5",
            "reading": "$5",
            "reason": "Extraction escape.",
            "page": "paper/two",
            "paragraph": "p2",
        },
        {
            "id": "n2-e1",
            "type": "restored-number",
            "original": "",
            "reading": "[2]",
            "reason": "The number of note 2 was lost in extraction. Restored after the only quotation.",
            "page": "paper/notes",
            "paragraph": "n2",
        },
    ]


def test_endnotes_json_places_each_note(make_app, copy_root):
    app = build(make_app, copy_root())
    data = json.loads((app.outdir / "data" / "endnotes.json").read_text())
    assert [(n["number"], n["kind"], n["page"], n["paragraph"], n["reconstructed"]) for n in data] == [
        (1, "commentary", "paper/one", None, False),
        (2, "ibid", "paper/two", "p2", True),
    ]
    second = data[1]
    assert second["text"] == "Ibid."
    assert second["preceding_text"] == 'The second paragraph quotes "someone."'
    assert second["marker_restored"] is True
    assert second["number_restored"] is True
    assert second["citations"] == []


def test_preceding_text_is_twelve_words(make_app, copy_root):
    long = " ".join(f"w{i}" for i in range(1, 21))
    page = f"# SECTION TWO\n\n{{para}}`p2` {long}{{endnote}}`[2]`\n"
    witness = copy_root().parent / "edition" / "witness.txt"
    srcdir = witness.parent
    (srcdir / "paper" / "two.md").write_text(page)
    app = build(make_app, srcdir)
    data = json.loads((app.outdir / "data" / "endnotes.json").read_text())
    assert data[1]["preceding_text"] == " ".join(f"w{i}" for i in range(9, 21))


def test_html_marks_emendation_with_source_reading(make_app, copy_root):
    app = build(make_app, copy_root())
    html = (app.outdir / "paper" / "one.html").read_text()
    assert 'id="em-p1-e1"' in html
    # The reading is plain text; the cue after it is a real link to the apparatus entry, and
    # the popover its preview. No whitespace between the reading, the cue and what follows.
    assert (
        '<span class="ed-emend ed-pop-host" id="em-p1-e1"><span class="ed-emend__reading">much-needed</span>'
        '<a class="ed-emend__cue" href="../apparatus.html#app-p1-e1" '
        'aria-label="Emendation p1-e1: the source reads “muchneeded”"></a>'
        '<span class="ed-pop" id="em-p1-e1-pop" role="tooltip" hidden>'
        '<span class="ed-pop__title">Emendation p1-e1: extraction error: lost hyphen restored</span> '
        "The source reads <q>muchneeded</q>. Lost hyphen.</span></span> word" in html
    )
    apparatus = (app.outdir / "apparatus.html").read_text()
    assert '<tr class="row-even" id="app-p1-e1">' in apparatus


def test_paragraph_has_id_and_permalink(make_app, copy_root):
    app = build(make_app, copy_root())
    html = (app.outdir / "paper" / "one.html").read_text()
    assert '<p id="p1">' in html
    assert '<a class="ed-para" href="#p1"' in html


def test_markers_and_notes_link_both_ways(make_app, copy_root):
    app = build(make_app, copy_root())
    two = (app.outdir / "paper" / "two.html").read_text()
    notes = (app.outdir / "paper" / "notes.html").read_text()
    assert '<sup class="ed-noteref ed-pop-host ed-restored" id="enref-2"' in two
    assert 'href="notes.html#en-2"' in two
    assert ">[2]</a>" in two
    assert 'id="en-2"' in notes
    assert 'href="two.html#enref-2"' in notes
    assert 'href="one.html#enref-1"' in notes


def test_apparatus_page_links_into_the_text(make_app, copy_root):
    app = build(make_app, copy_root())
    html = (app.outdir / "apparatus.html").read_text()
    assert 'href="paper/one.html#em-p1-e1"' in html
    assert 'href="paper/two.html#enref-2"' in html
    assert 'href="paper/notes.html#en-2"' in html
    assert "Restored after the only quotation." in html


def test_paragraph_ids_are_ref_targets(make_app, copy_root):
    srcdir = copy_root(
        files={
            "index.md": (
                "# Test edition\n\nSee {ref}`p2`.\n\n"
                "```{toctree}\npaper/one\npaper/two\npaper/notes\napparatus\n```\n"
            )
        }
    )
    app = build(make_app, srcdir)
    assert warnings_of(app) == ""
    html = (app.outdir / "index.html").read_text()
    assert 'href="paper/two.html#p2"' in html
    assert "¶ 2" in html
