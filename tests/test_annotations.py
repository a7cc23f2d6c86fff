"""Annotations: anchored by quotation, checked at build, rendered beside the
text, exported as Web Annotations, and refused when unsafe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, ROOTS, build_root, copy_siblings, serial_and_parallel, warnings_of

ROOT = ROOTS / "test-annotations"
NOTE = (ROOT / "notes" / "much-needed.md").read_text()
HOSTILE = Path(__file__).parent / "hostile"
SCHEMA = json.loads((Path(__file__).parent / "web-annotation.schema.json").read_text())


def build(make_app, copy_root, files=None, **kwargs):
    return build_root(make_app, copy_root, "annotations", files, **kwargs)


def test_clean_build(make_app, copy_root):
    _, warnings = build(make_app, copy_root)
    assert warnings == ""


def test_anchor_note_and_toggle(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "paper" / "one.html").read_text()
    # The anchor copes with the emended reading (much-needed) inside the quotation.
    assert '<mark class="ed-anchor" data-annotation="much-needed" id="anchor-much-needed">a </mark>' in html
    assert (
        '<sup class="ed-annotation-mark"><a class="ed-annotation-toggle" href="#ann-much-needed" '
        'aria-controls="ann-much-needed" aria-label="Editor\'s note a">a</a></sup>' in html
    )
    note = html.split('<aside class="ed-annotation ed-annotation--context" id="ann-much-needed"', 1)[1]
    note = note.split("</aside>", 1)[0]
    assert 'href="#ann-much-needed"' in note  # permalink
    assert "<li><p>a list item</p></li>" in note
    assert "A third paragraph that refers to" in note and 'href="two.html#p3"' in note
    assert 'href="https://example.org/page"' in note
    assert "Smith 2001, p. 4" in note
    assert "Ada Editor · 2026-11-28" in note


def test_typographic_quotes_are_normalised(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "paper" / "one.html").read_text()
    assert 'data-annotation="president"' in html
    assert 'id="ann-president"' in html


def test_index_by_section_kind_author(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "annotations.html").read_text()
    for heading in ("By section", "By kind", "By author"):
        assert heading in html
    assert html.count('href="paper/one.html#ann-much-needed"') == 3
    assert "Ada Editor" in html and "Bob Reader" in html


def test_jsonld_export_is_a_valid_web_annotation_collection(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    data = json.loads((app.outdir / "data" / "annotations.jsonld").read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["total"] == 2
    first = data["first"]["items"][0]
    # Without html_baseurl, ids are relative to the file (data/annotations.jsonld) itself.
    assert first["id"] == "../paper/one.html#ann-much-needed"
    assert first["motivation"] == "commenting"
    assert first["target"] == {
        "source": "../paper/one.html",
        "selector": {"type": "TextQuoteSelector", "exact": "a much-needed campaign"},
    }
    assert first["creator"] == [
        {"type": "Person", "name": "Ada Editor", "id": "https://orcid.org/0000-0002-1825-0097"}
    ]
    assert data["first"]["items"][1]["motivation"] == "editing"


def test_jsonld_bodies_are_rendered_html_with_absolute_ids(make_app, copy_root):
    base = "https://edition.example.org/"
    app, _ = build(make_app, copy_root, confoverrides={"html_baseurl": base})
    data = json.loads((app.outdir / "data" / "annotations.jsonld").read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["id"] == base + "data/annotations.jsonld"
    first = data["first"]["items"][0]
    assert first["id"] == base + "paper/one.html#ann-much-needed"
    assert first["target"]["source"] == base + "paper/one.html"
    assert first["body"]["format"] == "text/html"
    assert first["body"]["value"] == (
        "<p>First paragraph with <em>emphasis</em> and a source "
        f'<a class="reference external" href="{base}bibliography.html#ref-smith2001">Smith 2001, p. 4</a>.</p>\n'
        '<ul class="simple">\n<li><p>a list item</p></li>\n'
        '<li><p>another with a <a class="reference external" href="https://example.org/page">link</a></p></li>\n'
        "</ul>\n"
        f'<p>A third paragraph that refers to <a class="reference external" href="{base}paper/two.html#p3">¶ 3</a>.</p>'
    )


def test_orphan_names_the_closest_passage(make_app, copy_root):
    note = NOTE.replace('exact: "a much-needed campaign"', 'exact: "a much needed campain"')
    _, warnings = build(make_app, copy_root, {"notes/much-needed.md": note})
    assert (
        "notes/much-needed.md:3: ERROR: orphaned annotation: target.exact «a much needed campain» is not in "
        "the edition's text (it may have been quoted wrongly, or the text was revised). Closest passages: "
        "«a much-needed campaign, said» (paper/one)"
    ) in warnings.replace("\n", " ")
    assert "Quote the edition's words exactly. [edition.annotation]" in warnings


def test_ambiguity_lists_matches_and_proposes_a_prefix(make_app, copy_root):
    note = NOTE.replace('exact: "a much-needed campaign"', 'exact: "The border"')
    _, warnings = build(make_app, copy_root, {"notes/much-needed.md": note})
    assert (
        "notes/much-needed.md:3: ERROR: ambiguous annotation: target.exact «The border» matches 3 passages:"
        in warnings
    )
    assert "paper/one, ¶ 2:" in warnings
    assert 'Add prefix: "' in warnings or 'Add suffix: "' in warnings


def test_prefix_makes_it_unique(make_app, copy_root):
    note = NOTE.replace('exact: "a much-needed campaign"', 'exact: "The border"\n  suffix: " is old"')
    app, warnings = build(make_app, copy_root, {"notes/much-needed.md": note})
    assert warnings == ""
    html = (app.outdir / "paper" / "one.html").read_text()
    assert (
        'is long. <mark class="ed-anchor" data-annotation="much-needed" id="anchor-much-needed">The border</mark>'
        in html
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "kind: context",
            "kind: opinion",
            "notes/much-needed.md:8: ERROR: unknown kind 'opinion': use one of context, correction, source, "
            "cross-reference, later-development [edition.annotation]",
        ),
        (
            "created: 2026-11-28",
            "created: 28/11/2026",
            "notes/much-needed.md:7: ERROR: created '28/11/2026' is not valid: write the date as YYYY-MM-DD "
            "(a real calendar date) [edition.annotation]",
        ),
        (
            "kind: context",
            "kind: context\nmood: happy",
            "notes/much-needed.md:9: ERROR: unknown field 'mood': allowed are authors, citations, "
            "created, kind, target [edition.annotation]",
        ),
        (
            '    orcid: "0000-0002-1825-0097"',
            '    orcid: "1234"',
            "notes/much-needed.md:6: ERROR: authors[0].orcid '1234' is not valid: an ORCID iD is four groups "
            "of four ASCII digits (the last may be X) with a valid check digit, e.g. 0000-0002-1825-0097 "
            "[edition.annotation]",
        ),
        (
            "citations: [smith2001]",
            "citations: []",
            "notes/much-needed.md:9: ERROR: citations must list exactly the keys the body cites (smith2001) "
            "[edition.annotation]",
        ),
        (
            "{cite}`smith2001, p. 4`",
            "{cite}`smith2001, page 4`",
            "notes/much-needed.md:11: ERROR: malformed locator 'page 4': write it as p. 4, pp. 4-6, sec. 2, "
            "para. 3, ch. 1, art. 5 or n. 2 (citing 'smith2001') [edition.annotation]",
        ),
    ],
)
def test_invalid_annotation_is_located(make_app, copy_root, old, new, message):
    assert NOTE.count(old) == 1
    _, warnings = build(make_app, copy_root, {"notes/much-needed.md": NOTE.replace(old, new)})
    assert message in warnings


def test_unknown_citation_key_is_located(make_app, copy_root):
    note = NOTE.replace("smith2001", "smyth2001")
    _, warnings = build(make_app, copy_root, {"notes/much-needed.md": note})
    assert (
        "notes/much-needed.md:11: ERROR: unknown citation key 'smyth2001' (did you mean 'smith2001'?): "
        "add the work to references.bib or correct the key [edition.citation]"
    ) in warnings


def _hostile_cases() -> list[tuple[str, str, str]]:
    rows = []
    for line in (HOSTILE / "EXPECTED.tsv").read_text().splitlines():
        if line.strip():
            name, expected, forbidden = line.split("\t")
            rows.append((name, expected, forbidden))
    return rows


def test_hostile_corpus_is_refused_and_nothing_reaches_the_output(make_app, copy_root):
    cases = _hostile_cases()
    assert len(cases) >= 30
    srcdir = copy_root("docs")
    notes = srcdir.parent / "annotations"
    for name, _, _ in cases:
        shutil.copy(HOSTILE / name, notes / name)
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app)
    html = "\n".join(p.read_text(errors="replace") for p in Path(app.outdir).rglob("*.html"))
    html += "\n".join(p.read_text(errors="replace") for p in (Path(app.outdir) / "data").glob("*"))
    for name, expected, forbidden in cases:
        located = [line for line in warnings.splitlines() if f"annotations/{name}:" in line]
        assert located, f"{name}: no located error"
        assert any(expected in line for line in located), f"{name}: expected {expected!r} in {located}"
        assert forbidden not in html, f"{name}: {forbidden!r} reached the output"
    assert "Traceback" not in warnings


def test_parallel_build_agrees_with_serial(make_app, tmp_path):
    names = ("paper/one.html", "annotations.html", "data/annotations.jsonld")
    serial, parallel = serial_and_parallel(make_app, tmp_path, ROOT, names)
    assert serial == parallel


def test_reading_text_collapses_whitespace_and_maps_every_character_back():
    from docutils import nodes
    from docutils.utils import new_document

    from edition.annotations.anchoring import BREAK, page_text

    doc = new_document("test")
    for raw in ["  lead  and\n\ttabs  ", " x", "", "   ", "y\u00a0\u00a0z ", "\u201cq\u201d  "]:
        para = nodes.paragraph()
        para += [nodes.Text(raw), nodes.emphasis("", " e  m "), nodes.Text("  tail")]
        doc += para
    text = page_text(doc)
    assert text.text.split(BREAK)[:3] == ["lead and tabs e m tail", "x e m tail", "e m tail"]
    assert text.text.split(BREAK)[4:6] == ["y z e m tail", '"q" e m tail']
    for i, char in enumerate(text.text):
        spot = text.where(i)
        if char == BREAK:
            assert spot is None
            continue
        assert spot is not None
        node, offset = spot
        source = node.astext()[offset]
        assert (
            source == char or (char == " " and source.isspace()) or (char == '"' and source in "\u201c\u201d")
        )


def _repo_copy(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("_build"))
    copy_siblings(target)
    return target


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "ext")}
    return subprocess.run(
        [sys.executable, "-m", "edition.annotations", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_command_matches_the_build(tmp_path):
    repo = _repo_copy(tmp_path)
    ok = _cli(repo, "check")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip().endswith("ok: 0 message(s) for 37 annotation file(s)")
    bad = repo / "annotations" / "sao-paolo.md"
    bad.write_text(bad.read_text().replace("kind: correction", "kind: gossip"))
    result = _cli(repo, "check", "annotations/sao-paolo.md")
    assert result.returncode == 1
    assert (
        "annotations/sao-paolo.md:7: ERROR: unknown kind 'gossip': use one of context, correction, source, "
        "cross-reference, later-development [edition.annotation]" in result.stdout
    )


def test_new_command_scaffolds_and_disambiguates(tmp_path):
    repo = _repo_copy(tmp_path)
    result = _cli(
        repo,
        "new",
        "--quote",
        "President-elect Fox",
        "--author",
        "Test Person",
        "--slug",
        "fox-test",
        "--occurrence",
        "2",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "occurs 3 times" in result.stdout
    text = (repo / "annotations" / "fox-test.md").read_text()
    target = yaml.safe_load(text.split("---\n")[1])["target"]
    assert target["exact"] == "President-elect Fox"
    assert "prefix" in target or "suffix" in target
    (repo / "annotations" / "fox-test.md").write_text(
        text.replace(
            "Write the note here. Cite every fact with {cite}`key` (and add the work to references.bib).",
            "A note.",
        )
    )
    check = _cli(repo, "check", "annotations/fox-test.md")
    assert check.returncode == 0, check.stdout
