"""Which characters a contributor's text may carry, decided in one place.

Two policies, each one function:

- :func:`printable` makes text safe for a terminal. A file name or a field may hold
  raw control characters (an ``ESC [2J`` that clears the screen, a carriage return
  that overwrites the line, a newline that forges a second message); every message
  goes through :func:`edition.diagnostics.report`, which shows them as escapes.
- :func:`bidi_problem` refuses the Unicode bidirectional embedding, override and
  isolate controls in names and quotations: they make a text display as something
  it is not (the "Trojan Source" attack, CVE-2021-42574). Loaders call it for each
  such field and report the message at the field's line.
"""

from __future__ import annotations

import unicodedata

#: Embeddings, overrides and isolates (Unicode UAX #9), the characters of CVE-2021-42574.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
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


def bidi_problem(field: str, text: str) -> str | None:
    """A message if *text* (the value of *field*) holds a bidirectional control, else None."""
    for index, char in enumerate(text):
        if char in BIDI_CONTROLS:
            name = unicodedata.name(char, "bidirectional control")
            return (
                f"{field} holds a bidirectional control character (U+{ord(char):04X} {name}) at "
                f"character {index + 1}: it makes the text display differently from what it is; "
                "delete it (write the words in their logical order)"
            )
    return None


def shorten(text: str, limit: int = 80) -> str:
    """*text* cut to *limit* characters (with an ellipsis), for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
