"""A study's queue: its interviews not yet transcribed, worked through by ``BatchRun``, kept across a restart.

The window's study view drives it (gui/study_queue.py); it is Qt-free so that a test drives it
the same way. The queue is the list of project files still to do, in order; it lives in the
study folder as ``queue.json`` (``SavedQueue``: the projects' paths relative to the folder and
whether it was paused — never transcript text or anything else of the projects), written with
the one atomic recipe each time an interview leaves it, and removed when it is empty. So a queue
left by a closed or crashed window is found when the study is opened again, and offered (never
started by itself).

States, and what moves between them::

    idle ──start──▶ running ──pause──▶ pausing ──(the running interview ends)──▶ paused
                      │  ▲                                                     │
                      │  └──────────────────────────resume─────────────────────┘
                      ├──stop──▶ stopping ──(the running one saved and ended)──▶ paused
                      └──(every interview ended)──▶ idle

An interview leaves the queue when it is done, skipped (complete, typed), failed or busy (its
project locked by the editor or another run: said, and left to it); one that was stopped, or
never started, stays and comes first when the queue resumes.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..asr import TranscriptionOptions
from ..errors import BadInputError, TranskriptError
from ..project import fieldcheck as fc
from ..project.file import atomic_write_text, read_json
from .discovery import interviews_in
from .runner import STOPPED, BatchProgress, BatchRun, BatchSettings, BatchSummary, InterviewOutcome

QUEUE_FILE = "queue.json"
QUEUE_FORMAT = "transkript-queue"
QUEUE_VERSION = 1

IDLE, RUNNING, PAUSING, STOPPING, PAUSED = "idle", "running", "pausing", "stopping", "paused"


@dataclass
class SavedQueue:
    """``queue.json``: the study's projects still to transcribe (relative to the folder), in order."""

    projects: list[str] = field(default_factory=list)
    paused: bool = False  # paused or stopped by the researcher (else the window closed while it ran)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": QUEUE_FORMAT,
            "schema_version": QUEUE_VERSION,
            "projects": list(self.projects),
            "paused": self.paused,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = QUEUE_FILE) -> SavedQueue:
        if not isinstance(data, dict) or data.get("format") != QUEUE_FORMAT:
            raise BadInputError(f"{where} is not a Transkript queue file.")
        if data.get("schema_version") != QUEUE_VERSION:
            raise BadInputError(
                f"{where} was saved by another version of Transkript; queue the interviews again."
            )
        try:
            fields = fc.Fields(data, "")
            projects = fields.text_list("projects", [])
            paused = fields.boolean("paused", False)
        except fc.FieldError as exc:
            raise BadInputError(f"{where} is damaged: {exc}") from None
        for project in projects:  # a queue from elsewhere must not send a batch outside the study
            parts = PurePosixPath(project).parts
            if PurePosixPath(project).is_absolute() or ".." in parts or "\\" in project or not parts:
                raise BadInputError(f"{where} names “{project}”, which is not inside the study folder.")
        return cls(projects, paused)


