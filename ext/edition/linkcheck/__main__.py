"""``python -m edition.linkcheck internal|external …``"""

from __future__ import annotations

import sys

from edition.linkcheck.cli import main

sys.exit(main())
