import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
extensions = ["myst_parser", "edition", "rogue"]
exclude_patterns = ["_build"]
latex_engine = "xelatex"
