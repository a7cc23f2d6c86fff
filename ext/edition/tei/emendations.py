"""How each type of emendation is encoded in TEI: one table.

A type names what the editors did (``edition_emendation_types``); the table
says which TEI construction records it and whose error it corrects, where
the edition says so:

- ``CORRECTION``: ``<choice><sic>`` the witness ``<corr>`` the edition;
- ``REGULARISATION``: ``<choice><orig>`` the witness ``<reg>`` the edition,
  for a form that is not an error but is made regular;
- ``SUPPLIED``: ``<supplied>``, for what the witness lost and the editors
  restored (an endnote marker or number);
- ``RELOCATION``: nothing inline; the witness's order is described in the
  header (``sourceDesc``) and the reason is in the apparatus.

``cause`` becomes ``@subtype`` of ``corr`` or ``reg`` (and is named in the
header): ``source`` for an error of the author or typist, ``extraction`` for
one made when the PDF was turned into text.  A type missing from the table is a located build error, so a
new type cannot reach the TEI unencoded.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Encoding(StrEnum):
    CORRECTION = "correction"
    REGULARISATION = "regularisation"
    SUPPLIED = "supplied"
    RELOCATION = "relocation"


class Cause(StrEnum):
    SOURCE = "source"
    EXTRACTION = "extraction"


class TeiEmendation(NamedTuple):
    encoding: Encoding
    cause: Cause | None


#: Errors of the source are corrected (sic/corr); errors of the extraction are the witness's
#: form, not the paper's, and are made regular (orig/reg) or supplied (as the statement of
#: method says: docs/editorial-principles.md).
ENCODINGS: dict[str, TeiEmendation] = {
    "typo": TeiEmendation(Encoding.CORRECTION, Cause.SOURCE),
    "punctuation": TeiEmendation(Encoding.CORRECTION, Cause.SOURCE),
    "hyphenation": TeiEmendation(Encoding.REGULARISATION, Cause.EXTRACTION),
    "escape": TeiEmendation(Encoding.REGULARISATION, Cause.EXTRACTION),
    "restored-marker": TeiEmendation(Encoding.SUPPLIED, Cause.EXTRACTION),
    "restored-number": TeiEmendation(Encoding.SUPPLIED, Cause.EXTRACTION),
    "relocation": TeiEmendation(Encoding.RELOCATION, Cause.EXTRACTION),
}

#: ``@reason`` of a ``supplied`` the editors restored (TEI suggests a word, not a sentence).
SUPPLIED_REASON = "lost-in-extraction"

#: The TEI elements of each encoding: (choice's witness child, choice's edition child).
PAIRS = {Encoding.CORRECTION: ("sic", "corr"), Encoding.REGULARISATION: ("orig", "reg")}


def encoding_of(etype: str) -> TeiEmendation | None:
    return ENCODINGS.get(etype)


def subtype(cause: Cause | None) -> str | None:
    """``@subtype`` of the edition's element: ``source-error`` or ``extraction-error``."""
    return f"{cause}-error" if cause else None
