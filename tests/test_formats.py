"""The edition in the formats other tools read: TEI P5 (valid against tei_all, and
faithful: the witness rebuilt from the TEI alone), W3C Web Annotations with rendered
bodies and absolute ids, and page metadata with absolute addresses."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from browser import BASE_URL
from conftest import REPO, build_root
from edition.apparatus.fidelity import witness_words
from edition.apparatus.pagination import token
from edition.apparatus.witness import superscript
from edition.config import EditionConfig

HERE = Path(__file__).parent
TEI_ALL = HERE / "tei_all.rng"
ANNOTATION_SCHEMA = json.loads((HERE / "web-annotation.schema.json").read_text())
WITNESS = REPO / "docs" / "_witness" / "bach-2000-extraction.txt"
T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Elements that begin and end a line of the witness.
BLOCKS = {"text", "body", "back", "div", "head", "byline", "p", "quote", "note", "label"}


def jing(path: Path) -> subprocess.CompletedProcess[str]:
    """Debian's jing against TEI P5 4.3.0 tei_all; it prints file:line:col: error: ... per problem."""
    assert shutil.which("jing"), "jing is missing: apt-get install jing (nox -s tests installs it as root)"
    return subprocess.run(["jing", str(TEI_ALL), str(path)], capture_output=True, text=True, timeout=120)


def _name(element: ET.Element) -> str:
    return element.tag.removeprefix(T)


def witness_from_tei(root: ET.Element) -> list[str]:
    """The witness's words, from the TEI alone: sic and orig are taken, corr, reg, supplied
    and editorial notes dropped, superscript numbers and italics written as the witness
    writes them (the header's normalization), the notes put back in the witness's order
    (the sourceDesc's list), and each page break the witness shows written as the
    fidelity check's milestone token."""
    order = [
        ptr.get("target", "")[1:]
        for ptr in root.iterfind(f".//{T}sourceDesc//{T}list[@type='witness-order']/{T}item/{T}ptr")
    ]
    out: list[str] = []

    def content(element: ET.Element) -> None:
        out.append(element.text or "")
        children = list(element)
        if _name(element) == "div" and element.get("type") == "notes" and order:
            notes = [c for c in children if _name(c) == "note" and c.get("place") == "end"]
            first = children.index(notes[0])
            rest = [c for c in children if c not in notes]
            notes.sort(key=lambda note: order.index(note.get(XML_ID, "")))
            children = rest[:first] + notes + rest[first:]
        for child in children:
            walk(child)
            out.append(child.tail or "")

    def walk(element: ET.Element) -> None:
        name = _name(element)
        if name in ("supplied", "corr", "reg") or (name == "note" and element.get("type") == "editorial"):
            return
        if name == "choice":
            for child in element:
                if _name(child) in ("sic", "orig"):
                    walk(child)
            return
        if name == "pb":  # the fidelity check's milestone where a page of the witness begins
            out.append("" if element.get("cert") == "low" else f" {token(int(element.get('n', '0')))} ")
            return
        if element.get("rend") == "superscript":
            out.append(superscript(int(element.text or "0")))
            return
        edge = "\n" if name in BLOCKS else ""
        mark = "*" if name == "hi" and element.get("rend") == "italic" else ""
        out.append(edge + mark)
        content(element)
        out.append(mark + edge)

    text = root.find(f"{T}text")
    assert text is not None
    walk(text)
    return "".join(out).split()


def reading(element: ET.Element) -> str:
    """The edition's reading of *element*: corr and reg, not sic and orig; no note markers."""
    out = [element.text or ""]
    for child in element:
        if _name(child) not in ("sic", "orig") and child.get("type") != "noteAnchor":
            out.append(reading(child))
        out.append(child.tail or "")
    return "".join(out)


@pytest.fixture(scope="module")
def tei_path(built_edition: Path) -> Path:
    return built_edition / "data" / "edition.tei.xml"


@pytest.fixture(scope="module")
def tei(tei_path: Path) -> ET.Element:
    return ET.parse(tei_path).getroot()


@pytest.fixture(scope="module")
def data(built_edition: Path):
    return lambda name: json.loads((built_edition / "data" / name).read_text())


# -- TEI ------------------------------------------------------------------------------


