# Values that could reach the edition's renderers from contributors' files (annotation file
# names, kinds, registry ids), injected straight into the doctree, whatever the loaders do.
from pathlib import Path

extensions = ["myst_parser", "edition"]
smartquotes = False
exclude_patterns = ["_build"]

PAYLOADS = [p for p in Path(__file__).with_name("payloads.txt").read_text(encoding="utf-8").splitlines() if p]


def inject(app, doctree):
    from docutils import nodes

    from edition.annotations.nodes_ import annotation_anchor, annotation_note, annotation_toggle
    from edition.apparatus.paragraphs import paragraph_anchor
    from edition.claims.spans import claim_followup, dated_claim

    if app.env.docname != "index":
        return
    section = doctree.next_node(nodes.section)
    for n, value in enumerate(PAYLOADS):
        para = nodes.paragraph()
        para += paragraph_anchor(pid=value)
        para += annotation_anchor("", f"words {n}", slug=value, first=True)
        para += annotation_toggle(slug=value, letter=value)
        claim = dated_claim("", f"claim {n}", cid=value, status=value)
        claim += claim_followup("", "", cid=value, as_of=value, status=value, category=value, review_by=value)
        para += claim
        section += para
        note = annotation_note(slug=value, letter=value, kind=value)
        note += nodes.paragraph("", f"note {n}")
        section += note


def setup(app):
    app.connect("doctree-read", inject, priority=999)
