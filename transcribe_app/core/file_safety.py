"""A command never writes over what it was given: outputs are checked against inputs first.

Every command that writes a file names, before it writes anything, what it reads
(the recording, the project, the roster, the key, the typed transcript…) and what
it writes (the project, the export, the key, the report…). ``check_files`` then
refuses, with a sentence naming both roles:

- an output that is the same file as an input, however it is spelled: ``./x``,
  ``x``, a symbolic link to it or a hard link of it (compared by device and inode
  when the file exists, by resolved path when it does not yet);
- an output that is the ``.bak`` of a project the command reads: that is the
  project as it was before its last change, the one copy a mistake can go back to;
- an output whose own ``.bak`` (kept when it is replaced) would land on an input;
- two outputs that are the same file (the key and the export);
- an output that cannot be written at all: in a folder that does not exist, a
  folder itself, or a name longer than the file system allows.

It only reads the file system; nothing is created or changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInputError
from .safe_write import backup_path as backup_of
from .safe_write import name_problem


@dataclass(frozen=True)
class Input:
    """A file the command reads. ``project``: its ``.bak`` is protected as well."""

    path: Path
    what: str  # in a sentence: "the recording you are transcribing"
    project: bool = False


@dataclass(frozen=True)
class Output:
    """A file the command writes. ``backup``: the file it replaces is kept as ``NAME.bak``."""

    path: Path
    what: str  # capitalised, to begin a sentence: "The project file", "The key"
    option: str  # how to choose another name: "-o", "--key"
    backup: bool = False


def reading(path: str | os.PathLike[str] | None, what: str, *, project: bool = False) -> Input | None:
    """An input, or None when the option was not given (``check_files`` skips None)."""
    return None if path is None else Input(Path(path), what, project)


def writing(
    path: str | os.PathLike[str] | None, what: str, option: str, *, backup: bool = False
) -> Output | None:
    """An output, or None when the option was not given (or the output is standard output)."""
    if path is None or str(path) == "-":
        return None
    return Output(Path(path), what, option, backup)


def check_files(inputs: Iterable[Input | None], outputs: Iterable[Output | None]) -> None:
    """Refuse (``BadInputError``, exit 2) any output that would destroy an input or another output."""
    inputs = [i for i in inputs if i is not None]
    outputs = [o for o in outputs if o is not None]
    for output in outputs:
        check_writable(output)
        for source in inputs:
            if same_file(output.path, source.path):
                raise BadInputError(
                    f"{output.what} “{output.path.name}” is {source.what}; "
                    f"choose another name with {output.option}."
                )
            if source.project and same_file(output.path, backup_of(source.path)):
                raise BadInputError(
                    f"{output.what} “{output.path.name}” is the backup of {source.what} (the project as it "
                    f"was before its last change); choose another name with {output.option}."
                )
            if output.backup and same_file(backup_of(output.path), source.path):
                raise BadInputError(
                    f"Writing {output.what.lower()} “{output.path.name}” keeps the file it replaces as "
                    f"“{backup_of(output.path).name}”, which is {source.what}; "
                    f"choose another name with {output.option}."
                )
    for number, output in enumerate(outputs):
        for other in outputs[number + 1 :]:
            if same_file(output.path, other.path):
                raise BadInputError(
                    f"{other.what} “{other.path.name}” is {output.what.lower()} itself; they must be two "
                    f"different files. Choose another name with {other.option}."
                )
            if (
                other.backup
                and same_file(backup_of(other.path), output.path)
                or (output.backup and same_file(backup_of(output.path), other.path))
            ):
                raise BadInputError(
                    f"{other.what} “{other.path.name}” and {output.what.lower()} “{output.path.name}”: "
                    f"one is the other's .bak; choose another name with {other.option}."
                )


def check_writable(output: Output) -> None:
    """Refuse an output that cannot be written, before anything else is: the sentence says why."""
    path = output.path
    problem = name_problem(path, output.backup)
    if problem:
        raise BadInputError(
            f"{output.what} “{path.name[:40]}…” cannot be written: {problem}. "
            f"Choose a shorter name with {output.option}."
        )
    folder = path.parent
    if not folder.is_dir():
        raise BadInputError(
            f"The folder “{folder}” for {output.what.lower()} does not exist; create it or choose another "
            f"place with {output.option}."
        )
    if path.is_dir():
        raise BadInputError(
            f"“{path}” is a folder; give {output.what.lower()} a file name with {output.option}."
        )


def is_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file here. A stored path that cannot name a file on this system (a name
    longer than the file system allows, a NUL) is simply not one: ``Path.is_file`` raises for those
    before Python 3.12, and a damaged project's recording path must read as missing, not crash."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` are one file: the same device and inode, or the same resolved path.

    Links are followed, so a symbolic link to the file and a hard link of it count as
    the file. A path that does not exist yet can only match by its resolved spelling.
    """
    try:
        first, second = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        pass
    else:
        if (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino):
            return True
    return _spelled_alike(a, b)


def _spelled_alike(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        first, second = os.path.realpath(a), os.path.realpath(b)
    except (OSError, ValueError):
        first, second = os.path.abspath(a), os.path.abspath(b)
    return os.path.normcase(first) == os.path.normcase(second)
