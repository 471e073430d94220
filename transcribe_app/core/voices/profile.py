"""An enrolled voice, and the study folder's ``voices/`` where the profiles are kept.

One profile per person, named by the code they are cited by (``I`` for the
interviewer, ``VJ`` for an informant): ``DIR/voices/I.voice.json``. A profile
holds the voice embedding (256 numbers from the voice encoder), which code and
role it stands for, where it was enrolled from and how much speech that was.
It holds no name and no words.

This module is light (no NumPy): listing or removing voices loads no model.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from ..project import fieldcheck as fc
from ..project.record import ROLES
from ..safe_write import SAVE, replace_file

VOICES_FOLDER = "voices"
SUFFIX = ".voice.json"
FORMAT = "transkript voice profile"
FORMAT_VERSION = 1
# What made the embedding: a profile from another encoder lands elsewhere in voice space.
ENCODER = "resemblyzer-0.1.4"
DIMENSIONS = 256
# A code names a file: letters, digits and - _ . (not leading), as informant codes are written.
_CODE = re.compile(r"^\w[\w.\-]{0,39}$")
_KNOWN = (
    "format",
    "version",
    "code",
    "role",
    "encoder",
    "embedding",
    "source_project",
    "source_speaker",
    "speech_seconds",
    "enrolled_at",
)


@dataclass(frozen=True)
class VoiceProfile:
    """One enrolled voice: who it is (code, role), the embedding, and where it came from."""

    code: str  # the person's code in the study: I, M, VJ
    role: str  # informant | interviewer | organisation | other (as the roster's roles)
    embedding: tuple[float, ...]  # unit length, DIMENSIONS long
    source_project: str  # the project it was enrolled from, relative to the study folder if inside
    source_speaker: str  # the speaker label there (S1)
    speech_seconds: float  # how much speech the embedding was made from
    enrolled_at: str  # ISO time, UTC
    encoder: str = ENCODER

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "code": self.code,
            "role": self.role,
            "encoder": self.encoder,
            "source_project": self.source_project,
            "source_speaker": self.source_speaker,
            "speech_seconds": self.speech_seconds,
            "enrolled_at": self.enrolled_at,
            "embedding": list(self.embedding),
        }

    @classmethod
    def from_dict(cls, value: Any, path: str = "voice") -> VoiceProfile:
        """The profile in ``value``; a ``FieldError`` naming the field that is wrong."""
        fields = fc.Fields(value, path)
        fields.one_of("format", (FORMAT,))
        version = fields.integer("version", minimum=1)
        if version > FORMAT_VERSION:
            raise fc.FieldError(
                fields.at("version"), f"at most {FORMAT_VERSION}", found="a later version wrote it"
            )
        unknown = fields.unknown(frozenset(_KNOWN))
        if unknown:
            raise fc.FieldError(fields.at(unknown[0]), "a field this version knows", found="it is not")
        code = fields.text("code", null_is_empty=False)
        if not _CODE.match(code):
            raise fc.FieldError(fields.at("code"), "a code such as I or VJ", found=f"it is “{code}”")
        raw = fields.listing("embedding")
        embedding = tuple(float(fc.number(x, fc.join(fields.at("embedding"), i))) for i, x in enumerate(raw))
        if len(embedding) != DIMENSIONS:
            raise fc.FieldError(
                fields.at("embedding"), f"{DIMENSIONS} numbers", found=f"it has {len(embedding)}"
            )
        if not 0.9 < math.sqrt(sum(x * x for x in embedding)) < 1.1:
            raise fc.FieldError(fields.at("embedding"), "of unit length", found="it is not")
        return cls(
            code=code,
            role=fields.one_of("role", ROLES),
            embedding=embedding,
            source_project=fields.text("source_project", ""),
            source_speaker=fields.text("source_speaker", ""),
            speech_seconds=float(fields.number("speech_seconds", minimum=0, maximum=1e6)),
            enrolled_at=fields.text("enrolled_at", ""),
            encoder=fields.text("encoder", null_is_empty=False),
        )


def voices_folder(study: str | os.PathLike[str]) -> Path:
    """``DIR/voices``: where a study keeps its enrolled voices (and nothing else does)."""
    return Path(study) / VOICES_FOLDER


def check_code(code: str) -> str:
    """``code`` if it can name a voice (and its file); a ``BadInputError`` otherwise."""
    if not _CODE.match(code or ""):
        raise BadInputError(
            f"“{code}” cannot name a voice: use the person's code in the study, such as I or VJ "
            "(letters, digits, - _ and ., at most 40)."
        )
    return code


def profile_path(study: str | os.PathLike[str], code: str) -> Path:
    return voices_folder(study) / f"{check_code(code)}{SUFFIX}"


def read_profile(path: Path) -> VoiceProfile:
    """The profile stored in ``path``, or a ``BadInputError`` that names the file and what to do."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInputError(f"The voice file “{path}” does not exist.") from None
    except json.JSONDecodeError as exc:  # worded as a damaged project file's problem is
        raise _unusable(path, f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except UnicodeDecodeError as exc:
        raise _unusable(path, f"it is not UTF-8 text (byte {exc.start})") from None
    except (ValueError, RecursionError):
        raise _unusable(path, "it is nested far too deep to be a Transkript file") from None
    except OSError as exc:
        raise BadInputError(f"The voice file “{path}” cannot be read: {exc.strerror}.") from None
    try:
        profile = VoiceProfile.from_dict(data, path="voice")
    except fc.FieldError as exc:
        raise _unusable(path, str(exc).rstrip(".")) from None
    if profile.code != _code_of(path):
        raise _unusable(
            path, f"it holds the voice of “{profile.code}”, not of “{_code_of(path)}” as its name says"
        )
    return profile


def _unusable(path: Path, problem: str) -> BadInputError:
    return BadInputError(
        f"The voice file “{path}” is damaged and cannot be used ({problem}); remove it with "
        f"“transcribe-app voices remove {path.parent.parent} {_code_of(path)}” and enrol again."
    )


def study_voices(study: str | os.PathLike[str]) -> list[VoiceProfile]:
    """Every voice enrolled in the study, by code; [] when none is."""
    folder = voices_folder(study)
    if not folder.is_dir():
        return []
    return [read_profile(p) for p in sorted(folder.glob(f"*{SUFFIX}")) if not p.name.startswith(".")]


def save_profile(study: str | os.PathLike[str], profile: VoiceProfile) -> Path:
    """Write ``profile`` into the study's voices folder (made if needed) in one step; its path."""
    folder = voices_folder(study)
    if not Path(study).is_dir():
        raise BadInputError(f"The study folder “{study}” does not exist.")
    if folder.exists() and not folder.is_dir():
        raise BadInputError(f"“{folder}” is a file; the study keeps its voices in a folder of that name.")
    folder.mkdir(exist_ok=True)
    path = profile_path(study, profile.code)
    text = json.dumps(profile.to_dict(), ensure_ascii=False, indent=1) + "\n"
    replace_file(path, text.encode("utf-8"), wording=SAVE)
    return path


def remove_profile(study: str | os.PathLike[str], code: str) -> Path:
    """Delete the voice enrolled as ``code``; a sentence listing the voices there are when it is not."""
    path = profile_path(study, code)
    if not path.is_file():
        known = sorted(p.name[: -len(SUFFIX)] for p in voices_folder(study).glob(f"*{SUFFIX}"))
        there = ", ".join(known) if known else "none"
        raise BadInputError(f"No voice “{code}” is enrolled in “{study}”. Enrolled voices: {there}.")
    path.unlink()
    return path


def study_of(project_path: str | os.PathLike[str]) -> Path | None:
    """The study folder whose voices a project's diarisation uses: the project's folder or the one
    above it (a study keeps a project beside or one folder below its ``voices/``); None if neither has
    enrolled voices."""
    folder = Path(project_path).resolve().parent
    for candidate in (folder, folder.parent):
        voices = voices_folder(candidate)
        if voices.is_dir() and any(voices.glob(f"*{SUFFIX}")):
            return candidate
    return None


def _code_of(path: Path) -> str:
    return path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
