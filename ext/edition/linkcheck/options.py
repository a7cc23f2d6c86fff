"""The link check's options: one frozen dataclass, each ``edition_linkcheck_<name>``
in ``conf.py``, registered with a type and a sentence of help, checked at start-up
(:func:`edition.config.register`: a wrong value is a located ``[edition.config]`` error).

What to check is still decided by Sphinx's own options (``linkcheck_ignore``,
``linkcheck_anchors``, ``linkcheck_anchors_ignore``, ``linkcheck_request_headers``,
``linkcheck_allowed_redirects``, ``linkcheck_exclude_documents``, ``user_agent``,
``tls_verify``); these options bound *how* it is checked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from edition import config as edition_config

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "edition_linkcheck_"


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True)
class LinkcheckOptions:
    """Options of the external link check, each ``edition_linkcheck_<name>``."""

    timeout: float = field(
        default=10.0,
        metadata=_help("Seconds to wait for a server to connect, and between two parts of its answer."),
    )
    retries: int = field(
        default=2,
        metadata=_help("Further tries of a URL after a timeout, a dropped connection, a 5xx or a 429."),
    )
    workers: int = field(default=8, metadata=_help("Requests in flight at once, over all hosts."))
    per_host: int = field(default=2, metadata=_help("Requests in flight at once to any one host."))
    host_rate: float = field(default=4.0, metadata=_help("Most requests started per second to any one host."))
    retry_after_max: float = field(
        default=60.0,
        metadata=_help(
            "Most seconds spent waiting, per URL, on a server's Retry-After; past it the URL is rate-limited."
        ),
    )
    deadline: float = field(
        default=300.0,
        metadata=_help("Time limit in seconds of the whole external check; URLs left are unchecked."),
    )
    url_time: float = field(
        default=60.0,
        metadata=_help(
            "Most seconds one URL may take from its first request (tries, redirects and reading "
            "included), however slowly its server answers; past it the URL has timed out."
        ),
    )
    max_bytes: int = field(
        default=5_000_000,
        metadata=_help("Most bytes of a page read while looking for an #anchor; the rest is never fetched."),
    )
    max_redirects: int = field(default=10, metadata=_help("Most redirects followed from one URL."))
    cache: str = field(
        default="",
        metadata=_help("Cache file, relative to the source folder; empty means cache.json in the output."),
    )
    cache_days: float = field(
        default=7.0, metadata=_help("Days a result stays in the cache before the URL is checked again.")
    )
    refresh: bool = field(
        default=False, metadata=_help("Check every URL again, ignoring (but then updating) the cache.")
    )
    strict: bool = field(
        default=False,
        metadata=_help("Fail on broken, timed-out, rate-limited or unchecked external links (CI)."),
    )
    offline: bool = field(
        default=False,
        metadata=_help("Do not use the network: every URL not on this machine is reported unchecked."),
    )
    probe: list[str] = field(
        default_factory=lambda: ["doi.org:443", "web.archive.org:443"],
        metadata=_help("host:port addresses tried first; if none answers, the network counts as down."),
    )
    sources: list[str] = field(
        default_factory=lambda: ["../annotations/**/*.md", "claims/**/*.yml"],
        metadata=_help("Globs, relative to the source folder, of text files scanned for http(s) URLs."),
    )

    @classmethod
    def from_config(cls, config: Config) -> LinkcheckOptions:
        return cls(**{f.name: getattr(config, PREFIX + f.name) for f in dataclasses.fields(cls)})

    @property
    def host_interval(self) -> float:
        return 1.0 / self.host_rate


def _checks(options: LinkcheckOptions) -> Iterable[tuple[str, str]]:
    """(option, message) for each value of the right type that is still out of range."""
    for name in (
        "timeout",
        "host_rate",
        "deadline",
        "url_time",
        "cache_days",
        "workers",
        "per_host",
        "max_bytes",
    ):
        if getattr(options, name) <= 0:
            yield name, f"must be more than 0, not {getattr(options, name)!r}"
    for name in ("retries", "retry_after_max", "max_redirects"):
        if getattr(options, name) < 0:
            yield name, f"must not be negative, not {getattr(options, name)!r}"
    for address in options.probe:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            yield "probe", f"entries must be host:port, not {address!r}"


def get(config: Config) -> LinkcheckOptions:
    """The link check's options, from Sphinx's *config*."""
    return LinkcheckOptions.from_config(config)


def setup(app: Sphinx) -> None:
    edition_config.register(app, PREFIX, LinkcheckOptions, _checks)
