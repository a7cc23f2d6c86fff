"""Sessions:

- ``nox -s docs``: build the HTML edition strictly into docs/_build/html;
- ``nox -s tests``: run the test suite (it installs the Debian packages the
  browser, PDF and TEI tests need when run as root on Debian, and otherwise
  stops with a message naming them);
- ``nox -s pdf``: build the PDF edition into docs/_build/pdf/;
- ``nox -s lint``: ruff and mypy over ext/ and tests/;
- ``nox -s check-annotations``: validate annotations/*.md without a full build;
- ``nox -s bench``: the performance benchmark (docs/about/performance.md);
- ``nox -s serve``: a live preview on http://127.0.0.1:8000, rebuilt on every save.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|venv"
nox.options.sessions = ["docs", "tests", "lint"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
HTML = "docs/_build/html"

#: Debian packages: (command that proves it is there, package).
PDF_PACKAGES = [("xelatex", "texlive-xetex"), ("latexmk", "latexmk"), ("pdftotext", "poppler-utils")]
BROWSER_PACKAGES = [("chromium", "chromium")]
#: The TEI export is validated against TEI's tei_all with Debian's jing (tests/test_formats.py).
VALIDATOR_PACKAGES = [("jing", "jing")]
#: Installed together with the LaTeX engine, so the PDF has its fonts and packages.
LATEX_EXTRAS = ["texlive-latex-extra", "texlive-fonts-recommended", "fonts-freefont-otf", "tex-gyre"]
PDF = "docs/_build/pdf/campaigning-for-change.pdf"


def install_group(session: nox.Session, group: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, group))


def ensure_system_packages(session: nox.Session, packages: list[tuple[str, str]]) -> None:
    """Install missing Debian packages when we can (root on Debian), else stop and name them."""
    missing = [package for command, package in packages if shutil.which(command) is None]
    if not missing:
        return
    if "texlive-xetex" in missing:
        missing += LATEX_EXTRAS
    if os.geteuid() == 0 and Path("/etc/debian_version").exists() and shutil.which("apt-get"):
        session.log(f"installing Debian packages: {' '.join(missing)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env
        )
        return
    session.error(
        f"nox -s {session.name} needs these Debian packages: "
        + " ".join(missing)
        + ". Install them (sudo apt-get install --no-install-recommends ...), or run nox as root on Debian."
    )


def build_pdf(session: nox.Session) -> None:
    """The PDF edition: Sphinx's LaTeX builder, then xelatex through latexmk."""
    ensure_system_packages(session, PDF_PACKAGES)
    session.run(
        "python",
        "-m",
        "sphinx",
        "-M",
        "latexpdf",
        "docs",
        "docs/_build/pdf-work",
        "-E",
        "-W",
        "--keep-going",
        "-n",
        "-q",
    )
    Path(PDF).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile("docs/_build/pdf-work/latex/campaigning-for-change.pdf", PDF)
    session.log(f"PDF edition: {PDF}")


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the PDF edition into docs/_build/pdf/ (installs TeX when root on Debian)."""
    install_group(session, "docs")
    build_pdf(session)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML edition strictly (every warning fails) into docs/_build/html, with the PDF."""
    install_group(session, "docs")
    # -E: the strict build starts from a fresh environment, so it reports every problem in the
    # sources on every run (incremental builds are kept honest too: ext/edition/rebuild.py).
    session.run(
        "python",
        "-m",
        "sphinx",
        "-b",
        "html",
        "-E",
        "-W",
        "--keep-going",
        "-n",
        "docs",
        HTML,
        *session.posargs,
    )
    build_pdf(session)
    shutil.copyfile(PDF, f"{HTML}/campaigning-for-change.pdf")  # the sidebar links to it
    # Every internal link and anchor of the built HTML, then every external URL (cached, bounded,
    # honest offline; EDITION_LINKCHECK=--strict makes external problems fail the session).
    linkcheck = ("python", "-m", "edition.linkcheck")
    env = {"PYTHONPATH": "ext"}
    session.run(*linkcheck, "internal", HTML, env=env)
    session.run(*linkcheck, "external", "docs", *os.environ.get("EDITION_LINKCHECK", "").split(), env=env)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (pass pytest options after --)."""
    ensure_system_packages(session, PDF_PACKAGES + BROWSER_PACKAGES + VALIDATOR_PACKAGES)
    install_group(session, "tests")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and mypy over ext/ and tests/."""
    install_group(session, "lint")
    session.run("ruff", "check", "ext", "tests", "noxfile.py")
    session.run("ruff", "format", "--check", "ext", "tests", "noxfile.py")
    session.run("mypy", "ext/edition")
    # Test functions take pytest fixtures; their bodies are still type-checked.
    session.run("mypy", "--allow-untyped-defs", *sorted(str(p) for p in Path("tests").glob("*.py")))


@nox.session
def bench(session: nox.Session) -> None:
    """The performance benchmark: the edition against bare Sphinx at 1x, 10x and 100x, side by side
    (about 15 minutes; options after --, e.g. ``nox -s bench -- --scales 1,10``). Results go to
    docs/_build/bench/."""
    install_group(session, "serve")
    session.install("pyinstrument")
    session.run(
        "python", "-m", "tests.benchmark", *session.posargs, env={"PYTHONPATH": os.pathsep.join(["ext", "."])}
    )


@nox.session
def serve(session: nox.Session) -> None:
    """A live preview on http://127.0.0.1:8000 (``nox -s serve -- --port N`` for another port),
    rebuilt on every save of docs/, annotations/, references.bib or ext/ (ext/edition/serve.py)."""
    install_group(session, "serve")
    session.run("python", "-m", "edition.serve", *session.posargs, env={"PYTHONPATH": "ext"})


@nox.session(name="check-annotations")
def check_annotations(session: nox.Session) -> None:
    """Validate annotations/*.md (or the files given) with the build's own messages."""
    install_group(session, "docs")
    session.run("python", "-m", "edition.annotations", "check", *session.posargs, env={"PYTHONPATH": "ext"})
