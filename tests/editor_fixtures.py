"""Transcripts with real Danish sentences and word timings, for the editing and editor tests.

Timings are made by hand the way Whisper gives them (a leading space on each word,
punctuation attached, a little silence between words); the sentences come from
``tests/data/cleanup/dev.tsv`` (interview talk with fillers and stutters) and the
sample recording's reference text.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from transcribe_app.core.cleanup import words_from_text
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word

DATA = Path(__file__).parent / "data"
SAMPLE_WAV = Path(__file__).resolve().parents[1] / "resources" / "sample" / "nst_da_sample.wav"
# What is said in the sample recording (7.6 s), see resources/sample/README.md.
SAMPLE_TEXT = (
    "Dan havde lavet en flot tegning af en sol og en måne med hat og tre øjne, "
    "som blev hængt op i skolen, så alle kunne se den."
)


def dev_sentences() -> dict[str, str]:
    """The verbatim sentences of the cleanup dev set, by id (d01…)."""
    with open(DATA / "cleanup" / "dev.tsv", encoding="utf-8") as handle:
        return {row["id"]: row["verbatim"] for row in csv.DictReader(handle, delimiter="\t")}


def timed_segment(
    index: int,
    text: str,
    start: float,
    speaker: str | None = None,
    *,
    word_s: float = 0.3,
    gap_s: float = 0.05,
    probabilities: dict[int, float] | None = None,
) -> Segment:
    """A segment whose words last ``word_s`` with ``gap_s`` between them; probability 0.9 unless given."""
    words, t = [], start
    for i, piece in enumerate(words_from_text(text)):
        p = (probabilities or {}).get(i, 0.9)
        words.append(Word(" " + piece.text.strip(), round(t, 3), round(t + word_s, 3), p, speaker))
        t += word_s + gap_s
    return Segment(index, start, round(t - gap_s, 3), "".join(w.text for w in words), words, speaker)


def interview(
    texts: list[tuple[str | None, str]], *, gap_s: float = 0.6, kind: str = "elite", word_s: float = 0.3
) -> Project:
    """A project with one segment per (speaker label, text), one after the other."""
    segments, t = [], 0.0
    for i, (speaker, text) in enumerate(texts):
        segment = timed_segment(i, text, t, speaker, word_s=word_s)
        segments.append(segment)
        t = segment.end + gap_s
    labels = sorted({s for s, _ in texts if s})
    codes = {"S1": "I", "S2": "VJ", "S3": "MSS"}
    roster = [
        RosterEntry(
            label=label, code=codes.get(label, label), role="interviewer" if label == "S1" else "informant"
        )
        for label in labels
    ]
    return Project(metadata=Metadata(title="Interview", kind=kind), roster=roster, segments=segments)


def focus_group(words: int = 20_000, *, seed: int = 1) -> Project:
    """A two-hour focus group of about ``words`` words: a moderator and five participants, 1,500-odd turns."""
    sentences = list(dev_sentences().values())
    rnd = random.Random(seed)
    labels = ["S1", "S2", "S3", "S4", "S5", "S6"]
    segments: list[Segment] = []
    count, t, turn = 0, 0.0, 0
    while count < words:
        speaker = "S1" if turn % 3 == 0 else labels[rnd.randrange(1, 6)]
        for _ in range(rnd.choice((1, 1, 2))):
            probabilities = {rnd.randrange(12): rnd.random() * 0.5}
            segment = timed_segment(
                len(segments), rnd.choice(sentences), t, speaker, word_s=0.25, probabilities=probabilities
            )
            segments.append(segment)
            count += len(segment.words)
            t = segment.end + 0.2
        t += 0.6
        turn += 1
    roster = [RosterEntry(label="S1", code="M", role="interviewer")] + [
        RosterEntry(label=label, code=code, role="informant")
        for label, code in zip(labels[1:], ("HEK", "HOK", "SK", "VK", "AK"), strict=True)
    ]
    return Project(
        metadata=Metadata(title="Fokusgruppe", kind="focus_group"), roster=roster, segments=segments
    )
