"""Building and writing TEI with the standard library's ElementTree.

Elements are made without a namespace and the root declares TEI's as the
default, so the tree reads like the Guidelines' examples.  Only structural
elements are indented when the file is written: whitespace added inside a
paragraph would change the text (a note marker would come loose from its
word), so mixed content is written exactly as it was built.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

NS = "http://www.tei-c.org/ns/1.0"
ID = "{http://www.w3.org/XML/1998/namespace}id"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The schema the file names for XML editors; the test suite validates against
#: the copy of TEI P5 4.3.0 in tests/.
SCHEMA = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
#: Elements whose children are other elements only, and may be indented.
STRUCTURAL = frozenset(
    {
        *("TEI", "teiHeader", "fileDesc", "titleStmt", "editionStmt", "publicationStmt", "availability"),
        *("sourceDesc", "encodingDesc", "editorialDecl", "correction", "normalization", "quotation"),
        *("hyphenation", "segmentation", "stdVals", "interpretation", "punctuation", "profileDesc"),
        *("langUsage", "standOff", "listBibl", "listAnnotation", "annotation", "revisionDesc"),
        *("respStmt", "text", "body", "back", "div", "list"),
    }
)
NOT_NCNAME = re.compile(r"[^A-Za-z0-9._-]")

Element = ET.Element


def sub(parent: Element, tag: str, text: str = "", /, **attributes: str | None) -> Element:
    """A new child of *parent*; ``xml_id`` and ``xml_lang`` name the ``xml:`` attributes,
    and attributes given as None or "" are left out."""
    element = ET.SubElement(parent, tag, _attributes(attributes))
    if text:
        element.text = text
    return element


def make(tag: str, text: str = "", /, **attributes: str | None) -> Element:
    """A new element with no parent (see :func:`sub`)."""
    element = ET.Element(tag, _attributes(attributes))
    if text:
        element.text = text
    return element


def _attributes(attributes: dict[str, str | None]) -> dict[str, str]:
    names = {"xml_id": ID, "xml_lang": LANG}
    return {names.get(k, k): v for k, v in attributes.items() if v}


def add_text(parent: Element, text: str) -> None:
    """Append *text* to *parent*'s content, after its last child if it has one."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def ncname(text: str) -> str:
    """*text* made fit for ``xml:id`` (letters, digits, ``.``, ``-``, ``_``; a letter first)."""
    name = NOT_NCNAME.sub("-", text)
    return name if name[:1].isalpha() or name[:1] == "_" else "id-" + name


def _indent(element: Element, level: int) -> None:
    if element.tag not in STRUCTURAL or not len(element):
        return
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


def serialise(root: Element) -> str:
    """The document as text: the declaration, the schema association, then *root*."""
    _indent(root, 0)
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-model href="{SCHEMA}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n' + body + "\n"
    )
