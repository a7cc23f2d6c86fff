"""The external link check against a real HTTP server on 127.0.0.1 that misbehaves
in every way the issue names: each link's classification, and that each check
ends within a bound. No network is mocked."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, ClassVar

import pytest

from conftest import warnings_of
from edition.linkcheck.cache import Cache
from edition.linkcheck.external import ExternalChecker, Settings, retry_after_seconds
from edition.linkcheck.model import ArchivedCopy, Link, Location, Status

if TYPE_CHECKING:
    from collections.abc import Iterator

HUGE = 400 * 1024 * 1024  # bytes the server offers; the check must not take them all
#: Seconds between two bytes of a dribbling server: well within the read timeout of FAST.
DRIBBLE = 0.1
PAGE = b"<!DOCTYPE html><html><body><h1 id='here'>Here</h1><p>text</p></body></html>"


class Hostile(BaseHTTPRequestHandler):
    """Each path is one behaviour; the server counts what it was asked and sent."""

    protocol_version = "HTTP/1.0"
    hits: ClassVar[dict[str, int]] = defaultdict(int)
    sent: ClassVar[dict[str, int]] = defaultdict(int)
    active: ClassVar[dict[str, int]] = defaultdict(int)
    peak: ClassVar[dict[str, int]] = defaultdict(int)
    starts: ClassVar[dict[str, list[float]]] = defaultdict(list)
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self.route(head=True)

    def do_GET(self) -> None:
        self.route(head=False)

    def answer(self, code: int, body: bytes = PAGE, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def route(self, *, head: bool) -> None:
        path = self.path
        group = path.split("?")[0].split("/")[1]
        with self.lock:
            self.hits[path] += 1
            hit = self.hits[path]
            self.active[group] += 1
            self.peak[group] = max(self.peak[group], self.active[group])
            self.starts[group].append(time.monotonic())
        try:
            self.behave(path, group, hit, head=head)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self.lock:
                self.active[group] -= 1

    def behave(self, path: str, group: str, hit: int, *, head: bool) -> None:
        path = path.split("?")[0]
        if group == "ok":
            self.answer(200)
        elif group == "status":
            self.answer(int(path.split("/")[2]))
        elif group == "chain":  # /chain/N/token -> /chain/N-1/token -> ... -> /ok
            n, token = int(path.split("/")[2]), path.split("/")[3]
            target = "/ok" if n == 0 else f"/chain/{n - 1}/{token}"
            self.answer(301 if n % 2 else 302, b"", {"Location": target})
        elif group == "loop":  # /loop/a <-> /loop/b
            self.answer(302, b"", {"Location": "/loop/b" if path.endswith("/a") else "/loop/a"})
        elif group == "slow":
            time.sleep(3)
            self.answer(200)
        elif group == "always429":  # /always429/<seconds>/token
            self.answer(429, b"slow down", {"Retry-After": path.split("/")[2]})
        elif group == "once429":
            if hit == 1:
                self.answer(429, b"slow down", {"Retry-After": "1"})
            else:
                self.answer(200)
        elif group == "huge":
            self.stream_huge(head=head)
        elif group == "nohead":  # refuses HEAD, then streams a huge body to GET
            if head:
                self.answer(405, b"")
            else:
                self.stream_huge(head=False)
        elif group == "polite":
            time.sleep(0.15)
            self.answer(200)
        elif group == "dribble":  # the status line and headers, one byte every DRIBBLE seconds
            self.dribble(
                b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 400 + b"\r\n\r\n"
            )
        elif group == "todribble":  # a quick redirect to a dribbling page: the bound spans the hops
            self.answer(302, b"", {"Location": "/dribble" + path.removeprefix("/todribble")})
        elif group == "dribblebody":  # quick headers, then the page one byte at a time
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
            if not head:
                self.dribble(b"<html><body>" + b"<p>x</p>" * 200 + PAGE)
        else:
            self.answer(404)

    def dribble(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            with self.lock:
                self.sent[self.path] += 1
            time.sleep(DRIBBLE)

    def stream_huge(self, *, head: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        if head:
            return
        chunk = b"<p>filler filler filler filler filler filler filler filler</p>\n" * 1024
        written = 0
        while written < HUGE:
            self.wfile.write(chunk)
            written += len(chunk)
            with self.lock:
                self.sent[self.path] += len(chunk)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = Settings(
    timeout=0.5,
    retries=1,
    workers=8,
    per_host=8,
    host_interval=0.0,
    retry_after_max=3.0,
    deadline=20.0,
    max_bytes=1_000_000,
    probe=(),
)


def check(urls: list[str], settings: Settings = FAST, cache: Cache | None = None, **kwargs: bool):
    links = [Link(url, (Location("test.md", n),)) for n, url in enumerate(urls, start=1)]
    started = time.monotonic()
    run = ExternalChecker(settings).run(links, cache, **kwargs)
    if cache is not None:
        cache.save()
    return {r.link.uri: r for r in run.results}, run, time.monotonic() - started


def test_200_is_working(server):
    plain, unicode = f"{server}/ok", f"{server}/ok/año nuevo"
    results, _, elapsed = check([plain, unicode.replace(" ", "%20")])
    assert results[plain].status is Status.WORKING
    assert results[unicode.replace(" ", "%20")].status is Status.WORKING
    assert Hostile.hits["/ok/a%C3%B1o%20nuevo"] == 1  # sent percent-encoded
    assert elapsed < 2


def test_404_and_500_are_broken_with_their_codes(server):
    results, _, elapsed = check([f"{server}/status/404", f"{server}/status/500"])
    not_found, error = results[f"{server}/status/404"].outcome, results[f"{server}/status/500"].outcome
    assert (not_found.status, not_found.code) == (Status.BROKEN, 404)
    assert (error.status, error.code) == (Status.BROKEN, 500)
    assert "after 2 tries" in error.info  # a 5xx may pass on a second try; a 404 is not retried
    assert Hostile.hits["/status/404"] == 2  # HEAD, then GET (Sphinx's fallback for refused HEADs)
    assert elapsed < 4


def test_a_chain_of_redirects_is_redirected_to_its_end(server):
    url = f"{server}/chain/3/a"
    results, _, elapsed = check([url])
    outcome = results[url].outcome
    assert outcome.status is Status.REDIRECTED
    assert outcome.final_url == f"{server}/ok"
    assert outcome.code == 301  # the first hop: the URL itself moved
    assert outcome.info.count(" to ") == 4  # every hop is named
    assert elapsed < 2


def test_a_redirect_loop_is_broken_and_named(server):
    url = f"{server}/loop/a"
    results, _, elapsed = check([url])
    outcome = results[url].outcome
    assert outcome.status is Status.BROKEN
    assert outcome.info == f"redirect loop: {url} → {server}/loop/b → {url}"
    assert elapsed < 2


def test_a_response_slower_than_the_timeout_times_out(server):
    url = f"{server}/slow/1"
    results, _, elapsed = check([url])
    assert results[url].status is Status.TIMEOUT
    # two tries of 0.5 s plus a 1 s pause: far from the server's 3 s, let alone forever
    assert elapsed < 3


@pytest.mark.parametrize("retries", [1, 50])
def test_429_with_retry_after_on_every_request_ends_rate_limited(server, retries):
    url = f"{server}/always429/1/r{retries}"
    settings = Settings(**{**FAST.__dict__, "retries": retries, "retry_after_max": 2.0})
    results, _, elapsed = check([url], settings)
    outcome = results[url].outcome
    assert outcome.status is Status.RATE_LIMITED
    assert outcome.code == 429
    # Retry-After is honoured up to the cap (2 s per URL), however many retries are allowed.
    assert elapsed < 3.5
    assert Hostile.hits[f"/always429/1/r{retries}"] <= 3


def test_a_retry_after_beyond_the_cap_is_not_waited_for(server):
    url = f"{server}/always429/3600/x"
    results, _, elapsed = check([url])
    assert results[url].status is Status.RATE_LIMITED
    assert "cap of 3 s" in results[url].outcome.info
    assert elapsed < 1


def test_429_once_then_200_is_working_after_the_wait(server):
    url = f"{server}/once429/a"
    results, _, elapsed = check([url])
    assert results[url].status is Status.WORKING
    assert 1.0 <= elapsed < 3  # Retry-After: 1 was honoured


def test_a_missing_anchor_is_broken_and_a_present_one_works(server):
    missing, present = f"{server}/ok#nowhere", f"{server}/ok#here"
    results, _, _ = check([missing, present])
    assert results[missing].status is Status.BROKEN
    assert results[missing].outcome.info == "anchor #nowhere not found"
    assert results[present].status is Status.WORKING


def test_a_huge_body_is_never_downloaded(server):
    plain, anchored, nohead = f"{server}/huge/1", f"{server}/huge/2#nowhere", f"{server}/nohead/3"
    results, _, elapsed = check([plain, anchored, nohead])
    assert results[plain].status is Status.WORKING  # HEAD is enough
    assert results[nohead].status is Status.WORKING  # GET, headers only
    outcome = results[anchored].outcome
    assert outcome.status is Status.UNCHECKED
    assert "not in the first" in outcome.info and "not fetched" in outcome.info
    assert elapsed < 5
    time.sleep(0.2)  # let the server notice the closed connections
    # At most the byte cap plus what socket buffers hold: megabytes, not 400 MB.
    assert Hostile.sent["/huge/2"] < 40 * 1024 * 1024
    assert Hostile.sent["/nohead/3"] < 40 * 1024 * 1024


def test_the_second_run_is_served_from_the_cache(server, tmp_path):
    urls = [f"{server}/ok?cache", f"{server}/status/404?cache", f"{server}/chain/2/cache"]
    cache_file = tmp_path / "cache.json"
    first, run1, _ = check(urls, cache=Cache(cache_file, 7))
    assert (run1.fresh, run1.cached) == (3, 0)
    paths = ["/ok?cache", "/status/404?cache", "/chain/2/cache", "/chain/1/cache", "/chain/0/cache"]
    hits = [Hostile.hits[p] for p in paths]

    second, run2, elapsed = check(urls, cache=Cache(cache_file, 7))
    assert (run2.fresh, run2.cached) == (0, 3)
    assert [Hostile.hits[p] for p in paths] == hits  # not one request
    assert all(second[u].cached and second[u].status is first[u].status for u in urls)
    assert elapsed < 0.5

    _, run3, _ = check(urls, cache=Cache(cache_file, 7), refresh=True)  # the flag forces a re-check
    assert (run3.fresh, run3.cached) == (3, 0)


def test_an_expired_or_unsettled_result_is_checked_again(server, tmp_path):
    cache_file = tmp_path / "cache.json"
    ok, slow = f"{server}/ok?expiry", f"{server}/slow/2"
    check([ok, slow], Settings(**{**FAST.__dict__, "retries": 0}), cache=Cache(cache_file, 7))
    data = json.loads(cache_file.read_text())
    assert set(data["entries"]) == {ok}  # a timeout is not cached
    data["entries"][ok]["checked"] -= 8 * 86400  # eight days ago
    cache_file.write_text(json.dumps(data))
    _, run, _ = check([ok], cache=Cache(cache_file, 7))
    assert (run.fresh, run.cached) == (1, 0)


def test_offline_is_reported_as_unchecked_not_broken(server):
    settings = Settings(**{**FAST.__dict__, "probe": ("nowhere.invalid:443",)})
    remote, local = "https://nowhere.invalid/page", f"{server}/ok?offline"
    results, run, elapsed = check([remote, local], settings)
    assert run.reachability is not None and not run.reachability.online
    assert results[remote].status is Status.UNCHECKED
    assert results[remote].outcome.info.startswith("the network is unreachable: nowhere.invalid:443")
    assert results[local].status is Status.WORKING  # this machine is still checked
    assert elapsed < 3


def test_a_probe_that_gets_no_connection_counts_as_offline(server):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: every connection is refused
    try:
        settings = Settings(**{**FAST.__dict__, "probe": (f"127.0.0.1:{closed.getsockname()[1]}",)})
        results, run, elapsed = check(["https://example.org/x"], settings)
    finally:
        closed.close()
    assert results["https://example.org/x"].status is Status.UNCHECKED
    assert run.reachability is not None and not run.reachability.online
    assert "Connection refused" in run.reachability.reason
    assert elapsed < 2


def test_online_an_unknown_host_is_broken(server):
    settings = Settings(**{**FAST.__dict__, "probe": (server.removeprefix("http://"),)})
    results, run, _ = check(["https://nowhere.invalid/page"], settings)
    assert run.reachability is not None and run.reachability.online
    assert results["https://nowhere.invalid/page"].status is Status.BROKEN
    assert "host not found" in results["https://nowhere.invalid/page"].outcome.info


def test_offline_mode_makes_no_request(server):
    settings = Settings(**{**FAST.__dict__, "offline": True, "probe": ("doi.org:443",)})
    results, _, elapsed = check(["https://doi.org/10.1000/1"], settings)
    assert results["https://doi.org/10.1000/1"].outcome.info == "the check was asked to stay offline"
    assert elapsed < 0.5


def test_the_whole_check_ends_at_its_deadline(server):
    urls = [f"{server}/slow/d{n}" for n in range(6)]
    settings = Settings(**{**FAST.__dict__, "timeout": 5.0, "deadline": 1.0, "workers": 2})
    results, run, elapsed = check(urls, settings)
    assert run.deadline_hit
    assert elapsed < 2
    assert all(r.status is Status.UNCHECKED and "time limit" in r.outcome.info for r in results.values())


@pytest.mark.parametrize("group", ["dribble", "dribblebody", "todribble"])
def test_a_server_that_dribbles_times_out_at_the_url_bound_and_others_go_on(server, group):
    """One byte every 0.1 s never trips the 0.5 s read timeout: the URL's own bound ends it,
    reported as timed out with the time it took, while the other URLs are checked meanwhile."""
    slow = f"{server}/{group}/{time.monotonic_ns()}" + ("#here" if group == "dribblebody" else "")
    quick = [f"{server}/ok/beside-{group}-{n}" for n in range(6)]
    settings = Settings(**{**FAST.__dict__, "url_time": 1.5, "workers": 2})
    results, run, elapsed = check([slow, *quick], settings)
    outcome = results[slow].outcome
    assert outcome.status is Status.TIMEOUT
    assert outcome.info.startswith("no complete answer in 1.5 s, the most one URL may take")
    took = float(outcome.info.rsplit("gave up after ", 1)[1].split(" s")[0])
    assert 1.5 <= took < 2.5, outcome.info
    assert 1.5 <= results[slow].seconds < 2.5
    assert all(results[url].status is Status.WORKING for url in quick)
    assert elapsed < 3.5 and not run.deadline_hit
    sent = Hostile.sent[slow.removeprefix(server).split("#")[0]]
    assert sent < 40, "the server was cut off, not read to the end"


def test_the_deadline_names_a_url_being_checked_with_its_time(server):
    urls = [f"{server}/slow/inflight{n}" for n in range(3)]
    settings = Settings(**{**FAST.__dict__, "timeout": 5.0, "deadline": 1.0, "workers": 1})
    results, _, _ = check(urls, settings)
    first, *rest = (results[url] for url in urls)
    assert first.outcome.info.startswith(
        "the check's time limit (1 s) ran out while this URL was being checked ("
    )
    assert 0.9 <= first.seconds < 2
    assert all(r.outcome.info == "the check's time limit (1 s) ran out before this URL" for r in rest)


def test_requests_to_a_host_are_limited_in_number_and_rate(server):
    urls = [f"{server}/polite/{n}" for n in range(10)]
    settings = Settings(**{**FAST.__dict__, "per_host": 2, "host_interval": 0.05})
    results, run, _ = check(urls, settings)
    assert all(r.status is Status.WORKING for r in results.values())
    assert Hostile.peak["polite"] <= 2
    assert run.peak_per_host["127.0.0.1"] <= 2
    # The rate as the server sees it: arrival times jitter on a busy machine (one late request
    # makes the next gap short), but ten requests at most one per 0.05 s cannot all arrive in
    # less than nine intervals.
    starts = sorted(Hostile.starts["polite"])
    assert starts[-1] - starts[0] >= 9 * 0.05 * 0.95


def test_a_mangled_url_is_broken_even_offline():
    settings = Settings(**{**FAST.__dict__, "offline": True})
    url = "http://www-personal.umich.edu/ graceyor/govdocs/text/fox201.txt"
    results, _, _ = check([url, "https:///path"], settings)
    assert results[url].status is Status.BROKEN
    assert results[url].outcome.info.startswith("the URL contains white space")
    assert results["https:///path"].outcome.info == "the URL has no host"


def test_a_mangled_url_on_a_page_is_traced_to_the_url_it_was_made_from():
    from edition.linkcheck.builder import _origin
    from edition.linkcheck.sources import Occurrence

    written = [
        Occurrence("http://example.org/a?x=1&y=2", Location("refs.bib", 4)),
        Occurrence("http://example.org/b", Location("refs.bib", 9)),
    ]
    origin = _origin("http://example.org/a?x=1 y=2", written)
    assert origin is not None and origin.location == Location("refs.bib", 4)
    assert _origin("http://elsewhere.org/", written) is None


def test_retry_after_takes_seconds_or_an_http_date():
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert retry_after_seconds("soon") is None


def test_a_broken_live_url_names_its_archived_copy(server):
    copy = ArchivedCopy(f"{server}/ok?archived", "2020-01-01")
    links = [
        Link(f"{server}/status/404?live", (Location("refs.bib", 3),), copy),
        Link(copy.url, (Location("refs.bib", 4),)),
    ]
    run = ExternalChecker(FAST).run(links)
    live = run.results[0]
    assert live.status is Status.BROKEN
    assert live.archive_status is Status.WORKING
    from edition.linkcheck.report import covered, fails, problem_message

    assert covered(live) and not fails(live, strict=True)
    assert problem_message(live) == (
        f"broken external link {server}/status/404?live: 404 Not Found; the live URL is broken, "
        f"archived copy: {server}/ok?archived (2020-01-01), working"
    )


# -- the builder, on a small book with a library and annotations ----------------------


def book_files(server: str) -> dict[str, str]:
    return {
        "index.md": (
            "# Links\n\n"
            f"A page that works: <{server}/ok?page>.\n\n"
            f"A page that is gone: [gone]({server}/status/404?page).\n\n"
            "As the library says {cite}`live` and {cite}`gone`.\n\n"
            "```{toctree}\nbibliography\n```\n"
        ),
        "refs.bib": (
            "@misc{live,\n"
            "  title   = {Live},\n"
            "  year    = {2000},\n"
            f"  url     = {{{server}/ok?bib}}\n"
            "}\n\n"
            "@misc{gone,\n"
            "  title   = {Gone},\n"
            "  year    = {2000},\n"
            f"  url     = {{{server}/status/410?bib}},\n"
            f"  archive = {{{server}/ok?copy}},\n"
            "  urldate = {2019-05-04},\n"
            "  doi     = {10.1000/182}\n"
            "}\n"
        ),
        "notes/note.md": f"---\ntarget: x\n---\nSee {server}/status/404?note, and\n{server}/ok?note.\n",
    }


def build_links(make_app, copy_root, server, **overrides):
    srcdir = copy_root("links", book_files(server))
    confoverrides = {"edition_linkcheck_probe": ["nowhere.invalid:443"], **overrides}
    app = make_app("edition-linkcheck", srcdir=srcdir, confoverrides=confoverrides)
    app.build()
    report = json.loads((app.outdir / "report.json").read_text())
    by_uri = {link["uri"]: link for link in report["links"]}
    return app, report, by_uri, srcdir


def test_each_result_maps_back_to_its_source(make_app, copy_root, server):
    app, report, links, srcdir = build_links(make_app, copy_root, server)

    def where(uri: str) -> list[str]:
        return [
            f"{loc['path'].replace(str(srcdir) + '/', '')}:{loc['line']}" for loc in links[uri]["locations"]
        ]

    assert where(f"{server}/ok?bib") == ["refs.bib:4"]  # the field's own line, not the bibliography page
    assert where(f"{server}/status/410?bib") == ["refs.bib:10"]
    assert where(f"{server}/ok?copy") == ["refs.bib:11"]
    assert where("https://doi.org/10.1000/182") == ["refs.bib:13"]
    assert where(f"{server}/status/404?note") == ["notes/note.md:4"]
    assert where(f"{server}/ok?note") == ["notes/note.md:5"]
    assert where(f"{server}/ok?page") == ["index.md:3"]
    assert where(f"{server}/status/404?page") == ["index.md:5"]

    assert links[f"{server}/status/410?bib"]["status"] == "broken"
    assert links[f"{server}/status/410?bib"]["archive"] == {
        "url": f"{server}/ok?copy",
        "date": "2019-05-04",
        "status": "working",
    }
    # offline for the world (the probe fails), online for this machine
    assert links["https://doi.org/10.1000/182"]["status"] == "unchecked"
    assert report["network"]["online"] is False
    assert report["counts"] == {
        "working": 4,
        "redirected": 0,
        "broken": 3,
        "timeout": 0,
        "rate-limited": 0,
        "unchecked": 1,
        "ignored": 0,
    }
    # Not strict: broken external links are warnings at their place; the build passes.
    assert app.statuscode == 0
    warnings = warnings_of(app).replace(str(srcdir) + "/", "")
    assert (
        f"notes/note.md:4: WARNING: broken external link {server}/status/404?note: 404 Not Found" in warnings
    )
    assert (
        f"refs.bib:10: WARNING: broken external link {server}/status/410?bib: 410 Gone; the live URL is broken, archived copy: {server}/ok?copy (2019-05-04), working (the archived copy stands in for it) [edition.link]"
        in warnings
    )
    summary = (app.outdir / "summary.txt").read_text()
    assert "1 URLs went unchecked:\n    1 × the network is unreachable: nowhere.invalid:443" in summary


def test_strict_fails_on_broken_or_unchecked_links(make_app, copy_root, server):
    app, report, _, _ = build_links(make_app, copy_root, server, edition_linkcheck_strict=True)
    assert report["failed"] is True
    assert app.statuscode == 1
    assert "ERROR: unchecked external link https://doi.org/10.1000/182" in warnings_of(app)


@pytest.mark.parametrize("jobs", [1, 2])
def test_html_links_carry_robust_links_attributes(make_app, copy_root, server, jobs):
    srcdir = copy_root("links", book_files(server))
    app = make_app("html", srcdir=srcdir, parallel=jobs)
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "bibliography.html").read_text()
    assert (
        f'<a data-originalurl="{server}/status/410?bib" data-versionurl="{server}/ok?copy" '
        f'data-versiondate="2019-05-04" class="reference external" href="{server}/status/410?bib">'
    ) in html
    assert html.count("data-versionurl=") == 1  # only the link with an archived copy


def test_a_link_to_an_archived_copy_and_its_live_url_on_one_page(make_app, copy_root, server):
    live = "https://example.org/statement"
    copy = f"https://web.archive.org/web/20070220212833/{live}"
    page = f"# Links\n\nThe [statement]({live}), [archived]({copy}).\n\n```{{toctree}}\nbibliography\n```\n"
    srcdir = copy_root("links", {**book_files(server), "index.md": page})
    app = make_app("html", srcdir=srcdir)
    app.build()
    html = (app.outdir / "index.html").read_text()
    robust = f'data-originalurl="{live}" data-versionurl="{copy}" data-versiondate="2007-02-20"'
    assert html.count(robust) == 2  # on the live link and on the archived one


def test_the_builder_collects_the_same_links_in_parallel(make_app, copy_root, server):
    srcdir = copy_root("links", book_files(server))
    reports = []
    for jobs in (1, 2):
        app = make_app("edition-linkcheck", srcdir=srcdir, builddir=srcdir / f"_build-{jobs}", parallel=jobs)
        app.build()
        data = json.loads((app.outdir / "report.json").read_text())
        reports.append(sorted((link["uri"], link["status"], link["locations"]) for link in data["links"]))
        app.cleanup()
    assert reports[0] == reports[1]
    assert len(reports[0]) == 8
