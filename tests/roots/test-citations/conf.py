extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["attrs_block", "colon_fence"]
smartquotes = False
nitpicky = True
exclude_patterns = ["_build"]
edition_paper_pages = ["paper/text", "paper/notes"]
edition_bibliography = "refs.bib"
