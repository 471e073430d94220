"""Print a bundle's size and its largest parts (folders and files under ``_internal``), largest first."""

from __future__ import annotations

import sys
from pathlib import Path


def size(path: Path) -> int:
    """Bytes on disk; links (PyInstaller links shared libraries to one copy) count as nothing."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(folder: str, top: int = 15) -> None:
    root = Path(folder)
    internal = root / "_internal"
    parts = [
        (size(p), p.relative_to(root)) for p in (internal.iterdir() if internal.is_dir() else root.iterdir())
    ]
    total = size(root)
    models = size(internal / "models") if (internal / "models").is_dir() else 0
    print(f"{root}: {total / 2**20:.0f} MiB in all; without models/: {(total - models) / 2**20:.0f} MiB")
    for bytes_, name in sorted(parts, reverse=True)[:top]:
        print(f"  {bytes_ / 2**20:8.1f} MiB  {name}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
