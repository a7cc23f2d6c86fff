"""Performance benchmark of the edition against a bare Sphinx build (issue 9).

``python -m tests.benchmark --scales 1,10,100 --repeat 3 --out docs/_build/bench/`` (or
``nox -s bench``); see ``docs/about/performance.md``. Not collected by pytest: the smoke test
is ``tests/test_bench_smoke.py``.
"""
