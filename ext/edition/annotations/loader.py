"""Reading ``annotations/*.md``: the file itself checked by the edition's file policy
(:mod:`edition.sourcefiles`), its name a slug, its front matter validated against its
declared schema (``edition/schemas/annotation.schema.json``), its body checked against
the allow-list, every problem located at ``annotations/NAME.md:LINE`` with what to do.
A refused file is never rendered; nothing else is lost."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from edition import config, inputs, schema, sourcefiles, yamlsafe
from edition.annotations import safety, scaffold
from edition.annotations.model import Annotation, AnnotationSet, Author, Selector
from edition.citations.spec import parse_spec
from edition.diagnostics import Problem, file_location

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CITE = re.compile(r"\{cite\}`([^`]*)`")
#: The largest annotation file (front matter and body) the edition reads.
MAX_BYTES = 100_000
README = "README.md"


def parse_file(path: Path, label: str, kinds: list[str]) -> tuple[Annotation | None, list[Problem]]:
    """One annotation file: the annotation (None if refused) and its problems."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(file_location(label, line), message))

    slug = path.stem
    if not SLUG.fullmatch(slug):
        problem(
            1,
            f"the file name {_shown(path.name)} is not a slug: rename the file to lowercase words "
            "joined by hyphens, ending .md (e.g. annotations/guadalajara-jobs.md); it is not read until then",
        )
        return None, problems
    try:
        text = sourcefiles.read_text(path, label, MAX_BYTES)
    except sourcefiles.RefusedFileError as refused:
        return None, [refused.problem]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        problem(1, "malformed front matter: the file must start with a YAML block between two '---' lines")
        return None, problems
    end = 1 + [line.strip() for line in lines[1:]].index("---")
    header = "\n".join(lines[1:end])
    try:
        data, node = yamlsafe.load(header, first=2)
    except yamlsafe.BadYamlError as exc:
        problem(exc.line, f"malformed front matter: {exc.message}")
        return None, problems
    found = schema.validate(
        data, node, schema.with_enum(schema.load_schema("annotation"), "kind", kinds), label, first_line=2
    )
    if found or not isinstance(data, dict):
        problems += found or [Problem(file_location(label, 2), "the front matter must be a mapping")]
        return None, problems
    target = data["target"]
    selector = Selector(target["exact"], target.get("prefix", ""), target.get("suffix", ""))
    authors = [Author(a["name"], a.get("orcid", ""), a.get("github", "")) for a in data["authors"]]
    citations = data["citations"]
    kind = data["kind"]
    created_text = data["created"]
    citations_line = _key_line(node, "citations") + 2
    ok = True
    body_line = end + 2
    body = "\n".join(lines[end + 1 :])
    if (unfilled := scaffold.unfilled(body)) is not None:  # not "citations must list (key)"
        problem(body_line + unfilled[0], unfilled[1])
        return None, problems
    for line, message in safety.check(body):
        problem(body_line + line, message)
        ok = False
    used: set[str] = set()
    for number, text_line in enumerate(body.split("\n")):
        for spec in CITE.findall(text_line):
            cited, errors = parse_spec(spec)
            used.update(c.key for c in cited)
            for error in errors:
                problem(body_line + number, error)
                ok = False
    if set(citations) != used:
        problem(
            citations_line,
            f"citations must list exactly the keys the body cites ({', '.join(sorted(used)) or 'none'})",
        )
        ok = False
    if not body.strip():
        problem(body_line, "the body is empty: write the note below the front matter")
        ok = False
    if not ok:
        return None, problems
    tline = _key_line(node, "target") + 3
    return (
        Annotation(
            slug=slug,
            label=label,
            path=str(path),
            selector=selector,
            selector_line=tline,
            authors=tuple(authors),
            created=created_text,
            kind=str(kind),
            citations=tuple(citations),
            body=body,
            body_line=body_line,
        ),
        problems,
    )


def _key_line(node: object, key: str) -> int:
    """The line (0-based, within the front matter) of *key* in a mapping node."""
    for k, _ in getattr(node, "value", []):
        if getattr(k, "value", None) == key:
            return int(k.start_mark.line)
    return 0


def _shown(text: str, limit: int = 60) -> str:
    """*text* quoted for a message: control characters escaped, long text cut."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def folder_of(env: BuildEnvironment) -> Path | None:
    name = config.get(env.config).annotations_dir
    return Path(env.srcdir, name).resolve() if name else None


def files(env: BuildEnvironment) -> list[Path]:
    """Every entry of the annotations folder that looks like an annotation (for its fingerprint)."""
    folder = folder_of(env)
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.lower().endswith(".md"))


def load(env: BuildEnvironment) -> AnnotationSet:
    folder = folder_of(env)
    if folder is None or not folder.is_dir():
        return AnnotationSet()
    return load_folder(folder, config.get(env.config).annotation_kinds)


def get_set(env: BuildEnvironment) -> AnnotationSet:
    annotation_set: AnnotationSet = inputs.get(env, "annotations")
    return annotation_set


def load_folder(folder: Path, kinds: list[str]) -> AnnotationSet:
    """Every annotation file in *folder*."""
    paths, problems = sourcefiles.entries(folder, ".md")
    result = AnnotationSet(problems=list(problems))
    for path in paths:
        if path.name == README:
            continue
        annotation, found = parse_file(path, f"{folder.name}/{path.name}", kinds)
        result.problems += found
        if annotation is None:
            result.broken.add(path.stem)
        else:
            result.annotations[annotation.slug] = annotation
    return result
