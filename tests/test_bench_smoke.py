"""Smoke test of the performance benchmark (issue 9): the quick mode runs end to end and writes
well-formed results. It asserts no timing: ``nox -s bench`` measures, this only checks it works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import REPO

SECTIONS = ("cases", "anchoring", "linkcheck", "targets", "machine", "settings")


def _run(module: str, *args: str, timeout: float) -> str:
    """``python -m module args...`` from the repository, as ``nox -s bench`` runs it: its output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "ext"), str(REPO)])}
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def test_benchmark_smoke_run_writes_well_formed_results(tmp_path):
    out = tmp_path / "bench"
    _run("tests.benchmark", "--smoke", "--out", str(out), timeout=600)

    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert all(name in results for name in SECTIONS)
    assert results["settings"]["smoke"] is True
    (case,) = results["cases"]
    overhead = case["overhead"]
    assert overhead["source"] == "paper" and overhead["scale"] == 1
    assert overhead["counts"]["annotations"] > 0 and overhead["counts"]["words"] > 0
    for variant in ("edition", "bare"):
        for kind in ("cold", "warm"):
            run = overhead[variant][kind]
            assert run["seconds"] > 0 and run["peak_rss_mb"] > 0
            assert run["warnings"] == 0, run["first_warnings"]
        assert overhead[variant]["cold"]["pages_read"] == overhead["counts"]["pages"]
    assert overhead["ratio"]["cold"] > 0 and overhead["ratio"]["warm"] > 0

    edits = case["incremental"]["edits"]
    assert set(edits) == {"noop", "annotation", "registry", "bib"}
    assert edits["noop"]["pages_read"] == 0
    for what in ("annotation", "registry", "bib"):
        assert edits[what]["warnings"] == 0, what
        assert edits[what]["pages_changed"] >= 1, what
        assert edits[what]["pages_written"] >= edits[what]["pages_changed"], what
    for what in ("annotation", "registry"):  # the page holding the note or the claim is read again
        assert edits[what]["pages_read"] >= 1, what
    # an entry is formatted when pages are written: no page is read again, the citing ones are rewritten
    assert edits["bib"]["pages_read"] == 0
    serve = case["serve"]  # the live preview showed each edit on the annotation's page
    assert serve["page"].startswith("paper/") and len(serve["runs"]) >= 3 and serve["shows_last_edit"]

    assert [p["annotations"] for p in results["anchoring"]["points"]] == sorted(
        p["annotations"] for p in results["anchoring"]["points"]
    )
    link = results["linkcheck"]
    assert link["cold"]["checked"] == link["urls"] and link["warm"]["from_cache"] == link["urls"]
    for target in results["targets"]:
        assert {"target", "what", "limit", "value", "met"} <= set(target)

    table = (out / "results.md").read_text(encoding="utf-8")
    assert "| paper 1x |" in table and "**Targets**" in table
    svg = ET.fromstring((out / "performance-scale.svg").read_text(encoding="utf-8"))
    assert svg.tag.endswith("svg")


def _sample(srcdir, outdir):
    out = _run("tests.benchmark.sampling", str(srcdir), str(outdir), timeout=300)
    return json.loads(out.splitlines()[-1])


def test_sampling_tells_the_editions_code_from_sphinxs(copy_root, tmp_path):
    """tests.benchmark.sampling, behind the account of the paper's cold build: a build with the
    edition spends a share of its samples in the edition's code (and some of that in citeproc,
    which only the edition calls); a plain MyST build spends none."""
    edition = _sample(copy_root("citations"), tmp_path / "out-edition")
    assert edition["samples"] > 0
    assert 0 < edition["citeproc_share"] <= edition["edition_share"] < 1
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    (plain / "index.md").write_text("# Plain\n\nA page with no edition markup.\n", encoding="utf-8")
    bare = _sample(plain, tmp_path / "out-plain")
    assert bare["samples"] > 0
    assert bare["edition_share"] == 0 and bare["citeproc_share"] == 0
