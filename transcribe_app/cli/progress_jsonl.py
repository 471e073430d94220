"""``transcribe --progress-jsonl``: the run reported as JSON lines, cancelled by a line on stdin.

The desktop window starts a transcription as this command and reads its lines (gui/worker.py).
"""

from __future__ import annotations

import sys
import threading

from ..core.asr.run_events import (
    RunEvent,
    RunFailed,
    RunFinished,
    RunNotice,
    RunProgress,
    RunStarted,
    RunStopped,
    SegmentDone,
    to_line,
)
from ..core.errors import Cancelled, TranskriptError


def transcribe_reporting_jsonl(request, cancel: threading.Event):
    """``--progress-jsonl``: the same run, reported as JSON lines (``core.run_events``).

    The caller stops it on Ctrl+C and SIGTERM (``cancel_on_interrupt`` in cli/transcribe.py); a
    line ``cancel`` on standard input, or the window closing it, stops it too.
    """
    from ..core.asr.stage import transcribe_recording  # loaded when a run starts, not with the CLI

    report = JsonLines(cancel)
    report.emit(RunStarted(str(request.audio_path), str(request.project_path), request.resume))
    _cancel_on_stdin(cancel)
    try:
        project = transcribe_recording(
            request,
            on_progress=report.progress,
            on_segment=report.segment,
            on_notice=report.notice,
            cancel=cancel,
        )
    except Cancelled as error:
        report.emit(RunStopped(str(error)))
        raise
    except TranskriptError as error:
        report.emit(RunFailed(str(error), error.exit_code))
        raise
    report.emit(RunFinished(len(project.segments), str(request.project_path)))
    return project


class JsonLines:
    """One run event (``core.run_events``) per line on standard output, flushed at once.

    A reader that goes away (a broken pipe) stops the run as a cancel does: the work is saved.
    """

    def __init__(self, cancel: threading.Event):
        self._cancel = cancel
        self._open = True

    def emit(self, event: RunEvent) -> None:
        if not self._open:
            return
        try:
            sys.stdout.write(to_line(event) + "\n")
            sys.stdout.flush()
        except (OSError, ValueError):
            self._open = False
            self._cancel.set()

    def progress(self, progress) -> None:
        self.emit(RunProgress.of(progress))

    def segment(self, segment) -> None:
        self.emit(SegmentDone(segment))

    def notice(self, message: str) -> None:
        self.emit(RunNotice(message))


def _cancel_on_stdin(cancel: threading.Event) -> None:
    """Standard input as a cancel channel: the line ``cancel`` stops the run cleanly, on every platform.

    Closing a *piped* standard input stops it too (the window that started the run closed it, or
    went away). A terminal or /dev/null never stops it. The window uses this rather than a signal
    because on Windows a process cannot be asked to stop by a signal.
    """
    import os
    import stat

    try:
        fd = sys.stdin.fileno()
        piped = stat.S_ISFIFO(os.fstat(fd).st_mode)
    except (AttributeError, OSError, ValueError):  # no standard input at all, or a replaced one
        return

    def watch() -> None:
        pending = b""
        while True:
            try:
                chunk = os.read(fd, 256)  # raw reads: no lock that could hold up the exit
            except OSError:
                return
            if not chunk:
                if piped:
                    cancel.set()
                return
            pending += chunk
            lines = pending.split(b"\n")
            pending = lines.pop()
            if any(line.strip().lower() == b"cancel" for line in lines):
                cancel.set()
                return

    threading.Thread(target=watch, name="cancel-on-stdin", daemon=True).start()


