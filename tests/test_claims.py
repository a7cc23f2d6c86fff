"""Dated claims: marked, followed up, linted, reviewed, and located when wrong."""

from __future__ import annotations

import json

import pytest

from conftest import ROOTS, build_root, serial_and_parallel, warnings_of

REGISTRY = (ROOTS / "test-claims" / "claims" / "text.yml").read_text()
TEXT = (ROOTS / "test-claims" / "paper" / "text.md").read_text()


def build(make_app, copy_root, files=None, **kwargs):
    return build_root(make_app, copy_root, "claims", files, **kwargs)


def test_clean_build_and_summary(make_app, copy_root):
    app, warnings = build(make_app, copy_root)
    assert warnings == ""
    status = app._status.getvalue()
    assert (
        "dated-claim linter: 2 hits of time-bound wording, 2 covered by claims, 1 waived, 0 uncovered"
        in (status)
        or "dated-claim linter: 3 hits of time-bound wording, 2 covered by claims, 1 waived, 0 uncovered"
        in status
    )


def test_claim_is_marked_with_followup(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    html = (app.outdir / "paper" / "text.html").read_text()
    assert '<span class="ed-claim ed-pop-host ed-claim--superseded" id="fox-now">' in html
    assert (
        '<sup class="ed-claim__cue ed-pop-trigger" id="fox-now-cue" tabindex="0" role="button" '
        'aria-expanded="false" aria-controls="fox-now-pop"' in html
    )
    assert ">as of 2000</sup>" in html
    assert "Fox took office on 1 December 2000" in html
    assert 'href="../bibliography.html#ref-cnn2000fox"' not in html  # no bibliography page in this root
    register = (app.outdir / "claims.html").read_text()
    assert 'id="row-fox-now"' in register
    assert 'href="paper/text.html#fox-now"' in register
    assert '<a href="../claims.html#row-fox-now">in the register</a>' in html


def test_dated_claims_json(make_app, copy_root):
    app, _ = build(make_app, copy_root)
    data = json.loads((app.outdir / "data" / "dated-claims.json").read_text())
    assert data == [
        {
            "id": "fox-now",
            "text": "President-elect Fox will now act",
            "page": "paper/text",
            "paragraph": "p1",
            "as_of": "2000",
            "category": "office-holder",
            "status": "superseded",
            "review_by": "2030-01-01",
            "followup": "Fox took office on 1 December 2000 {cite}`cnn2000fox`.",
            "citations": ["cnn2000fox"],
        }
    ]


def test_uncovered_time_bound_wording(make_app, copy_root):
    text = TEXT.replace("In 1994 it was now history.", "The office is currently vacant.")
    _, warnings = build(make_app, copy_root, {"paper/text.md": text})
    assert (
        "paper/text.md:3: WARNING: time-bound wording 'currently' (currently) is not covered by a dated claim: "
        "mark the claim [words]{#id .claim} with a registry entry, or add a waiver with a reason to "
        "claims/waivers.yml (context: ...t-elect Fox will now act. The office is currently vacant....) "
        "[edition.claim-lint]"
    ) in warnings
    assert (
        "claims/waivers.yml:1: WARNING: waiver for 'now' on page 'text' matches nothing: remove it, or "
        "correct its context [edition.claim-lint]"
    ) in warnings


def test_span_without_registry_entry(make_app, copy_root):
    text = TEXT.replace("{#fox-now .claim}", "{#fox-later .claim}")
    _, warnings = build(make_app, copy_root, {"paper/text.md": text})
    assert (
        "paper/text.md:3: ERROR: claim span 'fox-later' has no registry entry: add fox-later: to "
        "claims/text.yml, or remove the span [edition.claim]"
    ) in warnings
    assert (
        "claims/text.yml:1: ERROR: unknown claim id 'fox-now': no span in the text carries it; mark the words "
        "[...]{#fox-now .claim} on page 'text', or remove the entry [edition.claim]"
    ) in warnings


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "review_by: 2030-01-01",
            "review_by: 2030-13-01",
            "claims/text.yml:5: ERROR: claim 'fox-now': review_by '2030-13-01' is not valid: write a full ISO "
            "date such as 2027-12-31 [edition.claim]",
        ),
        (
            "category: office-holder",
            "category: office",
            "claims/text.yml:3: ERROR: claim 'fox-now': unknown category 'office': use one of relative-time, "
            "office-holder, institution, figure, prediction, state-of-affairs [edition.claim]",
        ),
        (
            "status: superseded",
            "status: obsolete",
            "claims/text.yml:4: ERROR: claim 'fox-now': unknown status 'obsolete': use one of superseded, "
            "still-holds, unresolved, not-researched [edition.claim]",
        ),
        (
            "  quote:",
            "  colour: red\n  quote:",
            "claims/text.yml:2: ERROR: claim 'fox-now': unknown field 'colour': allowed are as_of, category, "
            "citations, followup, quote, review_by, status [edition.claim]",
        ),
        (
            "{cite}`cnn2000fox`.\n  citations: [cnn2000fox]",
            "{cite}`cnn2001fox`.\n  citations: [cnn2001fox]",
            "claims/text.yml:7: ERROR: unknown citation key 'cnn2001fox' (did you mean 'cnn2000fox'?): add the "
            "work to references.bib or correct the key [edition.citation]",
        ),
        (
            "  followup: |",
            "  followup: |\n    <script>alert(1)</script>",
            "claims/text.yml:7: ERROR: claim 'fox-now': raw HTML is not allowed [edition.claim]",
        ),
    ],
)
def test_bad_registry_data_is_located(make_app, copy_root, old, new, message):
    assert REGISTRY.count(old) == 1
    _, warnings = build(make_app, copy_root, {"claims/text.yml": REGISTRY.replace(old, new)})
    assert message in warnings
    assert "<script>" not in warnings.split("ERROR")[0]


