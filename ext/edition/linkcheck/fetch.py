"""One HTTP exchange, on urllib3 directly, so that nothing is read unless asked for.

``requests`` (which Sphinx's checker uses) reads the whole body of every redirect
response, even with ``allow_redirects=False`` and ``stream=True``: a hostile
redirect could make the check download without end. Here a response that is not
read is closed, and a page is read in chunks, up to a byte cap and a time limit.
"""

from __future__ import annotations

import codecs
import time
import urllib.request
from typing import TYPE_CHECKING, Any

import urllib3
from sphinx.builders.linkcheck import DEFAULT_REQUEST_HEADERS, AnchorCheckParser
from urllib3 import exceptions as errors
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util import parse_url

from edition.linkcheck.model import Outcome, Status

if TYPE_CHECKING:
    import threading

    from urllib3.response import BaseHTTPResponse

    from edition.linkcheck.watchdog import Watchdog

_CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that got no HTTP answer: ``outcome`` says why, ``transient`` whether
    another try may do better."""

    def __init__(self, outcome: Outcome, *, transient: bool) -> None:
        super().__init__(outcome.info)
        self.outcome = outcome
        self.transient = transient


def watched_pools(watchdog: Watchdog) -> dict[str, type[HTTPConnectionPool]]:
    """urllib3's pool classes (its public ``ConnectionCls`` hook), with connections that tell
    *watchdog* which connection each thread is sending on, so it can end a read in time."""

    class Noting:
        def request(self, *args: Any, **kwargs: Any) -> None:
            watchdog.note(self)  # connecting or sending may stall too
            super().request(*args, **kwargs)  # type: ignore[misc]
            watchdog.note(self, getattr(self, "sock", None))

    class Watched(Noting, HTTPConnection):
        pass

    class WatchedTLS(Noting, HTTPSConnection):
        pass

    class Pool(HTTPConnectionPool):
        ConnectionCls = Watched

    class PoolTLS(HTTPSConnectionPool):
        ConnectionCls = WatchedTLS

    return {"http": Pool, "https": PoolTLS}


class Fetcher:
    """Requests with bounded timeouts, no automatic redirects and no retries of its own;
    with a *watchdog*, each thread's request can also be ended when its URL's time is up."""

    def __init__(
        self,
        *,
        timeout: float,
        per_host: int,
        user_agent: str = "",
        request_headers: dict[str, dict[str, str]] | None = None,
        tls_verify: bool = True,
        tls_cacerts: str | dict[str, str] = "",
        watchdog: Watchdog | None = None,
    ) -> None:
        self.timeout = urllib3.Timeout(connect=timeout, read=timeout)
        self.user_agent = user_agent
        self.request_headers = request_headers or {}
        self.tls_verify = tls_verify
        self.tls_cacerts = tls_cacerts
        kwargs = {"num_pools": 64, "maxsize": max(1, per_host), "block": False}
        self._direct = urllib3.PoolManager(**kwargs, **self._tls(None))  # type: ignore[arg-type]
        self._proxies: dict[str, urllib3.ProxyManager] = {}
        self._kwargs = kwargs
        self._pools = watched_pools(watchdog) if watchdog is not None else None
        self._watch(self._direct)

    def _watch(self, manager: urllib3.PoolManager) -> None:
        if self._pools is not None:
            manager.pool_classes_by_scheme = self._pools

    def _tls(self, host: str | None) -> dict[str, str]:
        if not self.tls_verify:
            return {"cert_reqs": "CERT_NONE"}
        cacerts = self.tls_cacerts
        if isinstance(cacerts, dict):
            cacerts = cacerts.get(host or "", "")
        if not cacerts:
            try:  # the bundle requests uses, as Sphinx's checker does; else the system's
                import certifi
            except ImportError:
                return {"cert_reqs": "CERT_REQUIRED"}
            cacerts = certifi.where()
        return {"cert_reqs": "CERT_REQUIRED", "ca_certs": cacerts}

    def headers(self, url: str) -> dict[str, str]:
        """Sphinx's ``linkcheck_request_headers`` for *url*, and ``user_agent``."""
        parts = parse_url(url)
        base = f"{parts.scheme}://{parts.netloc}"
        headers = dict(DEFAULT_REQUEST_HEADERS)
        for key in (base, base + "/", url, "*"):
            if key in self.request_headers:
                headers.update(self.request_headers[key])
                break
        if self.user_agent:
            headers["User-Agent"] = self.user_agent
        return headers

    def _manager(self, url: str) -> urllib3.PoolManager:
        proxies = urllib.request.getproxies()
        scheme, host = parse_url(url).scheme or "http", parse_url(url).host or ""
        proxy = proxies.get(scheme) or proxies.get("all")
        if not proxy or urllib.request.proxy_bypass(host):
            return self._direct
        if proxy not in self._proxies:
            self._proxies[proxy] = urllib3.ProxyManager(proxy, **self._kwargs, **self._tls(None))  # type: ignore[arg-type]
            self._watch(self._proxies[proxy])
        return self._proxies[proxy]

    def open(self, method: str, url: str) -> BaseHTTPResponse:
        """Send *method* to *url*; the body is left unread. Raises :class:`FetchError`."""
        try:
            url = parse_url(url).url  # percent-encodes what must be (non-ASCII, spaces)
            manager = self._manager(url)
            if manager is self._direct and isinstance(self.tls_cacerts, dict):
                pool = manager.connection_from_url(url, pool_kwargs=self._tls(parse_url(url).host))
                return pool.urlopen(
                    method,
                    parse_url(url).request_uri,
                    headers=self.headers(url),
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    timeout=self.timeout,
                )
            return manager.request(
                method,
                url,
                headers=self.headers(url),
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=self.timeout,
            )
        except Exception as exc:
            raise failure(exc) from exc

    def clear(self) -> None:
        self._direct.clear()
        for manager in self._proxies.values():
            manager.clear()


