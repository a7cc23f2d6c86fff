"""The reading experience, end to end in real Chromium: a journey for each
kind of reader, the keyboard alone, axe-core on every page in both themes,
a clean console, print, metadata, and screenshots for a person to look at."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import DESKTOP, PHONE, SCREENSHOTS, choose_layer, serious_axe_violations

pytestmark = pytest.mark.browser


def pages(built_edition: Path) -> list[str]:
    found = sorted(
        str(p.relative_to(built_edition))
        for p in built_edition.rglob("*.html")
        if not p.name.startswith(("genindex", "search")) and "_static" not in p.parts
    )
    return [*found, "search.html"]


@pytest.fixture
def desktop(chromium):
    """A desktop reader who chose the Study layer (every mark shown)."""
    page = chromium.new_page(viewport=DESKTOP)
    choose_layer(page, "study")
    yield page
    page.close()


@pytest.fixture
def phone(chromium):
    """A phone reader who chose the Study layer."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    choose_layer(page, "study")
    yield page
    context.close()


def test_read_a_section(desktop, site):
    desktop.goto(site + "/paper/beyond-nafta.html")
    expect(desktop.get_by_role("heading", name="BEYOND NAFTA")).to_be_visible()
    expect(desktop.locator("p#p7")).to_be_visible()
    desktop.get_by_role("link", name="MONITORING NAFTA").first.click()
    desktop.wait_for_url("**/paper/monitoring-nafta.html")


def test_follow_an_endnote_and_back(desktop, site):
    desktop.goto(site + "/paper/beyond-nafta.html")
    desktop.locator("#enref-5 a").click()
    desktop.wait_for_url("**/paper/endnotes.html#en-5")
    expect(desktop.locator("#en-5")).to_be_visible()
    desktop.locator("#en-5 a.ed-endnote__num").click()
    desktop.wait_for_url("**/paper/beyond-nafta.html#enref-5")


def test_preview_a_note_and_a_citation(desktop, phone, site):
    desktop.goto(site + "/paper/beyond-nafta.html")
    desktop.locator("#enref-5 a").hover()
    preview = desktop.locator("#enref-5-pop")
    expect(preview).to_be_visible()
    assert "Against Globaphobia" in preview.inner_text()
    desktop.keyboard.press("Escape")
    cite = desktop.locator("#ann-sao-paolo .ed-cite").first
    cite.locator("a").focus()
    expect(cite.locator(".ed-pop")).to_be_visible()
    assert "São Paulo" in cite.locator(".ed-pop").inner_text() or cite.locator(".ed-pop").inner_text()
    phone.goto(site + "/paper/beyond-nafta.html")
    phone.locator("#enref-5 a").tap()
    expect(phone.locator("#enref-5-pop")).to_be_visible()
    assert phone.url.endswith("/paper/beyond-nafta.html")  # the first tap previews, and stays
    phone.screenshot(path=str(SCREENSHOTS / "note-preview-phone.png"))


def test_open_a_dated_claim(desktop, phone, site):
    for page, shot in ((desktop, "claim-desktop.png"), (phone, "claim-phone.png")):
        page.goto(site + "/paper/opening.html")
        claim = page.locator("#fox-president-elect-visit-cue")
        assert claim.inner_text() == "as of 2000"
        if page is phone:
            page.locator("#fox-president-elect-visit .ed-claim__text").tap()  # a tap on the words
        else:
            claim.focus()
        pop = page.locator("#fox-president-elect-visit-pop")
        expect(pop).to_be_visible()
        assert "1 December 2000" in pop.inner_text()
        expect(claim).to_have_attribute("aria-expanded", "true")
        page.screenshot(path=str(SCREENSHOTS / shot))
    register = desktop
    register.goto(site + "/claims.html")
    register.select_option(".ed-register-filters select >> nth=1", label="unresolved")
    visible = register.locator("table.ed-register tbody tr:visible").count()
    assert 0 < visible < 72


def test_see_an_emendations_original(desktop, site):
    desktop.goto(site + "/paper/de-facto-side-agreements.html")
    emendation = desktop.locator(".ed-emend", has_text="much-needed")
    cue = emendation.locator("a.ed-emend__cue")
    cue.focus()
    pop = desktop.locator(f"#{cue.get_attribute('aria-controls')}")
    expect(pop).to_be_visible()
    assert "muchneeded" in pop.inner_text()
    desktop.keyboard.press("Escape")
    expect(pop).to_be_hidden()
    # The cue is a real link: it leads to the emendation's entry in the apparatus.
    cue.click()
    desktop.wait_for_url("**/apparatus.html#app-p35-e1")
    expect(desktop.locator("tr#app-p35-e1")).to_contain_text("muchneeded")


def test_find_a_passage_with_the_search(desktop, site):
    desktop.goto(site + "/search.html?q=maquiladora")
    desktop.wait_for_selector("#search-results li", timeout=15000)
    assert "BEYOND NAFTA" in desktop.locator("#search-results").inner_text()


