"""decode_audio on what researchers actually record, and on how recordings go wrong.

All recordings are made here with PyAV's own encoders from one real Danish
utterance, so the tests need no ``ffmpeg`` program and no large test data.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.audio_fixtures import (
    SAMPLE_RATE,
    SPEECH_WAV,
    aligned_correlation,
    encode,
    quiet_minutes,
    read_wav,
    write_long_wav,
    write_video_only,
)
from transcribe_app.core.asr.audio import decode_audio, file_sha256
from transcribe_app.core.errors import BadInputError

# name -> (file name, encode() options). The speech goes in at 16 kHz; the
# encoder resamples where the codec or the case needs another rate.
FORMATS = {
    "wav": ("speech.wav", dict(codec="pcm_s16le")),
    "wav-44k-stereo": ("speech_44k_stereo.wav", dict(codec="pcm_s16le", rate=44_100, layout="stereo")),
    "mp3": ("speech.mp3", dict(codec="libmp3lame")),
    "m4a": ("speech.m4a", dict(codec="aac")),
    "ogg-opus": ("speech.ogg", dict(codec="libopus", rate=48_000)),
    "flac": ("speech.flac", dict(codec="flac")),
    "mp4-video": ("teams_meeting.mp4", dict(codec="aac", video_codec="libx264")),
    "mov-video": ("iphone_video.mov", dict(codec="aac", video_codec="libx264")),
}


@pytest.fixture(scope="session")
def speech() -> np.ndarray:
    """The original utterance as int16 samples at 16 kHz."""
    return read_wav(SPEECH_WAV)


@pytest.fixture(scope="session")
def recordings(tmp_path_factory, speech) -> dict[str, Path]:
    """The utterance in every format we promise to read."""
    folder = tmp_path_factory.mktemp("recordings")
    half = len(speech) // 2
    # Two microphones on two channels: the first half of the speech on the left,
    # the second half on the right, so only a true downmix keeps all of it.
    stereo = np.zeros((2, len(speech)), dtype=np.int16)
    stereo[0, :half], stereo[1, half:] = speech[:half], speech[half:]
    files = {}
    for name, (filename, options) in FORMATS.items():
        source = stereo if options.get("layout") == "stereo" else speech.reshape(1, -1)
        files[name] = encode(folder / filename, [source], **options)
    return files


@pytest.fixture(scope="session")
def two_hour_wav(tmp_path_factory) -> Path:
    """A two-hour focus group: 230 MB of 16-bit WAV, written a minute at a time."""
    path = tmp_path_factory.mktemp("long") / "focus_group_2h.wav"
    write_long_wav(path, minutes=120)
    return path


def as_float(samples: np.ndarray) -> np.ndarray:
    return samples.astype(np.float32) / 32768


# --- 1. every format: 16 kHz mono float32, the right length, the same sound ---


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_decodes_to_the_same_speech(recordings, speech, name):
    """Whatever the researcher recorded with, Whisper gets the same 16 kHz mono signal."""
    decoded = decode_audio(recordings[name])

    assert decoded.samples.dtype == np.float32
    assert decoded.samples.ndim == 1
    assert decoded.warnings == []
    # AAC and Opus add up to a few tens of ms of priming/padding.
    assert decoded.duration == pytest.approx(len(speech) / SAMPLE_RATE, abs=0.1)
    assert 0.05 < np.abs(decoded.samples).max() <= 1.0
    assert aligned_correlation(decoded.samples, as_float(speech)) > 0.9


def test_header_less_aac_stream_gets_its_full_length(tmp_path):
    """Raw ADTS AAC has no duration in a header (FFmpeg guesses one from the bitrate).

    The guess may be off by several seconds either way; the decoded length must
    still be the real one.
    """
    path = encode(tmp_path / "dictaphone.aac", quiet_minutes(3), codec="aac", container_format="adts")

    decoded = decode_audio(path)

    assert decoded.duration == pytest.approx(180, abs=1.0)


# --- 2. bad inputs: BadInputError, in words a researcher understands ---


def _missing(folder: Path) -> Path:
    return folder / "interview_03.wav"


def _empty(folder: Path) -> Path:
    path = folder / "interview_03.wav"
    path.write_bytes(b"")
    return path


def _text_named_wav(folder: Path) -> Path:
    path = folder / "interview_03.wav"
    path.write_text("Interview notes, not a recording.\n" * 20, encoding="utf-8")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "interview_03"
    path.mkdir()
    return path


def _video_without_sound(folder: Path) -> Path:
    return write_video_only(folder / "interview_03.mp4")


@pytest.mark.parametrize(
    "make, words",
    [
        (_missing, "does not exist"),
        (_empty, "empty"),
        (_text_named_wav, "not a sound or video file"),
        (_folder, "folder"),
        (_video_without_sound, "no sound track"),
    ],
    ids=["missing", "zero-bytes", "text-named-wav", "folder", "video-without-sound"],
)
def test_bad_input_is_explained_by_file_name(tmp_path, make, words):
    """The error names the file and says what is wrong, without programmer jargon."""
    path = make(tmp_path)

    with pytest.raises(BadInputError) as caught:
        decode_audio(path)

    message = str(caught.value)
    assert path.name in message
    assert words in message
    for jargon in ("Errno", "Traceback", "av.error", "FFmpeg", "Invalid data"):
        assert jargon not in message


# --- 3. a recording cut short ---


def _cut(path: Path, folder: Path, fraction: float) -> Path:
    data = path.read_bytes()
    cut = folder / f"cut_{path.name}"
    cut.write_bytes(data[: int(len(data) * fraction)])
    return cut


@pytest.mark.parametrize("name", ["mp3", "wav", "flac", "ogg-opus", "m4a", "mp4-video"])
def test_cut_short_recording_keeps_the_start_or_says_it_is_damaged(recordings, speech, tmp_path, name):
    """A phone that ran out of space leaves a file that breaks off at ~60 %.

    Either the part before the break comes back, or a BadInputError explains;
    never a raw PyAV/FFmpeg exception. (MP4/M4A keep their index at the end,
    so a cut one cannot be read at all.)
    """
    cut = _cut(recordings[name], tmp_path, 0.6)

    try:
        decoded = decode_audio(cut)
    except BadInputError as error:
        assert cut.name in str(error)
        return
    assert 0 < len(decoded.samples) < 0.9 * len(speech)
    assert decoded.samples.dtype == np.float32


def test_cut_short_mp3_keeps_roughly_the_first_sixty_percent(recordings, speech, tmp_path):
    """MP3 is a stream of independent frames: the part before the cut should all be there."""
    decoded = decode_audio(_cut(recordings["mp3"], tmp_path, 0.6))

    assert decoded.duration == pytest.approx(0.6 * len(speech) / SAMPLE_RATE, rel=0.15)
    reference = as_float(speech[: len(decoded.samples)])
    assert aligned_correlation(decoded.samples, reference) > 0.9


def test_cut_short_mp3_says_so_in_warnings(recordings, tmp_path):
    """The header (LAME tag) says 7.6 s and only 4.5 s decode: the researcher should be told."""
    decoded = decode_audio(_cut(recordings["mp3"], tmp_path, 0.6))

    assert decoded.warnings


# --- 4. silence ---


def test_silence_decodes_to_zeros_of_the_right_length(tmp_path):
    """A recording where nobody spoke (muted mic) is still valid audio, not an error."""
    path = encode(tmp_path / "muted.wav", [np.zeros((1, 5 * SAMPLE_RATE), dtype=np.int16)], "pcm_s16le")

    decoded = decode_audio(path)

    assert len(decoded.samples) == 5 * SAMPLE_RATE
    assert not decoded.samples.any()
    assert decoded.warnings == []


# --- 5. memory on long recordings ---

MEASURE_PEAK = """
import resource, sys
import av  # noqa: F401  (its libraries count towards the baseline, not the decode)
from transcribe_app.core.asr.audio import decode_audio

