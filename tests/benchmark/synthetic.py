"""Synthetic editions for the scale benchmark: generated lorem-like prose, clearly labelled.

``write_synthetic(root, scale)`` writes a repository-shaped tree under *root*::

    root/docs/            the MyST book (conf.py, index, paper/, editorial pages, claims/, _witness/)
    root/annotations/     one file per annotation
    root/references.bib   the library

At scale 1 the book has the paper's shape (about 8,500 words in 76 paragraphs on 7 paper
pages, 11 endnotes, 6 emendations); the annotations, library entries and dated claims grow
20, 50 and 30 per unit, so 100x gives 850,000 words, 2,000 annotations, 5,000 entries and
3,000 claims. Every feature the edition checks is exercised the way the paper does: each
paragraph has a ``{para}`` id, claims have registry entries, notes cite the library, every
library entry is cited, each annotation quotes words found exactly once, and a generated
witness matches the text word for word. The text is deterministic (seeded) and says on
every page that it is synthetic: it is not the paper.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmark.bare import conf_namespace, render_conf

REPO = Path(__file__).resolve().parents[2]

LOREM = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "ad",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "nisi",
    "aliquip",
    "ex",
    "ea",
    "commodo",
    "consequat",
    "duis",
    "aute",
    "irure",
    "in",
    "reprehenderit",
    "voluptate",
    "velit",
    "esse",
    "cillum",
    "fugiat",
    "nulla",
    "pariatur",
    "excepteur",
    "sint",
    "occaecat",
    "cupidatat",
    "non",
    "proident",
    "sunt",
    "culpa",
    "qui",
    "officia",
    "deserunt",
    "mollit",
    "anim",
    "id",
    "est",
    "laborum",
    "curabitur",
    "pretium",
    "tincidunt",
    "lacus",
    "nulla",
    "gravida",
    "orci",
    "a",
    "odio",
    "nullam",
    "varius",
    "turpis",
    "integer",
    "vitae",
    "justo",
    "eget",
    "magna",
    "fermentum",
    "iaculis",
    "praesent",
    "blandit",
    "dolor",
    "morbi",
]

#: Per unit of scale (1x is the paper's shape).
PARAGRAPHS = 76
WORDS = 8500
PAGES = 7  # paper pages, the last one the endnotes
NOTES = 11
EMENDATIONS = 6
ANNOTATIONS = 20
ENTRIES = 50
CLAIMS = 30

LABEL = (
    "Synthetic text generated for the performance benchmark (lorem-like prose); "
    "it is not the paper and says nothing."
)
CONSONANTS = "bcdfghjklmnprstvz"
VOWELS = "aeiou"


@dataclass
class Counts:
    scale: int
    paragraphs: int
    pages: int
    notes: int
    emendations: int
    annotations: int
    entries: int
    claims: int
    words: int = 0  # filled in while writing

    @classmethod
    def at(cls, scale: int) -> Counts:
        return cls(
            scale=scale,
            paragraphs=PARAGRAPHS * scale,
            pages=PAGES * scale,
            notes=NOTES * scale,
            emendations=EMENDATIONS * scale,
            annotations=ANNOTATIONS * scale,
            entries=ENTRIES * scale,
            claims=CLAIMS * scale,
        )


@dataclass
class Paragraph:
    pid: str
    markup: str  # MyST source
    witness: str  # the witness's text of the same paragraph


@dataclass
class Book:
    counts: Counts
    pages: dict[str, list[Paragraph]] = field(default_factory=dict)  # docname -> paragraphs
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # number, cite key, text
    claims: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # page stem -> entries
    annotations: list[tuple[str, str, str]] = field(default_factory=list)  # slug, exact, key


def name(index: int) -> str:
    """A unique six-letter proper noun: Q + consonant-vowel pattern, e.g. ``Qbafet``.

    No lorem word starts with Q followed by a consonant, and all names have the same
    length, so a name (and a quotation that starts with it) occurs only where it was put.
    """
    letters = []
    for alphabet in (CONSONANTS, VOWELS, CONSONANTS, VOWELS, CONSONANTS):
        index, rest = divmod(index, len(alphabet))
        letters.append(alphabet[rest])
    return "Q" + "".join(letters)


def spread(count: int, total: int) -> set[int]:
    """*count* indices spread evenly over ``range(total)``."""
    return {k * total // count for k in range(count)} if count else set()


def _sentence_words(rng: random.Random, length: int) -> list[str]:
    words = [rng.choice(LOREM) for _ in range(length)]
    out: list[str] = []
    start = True
    since = 0
    for i, word in enumerate(words):
        if start:
            word = word.capitalize()
            start = False
        since += 1
        last = i == len(words) - 1
        if last or (since > 8 and rng.random() < 0.12):
            word += "."
            start, since = True, 0
        elif since > 4 and rng.random() < 0.08:
            word += ","
        out.append(word)
    return out


def _misspell(word: str) -> str:
    return word[0] + word[2] + word[1] + word[3:] if len(word) > 3 else word + word[-1]


def generate(scale: int, seed: int = 2000, annotations: int | None = None) -> Book:
    """The synthetic book at *scale*; *annotations* overrides their number (at most one a paragraph)."""
    counts = Counts.at(scale)
    if annotations is not None:
        counts.annotations = max(0, min(annotations, counts.paragraphs))
    rng = random.Random(seed * 1000 + scale)
    book = Book(counts)
    content_pages = counts.pages - 1
    docnames = [f"paper/part-{n:04d}" for n in range(1, content_pages + 1)]
    for doc in docnames:
        book.pages[doc] = []
        book.claims[doc.rsplit("/", 1)[-1]] = []
    claim_at = spread(counts.claims, counts.paragraphs)
    emend_at = spread(counts.emendations, counts.paragraphs)
    note_at = spread(counts.notes, counts.paragraphs)
    annotate_at = spread(counts.annotations, counts.paragraphs)
    keys = [f"synth{n:05d}" for n in range(1, counts.entries + 1)]
    cited = 0  # round robin over the library, so every entry is cited

    def next_key() -> str:
        nonlocal cited
        cited += 1
        return keys[(cited - 1) % len(keys)]

    words_total = 0
    note_number = 0
    claim_number = 0
    per_word = WORDS / (PARAGRAPHS + NOTES * 0.18)  # notes are short; paragraphs carry the text
    for index in range(counts.paragraphs):
        doc = docnames[index * content_pages // counts.paragraphs]
        pid = f"p{index + 1}"
        length = max(30, int(rng.gauss(per_word, per_word / 3)))
        words = _sentence_words(rng, length)
        words[1] = name(index)  # unique: annotations quote from here
        markup = list(words)
        witness = list(words)
        if index in annotate_at:
            slug = f"synthetic-{len(book.annotations) + 1:05d}"
            book.annotations.append((slug, " ".join(words[1:4]), next_key()))
        if index in claim_at:
            claim_number += 1
            cid = f"claim-{claim_number:05d}"
            first, last = 6, 13
            markup[first] = "[" + markup[first]
            markup[last] = markup[last] + "]{#" + cid + " .claim}"
            quote = " ".join(words[first : last + 1])
            status = ("superseded", "still-holds", "unresolved", "superseded", "not-researched")[
                claim_number % 5
            ]
            key = "" if status == "not-researched" else next_key()
            book.claims[doc.rsplit("/", 1)[-1]].append((cid, quote, key))
        if index in emend_at:
            at = 18
            reading = words[at].rstrip(".,")
            tail = words[at][len(reading) :]
            original = _misspell(reading)
            markup[at] = (
                "{emend}`" + reading + " | " + original + " | typo | Synthetic emendation: the generated "
                "witness misspells the word.`" + tail
            )
            witness[at] = original + tail
        if index in note_at:
            note_number += 1
            markup[-1] += "{endnote}`" + str(note_number) + "`"
            witness[-1] += superscript(note_number)
            text = f"Synthetic note {note_number}: " + " ".join(_sentence_words(rng, rng.randint(8, 20)))
            book.notes.append((note_number, next_key(), text))
        words_total += len(words)
        book.pages[doc].append(Paragraph(pid, "{para}`" + pid + "` " + " ".join(markup), " ".join(witness)))
    words_total += sum(len(text.split()) for _, _, text in book.notes)
    # Spread the annotations' and claims' citations over the whole library first.
    book.counts.words = words_total
    assert cited >= len(keys), "every library entry must be cited"
    return book


def superscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _title(doc: str) -> str:
    return f"Part {int(doc.rsplit('-', 1)[-1])} (synthetic)"


def _bib_entry(n: int, key: str) -> str:
    kind = n % 4
    author = f"{name(n + 50000)}, {LOREM[n % len(LOREM)].capitalize()}"
    title = f"Synthetic work {n}: {' '.join(LOREM[(n * 7 + i) % len(LOREM)] for i in range(5))}"
    year = 1950 + n % 70
    if kind == 0:
        body = f"author = {{{author}}},\n  title = {{{title}}},\n  publisher = {{Synthetic Press}}"
        return f"@book{{{key},\n  {body},\n  year = {{{year}}}\n}}\n"
    if kind == 1:
        body = (
            f"author = {{{author}}},\n  title = {{{title}}},\n  journal = {{Journal of Generated Text}},\n"
            f"  volume = {{{n % 40 + 1}}},\n  pages = {{{n % 300 + 1}--{n % 300 + 20}}}"
        )
        return f"@article{{{key},\n  {body},\n  year = {{{year}}}\n}}\n"
    if kind == 2:
        body = f"title = {{{title}}},\n  howpublished = {{Generated for the benchmark}},\n  note = {{Synthetic.}}"
        return f"@misc{{{key},\n  {body},\n  year = {{{year}}}\n}}\n"
    body = f"institution = {{{{Synthetic Institute}}}},\n  title = {{{title}}}"
    return f"@report{{{key},\n  {body},\n  year = {{{year}}}\n}}\n"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_synthetic(root: Path, scale: int, probe: bool = True, annotations: int | None = None) -> Counts:
    """Write the synthetic edition at *scale* under *root* (which must not exist yet)."""
    book = generate(scale, annotations=annotations)
    docs = root / "docs"
    (docs / "paper").mkdir(parents=True)
    (docs / "claims").mkdir()
    (docs / "_witness").mkdir()
    (root / "annotations").mkdir()
    for folder in ("_static", "_templates"):
        if (REPO / "docs" / folder).is_dir():
            shutil.copytree(REPO / "docs" / folder, docs / folder)
    paper_pages = [*book.pages, "paper/endnotes"]
    namespace = conf_namespace(REPO / "docs" / "conf.py")
    namespace.update(
        project=f"Synthetic edition at {scale}x (generated text, not the paper)",
        html_title=f"Synthetic edition {scale}x",
        edition_paper_pages=paper_pages,
        edition_witness="_witness/synthetic-witness.txt",
        edition_bibliography="../references.bib",
        edition_annotations_dir="../annotations",
        edition_tei_header={},  # the synthetic book has no editorial-principles page to draw on
    )
    (docs / "conf.py").write_text(render_conf(namespace, probe=probe), encoding="utf-8")
    toctree = "\n".join(paper_pages)
    (docs / "index.md").write_text(
        f"# Synthetic edition at {scale}x\n\n{{.editorial}}\n{LABEL}\n\n"
        f"```{{toctree}}\n:caption: The synthetic paper\n:maxdepth: 1\n\n{toctree}\n```\n\n"
        "```{toctree}\n:caption: Editorial matter\n:maxdepth: 1\n\n"
        "apparatus\nbibliography\ncitations\nclaims\nannotations\n```\n",
        encoding="utf-8",
    )
    editorial = {
        "apparatus": "# Apparatus\n\n```{apparatus}\n```\n\n## The endnotes\n\n```{endnote-reconstructions}\n```\n",
        "bibliography": "# Bibliography\n\n```{bibliography}\n```\n",
        "citations": "# The author's citations\n\n```{citation-reconciliation}\n```\n",
        "claims": "# Dated claims\n\n```{dated-claims}\n```\n",
        "annotations": "# Annotations\n\n```{annotation-index}\n```\n",
    }
    for doc, text in editorial.items():
        (docs / f"{doc}.md").write_text(text.replace("\n\n", f"\n\n{{.editorial}}\n{LABEL}\n\n", 1))
    witness: list[str] = []
    for doc, paragraphs in book.pages.items():
        title = _title(doc)
        lines = [f"# {title}", "", "{.editorial}", LABEL, ""]
        witness += [title, ""]
        for para in paragraphs:
            lines += [para.markup, ""]
            witness += [para.witness, ""]
        (docs / f"{doc}.md").write_text("\n".join(lines), encoding="utf-8")
    notes = ["# ENDNOTES", "", "{.editorial}", LABEL, ""]
    witness += ["ENDNOTES", ""]
    for number, key, text in book.notes:
        notes += [
            f":::{{endnote}} {number}",
            ":kind: citation",
            f":witness-order: {number}",
            f":cite: {key}, p. {number % 90 + 1}",
            "",
            text,
            ":::",
            "",
        ]
        witness += [f"{superscript(number)} {text}", ""]
    (docs / "paper" / "endnotes.md").write_text("\n".join(notes), encoding="utf-8")
    (docs / "_witness" / "synthetic-witness.txt").write_text("\n".join(witness), encoding="utf-8")
    for stem, entries in book.claims.items():
        out = [f"# Synthetic dated-claims registry for page {stem!r} (generated for the benchmark).", ""]
        categories = ("relative-time", "office-holder", "institution", "figure", "prediction")
        for n, (cid, quote, key) in enumerate(entries):
            status = "not-researched" if not key else ("superseded", "still-holds", "unresolved")[n % 3]
            out += [
                f"{cid}:",
                f"  quote: {_yaml_str(quote)}",
                f"  category: {categories[n % len(categories)]}",
                f"  status: {status}",
                f"  review_by: {2030 + n % 9}-12-31",
            ]
            if key:
                out += [
                    "  followup: |",
                    f"    Synthetic follow-up of {cid}, generated for the benchmark {{cite}}`{key}`.",
                    f"  citations: [{key}]",
                ]
            else:
                out += ['  followup: ""', "  citations: []"]
            out.append("")
        (docs / "claims" / f"{stem}.yml").write_text("\n".join(out), encoding="utf-8")
    (docs / "claims" / "waivers.yml").write_text(
        "# No waivers: the synthetic text has no time-bound words.\n[]\n"
    )
    for slug, exact, key in book.annotations:
        (root / "annotations" / f"{slug}.md").write_text(
            "---\ntarget:\n"
            f"  exact: {_yaml_str(exact)}\n"
            'authors:\n  - name: "Benchmark generator"\n'
            "created: 2026-01-01\nkind: context\n"
            f"citations: [{key}]\n---\n"
            f"Synthetic annotation {slug}, generated for the benchmark: lorem ipsum dolor sit amet "
            f"{{cite}}`{key}`.\n",
            encoding="utf-8",
        )
    header = "% Synthetic library generated for the performance benchmark: not real works.\n\n"
    library = [_bib_entry(n, f"synth{n:05d}") for n in range(1, book.counts.entries + 1)]
    (root / "references.bib").write_text(header + "\n".join(library), encoding="utf-8")
    return book.counts
