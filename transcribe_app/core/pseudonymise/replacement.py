"""Replacing mentions: roster codes, [Person N] for everyone else, [Kommune]/[Sted]/[Organisation].

Presidio's AnonymizerEngine does the replacing (with a custom operator per
replacement string); the consistency is ours: the same person always gets the
same number, numbered in the order they are first mentioned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .detection import Detection, Mention, Referent
from .kinds import LOCATION, ORGANIZATION

# A person's label by their name: "[Person 3]" (a study's register).
Numbers = Callable[[str], str]

PLACE_MARKS = {"municipality": "[Kommune]", "region": "[Region]", "place": "[Sted]"}


@dataclass
class Occurrence:
    """One replaced mention: where its replacement stands in the output, and what stood there."""

    part: int  # turn index
    start: int  # in the turn's pseudonymised text
    end: int
    original: str
    replacement: str
    referent: str
    at: int = 0  # in the whole pseudonymised document (turns joined by line breaks)

    def to_dict(self) -> dict:
        return {
            "part": self.part,
            "start": self.start,
            "end": self.end,
            "at": self.at,
            "original": self.original,
            "replacement": self.replacement,
        }


@dataclass
class Pseudonymised:
    parts: list[str]
    text: str
    occurrences: list[Occurrence]
    detection: Detection
    labels: dict[str, str] = field(default_factory=dict)  # referent key → what replaced it (VJ, [Person 2])


def replacement_labels(detection: Detection, numbers: Numbers | None = None) -> dict[str, str]:
    """What each referent becomes, numbering people without a code in order of first mention.

    ``numbers`` (a study's register, ``core/study/pseudonyms.py``) gives the label of a person by
    name instead, so that one person has one number in every transcript of a study.
    """
    labels: dict[str, str] = {}
    number = 0
    for mention in detection.mentions:
        if not mention.replaced:
            continue
        key = referent_of(mention, detection)
        if key in labels:
            continue
        referent = detection.referents[key]
        if referent.code:
            labels[key] = referent.code
        elif referent.entity == LOCATION:
            labels[key] = PLACE_MARKS.get(referent.place or "place", "[Sted]")
        elif referent.entity == ORGANIZATION:
            labels[key] = "[Organisation]"
        elif numbers is not None:
            labels[key] = numbers(referent.name)
        else:
            number += 1
            labels[key] = f"[Person {number}]"
    return labels


def referent_of(mention: Mention, detection: Detection) -> str:
    """An accepted ambiguous mention that the user did not assign is a person of its own: safe, if coarse."""
    if mention.referent is None:
        mention.referent = f"ambiguous:{mention.base}"
        detection.referents.setdefault(mention.referent, Referent(mention.referent, mention.base, "PERSON"))
    return mention.referent


def possessive(label: str) -> str:
    """Danish genitive: VJ's (an abbreviation takes 's), [Person 1]s, and an ' after s/x/z (Hans')."""
    if label.endswith("]"):
        return label + "s"
    if label[-1:].lower() in ("s", "x", "z"):
        return label + "'"
    return label + "'s" if label.isupper() else label + "s"


def replace_mentions(detection: Detection, numbers: Numbers | None = None) -> Pseudonymised:
    """The document with every replaced mention swapped for its label, and where each one went."""
    labels = replacement_labels(detection, numbers)
    chosen = [m for m in detection.mentions if m.replaced]
    # "Vibekesagen" → "VJ-sagen": a code glued to a word takes a hyphen, as Danish writes "EU-sagen".
    strings = [
        (possessive(labels[m.referent]) if m.possessive else labels[m.referent]) + m.joiner for m in chosen
    ]
    kinds = {text: f"R{i}" for i, text in enumerate(dict.fromkeys(strings))}
    # Presidio loads in seconds: only when names are replaced, never when the window opens.
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    results = [RecognizerResult(kinds[s], m.start, m.end, 1.0) for m, s in zip(chosen, strings, strict=True)]
    # A custom operator per replacement: Presidio swaps the spans, our numbering decides what goes in.
    operators = {kind: OperatorConfig("custom", {"lambda": _constant(text)}) for text, kind in kinds.items()}
    output = (
        AnonymizerEngine().anonymize(detection.document.text, results, operators).text if chosen else None
    )
    text = output if output is not None else detection.document.text
    return _with_positions(detection, chosen, strings, text, labels)


def _constant(text: str):
    return lambda _original: text


def _with_positions(detection, chosen, strings, text, labels) -> Pseudonymised:
    """Map every replacement to its place in the output (Presidio's own item offsets are not reliable
    across versions, so they are recomputed from the input positions)."""
    document = detection.document
    if not document.parts:  # a project with no transcript yet
        return Pseudonymised([], "", [], detection, labels)
    shift, occurrences = 0, []
    for mention, string in zip(chosen, strings, strict=True):
        at = mention.start + shift
        shift += len(string) - (mention.end - mention.start)
        occurrences.append(Occurrence(mention.part, 0, 0, mention.text, string, mention.referent, at))
    starts, shift, index = [], 0, 0
    for part_start in document.starts:  # each turn's start moves by the changes before it
        while index < len(chosen) and chosen[index].start < part_start:
            shift += len(strings[index]) - (chosen[index].end - chosen[index].start)
            index += 1
        starts.append(part_start + shift)
    for occurrence in occurrences:
        occurrence.start = occurrence.at - starts[occurrence.part]
        occurrence.end = occurrence.start + len(occurrence.replacement)
    ends = starts[1:] + [len(text) + 1]
    parts = [text[start : end - 1] for start, end in zip(starts, ends, strict=True)]
    return Pseudonymised(parts, text, occurrences, detection, labels)
