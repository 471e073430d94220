"""The key: real name ↔ code, every replaced occurrence, and the audit log — in a file of its own.

The key is the one file that undoes the pseudonymisation, so it is never part
of an export: it goes where the user chooses (a different file from the
output), written atomically and readable only by its owner. With it,
``depseudonymise`` gives back the text exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from ..projectfile import atomic_write_text
from .decisions import now
from .replacement import Pseudonymised

KEY_FORMAT = "transkript-key"
KEY_VERSION = 1


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_key(
    result: Pseudonymised, roster, audit: list[dict], source: str, output_text: str | None = None
) -> dict:
    """The key for one pseudonymised output. ``output_text``: the text as written, when it is not the
    document itself (a line-numbered export); its hash tells ``depseudonymise`` which way to restore."""
    roles = {f"roster:{e.code or e.name}": e.role for e in roster}
    entries = []
    for key, label in result.labels.items():
        referent = result.detection.referents[key]
        forms = sorted({o.original for o in result.occurrences if o.referent == key})
        entries.append(
            {
                "replacement": label,
                "name": referent.name,
                "kind": referent.entity.lower(),
                "role": roles.get(key),
                "written_as": forms,
            }
        )
    return {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "warning": "This file holds the real names behind the codes. Keep it apart from the transcripts.",
        "created": now(),
        "source": source,
        "document_sha256": text_sha256(result.text),
        "output_sha256": text_sha256(output_text) if output_text is not None else None,
        "entries": entries,
        "occurrences": [o.to_dict() for o in result.occurrences],
        "audit": audit,
    }


def write_key(key: dict, path: str | os.PathLike[str], outputs: list[str | os.PathLike[str]]) -> None:
    """Write the key, refusing a path that is (or is inside) one of the outputs."""
    target = Path(path).resolve()
    for output in outputs:
        if target == Path(output).resolve():
            raise BadInputError(
                f"The key cannot be written to {output}: that is the export itself. Choose a separate file "
                "for the key (and keep it away from the transcripts you share)."
            )
    atomic_write_text(target, json.dumps(key, ensure_ascii=False, indent=2) + "\n", keep_backup=True)


def read_key(path: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(path)
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInputError(f"The key file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadInputError(f"{path} is not a readable Transkript key ({error}).") from None
    if not isinstance(key, dict) or key.get("format") != KEY_FORMAT:
        raise BadInputError(f"{path} is not a Transkript key file.")
    if key.get("version", 0) > KEY_VERSION:
        raise BadInputError(f"{path} was written by a newer Transkript; update Transkript to use it.")
    return key


def depseudonymise(text: str, key: dict[str, Any]) -> tuple[str, bool]:
    """The original text; ``(text, True)`` when restored exactly by position.

    The document itself (what ``pseudonymise-text`` writes) is restored byte for
    byte from the recorded positions. Any other text made from it (an export
    with line numbers, a text that was edited since) is restored by finding
    each replacement in order — turn labels (``VJ:``) are left alone.
    """
    occurrences = key.get("occurrences", [])
    if text_sha256(text) == key.get("document_sha256"):
        restored = text
        for occurrence in sorted(occurrences, key=lambda o: o["at"], reverse=True):
            at = occurrence["at"]
            restored = (
                restored[:at] + occurrence["original"] + restored[at + len(occurrence["replacement"]) :]
            )
        return restored, True
    return _restore_by_search(text, occurrences), False


def _restore_by_search(text: str, occurrences: list[dict]) -> str:
    pieces, cursor = [], 0
    for occurrence in occurrences:
        position = _next_use(text, occurrence["replacement"], cursor)
        if position < 0:
            continue
        pieces.append(text[cursor:position])
        pieces.append(occurrence["original"])
        cursor = position + len(occurrence["replacement"])
    pieces.append(text[cursor:])
    return "".join(pieces)


def _next_use(text: str, replacement: str, cursor: int) -> int:
    """The next place the replacement stands as words of the text, not as a turn label."""
    while True:
        position = text.find(replacement, cursor)
        if position < 0:
            return -1
        end = position + len(replacement)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        is_label = text.startswith(":", end) and not text[text.rfind("\n", 0, position) + 1 : position].strip(
            "0123456789 \t[]:"
        )
        if not before.isalnum() and not (after.isalnum() and not replacement.endswith("]")) and not is_label:
            return position
        cursor = position + 1
