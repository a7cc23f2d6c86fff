extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
smartquotes = False
nitpicky = True
exclude_patterns = ["_build", "claims"]
edition_paper_pages = ["paper/text"]
edition_bibliography = "refs.bib"
edition_review_date = "2026-11-28"
