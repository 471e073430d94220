"""``python -m transcribe_app``: the desktop window when there is one, else the CLI.

With arguments it is always the CLI, so ``python -m transcribe_app transcribe …``
works in a bundle and on a cluster node alike.
"""

from __future__ import annotations

import importlib.util
import sys


def main() -> int:
    if len(sys.argv) == 1 and importlib.util.find_spec("transcribe_app.gui") is not None:
        from .gui.app import run

        return run()
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
