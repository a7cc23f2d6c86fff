"""The edition's options are typed and checked when Sphinx starts: a wrong value is an
``[edition.config]`` error at its conf.py line, never a crash report."""

from __future__ import annotations

import pytest

from conftest import warnings_of


def _start(make_app, copy_root, extra: str):
    srcdir = copy_root()
    conf = srcdir / "conf.py"
    line = len(conf.read_text().splitlines()) + 1
    conf.write_text(conf.read_text() + extra + "\n")
    app = make_app("html", srcdir=srcdir)
    return app, warnings_of(app).replace(str(srcdir) + "/", ""), line


def test_wrong_type_is_a_located_config_error(make_app, copy_root):
    app, warnings, line = _start(make_app, copy_root, 'edition_paper_pages = "paper/one"')
    assert (
        f"conf.py:{line}: ERROR: edition_paper_pages must be a list of text, not 'paper/one': "
        "Docnames of the paper's pages in reading order; the last holds the endnotes. [edition.config]"
    ) in warnings
    assert app.config.edition_paper_pages == []  # the default, so the build goes on


def test_invalid_id_pattern_is_a_config_error(make_app, copy_root):
    _, warnings, line = _start(make_app, copy_root, 'edition_paragraph_id_pattern = "p[0-"')
    assert (
        f"conf.py:{line}: ERROR: edition_paragraph_id_pattern is not a valid regular expression" in warnings
    )


def test_paper_date_must_be_iso(make_app, copy_root):
    _, warnings, line = _start(make_app, copy_root, 'edition_paper_date = "late 2000"')
    assert (
        f"conf.py:{line}: ERROR: edition_paper_date must be an ISO date such as 2000 or 2000-11" in warnings
    )


def test_every_option_is_registered_with_help(make_app, copy_root):
    app = make_app("html", srcdir=copy_root())
    options = {opt.name: opt for opt in app.config if opt.name.startswith("edition_")}
    assert {"edition_paper_pages", "edition_witness", "edition_paper_date"} <= options.keys()
    for name, option in options.items():
        assert option.rebuild == "env", name
        assert app.config._options[name].description, name


@pytest.mark.parametrize("option", ["edition_paper_pages", "edition_witness"])
def test_a_set_option_is_located_at_its_own_line(make_app, copy_root, option):
    from edition.diagnostics import config_location

    srcdir = copy_root()
    lines = (srcdir / "conf.py").read_text().splitlines()
    expected = next(i for i, text in enumerate(lines, 1) if text.startswith(option + " "))
    assert config_location(srcdir, option) == f"{srcdir}/conf.py:{expected}"
