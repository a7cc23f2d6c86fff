"""A bound on the total time one URL may take, however slowly its server answers.

A socket timeout bounds each wait, not the whole: a server that sends one byte every
few seconds never lets a read time out, and could hold a worker (and its host's slot)
until the check's overall time limit. So each worker arms the watchdog when it starts
on a URL; when the URL's time is up, the watchdog shuts down the socket the worker is
reading from (:meth:`Watchdog.note` learns it from the connection), the read ends at
once, and the worker reports the URL as timed out, with the time it took, and goes on
to the next URL.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass
class _Watch:
    armed_at: float
    due: float
    connection: Any = None  # the urllib3 connection the thread is using now
    sock: Any = None  # its socket, once the request is sent (the response reads on from it)
    shut: Any = None  # the socket last shut down for it

    def socket(self) -> Any:
        return self.sock if self.sock is not None else getattr(self.connection, "sock", None)


class Watchdog:
    """Per-thread time limits, enforced by one thread that wakes when the next is due."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: dict[int, _Watch] = {}
        self._wake = threading.Event()
        self._closed = False
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> None:
        """Start the calling thread's clock (if it is not running): *seconds* from now."""
        ident = threading.get_ident()
        with self._lock:
            if ident in self._watches:
                return
            now = time.monotonic()
            self._watches[ident] = _Watch(now, now + seconds)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="edition-linkcheck-watch")
                self._thread.start()
        self._wake.set()

    def disarm(self) -> None:
        """The calling thread is done with its URL."""
        with self._lock:
            self._watches.pop(threading.get_ident(), None)

    def note(self, connection: Any, sock: Any = None) -> None:
        """The calling thread sends a request on *connection* (a urllib3 connection); once it
        is sent, *sock* is the socket its answer is read from, even after the connection has
        handed it over to the response (as http.client does for an answer that ends by closing)."""
        with self._lock:
            watch = self._watches.get(threading.get_ident())
            if watch is not None:
                watch.connection, watch.sock = connection, sock

    def elapsed(self) -> float:
        """Seconds since the calling thread's clock started (0 if it has not)."""
        watch = self._watches.get(threading.get_ident())
        return time.monotonic() - watch.armed_at if watch is not None else 0.0

    def left(self) -> float:
        """Seconds left to the calling thread (infinite if its clock has not started)."""
        watch = self._watches.get(threading.get_ident())
        return watch.due - time.monotonic() if watch is not None else float("inf")

    def expired(self) -> bool:
        return self.left() <= 0

    def cut(self) -> bool:
        """Whether a read of the calling thread was ended: whatever it got may be incomplete
        (a status line and half the headers can look like a whole answer)."""
        watch = self._watches.get(threading.get_ident())
        return watch is not None and watch.shut is not None

    def close(self) -> None:
        """End every request still in flight, and the watchdog's thread."""
        with self._lock:
            self._closed = True
            for watch in self._watches.values():
                _shut(watch.socket())
        self._wake.set()

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
                now = time.monotonic()
                overdue = [w for w in self._watches.values() if w.due <= now]
                for watch in overdue:
                    # Again until the thread gives up: its connection may have had no socket yet.
                    sock = watch.socket()
                    if sock is not None and sock is not watch.shut:
                        watch.shut = sock
                        _shut(sock)
                pending = [w.due - now for w in self._watches.values() if w.due > now]
            wait = 0.05 if overdue else min(pending, default=None)
            self._wake.wait(timeout=wait)
            self._wake.clear()


def _shut(sock: Any) -> None:
    """Wake a thread blocked reading *sock*: shutting the socket down ends its read."""
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)
