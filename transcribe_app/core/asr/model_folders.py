"""Where models live, and how a finished model folder is put in place: shared by the look-up
(``models.py``), the store (``model_store.py``) and the conversions (``convert.py``), none of
which imports another round a circle."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# In every folder Transkript installed: where it came from and the SHA-256 of each file (models verify).
MANIFEST = ".transkript-model.json"


def user_models_dir() -> Path:
    """The per-user folder where downloaded or hand-placed models live."""
    override = os.environ.get("TRANSKRIPT_MODEL_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("Transkript", appauthor=False) / "models"


def install_folder(ready: Path, target: Path) -> None:
    """Put the complete folder ``ready`` in place of ``target`` in one rename (an old one is replaced)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    ready.replace(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
