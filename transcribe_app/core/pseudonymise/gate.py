"""The export gate: nothing pseudonymised leaves while a real name is still in it.

Before a pseudonymised export is written, its final text is searched for every
roster name (full name, first name, surname, aliases) and every name that was
replaced anywhere — in every way it can be written, because each identifies
as well as "Vibeke Jensen":

- in any case ("vibeke", "VIBEKE JENSEN") and with possessive endings ("Jensens", "Hans'");
- in Danish compounds, with or without a hyphen ("Vibeke-sagen", "Jensensrapporten");
- written as one word or with dots and underscores ("#VibekeJensen", "@vibeke_jensen");
- with the old spellings of æ/ø/å ("Soeren" for Søren, "Kaare Aas" for Kåre Ås);
- with invisible characters inside ("Vi\u00adbeke"), decomposed letters, or broken
  across a line ("Vi-\nbeke", "Vibeke\nJensen").

Two exceptions keep the gate usable: a single name that is also an ordinary
Danish word ("Per", "Bo", "Skov") is only a hit when capitalised, or "per
måned" would block every export; and a name inside a different double name
("Mette" in "Anne-Mette") is that other name. Occurrences the researcher
explicitly rejected as not being names are allowed, as many times as they were
rejected.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..errors import TranskriptError
from ..project.record import RosterEntry
from ..text_form import is_invisible, normal_form
from .forms import CompoundHeads, compound_after_name, compound_split, may_head_compound, spelling_key
from .lexicon import danish_lexicon


class LeakError(TranskriptError):
    """An export would contain real names; nothing was written."""

    exit_code = 4

    def __init__(self, leaks: list[Leak]):
        self.leaks = leaks
        shown = "\n".join(
            f"  line {leak.line}: “{leak.found}” ({leak.name}) — {leak.context}" for leak in leaks[:20]
        )
        more = f"\n  … and {len(leaks) - 20} more" if len(leaks) > 20 else ""
        super().__init__(
            f"The export was stopped: {len(leaks)} real name(s) would still be in it.\n{shown}{more}\n"
            "Reject or add these in the pseudonymisation review and export again, or export anyway with "
            "--allow-leaks (recorded in the audit log)."
        )


@dataclass(frozen=True)
class Leak:
    name: str  # the protected name that was found
    found: str  # as written in the output
    line: int
    column: int
    context: str


def protected_names(roster: Iterable[RosterEntry], replaced: Iterable[str]) -> list[str]:
    """Every form of every real name the output must not contain."""
    names = []
    for entry in roster:
        words = entry.name.split()
        if not words:
            continue
        names.append(entry.name)
        if entry.role != "organisation" and len(words) > 1:
            names += [words[0], words[-1]]
        names += [alias for alias in entry.aliases if alias.strip()]
    names += list(replaced)
    return sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)


def find_leaks(text: str, names: Iterable[str], allowed: Counter[str] | None = None) -> list[Leak]:
    """Every place in ``text`` where one of ``names`` stands, in any of its written forms (see above)."""
    by_key = {_name_key(n): " ".join(n.split()) for n in names if n.strip()}
    by_joined = {_SEPARATORS.sub("", key): name for key, name in by_key.items()}
    if not by_key:
        return []
    lexicon = danish_lexicon()
    folded = _Folded(text)
    matches = []
    for match in _pattern(tuple(sorted(by_key, key=len, reverse=True))).finditer(folded.text):
        name = by_joined[_SEPARATORS.sub("", match.group("name"))]
        tail = match.group("tail")
        # After an apostrophe come the name's own endings (Hans', Bækgaard'ernes); other letters that
        # follow make it a leak only as the head of a compound (Vibekesagen).
        if tail and tail != "s" and not match.group("apostrophe"):
            if not _heads_compound(match, name, text, folded, lexicon):
                continue
        end = (
            match.end()
            if tail
            else match.end("apostrophe")
            if match.group("apostrophe")
            else match.end("name")
        )
        start, end = folded.span(match.start(), end)
        written = normal_form(text[start:end])
        if " " not in name and name.lower() in lexicon.words and not _capitalised(written, name, lexicon):
            continue  # "per måned" is not Per: a name that is also a word counts only with a capital
        if " " not in name and _inside_double_name(text, start, end, lexicon):
            continue
        matches.append((start, end, written, name))
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    allowed = Counter({normal_form(k): v for k, v in (allowed or {}).items()})
    leaks, covered_until = [], 0
    for start, end, written, name in matches:
        if start < covered_until:  # "Søren" inside "Søren Dams": one leak, not two
            continue
        covered_until = end
        if allowed[written] > 0:
            allowed[written] -= 1
            continue
        leaks.append(_leak(text, start, end, written, name))
    return leaks


# Between the words of a full name: spaces, a line break, dots, underscores, hyphens, or nothing
# ("#VibekeJensen", "@vibeke.jensen").
_SEPARATOR = r"[\s._\-]*"
_SEPARATORS = re.compile(r"[\s._\-]+")


def _name_key(name: str) -> str:
    return " ".join(spelling_key(word) for word in name.split())


@lru_cache(maxsize=16)
def _pattern(keys: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(_SEPARATOR.join(re.escape(word) for word in key.split()) for key in keys)
    # The name, a possessive apostrophe, then whatever letters follow (a possessive s, or a compound's
    # tail: checked by ``_heads_compound``).
    return re.compile(rf"(?<!\w)(?P<name>{alternatives})(?P<apostrophe>['’]s?)?(?P<tail>\w*)")


def _capitalised(written: str, name: str, lexicon) -> bool:
    """ "Per", not "per"; and not the shouted "PER" either when the name is a dictionary word as it
    stands (a heading's word as often as a name) — "JENSEN" is no word, so it counts."""
    letters = [c for c in written if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    shouted = len(letters) > 1 and letters[1].isupper()
    return not shouted or name.lower() not in lexicon.words


def _heads_compound(match: re.Match, name: str, text: str, folded: _Folded, lexicon) -> bool:
    """Letters follow the name: it is a leak only when the name heads a compound ("Vibekesagen",
    "Jensensrapporten"), by the rule detection uses (``forms``)."""
    last = name.split()[-1]  # "Vibeke Jensensagen", "Kåre Åssagen": the surname heads the compound
    start, end = folded.span(match.start(), match.end())
    word = normal_form(text[start:end])
    if " " in name:  # the word the surname starts: "Jensensagen" of "Vibeke-Jensensagen"
        word = re.split(r"[\s._]+", word)[-1]
        word = word.split("-")[-1] if "-" not in last else word
        return compound_after_name(word, last, lexicon) is not None
    return (
        may_head_compound(last, lexicon) and compound_split(word, CompoundHeads([last]), lexicon) is not None
    )


def _inside_double_name(text: str, start: int, end: int, lexicon) -> bool:
    """ "Mette" in "Anne-Mette", "Nielsen" in "Holm-Nielsen": part of someone else's double name."""
    left, right = start, end
    while left > 0 and (text[left - 1].isalpha() or text[left - 1] == "-" or is_invisible(text[left - 1])):
        left -= 1
    while right < len(text) and (text[right].isalpha() or text[right] == "-" or is_invisible(text[right])):
        right += 1
    if "-" not in text[left:start] + text[end:right]:
        return False
    before = normal_form(text[left:start]).split("-")
    after = normal_form(text[end:right]).split("-")
    # The capitalised parts joined to the name by hyphens: "Anne-Mette" of "Anne-Mette-gruppen".
    head = [p for p in _capitalised_run(reversed(before[:-1]))][::-1]
    rest = _capitalised_run(after[1:])
    if not head and not rest or before[-1] or after[0].strip("'’s"):
        return False
    whole = "-".join([*head, normal_form(text[start:end]), *rest])
    return lexicon.is_first_name(whole) or lexicon.is_surname(whole)


def _capitalised_run(parts) -> list[str]:
    run = []
    for part in parts:
        if not part[:1].isupper():
            break
        run.append(part)
    return run


class _Folded:
    """The text as the gate compares it: invisible characters and line-break hyphens gone, letters
    composed and folded (``spelling_key``), with the way back to the original positions."""

    # "Vibe-⏎ke" broken at the end of a line, or "Vibe- ke" where an import joined the lines.
    _LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?:[ \t]*\r?\n[ \t]*|[ \t]+)(?=[^\W\d_A-ZÆØÅ])")

    def __init__(self, text: str):
        skipped = bytearray(len(text))
        for match in self._LINE_BREAK_HYPHEN.finditer(text):
            skipped[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        pieces: list[str] = []
        self.origin: list[int] = []  # per folded character: where its letter starts in ``text``
        self.ends: list[int] = []  # … and where it ends (with its combining marks)
        i = 0
        while i < len(text):
            if skipped[i] or is_invisible(text[i]):
                i += 1
                continue
            j = i + 1  # a letter and the combining marks (and invisible characters) that follow it
            while j < len(text) and (unicodedata.combining(text[j]) or is_invisible(text[j])):
                j += 1
            cluster = normal_form(text[i:j]) if j > i + 1 else text[i]
            key = spelling_key(cluster) if cluster.isalpha() else cluster
            for character in key or cluster:
                pieces.append(character)
                self.origin.append(i)
                self.ends.append(j)
            i = j
        self.text = "".join(pieces)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded characters ``start:end``."""
        return self.origin[start], self.ends[end - 1]


def _leak(text: str, start: int, end: int, found: str, name: str) -> Leak:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    context = normal_form(text[line_start : line_end if line_end >= 0 else len(text)]).strip()
    if len(context) > 90:
        offset = len(normal_form(text[line_start:start]))
        context = "…" + context[max(0, offset - 40) : offset + 50] + "…"
    return Leak(name, " ".join(found.split()), line, column, context)  # "Vibe-⏎ke" shown on one line
