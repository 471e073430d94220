"""The word lists the cleanup rules consult, loaded once from ``resources/cleanup``.

The lists live in resources, not in code, so that a researcher (or a translator
adding a language) can extend them without touching a rule. Every language's
lists are merged: interviews switch into English mid-sentence, and an English
"um" is as much a filled pause as a Danish "øh".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from ..errors import BadInputError
from ..resources import resource_path

DEFAULT_LANGUAGES: tuple[str, ...] = ("da", "en")


@dataclass(frozen=True)
class WordLists:
    """Lower-case word sets, one per role a word can play in the cleanup rules."""

    fillers: frozenset[str] = frozenset()
    backchannels: frozenset[str] = frozenset()
    interjections: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    intensifiers: frozenset[str] = frozenset()
    protected: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    discourse_markers: frozenset[str] = frozenset()

    @property
    def clause_openers(self) -> frozenset[str]:
        """Words after which a clause still counts as just begun ("Ja altså, ...", "Men altså, ...")."""
        return self.interjections | self.conjunctions


_LIST_NAMES = tuple(f.name for f in fields(WordLists))


def resources_dir() -> Path:
    """The folder holding the cleanup lists, in a source checkout or a PyInstaller bundle."""
    return resource_path("cleanup")


@cache
def load_lists(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> WordLists:
    """The merged word lists of ``languages`` (cached: the files are read once per process)."""
    merged: dict[str, set[str]] = {name: set() for name in _LIST_NAMES}
    for language in languages:
        data = _read_language(language)
        for name in _LIST_NAMES:
            merged[name].update(word.strip().lower() for word in data.get(name, []))
    lists = WordLists(**{name: frozenset(words) for name, words in merged.items()})
    _check(lists, languages)
    return lists


def _read_language(language: str) -> dict[str, list[str]]:
    path = resources_dir() / f"{language}.json"
    if not path.is_file():
        raise BadInputError(
            f"The cleanup word list for language “{language}” is missing ({path}). "
            "Reinstall Transkript or choose another language."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"The cleanup word list “{path.name}” cannot be read: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(name, []), list) for name in _LIST_NAMES):
        raise BadInputError(
            f"The cleanup word list “{path.name}” is damaged: every list must be a JSON array of words."
        )
    return data


def _check(lists: WordLists, languages: tuple[str, ...]) -> None:
    # A word that carries meaning must never be hidden as noise: an edited list that
    # put "ikke" among the fillers would silently delete negations from every quote.
    clash = lists.protected & (lists.fillers | lists.backchannels)
    if clash:
        raise BadInputError(
            f"The cleanup word lists for {', '.join(languages)} list "
            f"{', '.join(sorted(clash))} both as meaning-carrying and as fillers; fix resources/cleanup."
        )
