"""Anchoring time against the number of annotations, on the doctrees of a built edition.

    python -m tests.benchmark.anchoring --doctrees OUT/.doctrees --annotations ANNOTATIONS [--repeat 3]

Does what :func:`edition.annotations.placement.place` does to find quotations, with the
extension's own code: one :func:`page_text` per paper page (timed apart: it does not depend on
the annotations), one :class:`Automaton` over all quotations, then on every page the
``by_exact`` table, :meth:`Automaton.find` and :func:`accepts`. The quotations are the
annotations' own, then (to reach 2x and 4x as many) further distinct quotations of the same
shape taken from the text. Prints JSON: seconds for each count, and the exponent of a log-log
fit (1.0 is linear).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import pickle
import re
import sys
import time
from pathlib import Path
from typing import Any

from edition.annotations.anchoring import Automaton, accepts, normalise, page_text
from edition.annotations.loader import load_folder

#: The synthetic text's unique proper nouns (see tests/benchmark/synthetic.py) and two words.
NAME_PHRASE = re.compile(r"Q[bcdfghjklmnprstvz][aeiou][bcdfghjklmnprstvz][aeiou][bcdfghjklmnprstvz] \S+ \S+")


def fit_exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-9)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--doctrees", type=Path, required=True)
    parser.add_argument("--annotations", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted((args.doctrees / "paper").glob("*.doctree"))
    doctrees = [pickle.loads(p.read_bytes()) for p in paths]
    started = time.perf_counter()
    texts = [page_text(d).text for d in doctrees]
    text_seconds = time.perf_counter() - started
    loaded = load_folder(
        args.annotations, ["context", "correction", "source", "cross-reference", "later-development"]
    )
    raw = [a.selector.exact for a in loaded.annotations.values()]  # as written in the files
    own = [normalise(q) for q in raw]
    quotes = list(dict.fromkeys(own))
    originals = dict(zip(own, raw, strict=True))
    seen = set(quotes)
    for text in texts:
        for match in NAME_PHRASE.finditer(text):
            phrase = normalise(match.group())
            if phrase not in seen and "\u241e" not in phrase:
                seen.add(phrase)
                quotes.append(phrase)
    base = len(own) or len(quotes)
    sizes = sorted({n for n in (base // 4, base // 2, base, 2 * base, 4 * base) if 0 < n <= len(quotes)})
    points: list[dict[str, Any]] = []
    for n in sizes:
        chosen = quotes[:n]
        written = [originals.get(q, q) for q in chosen]
        runs = []
        found = 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            automaton = Automaton(normalise(q) for q in written)
            found = 0
            for text in texts:
                by_exact: dict[str, list[str]] = {}
                for quote in written:  # as place() does on every page: normalise each selector
                    by_exact.setdefault(normalise(quote), []).append(quote)
                for start, pattern in automaton.find(text):
                    for _quote in by_exact.get(pattern, []):
                        if accepts(text, start, pattern, "", ""):
                            found += 1
            runs.append(time.perf_counter() - started)
        runs.sort()
        points.append({"annotations": n, "seconds": round(runs[len(runs) // 2], 4), "matches": found})
    fitted: list[tuple[int, float]] = [(p["annotations"], p["seconds"]) for p in points]
    exponent = fit_exponent(fitted)
    doubling = None
    for p, q in itertools.pairwise(points):
        if p["annotations"] == base and q["annotations"] == 2 * base:
            doubling = round(q["seconds"] / p["seconds"], 3)
    result: dict[str, Any] = {
        "pages": len(texts),
        "characters": sum(len(t) for t in texts),
        "own_annotations": len(own),
        "page_text_seconds": round(text_seconds, 4),
        "points": points,
        "exponent": round(exponent, 3),
        "doubling_ratio": doubling,
    }
    json.dump(result, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