def test_tei_is_valid_tei_all(tei_path):
    result = jing(tei_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


#: The elements whose rules in tei_all's embedded Schematron the next test checks.
SCHEMATRON_CHECKED = {"p", "div", "ref", "ptr", "standOff"}


def test_the_schematron_rules_for_the_elements_used_hold(tei):
    """jing checks the RELAX NG only; tei_all's Schematron rules for the elements the file uses
    are checked here, and a rule for an element the file starts to use fails until it is."""
    ruled = set(re.findall(r'context="tei:([A-Za-z]+)"', TEI_ALL.read_text()))
    used = {_name(element) for element in tei.iter()}
    assert ruled & used <= SCHEMATRON_CHECKED, sorted(ruled & used - SCHEMATRON_CHECKED)
    parents = {child: parent for parent in tei.iter() for child in parent}

    def ancestors(element: ET.Element) -> list[str]:
        out = []
        while element in parents:
            element = parents[element]
            out.append(_name(element))
        return out

    allowed = {"exemplum", "item", "note", "q", "quote", "remarks", "said", "sp", "stage", "cell", "figure"}
    for element in tei.iter():
        name, above = _name(element), ancestors(element)
        if name == "p" and ({"p", "ab"} & set(above)) and "floatingText" not in above:
            assert above[0] in allowed, f"a p inside a p or ab, in {above[0]}"
        if name == "div":
            assert not {"p", "ab", "l", "lg"} & set(above), "a div inside a p, ab, l or lg"
        if name in ("ref", "ptr"):
            assert not (element.get("target") and element.get("cRef")), "both @target and @cRef"
        if name == "standOff":
            assert "standOff" not in above or element.get("type"), "a nested standOff without @type"
        if element.get("subtype"):
            assert element.get("type"), f"{name} has @subtype but no @type"
        if element.get("when"):
            assert not {"notBefore", "notAfter", "from", "to"} & set(element.attrib), "@when with others"


def test_jing_reports_an_invalid_document(tmp_path):
    """The validator really validates: a stray element is a located error."""
    broken = tmp_path / "broken.xml"
    broken.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
        "</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc>"
        "</fileDesc></teiHeader><text><body><p>x</p><x/></body></text></TEI>"
    )
    result = jing(broken)
    assert result.returncode == 1
    assert result.stdout.startswith(f'{broken}:1:225: error: element "x" not allowed anywhere')


def test_tei_gives_back_the_witness_word_for_word(tei):
    ours = witness_from_tei(tei)
    theirs, _ = witness_words(WITNESS.read_text(encoding="utf-8"))
    if ours != theirs:
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        changes = [
            f"TEI {' '.join(ours[i1:i2])!r} / witness {' '.join(theirs[j1:j2])!r} (word {j1})"
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]
        pytest.fail("the TEI does not give back the witness:\n" + "\n".join(changes[:20]))
    assert len(ours) > 8000


def test_every_pointer_leads_to_an_element_of_the_file(tei):
    ids = {element.get(XML_ID) for element in tei.iter() if element.get(XML_ID)}
    pointers = [
        (element.tag, value)
        for element in tei.iter()
        for attribute in ("target", "ref", "resp", "who")
        for value in element.get(attribute, "").split()
        if value.startswith("#")
    ]
    assert len(pointers) > 500
    assert [(tag, value) for tag, value in pointers if value[1:] not in ids] == []


def test_paragraphs_have_the_editions_ids_and_numbers(tei, built_edition):
    paragraphs = [(p.get(XML_ID), p.get("n")) for p in tei.iter(f"{T}p") if p.get(XML_ID)]
    assert paragraphs == [(f"p{n}", str(n)) for n in range(1, 77)]
    html = "".join(page.read_text() for page in (built_edition / "paper").glob("*.html"))
    assert sorted(re.findall(r'<p id="(p\d+)"', html), key=lambda pid: int(pid[1:])) == [
        p for p, _ in paragraphs
    ]
    quote = tei.find(f".//{T}body//{T}quote")
    assert quote is not None and quote[0].get(XML_ID) == "p28"


def test_emendations_are_encoded_in_the_text_with_their_reasons(tei, data):
    records = data("apparatus.json")
    ids = {element.get(XML_ID): element for element in tei.iter()}
    reasons = {
        a.get(XML_ID): a for a in tei.iterfind(f".//{T}listAnnotation[@type='apparatus']/{T}annotation")
    }
    assert len(reasons) == len(records) > 10
    encoded = {"source": ("sic", "corr"), "extraction": ("orig", "reg")}
    for record in records:
        annotation = reasons[f"app-{record['id']}"]
        assert record["reason"] in "".join(annotation.itertext())
        target = ids[annotation.get("target", "")[1:]]
        if record["type"] in ("restored-marker", "restored-number"):
            assert _name(target) == "supplied" and target.get("reason") == "lost-in-extraction"
        elif record["type"] == "relocation":
            assert _name(target) == "note"
        else:
            witness, edition = list(target)
            kind = edition.get("subtype", "").removesuffix("-error")
            assert (_name(target), _name(witness), _name(edition)) == ("choice", *encoded[kind])
            assert (witness.text or "", reading(edition)) == (record["original"], record["reading"])
            assert edition.get("type") == record["type"]
    crossborder = ids["em-p21-e1"]
    assert [_name(e) for e in crossborder] == ["orig", "reg"]
    assert crossborder[1].get("subtype") == "extraction-error"
    directly = ids["em-p36-e1"]
    assert [_name(e) for e in directly] == ["sic", "corr"]
    assert directly[1].get("subtype") == "source-error"


