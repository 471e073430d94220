"""Writing an export all at once or not at all.

Every export's bytes come here, and go through the one recipe every save uses
(``core/safe_write.py``): a temporary file in the target folder, flushed to
disk, then renamed over the target. A failed or interrupted export
never leaves half a file, and an existing file of the same name stays as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ProjectFileError
from ..safe_write import write_atomically


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file is untouched."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ProjectFileError(f"The folder “{folder}” does not exist; choose another place for the export.")
    if path.is_dir():
        raise ProjectFileError(f"“{path}” is a folder; give a file name for the export.")
    write_atomically(
        path,
        data,
        keep_backup=False,
        failure=lambda reason: (
            f"Could not write “{path.name}”: {reason}. "
            "Nothing was written; an existing file of that name is unchanged."
        ),
    )
