"""The NST clips as one corrected interview: Whisper base's words kept, the references typed over them.

``tests/data/nst_da/base_hypotheses.tsv`` holds what faster-whisper base (int8, beam 5, temperature 0,
language da) wrote for each referenced clip; ``python bench/accuracy_nst.py --write-fixture`` makes it
again. ``corrected_nst_project`` puts the clips one after another in a project (one segment per clip,
the NST speaker as its speaker), keeps the machine's words as ``recognised`` as the transcription
stage does, then corrects every segment to its reference with ``editing.replace_text`` — the window's
own edit — so that ``accuracy`` sees what it sees after a researcher's corrections.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.speech import NST_DIR, nst_clips
from transcribe_app.core.editing import replace_text
from transcribe_app.core.project.recognised import RecognisedText
from transcribe_app.core.project.record import Metadata, Project, RosterEntry, TranscriptionRun
from transcribe_app.core.project.transcript import Segment, Word

HYPOTHESES = NST_DIR / "base_hypotheses.tsv"


def base_hypotheses() -> dict[str, str]:
    """Clip file (as in manifest.tsv) → what Whisper base wrote."""
    with open(HYPOTHESES, encoding="utf-8") as handle:
        return {row["file"]: row["hypothesis"] for row in csv.DictReader(handle, delimiter="\t")}


def raw_references() -> dict[str, tuple[str, str]]:
    """Clip file → (speaker, reference as typed: capitals and punctuation where NST has them)."""
    with open(NST_DIR / "manifest.tsv", encoding="utf-8") as handle:
        return {r["file"]: (r["speaker"], r["reference"]) for r in csv.DictReader(handle, delimiter="\t")}


def corrected_nst_project(hypotheses: dict[str, str]) -> Project:
    """The clips as one project: Whisper's words recognised, then corrected to the references."""
    references = raw_references()
    project = Project(metadata=Metadata(title="NST"))
    project.transcription = TranscriptionRun(
        backend="faster-whisper", model={"name": "base"}, options={}, status="complete"
    )
    offset = 0.0
    for clip in nst_clips():
        key = clip.path.relative_to(NST_DIR).as_posix()
        speaker = f"S{references[key][0]}"
        tokens = hypotheses[key].split()
        step = clip.duration / max(1, len(tokens))
        words = [
            Word(" " + t, round(offset + i * step, 2), round(offset + (i + 1) * step, 2), 0.9, speaker)
            for i, t in enumerate(tokens)
        ]
        text = "".join(w.text for w in words)
        project.segments.append(
            Segment(len(project.segments), offset, offset + clip.duration, text, words, speaker=speaker)
        )
        offset += clip.duration + 1.0
    project.roster = [
        RosterEntry(label=label, code=label[1:], role="informant")
        for label in dict.fromkeys(s.speaker for s in project.segments)
    ]
    project.recognised = RecognisedText.of(project.segments)
    for index, clip in enumerate(nst_clips()):
        replace_text(project, index, references[clip.path.relative_to(NST_DIR).as_posix()][1])
    return project


def clip_key(path: Path) -> str:
    return path.relative_to(NST_DIR).as_posix()
