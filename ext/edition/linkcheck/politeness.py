"""Politeness towards each host: at most *per_host* requests in flight, at most
one request started every *interval* seconds, and a shared back-off when the host
asks for one (429 with Retry-After). Every wait ends when the check is stopped."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


class StoppedError(Exception):
    """The check's time limit ran out while waiting for a host."""


class HostGate:
    def __init__(self, per_host: int, interval: float, stop: threading.Event) -> None:
        self.per_host = per_host
        self.interval = interval
        self.stop = stop
        self._lock = threading.Condition()
        self._busy: dict[str, int] = defaultdict(int)
        self._next_start: dict[str, float] = defaultdict(float)
        #: Most requests seen in flight at once, by host (for tests and the report).
        self.peak: dict[str, int] = defaultdict(int)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of *host*'s slots, started no sooner than its rate allows."""
        if self.stop.is_set():
            raise StoppedError
        with self._lock:
            while self._busy[host] >= self.per_host:
                if self.stop.is_set():
                    raise StoppedError
                self._lock.wait(0.1)
            self._busy[host] += 1
            self.peak[host] = max(self.peak[host], self._busy[host])
            start = max(time.monotonic(), self._next_start[host])
            self._next_start[host] = start + self.interval
        try:
            self.sleep_until(start)
            yield
        finally:
            with self._lock:
                self._busy[host] -= 1
                self._lock.notify_all()

    def back_off(self, host: str, seconds: float) -> None:
        """Start no request to *host* for *seconds* (the host asked for a pause)."""
        with self._lock:
            self._next_start[host] = max(self._next_start[host], time.monotonic() + seconds)

    def sleep_until(self, moment: float) -> None:
        delay = moment - time.monotonic()
        if delay > 0 and self.stop.wait(delay):
            raise StoppedError
