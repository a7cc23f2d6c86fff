"""The dated-claims registry: one YAML file per page in ``docs/claims/``, and the
waivers, each file read by the edition's file policy and checked against its declared
schema (``edition/schemas/claims.schema.json``, ``waivers.schema.json``), with every
problem located at ``claims/FILE.yml:LINE``.

Keeping follow-ups out of the paper's markup lets a contributor add or
correct one with a small pull request that touches a single YAML block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from edition import config, inputs, schema, sourcefiles, yamlsafe
from edition.citations.spec import parse_spec
from edition.diagnostics import Problem, file_location

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: The statuses a claim may have (the schema, ``edition/schemas/claims.schema.json``, lists them too).
STATUSES = ("superseded", "still-holds", "unresolved", "not-researched")
WAIVERS_FILE = "waivers.yml"
CITE = re.compile(r"\{cite\}`([^`]*)`")


@dataclass(frozen=True)
class ClaimEntry:
    id: str
    page: str  # the registry file's stem: the paper page it belongs to
    location: str  # claims/FILE.yml:LINE
    quote: str
    category: str
    status: str
    review_by: str
    as_of: str
    followup: str
    citations: tuple[str, ...]
    followup_location: str = ""


@dataclass(frozen=True)
class Waiver:
    page: str
    match: str
    context: str
    reason: str
    location: str


@dataclass
class Registry:
    entries: dict[str, ClaimEntry] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _parsed(path: Path, label: str, problems: list[Problem]) -> tuple[Any, yaml.Node | None]:
    try:
        return yamlsafe.load(sourcefiles.read_text(path, label))
    except sourcefiles.RefusedFileError as refused:
        problems.append(refused.problem)
    except yamlsafe.BadYamlError as exc:
        problems.append(Problem(file_location(label, exc.line), exc.message))
    return None, None


def _claims_file(path: Path, label: str, paper_date: str, registry: Registry) -> None:
    data, node = _parsed(path, label, registry.problems)
    if data is None:
        return
    claims_schema = schema.load_schema("claims")
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        registry.problems += schema.validate(data, node, claims_schema, label)
        return
    for key_node, value_node in node.value:
        cid = str(key_node.value)
        value: Any = data.get(cid)
        where = file_location(label, key_node.start_mark.line + 1)
        # Each claim on its own, so that one bad claim does not hide the others.
        problems = schema.validate({cid: value}, node, claims_schema, label, keyed="claim")
        if not problems:
            problems = _cross_checks(cid, value, value_node, label, where)
        if not problems and cid in registry.entries:
            problems = [
                Problem(where, f"duplicate claim id {cid!r}, also in {registry.entries[cid].location}")
            ]
        registry.problems += problems
        if problems:
            continue
        registry.entries[cid] = ClaimEntry(
            id=cid,
            page=path.stem,
            location=where,
            quote=" ".join(str(value.get("quote", "")).split()),
            category=value["category"],
            status=value["status"],
            review_by=value["review_by"],
            as_of=str(value.get("as_of") or paper_date),
            followup=str(value.get("followup") or "").strip(),
            citations=tuple(value.get("citations") or ()),
            followup_location=_text_start(value_node, "followup", label) or where,
        )


def _cross_checks(cid: str, value: dict[str, Any], node: yaml.Node, label: str, where: str) -> list[Problem]:
    """What the schema cannot say: the citations match the follow-up, and a researched claim
    has a follow-up."""
    lines = _field_lines(node, label)
    followup = str(value.get("followup") or "").strip()
    used = {c.key for spec in CITE.findall(followup) for c in parse_spec(spec)[0]}
    problems = []
    if set(value.get("citations") or ()) != used:
        problems.append(
            Problem(
                lines.get("citations", where),
                f"citations of claim {cid!r} must list exactly the keys its follow-up cites "
                f"({', '.join(sorted(used)) or 'none'})",
            )
        )
    if value["status"] != "not-researched" and not followup:
        problems.append(
            Problem(
                lines.get("status", where),
                f"claim {cid!r} has status {value['status']!r} but no follow-up: research one, or set "
                "status: not-researched",
            )
        )
    return problems


def _text_start(node: yaml.Node, field: str, label: str) -> str:
    """``claims/FILE.yml:LINE`` of the first line of *field*'s text (the line after ``|``)."""
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == field and isinstance(value, yaml.ScalarNode):
            block = value.style in ("|", ">")
            return file_location(label, value.start_mark.line + 1 + (1 if block else 0))
    return ""


def _field_lines(node: yaml.Node, label: str) -> dict[str, str]:
    """``claims/FILE.yml:LINE`` of each field of a claim's mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(k.value): file_location(label, k.start_mark.line + 1)
        for k, _ in node.value
        if isinstance(k, yaml.ScalarNode)
    }


def _waivers_file(path: Path, label: str, registry: Registry) -> None:
    data, node = _parsed(path, label, registry.problems)
    if data is None:
        return
    found = schema.validate(data, node, schema.load_schema("waivers"), label)
    registry.problems += found
    if found or not isinstance(node, yaml.SequenceNode):
        return
    for item, item_node in zip(data, node.value, strict=True):
        registry.waivers.append(
            Waiver(
                item["page"],
                item["match"],
                " ".join(item["context"].split()),
                item["reason"],
                file_location(label, item_node.start_mark.line + 1),
            )
        )


def claims_folder(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, config.get(env.config).claims_dir)


def files(env: BuildEnvironment) -> list[Path]:
    folder = claims_folder(env)
    return sorted(p for p in folder.iterdir() if p.name.lower().endswith(".yml")) if folder.is_dir() else []


def load(env: BuildEnvironment) -> Registry:
    options = config.get(env.config)
    return load_folder(claims_folder(env), options.claims_dir, options.paper_date)


def load_folder(folder: Path, label: str, paper_date: str) -> Registry:
    """The registry and the waivers in *folder* (shown as *label*), each file checked against
    its schema."""
    registry = Registry()
    if not folder.is_dir():
        return registry
    paths, problems = sourcefiles.entries(folder, ".yml")
    registry.problems += problems
    for path in paths:
        where = f"{label}/{path.name}"
        if path.name == WAIVERS_FILE:
            _waivers_file(path, where, registry)
        else:
            _claims_file(path, where, paper_date, registry)
    return registry


def get_registry(env: BuildEnvironment) -> Registry:
    registry: Registry = inputs.get(env, "claims")
    return registry
