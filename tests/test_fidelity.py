"""The edition gives back its witness word for word, and says where it does not."""

from __future__ import annotations

import hashlib

from conftest import REPO, warnings_of

WITNESS = REPO / "docs" / "_witness" / "bach-2000-extraction.txt"
WITNESS_SHA256 = "50daf19d27c6288462cb2cd41090750db1a0ce2840ec60aeb4b6b237881be485"
SHARED_SEED = REPO.parent / "shared" / "seed" / "000_4302005fc8783436.txt"


def test_witness_copy_is_the_seed_unchanged():
    assert hashlib.sha256(WITNESS.read_bytes()).hexdigest() == WITNESS_SHA256
    if SHARED_SEED.exists():  # beside a checkout on the project's machines
        assert SHARED_SEED.read_bytes() == WITNESS.read_bytes()


def build_docs(make_app, copy_root, edits: dict[str, tuple[str, str]] | None = None) -> str:
    srcdir = copy_root("docs")
    for rel, (old, new) in (edits or {}).items():
        path = srcdir / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"test edit {old!r} must occur once in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    return warnings_of(app).replace(str(srcdir) + "/", "")


def test_the_edition_reproduces_the_witness(make_app, copy_root):
    assert build_docs(make_app, copy_root) == ""


def test_an_unrecorded_change_is_named_and_located(make_app, copy_root):
    warnings = build_docs(
        make_app, copy_root, {"paper/beyond-nafta.md": ("guiding vision was", "guiding idea was")}
    )
    assert warnings == (
        "paper/beyond-nafta.md:3: ERROR: the edition reads «idea» where the witness reads «vision»: "
        "record the change as an emendation ({emend}`reading | original | type | reason`) or restore "
        "the witness's reading (witness _witness/bach-2000-extraction.txt:23) [edition.fidelity]\n"
    )


def test_a_lost_sentence_is_named_and_located(make_app, copy_root):
    warnings = build_docs(
        make_app,
        copy_root,
        {
            "paper/final-remarks.md": (
                " A new vision must seek to overcome the past, not simply to extend it.",
                "",
            )
        },
    )
    assert warnings == (
        "paper/final-remarks.md:13: ERROR: the witness's «A new vision must seek to overcome the past, "
        "not simply to extend it.» is missing from the edition: restore it, or record its removal as an "
        "emendation (witness _witness/bach-2000-extraction.txt:249) [edition.fidelity]\n"
    )


def test_a_duplicated_paragraph_is_named_and_located(make_app, copy_root):
    para = "A new U.S.-Mexican dialogue should focus on the creation of alternatives."
    warnings = build_docs(
        make_app,
        copy_root,
        {
            "paper/moving-forward.md": (
                f"{{para}}`p39` {para}\n",
                f"{{para}}`p39` {para}\n\n{{para}}`p39a` {para}\n",
            )
        },
    )
    assert "paper/moving-forward.md:5: ERROR: the edition has «A new U.S.-Mexican dialogue" in warnings
    assert "which the witness does not" in warnings
    assert warnings.count("[edition.fidelity]") == 1


def test_an_emendation_with_a_wrong_original_is_caught(make_app, copy_root):
    warnings = build_docs(
        make_app,
        copy_root,
        {"paper/de-facto-side-agreements.md": ("much-needed | muchneeded |", "much-needed | much needed |")},
    )
    assert "the edition reads «much needed» where the witness reads «muchneeded»" in warnings


def test_notes_in_the_wrong_witness_order_are_caught(make_app, copy_root):
    warnings = build_docs(
        make_app, copy_root, {"paper/endnotes.md": (":witness-order: 1\n", ":witness-order: 12\n")}
    )
    assert "[edition.fidelity]" in warnings
    assert "White House Press Office." in warnings
