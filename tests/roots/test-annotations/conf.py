extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
smartquotes = False
nitpicky = True
exclude_patterns = ["_build", "notes"]
edition_paper_pages = ["paper/one", "paper/two"]
edition_bibliography = "refs.bib"
edition_annotations_dir = "notes"
