"""Sphinx configuration of the annotated edition."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The edition's own extensions live in ext/ at the top of the repository.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))

from edition import metadata  # noqa: E402  (the edition's title, description and keywords)

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
# copies it into the HTML edition, where the sidebar links to it. The book's design, its
# structure and the critical apparatus come from the extension (ext/edition/latex/); what is
# set here is this book's own: its fonts, its title page and its colophon.
latex_engine = "xelatex"
latex_use_xindy = False
latex_docclass = {"manual": "book"}
latex_documents = [
    (
        "index",
        "campaigning-for-change.tex",
        "Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities",
        "Robert L. Bach",
        "manual",
        False,  # the root page's {only} blocks decide what of it the book shows
    )
]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "oneside,openany",
    "fncychap": "",
    "printindex": "",
    "tocdepth": r"\setcounter{tocdepth}{1}",
    "sphinxsetup": "HeaderFamily=\\rmfamily, TitleColor={rgb}{0,0,0}, "
    "InnerLinkColor={rgb}{0.12,0.22,0.45}, OuterLinkColor={rgb}{0.12,0.22,0.45}",
    "fontpkg": r"""
\setmainfont{TeX Gyre Pagella}
\setsansfont{TeX Gyre Heros}[Scale=MatchLowercase]
\setmonofont{TeX Gyre Cursor}[Scale=MatchLowercase]
""",
    "maketitle": r"""
\frontmatter
\pdfbookmark[0]{Title page}{titlepage}
\begin{titlepage}
\centering
\vspace*{3.5cm}
{\fontsize{28}{34}\selectfont Campaigning for Change\par}
\vspace{0.7cm}
{\Large\itshape Reinventing NAFTA to Serve Migrant Communities\par}
\vspace{1.8cm}
{\Large\scshape Robert L. Bach\par}
\vspace{0.5cm}
{Written in late 2000\par}
\vfill
{\large An annotated edition\par}
\vspace{0.4cm}
{\small\itshape with a critical apparatus, the author's endnotes restored,\\
dated claims followed up, and editors' annotations\par}
\vspace{2.2cm}
{\small Version \version{} of the edition\par}
\end{titlepage}
\thispagestyle{empty}
\pdfbookmark[0]{Colophon}{colophon}
{\small
\noindent\textbf{Colophon.}
\emph{Campaigning for Change: Reinventing NAFTA to Serve Migrant Communities} by Robert L. Bach,
written late in 2000; where and whether it was published is not known. This edition, version
\version{}, gives a corrected reading text established from the only known source, a text
extraction of a PDF copy (the witness, \edsiglum), with a critical apparatus of every
emendation, the author's eleven endnotes restored, dated claims followed up, and editors'
annotations. Paragraph numbers (\P) are the edition's and are stable; cite them.

\medskip\noindent\textbf{How to cite.} Robert L. Bach, “Campaigning for Change: Reinventing
NAFTA to Serve Migrant Communities” (2000), \P~27, in \emph{Campaigning for Change: An Annotated
Edition}, ed.\ by the edition's editors (the project's team), version \version{}; add the witness's
page where it helps: “\P~61 (witness p.~19)”.

\medskip\noindent\textbf{Reading the text.} The paper is printed as the edition reads it. Its
lines are numbered afresh in each paragraph, every fifth line in the margin. At the foot of
the page, the apparatus gives each place where the edition departs from the witness, keyed to
paragraph and line: \textbf{12.3} is line~3 of \P~12, \textbf{n3.1} line~1 of endnote~3. Each
entry gives the edition's reading, a bracket, the witness's reading (\edomitted{} where the
witness has nothing) and the kind of change; Appendix~\ref{\detokenize{apparatus::doc}} gives the reason for each. A number or
marker in square brackets was restored by the editors. The author's endnotes follow the paper,
as the author had them. A dagger (\textdagger) marks a dated claim, true as of late 2000, whose
later history is in Appendix~\ref{\detokenize{claims::doc}}. A superscript italic letter marks
an editor's note: the commentary below the apparatus gives it, keyed the same way. A bar
({\color{black!45}\textbar}) marks where a page of the witness begins, and its number stands in
the right margin.

\medskip\noindent\textbf{Licence.} The editorial matter (introduction, apparatus, follow-ups,
annotations) is licensed CC BY 4.0; the software that builds the edition is MIT-licensed. The
text of the paper is Robert L. Bach's. The edition's data, and the documentation of its
software, are published with the HTML edition.
\par}
\clearpage
""",
    "tableofcontents": r"\edtableofcontents",
}

# --- EPUB --------------------------------------------------------------------
# `nox -s epub` builds docs/_build/epub/campaigning-for-change.epub and checks it with EPUBCheck.
# The marks become plain links for an e-reader (ext/edition/epub/); the developers' pages stay
# on the website.
epub_basename = "campaigning-for-change"
epub_title = metadata.TITLE
epub_author = "Robert L. Bach"
epub_publisher = "The edition's editors"
epub_copyright = copyright
epub_description = metadata.DESCRIPTION
epub_language = language
epub_use_index = False
epub_tocdepth = 2
epub_show_urls = "no"
# The book's own identifier (EPUB requires one; Sphinx's default is the word "unknown"), made once
# from a UUID: keep it, so that reading systems know a new build as the same book. Sphinx writes
# epub_uid into the NCX and as the identifier's XML id, so the two must be the same XML name.
epub_uid = epub_identifier = "campaigning-for-change-017b2802-28e5-4146-b58b-b03c77fd58c1"
# The website's pages and its script and stylesheet (the e-book has its own, edition-epub.css).
epub_exclude_files = [
    "about/data.xhtml",
    "about/links.xhtml",
    "about/performance.xhtml",
    "_static/edition.css",
    "_static/edition.js",
    ".buildinfo.bak",  # Sphinx's copy of the last build's information, when the configuration changed
]
