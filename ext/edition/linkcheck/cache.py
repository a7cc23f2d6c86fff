"""The results cache: one JSON file of ``{url: result, checked}``, so a re-run
checks only URLs that are new or whose result is older than the expiry.

Only settled results are kept: a working or redirected URL, a 4xx, a missing
anchor, a redirect loop. What may change within the hour (timeouts, 5xx, 429,
offline, out of time) is checked again on the next run.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from typing import TYPE_CHECKING, Any

from edition.linkcheck.model import Outcome, Status

if TYPE_CHECKING:
    from pathlib import Path

VERSION = 1


def cacheable(outcome: Outcome) -> bool:
    if outcome.status in (Status.WORKING, Status.REDIRECTED):
        return True
    if outcome.status is Status.BROKEN:
        # A client error, or a redirect loop or missing anchor (code 0), is settled;
        # a server error or a refused connection may be gone tomorrow.
        client_error = 400 <= outcome.code < 500 and outcome.code != 429
        return client_error or outcome.info.startswith(("redirect loop", "too many redirects", "anchor "))
    return False


class Cache:
    def __init__(self, path: Path, max_age_days: float) -> None:
        self.path = path
        self.max_age = max_age_days * 86400.0
        self._entries: dict[str, dict[str, Any]] = {}
        self.load_error = ""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION:
                self._entries = dict(data.get("entries", {}))
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            self.load_error = f"{path}: unreadable, starting afresh ({exc})"

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, uri: str, now: float | None = None) -> tuple[Outcome, float] | None:
        """The cached outcome of *uri* and when it was checked, if not expired."""
        entry = self._entries.get(uri)
        if not entry:
            return None
        checked = float(entry.get("checked", 0))
        if (now or time.time()) - checked > self.max_age:
            return None
        try:
            outcome = Outcome(
                Status(entry["status"]),
                entry.get("info", ""),
                int(entry.get("code", 0)),
                entry.get("final", ""),
            )
        except (KeyError, ValueError):
            return None
        return outcome, checked

    def put(self, uri: str, outcome: Outcome, now: float | None = None) -> None:
        if cacheable(outcome):
            self._entries[uri] = {
                "status": outcome.status.value,
                "code": outcome.code,
                "info": outcome.info,
                "final": outcome.final_url,
                "checked": round(now or time.time(), 3),
            }
        else:
            self._entries.pop(uri, None)

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache atomically; with *keep*, forget URLs no longer written anywhere."""
        entries = {u: e for u, e in self._entries.items() if keep is None or u in keep}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": VERSION, "entries": entries}, indent=1, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, self.path)
