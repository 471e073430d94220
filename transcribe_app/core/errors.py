"""The one exception type for problems the researcher can cause or fix.

Every message is written for a researcher, not a programmer: what went wrong,
with which file, and what to do next. The CLI maps ``exit_code`` to its exit
status; the GUI shows ``str(error)`` in a dialog.
"""

from __future__ import annotations

# Exit statuses of a stopped run, shared by the CLI (which gives them) and the window (which reads
# them from its worker): the shell's convention of 128 + the signal's number.
EXIT_CANCELLED = 130  # stopped by Ctrl+C or a cancel (SIGINT); what was done is saved
EXIT_TERMINATED = 143  # asked to end (SIGTERM: a logout, a shutdown, ``kill``); what was done is saved


class TranskriptError(Exception):
    """A problem the user can understand and act on (bad file, missing model...)."""

    exit_code = 2


class BadInputError(TranskriptError):
    """A file that is missing, empty, damaged or not something we can read."""

    exit_code = 2


class ProjectFileError(TranskriptError):
    """A project file that cannot be read, or cannot be written safely."""

    exit_code = 2


class ModelNotAvailableError(TranskriptError):
    """The requested Whisper model is not on this computer (and no download was asked for)."""

    exit_code = 3


class Cancelled(TranskriptError):
    """The user stopped the work; what was done so far has been saved."""

    exit_code = EXIT_CANCELLED  # EXIT_TERMINATED when SIGTERM stopped it (cli/transcribe.py)
