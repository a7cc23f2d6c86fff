"""A node of the edition's family that forgot its LaTeX rendering."""

import sys

from docutils import nodes
from sphinx.util.docutils import SphinxRole


class rogue(nodes.Inline, nodes.TextElement):  # noqa: N801
    pass


# Pose as one of the edition's own modules (and stay importable under that name).
rogue.__module__ = "edition.rogue"
sys.modules["edition.rogue"] = sys.modules[__name__]


class RogueRole(SphinxRole):
    def run(self):
        node = rogue(self.rawtext, self.text)
        self.set_source_info(node)
        return [node], []


def setup(app):
    app.add_node(rogue, html=(lambda self, node: None, lambda self, node: None))
    app.add_role("rogue", RogueRole())
    return {"parallel_read_safe": True}