def peak_rss():
    try:  # Linux: the peak of this process's own memory since exec
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere

before = peak_rss()
decoded = decode_audio(sys.argv[1])
print(len(decoded.samples), peak_rss() - before)
"""


def decode_in_fresh_process(path: Path) -> tuple[int, int]:
    """(samples decoded, growth of peak RSS in bytes) in an interpreter of its own.

    On Linux ``ru_maxrss`` survives fork and exec: the child would start with
    pytest's own peak (hundreds of MB after making the test files) and the
    growth would look far too small. ``VmHWM`` in /proc belongs to the new
    process image only, so it is used where it exists.
    """
    pytest.importorskip("resource")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_PEAK, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    samples, growth = result.stdout.split()
    return int(samples), int(growth)


def test_two_hour_recording_needs_about_one_copy_of_its_audio(two_hour_wav):
    """2 h x 16 kHz x 4 bytes = 460 MB; a laptop must not need several times that."""
    samples, growth = decode_in_fresh_process(two_hour_wav)

    assert samples == pytest.approx(7200 * SAMPLE_RATE, abs=SAMPLE_RATE)
    assert growth <= 1.3 * samples * 4, f"peak grew {growth / 1e6:.0f} MB for {samples * 4 / 1e6:.0f} MB"


def test_recording_shorter_than_its_header_needs_about_one_copy(tmp_path):
    """A 1-hour FLAC cut in half: STREAMINFO says 60 min, 30 min decode (115 MB)."""
    whole = encode(tmp_path / "whole.flac", quiet_minutes(60), codec="flac")
    cut = _cut(whole, tmp_path, 0.5)
    whole.unlink()

    samples, growth = decode_in_fresh_process(cut)

    assert 25 * 60 * SAMPLE_RATE < samples < 35 * 60 * SAMPLE_RATE
    assert growth <= 1.3 * samples * 4, f"peak grew {growth / 1e6:.0f} MB for {samples * 4 / 1e6:.0f} MB"


# --- 6. the hash that ties a transcript to its recording ---


def test_file_sha256_is_the_sha256_of_the_bytes(recordings):
    path = recordings["m4a"]

    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_file_sha256_of_a_file_larger_than_one_read_block(two_hour_wav):
    """The hash is read in 1 MiB blocks; the block boundaries must not change it."""
    digest = hashlib.sha256()
    with open(two_hour_wav, "rb") as handle:
        for block in iter(lambda: handle.read(3_000_017), b""):  # a size unrelated to 1 MiB
            digest.update(block)

    assert file_sha256(two_hour_wav) == digest.hexdigest()
