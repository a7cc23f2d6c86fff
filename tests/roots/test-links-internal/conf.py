extensions = ["myst_parser"]
exclude_patterns = ["_build", "extra"]
myst_heading_anchors = 2
html_extra_path = ["extra"]
