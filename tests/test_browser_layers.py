"""Reading layers and the marks, in real Chromium: the switch with the keyboard
alone, what each layer shows and hides, the choice kept across pages and
visits, the margin's way back to hidden marks, the switch without JavaScript,
marks that add no space before punctuation, axe-core in every layer and theme,
and the wide pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import DESKTOP, PHONE, SCREENSHOTS, choose_layer, serious_axe_violations

pytestmark = pytest.mark.browser

PAGE = "/paper/beyond-nafta.html"
PAPER = [
    "paper/opening.html",
    "paper/beyond-nafta.html",
    "paper/monitoring-nafta.html",
    "paper/de-facto-side-agreements.html",
    "paper/moving-forward.html",
    "paper/final-remarks.html",
    "paper/endnotes.html",
]
#: One of each kind of mark on PAGE, and whether each layer shows it.
MARKS = {
    "endnote marker": ("#enref-2 a", {"reading", "study", "apparatus"}),
    "restored marker": ("#enref-5 a", {"reading", "study", "apparatus"}),
    "emendation": ("#em-p13-e2 .ed-emend__cue", {"study", "apparatus"}),
    "dated claim": ("#maquiladora-growth-cue", {"study"}),
    "annotation letter": ("a[aria-controls='ann-guadalajara']", {"study"}),
    "margin note": ("#ann-guadalajara", {"study"}),
    "witness page": ("#wp4 .ed-pb__n", {"study", "apparatus"}),
}


def assert_layer(page, layer: str) -> None:
    expect(page.locator(f"#ed-layer-{layer}")).to_be_checked()
    for name, (selector, shown_in) in MARKS.items():
        mark = page.locator(selector)
        if layer in shown_in:
            expect(mark, f"{name} in the {layer} layer").to_be_visible()
        else:
            expect(mark, f"{name} in the {layer} layer").to_be_hidden()


def test_reading_hides_every_editorial_mark_on_every_page(chromium, site):
    page = chromium.new_page(viewport=DESKTOP)
    shown: list[str] = []
    for name in PAPER:
        page.goto(f"{site}/{name}")
        shown += [
            f"{name}: {cls}"
            for cls in page.evaluate(
                """() => Array.from(document.querySelectorAll(
                     '.ed-claim__cue, .ed-emend__cue, .ed-annotation-mark, aside.ed-annotation,'
                     + ' .ed-endnote__refs, .ed-endnote__account, .ed-pb'))
                   .filter(e => e.getClientRects().length > 0).map(e => e.className)"""
            )
        ]
        assert page.locator(".ed-noteref").count() == 0 or page.locator(".ed-noteref").first.is_visible()
    page.close()
    assert shown == []


def test_switch_layers_with_the_keyboard_and_keep_the_choice(chromium, site):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + PAGE)
    assert_layer(page, "reading")  # the default: the author's text and the endnote markers
    # The restored marker keeps its brackets, but not the editors' colour, in Reading.
    link = page.evaluate("getComputedStyle(document.querySelector('#enref-2 a')).color")
    assert page.evaluate("getComputedStyle(document.querySelector('#enref-5 a')).color") == link
    for _ in range(30):  # from the top of the page, Tab reaches the switch
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "ed-layer":
            break
    else:
        pytest.fail("the layer switch cannot be reached with Tab")
    assert page.evaluate("document.activeElement.id") == "ed-layer-reading"
    focus_ring = "getComputedStyle(document.querySelector('label[for=ed-layer-reading]')).outlineStyle"
    assert page.evaluate(focus_ring) != "none", "the focused layer shows it"
    page.keyboard.press("ArrowRight")
    assert_layer(page, "study")
    expect(page.locator("#ed-live")).to_contain_text("Study layer: Every mark")  # read out
    page.keyboard.press("ArrowRight")
    assert_layer(page, "apparatus")
    assert page.evaluate("getComputedStyle(document.querySelector('#enref-5 a')).color") != link
    page.keyboard.press("Alt+Shift+L")  # the shortcut moves on from anywhere: back to Reading
    assert_layer(page, "reading")
    page.keyboard.press("Alt+Shift+L")
    assert_layer(page, "study")
    # The choice follows the reader to the next page, and to a later visit.
    page.get_by_role("link", name="MONITORING NAFTA").first.click()
    page.wait_for_url("**/paper/monitoring-nafta.html")
    expect(page.locator("#ed-layer-study")).to_be_checked()
    expect(page.locator(".ed-claim__cue").first).to_be_visible()
    page.close()
    later = context.new_page()
    later.goto(site + PAGE)
    assert_layer(later, "study")
    context.close()
    stranger = chromium.new_page(viewport=DESKTOP)  # another reader starts in Reading
    stranger.goto(site + PAGE)
    assert_layer(stranger, "reading")
    stranger.close()


def test_the_switch_is_announced(chromium, site):
    page = chromium.new_page(viewport=DESKTOP)
    page.goto(site + PAGE)
    tree = page.locator("#ed-layers").aria_snapshot()
    assert 'group "Show"' in tree
    assert 'radio "Reading" [checked]' in tree and 'radio "Study"' in tree and 'radio "Apparatus"' in tree
    description = page.evaluate(
        "document.getElementById(document.getElementById('ed-layer-apparatus')"
        ".getAttribute('aria-describedby')).textContent"
    )
    assert description == "Emendations, restored markers and witness pages only"
    page.close()


def test_reading_opens_a_paragraphs_marks_from_the_margin(chromium, site):
    page = chromium.new_page(viewport=DESKTOP)
    page.goto(site + PAGE)
    reveal = page.locator("#p9 > .ed-reveal")
    expect(reveal).to_be_visible()
    expect(reveal).to_have_text("+5 marks in ¶ 9: 4 dated claims, 1 editor's note")  # read out in full
    paragraph = page.locator("#p9").bounding_box()
    assert reveal.bounding_box()["x"] < paragraph["x"], "in the left margin, under the ¶ number"
    reveal.focus()
    page.keyboard.press("Enter")
    expect(reveal).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#maquiladora-growth-cue")).to_be_visible()
    expect(page.locator("#ann-guadalajara")).to_be_visible()
    expect(page.locator("#p10 .ed-annotation-mark")).to_be_hidden()  # only that paragraph
    page.keyboard.press("Enter")
    expect(page.locator("#maquiladora-growth-cue")).to_be_hidden()
    expect(page.locator("#ann-guadalajara")).to_be_hidden()
    # A link to a mark shows it, whatever the layer (here from the register).
    page.goto(site + "/claims.html")
    page.locator("#row-maquiladora-growth a").first.click()
    page.wait_for_url("**/paper/beyond-nafta.html#maquiladora-growth")
    expect(page.locator("#maquiladora-growth-cue")).to_be_visible()
    page.close()


def test_marks_in_the_left_margin_stand_apart(chromium, site):
    """¶ numbers, the margin's counts and the witness's page numbers share the left margin."""
    page = chromium.new_page(viewport=DESKTOP)
    choose_layer(page, "apparatus")  # the layer that shows counts and page numbers together
    overlaps: list[str] = []
    for name in PAPER:
        page.goto(f"{site}/{name}")
        overlaps += page.evaluate(
            """name => {
              const boxes = Array.from(document.querySelectorAll('.ed-para, .ed-reveal, .ed-pb__n'))
                .filter(e => e.getClientRects().length)
                .map(e => [e.className + ' ' + (e.closest('p') || {}).id, e.getBoundingClientRect()]);
              const out = [];
              boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, q]) => {
                if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom)
                  out.push(name + ': ' + a + ' / ' + b);
              }));
              return out;
            }""",
            name,
        )
    page.close()
    assert overlaps == []


def test_layers_without_javascript(chromium, site):
    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + PAGE)
    assert_layer(page, "reading")  # readable: the text and its endnote markers
    page.locator("label[for='ed-layer-study']").click()
    assert_layer(page, "study")  # the stylesheet applies the radio button's choice
    page.locator("label[for='ed-layer-apparatus']").click()
    assert_layer(page, "apparatus")
    page.screenshot(path=str(SCREENSHOTS / "layers-apparatus-no-js.png"))
    # On the notes page, Reading and Apparatus leave out the editors' source lines too.
    page.goto(site + "/paper/endnotes.html")
    expect(page.locator("#en-2 .ed-endnote__refs")).to_be_hidden()
    page.locator("label[for='ed-layer-study']").click()
    expect(page.locator("#en-2 .ed-endnote__refs")).to_be_visible()
    context.close()


def test_no_space_between_a_mark_and_the_punctuation_after_it(chromium, site):
    """Where a mark is followed by punctuation, nothing but the glyphs' own side
    bearings lies between them (the letter mark used to leave a space: "Guadalajara ᵃ ,")."""
    page = chromium.new_page(viewport=DESKTOP)
    choose_layer(page, "study")
    gaps: list[str] = []
    measured = 0
    for name in PAPER:
        page.goto(f"{site}/{name}")
        found = page.evaluate(
            """() => {
              const marks = document.querySelectorAll(
                '.ed-annotation-mark, .ed-noteref, .ed-claim__cue, .ed-emend__cue');
              const out = [];
              for (const mark of marks) {
                // The first text after the mark in reading order (popovers are not read).
                const walker = document.createTreeWalker(mark.closest('p'), NodeFilter.SHOW_TEXT,
                  {acceptNode: n => n.parentElement.closest('.ed-pop') ? 2 : 1});
                walker.currentNode = mark;
                let next = walker.nextNode();
                while (next && mark.contains(next)) next = walker.nextNode();
                if (!next || !/^\\s*[,.;:)]/.test(next.data)) continue;
                const range = document.createRange();
                range.setStart(next, 0);
                range.setEnd(next, next.data.search(/[,.;:)]/) + 1);
                const punct = Array.from(range.getClientRects()).pop();
                const box = Array.from(mark.getClientRects()).pop();
                if (Math.abs(punct.top - box.top) > 30) continue;  // wrapped to the next line
                out.push({mark: mark.className, text: mark.textContent.slice(0, 12),
                          gap: punct.left - box.right, space: /^\\s/.test(next.data)});
              }
              return out;
            }"""
        )
        for item in found:
            measured += 1
            if item["space"] or item["gap"] > 1.5:
                gaps.append(f"{name}: {item['mark']} {item['text']!r} gap {item['gap']:.1f}px")
    page.close()
    assert measured >= 20, "the test found marks followed by punctuation to measure"
    assert gaps == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_in_every_layer(chromium, site, axe_source, scheme):
    """test_browser_reading audits every page in the default layer, Reading. Here the other
    layers, and Reading with every paragraph opened from the margin, on the pages that hold
    every kind of mark between them (the notes page has its own: restored numbers, accounts)."""
    context = chromium.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    problems = []
    text = ["paper/beyond-nafta.html", "paper/moving-forward.html"]
    notes = ["paper/endnotes.html"]
    for layer, names in (("study", text + notes), ("apparatus", text[:1] + notes), ("reading", text)):
        page.goto(f"{site}/{PAPER[0]}")
        page.evaluate(f"localStorage.setItem('edition-layer', '{layer}')")
        for name in names:
            page.goto(f"{site}/{name}")
            reveal = (
                "document.querySelectorAll('.ed-reveal').forEach(b => b.click())"
                if layer == "reading"
                else ""
            )
            found = serious_axe_violations(page, axe_source, scheme, reveal)
            problems += [f"{scheme} {layer} {name}: {violation}" for violation in found]
    context.close()
    assert problems == []


def test_wide_pages_use_the_screens_width(chromium, site):
    page = chromium.new_page(viewport=DESKTOP)
    for name, selector in (
        ("claims.html", "table.ed-register"),
        ("apparatus.html", "table.ed-apparatus"),
    ):
        page.goto(f"{site}/{name}")
        table = page.locator(selector).bounding_box()
        article = page.locator(".bd-article-container").bounding_box()
        assert table["width"] >= article["width"] - 2 * 32 - 2, f"{name}: the table fills its column"
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    page.goto(f"{site}/claims.html")  # no page contents column here: the text column is the screen's
    main = page.locator(".bd-main").bounding_box()
    assert page.locator("table.ed-register").bounding_box()["width"] >= main["width"] - 80
    for name, selector in (("bibliography.html", ".ed-bib-entry"), ("annotations.html", ".ed-index-group")):
        page.goto(f"{site}/{name}")
        tops = [box["y"] for box in (page.locator(selector).nth(i).bounding_box() for i in range(2))]
        assert tops[0] == tops[1], f"{name}: entries stand side by side"
    page.set_viewport_size({"width": 1920, "height": 1000})
    page.goto(f"{site}/claims.html")
    main = page.locator(".bd-main").bounding_box()
    assert main["x"] + main["width"] == 1920, "beyond the theme's 88rem page"
    assert page.locator("table.ed-register").bounding_box()["width"] >= main["width"] - 80
    page.close()


def test_register_on_a_phone(chromium, site):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}/claims.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = page.locator("#row-maquiladora-growth")
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "a card as wide as the screen"
    text = row.inner_text()
    for words in ("the number of maquiladora plants", "BEYOND NAFTA, ¶ 9", "superseded", "2030-12-31"):
        assert words in text
    # The header row is not shown; the cells that need it say what they are.
    labels = row.evaluate("row => Array.from(row.cells).map(c => getComputedStyle(c, '::before').content)")
    assert labels[4:] == ['" · as of "', '" · review by "', '"Since then"']
    claim = row.locator("td").first.bounding_box()
    assert claim["width"] > PHONE["width"] * 0.7, "the claim is read across the card, not in a column"
    page.select_option(".ed-register-filters select >> nth=1", label="still holds")
    shown = page.locator("table.ed-register tbody tr:visible")
    assert 0 < shown.count() < page.locator("table.ed-register tbody tr").count()
    assert shown.evaluate_all("rows => rows.every(r => r.classList.contains('ed-status-still-holds'))")
    page.screenshot(path=str(SCREENSHOTS / "register-phone.png"))
    context.close()
