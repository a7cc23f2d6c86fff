"""The external link check: each URL once, politely, within bounds.

Sphinx's checker is the model (HEAD first, then GET; anchors looked for in the
page), with its known weaknesses fixed:

- every wait is bounded: connect and read timeouts, a few retries, Retry-After
  honoured only up to a cap (then the URL is *rate-limited*), and a time limit for
  the whole check, after which what is left is *unchecked*;
- redirects are followed one by one, so a loop is named as a loop, and a redirect's
  body is never read;
- a page is streamed, and at most ``max_bytes`` of it are read looking for an anchor;
- per host, a limit on requests in flight and on their rate (:mod:`.politeness`);
- results are cached (:mod:`.cache`);
- when the network is down (:mod:`.network`), URLs are *unchecked*, not broken.
"""

from __future__ import annotations

import dataclasses
import email.utils
import queue
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin

from edition.linkcheck.fetch import Fetcher, FetchError, discard, find_anchor
from edition.linkcheck.model import Link, Outcome, Result, Status
from edition.linkcheck.network import Reachability, host_of, is_local, probe
from edition.linkcheck.politeness import HostGate, StoppedError
from edition.linkcheck.watchdog import Watchdog

if TYPE_CHECKING:
    from collections.abc import Iterable

    from urllib3.response import BaseHTTPResponse

    from edition.linkcheck.cache import Cache

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_REDIRECT_WORDS = {301: "permanently", 302: "found", 303: "see other", 307: "temporarily", 308: "permanently"}
_DEFAULT_BACKOFF = 5.0  # seconds, for a 429 without Retry-After


@dataclass(frozen=True)
class Settings:
    """Everything the checker needs, from the edition's options and Sphinx's ``linkcheck_*``."""

    timeout: float = 10.0
    retries: int = 2
    workers: int = 8
    per_host: int = 2
    host_interval: float = 0.25
    retry_after_max: float = 60.0
    deadline: float = 300.0
    url_time: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 10
    offline: bool = False
    probe: tuple[str, ...] = ("doi.org:443", "web.archive.org:443")
    check_anchors: bool = True
    anchors_ignore: tuple[re.Pattern[str], ...] = (re.compile("^!"),)
    anchors_ignore_for_url: tuple[re.Pattern[str], ...] = ()
    ignore: tuple[re.Pattern[str], ...] = ()
    allowed_redirects: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    allow_unauthorized: bool = False
    request_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    user_agent: str = ""
    tls_verify: bool = True
    tls_cacerts: str | dict[str, str] = ""


@dataclass
class Run:
    """The results of one check, and how it went."""

    results: list[Result]
    reachability: Reachability | None
    seconds: float
    deadline_hit: bool = False
    fresh: int = 0
    cached: int = 0
    peak_per_host: dict[str, int] = field(default_factory=dict)


class _Attempt:
    """The outcome of one try, and whether trying again may help."""

    __slots__ = ("outcome", "retry_after", "transient")

    def __init__(self, outcome: Outcome, *, transient: bool = False, retry_after: float | None = None):
        self.outcome = outcome
        self.transient = transient
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment - (now or time.time()))


def _malformed(uri: str) -> str:
    """Why *uri* cannot be a working URL, whatever the network says (or ``""``)."""
    if any(char.isspace() for char in uri):
        return "the URL contains white space: it was cut or mangled where it was written or rendered"
    if not host_of(uri):
        return "the URL has no host"
    return ""


