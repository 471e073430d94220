"""Where each interview of a study stands: ``transcribe-app study DIR`` and the window's study view.

Every state is read from what is stored — the project file, its lock, its recorded
appendix — never by running a stage. Nothing of the transcript's text is shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import TranskriptError
from ..project.file import load_project
from ..project.lock import TRANSCRIBING as LOCKED_FOR_TRANSCRIPTION
from ..project.lock import process_alive, read_holder, this_computer
from ..project.record import COMPLETE, Project
from .record import Study, StudyInterview

# The stage an interview has reached, in the order of the work.
MISSING, DAMAGED = "missing", "damaged"
NOT_TRANSCRIBED, TRANSCRIBING, INTERRUPTED, TRANSCRIBED = (
    "not transcribed",
    "transcribing",
    "interrupted",
    "transcribed",
)
# The appendix: never exported, exported (not checked), exported and up to date, changed since.
NO_APPENDIX, EXPORTED, UP_TO_DATE, CHANGED = "", "exported", "up to date", "changed since export"


@dataclass(frozen=True)
class InterviewState:
    """One row of the study's overview."""

    project: str  # as study.json names it
    path: Path
    kind: str
    appendix: int | None
    title: str = ""
    stage: str = NOT_TRANSCRIBED
    corrected: float | None = None  # share of the segments changed by hand, 0–1 (None: no transcript)
    names_reviewed: bool | None = None  # None: the names were never looked for
    appendix_state: str = NO_APPENDIX
    duration: float | None = None  # seconds
    speakers: int = 0
    problem: str = ""  # why a missing or damaged project cannot be read

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def overview(study: Study, *, check_appendix: bool = True) -> list[InterviewState]:
    """The state of every interview of ``study``, in the study's order.

    ``check_appendix`` lays each exported appendix out again to tell whether it is up to date
    (a pseudonymised one runs name detection: seconds); without it an appendix is "exported".
    """
    rows = [(index, interview) for index, interview in enumerate(study.interviews)]
    rows.sort(key=lambda pair: (pair[1].appendix is None, pair[1].appendix or 0, pair[0]))
    return [interview_state(study, interview, check_appendix=check_appendix) for _, interview in rows]


def interview_state(
    study: Study, interview: StudyInterview, *, check_appendix: bool = True
) -> InterviewState:
    path = study.interview_path(interview)
    base = dict(project=interview.project, path=path, kind=interview.kind, appendix=interview.appendix)
    if not path.is_file():
        return InterviewState(
            **base, stage=MISSING, problem=f"“{interview.project}” is not in the study folder."
        )
    try:
        project = load_project(path)
    except TranskriptError as error:
        return InterviewState(**base, stage=DAMAGED, problem=str(error))
    return InterviewState(
        **base,
        title=project.metadata.title,
        stage=_stage(project, path),
        corrected=_corrected(project),
        names_reviewed=_names_reviewed(project),
        appendix_state=_appendix_state(project, check_appendix),
        duration=_duration(project),
        speakers=len({s.speaker for s in project.segments if s.speaker}),
    )


def _stage(project: Project, path: Path) -> str:
    holder = read_holder(path)
    if holder is not None and holder.holder == LOCKED_FOR_TRANSCRIPTION:
        if holder.host != this_computer() or process_alive(holder.pid):
            return TRANSCRIBING
    if project.source == "import":
        return TRANSCRIBED
    run = project.transcription
    if run is None:
        return NOT_TRANSCRIBED
    return TRANSCRIBED if run.status == COMPLETE else INTERRUPTED


def _corrected(project: Project) -> float | None:
    """The share of the segments the researcher changed by hand (the edit log's segment ids)."""
    if not project.segments:
        return None
    ids = {segment.id for segment in project.segments}
    edited = {i for entry in project.edits for i in entry.segments} & ids
    return len(edited) / len(ids)


def _names_reviewed(project: Project) -> bool | None:
    state = project.pseudonymisation
    if "entities" not in state.stored_keys and not state.entities:
        return None
    return state.waiting_for_review() == 0


def _appendix_state(project: Project, check: bool) -> str:
    if project.layout is None:
        return NO_APPENDIX
    if not check or project.layout.lines_sha256 is None:
        return EXPORTED
    from ..citations.appendix import open_appendix

    try:
        return CHANGED if open_appendix(project).changed_since_export else UP_TO_DATE
    except TranskriptError:
        return EXPORTED


def _duration(project: Project) -> float | None:
    if project.audio.duration is not None:
        return project.audio.duration
    ends = [segment.end for segment in project.segments if segment.end is not None]
    return max(ends) if ends else None
