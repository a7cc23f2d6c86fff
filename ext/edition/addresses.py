"""Where the edition's pages and files live once published (what contributed files may
link to is :mod:`edition.urls`).

Sphinx's own ``html_baseurl`` is the one place the public address is
configured: Sphinx writes each page's canonical link from it, and the
edition builds every absolute address it publishes from it (``og:url``,
``citation_pdf_url``, the ids of the Web Annotations, the TEI file's
pointers into the HTML).  Without it the edition cannot know where it will
live, so those addresses are left relative or out, as each format allows.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import quote

from edition.apparatus.paragraphs import paragraph

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: How the HTML builder names a page's file (``paper/opening`` is ``paper/opening.html``).
SUFFIX = ".html"
#: What a URL's fragment may hold as it is (RFC 3986, section 3.5).
FRAGMENT = "-._~!$&'()*+,;=:@/?"


def base_url(config: Config) -> str:
    """``html_baseurl``, ending in ``/`` (or empty when it is not set)."""
    base = str(getattr(config, "html_baseurl", "") or "")
    return base if not base or base.endswith("/") else base + "/"


def absolute(config: Config, path: str) -> str | None:
    """The public address of *path* (relative to the HTML root), or None without a base URL."""
    base = base_url(config)
    return posixpath.join(base, path) if base else None


def page_path(docname: str, anchor: str = "") -> str:
    """A page's path relative to the HTML root, with an optional ``#anchor`` (percent-encoded
    where a fragment may not hold the character as it is, so the address is a valid IRI)."""
    return docname + SUFFIX + (f"#{quote(anchor, safe=FRAGMENT)}" if anchor else "")


def published(config: Config, path: str, relative_to: str = "") -> str:
    """*path* as a published document should point to it: absolute with a base URL,
    otherwise relative to the folder *relative_to* (``data`` for the data files)."""
    found = absolute(config, path)
    if found is not None:
        return found
    return posixpath.relpath(path, relative_to) if relative_to else path


def label_target(env: BuildEnvironment, name: str) -> tuple[str, str, str] | None:
    """What ``{ref}`name``` points to: (docname, anchor, title), or None if it resolves nowhere:
    a label of Sphinx's standard domain, else a paragraph of the paper (``p12``, "¶ 12")."""
    std = env.get_domain("std")
    found = std.labels.get(name)  # type: ignore[attr-defined]
    if found is not None and found[0]:
        docname, anchor, title = found
        return docname, anchor, title
    record = paragraph(env, name)
    return (record.docname, record.pid, record.label) if record is not None else None
