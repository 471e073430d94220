"""A project on a real NST clip whose talk holds a name, for the pseudonymised recording's tests and bench.

``danspeech_u0042009.wav`` reads "… tak for kaffe til pers kone …" ("thanks for the coffee to Per's
wife"). The words are the clip's reference (as a researcher corrects the transcript) on the times
Whisper base gave them (faster-whisper, word timestamps, beam 5); "Pers" stands on 2.82–3.06 s. The
roster has Per Hansen, addressed by his first name, so "Pers" is replaced without a review.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from transcribe_app.core.project.file import save_project
from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word

CLIP = Path(__file__).resolve().parent / "data" / "nst_da" / "wav" / "danspeech_u0042009.wav"
NAME_WORD = (2.82, 3.06)  # "Pers"
WORDS = [
    (0.54, 0.88, " Han"), (0.88, 1.22, " løb"), (1.22, 1.30, " ud"), (1.30, 1.52, " i det lille"),
    (1.52, 1.76, " køkken"), (1.76, 1.90, " for"), (1.90, 1.96, " at"), (1.96, 2.04, " sige"),
    (2.04, 2.28, " tak"), (2.28, 2.44, " for"), (2.44, 2.82, " kaffe til"), (*NAME_WORD, " Pers"),
    (3.06, 3.44, " kone,"), (3.64, 3.72, " men"), (3.72, 3.88, " hun"), (3.88, 4.02, " var"),
    (4.02, 4.18, " ikke"), (4.18, 4.36, " til"), (4.36, 4.44, " at"), (4.44, 4.60, " se."),
]  # fmt: skip
REFERENCE = "han løb ud i det lille køkken for at sige tak for kaffe til pers kone men hun var ikke til at se"


def clip_project(folder: Path, *, timed: bool = True) -> Path:
    """``folder/interview.transkript.json`` on a copy of the clip; ``timed=False``: the same words
    without times (as a typed transcript has them)."""
    folder.mkdir(parents=True, exist_ok=True)
    recording = folder / "interview.wav"
    shutil.copyfile(CLIP, recording)
    path = folder / "interview.transkript.json"
    project = Project(source="audio")
    project.set_audio_file(recording, path)
    words = [Word(text, start if timed else None, end if timed else None, 0.9) for start, end, text in WORDS]
    project.segments = [
        Segment(0, WORDS[0][0] if timed else None, WORDS[-1][1] if timed else None,
                "".join(w.text for w in words), words)
    ]  # fmt: skip
    project.roster = [RosterEntry(name="Per Hansen", code="PH", addressed_by_first_name=True)]
    save_project(project, path)
    return path
