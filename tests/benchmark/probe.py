"""A measuring hook loaded into benchmark builds (edition and bare alike) when ``BENCH_PROBE``
names a file. It appends one JSON line per event: ``{"read": [docnames]}`` when Sphinx is about
to read documents, ``{"written": docname}`` for each HTML page it writes, and at the end
``{"timings": {"edition.module.handler": seconds, ...}}``, the time spent in each event handler
of the edition (each is wrapped, once all extensions are set up, in a timer). It changes nothing
else."""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TIMINGS: defaultdict[str, float] = defaultdict(float)
CALLS: defaultdict[str, int] = defaultdict(int)


def _append(record: dict[str, Any]) -> None:
    path = os.environ.get("BENCH_PROBE")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def _read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _append({"read": sorted(docnames)})


def _written(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    _append({"written": pagename})


def _timed(name: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            TIMINGS[name] += time.perf_counter() - started
            CALLS[name] += 1

    return timed


def _wrap_edition_handlers(app: Sphinx) -> None:
    for event, listeners in app.events.listeners.items():
        for i, listener in enumerate(listeners):
            module = getattr(listener.handler, "__module__", "") or ""
            if module.split(".")[0] == "edition":
                name = f"{module}.{getattr(listener.handler, '__qualname__', '?')}"
                listeners[i] = listener._replace(handler=_timed(f"{name} [{event}]", listener.handler))


def _finished(app: Sphinx, exception: Exception | None) -> None:
    _append(
        {
            "timings": {k: round(v, 4) for k, v in sorted(TIMINGS.items())},
            "calls": dict(sorted(CALLS.items())),
        }
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", _read)
    app.connect("html-page-context", _written)
    app.connect("builder-inited", _wrap_edition_handlers, priority=999)
    app.connect("build-finished", _finished, priority=999)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
