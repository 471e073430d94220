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
from ..project import fieldcheck as fc
from ..project.file import atomic_write_text, read_json
from .replacement import Pseudonymised
from .state import AuditEntry, now

KEY_FORMAT = "transkript-key"
KEY_VERSION = 1


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_key(
    result: Pseudonymised, roster, audit: list[AuditEntry], source: str, output_text: str | None = None
) -> dict:
    """The key for one pseudonymised output, with a copy of the ``audit`` log as stored in the project.
    ``output_text``: the text as written, when it is not the document itself (a line-numbered export);
    its hash tells ``depseudonymise`` which way to restore."""
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
    return key_record(
        source,
        result.text,
        entries,
        occurrences=[o.to_dict() for o in result.occurrences],
        audit=audit,
        output_text=output_text,
    )


def key_record(
    source: str,
    document_text: str,
    entries: list[dict],
    *,
    occurrences: list[dict],
    audit: list[AuditEntry],
    output_text: str | None = None,
) -> dict:
    """A key file's record: who is behind each replacement, the hashes that tie it to its output,
    and a copy of the audit entries (the project's log, as stored) that concern that output."""
    return {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "warning": "This file holds the real names behind the codes. Keep it apart from the transcripts.",
        "created": now(),
        "source": source,
        "document_sha256": text_sha256(document_text),
        "output_sha256": text_sha256(output_text) if output_text is not None else None,
        "entries": entries,
        "occurrences": occurrences,
        "audit": [entry.to_dict() for entry in audit],
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
    """A key file, every field checked; ``BadInputError`` naming the field for anything malformed."""
    path = Path(path)
    try:
        key = read_json(path)
    except FileNotFoundError:
        raise BadInputError(f"The key file {path} does not exist.") from None
    except IsADirectoryError:
        raise BadInputError(f"{path} is a folder, not a key file.") from None
    except OSError as error:
        raise BadInputError(f"The key file {path} cannot be read: {error.strerror or error}.") from None
    except (UnicodeDecodeError, ValueError) as error:
        reason = f"{error.msg}, line {error.lineno}" if isinstance(error, json.JSONDecodeError) else error
        raise BadInputError(f"{path} is not a readable Transkript key ({reason}).") from None
    if not isinstance(key, dict) or key.get("format") != KEY_FORMAT:
        raise BadInputError(f"{path} is not a Transkript key file.")
    if isinstance(key.get("version"), int) and key["version"] > KEY_VERSION:
        raise BadInputError(f"{path} was written by a newer Transkript; update Transkript to use it.")
    try:
        check_key(key)
    except fc.FieldError as error:
        raise BadInputError(f"The key file {path.name} is damaged: {error}") from None
    return key


def check_key(key: dict[str, Any]) -> None:
    """Check every field ``depseudonymise`` reads; ``fieldcheck.FieldError`` names the first wrong one."""
    fields = fc.Fields(key, "")
    fc.check_depth(key, "the key")
    fields.integer("version", minimum=1)
    fields.optional_text("document_sha256")
    fields.optional_text("output_sha256")
    for entry in fields.records("entries", []):
        entry.text("replacement", null_is_empty=False)
        entry.text("name", null_is_empty=False)
        entry.optional_text("kind")
        entry.optional_text("role")
        entry.text_list("written_as", [])
    for occurrence in fields.records("occurrences", []):
        for place in ("part", "start", "end", "at"):
            occurrence.integer(place, minimum=0)
        occurrence.text("original", null_is_empty=False)
        if not occurrence.text("replacement", null_is_empty=False):
            raise fc.FieldError(occurrence.at("replacement"), "the code in the text", found="it is empty")
    fields.listing("audit", [])
    if key.get("indirect") is not None:  # written since the indirect tier (indirect_key.py)
        indirect = fields.record("indirect")
        indirect.optional_text("profile")
        indirect.optional_text("document_sha256")
        for occurrence in indirect.records("occurrences", []):
            for place in ("part", "start", "end", "at"):
                occurrence.integer(place, minimum=0)
            occurrence.text("original", null_is_empty=False)
            occurrence.text("replacement", null_is_empty=False)
        for item in indirect.records("items", []):
            item.text("words", null_is_empty=False)
            item.text("action", null_is_empty=False)


def depseudonymise(text: str, key: dict[str, Any]) -> tuple[str, bool]:
    """The original text; ``(text, True)`` when restored exactly by position.

    The document itself (what ``pseudonymise-text`` writes) is restored byte for
    byte from the recorded positions. Any other text made from it (an export
    with line numbers, a text that was edited since) is restored by finding
    each replacement in order — turn labels (``VJ:``) are left alone.

    A key with an ``indirect`` section (identifiers generalised after the names): those are undone
    first, the same way, which gives the text with names replaced that the names part describes.
    """
    indirect = key.get("indirect") or {}
    if indirect.get("occurrences"):
        text, exact = _undo(text, indirect["occurrences"], indirect.get("document_sha256"))
        restored, names_exact = _undo(text, key.get("occurrences", []), key.get("document_sha256"))
        return restored, exact and names_exact
    return _undo(text, key.get("occurrences", []), key.get("document_sha256"))


def _undo(text: str, occurrences: list[dict], document_sha256: str | None) -> tuple[str, bool]:
    if text_sha256(text) == document_sha256 and _positions_hold(text, occurrences):
        restored = text
        for occurrence in sorted(occurrences, key=lambda o: o["at"], reverse=True):
            at = occurrence["at"]
            restored = (
                restored[:at] + occurrence["original"] + restored[at + len(occurrence["replacement"]) :]
            )
        return restored, True
    return _restore_by_search(text, occurrences), False


def _positions_hold(text: str, occurrences: list[dict]) -> bool:
    """Each replacement stands where the key says, none overlapping: restoring by position is exact."""
    end = -1
    for occurrence in sorted(occurrences, key=lambda o: o["at"]):
        at, replacement = occurrence["at"], occurrence["replacement"]
        if at < end or text[at : at + len(replacement)] != replacement:
            return False
        end = at + len(replacement)
    return True


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
