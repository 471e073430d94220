"""``transcribe --progress-jsonl``: the run reported as JSON lines, cancelled by a line on stdin.

The desktop window starts a transcription as this command and reads its lines (gui/worker.py).
"""

from __future__ import annotations

import sys
import threading

from ..core.errors import TranskriptError


def transcribe_reporting_jsonl(request, cancel: threading.Event):
    """``--progress-jsonl``: the same run, reported as JSON lines (see ``JsonLines``)."""
    from ..core.errors import Cancelled
    from ..core.transcription import transcribe_recording
    from .transcribe import cancel_on_interrupt

    report = JsonLines(cancel)
    report.emit(
        "started",
        protocol=1,
        audio=str(request.audio_path),
        project=str(request.project_path),
        resume=request.resume,
    )
    _cancel_on_stdin(cancel)
    try:
        with cancel_on_interrupt(cancel):
            project = transcribe_recording(
                request,
                on_progress=report.progress,
                on_segment=report.segment,
                on_notice=report.notice,
                cancel=cancel,
            )
    except Cancelled as error:
        report.emit("stopped", status="cancelled", message=str(error))
        raise
    except TranskriptError as error:
        report.emit("error", message=str(error), exit_code=error.exit_code)
        raise
    report.emit(
        "finished", status="complete", segments=len(project.segments), project=str(request.project_path)
    )
    return project


class JsonLines:
    """One JSON object per line on standard output, flushed at once; ASCII only, whatever the console.

        {"event": "started", "protocol": 1, "audio": PATH, "project": PATH, "resume": false}
        {"event": "notice", "message": TEXT}
        {"event": "segment", "id": 0, "start": 0.0, "end": 4.2, "text": " ...", "speaker": null,
         "words": [{"text": " Hej", "start": 0.0, "end": 0.4, "probability": 0.93, "speaker": null}],
         "avg_logprob": -0.2, "no_speech_prob": 0.01}
        {"event": "progress", "fraction": 0.42, "done": 252.0, "total": 600.0, "elapsed": 61.3,
         "eta": 84.6, "segments": 17}                       (seconds; eta null until it can be told)
        {"event": "finished", "status": "complete", "segments": 120, "project": PATH}     exit 0
        {"event": "stopped", "status": "cancelled", "message": TEXT}                      exit 130
        {"event": "error", "message": TEXT, "exit_code": 2}                               exit 2 or 3

    A reader that goes away (a broken pipe) stops the run as a cancel does: the work is saved.
    """

    def __init__(self, cancel: threading.Event):
        self._cancel = cancel
        self._open = True

    def emit(self, event: str, **fields) -> None:
        import json

        if not self._open:
            return
        try:
            sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
            sys.stdout.flush()
        except (OSError, ValueError):
            self._open = False
            self._cancel.set()

    def progress(self, progress) -> None:
        eta = None if progress.eta is None else round(progress.eta, 1)
        self.emit(
            "progress",
            fraction=round(progress.fraction, 4),
            done=round(progress.audio_done, 2),
            total=round(progress.duration, 2),
            elapsed=round(progress.elapsed, 2),
            eta=eta,
            segments=progress.segments,
        )

    def segment(self, segment) -> None:
        self.emit("segment", **segment.to_dict())

    def notice(self, message: str) -> None:
        self.emit("notice", message=message)


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


