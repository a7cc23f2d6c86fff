"""Safe YAML for contributed files (annotation front matter, the claims registry).

Dates are left as strings, so a bad date is the edition's own located error
rather than the YAML library's exception; no tags run code (a SafeLoader).
"""

from __future__ import annotations

from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed


class Loader(_Base):
    """A SafeLoader without the timestamp resolver."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree (for line numbers). Raises ``yaml.YAMLError``."""
    loader = Loader(text)  # parse once: the node tree, then the data built from it
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node
