"""Writing an export all at once or not at all.

Every export's bytes come here, and go through the one recipe every save uses
(``core/safe_write.py``): a temporary file in the target folder, flushed to
disk, then renamed over the target. A failed or interrupted export
never leaves half a file, and an existing file of the same name stays as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO

from ..safe_write import EXPORT, replace_file


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file is untouched."""
    replace_file(path, data, keep_backup=False, wording=EXPORT)


def atomic_write_stream(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Like ``atomic_write_bytes``, for a file too large to hold in memory: ``write`` fills the open
    temporary file (a REFI-QDA package with its recordings), which then replaces ``path`` in one step."""
    replace_file(path, write, keep_backup=False, wording=EXPORT)
