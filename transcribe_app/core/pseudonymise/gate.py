"""The export gate: nothing pseudonymised leaves while a real name is still in it.

Before a pseudonymised export is written, its final text is searched for every
roster name (full name, first name, surname, aliases) and every name that was
replaced anywhere — case-insensitively and with possessive endings, because a
typed "vibeke" or "Jensens" identifies as well as "Vibeke Jensen". One
exception keeps the gate usable: a single name that is also an ordinary Danish
word ("Per", "Bo", "Skov") is only a hit when capitalised, or "per måned"
would block every export. Occurrences the researcher explicitly rejected as
not being names are allowed, as many times as they were rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import TranskriptError
from ..project import RosterEntry
from .lexicon import danish_lexicon

_POSSESSIVE = r"(?:'s|’s|s|'|’)?"


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
    """Every place in ``text`` where one of ``names`` stands (whole words, possessives included)."""
    names = list(names)
    if not names:
        return []
    lexicon = danish_lexicon()
    insensitive = [n for n in names if " " in n or not lexicon.is_word(n)]
    capitalised = [n for n in names if n not in insensitive]
    matches = [
        match
        for pattern in (_pattern(insensitive, re.IGNORECASE), _pattern(capitalised, 0))
        if pattern is not None
        for match in pattern.finditer(text)
    ]
    matches.sort(key=lambda m: (m.start(), -len(m.group())))
    allowed = Counter(allowed or {})
    leaks, covered_until = [], 0
    for match in matches:
        if match.start() < covered_until:  # "Søren" inside "Søren Dams": one leak, not two
            continue
        covered_until = match.end()
        if allowed[match.group()] > 0:
            allowed[match.group()] -= 1
            continue
        leaks.append(_leak(text, match, names))
    return leaks


def _pattern(names: list[str], flags: int) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives}){_POSSESSIVE}(?![\w-])", flags)


def _leak(text: str, match: re.Match, names: list[str]) -> Leak:
    found = match.group()
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    folded = " ".join(found.split()).casefold()
    name = next((n for n in names if folded.startswith(n.casefold())), found)
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    context = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if len(context) > 90:
        offset = match.start() - line_start
        context = "…" + context[max(0, offset - 40) : offset + 50] + "…"
    return Leak(name, found, line, column, context)
