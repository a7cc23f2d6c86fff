"""The edition's options are typed and checked when Sphinx starts."""

from __future__ import annotations

import pytest
from sphinx.errors import ConfigError


def test_wrong_type_is_a_clear_config_error(make_app, copy_root):
    srcdir = copy_root()
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'edition_paper_pages = "paper/one"\n')
    with pytest.raises(ConfigError, match=r"edition_paper_pages must be a list, not str"):
        make_app("html", srcdir=srcdir)


def test_invalid_id_pattern_is_a_config_error(make_app, copy_root):
    with pytest.raises(ConfigError, match="edition_paragraph_id_pattern is not a valid regular expression"):
        make_app("html", srcdir=copy_root(), confoverrides={"edition_paragraph_id_pattern": "p[0-"})


def test_paper_date_must_be_iso(make_app, copy_root):
    with pytest.raises(ConfigError, match="edition_paper_date must be an ISO date"):
        make_app("html", srcdir=copy_root(), confoverrides={"edition_paper_date": "late 2000"})


def test_every_option_is_registered_with_help(make_app, copy_root):
    app = make_app("html", srcdir=copy_root())
    options = {opt.name: opt for opt in app.config if opt.name.startswith("edition_")}
    assert {"edition_paper_pages", "edition_witness", "edition_paper_date"} <= options.keys()
    for name, option in options.items():
        assert option.rebuild == "env", name
        assert app.config._options[name].description, name
