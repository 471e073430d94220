"""Projects for the layout and export tests, built from real Danish sentences.

The sentences are the cleanup test pairs (``tests/data/cleanup/dev.tsv``, with
their fillers and repetitions) and the NST reference texts; words get regular
times, so every format that needs timings has them.
"""

from __future__ import annotations

import csv
import random
from functools import cache
from pathlib import Path

from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word

DATA = Path(__file__).resolve().parent / "data"
WORD_SECONDS = 0.32


@cache
def danish_sentences() -> tuple[str, ...]:
    with open(DATA / "cleanup" / "dev.tsv", encoding="utf-8", newline="") as handle:
        cleanup = [row["verbatim"] for row in csv.DictReader(handle, delimiter="\t")]
    with open(DATA / "nst_da" / "manifest.tsv", encoding="utf-8", newline="") as handle:
        nst = [
            row["reference"].rstrip(".").capitalize() + "." for row in csv.DictReader(handle, delimiter="\t")
        ]
    return tuple(cleanup + nst)


def interview(turns: int = 20, *, seed: int = 1, long_turns: bool = True) -> Project:
    """An elite interview: I asks, VJ (Vibeke Jensen) answers, with times on every word."""
    rng = random.Random(seed)
    sentences = danish_sentences()
    project = Project(
        metadata=Metadata(
            title="Interview 1", date="2024-03-05", kind="elite", appendix=1, citation_code="VJ"
        ),
        roster=[
            RosterEntry(label="S1", name="Ida Holm", code="I", role="interviewer"),
            RosterEntry(label="S2", name="Vibeke Jensen", code="VJ", role="informant"),
        ],
    )
    clock = 1.0
    for n in range(turns):
        speaker = "S1" if n % 2 == 0 else "S2"
        count = rng.randint(1, 2) if speaker == "S1" or not long_turns else rng.randint(2, 9)
        for _ in range(count):
            segment, clock = timed_segment(len(project.segments), rng.choice(sentences), clock, speaker)
            project.segments.append(segment)
        clock += 0.8
    project.audio.duration = clock + 2.0
    return project


def timed_segment(index: int, sentence: str, clock: float, speaker: str | None) -> tuple[Segment, float]:
    """A segment whose words follow one another every ``WORD_SECONDS``; returns it and the new clock."""
    words = []
    for k, token in enumerate(sentence.split()):
        start = clock + k * WORD_SECONDS
        words.append(Word(" " + token, round(start, 3), round(start + WORD_SECONDS * 0.9, 3), 0.9, speaker))
    end = words[-1].end
    return Segment(index, words[0].start, end, " " + sentence, words, speaker=speaker), end + 0.3


def untimed(project: Project) -> Project:
    """The same transcript without any times, as an imported typed text would be."""
    for segment in project.segments:
        segment.start = segment.end = None
        for word in segment.words:
            word.start = word.end = None
    project.source = "import"
    return project
