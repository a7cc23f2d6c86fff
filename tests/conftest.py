"""Shared fixtures: sphinx.testing, the test roots, and a copy of the real edition."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "ext"))

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def copy_siblings(target: Path) -> None:
    """The files the edition reads from beside docs/: the library and the annotations."""
    shutil.copy(REPO / "references.bib", target / "references.bib")
    shutil.copytree(REPO / "annotations", target / "annotations", dirs_exist_ok=True)


@pytest.fixture
def copy_root(tmp_path: Path) -> Callable[..., Path]:
    """Copy a test root (or the real ``docs/``) to a fresh folder, replacing or
    adding files given as ``{relative path: text}``."""

    def copy(name: str = "edition", files: dict[str, str] | None = None) -> Path:
        source = REPO / "docs" if name == "docs" else ROOTS / f"test-{name}"
        target = tmp_path / name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("_build"))
        if name == "docs":  # the edition reads files beside docs/
            copy_siblings(tmp_path)
        for rel, text in (files or {}).items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return target

    return copy


def build_root(make_app, copy_root, name: str, files: dict[str, str] | None = None, **kwargs: object):
    """Build a copy of test root *name* (with *files* replaced): the app and its
    warnings, with paths made relative to the root."""
    srcdir = copy_root(name, files)
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app, warnings_of(app).replace(str(srcdir) + "/", "")


def serial_and_parallel(make_app, tmp_path: Path, root: Path, outputs: tuple[str, ...]) -> list[list[str]]:
    """Build *root* serially and with ``parallel=2``; return the named outputs of each.
    Both builds must be free of warnings."""
    results = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"{root.name}-{jobs}"
        shutil.copytree(root, srcdir)
        app = make_app("html", srcdir=srcdir, parallel=jobs)
        app.build()
        assert warnings_of(app) == ""
        results.append([(app.outdir / name).read_text() for name in outputs])
        app.cleanup()  # let the second application register its nodes afresh
    return results


def warnings_of(app: object) -> str:
    """The warnings of a test build, without colour codes."""
    from sphinx.util.console import strip_escape_sequences

    return strip_escape_sequences(app._warning.getvalue())  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The PDF edition, built once per test session: (path, LaTeX log)."""
    from browser import build_pdf

    return build_pdf(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="session")
def built_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The EPUB edition, built once per test session."""
    from browser import build_epub

    return build_epub(tmp_path_factory.mktemp("epub"))


@pytest.fixture(scope="session")
def built_edition(
    tmp_path_factory: pytest.TempPathFactory, built_pdf: tuple[Path, str], built_epub: Path
) -> Path:
    """The real edition, built once per test session, with its PDF and EPUB beside it."""
    from browser import build_site

    out = tmp_path_factory.mktemp("site") / "html"
    result = build_site(REPO / "docs", out)
    assert result.returncode == 0, result.stderr
    for book in (built_pdf[0], built_epub):  # the sidebar links to them
        shutil.copyfile(book, out / book.name)
    return out


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core (npm), installed on first use into tests/_output/axe."""
    import subprocess

    path = Path(__file__).parent / "_output" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(path.parents[2]),
                "axe-core@4.14.1",
            ],
            check=True,
            timeout=300,
        )
    return path.read_text()


@pytest.fixture(scope="session")
def site(built_edition: Path):
    from browser import serve

    with serve(built_edition) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
