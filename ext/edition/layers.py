"""Reading layers: which of the editors' marks a paper page shows.

Each paper page gets a control (the template ``edition-layers.html``, placed in
the theme's article header) whose radio buttons choose a layer. The stylesheet
applies the choice with ``:has()``, so it works without JavaScript; the script
remembers it across pages and visits and adds a keyboard shortcut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from edition import config

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Layer(NamedTuple):
    value: str  # the radio's value, the stylesheet's and the script's name for it
    label: str
    hint: str  # what the layer shows, read out with the radio button


#: The first layer is the default, the one a reader without a stored choice (or without
#: JavaScript) sees: the author's text, calm.
LAYERS = (
    Layer("reading", "Reading", "The author's text and endnote markers only"),
    Layer(
        "study",
        "Study",
        "Every mark: emendations, restored markers, witness pages, dated claims and editors' notes",
    ),
    Layer("apparatus", "Apparatus", "Emendations, restored markers and witness pages only"),
)
#: The key (with Alt and Shift) that moves to the next layer.
SHORTCUT_KEY = "L"


def add_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Offer the layer control on the paper's pages (``html-page-context``)."""
    # Not in an e-book: its readers have no article header, and often no scripts.
    on_web = app.builder.format == "html" and app.builder.name != "epub"
    if on_web and pagename in config.get(app.config).paper_pages:
        context["edition_layers"] = LAYERS
        context["edition_layers_shortcut"] = f"Alt+Shift+{SHORTCUT_KEY}"


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_context)
