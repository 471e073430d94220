"""``python -m transcribe_app``: the desktop window when there is one, else the CLI.

With arguments it is the CLI, so ``python -m transcribe_app transcribe …``
works in a bundle and on a cluster node alike. The one exception is a single
argument that is an existing project file (``INTERVIEW.transkript.json``): a file
manager's "Open with" and a double-click give exactly that, and it opens in the
window.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

from .core.errors import EXIT_CANCELLED, EXIT_TERMINATED

PROJECT_SUFFIX = ".transkript.json"  # as core.project.record says; not imported, to start fast


def opens_window(args: list[str]) -> bool:
    """True when ``args`` (without the program) ask for the window: none, or one existing project file."""
    if not args:
        return True
    return len(args) == 1 and args[0].endswith(PROJECT_SUFFIX) and Path(args[0]).is_file()


def main() -> int:
    # Stopped while the program is still loading (nothing is written yet): end quietly, with the
    # statuses the CLI gives once it runs (130 for Ctrl+C, 143 for SIGTERM), not with a traceback.
    # The guard begins at the first line: deciding between window and CLI looks at the disk, and a
    # Ctrl+C that came then gave a traceback.
    try:
        if not _asks_for_window(sys.argv[1:]):
            signal.signal(signal.SIGTERM, _end_while_loading)
            from .cli import main as cli_main

            return cli_main()
    except KeyboardInterrupt:
        _say_stopped("Ctrl+C")
        return EXIT_CANCELLED
    from .gui.app import run

    return run()


def _asks_for_window(args: list[str]) -> bool:
    return opens_window(args) and importlib.util.find_spec("transcribe_app.gui") is not None


def _end_while_loading(signum, frame) -> None:
    _say_stopped("asked to end")
    raise SystemExit(EXIT_TERMINATED)


def _say_stopped(how: str) -> None:
    try:
        print(f"transcribe-app: Stopped ({how}) before anything was done.", file=sys.stderr)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
