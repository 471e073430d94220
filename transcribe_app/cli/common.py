"""What several command groups share: exit statuses, notes on stderr, columns, the leak override."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.errors import EXIT_CANCELLED, EXIT_TERMINATED  # noqa: F401 - the CLI's exit statuses, named here

EXIT_OK, EXIT_NOT_SO, EXIT_BAD_INPUT, EXIT_NO_MODEL = 0, 1, 2, 3


class warnings_on_stderr:  # noqa: N801 - a context manager used like a function
    """What a core module logs as a warning (an odd line of a typed transcript) printed as "Warning: …",
    whatever logging is set up as (a test's capture, a window): the researcher must see it."""

    def __init__(self, logger: str):
        self._logger = logging.getLogger(logger)
        self._handler = logging.StreamHandler(sys.stderr)
        self._handler.setLevel(logging.WARNING)
        self._handler.setFormatter(logging.Formatter("Warning: %(message)s"))

    def __enter__(self):
        self._handler.setStream(sys.stderr)  # the stream of now (tests replace sys.stderr)
        self._propagate, self._logger.propagate = self._logger.propagate, False
        self._logger.addHandler(self._handler)
        return self

    def __exit__(self, *exc):
        self._logger.removeHandler(self._handler)
        self._logger.propagate = self._propagate
        return False


def counted(number: int, one: str, several: str) -> str:
    """"1 interview", "3 interviews": a count in words a reader reads without brackets."""
    return f"{number} {one if number == 1 else several}"


def note(message: str) -> None:
    print(f"Note: {message}", file=sys.stderr)


def print_columns(header: Sequence[str], rows) -> None:
    rows = [tuple(header)] + [tuple(row) for row in rows]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(f"{cell!s:<{width}}" for cell, width in zip(row, widths, strict=True)).rstrip())


def add_allow_leaks(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--allow-leaks",
        action="store_true",
        help=f"{what} even if real names are in it (recorded in the project's audit log)",
    )


class audited:  # noqa: N801 - a context manager used like a function
    """Save the project when the leak gate recorded an override (--allow-leaks) in its audit log
    (through ``writer``, a ``ProjectWriter``, when the command saves the project more than once)."""

    def __init__(self, project, path: Path, writer=None):
        self._project, self._path, self._writer = project, path, writer

    def __enter__(self):
        self._before = self._project.pseudonymisation.audit_count()
        return self

    def __exit__(self, kind, *exc):
        if kind is None and self._project.pseudonymisation.audit_count() != self._before:
            from ..core.project.file import save_project

            if self._writer is not None:
                self._writer.save(self._project)
            else:
                save_project(self._project, self._path)
        return False
