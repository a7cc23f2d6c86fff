"""Reading ``annotations/*.md``: front matter validated strictly against the
schema, the body checked against the allow-list, every problem located at
``annotations/NAME.md:LINE`` with what to do. A refused file is never
rendered; nothing else is lost."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from edition import characters, config, yamlsafe
from edition.annotations import safety, scaffold
from edition.annotations.model import Annotation, AnnotationSet, Author, FileStamp, ParsedFile, Selector
from edition.citations.spec import parse_spec
from edition.diagnostics import Subtype, file_location, report
from edition.domain import get_domain
from edition.packed import digest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment

    from edition.packed import Packed

FIELDS = {"target", "authors", "created", "kind", "citations"}
TARGET_FIELDS = {"exact", "prefix", "suffix"}
AUTHOR_FIELDS = {"name", "orcid", "github"}
ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
GITHUB = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CITE = re.compile(r"\{cite\}`([^`]*)`")
#: The annotation set, kept in the domain; its head is (stamp digest, problems, listing digest).
KEPT = "annotation_set"


def _lines(node: yaml.Node) -> dict[str, int]:
    """Line (0-based, in the front matter) of each key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def parse_file(path: Path, label: str, kinds: list[str]) -> tuple[Annotation | None, list[tuple[str, str]]]:
    """One annotation file: the annotation (None if refused) and its problems."""
    problems: list[tuple[str, str]] = []

    def problem(line: int, message: str) -> None:
        problems.append((file_location(label, line), message))

    slug = path.stem
    if not SLUG.fullmatch(slug):
        problem(
            1, f"the file name {path.name!r} must be a slug: lowercase words joined by hyphens, ending .md"
        )
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        problem(1, "malformed front matter: the file must start with a YAML block between two '---' lines")
        return None, problems
    end = 1 + [line.strip() for line in lines[1:]].index("---")
    header = "\n".join(lines[1:end])
    try:
        data, node = yamlsafe.load(header)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        problem(line, f"malformed front matter ({getattr(exc, 'problem', None) or exc}): fix the YAML")
        return None, problems
    if not isinstance(data, dict) or node is None:
        problem(
            2, "malformed front matter: it must be a mapping with target, authors, created, kind, citations"
        )
        return None, problems
    where = _lines(node)

    def at(key: str) -> int:
        return where.get(key, 0) + 2

    ok = True
    for key in sorted(set(data) - FIELDS):
        problem(at(key), f"unknown field {key!r}: the front matter allows {', '.join(sorted(FIELDS))}")
        ok = False
    for key in sorted(FIELDS - set(data)):
        problem(2, f"missing field {key!r}: add it to the front matter (see CONTRIBUTING.md)")
        ok = False
    # target
    target = data.get("target")
    selector = None
    if "target" in data:
        if not isinstance(target, dict):
            problem(at("target"), "target must be a mapping with exact, and optionally prefix and suffix")
            ok = False
        else:
            tnode = next((v for k, v in node.value if getattr(k, "value", None) == "target"), None)
            tlines = _lines(tnode) if tnode is not None else {}
            for key in sorted(set(target) - TARGET_FIELDS):
                problem(tlines.get(key, 0) + 2, f"unknown field {key!r} in target: use exact, prefix, suffix")
                ok = False
            exact = target.get("exact")
            if not isinstance(exact, str) or not exact.strip():
                problem(at("target"), "target.exact must be the words of the paper the note is about")
                ok = False
            elif len(exact) > 1000:
                problem(at("target"), "target.exact is longer than 1000 characters: quote a shorter passage")
                ok = False
            for key in ("prefix", "suffix"):
                if key in target and not isinstance(target[key], str):
                    problem(tlines.get(key, 0) + 2, f"target.{key} must be text")
                    ok = False
            if ok:
                selector = Selector(str(exact), str(target.get("prefix", "")), str(target.get("suffix", "")))
    # authors
    authors: list[Author] = []
    if "authors" in data:
        raw = data.get("authors")
        if not isinstance(raw, list) or not raw:
            problem(at("authors"), "authors must be a list of at least one {name: ...}")
            ok = False
        else:
            for person in raw:
                if (
                    not isinstance(person, dict)
                    or not isinstance(person.get("name"), str)
                    or not person["name"]
                ):
                    problem(at("authors"), 'each author needs a name: - name: "Full Name"')
                    ok = False
                    continue
                for key in sorted(set(person) - AUTHOR_FIELDS):
                    problem(at("authors"), f"unknown field {key!r} for an author: use name, orcid, github")
                    ok = False
                orcid = str(person.get("orcid", ""))
                github = str(person.get("github", ""))
                if orcid and not ORCID.fullmatch(orcid):
                    problem(at("authors"), f"{orcid!r} is not an ORCID iD (0000-0000-0000-000X)")
                    ok = False
                if github and not GITHUB.fullmatch(github):
                    problem(at("authors"), f"{github!r} is not a GitHub handle")
                    ok = False
                authors.append(Author(person["name"], orcid, github))
    # created
    created = data.get("created")
    created_text = str(created) if created is not None else ""
    if "created" in data:
        try:
            dt.date.fromisoformat(created_text)
        except ValueError:
            problem(at("created"), f"created: {created_text!r} is not a valid date: write it as YYYY-MM-DD")
            ok = False
    # kind
    kind = data.get("kind")
    if "kind" in data and kind not in kinds:
        problem(at("kind"), f"unknown kind {kind!r}: use one of {', '.join(kinds)}")
        ok = False
    # citations
    citations = data.get("citations", [])
    if "citations" in data and (
        not isinstance(citations, list) or not all(isinstance(c, str) for c in citations)
    ):
        problem(at("citations"), "citations must be a list of keys of references.bib, e.g. [asencio1990]")
        ok = False
        citations = []
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
            found, errors = parse_spec(spec)
            used.update(c.key for c in found)
            for error in errors:
                problem(body_line + number, error)
                ok = False
    if isinstance(citations, list) and set(citations) != used:
        problem(
            at("citations"),
            f"citations must list exactly the keys the body cites ({', '.join(sorted(used)) or 'none'})",
        )
        ok = False
    if not body.strip():
        problem(body_line, "the body is empty: write the note below the front matter")
        ok = False
    fields = [(f"target.{k}", v, at("target")) for k, v in (target or {}).items()] if selector else []
    for field, value, line in [*fields, *(("an author's name", a.name, at("authors")) for a in authors)]:
        if (bidi := characters.bidi_problem(field, value)) is not None:
            problem(line, bidi)
            ok = False
    if not ok or selector is None:
        return None, problems
    tline = at("target") + 1
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


