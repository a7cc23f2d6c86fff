# A small edition that uses every feature, for the incremental-versus-clean table
# (tests/test_incremental.py).
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence"]
smartquotes = False
nitpicky = True
exclude_patterns = ["_build", "witness.txt", "claims", "notes"]
edition_paper_pages = ["paper/one", "paper/two", "paper/notes"]
edition_witness = "witness.txt"
edition_bibliography = "refs.bib"
edition_annotations_dir = "notes"
edition_review_date = "2026-11-28"