def _normalise(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/")


def _interleave(links: Iterable[Link]) -> list[Link]:
    """Round-robin over hosts, so workers seldom queue for the same host."""
    by_host: dict[str, deque[Link]] = defaultdict(deque)
    for link in links:
        by_host[host_of(link.uri)].append(link)
    order: list[Link] = []
    while by_host:
        for host in list(by_host):
            order.append(by_host[host].popleft())
            if not by_host[host]:
                del by_host[host]
    return order


class ExternalChecker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stop = threading.Event()
        self.gate = HostGate(settings.per_host, settings.host_interval, self.stop)
        self.watchdog = Watchdog()
        self.fetcher = Fetcher(
            timeout=settings.timeout,
            per_host=settings.per_host,
            user_agent=settings.user_agent,
            request_headers=settings.request_headers,
            tls_verify=settings.tls_verify,
            tls_cacerts=settings.tls_cacerts,
            watchdog=self.watchdog,
        )
        self._deadline_at = 0.0

    # -- the run -------------------------------------------------------------

    def run(self, links: list[Link], cache: Cache | None = None, *, refresh: bool = False) -> Run:
        s = self.settings
        started = time.monotonic()
        self._deadline_at = started + s.deadline
        results: dict[str, Result] = {}
        to_check: list[Link] = []
        cached = 0
        for link in links:
            if malformed := _malformed(link.uri):
                results[link.uri] = Result(link, Outcome(Status.BROKEN, malformed))
                continue
            if any(p.match(link.uri) for p in s.ignore):
                results[link.uri] = Result(link, Outcome(Status.IGNORED, "matches linkcheck_ignore"))
                continue
            hit = None if refresh or cache is None else cache.get(link.uri)
            if hit:
                results[link.uri] = Result(link, hit[0], cached=True)
                cached += 1
            else:
                to_check.append(link)

        reachability = None
        remote = [link for link in to_check if not is_local(host_of(link.uri))]
        if remote:
            if s.offline:
                reachability = Reachability(False, "the check was asked to stay offline")
            else:
                reachability = probe(list(s.probe), timeout=min(3.0, s.timeout))
            if not reachability.online:
                for link in remote:
                    results[link.uri] = Result(link, Outcome(Status.UNCHECKED, reachability.reason))
                to_check = [link for link in to_check if link.uri not in results]

        fresh, deadline_hit = self._check_all(to_check, results)
        if cache is not None:
            for uri in fresh:
                cache.put(uri, results[uri].outcome)
        ordered = [self._with_archive(results[link.uri], results) for link in links]
        return Run(
            ordered,
            reachability,
            time.monotonic() - started,
            deadline_hit=deadline_hit,
            fresh=len(fresh),
            cached=cached,
            peak_per_host=dict(self.gate.peak),
        )

    def _check_all(self, links: list[Link], results: dict[str, Result]) -> tuple[list[str], bool]:
        if not links:
            return [], False
        work: queue.Queue[Link] = queue.Queue()
        for link in _interleave(links):
            work.put(link)
        done: queue.Queue[Result] = queue.Queue()
        began: dict[str, float] = {}  # when each URL's check started

        def worker() -> None:
            while not self.stop.is_set():
                try:
                    link = work.get_nowait()
                except queue.Empty:
                    return
                began[link.uri] = time.monotonic()
                try:
                    outcome = self.check(link.uri)
                except StoppedError:
                    return
                except Exception as exc:  # a bug must not hang the check
                    outcome = Outcome(Status.BROKEN, f"checking failed: {exc!r}")
                done.put(Result(link, outcome, seconds=time.monotonic() - began[link.uri]))

        for _ in range(min(self.settings.workers, len(links))):
            threading.Thread(target=worker, daemon=True, name="edition-linkcheck").start()
        fresh: list[str] = []
        deadline_hit = False
        while len(fresh) < len(links):
            remaining = self._deadline_at - time.monotonic()
            try:
                result = done.get(timeout=max(0.0, remaining))
            except queue.Empty:
                deadline_hit = True
                break
            results[result.link.uri] = result
            fresh.append(result.link.uri)
        # Threads still waiting on a server are abandoned (they are daemons, and every
        # wait of theirs ends at the timeout or when ``stop`` is set).
        self.stop.set()
        self.watchdog.close()  # ends the reads of threads still waiting on a server
        if not deadline_hit:
            self.fetcher.clear()
        limit = f"the check's time limit ({self.settings.deadline:g} s) ran out"
        now = time.monotonic()
        for link in links:
            if link.uri in results:
                continue
            if link.uri in began:
                took = now - began[link.uri]
                why = f"{limit} while this URL was being checked ({took:.1f} s)"
                results[link.uri] = Result(link, Outcome(Status.UNCHECKED, why), seconds=took)
            else:
                results[link.uri] = Result(link, Outcome(Status.UNCHECKED, f"{limit} before this URL"))
        return fresh, deadline_hit

    @staticmethod
    def _with_archive(result: Result, results: dict[str, Result]) -> Result:
        archive = result.link.archive
        if archive is None or archive.url not in results:
            return result
        return Result(result.link, result.outcome, result.cached, result.seconds, results[archive.url].status)

    # -- one URL -------------------------------------------------------------

    def check(self, uri: str) -> Outcome:
        """Check *uri*: retry what may pass on a second try, within the bounds; all of it,
        however slowly the server answers, within ``url_time`` of the first request."""
        try:
            outcome = self._check(uri)
        finally:
            took, cut, expired = self.watchdog.elapsed(), self.watchdog.cut(), self.watchdog.expired()
            self.watchdog.disarm()
        if cut or (expired and outcome.status not in (Status.WORKING, Status.REDIRECTED)):
            return Outcome(
                Status.TIMEOUT,
                f"no complete answer in {self.settings.url_time:g} s, the most one URL may take "
                f"(edition_linkcheck_url_time): gave up after {took:.1f} s",
                outcome.code,
            )
        return outcome

    def _check(self, uri: str) -> Outcome:
        s = self.settings
        url, _, anchor = uri.partition("#")
        anchor = unquote(anchor) if s.check_anchors else ""
        if anchor and (
            any(p.match(anchor) for p in s.anchors_ignore)
            or any(p.match(url) for p in s.anchors_ignore_for_url)
        ):
            anchor = ""
        waited = 0.0
        tries = 0
        host = host_of(url)
        while True:
            tries += 1
            attempt = self._attempt(url, anchor)
            outcome = attempt.outcome
            if self.watchdog.expired():
                return outcome
            if outcome.status is Status.RATE_LIMITED:
                delay = attempt.retry_after if attempt.retry_after is not None else _DEFAULT_BACKOFF
                said = (
                    f"Retry-After: {attempt.retry_after:g} s"
                    if attempt.retry_after is not None
                    else "no Retry-After"
                )
                if tries > s.retries:
                    return Outcome(Status.RATE_LIMITED, f"429 on each of {tries} tries ({said})", 429)
                if waited + delay > s.retry_after_max:
                    return Outcome(
                        Status.RATE_LIMITED,
                        f"429, {said}: waiting would pass the cap of {s.retry_after_max:g} s per URL",
                        429,
                    )
                if time.monotonic() + delay > self._deadline_at or delay > self.watchdog.left():
                    return Outcome(Status.RATE_LIMITED, f"429, {said}: more than the time left", 429)
                waited += delay
                self.gate.back_off(host, delay)
                continue
            if attempt.transient and tries <= s.retries:
                pause = min(2.0 ** (tries - 1), 10.0)
                if time.monotonic() + pause + s.timeout < self._deadline_at and pause < self.watchdog.left():
                    self.gate.sleep_until(time.monotonic() + pause)
                    continue
            if tries > 1 and outcome.status not in (Status.WORKING, Status.REDIRECTED):
                outcome = dataclasses.replace(outcome, info=f"{outcome.info} (after {tries} tries)")
            return outcome

    def _attempt(self, url: str, anchor: str) -> _Attempt:
        """One try: follow redirects hop by hop, then judge the final answer."""
        s = self.settings
        hops: list[tuple[int, str]] = []
        current = url
        seen = {_normalise(url)}
        for _ in range(s.max_redirects + 1):
            if self.watchdog.expired():
                return _Attempt(Outcome(Status.TIMEOUT, "out of time"))
            try:
                with self.gate.slot(host_of(current)):
                    self.watchdog.arm(s.url_time)  # the URL's clock starts with its first request
                    response = self._respond(current, need_body=bool(anchor))
                    try:
                        code = response.status
                        location = response.headers.get("Location")
                        if code in _REDIRECTS and location:
                            next_url = urljoin(current, location)
                        else:
                            return self._judge(url, current, response, anchor, hops)
                    finally:
                        discard(response)  # a redirect's or an error's body is never read
            except FetchError as failed:
                return _Attempt(failed.outcome, transient=failed.transient)
            hops.append((code, next_url))
            if _normalise(next_url) in seen:
                chain = " → ".join([url, *(h[1] for h in hops)])
                return _Attempt(Outcome(Status.BROKEN, f"redirect loop: {chain}", code))
            seen.add(_normalise(next_url))
            current = next_url
        return _Attempt(
            Outcome(Status.BROKEN, f"too many redirects (more than {s.max_redirects})", hops[0][0], current)
        )

    def _respond(self, url: str, *, need_body: bool) -> BaseHTTPResponse:
        """HEAD, and GET if the body is needed or HEAD is refused or fails."""
        if not need_body:
            try:
                response = self.fetcher.open("HEAD", url)
            except FetchError as failed:
                if failed.outcome.status is Status.TIMEOUT or not failed.transient or self.watchdog.expired():
                    raise  # GET would wait as long, or meet the same closed door
            else:
                if response.status < 400 or response.status == 429:
                    return response
                discard(response)
        return self.fetcher.open("GET", url)

    def _judge(
        self, url: str, final: str, response: BaseHTTPResponse, anchor: str, hops: list[tuple[int, str]]
    ) -> _Attempt:
        s = self.settings
        code = response.status
        if code == 429:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            return _Attempt(Outcome(Status.RATE_LIMITED, "429 Too Many Requests", 429), retry_after=wait)
        if code == 401:
            if s.allow_unauthorized:
                return _Attempt(Outcome(Status.WORKING, "401 unauthorized (allowed)", 401))
            return _Attempt(Outcome(Status.BROKEN, "401 Unauthorized", 401))
        if code >= 400:
            reason = f"{code} {response.reason or ''}".strip()
            return _Attempt(Outcome(Status.BROKEN, reason, code), transient=code >= 500 or code == 408)
        if anchor:
            missing = find_anchor(
                response, anchor, max_bytes=s.max_bytes, seconds=3 * s.timeout, stop=self.stop
            )
            if missing is not None:
                return _Attempt(missing, transient=missing.status is Status.TIMEOUT)
        if not hops:
            return _Attempt(Outcome(Status.WORKING, "", code))
        allowed = any(a.match(url) and b.match(final) for a, b in s.allowed_redirects)
        if _normalise(final) == _normalise(url) or allowed:
            return _Attempt(Outcome(Status.WORKING, "redirect allowed" if allowed else "", code, final))
        chain = "; ".join(f"{c} {_REDIRECT_WORDS.get(c, '')} to {u}".replace("  ", " ") for c, u in hops)
        return _Attempt(Outcome(Status.REDIRECTED, chain, hops[0][0], final))


def settings_from(config: Any, options: Any) -> Settings:
    """:class:`Settings` from Sphinx's *config* and the edition's linkcheck *options*."""
    allowed = config.linkcheck_allowed_redirects
    return Settings(
        timeout=float(options.timeout),
        retries=options.retries,
        workers=options.workers,
        per_host=options.per_host,
        host_interval=options.host_interval,
        retry_after_max=float(options.retry_after_max),
        deadline=float(options.deadline),
        url_time=float(options.url_time),
        max_bytes=options.max_bytes,
        max_redirects=options.max_redirects,
        offline=options.offline,
        probe=tuple(options.probe),
        check_anchors=bool(config.linkcheck_anchors),
        anchors_ignore=tuple(re.compile(p) for p in config.linkcheck_anchors_ignore),
        anchors_ignore_for_url=tuple(re.compile(p) for p in config.linkcheck_anchors_ignore_for_url),
        ignore=tuple(re.compile(p) for p in config.linkcheck_ignore),
        allowed_redirects=tuple(
            (re.compile(a) if isinstance(a, str) else a, re.compile(b) if isinstance(b, str) else b)
            for a, b in (allowed.items() if isinstance(allowed, dict) else ())
        ),
        allow_unauthorized=bool(config.linkcheck_allow_unauthorized),
        request_headers=dict(config.linkcheck_request_headers),
        user_agent=str(config.user_agent or ""),
        tls_verify=bool(config.tls_verify),
        tls_cacerts=config.tls_cacerts or "",
    )