def test_notes_are_linked_to_their_markers_and_restorations_are_supplied(tei, data):
    ids = {element.get(XML_ID): element for element in tei.iter()}
    parents = {child: parent for parent in tei.iter() for child in parent}
    notes = tei.findall(f".//{T}back/{T}div[@type='notes']/{T}note[@place='end']")
    assert [note.get("n") for note in notes] == [str(n) for n in range(1, 12)]
    for record in data("endnotes.json"):
        number = record["number"]
        note, marker = ids[f"en-{number}"], ids[f"enref-{number}"]
        assert note.get("target") == f"#enref-{number}" and marker.get("target") == f"#en-{number}"
        assert note.get("type") == record["kind"]
        assert (_name(parents[marker]) == "supplied") == record["marker_restored"]
        assert (_name(note[0]) == "supplied") == record["number_restored"]
        if record["marker_restored"]:
            assert parents[marker].get("cert") == record["confidence"]
        if record["citations"]:
            sources = ids[f"sources-{number}"]
            assert [r.get("target") for r in sources.iter(f"{T}ref")] == [
                f"#bib-{c['key']}" for c in record["citations"]
            ]


def test_dated_claims_and_annotations_are_in_the_standoff(tei, data):
    ids = {element.get(XML_ID): element for element in tei.iter()}
    claims = data("dated-claims.json")
    for claim in claims:
        assert reading(ids[claim["id"]]).split() == claim["text"].split()
        annotation = ids[f"claim-{claim['id']}"]
        assert annotation.get("target") == f"#{claim['id']}"
        terms = {term.get("type"): term.text for term in annotation.iter(f"{T}term")}
        assert terms == {"category": claim["category"], "status": claim["status"]}
    items = data("annotations.jsonld")["first"]["items"]
    contributed = tei.findall(f".//{T}listAnnotation[@type='annotations']/{T}annotation")
    assert len(contributed) == len(items) == len(list((REPO / "annotations").glob("*.md")))
    for item in items:
        slug = item["id"].rsplit("#ann-", 1)[1]
        annotation = ids[f"ann-{slug}"]
        anchored = " ".join(reading(ids[t[1:]]) for t in annotation.get("target", "").split())
        assert anchored.split() == item["target"]["selector"]["exact"].split()
        assert annotation.get("motivation") == item["motivation"]
    placements = tei.findall(f".//{T}listAnnotation[@type='note-placements']/{T}annotation")
    assert [a.get("target") for a in placements] == [f"#en-{n}" for n in (3, 4, 5, 6, 7, 8, 9, 10, 11)]


def test_the_bibliography_holds_every_work_of_the_library(tei, data):
    entries = {bibl.get(XML_ID): bibl for bibl in tei.iterfind(f".//{T}standOff/{T}listBibl/{T}bibl")}
    references = data("references.json")
    assert set(entries) == {f"bib-{item['id']}" for item in references}
    zedillo = entries["bib-zedillo2000globaphobia"]
    assert zedillo.find(f"{T}title[@level='a']").text == "Against Globaphobia"
    assert zedillo.find(f"{T}title[@level='j']").text == "New Perspectives Quarterly"
    assert zedillo.find(f"{T}author/{T}persName/{T}surname").text == "Zedillo"


