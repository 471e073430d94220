"""A download's progress as a bar on the terminal (standard error), for the CLI."""

from __future__ import annotations

import sys

from .model_store import Progress


class TerminalProgress(Progress):
    """tqdm's bar in bytes; a resumed download starts the bar where it stopped."""

    def __init__(self) -> None:
        self._bar = None

    def start(self, total: int, done: int, what: str) -> None:
        from tqdm import tqdm

        self._bar = tqdm(
            total=total,
            initial=done,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc=what,
            file=sys.stderr,
        )
        if done:
            self.note(f"Continuing an interrupted download: {done / 1e6:,.1f} MB are here already.")

    def advance(self, size: int) -> None:
        if self._bar is not None:
            self._bar.update(size)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def note(self, message: str) -> None:
        print(message, file=sys.stderr)
