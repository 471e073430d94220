"""A pseudonymised recording: a copy of the interview's recording with every replaced name covered, and
by the export profile every generalised or removed indirect identifier.

    outcome = export_audio(project, project_path, AudioRequest(Path("vj.flac"), key=Path("vj.key.json")))

The steps, as a text export's: the pseudonymisation hook on the turns (here the verbatim words:
everything that was said), the names it replaced traced back to their words' times
(``audio_spans``), the leak gate over the pseudonymised words and the output's file name, the key
(with the covered spans), then the recording decoded, covered and encoded in one streamed atomic
write. Each covered stretch gets a 1 kHz tone (a listener hears that something was covered) or
silence, with a small margin.

What this is not: anonymisation. A voice identifies a person, and the optional voice disguise
(``audio_signal.disguise_voice``, a pitch shift) is weak: it is undone by shifting back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInputError
from ..project.record import Project
from .audio_signal import COVERS, encoder_available, write_covered
from .audio_spans import MARGIN_S, CoveredSpan, identifier_spans, merge_spans, name_spans, spoken_turns


@dataclass(frozen=True)
class AudioFormat:
    """How one kind of audio file is written: its container, encoder and the sample rates it takes."""

    container: str
    codec: str
    rates: tuple[int, ...] = ()  # the rates the encoder takes (empty: any); the nearest is used


AUDIO_FORMATS: dict[str, AudioFormat] = {
    ".flac": AudioFormat("flac", "flac"),
    ".wav": AudioFormat("wav", "pcm_s16le"),
    ".mp3": AudioFormat("mp3", "libmp3lame", (16_000, 22_050, 24_000, 32_000, 44_100, 48_000)),
    ".opus": AudioFormat("ogg", "libopus", (48_000,)),
}


def audio_format(path: str | os.PathLike[str]) -> AudioFormat:
    """The format of an output file by its extension; a ``BadInputError`` naming those that can be
    written here (an encoder missing from this installation's FFmpeg is refused too)."""
    suffix = Path(path).suffix.lower()
    usable = [s for s, f in AUDIO_FORMATS.items() if encoder_available(f.codec)]
    if suffix not in AUDIO_FORMATS or suffix not in usable:
        raise BadInputError(
            f"A pseudonymised recording cannot be written as “{Path(path).name}”: give the output one of "
            f"these endings: {', '.join(usable)}."
        )
    return AUDIO_FORMATS[suffix]


@dataclass(frozen=True)
class AudioRequest:
    """What to write: ``output`` (.flac, .wav, .mp3, .opus), ``key`` (where the key goes), ``cover``
    ("tone" or "silence"), ``margin`` (seconds each side), ``disguise_semitones`` (0: the voices as
    recorded), ``accept_review`` and ``allow_leaks`` as for a text export."""

    output: Path
    key: Path
    cover: str = "tone"
    margin: float = MARGIN_S
    disguise_semitones: float = 0.0
    accept_review: bool = False
    allow_leaks: bool = False
    profile: str | None = None  # appendix, validation, archive: which indirect identifiers are covered too

    def check(self) -> AudioFormat:
        from ..pseudonymise.indirect import VALIDATION, check_profile

        check_profile(self.profile)
        if self.profile == VALIDATION:
            raise BadInputError(
                "A recording holds every voice, so it cannot be one informant's validation copy: give "
                "--profile appendix or archive."
            )
        if self.cover not in COVERS:
            raise BadInputError(f"Cover names with one of: {', '.join(COVERS)} (not “{self.cover}”).")
        if not 0 <= self.margin <= 1:
            raise BadInputError("The margin around a name is between 0 and 1 second.")
        if abs(self.disguise_semitones) > 12:
            raise BadInputError("The voice disguise shifts by at most 12 semitones up or down.")
        return audio_format(self.output)


@dataclass
class AudioOutcome:
    """What the export did: the spans covered (merged, with the margin), the files written, and whether
    the project changed in memory (audit entries, decisions): the caller saves."""

    spans: list[CoveredSpan] = field(default_factory=list)
    names: int = 0  # replaced mentions
    identifiers: int = 0  # indirect identifiers generalised or removed (by the decisions and the profile)
    written: list[Path] = field(default_factory=list)
    leaks: int = 0
    changed: bool = False


def export_audio(
    project: Project, project_path: str | os.PathLike[str], request: AudioRequest
) -> AudioOutcome:
    """Write the covered recording and its key; changes the project in memory only (the caller saves)."""
    from ..pseudonymise.stage import ExportPseudonymiser

    fmt = request.check()
    recording = project.audio_file(project_path)
    if recording is None or not recording.is_file():
        raise BadInputError(
            "The project's recording was not found"
            + (f" at {recording}" if recording is not None else "")
            + "; a pseudonymised recording is made from it."
        )
    state = project.pseudonymisation
    logs_before = (len(state.decisions), len(state.audit))
    pseudonymiser = ExportPseudonymiser(
        project, request.key, accept_review=request.accept_review, allow_leaks=request.allow_leaks,
        profile=request.profile,
    )  # fmt: skip
    turns = spoken_turns(project)
    new_turns = pseudonymiser.hook(turns)  # names replaced, then the indirect identifiers as decided
    found = name_spans(project, turns, pseudonymiser.result)
    identifiers = identifier_spans(turns, pseudonymiser.result, pseudonymiser.generalised)
    duration = _duration(project, turns)
    spans = merge_spans(found + identifiers, duration, request.margin)
    pseudonymiser.key_extra = {
        "recording": {
            "cover": request.cover,
            "margin_s": request.margin,
            "voice_disguise_semitones": request.disguise_semitones,
            "covered": [span.to_dict() for span in spans],
        }
    }
    if identifiers:  # which covered stretches stand for an identifier rather than a name, and its label
        pseudonymiser.key_extra["recording"]["identifiers"] = [
            {**span.to_dict(), "kind": g.item.kind}
            for span, g in zip(identifiers, pseudonymiser.generalised, strict=True)
        ]
    gate = pseudonymiser.check(request.output)  # the leak gate (text and file name), then the key
    gate(_Spoken("\n".join(turn.text for turn in new_turns) + "\n"))
    write_covered(recording, request.output, fmt, spans, cover=request.cover,
                  semitones=request.disguise_semitones)  # fmt: skip
    outcome = AudioOutcome(spans, len(found), len(identifiers), [request.output, request.key],
                           len(pseudonymiser.leaks))  # fmt: skip
    outcome.changed = (len(state.decisions), len(state.audit)) != logs_before
    return outcome


@dataclass(frozen=True)
class _Spoken:
    """What the gate and the key read of a recording: the pseudonymised words (as ``Rendered`` has)."""

    text: str
    format: str = "audio"


def _duration(project: Project, turns) -> float:
    """The recording's length as stored, else the last word's end (spans are clamped to it)."""
    if project.audio.duration:
        return float(project.audio.duration)
    ends = [w.end for turn in turns for w in turn.words if w.end is not None]
    return max(ends, default=0.0) + 1.0
