"""LaTeX to text for the common, simple BibTeX value, without pylatexenc.

Most values in a library that contain LaTeX at all use only a few things:
protective braces (``{NAFTA}``), dashes, TeX quotes, a tie and accent or
escape macros (``\\'e``, ``{\\~n}``, ``\\&``). Decoding those with a table is
exact and much faster than pylatexenc, which walks the value
character by character. :func:`decode` returns ``None`` for anything outside
that subset (another macro, math), and the caller falls back to pylatexenc.

One difference is deliberate: an unescaped ``%`` or ``&`` is kept as text.
pylatexenc reads ``%`` as the start of a comment and drops the rest of the
value, which loses words the author of the entry plainly meant.
"""

from __future__ import annotations

import re
import unicodedata

#: Accent macros and the combining character each adds to its letter.
ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
}
ACCENT = re.compile(r"\\([" + re.escape("".join(ACCENTS)) + r"])(?:\{([A-Za-z])\}|([A-Za-z]))")
ESCAPE = re.compile(r"\\([$%&#_{}])")
#: After the macros above are replaced, any of these means a construct this module does not know.
UNKNOWN = re.compile(r"[\\$]")
#: TeX's ligatures and the tie, longest first.
LIGATURES = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", "\u00a0"))
#: Escaped characters are parked on private-use code points while braces are removed.
PARK = {c: chr(0xE000 + i) for i, c in enumerate("$%&#_{}")}
UNPARK = str.maketrans({v: k for k, v in PARK.items()})


def _accent(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(3)
    return unicodedata.normalize("NFC", letter + ACCENTS[match.group(1)])


def decode(value: str) -> str | None:
    """*value* as text, or ``None`` if it uses LaTeX beyond the simple subset."""
    text = ESCAPE.sub(lambda m: PARK[m.group(1)], ACCENT.sub(_accent, value))
    if UNKNOWN.search(text):
        return None
    text = text.replace("{", "").replace("}", "")
    for tex, char in LIGATURES:
        text = text.replace(tex, char)
    return text.translate(UNPARK)
