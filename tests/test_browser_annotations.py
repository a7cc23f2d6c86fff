"""Annotations in real Chromium: margin notes on a desktop, toggles on a
phone, the keyboard alone, and hostile input that never runs."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from browser import SCREENSHOTS, build_site, choose_layer, serve
from conftest import REPO, ROOTS, copy_siblings

pytestmark = pytest.mark.browser
PAGE = "/paper/beyond-nafta.html"


def test_margin_note_on_desktop(chromium, site):
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    choose_layer(page, "study")
    page.goto(site + PAGE + "#p15")
    note = page.locator("#ann-sao-paolo")
    expect(note).to_be_visible()
    paragraph = page.locator("#p15").bounding_box()
    box = note.bounding_box()
    assert box["x"] >= paragraph["x"] + paragraph["width"] - 5, (
        "the note stands in the margin, beside the text"
    )
    assert "São Paulo" in note.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "annotation-desktop.png"))
    page.close()


def test_toggle_on_phone(chromium, site):
    page = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    choose_layer(page, "study")
    page.goto(site + PAGE + "#p15")
    note = page.locator("#ann-sao-paolo")
    toggle = page.locator("a[aria-controls='ann-sao-paolo']")
    expect(note).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.tap()
    expect(note).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=str(SCREENSHOTS / "annotation-phone-open.png"))
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "ann-sao-paolo"
    page.close()


def test_keyboard_only(chromium, site):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    choose_layer(page, "study")
    page.goto(site + PAGE)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-controls')") == "ann-sao-paolo":
            break
    else:
        pytest.fail("the annotation toggle cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    expect(page.locator("#ann-sao-paolo")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#ann-sao-paolo")).to_be_hidden()
    page.close()


def test_hostile_annotation_runs_no_script(chromium, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("_build"))
    copy_siblings(tmp_path)
    hostile = (ROOTS.parent / "hostile" / "01-script-block.md").read_text()
    (tmp_path / "annotations" / "zz-hostile.md").write_text(
        hostile.replace("alert(101)", "window.__pwned = 1; alert(101)")
    )
    (tmp_path / "annotations" / "zz-handler.md").write_text(
        (ROOTS.parent / "hostile" / "02-img-onerror.md").read_text()
    )
    result = build_site(docs, tmp_path / "html")
    assert "annotations/zz-hostile.md" in result.stderr  # refused, with its location
    dialogs: list[str] = []
    with serve(tmp_path / "html") as url:
        page = chromium.new_page()

        def on_dialog(dialog):  # a script that ran would show itself with alert()
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        for path in ("/paper/beyond-nafta.html", "/annotations.html", "/paper/opening.html"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None
        page.close()
    assert dialogs == []


#: Where each margin note stands: its top, its anchor's line box, its bottom.
NOTE_BOXES = """() => Array.from(document.querySelectorAll('aside.ed-annotation'))
  .filter(note => getComputedStyle(note).display !== 'none')
  .map(note => {
    const anchor = document.getElementById(note.id.replace(/^ann-/, 'anchor-'));
    const range = document.createRange();
    const text = document.createTreeWalker(anchor, NodeFilter.SHOW_TEXT).nextNode();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const glyph = range.getClientRects()[0];
    const paragraph = anchor.closest('p');
    const lineHeight = parseFloat(getComputedStyle(paragraph).lineHeight);
    const box = note.getBoundingClientRect();
    return {id: note.id, top: box.top, bottom: box.bottom, left: box.left,
            line: glyph.top + glyph.height / 2 - lineHeight / 2, lineHeight,
            textRight: paragraph.getBoundingClientRect().right};
  })
  .sort((a, b) => a.line - b.line)"""


@pytest.mark.parametrize("width", [1400, 1920])
def test_margin_notes_stand_level_with_their_words(chromium, site, width):
    """A note's box starts at the top of the line box that holds the first of its words;
    when the note before it is in the way, it starts just below that note, no lower."""
    page = chromium.new_page(viewport={"width": width, "height": 1000})
    choose_layer(page, "study")
    problems: list[str] = []
    level = pushed = 0
    for name in ("opening", "beyond-nafta", "monitoring-nafta", "de-facto-side-agreements", "moving-forward"):
        page.goto(f"{site}/paper/{name}.html")
        page.evaluate("document.fonts.ready")
        boxes = page.evaluate(NOTE_BOXES)
        assert boxes, name
        floor = None
        for box in boxes:
            where = f"{name} {box['id']}"
            if box["left"] < box["textRight"]:
                problems.append(f"{where}: not in the margin")
            if box["top"] < box["line"] - 1:
                problems.append(f"{where}: starts {box['line'] - box['top']:.0f}px above its line")
            elif abs(box["top"] - box["line"]) <= 1:
                level += 1
            elif floor is not None and 0 <= box["top"] - floor <= 16:
                pushed += 1  # moved down below the note before, and only as far as it must
            else:
                problems.append(f"{where}: starts {box['top'] - box['line']:.0f}px below its line")
            if floor is not None and box["top"] < floor:
                problems.append(f"{where}: overlaps the note before it")
            floor = box["bottom"]
    page.close()
    assert problems == []
    assert level >= 10 and pushed >= 1, (level, pushed)  # both cases were seen


def test_margin_note_follows_the_layer(chromium, site):
    """Notes move when the text reflows: opening a paragraph in Reading lays them out again."""
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site + PAGE)
    page.locator("#p15 > .ed-reveal").click()
    boxes = {box["id"]: box for box in page.evaluate(NOTE_BOXES)}
    assert set(boxes) == {"ann-clinton-signed-nafta", "ann-sao-paolo"}
    assert all(abs(b["top"] - b["line"]) <= 1 or b["top"] > b["line"] for b in boxes.values())
    assert abs(boxes["ann-clinton-signed-nafta"]["top"] - boxes["ann-clinton-signed-nafta"]["line"]) <= 1
    page.close()
