"""The EPUB edition, built once per session with Sphinx's EPUB builder, checked with
EPUBCheck (Debian's, run with Java) and read back as an e-reader would."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest

from conftest import ROOTS, warnings_of
from edition import metadata

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.epub

EPUBCHECK = "/usr/share/java/epubcheck.jar"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def book(built_epub: Path) -> dict[str, str]:
    """Every text file of the EPUB, by its path in the container."""
    with zipfile.ZipFile(built_epub) as epub:
        return {
            name: epub.read(name).decode("utf-8")
            for name in epub.namelist()
            if name.endswith((".xhtml", ".opf", ".css", ".ncx"))
        }


def _pages(book: dict[str, str]) -> Iterator[tuple[str, ElementTree.Element]]:
    for name, text in book.items():
        if name.endswith(".xhtml"):
            yield name, ElementTree.fromstring(text)


def _targets(book: dict[str, str]) -> dict[str, set[str]]:
    """The ids of each page."""
    return {name: {e.get("id", "") for e in page.iter()} - {""} for name, page in _pages(book)}


def _resolve(page: str, href: str) -> tuple[str, str]:
    """The (page, id) an internal link points to."""
    path, _, fragment = href.partition("#")
    target = str(PurePosixPath(page).parent / path) if path else page
    parts: list[str] = []
    for part in target.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts), fragment


def test_epubcheck_finds_no_errors(built_epub):
    result = subprocess.run(
        ["java", "-jar", EPUBCHECK, str(built_epub)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "No errors or warnings detected" in result.stdout + result.stderr


def test_the_book_reads_in_order_with_its_metadata(book):
    opf = ElementTree.fromstring(book["content.opf"])
    manifest = {item.get("id"): item.get("href", "") for item in opf.iter(f"{OPF}item")}
    spine = [manifest[ref.get("idref")] for ref in opf.iter(f"{OPF}itemref")]
    assert spine[:9] == [
        "index.xhtml",
        "introduction.xhtml",
        "paper/opening.xhtml",
        "paper/beyond-nafta.xhtml",
        "paper/monitoring-nafta.xhtml",
        "paper/de-facto-side-agreements.xhtml",
        "paper/moving-forward.xhtml",
        "paper/final-remarks.xhtml",
        "paper/endnotes.xhtml",
    ]
    assert {"apparatus.xhtml", "claims.xhtml", "annotations.xhtml", "bibliography.xhtml"} <= set(spine)
    assert not any(href.startswith("about/") for href in manifest.values())  # the website's pages
    assert opf.findtext(f".//{DC}title") == metadata.TITLE
    assert opf.findtext(f".//{DC}creator") == "Robert L. Bach"
    assert opf.findtext(f".//{DC}language") == "en"
    assert opf.findtext(f".//{DC}description") == metadata.DESCRIPTION
    # The book's identifier is the edition's own, not Sphinx's "unknown", and the package names it.
    identifier = opf.find(f".//{DC}identifier")
    assert (
        identifier is not None
        and identifier.text == "campaigning-for-change-017b2802-28e5-4146-b58b-b03c77fd58c1"
    )
    assert opf.get("unique-identifier") == identifier.get("id")


def test_no_script_no_popover_no_web_only_text(book):
    for name, text in book.items():
        if not name.endswith(".xhtml"):
            continue
        scripts = re.findall(r"<script[^>]*>", text)  # data (JSON-LD) may stay, code may not
        assert all('type="application/ld+json"' in tag for tag in scripts), (name, scripts)
        assert "<button" not in text, name
        assert 'role="tooltip"' not in text and not re.search(r"<[^>]*\shidden[\s>=]", text), name
        flat = " ".join(re.sub(r"<[^>]+>", " ", text).split()).casefold()
        for phrase in ("hover over", "click a column", "tap it", "on a wide screen", "sidebar"):
            assert phrase not in flat, (name, phrase)


def test_notes_are_linked_both_ways(book):
    targets = _targets(book)
    markers = notes = 0
    for name, page in _pages(book):
        for sup in page.iter(f"{XHTML}sup"):
            if "ed-noteref" not in (sup.get("class") or ""):
                continue
            markers += 1
            link = sup.find(f"{XHTML}a")
            assert link is not None, name
            target, fragment = _resolve(name, link.get("href", ""))
            assert fragment in targets[target], (name, link.get("href"))
        for link in page.iter(f"{XHTML}a"):
            if "ed-endnote__num" in (link.get("class") or ""):
                notes += 1
                target, fragment = _resolve(name, link.get("href", ""))
                assert fragment.startswith("enref-") and fragment in targets[target], link.get("href")
    assert markers == notes == 11


def test_every_mark_links_to_its_note_and_back(book, built_edition):
    """Emended readings link to the apparatus, daggers to the register, letters to the editor's
    note that follows the paragraph; each of those links back into the text."""
    targets = _targets(book)
    records = json.loads((built_edition / "data" / "apparatus.json").read_text())
    emended = {
        r["id"] for r in records if r["type"] not in ("restored-marker", "restored-number", "relocation")
    }
    found: dict[str, set[str]] = {"ed-emend": set(), "ed-claim__mark": set(), "ed-annotation-mark": set()}
    for name, page in _pages(book):
        for element in page.iter():
            kind = next((k for k in found if k in (element.get("class") or "").split()), None)
            if kind is None:
                continue
            link = element if element.tag == f"{XHTML}a" else element.find(f"{XHTML}a")
            assert link is not None, (name, kind)
            target, fragment = _resolve(name, link.get("href", ""))
            assert fragment in targets[target], (name, link.get("href"))
            found[kind].add(fragment)
    assert {f.removeprefix("app-") for f in found["ed-emend"]} == emended
    claims = json.loads((built_edition / "data" / "dated-claims.json").read_text())
    assert len(found["ed-claim__mark"]) == len(claims)
    annotations = json.loads((built_edition / "data" / "annotations.jsonld").read_text())["first"]["items"]
    assert len(found["ed-annotation-mark"]) == len(annotations)
    # ... and back: the apparatus entry, the register entry and the note each link into the text.
    apparatus = ElementTree.fromstring(book["apparatus.xhtml"])
    for entry in apparatus.iter(f"{XHTML}dt"):
        link = entry.find(f"{XHTML}a")
        assert link is not None
        target, fragment = _resolve("apparatus.xhtml", link.get("href", ""))
        assert fragment in targets[target], link.get("href")
    for name, page in _pages(book):
        for head in page.iter(f"{XHTML}p"):
            if "ed-annotation__head" in (head.get("class") or ""):
                link = head.find(f"{XHTML}a")
                assert link is not None and link.get("href", "").startswith("#annref-"), name
                assert link.get("href", "")[1:] in targets[name]


def test_an_epub_built_again_is_clean(make_app, copy_root):
    """A second build into the same folder finds nothing of the website's there (data files)."""
    conf = (ROOTS / "test-edition" / "conf.py").read_text()
    srcdir = copy_root("edition", {"conf.py": conf + 'version = "1"\ncopyright = "the editors"\n'})
    for _ in range(2):
        app = make_app("epub", srcdir=srcdir)
        app.build()
        assert warnings_of(app) == ""
        assert not (app.outdir / "data").exists()
        app.cleanup()
