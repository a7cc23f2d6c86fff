"""Sphinx configuration of the annotated edition."""

from __future__ import annotations

import os
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
# The TEI header (data/edition.tei.xml): who the editors are and what they did, the rights, and
# which pages state the witness and the method (each part of the header quotes them).
edition_editors = {
    "The edition's editors (the project's team)": (
        "established the text from the witness and recorded every emendation; restored the "
        "endnotes and gave the reasons for each placement; researched and wrote the annotations, "
        "the follow-ups to dated claims and the bibliography; and wrote the software that builds "
        "and checks the edition"
    ),
}
edition_rights = (
    "Nothing is known to the editors about the copyright in the paper or about permission to "
    "publish it; the edition reproduces the author's text as the witness gives it, without any "
    "claim to it."
)
edition_licence = (
    "The editorial matter (introduction, apparatus, annotations and follow-ups) is licensed "
    "CC BY 4.0 and the software MIT."
)
edition_licence_url = "https://creativecommons.org/licenses/by/4.0/"
edition_tei_header = {
    "sourceDesc": ["editorial-principles#the-copy-text", "editorial-principles#the-witness-s-pagination"],
    "correction": [
        "editorial-principles#what-is-emended-and-what-is-kept",
        "editorial-principles#retained-irregularities-sic",
        "editorial-principles#how-sure-the-restored-endnotes-are",
    ],
    "hyphenation": "editorial-principles#hyphenation-at-line-and-page-ends",
    "normalization": "editorial-principles#silent-normalisations",
}

# --- HTML --------------------------------------------------------------------
# The public address of the HTML edition. Sphinx writes each page's canonical link from it, and the
# edition its absolute addresses (og:url, citation_pdf_url, the ids of data/annotations.jsonld, the
# claim reviews' URLs, the TEI file's address; see docs/about/data.md). Set EDITION_BASE_URL when
# building the edition that will be published there.
html_baseurl = os.environ.get("EDITION_BASE_URL", "")
html_theme = "sphinx_book_theme"
html_title = "Campaigning for Change"
html_static_path = ["_static"]
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    # The reading layers of the paper's pages, beside the theme's own buttons.
    "article_header_end": ["edition-layers.html", "article-header-buttons.html"],
}
html_last_updated_fmt = None
templates_path = ["_templates"]
html_context = {"default_mode": "auto"}  # light or dark, as the reader's system prefers
html_favicon = "_static/favicon.svg"
html_sidebars = {
    "**": [
        "navbar-logo.html",
        "search-button-field.html",
        "sbt-sidebar-nav.html",
        "pdf-download.html",
    ]
}

# --- LaTeX / PDF -------------------------------------------------------------
# `nox -s pdf` builds docs/_build/pdf/campaigning-for-change.pdf with xelatex; `nox -s docs`
# copies it into the HTML edition, where the sidebar links to it.
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [
    (
        "index",
        "campaigning-for-change.tex",
        "Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities",
        "Robert L. Bach",
        "manual",
        True,
    )
]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",

    "maketitle": r"""
\begin{titlepage}
\centering
\vspace*{3cm}
{\Huge\bfseries Campaigning for Change\par}
\vspace{0.6cm}
{\Large Reinventing NAFTA to Serve Migrant Communities\par}
\vspace{1.5cm}
{\Large Robert L. Bach\par}
\vspace{0.5cm}
{\large Written in late 2000\par}
\vspace{2cm}
{\large An annotated edition\par}
\vfill
{\small Version \version{} of the edition\par}
\end{titlepage}
\thispagestyle{empty}
\noindent\textbf{Colophon.}
\emph{Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities} by Robert L. Bach,
written late in 2000; where and whether it was published is not known. This edition, version
\version{}, gives a corrected reading text established from a text extraction of a PDF copy (the
witness), with an apparatus of every emendation, the author's eleven endnotes restored, dated
claims flagged with what happened since, and editors' annotations. Paragraph numbers (\P) are the
edition's and are stable; cite them.

\medskip\noindent\textbf{How to cite.} Robert L. Bach, \emph{Campaigning for Change: Reinventing
NAFTA to Serve Migrant Communities} (2000), \P~N, in \emph{Campaigning for Change: An Annotated
Edition}, version \version{}.

\medskip\noindent\textbf{Licence.} The editorial matter (introduction, apparatus, follow-ups,
annotations) is licensed CC BY 4.0; the software that builds the edition is MIT-licensed. The text
of the paper is Robert L. Bach's.

\medskip\noindent\textbf{Reading the marks.} An emended reading is printed as the edition reads
it; the apparatus (Appendix) gives the witness's reading. A number or marker in square brackets was
restored by the editors. A dagger (\textdagger) marks a dated claim, followed up in the register of
dated claims. A superscript italic letter marks an editor's note, printed after the paragraph and
distinct from the author's numbered endnotes.
\clearpage
""",
    "preamble": r"\newcommand{\edpara}[1]{{\footnotesize\textsf{¶\,#1}}\enspace}"
    r"\newcommand{\edclaim}[1]{#1\textsuperscript{\textdagger}}"
    r"\newcommand{\edanchor}[1]{#1}"
    r"\newcommand{\edannmark}[1]{\textsuperscript{\textit{#1}}}"
    r"\newenvironment{ednote}[2]{\par\begin{quote}\small\textbf{Editor's note #1} (#2).\ }"
    r"{\end{quote}\par}",
}
