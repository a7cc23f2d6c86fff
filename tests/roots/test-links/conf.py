extensions = ["myst_parser", "edition", "edition.linkcheck"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "notes"]
edition_bibliography = "refs.bib"
# The tests write the files with the port of their server on 127.0.0.1.
edition_linkcheck_sources = ["notes/*.md"]
edition_linkcheck_timeout = 1.0
edition_linkcheck_retries = 0
edition_linkcheck_host_rate = 100.0
edition_linkcheck_deadline = 20.0
edition_linkcheck_probe = ["nowhere.invalid:443"]
