"""Safe YAML for contributed files (annotation front matter, the claims registry).

Dates are left as strings, so a bad date is the edition's own located error
rather than the YAML library's exception; no tags run code (a SafeLoader).
"""

from __future__ import annotations

from typing import Any

import yaml


class Loader(yaml.SafeLoader):
    """A SafeLoader without the timestamp resolver."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree (for line numbers). Raises ``yaml.YAMLError``."""
    node = yaml.compose(text, Loader=Loader)
    data = yaml.load(text, Loader=Loader)
    return data, node