def queue_path(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / QUEUE_FILE


def load_queue(folder: str | os.PathLike[str]) -> SavedQueue | None:
    """The queue left in the study ``folder`` (None: there is none); a damaged one is a ``BadInputError``."""
    path = queue_path(folder)
    if not path.is_file():
        return None
    try:
        data = read_json(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise BadInputError(
            f"The queue file “{path}” cannot be read ({exc}); queue the interviews again."
        ) from None
    return SavedQueue.from_dict(data, where=f"“{path}”")


def save_queue(folder: str | os.PathLike[str], saved: SavedQueue) -> None:
    """Write ``queue.json`` all at once; an empty queue removes the file."""
    path = queue_path(folder)
    if not saved.projects:
        path.unlink(missing_ok=True)
        return
    atomic_write_text(path, json.dumps(saved.to_dict(), indent=1) + "\n", keep_backup=False)


def study_settings(study) -> BatchSettings:
    """How a study's queue transcribes: the study's model, language and cleanup level (as ``batch DIR``)."""
    language = study.settings.language or "da"
    return BatchSettings(
        options=TranscriptionOptions(
            model=study.settings.model or TranscriptionOptions.model,
            language=None if language == "auto" else language,
            verbatim_prompt=study.settings.cleanup_level == "verbatim",
        ),
        level=study.settings.cleanup_level,
    )


class StudyQueue:
    """The queue of one study folder: ``start``, ``pause``, ``resume``, ``stop`` (see the module).

    The callbacks are called on the queue's own thread; a window hands them to its GUI thread.
    ``program`` is the command that runs ``transcribe-app`` (tests give a stand-in).
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        settings: BatchSettings,
        *,
        on_state: Callable[[str], None] | None = None,
        on_progress: Callable[[BatchProgress], None] | None = None,
        on_outcome: Callable[[InterviewOutcome], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        program: Sequence[str] | None = None,
    ):
        self.folder = Path(folder)
        self.settings = settings
        self._on_state = on_state or (lambda state: None)
        self._on_progress = on_progress or (lambda progress: None)
        self._on_outcome = on_outcome or (lambda outcome: None)
        self._on_notice = on_notice or (lambda message: None)
        self._program = program
        self._lock = threading.Lock()
        self._pending: list[str] = []
        self._state = IDLE
        self._batch: BatchRun | None = None
        self._thread: threading.Thread | None = None
        self.last_summary: BatchSummary | None = None

    # -- what it holds ---------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    @property
    def pending(self) -> list[Path]:
        """The project files still in the queue, in order (the running ones included)."""
        with self._lock:
            return [self._absolute(p) for p in self._pending]

    def restore(self) -> SavedQueue | None:
        """Take over the queue left in the folder (paused: ``resume`` continues it); None if none."""
        if self.running:
            return None
        saved = load_queue(self.folder)
        if saved is None:
            return None
        with self._lock:
            self._pending = list(saved.projects)
        self._set_state(PAUSED)
        return saved

    # -- control ---------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, projects: Sequence[str | os.PathLike[str]]) -> bool:
        """Queue ``projects`` (replacing a paused queue) and start; False when a queue runs already or
        there is nothing to do."""
        if self.running:
            return False
        with self._lock:
            self._pending = [self._relative(p) for p in projects]
        return self.resume()

    def resume(self) -> bool:
        """Go on with the interviews still queued; False if there are none or it runs already."""
        if self.running:
            return False
        with self._lock:
            gone = [p for p in self._pending if not self._absolute(p).is_file()]
            self._pending = [p for p in self._pending if p not in gone]
            paths = [self._absolute(p) for p in self._pending]
        for project in gone:  # removed or renamed since it was queued: nothing to transcribe
            self._on_notice(f"“{project}” is no longer in the study folder; it left the queue.")
        self._save(paused=not paths)
        if not paths:
            self._set_state(IDLE)
            return False
        interviews = interviews_in(paths)
        self._batch = BatchRun(
            interviews,
            self.settings,
            on_progress=self._on_progress,
            on_outcome=self._left,
            on_notice=self._on_notice,
            program=self._program,
        )
        self._set_state(RUNNING)
        self._thread = threading.Thread(
            target=self._run, args=(self._batch,), daemon=True, name="study-queue"
        )
        self._thread.start()
        return True

    def pause(self) -> None:
        """Let the running interview finish, then stop (the rest stays queued)."""
        if self.running and self._state == RUNNING:
            self._set_state(PAUSING)
            self._batch.stop_after_current()

    def stop(self) -> None:
        """Stop the running interview now (it saves what it has) and the queue; Resume continues it."""
        if self.running and self._state in (RUNNING, PAUSING):
            self._set_state(STOPPING)
            self._batch.stop()

    def discard(self) -> None:
        """Forget the queue (only when it is not running)."""
        if self.running:
            return
        with self._lock:
            self._pending = []
        self._save(paused=False)
        self._set_state(IDLE)

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the queue's thread has ended (tests, and the window closing); True if it has."""
        if self._thread is not None:
            self._thread.join(seconds)
        return not self.running

    # -- the queue's thread ----------------------------------------------------------------------

    def _run(self, batch: BatchRun) -> None:
        try:
            summary = batch.run()
        except Exception as error:  # noqa: BLE001 - the program could not be started, say: keep the queue
            self._on_notice(
                str(error) if isinstance(error, TranskriptError) else f"The queue stopped: {error}"
            )
            summary = None
        self.last_summary = summary
        with self._lock:
            left = bool(self._pending)
        self._save(paused=left)
        self._set_state(PAUSED if left else IDLE)

    def _left(self, outcome: InterviewOutcome) -> None:
        """An interview ended: out of the queue unless it was stopped (it resumes first next time)."""
        if outcome.result != STOPPED:
            relative = self._relative(outcome.interview.project_path)
            with self._lock:
                self._pending = [p for p in self._pending if p.casefold() != relative.casefold()]
            self._save(paused=False)
        self._on_outcome(outcome)

    def _save(self, paused: bool) -> None:
        with self._lock:
            saved = SavedQueue(list(self._pending), paused)
        try:
            save_queue(self.folder, saved)
        except TranskriptError as error:  # a full disk: the queue runs on, only the restart loses it
            self._on_notice(str(error))

    def _set_state(self, state: str) -> None:
        self._state = state
        self._on_state(state)

    def _relative(self, path: str | os.PathLike[str]) -> str:
        path = Path(path)
        if not path.is_absolute():
            return path.as_posix()
        try:
            return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(self.folder))).as_posix()
        except ValueError:
            raise BadInputError(f"“{path}” is not in the study folder “{self.folder}”.") from None

    def _absolute(self, relative: str) -> Path:
        return self.folder / Path(*PurePosixPath(relative).parts)
