"""How good the machine transcript is: word and character error rates against a reference.

The machine transcript is what Whisper wrote (``project.recognised``, kept when it was decoded);
the reference is the transcript as the researcher corrected it, or a typed transcript of the same
recording. The figures are those every ASR table prints (WER = (S + D + I) / N over reference
words, CER the same over characters), overall and per speaker, with the substitutions the machine
made most often — the words worth putting in the vocabulary prompt (``--prompt``).

Both texts are normalised the same way first (``NORMALISATION`` says how, and the report repeats
it), so that a comma or a capital letter is never counted as an error of the recogniser.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from .word_alignment import DELETE, EQUAL, INSERT, MAX_CELLS, SUBSTITUTE, align, distance

NORMALISATION = (
    "lower case; punctuation removed at the edges of words (inside a word, as in it-chef or 2,5, it "
    "stays); transcription marks removed — pauses (.) (..) (3 sek.) and anything in square brackets; "
    "numbers compared as written (22 and toogtyve are different words); æ, ø, å kept as they are "
    "(aa is not å)"
)
NO_SPEAKER = "?"
_MARKS = re.compile(r"\(\s*(?:\.{1,3}|\d+(?:[.,]\d+)?\s*sek\.?)\s*\)|\[[^\]]*\]")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def normalised_words(text: str) -> list[str]:
    """The words of ``text`` as they are compared (see ``NORMALISATION``)."""
    text = unicodedata.normalize("NFC", _MARKS.sub(" ", text)).lower()
    words = (_EDGES.sub("", token) for token in text.split())
    return [word for word in words if word]


@dataclass
class ErrorCounts:
    """Edits counted against ``words`` reference words and ``characters`` reference characters."""

    words: int = 0
    substitutions: int = 0
    deletions: int = 0  # reference words the machine left out
    insertions: int = 0  # words the machine added
    characters: int = 0
    character_edits: int = 0

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float | None:
        """Word error rate in percent (None without reference words)."""
        return 100.0 * self.errors / self.words if self.words else None

    @property
    def cer(self) -> float | None:
        """Character error rate in percent (None without reference characters)."""
        return 100.0 * self.character_edits / self.characters if self.characters else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "wer": _rounded(self.wer), "cer": _rounded(self.cer), "words": self.words,
            "substitutions": self.substitutions, "deletions": self.deletions, "insertions": self.insertions,
            "characters": self.characters, "character_edits": self.character_edits,
        }  # fmt: skip


@dataclass
class Substitution:
    """A reference word the machine wrote as another, and how often."""

    reference: str
    machine: str
    count: int


@dataclass
class AccuracyReport:
    """The figures, what was compared with what, and how the texts were normalised."""

    overall: ErrorCounts
    speakers: dict[str, ErrorCounts] = field(default_factory=dict)
    substitutions: list[Substitution] = field(default_factory=list)
    machine: str = ""  # which transcript was measured ("Whisper base (faster-whisper)")
    reference: str = ""  # against what ("the corrected transcript", "typed.docx")
    normalisation: str = NORMALISATION

    def to_dict(self, words: bool = True) -> dict[str, Any]:
        """For ``--json``; ``words=False`` leaves out the substitutions (they are the interview's words)."""
        data = {
            "machine": self.machine,
            "reference": self.reference,
            "overall": self.overall.to_dict(),
            "speakers": {code: counts.to_dict() for code, counts in self.speakers.items()},
            "normalisation": self.normalisation,
        }
        if words:
            data["substitutions"] = [
                {"reference": s.reference, "machine": s.machine, "count": s.count} for s in self.substitutions
            ]
        return data


def measure(reference: Sequence[tuple[str | None, str]], machine: str, *, top: int = 10) -> AccuracyReport:
    """Compare ``machine`` (one text) with ``reference`` (stretches of text, each with its speaker).

    Every edit belongs to a speaker: a substituted or missing word to the reference word's speaker,
    an added word to the speaker of the reference word before it (the first one's, at the start),
    so the speakers' word counts add up to the overall ones.
    """
    ref = [(speaker or NO_SPEAKER, word) for speaker, text in reference for word in normalised_words(text)]
    ref_words = [word for _, word in ref]
    hyp_words = normalised_words(machine)
    steps = align(ref_words, hyp_words)
    owners = _owners(steps, [speaker for speaker, _ in ref])
    overall, speakers, substituted = ErrorCounts(words=len(ref_words)), {}, Counter()
    for speaker, _ in ref:
        speakers.setdefault(speaker, ErrorCounts()).words += 1
    for step, owner in zip(steps, owners, strict=True):
        counts = speakers.setdefault(owner, ErrorCounts())
        if step.op == SUBSTITUTE:
            substituted[(ref_words[step.ref], hyp_words[step.hyp])] += 1
        for target in (overall, counts):
            _count(target, step.op)
    _characters(overall, speakers, steps, owners, ref_words, hyp_words)
    return AccuracyReport(
        overall,
        speakers,
        [Substitution(r, h, n) for (r, h), n in substituted.most_common(top)],
    )


def _count(counts: ErrorCounts, op: str) -> None:
    if op == SUBSTITUTE:
        counts.substitutions += 1
    elif op == DELETE:
        counts.deletions += 1
    elif op == INSERT:
        counts.insertions += 1


def _owners(steps, speakers: list[str]) -> list[str]:
    """The speaker each step is counted for (see ``measure``)."""
    owners, current = [], speakers[0] if speakers else NO_SPEAKER
    for step in steps:
        if step.ref is not None:
            current = speakers[step.ref]
        owners.append(current)
    return owners


def _characters(overall, speakers, steps, owners, ref_words, hyp_words) -> None:
    """Character edits: over the whole texts, and within each speaker's stretches.

    The whole texts are compared character by character when the table fits (as jiwer's CER);
    beyond that, and for each speaker, stretch by stretch between words both sides share.
    """
    ref_text, hyp_text = " ".join(ref_words), " ".join(hyp_words)
    overall.characters = len(ref_text)
    stretches = _stretches(steps, owners, ref_words, hyp_words)
    for owner, ref_part, hyp_part in stretches:
        counts = speakers[owner]
        counts.characters += sum(len(w) + 1 for w in ref_part)
        if ref_part != hyp_part:
            counts.character_edits += distance(_spaced(ref_part), _spaced(hyp_part))
    for counts in speakers.values():
        counts.characters = max(0, counts.characters - 1) if counts.characters else 0
    if len(ref_text) * len(hyp_text) <= MAX_CELLS:
        overall.character_edits = distance(ref_text, hyp_text)
    else:
        overall.character_edits = sum(c.character_edits for c in speakers.values())


def _stretches(steps, owners, ref_words, hyp_words) -> list[tuple[str, list[str], list[str]]]:
    """Runs of steps of one speaker, cut at every word both sides share."""
    runs: list[tuple[str, list[str], list[str]]] = []
    for step, owner in zip(steps, owners, strict=True):
        if step.op == EQUAL:
            runs.append((owner, [ref_words[step.ref]], [hyp_words[step.hyp]]))
            runs.append((owner, [], []))  # the next edit starts a stretch of its own
            continue
        if not runs or runs[-1][0] != owner:
            runs.append((owner, [], []))
        if step.ref is not None:
            runs[-1][1].append(ref_words[step.ref])
        if step.hyp is not None:
            runs[-1][2].append(hyp_words[step.hyp])
    return [run for run in runs if run[1] or run[2]]


def _spaced(words: list[str]) -> str:
    return "".join(word + " " for word in words)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# -- a project's machine transcript and its reference ------------------------------------------------


def project_accuracy(
    project, project_path: str | os.PathLike[str], reference_path: str | os.PathLike[str] | None = None
) -> AccuracyReport:
    """The accuracy of ``project``'s machine transcript against its corrections or ``reference_path``.

    ``reference_path`` is a typed transcript (.txt, .docx) or another project (its corrected words).
    A ``BadInputError`` says what is missing: no machine transcript (a typed import, or a project
    corrected before Transkript kept Whisper's words), or nothing to compare it with.
    """
    name = Path(project_path).name
    machine = machine_text(project, name)
    if reference_path is not None:
        chunks, described = reference_stretches(reference_path), Path(reference_path).name
    elif project.edits:
        chunks, described = corrected_stretches(project), "the corrected transcript"
    else:
        raise BadInputError(
            f"“{name}” has not been corrected yet, so there is nothing to measure Whisper against. "
            "Correct the transcript first (in the window or with your own typed transcript: --reference "
            "TYPED.docx)."
        )
    report = measure(chunks, machine)
    report.machine, report.reference = machine_described(project), described
    return report


def machine_text(project, name: str) -> str:
    """What Whisper wrote in ``project`` (a ``BadInputError`` when it is not known)."""
    if project.recognised is not None:
        return project.recognised.text()
    if project.source == "import" or project.transcription is None:
        raise BadInputError(
            f"“{name}” was imported from a typed transcript: it holds no machine transcript to measure. "
            "Transcribe the recording, then measure that project with --reference pointing to this one."
        )
    if project.edits:
        raise BadInputError(
            f"“{name}” was corrected before Transkript kept Whisper's own words, so what Whisper wrote "
            "is no longer known. Transcribe the recording again into a new project (-o NEW), then: "
            f"transcribe-app accuracy NEW --reference {name}"
        )
    return " ".join(s.text.strip() for s in project.segments if s.text.strip())


def machine_described(project) -> str:
    run = project.transcription
    if run is None:
        return "the transcript"
    return f"Whisper {run.model.get('name', '?')} ({run.backend})"


def corrected_stretches(project, window: tuple[float, float] | None = None) -> list[tuple[str, str]]:
    """The project's words as they stand now, each with its speaker's code.

    With ``window`` (start, end in seconds), only the words whose middle lies in it (a word
    without times goes by its segment's); a ``BadInputError`` when the words have no times.
    """
    stretches = []
    for segment in project.segments:
        words = segment.words or []
        if not words:
            if _inside(segment.start, segment.end, window, segment.start, segment.end):
                stretches.append((project.code_for(segment.speaker) or NO_SPEAKER, segment.text))
            continue
        for word in words:
            if _inside(word.start, word.end, window, segment.start, segment.end):
                stretches.append((project.code_for(word.speaker or segment.speaker) or NO_SPEAKER, word.text))
    return stretches


def _inside(start, end, window, segment_start, segment_end) -> bool:
    if window is None:
        return True
    if start is None or end is None:  # a typed turn: judged whole, by its time (its start, if that is all)
        start, end = segment_start, segment_end if segment_end is not None else segment_start
    if start is None or end is None:
        raise BadInputError(
            "The reference has no times, so the words of an excerpt cannot be picked from it; "
            "leave --excerpt out, or use a reference with times (a corrected project)."
        )
    return window[0] <= (start + end) / 2 < window[1]


def reference_stretches(path: str | os.PathLike[str], window: tuple[float, float] | None = None):
    """The words of a reference file: a typed transcript (.txt, .docx) or a project (corrected)."""
    from ..project.file import load_project
    from ..project.record import PROJECT_SUFFIX

    path = Path(path)
    if path.name.endswith(PROJECT_SUFFIX) or path.suffix.lower() == ".json":
        return corrected_stretches(load_project(path), window)
    from ..imports.typed import import_transcript

    return corrected_stretches(import_transcript(path), window)
