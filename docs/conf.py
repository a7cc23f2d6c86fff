"""Sphinx configuration of the annotated edition."""

from __future__ import annotations

import sys
from pathlib import Path

# The edition's own extensions live in ext/ at the top of the repository.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))

project = "Campaigning for Change: An Annotated Edition"
author = "Robert L. Bach (text); the edition's editors (apparatus and notes)"
copyright = "2026, the edition's editors (editorial matter)"
release = version = "0.1"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_book_theme",
    "edition",
]

myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
myst_heading_anchors = 3

# The author's straight quotes and double hyphens are kept as the witness has them.
smartquotes = False

exclude_patterns = ["_build", "_witness", "claims", "Thumbs.db", ".DS_Store"]
nitpicky = True

# --- the edition -------------------------------------------------------------
edition_paper_pages = [
    "paper/opening",
    "paper/beyond-nafta",
    "paper/monitoring-nafta",
    "paper/de-facto-side-agreements",
    "paper/moving-forward",
    "paper/final-remarks",
    "paper/endnotes",
]
edition_witness = "_witness/bach-2000-extraction.txt"
edition_paper_date = "2000"
edition_bibliography = "../references.bib"
edition_annotations_dir = "../annotations"

# --- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Campaigning for Change"
html_static_path = ["_static"]
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None

# --- LaTeX -------------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False
latex_elements = {
    "preamble": r"\newcommand{\edpara}[1]{{\footnotesize\textsf{¶\,#1}}\enspace}"
    r"\newcommand{\edclaim}[1]{#1\textsuperscript{\textdagger}}"
    r"\newcommand{\edanchor}[1]{#1}"
    r"\newcommand{\edannmark}[1]{\textsuperscript{\textit{#1}}}"
    r"\newenvironment{ednote}[2]{\par\begin{quote}\small\textbf{Editor's note #1} (#2).\ }"
    r"{\end{quote}\par}",
}
