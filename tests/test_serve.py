"""``nox -s serve``: the live preview serves the edition on 127.0.0.1 and rebuilds on save.

A real sphinx-autobuild on a copy of the edition, read over HTTP: an annotation file added
shows on its paper page, an edit to it shows, and once the file is deleted it is gone.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from conftest import REPO, copy_siblings

if TYPE_CHECKING:
    from collections.abc import Callable
from serving import fetch, preview, wait_for

NOTE = """---
target:
  exact: "Guanajuato"
authors:
  - name: "Test Editor"
created: 2026-12-02
kind: context
citations: []
---
{words}
"""


def test_the_preview_rebuilds_on_save_and_forgets_a_deleted_file(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("_build"))
    copy_siblings(root)
    added, edited = "A note written during the preview.", "The note, edited."

    def shows(words: str) -> Callable[[str | None], bool]:
        return lambda page: page is not None and words in page

    def lacks(words: str) -> Callable[[str | None], bool]:
        return lambda page: page is not None and words not in page

    note = root / "annotations" / "preview-test.md"
    with preview(root, tmp_path / "serve.log") as url:
        page, index = url + "paper/beyond-nafta.html", url + "annotations.html"
        first = fetch(page)
        assert first is not None and "Guanajuato" in first and added not in first
        note.write_text(NOTE.format(words=added), encoding="utf-8")
        wait_for(page, shows(added), timeout=120)
        wait_for(index, shows("preview-test"), timeout=30)
        note.write_text(NOTE.format(words=edited), encoding="utf-8")
        wait_for(page, shows(edited), timeout=120)
        note.unlink()
        wait_for(page, lacks(edited), timeout=120)
        wait_for(index, lacks("preview-test"), timeout=30)
    # Every rebuild succeeded. (The server itself may log a page it sent while Sphinx was writing
    # it again: that is sphinx-autobuild's, and the test's fetch waits for the whole page.)
    log = (tmp_path / "serve.log").read_text()
    assert "Sphinx exited with exit code" not in log and "Exception occurred" not in log, log[-3000:]