def test_copy_a_paragraph_permalink(chromium, site):
    context = chromium.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site + "/paper/beyond-nafta.html")
    link = page.locator("a.ed-para[href='#p13']")
    link.click()
    assert page.url.endswith("#p13")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/paper/beyond-nafta.html#p13")
    context.close()


def test_download_the_pdf_and_the_data(desktop, site):
    desktop.goto(site + "/paper/opening.html")
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Download the PDF edition").click()
    assert download.value.suggested_filename == "campaigning-for-change.pdf"
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    for name in (
        "apparatus.json",
        "endnotes.json",
        "references.json",
        "dated-claims.json",
        "annotations.jsonld",
    ):
        response = desktop.request.get(f"{site}/data/{name}")
        assert response.ok, name
        json.loads(response.text())


def test_keyboard_reaches_and_opens_every_kind_of_control(chromium, site):
    page = chromium.new_page(viewport=PHONE)
    choose_layer(page, "study")
    page.goto(site + "/paper/beyond-nafta.html")
    wanted = {"ed-emend__cue", "ed-claim__cue", "ed-annotation-toggle", "ed-para", "ed-noteref"}
    seen: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {cls: e.className + ' ' + (e.closest('.ed-noteref') ? 'ed-noteref' : ''),
                    outline: s.outlineStyle, shadow: s.boxShadow}; }"""
        )
        classes = set(info["cls"].split())
        for name in wanted & classes:
            assert info["outline"] != "none" or info["shadow"] != "none", f"{name} shows no focus"
        seen |= wanted & classes
        if seen == wanted:
            break
    assert seen == wanted
    trigger = page.locator(".ed-claim__cue").first
    trigger.focus()
    page.keyboard.press("Escape")
    page.keyboard.press(" ")
    expect(trigger).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(trigger).to_have_attribute("aria-expanded", "false")
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_any_page(chromium, site, built_edition, axe_source, scheme):
    context = chromium.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for name in pages(built_edition):
        page.goto(f"{site}/{name}")
        problems += [
            f"{scheme} {name}: {violation}" for violation in serious_axe_violations(page, axe_source, scheme)
        ]
    context.close()
    assert problems == []


def test_no_console_errors_or_failed_requests(chromium, site, built_edition):
    page = chromium.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on("response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    for name in pages(built_edition):
        page.goto(f"{site}/{name}")
        page.wait_for_load_state("networkidle")
    page.close()
    assert errors == []


def test_print_keeps_the_chosen_layer(chromium, site):
    page = chromium.new_page(viewport=PHONE)
    choose_layer(page, "study")
    page.goto(site + "/paper/beyond-nafta.html")
    page.emulate_media(media="print")
    expect(page.locator("#ann-sao-paolo")).to_be_visible()
    expect(page.locator(".ed-claim__cue").first).to_be_visible()
    expect(page.locator(".ed-emend__cue").first).to_be_visible()
    expect(page.locator("#ed-layers")).to_be_hidden()  # no controls on paper
    page.screenshot(path=str(SCREENSHOTS / "print-beyond-nafta.png"), full_page=False)
    page.close()
    page = chromium.new_page(viewport=PHONE)  # a reader in the Reading layer prints the text alone
    page.goto(site + "/paper/beyond-nafta.html")
    page.emulate_media(media="print")
    expect(page.locator("#ann-sao-paolo")).to_be_hidden()
    expect(page.locator(".ed-claim__cue").first).to_be_hidden()
    expect(page.locator(".ed-noteref").first).to_be_visible()
    page.close()


def test_metadata_for_reference_managers(desktop, site):
    desktop.goto(site + "/paper/beyond-nafta.html")
    meta = dict(
        desktop.evaluate(
            "Array.from(document.querySelectorAll('meta[name], meta[property]'))"
            ".map(m => [m.getAttribute('name') || m.getAttribute('property'), m.content])"
        )
    )
    assert meta["citation_title"] == "Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities"
    assert meta["citation_author"] == "Bach, Robert L."
    assert meta["citation_publication_date"] == "2000"
    assert meta["og:title"].startswith("BEYOND NAFTA")
    desktop.goto(site + "/introduction.html")
    assert "version 0.1" in desktop.locator(".ed-cite-block").inner_text()


def test_screenshots_of_every_page(chromium, site, built_edition):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = chromium.new_page(viewport=viewport)
        for name in pages(built_edition):
            page.goto(f"{site}/{name}")
            shot = SCREENSHOTS / f"{label}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 5000
        page.close()
    # A page of the paper in each layer and theme (the one above is Reading, light).
    for viewport, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        for scheme in ("light", "dark"):
            context = chromium.new_context(viewport=viewport, color_scheme=scheme)
            page = context.new_page()
            for layer in ("reading", "study", "apparatus"):
                page.goto(f"{site}/paper/beyond-nafta.html#p9")
                page.evaluate(f"localStorage.setItem('edition-layer', '{layer}')")
                page.reload()
                shot = SCREENSHOTS / f"{label}-beyond-nafta-{layer}-{scheme}.png"
                page.screenshot(path=str(shot))
                assert shot.stat().st_size > 5000
            context.close()
