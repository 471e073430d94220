"""Words of a text with their positions, and whether each starts a sentence.

Capitalisation is the strongest name signal Danish gives — but only in the
middle of a sentence; the first word of a sentence is capitalised whatever it
is. So every word knows whether it starts a sentence (after . ! ? : or a line
break — a turn's ``CODE:`` label counts) and whether it *is* such a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A word: letters, with inner hyphens or apostrophes (Anne-Mette, Excel-ark), and a possessive
# apostrophe at the end (Hans', Lars'). Digits form their own words so "D1" stays one label.
_WORD = re.compile(r"[^\W_][^\W_]*(?:[-'’][^\W_]+)*(?:'(?![^\W_]))?")
_SENTENCE_END = frozenset(".!?:;…")
_OPENERS = frozenset(" \t\"'«»„“”‘’(–—-[")
_LABEL = re.compile(r"[A-ZÆØÅ][A-ZÆØÅ0-9]{0,5}")  # I, IP, VJ, D1, M — turn labels in typed transcripts


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool
    label: bool  # a turn label at the start of a line ("IP:"): a code already, never a name
    tagged: bool = False  # in a hashtag or handle (#VibekeJensen, @vibeke.jensen): meant as a name
    glued: bool = (
        False  # written onto the word before it, in one hashtag or handle: "Jensen" in "#VibekeJensen"
    )

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def acronym(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


@lru_cache(maxsize=4)
def scan(text: str) -> tuple[Token, ...]:
    """The words of ``text``; cached because every recognizer reads the same text.

    A hyphenated word is one word while its parts are all capitalised or all not ("Anne-Mette",
    "Holm-Nielsen", "e-mail"); where the case changes, a Danish compound joins a name to a word,
    and the parts are words of their own: "Vibeke-sagen" → "Vibeke" + "sagen", "anti-Jensen" →
    "anti" + "Jensen", "Anne-Mette-gruppen" → "Anne-Mette" + "gruppen". In a hashtag or a
    handle the words run together: "#VibekeJensen" → "Vibeke" + "Jensen", glued.
    """
    handles = bytearray(len(text) + 1) if "#" in text or "@" in text else None
    for match in _HANDLE.finditer(text) if handles is not None else ():
        handles[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        tagged = handles is not None and bool(handles[match.start()])
        word = match.group()
        if "-" in word or tagged:
            parts = _parts(text, match.start(), match.end(), tagged)
        else:
            parts = ((match.start(), match.end(), False),)
        for start, end, camel in parts:
            word = text[start:end]
            glued = tagged and (
                camel or bool(tokens) and tokens[-1].tagged and _joined(text, tokens[-1], start)
            )
            before = _line_prefix(text, start)
            at_line_start = not before.strip(" \t\"'«»„“”‘’(–—-[")
            label = at_line_start and text.startswith(":", end) and bool(_LABEL.fullmatch(word))
            sentence_start = not glued and (at_line_start or _after_sentence_end(text, start))
            tokens.append(Token(word, start, end, sentence_start, label, tagged, glued))
    return tuple(tokens)


# A hashtag or handle: # or @ before a letter, not inside a word (an e-mail's @ is inside one).
_HANDLE = re.compile(r"(?<![\w@#])[#@][^\W_][\w.\-]*")
_CAMEL = re.compile(r"(?<=[^\W\d_])(?=[A-ZÆØÅ][a-zæøå])")


def _parts(text: str, start: int, end: int, tagged: bool) -> list[tuple[int, int, bool]]:
    """(start, end, camel) of the words in one matched word: compounds split where the case changes,
    and, in a hashtag, camel case split ("VibekeJensen")."""
    pieces = []
    position = start
    for part in text[start:end].split("-"):
        upper = part[:1].isupper()
        if pieces and pieces[-1][2] == upper:
            pieces[-1] = (pieces[-1][0], position + len(part), upper)
        else:
            pieces.append((position, position + len(part), upper))
        position += len(part) + 1
    if not tagged:
        return [(a, b, False) for a, b, _ in pieces]
    split = []
    for a, b, _ in pieces:
        cuts = [a] + [a + m.start() for m in _CAMEL.finditer(text[a:b]) if m.start() > 0] + [b]
        split += [(x, y, i > 0) for i, (x, y) in enumerate(zip(cuts, cuts[1:], strict=False))]
    return split


def _joined(text: str, previous: Token, start: int) -> bool:
    """Two words of one handle: nothing, a dot, an underscore or a hyphen between them."""
    return start - previous.end <= 1 and text[previous.end : start] in ("", ".", "_", "-")


def _line_prefix(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start]


def _after_sentence_end(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def adjacent(text: str, left: Token, right: Token) -> bool:
    """Two words written as parts of one name: separated by one space only, or glued together in
    a hashtag or handle (#VibekeJensen, @vibeke.jensen)."""
    if right.glued:
        return True
    return right.start - left.end == 1 and text[left.end] == " "


def strip_possessive(word: str) -> tuple[str, bool]:
    """``Vibekes`` → (``Vibeke``, True) candidates; the caller checks which base is a known name."""
    if word.endswith(("'", "’")):
        return word[:-1], True
    if word.endswith(("'s", "’s")):
        return word[:-2], True
    if word.endswith("s") and len(word) > 2 or word.endswith("S") and len(word) > 3 and word.isupper():
        return word[:-1], True  # Vibekes, and the shouted VIBEKES
    return word, False