def test_script_in_followup_never_reaches_the_page(make_app, copy_root):
    registry = REGISTRY.replace("  followup: |", "  followup: |\n    <script>alert(1)</script>")
    app, _ = build(make_app, copy_root, {"claims/text.yml": registry})
    assert "<script>alert" not in (app.outdir / "paper" / "text.html").read_text()
    assert "<script>alert" not in (app.outdir / "claims.html").read_text()


def test_invalid_yaml_is_located(make_app, copy_root):
    _, warnings = build(
        make_app, copy_root, {"claims/text.yml": REGISTRY.replace("status: superseded", "status: [")}
    )
    assert "claims/text.yml:" in warnings and "invalid YAML" in warnings and "[edition.claim]" in warnings


def test_overdue_review_is_a_located_warning(make_app, copy_root):
    _, warnings = build(make_app, copy_root, confoverrides={"edition_review_date": "2031-06-01"})
    assert warnings == (
        "claims/text.yml:1: WARNING: claim 'fox-now' was due for review on 2030-01-01 (reference date "
        "2031-06-01): check its follow-up and status, then set a new review_by [edition.claim-review]\n"
    )


def test_review_date_from_source_date_epoch(make_app, copy_root, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924992000")  # 2031-01-01
    _, warnings = build(make_app, copy_root, confoverrides={"edition_review_date": ""})
    assert "reference date 2031-01-01" in warnings


def test_parallel_build_agrees_with_serial(make_app, tmp_path):
    names = ("claims.html", "data/dated-claims.json")
    serial, parallel = serial_and_parallel(make_app, tmp_path, ROOTS / "test-claims", names)
    assert serial == parallel


def test_real_edition_has_no_uncovered_hits(make_app, copy_root):
    srcdir = copy_root("docs")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == ""
    assert ", 0 uncovered" in app._status.getvalue()
    data = json.loads((app.outdir / "data" / "dated-claims.json").read_text())
    assert len(data) == 72
    assert {c["category"] for c in data} <= {
        "relative-time",
        "office-holder",
        "institution",
        "figure",
        "prediction",
        "state-of-affairs",
    }
