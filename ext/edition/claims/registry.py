"""The dated-claims registry: one YAML file per page in ``docs/claims/``,
validated strictly, with every problem located at ``claims/FILE.yml:LINE``.

Keeping follow-ups out of the paper's markup lets a contributor add or
correct one with a small pull request that touches a single YAML block.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from edition import config, yamlsafe
from edition.citations.spec import parse_spec
from edition.diagnostics import Subtype, file_location, report
from edition.domain import get_domain, mark_input_changed
from edition.packed import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CATEGORIES = ("relative-time", "office-holder", "institution", "figure", "prediction", "state-of-affairs")
STATUSES = ("superseded", "still-holds", "unresolved", "not-researched")
FIELDS = {"quote", "category", "status", "review_by", "as_of", "followup", "citations"}
REQUIRED = ("category", "status", "review_by")
WAIVER_FIELDS = {"page", "match", "context", "reason"}
WAIVERS_FILE = "waivers.yml"
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
CITE = re.compile(r"\{cite\}`([^`]*)`")
#: The registry, kept in the domain; its head is (stamp digest, problems).
KEPT = "claims_registry"


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
    stamp: tuple[tuple[str, float], ...]
    entries: dict[str, ClaimEntry] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
        except ValueError:
            return None
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    return None


def _nodes(mapping: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)}


def _load_yaml(path: Path, label: str, problems: list[tuple[str, str]]) -> tuple[Any, yaml.Node | None]:
    text = path.read_text(encoding="utf-8")
    try:
        data, node = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append((file_location(label, line), f"invalid YAML ({problem}): fix the syntax"))
        return None, None
    return data, node


def _claims_file(path: Path, label: str, paper_date: str, registry: Registry) -> None:
    problems = registry.problems
    data, node = _load_yaml(path, label, problems)
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        problems.append((file_location(label, 1), "a registry file maps claim ids to their fields"))
        return
    for cid, (key_node, value_node) in _nodes(node).items():
        where = file_location(label, key_node.start_mark.line + 1)
        value = data.get(cid)
        if not ID.fullmatch(str(cid)):
            problems.append((where, f"malformed claim id {cid!r}: use lowercase words joined by hyphens"))
            continue
        if not isinstance(value, dict) or not isinstance(value_node, yaml.MappingNode):
            problems.append(
                (where, f"claim {cid!r} must be a mapping of fields ({', '.join(sorted(FIELDS))})")
            )
            continue
        fields = _nodes(value_node)

        def at(name: str, fields: dict[str, tuple[yaml.Node, yaml.Node]] = fields, where: str = where) -> str:
            return file_location(label, fields[name][0].start_mark.line + 1) if name in fields else where

        bad = False
        for name in sorted(set(value) - FIELDS):
            problems.append(
                (
                    at(name),
                    f"unknown field {name!r} in claim {cid!r}: allowed are {', '.join(sorted(FIELDS))}",
                )
            )
            bad = True
        for name in REQUIRED:
            if name not in value:
                problems.append((where, f"claim {cid!r} lacks the required field {name!r}"))
                bad = True
        if value.get("category") is not None and value.get("category") not in CATEGORIES:
            problems.append(
                (
                    at("category"),
                    f"unknown category {value['category']!r} in claim {cid!r}: use one of "
                    f"{', '.join(CATEGORIES)}",
                )
            )
            bad = True
        if value.get("status") is not None and value.get("status") not in STATUSES:
            problems.append(
                (
                    at("status"),
                    f"unknown status {value['status']!r} in claim {cid!r}: use one of {', '.join(STATUSES)}",
                )
            )
            bad = True
        dates = {}
        for name in ("review_by", "as_of"):
            if name in value:
                dates[name] = _date(value[name])
                if dates[name] is None:
                    problems.append(
                        (
                            at(name),
                            f"invalid date {value[name]!r} for {name} in claim {cid!r}: write an ISO "
                            "date such as 2027-12-31 (as_of may be a year or year-month)",
                        )
                    )
                    bad = True
        if "review_by" in dates and dates["review_by"] and len(dates["review_by"]) != 10:
            problems.append((at("review_by"), f"review_by of claim {cid!r} must be a full date (YYYY-MM-DD)"))
            bad = True
        followup = str(value.get("followup") or "").strip()
        citations = value.get("citations") or []
        if not isinstance(citations, list) or not all(isinstance(c, str) for c in citations):
            problems.append((at("citations"), f"citations of claim {cid!r} must be a list of keys"))
            bad = True
            citations = []
        used = {c.key for spec in CITE.findall(followup) for c in parse_spec(spec)[0]}
        if set(citations) != used:
            problems.append(
                (
                    at("citations"),
                    f"citations of claim {cid!r} must list exactly the keys its follow-up cites "
                    f"({', '.join(sorted(used)) or 'none'})",
                )
            )
            bad = True
        status = value.get("status")
        if status != "not-researched" and not followup and status in STATUSES:
            problems.append(
                (
                    at("status"),
                    f"claim {cid!r} has status {status!r} but no follow-up: research one, or set "
                    "status: not-researched",
                )
            )
            bad = True
        if cid in registry.entries:
            problems.append((where, f"duplicate claim id {cid!r}, also in {registry.entries[cid].location}"))
            continue
        if bad:
            continue
        registry.entries[cid] = ClaimEntry(
            id=cid,
            page=path.stem,
            location=where,
            quote=" ".join(str(value.get("quote", "")).split()),
            category=value["category"],
            status=value["status"],
            review_by=dates["review_by"] or "",
            as_of=dates.get("as_of") or paper_date,
            followup=followup,
            citations=tuple(citations),
            followup_location=at("followup"),
        )


def _waivers_file(path: Path, label: str, registry: Registry) -> None:
    data, node = _load_yaml(path, label, registry.problems)
    if data is None:
        return
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        registry.problems.append((file_location(label, 1), "the waivers file is a list of waivers"))
        return
    for item, item_node in zip(data, node.value, strict=False):
        where = file_location(label, item_node.start_mark.line + 1)
        if not isinstance(item, dict):
            registry.problems.append((where, "a waiver is a mapping with page, match, context and reason"))
            continue
        unknown = set(item) - WAIVER_FIELDS
        missing = WAIVER_FIELDS - set(item)
        if unknown or missing:
            registry.problems.append(
                (
                    where,
                    f"a waiver needs exactly the fields {', '.join(sorted(WAIVER_FIELDS))}"
                    + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else "")
                    + (f" (missing: {', '.join(sorted(missing))})" if missing else ""),
                )
            )
            continue
        if not str(item["reason"]).strip():
            registry.problems.append((where, "a waiver must give its reason"))
            continue
        registry.waivers.append(
            Waiver(
                str(item["page"]),
                str(item["match"]),
                " ".join(str(item["context"]).split()),
                str(item["reason"]),
                where,
            )
        )


def claims_folder(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, config.get(env.config).claims_dir)


def load(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Parse the registry if any file changed, then report its problems (every build)."""
    folder = claims_folder(env)
    if not folder.is_dir():
        return
    files = sorted(folder.glob("*.yml"))
    stamp = tuple((f.name, f.stat().st_mtime) for f in files)
    domain = get_domain(env)
    kept = domain.kept(KEPT)
    if kept is None or kept.head[0] != digest(stamp):
        registry = Registry(stamp)
        paper_date = config.get(env.config).paper_date
        base = config.get(env.config).claims_dir
        for path in files:
            label = f"{base}/{path.name}"
            if path.name == WAIVERS_FILE:
                _waivers_file(path, label, registry)
            else:
                _claims_file(path, label, paper_date, registry)
        kept = domain.keep(KEPT, registry, head=(digest(stamp), tuple(registry.problems)))
        mark_input_changed(env, "claims_registry")
    for location, message in kept.head[1]:
        report(Subtype.CLAIM, message, location=location)


def get_registry(env: BuildEnvironment) -> Registry:
    kept = get_domain(env).kept(KEPT)
    return kept.value if kept is not None else Registry(())


def registry_file(env: BuildEnvironment, docname: str) -> Path:
    return claims_folder(env) / (docname.rsplit("/", 1)[-1] + ".yml")
