"""``python -m tests.benchmark``: see :mod:`tests.benchmark.run`."""

from __future__ import annotations

import sys

from tests.benchmark.run import main

sys.exit(main())
