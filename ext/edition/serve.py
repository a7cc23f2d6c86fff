"""The live preview, ``nox -s serve`` (or ``python -m edition.serve`` from the repository, with
``PYTHONPATH=ext``): sphinx-autobuild serves the HTML on 127.0.0.1, builds again whenever a
file of ``docs/``, ``annotations/``, ``references.bib`` or ``ext/`` is saved, and reloads the
browser.

Each rebuild is an ordinary incremental build, which ends where a clean build would
(:mod:`edition.rebuild`); its warnings are printed, and the last good pages stay served.
"""

from __future__ import annotations

import argparse
from pathlib import Path

#: What the preview watches besides ``docs/``: every input of the build, and the extensions.
WATCH = ("annotations", "references.bib", "ext")


def command(root: Path, port: int, host: str = "127.0.0.1", out: str = "docs/_build/serve") -> list[str]:
    """sphinx-autobuild's arguments for the edition in *root*."""
    args = ["docs", out, "--host", host, "--port", str(port), "-n"]
    for name in WATCH:
        if (root / name).exists():
            args += ["--watch", name]
    # The other builds' output (sphinx-autobuild leaves out its own); a pattern on the whole
    # path such as "/_build/" would also leave out a copy of the edition kept under a _build.
    return [*args, "--ignore", "docs/_build", "--re-ignore", r"(__pycache__|\.pyc$)"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m edition.serve", description=__doc__)
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    options, rest = parser.parse_known_args(argv)
    from sphinx_autobuild.__main__ import main as autobuild

    autobuild([*command(Path.cwd(), options.port, options.host), *rest])


if __name__ == "__main__":
    main()