def test_the_header_states_the_edition_its_witness_and_its_method(tei):
    header = tei.find(f"{T}teiHeader")
    assert header is not None
    statement = header.find(f"{T}fileDesc/{T}titleStmt")
    assert statement.find(f"{T}title[@type='main']").text.startswith("Campaigning for Change: Reinventing")
    assert statement.find(f"{T}author/{T}persName/{T}surname").text == "Bach"
    editor = statement.find(f"{T}editor")
    responsibility = statement.find(f"{T}respStmt")
    assert responsibility.find(f"{T}name").get("ref") == f"#{editor.get(XML_ID)}"
    assert "restored the endnotes" in responsibility.find(f"{T}resp").text
    publication = header.find(f"{T}fileDesc/{T}publicationStmt")
    assert publication.find(f"{T}idno[@type='version']").text == "0.1"
    assert publication.find(f"{T}idno[@type='URI']").text == BASE_URL + "data/edition.tei.xml"
    licence = publication.find(f"{T}availability/{T}licence")
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert licence.text.startswith("The editorial matter")
    assert publication.find(f"{T}availability/{T}p").text.startswith("Nothing is known to the editors")
    witness = header.find(f"{T}fileDesc/{T}sourceDesc/{T}bibl[@type='witness']")
    digest = witness.find(f".//{T}idno[@type='SHA-256']").text
    assert digest == hashlib.sha256(WITNESS.read_bytes()).hexdigest()
    described = "".join(witness.itertext())
    assert "The edition's only source is a plain-text extraction (UTF-8) of a PDF copy" in described
    assert "It finds 23 page breaks." in described  # the witness's pagination, from the same page
    assert digest in described.split("SHA-256")[1]  # the statement of method gives the same checksum
    decl = header.find(f"{T}encodingDesc/{T}editorialDecl")
    parts = [_name(part) for part in decl]
    assert parts == ["correction", "normalization", "hyphenation", "segmentation", "interpretation"]
    assert "Errors of the extraction" in "".join(decl.find(f"{T}correction").itertext())
    assert "Following the practice of the Committee" in "".join(decl.find(f"{T}hyphenation").itertext())
    types = [term.text for term in decl.iterfind(f".//{T}list[@type='emendation-types']/{T}item/{T}term")]
    assert types == list(EditionConfig().emendation_types)  # docs/conf.py keeps the defaults


def test_the_edition_links_the_tei_file(built_edition):
    html = (built_edition / "about" / "data.html").read_text()
    assert 'href="../data/edition.tei.xml"' in html
    html = (built_edition / "introduction.html").read_text()
    assert 'href="data/edition.tei.xml"' in html


def test_unencoded_types_and_missing_header_sources_are_located_errors(make_app, copy_root):
    page = (REPO / "tests" / "roots" / "test-edition" / "paper" / "one.md").read_text()
    conf = (REPO / "tests" / "roots" / "test-edition" / "conf.py").read_text()
    conf += (
        'edition_emendation_types = {"hyphenation": "lost hyphen restored", "swap": "words swapped"}\n'
        'edition_tei_header = {"correction": "apparatus#nowhere"}\n'
    )
    assert conf.splitlines()[8].startswith("edition_tei_header")
    app, warnings = build_root(
        make_app,
        copy_root,
        "edition",
        {"paper/one.md": page.replace("| hyphenation |", "| swap |"), "conf.py": conf},
    )
    assert (
        "paper/one.md:6: ERROR: the emendation type 'swap' has no TEI encoding: add it to ENCODINGS in "
        "ext/edition/tei/emendations.py; it is encoded as sic/corr meanwhile [edition.tei]\n"
    ) in warnings
    assert (
        "conf.py:9: ERROR: edition_tei_header['correction'] names 'apparatus#nowhere', which is not a "
        "page or section of the edition: give a docname, or docname#section-id [edition.tei]\n"
    ) in warnings
    # Nothing is lost: the reading is still recorded, and the document is still valid.
    path = app.outdir / "data" / "edition.tei.xml"
    assert '<corr type="swap" resp="#editor-1">much-needed</corr>' not in path.read_text()
    assert '<corr type="swap">much-needed</corr>' in path.read_text()
    assert jing(path).stdout == ""


METHOD = """---
orphan: true
---
# Method

## Rules

Lines are *joined*.

## Lists

- one
- two

### A table

| Type | Kind |
| --- | --- |
| hyphenation | extraction |
"""


