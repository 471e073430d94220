"""The CLI's last line of defence: every way a command can end becomes a sentence and an exit status.

``guarded(run, debug=...)`` runs one command and turns what escapes it into:

- ``TranskriptError``: its own message, its own exit status (2, 3, 4…);
- Ctrl+C (``KeyboardInterrupt``): "Stopped." and 130; SIGTERM likewise, 143;
- a reader that went away (``clean-text | head``): a quiet end, 141 as for any Unix tool
  killed by SIGPIPE, no "Exception ignored" at exit;
- ``MemoryError``: a sentence about memory, 1;
- anything else: "Transkript stopped because of an unexpected problem (ValueError)…", 1,
  with the traceback in a log file, and on the terminal only with ``--debug``.

Files are never half-written whichever way a command ends: every write goes to a
temporary file that replaces the target in one step (``project/file.py`` ``atomic_write_text``,
``exports.files.atomic_write_bytes``), and the unwinding here runs their clean-up.

What the log holds: the command's name, versions, the exception *types* and the
traceback's frames (file, line, function, the source line of the program). Never the
exception messages or the arguments: they are built from the data (a ``KeyError`` of
a word, a decoding error quoting the bytes around it, ``--add "Vibeke Jensen"``), and
the log sits unencrypted in the user's folder, where no transcript text may go. The
full message is shown with ``--debug``, on the researcher's own terminal, when asked.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.errors import EXIT_CANCELLED as EXIT_INTERRUPTED
from ..core.errors import EXIT_TERMINATED, TranskriptError
from .loading import signals_held_while_loading

EXIT_UNEXPECTED, EXIT_BAD_INPUT, EXIT_BROKEN_PIPE = 1, 2, 141
LOG_NAME = "transkript-errors.log"
# True however a command ends: every file is written to a temporary name and renamed into place.
NOTHING_HALF_WRITTEN = "Files are saved whole or not at all, so none is half-written."
MAX_LOG_BYTES = 1_000_000  # then the log starts afresh (the previous one kept as .1)


class Terminated(BaseException):
    """SIGTERM arrived (a logout, a shutdown, ``kill``): unwind like Ctrl+C, then exit 143.

    A ``BaseException``, as ``KeyboardInterrupt`` is, so that no ``except Exception`` on the
    way swallows it.
    """


def guarded(run: Callable[[], int], *, command: str, debug: bool = False) -> int:
    """Run ``run`` (one CLI command) and return its exit status; nothing escapes as a traceback."""
    try:
        # A native library's import cannot be interrupted: the signals wait until it is loaded.
        with _terminate_on_sigterm(), signals_held_while_loading():
            return run()
    except TranskriptError as error:
        _say(f"transcribe-app: {error}")
        return error.exit_code
    except KeyboardInterrupt:
        _say(f"\ntranscribe-app: Stopped (Ctrl+C). {NOTHING_HALF_WRITTEN}")
        return EXIT_INTERRUPTED
    except Terminated:
        _say(f"transcribe-app: Stopped (asked to end). {NOTHING_HALF_WRITTEN}")
        return EXIT_TERMINATED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # the system refused a file: a name too long, a disk gone, no permission
        _say(f"transcribe-app: {describe_os_error(error)}")
        if debug:
            traceback.print_exc(file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:
        log = _log_failure(command, sys.exc_info()[1])
        _say(
            "transcribe-app: This computer ran out of memory for this work. Close other programs, or use a "
            f"computer with more memory. {NOTHING_HALF_WRITTEN}"
            + (f" The details are in {log}." if log else "")
        )
        if debug:
            traceback.print_exc(file=sys.stderr)
        return EXIT_UNEXPECTED
    except Exception as error:  # the last resort: a sentence, never a traceback
        stop = _stopped_by(error)
        if stop is not None:  # Ctrl+C inside a library's loading surfaces as its ImportError
            return guarded(lambda: _reraise(stop), command=command, debug=debug)
        if debug:
            traceback.print_exc(file=sys.stderr)
        log = _log_failure(command, error)
        where = f"The details are in {log}; run" if log else "Run"
        _say(
            f"transcribe-app: Transkript stopped because of an unexpected problem ({type(error).__name__}). "
            f"{NOTHING_HALF_WRITTEN} "
            f"{where} the command again with --debug to see them, and please report it."
        )
        return EXIT_UNEXPECTED


def _stopped_by(error: BaseException) -> BaseException | None:
    """The Ctrl+C or SIGTERM behind ``error``, if a library turned one into an error of its own."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, (KeyboardInterrupt, Terminated)):
            return error
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


def _reraise(error: BaseException) -> int:
    raise error


def describe_os_error(error: OSError) -> str:
    """A refused file operation as a sentence: what the system said, about which file."""
    reason = error.strerror or type(error).__name__
    names = [Path(os.fsdecode(name)).name for name in (error.filename, error.filename2) if name]
    shown = " → ".join(f"“{name[:60]}…”" if len(name) > 60 else f"“{name}”" for name in names)
    return (
        f"{reason}{': ' + shown if shown else ''}. Transkript could not go on. {NOTHING_HALF_WRITTEN} "
        "Check the name, the folder and the disk, and try again."
    )


def _say(message: str) -> None:
    try:
        print(message, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):  # no stderr to speak to: the exit status says it
        pass


def _quiet_stdout() -> None:
    """The reader of standard output has gone: point stdout at devnull so that the exit is silent.

    Python flushes stdout once more at exit; without this that flush fails again and prints
    "Exception ignored … BrokenPipeError" (the recipe in Python's ``signal`` documentation).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests capture it)
        pass


@contextlib.contextmanager
def _terminate_on_sigterm() -> Iterator[None]:
    """While a command runs, SIGTERM unwinds it as Ctrl+C does (``Terminated``), so that clean-up runs.

    Commands that can stop cooperatively (``transcribe``) install their own handler for both
    signals while they work, and save before they end.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError):  # not allowed here (an embedding program)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum, frame) -> None:
    raise Terminated


# -- the log -----------------------------------------------------------------------------------------


def log_folder() -> Path:
    """Where failures are logged: ``TRANSKRIPT_LOG_DIR``, else the user's log folder (platformdirs)."""
    override = os.environ.get("TRANSKRIPT_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_log_path("Transkript", appauthor=False)


def _log_failure(command: str, error: BaseException | None) -> Path | None:
    """Append the failure (types and frames only; see the module's docstring) to the log; its path."""
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)  # the user's eyes only
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(failure_report(command, error))
        return path
    except Exception:  # noqa: BLE001 - a log that cannot be written must not hide the failure itself
        return None


def failure_report(command: str, error: BaseException | None) -> str:
    """The log entry: when, which command and versions, then each exception's type and frames."""
    from .. import __version__

    when = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    lines = [
        f"== {when} transcribe-app {command or '-'}: Transkript {__version__}, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}"
    ]
    chain = []
    while error is not None and error not in chain and len(chain) < 10:
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    for index, item in enumerate(reversed(chain)):
        if index:
            lines.append("which led to")
        name = f"{type(item).__module__}.{type(item).__qualname__}"
        lines.append(f"{name} (message not logged: it may hold transcript text)")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"
