"""Safe, bounded YAML for contributed files (annotation front matter, the claims registry,
the waivers).

- No tags run code (a SafeLoader), and dates stay strings, so that a bad date is the
  edition's own located error.
- The input is bounded before anything is built from it: the events are read first (libyaml
  reads them without recursion), and a document nested deeper than :data:`MAX_DEPTH`, or
  one that uses anchors and aliases (the "billion laughs" bomb), is refused there. Only
  then is the node tree composed, whose recursion the depth bound keeps small.
- A key given twice in one mapping is an error (YAML says keys are unique; PyYAML lets
  the last one win without a word).

Every refusal is a :class:`BadYamlError` with the line it is on.
"""

from __future__ import annotations

from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed

#: The deepest nesting of mappings and lists a contributed file may use.
MAX_DEPTH = 12


class Loader(_Base):
    """A SafeLoader without the timestamp resolver."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class BadYamlError(Exception):
    """What is wrong with a YAML text, at *line* of its file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _bounded(text: str, first: int) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            line = first + (event.start_mark.line if event.start_mark else 0)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise BadYamlError(
                    line, "anchors and aliases (&name, *name) are not allowed: write values out"
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise BadYamlError(
                        line, f"nested more than {MAX_DEPTH} levels deep: flatten the structure"
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _problem(exc, first) from None


def _problem(exc: yaml.YAMLError, first: int) -> BadYamlError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return BadYamlError(first + (mark.line if mark else 0), f"invalid YAML ({problem}): fix the syntax")


def _unique_keys(root: yaml.Node, first: int) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = first + key.start_mark.line
                    if key.value in seen:
                        raise BadYamlError(
                            line,
                            f"the key {key.value!r} is given twice (first at line {seen[key.value]}): "
                            "keep one",
                        )
                    seen[key.value] = line
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def load(text: str, first: int = 1) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree (for line numbers), or :class:`BadYamlError`. *first* is the
    line of the file that the text starts on, so that every line given is the file's."""
    _bounded(text, first)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _unique_keys(node, first)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _problem(exc, first) from None
    finally:
        loader.dispose()
    return data, node
