"""Annotations in real Chromium: margin notes on a desktop, toggles on a
phone, the keyboard alone, and hostile input that never runs."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from browser import SCREENSHOTS, build_site, serve
from conftest import REPO, ROOTS, copy_siblings

pytestmark = pytest.mark.browser
PAGE = "/paper/beyond-nafta.html"


def test_margin_note_on_desktop(chromium, site):
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
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
    page.goto(site + PAGE + "#p15")
    note = page.locator("#ann-sao-paolo")
    toggle = page.locator("button[aria-controls='ann-sao-paolo']")
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
