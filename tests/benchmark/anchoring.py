"""Anchoring time against the number of quotations, on the doctrees of a built edition.

    python -m tests.benchmark.anchoring --doctrees OUT/.doctrees --annotations ANNOTATIONS [--repeat 3]

Calls the extension's own anchoring code directly: :func:`page_text` once per paper page
(timed apart: it does not depend on the annotations), then for each number of quotations one
:class:`Automaton` over them and, on every page, :meth:`Automaton.find` with :func:`accepts`.
The quotations are the annotations' own, then (to reach 2x and 4x as many) further distinct
quotations of the same shape taken from the text. Prints JSON: seconds for each count, the
exponent of a log-log fit (1.0 is linear) and the ratio for twice the book's own number.
(The whole handler, ``placement.place``, is timed in real builds by
:func:`tests.benchmark.measures.anchoring_builds`.)
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import re
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmark.measures import fit_exponent

from edition.annotations.anchoring import Automaton, accepts, normalise, page_text
from edition.annotations.loader import load_folder

#: The synthetic text's unique proper nouns (see tests/benchmark/synthetic.py) and two words.
NAME_PHRASE = re.compile(r"Q[bcdfghjklmnprstvz][aeiou][bcdfghjklmnprstvz][aeiou][bcdfghjklmnprstvz] \S+ \S+")
KINDS = ["context", "correction", "source", "cross-reference", "later-development"]


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
    loaded = load_folder(args.annotations, KINDS)
    own = list(dict.fromkeys(normalise(a.selector.exact) for a in loaded.annotations.values()))
    quotes = list(own)
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
        runs = []
        found = 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            automaton = Automaton(chosen)
            found = 0
            for text in texts:
                for start, pattern in automaton.find(text):
                    if accepts(text, start, pattern, "", ""):
                        found += 1
            runs.append(time.perf_counter() - started)
        runs.sort()
        points.append({"annotations": n, "seconds": round(runs[len(runs) // 2], 4), "matches": found})
    exponent = fit_exponent([(float(p["annotations"]), float(p["seconds"])) for p in points])
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
