"""Each way the foundation can break gives one exact, located message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import ROOTS, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ONE = "# A Small Paper\n\n{{.byline}}\nAlpha{{endnote}}`1`\n\n{body}\n"
P1 = (
    "{para}`p1` The first paragraph has a "
    "{emend}`much-needed | muchneeded | hyphenation | Lost hyphen.` word and ends here with a *flourish*."
)


def build_with(make_app, copy_root, files: dict[str, str]) -> tuple[SphinxTestApp, str]:
    srcdir = copy_root(files=files)
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app, warnings_of(app).replace(str(srcdir) + "/", "")


def test_marker_without_note(make_app, copy_root):
    body = P1 + "{endnote}`3`"
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        "paper/one.md:6: ERROR: endnote marker 3 has no note: add an endnote 3 to the endnotes page, "
        "or remove the marker [edition.endnote]"
    ) in warnings


def test_note_never_referenced(make_app, copy_root):
    notes = ROOTS.joinpath("test-edition", "paper", "notes.md").read_text()
    notes += "\n:::{endnote} 3\n:kind: commentary\n\nAn orphan.\n:::\n"
    _, warnings = build_with(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:19: ERROR: endnote 3 is never referenced: put {endnote}`3` where the note belongs "
        "(or {endnote}`[N]` if the editor restores the marker) [edition.endnote]"
    ) in warnings


def test_duplicate_paragraph_id_in_one_page(make_app, copy_root):
    body = P1 + "\n\n{para}`p1` A second paragraph."
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        "paper/one.md:8: ERROR: duplicate paragraph id 'p1', first used at line 6: give this paragraph "
        "an unused id (ids are never reused) [edition.paragraph-id]"
    ) in warnings


def test_duplicate_paragraph_id_across_pages(make_app, copy_root):
    two = (
        '# SECTION TWO\n\n{para}`p1` The second paragraph quotes "someone."{endnote}`[2]` It costs '
        "{emend}`$5 | \\$5 | escape | Extraction escape.` and is short.\n"
    )
    _, warnings = build_with(make_app, copy_root, {"paper/two.md": two})
    assert (
        "paper/two.md:3: ERROR: duplicate paragraph id 'p1', already used in paper/one at line 6: "
        "give one of them an unused id [edition.paragraph-id]"
    ) in warnings


@pytest.mark.parametrize("pid", ["12", "p0", "para-3", "P4"])
def test_malformed_paragraph_id(make_app, copy_root, pid):
    body = P1.replace("{para}`p1`", f"{{para}}`{pid}`")
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        f"paper/one.md:6: ERROR: malformed paragraph id '{pid}': an id must match "
        "'p[1-9][0-9]*[a-z]?' (for example p12, or p12a for a paragraph inserted later) "
        "[edition.paragraph-id]"
    ) in warnings


def test_paragraph_without_id(make_app, copy_root):
    body = P1 + "\n\nA paragraph nobody numbered."
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        "paper/one.md:8: ERROR: paragraph without an id ('A paragraph nobody numbered.'...): "
        "open it with {para}`pNN`, using an unused id [edition.paragraph-id]"
    ) in warnings


def test_unknown_emendation_type(make_app, copy_root):
    body = P1.replace("| hyphenation |", "| guesswork |")
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        "paper/one.md:6: ERROR: unknown emendation type 'guesswork': use one of escape, hyphenation, "
        "punctuation, relocation, restored-marker, restored-number, typo [edition.emendation]"
    ) in warnings


def test_malformed_emendation_loses_no_text(make_app, copy_root):
    body = P1.replace(" | Lost hyphen.", "")
    app, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        "paper/one.md:6: ERROR: an emendation needs four fields separated by '|': "
        "reading | original | type | reason (the reason may not be empty) [edition.emendation]"
    ) in warnings
    assert "much-needed word" in (app.outdir / "paper" / "one.html").read_text()


def test_unresolved_internal_reference(make_app, copy_root):
    body = P1 + " See {ref}`p99`."
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert "paper/one.md:6: WARNING: undefined label: 'p99' [ref.ref]" in warnings


def test_malformed_endnote_marker(make_app, copy_root):
    body = P1 + "{endnote}`x2`"
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": ONE.format(body=body)})
    assert (
        "paper/one.md:6: ERROR: malformed endnote marker 'x2': write the note's number, "
        "{endnote}`4`, or {endnote}`[4]` for a marker the editor restored [edition.endnote]"
    ) in warnings


def test_markers_out_of_order(make_app, copy_root):
    one = ONE.format(body=P1).replace("Alpha{endnote}`1`", "Alpha{endnote}`2`")
    two = '# SECTION TWO\n\n{para}`p2` The second paragraph quotes "someone."{endnote}`1`\n'
    _, warnings = build_with(make_app, copy_root, {"paper/one.md": one, "paper/two.md": two})
    assert (
        "paper/two.md:3: ERROR: endnote marker 1 comes after marker 2 in reading order: notes are "
        "numbered in the order they are read [edition.endnote]"
    ) in warnings


def test_reconstructed_note_needs_reason(make_app, copy_root):
    notes = ROOTS.joinpath("test-edition", "paper", "notes.md").read_text()
    notes = notes.replace(":reason: Restored after the only quotation.\n", "")
    _, warnings = build_with(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:10: ERROR: endnote 2 was reconstructed by the editor but gives no :reason:; "
        "say what evidence places it [edition.endnote]"
    ) in warnings


def test_unknown_endnote_kind(make_app, copy_root):
    notes = (
        ROOTS.joinpath("test-edition", "paper", "notes.md").read_text().replace(":kind: ibid", ":kind: aside")
    )
    _, warnings = build_with(make_app, copy_root, {"paper/notes.md": notes})
    assert (
        "paper/notes.md:10: ERROR: endnote 2 has kind 'aside': give :kind: one of citation, ibid, "
        "commentary, disclaimer [edition.endnote]"
    ) in warnings
