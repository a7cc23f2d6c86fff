"""How a contributor's text is shown on a terminal, decided in one place.

A file name or a field may hold raw control characters (an ``ESC [2J`` that clears the
screen, a carriage return that overwrites the line, a newline that forges a second
message) or bidirectional controls (which make a line read as something it is not, the
"Trojan Source" attack, CVE-2021-42574). Every message goes through
:func:`edition.diagnostics.report`, which shows them with :func:`printable` as escapes
such as ``\\x1b`` or ``\\u202e``. (Whether a field may hold them at all is the schemas'
business: :mod:`edition.schema` refuses the same characters in names and quotations.)
"""

from __future__ import annotations

import unicodedata

#: Embeddings, overrides and isolates (Unicode UAX #9), the characters of CVE-2021-42574, and
#: the invisible direction marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: Line and paragraph separators: a terminal may break the line there.
SEPARATORS = frozenset("\u2028\u2029")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS or char in SEPARATORS


def printable(text: str) -> str:
    """*text* with every control character (C0, DEL, C1, line separators and bidi
    controls) written as a visible escape such as ``\\x1b`` or ``\\u202e``."""
    if text.isprintable():  # the common case, in C
        return text
    return "".join(_escape(char) if _unsafe(char) else char for char in text)


def shorten(text: str, limit: int = 80) -> str:
    """*text* cut to *limit* characters (with an ellipsis), for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