def folder_of(env: BuildEnvironment) -> Path | None:
    name = config.get(env.config).annotations_dir
    return Path(env.srcdir, name).resolve() if name else None


def load_folder(
    folder: Path,
    kinds: list[str],
    stamp: tuple[FileStamp, ...] | None = None,
    previous: AnnotationSet | None = None,
) -> AnnotationSet:
    """Every annotation file in *folder*. Files whose stamp (time and size) is
    unchanged since *previous* are taken from it rather than parsed again."""
    stamp = stamp_of(folder) if stamp is None else stamp
    reuse = previous.files if previous is not None and previous.kinds == tuple(kinds) else {}
    result = AnnotationSet(stamp, kinds=tuple(kinds))
    for file_stamp in stamp:
        name = file_stamp[0]
        if name.upper() == "README.MD":
            continue
        parsed = reuse.get(name)
        if parsed is None or parsed.stamp != file_stamp:
            annotation, problems = parse_file(folder / name, f"{folder.name}/{name}", kinds)
            parsed = ParsedFile(file_stamp, annotation, tuple(problems))
        result.files[name] = parsed
        result.problems += parsed.problems
        if parsed.annotation is None:
            result.broken.add(Path(name).stem)
        else:
            result.annotations[parsed.annotation.slug] = parsed.annotation
    return result


def stamp_of(folder: Path) -> tuple[FileStamp, ...]:
    """(name, modification time in ns, size) of each ``*.md`` file, sorted by name."""
    out = []
    for path in sorted(folder.glob("*.md")):
        info = path.stat()
        out.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(out)


def report_problems(problems: Iterable[tuple[str, str]]) -> None:
    for location, message in problems:
        report(Subtype.ANNOTATION, message, location=location)


def listing_digest(annotations: AnnotationSet) -> str:
    """One string for what the annotation index shows of each annotation (its quotation, kind
    and authors, not its body): the index is rewritten only when this changes."""
    shown = [
        (slug, a.selector.exact, a.kind, [author.name for author in a.authors])
        for slug, a in sorted(annotations.annotations.items())
    ]
    return digest(shown)


def keep_set(env: BuildEnvironment, annotations: AnnotationSet) -> Packed[AnnotationSet]:
    """Keep *annotations* in the domain; its head is (stamp digest, problems, listing digest)."""
    head = (digest(annotations.stamp), tuple(annotations.problems), listing_digest(annotations))
    return get_domain(env).keep(KEPT, annotations, head=head)


def kept_set(env: BuildEnvironment) -> Packed[AnnotationSet] | None:
    return get_domain(env).kept(KEPT)


def get_set(env: BuildEnvironment) -> AnnotationSet:
    kept = kept_set(env)
    return kept.value if kept is not None else AnnotationSet(())
