"""Sessions: ``nox -s docs`` builds the edition, ``nox -s tests`` runs the tests,
``nox -s lint`` runs ruff and mypy."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|venv"
nox.options.sessions = ["docs", "tests", "lint"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
HTML = "docs/_build/html"


def install_group(session: nox.Session, group: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML edition strictly (every warning fails) into docs/_build/html."""
    install_group(session, "docs")
    session.run(
        "python",
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "docs",
        HTML,
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (pass pytest options after --)."""
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
