extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
smartquotes = False
nitpicky = True
exclude_patterns = ["_build", "witness.txt"]
edition_paper_pages = ["paper/one", "paper/two", "paper/notes"]
edition_witness = "witness.txt"