def test_a_small_edition_without_a_base_url(make_app, copy_root):
    """The TEI of another edition validates, takes its method from the pages named for it (a
    section and its subsection, with a list and a table), and gives back its witness; without
    html_baseurl nothing relative is published as an address: no og:url, canonical link or PDF
    address."""
    conf = (REPO / "tests" / "roots" / "test-edition" / "conf.py").read_text()
    conf += 'edition_tei_header = {"normalization": ["method#rules", "method#lists"]}\n'
    app, warnings = build_root(make_app, copy_root, "edition", {"method.md": METHOD, "conf.py": conf})
    assert warnings == ""
    path = app.outdir / "data" / "edition.tei.xml"
    assert jing(path).stdout == ""
    normalization = ET.parse(path).getroot().find(f".//{T}editorialDecl/{T}normalization")
    assert normalization is not None
    # Each section's blocks, its subsection's heading in bold, then how the file encodes italics.
    assert [(_name(p[0]) if len(p) else "") for p in normalization] == ["hi", "list", "hi", "table", ""]
    assert [c.text for c in normalization.iter(f"{T}cell")] == ["Type", "Kind", "hyphenation", "extraction"]
    words, _ = witness_words((app.srcdir / "witness.txt").read_text(encoding="utf-8"))
    assert witness_from_tei(ET.parse(path).getroot()) == words
    assert 'type="URI"' not in path.read_text()
    head = _head(app.outdir / "paper" / "one.html")
    names = {m.get("name") or m.get("property") for m in head.meta}
    assert "og:url" not in names and "citation_pdf_url" not in names
    assert not any(link.get("rel") == "canonical" for link in head.links)
    assert "citation_title" in names
    collection = json.loads((app.outdir / "data" / "annotations.jsonld").read_text())
    assert collection["id"] == "annotations.jsonld"  # relative to the file itself


def test_a_new_base_url_publishes_every_address_again(make_app, copy_root):
    """html_baseurl is an option of the HTML output: Sphinx writes every page again when it
    changes but reads none; the data files are published again too (edition.addresses), and a
    build that changes nothing writes none of them."""
    srcdir = copy_root("annotations")
    app = make_app("html", srcdir=srcdir)
    app.build()
    data = app.outdir / "data"
    stamps = {path.name: path.stat().st_mtime_ns for path in data.iterdir()}

    def rebuild(**overrides: str) -> None:
        nonlocal app
        app.cleanup()
        app = make_app("html", srcdir=srcdir, confoverrides=overrides)
        app.build()

    rebuild()
    assert {path.name: path.stat().st_mtime_ns for path in data.iterdir()} == stamps
    rebuild(html_baseurl="https://example.org/ed/")
    assert (
        '<idno type="URI">https://example.org/ed/data/edition.tei.xml</idno>'
        in (data / "edition.tei.xml").read_text()
    )
    items = json.loads((data / "annotations.jsonld").read_text())["first"]["items"]
    assert items[0]["id"] == "https://example.org/ed/paper/one.html#ann-much-needed"


# -- W3C Web Annotations --------------------------------------------------------------


def test_annotations_have_rendered_bodies_and_absolute_ids(data):
    collection = data("annotations.jsonld")
    jsonschema.validate(collection, ANNOTATION_SCHEMA)
    assert collection["id"] == BASE_URL + "data/annotations.jsonld"
    items = collection["first"]["items"]
    assert len(items) == collection["total"] == len(list((REPO / "annotations").glob("*.md")))
    for item in items:
        page = item["target"]["source"]
        assert re.fullmatch(re.escape(BASE_URL) + r"paper/[a-z-]+\.html", page), page
        assert item["id"].startswith(page + "#ann-")
        body = item["body"]
        assert body["format"] == "text/html"
        assert body["value"].startswith("<p>") and body["value"].endswith(">")
        assert not re.search(r"\{(cite|ref)\}|`", body["value"]), item["id"]  # no MyST left
        for href in re.findall(r'href="([^"]+)"', body["value"]):
            assert href.startswith(("https://", "http://")), (item["id"], href)
    guadalajara = next(item for item in items if item["id"].endswith("#ann-guadalajara"))
    assert (
        f'<a class="reference external" href="{BASE_URL}bibliography.html#ref-bizjournals2001guadalajara">'
        in guadalajara["body"]["value"]
    )


# -- page metadata ----------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.meta.append(dict(attrs))
        elif tag == "link":
            self.links.append(dict(attrs))


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text())
    return parser


def test_every_page_has_one_viewport_and_open_graph_properties(built_edition):
    pages = sorted(page for page in built_edition.glob("**/*.html") if "_static" not in page.parts)
    assert len(pages) > 15
    for page in pages:
        head = _head(page)
        assert [m for m in head.meta if m.get("name") == "viewport"] != [], page
        assert len([m for m in head.meta if m.get("name") == "viewport"]) == 1, page
        assert [m for m in head.meta if (m.get("name") or "").startswith("og:")] == [], page


def test_paper_pages_give_absolute_addresses(built_edition):
    head = _head(built_edition / "paper" / "beyond-nafta.html")
    meta = {m.get("name") or m.get("property"): m.get("content") or "" for m in head.meta}
    page = BASE_URL + "paper/beyond-nafta.html"
    assert meta["og:url"] == page
    assert meta["citation_pdf_url"] == BASE_URL + "campaigning-for-change.pdf"
    assert meta["og:description"].startswith("An annotated scholarly edition of Robert L. Bach")
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [page]
