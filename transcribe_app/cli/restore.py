"""``restore``: put a project's previous version (its ``.bak``) back in place (core/project/backup.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK


def add_commands(commands) -> None:
    p = commands.add_parser(
        "restore",
        help="go back to the previous version of a project (its .bak), keeping the current file beside it",
        description="Put PROJECT.bak — the project as it was before the last command or window changed it — "
        "in place of PROJECT, after checking that it opens as a project. The file it replaces is kept "
        "beside it as PROJECT.damaged (when it did not open) or PROJECT.replaced; rename it back to undo "
        "the restore. Exit status: 0 restored (or nothing to do); 2 no .bak, or one that does not open "
        "either, and then nothing is changed.",
    )
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_restore)


def _restore(args: argparse.Namespace) -> int:
    from ..core.project.backup import restore_backup

    restored = restore_backup(args.project)
    name, backup = restored.project.name, restored.backup.name
    saved = restored.saved_at.strftime("%Y-%m-%d %H:%M")
    if restored.unchanged:
        print(f"Nothing to restore: {backup} (saved {saved}) is the same as {name}.", file=sys.stderr)
        return EXIT_OK
    print(f"Restored {name} from its previous version {backup} (saved {saved}).", file=sys.stderr)
    if restored.kept is None:
        print(f"There was no {name} to keep; {backup} stays as it is.", file=sys.stderr)
    else:
        which = "damaged file" if restored.damaged else "file"
        print(
            f"The {which} it replaced is kept as {restored.kept.name}: rename it to {name} to go back to it.",
            file=sys.stderr,
        )
    return EXIT_OK
