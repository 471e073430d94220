"""Text as a document may hold it: no characters that XML (DOCX) forbids.

A transcript can carry control characters (ESC, BEL, \\x01) from a typed transcript,
a pasted title or another program's JSON. XML 1.0 forbids them, so python-docx
refuses the whole document. They carry no words, so they are removed (not replaced
by a space or a mark): "Vi\\x01beke" stays one word, which the leak check can still see.
Tab and line breaks are kept. Used where the export pipeline prepares its text
(``document.prepare``, the heading and provenance), and for the validation package
and the tables, so that every format prints the same characters.
"""

from __future__ import annotations

import re

# XML 1.0's Char production excludes these: C0 controls but tab, LF and CR; lone
# surrogates (only from a broken decoding); and the two non-characters U+FFFE/U+FFFF.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without the characters a DOCX (XML) cannot hold; the same object when it has none."""
    return _NOT_IN_XML.sub("", text) if _NOT_IN_XML.search(text) else text


def printable_or_none(text: str | None) -> str | None:
    return None if text is None else printable(text)


# Word's document properties (title, subject…) hold at most 255 characters; python-docx refuses more.
MAX_PROPERTY_LENGTH = 255


def property_text(text: str) -> str:
    """``text`` fit for a document property: printable, and cut to 255 characters (ending in …)."""
    text = printable(text)
    return text if len(text) <= MAX_PROPERTY_LENGTH else text[: MAX_PROPERTY_LENGTH - 1] + "…"
