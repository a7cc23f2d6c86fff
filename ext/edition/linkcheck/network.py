"""Is the network there? A short probe before any request, so that an offline
machine is said to be offline instead of reporting every link broken."""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reachability:
    online: bool
    reason: str  # why it is thought offline, or which address answered


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_local(host: str) -> bool:
    """Hosts of this machine, reachable without a network."""
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _proxy_address() -> str | None:
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        value = os.environ.get(name)
        if value:
            parts = urlsplit(value if "://" in value else "http://" + value)
            if parts.hostname:
                return f"{parts.hostname}:{parts.port or 80}"
    return None


def _try(address: str, timeout: float) -> str | None:
    """``None`` if *address* answers, else the reason it does not."""
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return None
    except OSError as exc:
        return f"{address}: {exc.strerror or exc}"


def probe(addresses: list[str], timeout: float = 3.0) -> Reachability:
    """Connect to each of *addresses* at once (through the proxy if one is set);
    the network is up if any answers within *timeout*."""
    proxy = _proxy_address()
    targets = [proxy] if proxy else list(addresses)
    if not targets:
        return Reachability(True, "no probe configured")
    reasons: dict[str, str | None] = {}
    answered = threading.Event()

    def attempt(address: str) -> None:
        reasons[address] = reason = _try(address, timeout)
        if reason is None:
            answered.set()

    threads = [threading.Thread(target=attempt, args=(a,), daemon=True) for a in targets]
    for thread in threads:
        thread.start()
    end = time.monotonic() + timeout + 0.5
    while not answered.is_set() and any(t.is_alive() for t in threads) and time.monotonic() < end:
        answered.wait(0.05)
    if answered.is_set():
        first = next(a for a, r in reasons.items() if r is None)
        return Reachability(True, f"{first} answered")
    why = "; ".join(reasons.get(a) or f"{a}: no answer within {timeout:g} s" for a in targets)
    via = " (through the proxy)" if proxy else ""
    return Reachability(False, f"the network is unreachable{via}: {why}")