def discard(response: BaseHTTPResponse) -> None:
    """Done with *response*: keep the connection only if nothing is left to read."""
    if getattr(response, "length_remaining", None) == 0:  # a HEAD, or an empty body
        response.release_conn()
    else:
        response.close()  # closing the socket is cheaper than reading an unwanted body
        response.release_conn()


def find_anchor(
    response: BaseHTTPResponse, anchor: str, *, max_bytes: int, seconds: float, stop: threading.Event
) -> Outcome | None:
    """``None`` if the page has an element with id (or name) *anchor*; else why the
    link fails or cannot be told. Reads at most *max_bytes* for at most *seconds*."""
    kind = (response.headers.get("Content-Type") or "").lower()
    if kind and "html" not in kind and "xml" not in kind:
        return None  # a PDF's #page=2 is not an id
    charset = "utf-8"
    if "charset=" in kind:
        charset = kind.split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or charset
    try:
        decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    except LookupError:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    parser = AnchorCheckParser(anchor)
    read = 0
    give_up = time.monotonic() + seconds
    try:
        for chunk in response.stream(_CHUNK, decode_content=True):
            read += len(chunk)
            parser.feed(decoder.decode(chunk))
            if parser.found:
                return None
            if read >= max_bytes:
                return Outcome(
                    Status.UNCHECKED,
                    f"anchor #{anchor} not in the first {read:,} bytes; the rest was not fetched "
                    "(edition_linkcheck_max_bytes)",
                    response.status,
                )
            if time.monotonic() > give_up:
                return Outcome(Status.TIMEOUT, f"the page was still arriving after {seconds:g} s")
            if stop.is_set():
                return Outcome(Status.UNCHECKED, "stopped: the check's time limit ran out")
    except Exception as exc:
        raise failure(exc) from exc
    parser.close()
    if parser.found:
        return None
    return Outcome(Status.BROKEN, f"anchor #{anchor} not found", response.status)


def failure(exc: BaseException) -> FetchError:
    """What an exception of urllib3 (or the socket) means for the link."""
    text = str(exc)
    if isinstance(exc, FetchError):
        return exc
    # NameResolutionError and NewConnectionError are kinds of ConnectTimeoutError: test them first.
    if isinstance(exc, errors.NameResolutionError):
        return FetchError(
            Outcome(Status.BROKEN, "host not found (the name does not resolve)"), transient=False
        )
    if isinstance(exc, errors.NewConnectionError):
        reason = "connection refused" if "refused" in text.lower() else f"cannot connect: {_short(text)}"
        return FetchError(Outcome(Status.BROKEN, reason), transient="refused" not in text.lower())
    if isinstance(exc, errors.ConnectTimeoutError):
        return FetchError(Outcome(Status.TIMEOUT, "no answer in time (connect timeout)"), transient=True)
    if isinstance(exc, (errors.ReadTimeoutError, TimeoutError)) or "timed out" in text.lower():
        return FetchError(Outcome(Status.TIMEOUT, "no answer in time (read timeout)"), transient=True)
    if isinstance(exc, errors.SSLError):
        return FetchError(Outcome(Status.BROKEN, f"TLS error: {_short(text)}"), transient=False)
    if isinstance(exc, (errors.LocationValueError, ValueError)):
        return FetchError(Outcome(Status.BROKEN, f"invalid URL: {_short(text)}"), transient=False)
    if isinstance(exc, errors.ProxyError):
        return FetchError(Outcome(Status.BROKEN, f"proxy error: {_short(text)}"), transient=True)
    return FetchError(Outcome(Status.BROKEN, f"connection failed: {_short(text)}"), transient=True)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
