"""Annotated Danish transcripts for pseudonymisation: read the ``[[Name|PER]]`` marks, score detections,
and make longer transcripts with other names for benchmarks.

``interview_gold.txt`` + ``interview_roster.json`` are the project's shared test data;
``focus_group_gold.txt`` + ``focus_group_roster.csv`` were written for this test suite
with the traps the first one lacks (an informant and another person sharing a surname,
names in no list, titles, a roster surname also used as a word).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "pseudonymisation"
_MARK = re.compile(r"\[\[([^|\]]+)\|(PER|LOC|ORG)\]\]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


def read_gold(path: Path | str) -> tuple[str, list[Span]]:
    """The plain text (marks stripped) and where every marked name stands in it."""
    return strip_marks(Path(path).read_text(encoding="utf-8"))


def strip_marks(marked: str, mark: re.Pattern = _MARK) -> tuple[str, list[Span]]:
    pieces, spans, position, length = [], [], 0, 0
    for match in mark.finditer(marked):
        before = marked[position : match.start()]
        pieces.append(before)
        length += len(before)
        spans.append(Span(length, length + len(match.group(1)), match.group(2), match.group(1)))
        pieces.append(match.group(1))
        length += len(match.group(1))
        position = match.end()
    pieces.append(marked[position:])
    return "".join(pieces), spans


def score(
    spans: list[Span], found: list[tuple[int, int]]
) -> tuple[float, float, list[str], list[tuple[int, int]]]:
    """Person-mention recall and precision: a mention counts when it overlaps a marked person."""
    people = [s for s in spans if s.kind == "PER"]
    hit = [s for s in people if any(a < s.end and s.start < b for a, b in found)]
    false = [(a, b) for a, b in found if not any(a < s.end and s.start < b for s in people)]
    recall = len(hit) / len(people) if people else 1.0
    precision = 1 - len(false) / len(found) if found else 1.0
    return recall, precision, [s.text for s in people if s not in hit], false


def renamed_copy(marked: str, rng: random.Random, first_names: list[str], surnames: list[str],
                 keep: set[str]) -> str:  # fmt: skip
    """The same transcript about other people: every marked person word not in ``keep`` (the roster)
    becomes another first name or surname, the same one throughout the copy — so that a long
    benchmark text is not one text repeated. Possessive forms are renamed as words of their own."""
    mapping: dict[str, str] = {}
    first = set(first_names)

    def rename(word: str) -> str:
        if word in keep:
            return word
        if word not in mapping:
            mapping[word] = rng.choice(first_names if word in first else surnames)
        return mapping[word]

    def replace(match: re.Match) -> str:
        if match.group(2) != "PER":
            return match.group(0)
        return "[[" + " ".join(rename(w) for w in match.group(1).split()) + "|PER]]"

    return _MARK.sub(replace, marked)


def interview_project(folder: Path) -> Path:
    """The annotated interview (marks stripped) imported as a project with its roster, citation code VJ
    and appendix 7, saved in ``folder``: the project the window's panel tests open."""
    from transcribe_app.core.imports.typed import import_transcript
    from transcribe_app.core.project.file import save_project
    from transcribe_app.core.project.metadata import update_metadata
    from transcribe_app.core.project.roster import merge_roster, read_roster

    text, _ = read_gold(DATA / "interview_gold.txt")
    source = folder / "interview.txt"
    source.write_text(text, encoding="utf-8")
    project = import_transcript(source)
    merge_roster(project, read_roster(DATA / "interview_roster.json"))
    update_metadata(project, code="VJ", appendix=7)
    path = folder / "interview.transkript.json"
    save_project(project, path)
    return path


_INDIRECT_MARK = re.compile(r"\[\[([^|\]]+)\|(position|workplace|organisation|age|date|place|relation)\]\]")


def read_indirect_gold(path: Path | str) -> tuple[str, list[Span]]:
    """The plain text and every marked indirect identifier (``[[centerchef|position]]``) in it."""
    return strip_marks(Path(path).read_text(encoding="utf-8"), _INDIRECT_MARK)
