"""Archived copies of live URLs.

A library entry names its archived copy in an ``archive`` (or ``archiveurl``) field,
dated by ``urldate`` (or ``archivedate``). Anywhere else (an annotation, a claim's
follow-up, a page), a link to a web archive in the Wayback form
``…/YYYYMMDDhhmmss/LIVE-URL`` is recognised as the archived copy of ``LIVE-URL``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from edition.linkcheck.model import ArchivedCopy

# web.archive.org/web/20070220212833/http://…, webharvest.gov/peth04/20041014235725/http://…,
# *.archive-it.org/web/20070220212833id_/http:/… (one slash, as some archives write it).
_WAYBACK = re.compile(
    r"^https?://[^/]+/(?:[^/]+/)*?(?P<stamp>\d{4,14})(?:[a-z]{2}_)?/(?P<original>https?:/{1,2}.+)$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def stamp_to_date(stamp: str) -> str:
    """``20070220212833`` -> ``2007-02-20``: as precise as the stamp."""
    parts = [stamp[:4], stamp[4:6], stamp[6:8]]
    return "-".join(p for p in parts if len(p) == 2 or len(p) == 4)


def wayback_original(url: str) -> tuple[str, str] | None:
    """``(live URL, ISO date)`` if *url* is an archived copy in the Wayback form."""
    match = _WAYBACK.match(url)
    if not match:
        return None
    original = re.sub(r"^(https?):/+", r"\1://", match["original"], flags=re.IGNORECASE)
    return original, stamp_to_date(match["stamp"])


def resource_key(url: str) -> str:
    """A loose identity of a URL, for pairing a live URL with its archived copy:
    no scheme, no ``www.``, no fragment, no trailing slash, host in lower case."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def iso_date(value: str) -> str:
    """The ISO date at the start of *value* (``2024-05-01``, ``2024-05``, ``2024``), or ``""``."""
    match = _ISO_DATE.match(value.strip())
    return match.group(0) if match else ""


def copies_among(urls: list[str]) -> dict[str, ArchivedCopy]:
    """Pair each live URL of *urls* with an archived copy among *urls*, if any."""
    archived: dict[str, ArchivedCopy] = {}
    for url in urls:
        found = wayback_original(url)
        if found:
            archived.setdefault(resource_key(found[0]), ArchivedCopy(url, found[1]))
    pairs: dict[str, ArchivedCopy] = {}
    for url in urls:
        copy = archived.get(resource_key(url))
        if copy and copy.url != url and not wayback_original(url):
            pairs[url] = copy
    return pairs


def entry_copy(fields: dict[str, tuple[str, int]]) -> ArchivedCopy | None:
    """The archived copy a library entry's raw *fields* give, if any."""
    for name in ("archive", "archiveurl"):
        value = fields.get(name, ("", 0))[0].strip()
        if value.lower().startswith(("http://", "https://")):
            date = iso_date(fields.get("archivedate", fields.get("urldate", ("", 0)))[0])
            if not date:
                found = wayback_original(value)
                date = found[1] if found else ""
            return ArchivedCopy(value, date)
    return None
