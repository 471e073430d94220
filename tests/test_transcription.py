"""Real Whisper on real Danish speech, through the project's pipeline.

Both backends run the real *base* weights (tests/model_files.py) on the NST
clips. The pipeline must transcribe exactly as well as the bare library call,
stream its segments, save as it goes, stop when asked and resume.
"""

from __future__ import annotations

import dataclasses
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.speech import LONGFORM, nst_clips, word_error_rate
from transcribe_app.core.asr import TranscriptionOptions
from transcribe_app.core.asr.audio import decode_audio
from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording
from transcribe_app.core.errors import BadInputError, Cancelled
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.record import CANCELLED, COMPLETE

pytestmark = pytest.mark.slow

# Fixed decoding (no temperature fallback) so that two runs decode the same way.
GREEDY_FALLBACK_OFF = (0.0,)
# openai-whisper runs ~7x slower than faster-whisper on CPU: compare it on the shorter clips.
CLIPS_PER_BACKEND = {"faster-whisper": 12, "whisper": 5}


@pytest.fixture(params=["faster-whisper", "whisper"])
def backend(request, faster_whisper_base, openai_whisper_base):
    model = faster_whisper_base if request.param == "faster-whisper" else openai_whisper_base
    return request.param, model


def options_for(model: str) -> TranscriptionOptions:
    return TranscriptionOptions(model=model, language="da", device="cpu", temperature=GREEDY_FALLBACK_OFF)


def pipeline(audio: Path, project: Path, backend: str, model: str, **kwargs):
    request = TranscriptionRequest(audio, project, options_for(model), backend=backend, **kwargs)
    return request


def bare_library_texts(backend: str, model: str, clips) -> list[str]:
    """What the library itself produces with the same audio, model and options."""
    if backend == "faster-whisper":
        from faster_whisper import WhisperModel

        library = WhisperModel(model, device="cpu", compute_type="int8")
        texts = []
        for clip in clips:
            segments, _ = library.transcribe(
                str(clip.path),
                language="da",
                beam_size=5,
                temperature=list(GREEDY_FALLBACK_OFF),
                word_timestamps=True,
            )
            texts.append(" ".join(s.text.strip() for s in segments))
        return texts
    import torch
    import whisper

    library = whisper.load_model(model, device="cpu")
    heads = torch.load(model, map_location="cpu", weights_only=True).get("alignment_heads_b85")
    if heads:
        library.set_alignment_heads(heads.encode())
    texts = []
    for clip in clips:
        # No ffmpeg here: give openai-whisper the audio as faster-whisper decodes it.
        from faster_whisper import decode_audio as library_decode

        result = whisper.transcribe(
            library,
            library_decode(str(clip.path)),
            verbose=None,
            language="da",
            beam_size=5,
            temperature=GREEDY_FALLBACK_OFF,
            word_timestamps=True,
            fp16=False,
        )
        texts.append(" ".join(s["text"].strip() for s in result["segments"]))
    return texts


def test_pipeline_matches_the_bare_library(backend, tmp_path):
    name, model = backend
    clips = nst_clips()[: CLIPS_PER_BACKEND[name]]
    ours = []
    for clip in clips:
        fractions: list[float] = []
        project = transcribe_recording(
            pipeline(clip.path, tmp_path / f"{clip.path.stem}.transkript.json", name, model),
            on_progress=lambda p, seen=fractions: seen.append(p.fraction),
        )
        assert project.transcription.status == COMPLETE
        assert fractions == sorted(fractions) and fractions[-1] == 1.0, "progress grows and reaches 100 %"
        assert_word_times_are_monotonic(project.segments)
        ours.append(" ".join(s.text.strip() for s in project.segments))
    references = [c.reference for c in clips]
    ours_wer = word_error_rate(references, ours)
    bare_wer = word_error_rate(references, bare_library_texts(name, model, clips))
    print(f"{name}: WER pipeline {ours_wer:.1f} %, bare {bare_wer:.1f} % on {len(clips)} clips")
    assert abs(ours_wer - bare_wer) <= 0.5
    assert ours_wer < 80  # real recognition, not noise: base gets ~45 % on these clips


def assert_word_times_are_monotonic(segments) -> None:
    previous_start = 0.0
    for segment in segments:
        assert segment.words, "word timestamps are always on"
        assert segment.start >= previous_start - 0.01
        previous_start = segment.start
        last = segment.start
        for word in segment.words:
            assert word.start <= word.end
            assert word.start >= last - 0.01, (segment.text, word)
            assert segment.start - 0.01 <= word.start and word.end <= segment.end + 0.01
            last = word.start


def test_cancel_keeps_a_valid_partial_project_and_resume_completes_it(backend, tmp_path):
    name, model = backend
    path = tmp_path / "long.transkript.json"
    # Greedy decoding: what is tested is the cancel and the resume, and openai-whisper's beam
    # search over two minutes of speech costs more than a minute of the suite's time on 2 cores.
    greedy = dataclasses.replace(options_for(model), beam_size=1)
    cancel = threading.Event()
    at_cancel = {}

    def stop_after_two(segment):
        if segment.id == 1:
            at_cancel["position"] = segment.end
            cancel.set()

    with pytest.raises(Cancelled, match="saved"):
        transcribe_recording(
            dataclasses.replace(pipeline(LONGFORM, path, name, model), options=greedy),
            on_segment=stop_after_two,
            cancel=cancel,
        )
    partial = load_project(path)
    duration = partial.audio.duration
    assert partial.transcription.status == CANCELLED
    assert len(partial.segments) >= 2
    # It stopped promptly: at most one more 30 s window was decoded after the request.
    assert partial.transcription.transcribed_until <= at_cancel["position"] + 30
    assert partial.transcription.transcribed_until < duration - 30

    resumed = transcribe_recording(pipeline(LONGFORM, path, name, model, resume=True))  # options as stored
    assert resumed.transcription.status == COMPLETE
    assert resumed.transcription.options["beam_size"] == 1
    assert resumed.segments[: len(partial.segments)] == partial.segments  # nothing redone or lost
    assert [s.id for s in resumed.segments] == list(range(len(resumed.segments)))
    assert resumed.segments[-1].end > duration - 15  # reached the last turn of the recording
    assert_word_times_are_monotonic(resumed.segments)
    assert load_project(path).to_dict() == resumed.to_dict()


def test_resume_refuses_another_recording(faster_whisper_base, tmp_path):
    path = tmp_path / "p.transkript.json"
    clip, other = nst_clips()[:2]
    cancel = threading.Event()
    with pytest.raises(Cancelled):
        transcribe_recording(
            pipeline(clip.path, path, "faster-whisper", faster_whisper_base),
            on_segment=lambda s: cancel.set(),
            cancel=cancel,
        )
    before = path.read_bytes()
    with pytest.raises(BadInputError, match="not the recording this project was made from"):
        transcribe_recording(pipeline(other.path, path, "faster-whisper", faster_whisper_base, resume=True))
    assert path.read_bytes() == before


def test_silence_gives_a_valid_empty_transcript(backend, tmp_path):
    name, model = backend
    audio = tmp_path / "silence.wav"
    with wave.open(str(audio), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(np.zeros(16_000 * 10, dtype=np.int16).tobytes())
    notices: list[str] = []
    request = TranscriptionRequest(
        audio, tmp_path / "s.transkript.json", TranscriptionOptions(model=model), name
    )
    project = transcribe_recording(request, on_notice=notices.append)
    assert any("silent" in n for n in notices)
    assert project.transcription.status == COMPLETE
    assert project.segments == []
    assert project.audio.duration == pytest.approx(10.0)


def test_truncated_recording_transcribes_what_is_there(faster_whisper_base, tmp_path):
    """A recording cut short (phone storage full) keeps the part before the cut."""
    import av

    full = tmp_path / "full.mp3"
    with av.open(str(nst_clips()[-1].path)) as source, av.open(str(full), "w") as target:
        stream = target.add_stream("libmp3lame", rate=16_000)
        for frame in source.decode(audio=0):
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size * 2 // 3])
    notices: list[str] = []
    project = transcribe_recording(
        pipeline(cut, tmp_path / "cut.transkript.json", "faster-whisper", faster_whisper_base),
        on_notice=notices.append,
    )
    assert project.transcription.status == COMPLETE
    assert 0 < project.audio.duration < decode_audio(full).duration
    assert project.segments, "the part before the cut is transcribed"


def test_cuda_that_cannot_load_falls_back_to_cpu_with_a_notice(backend):
    """This machine has no usable CUDA: asking for it must still transcribe, on the CPU, and say so."""
    from transcribe_app.core.asr import create_backend
    from transcribe_app.core.asr.models import resolve_model

    name, model = backend
    recogniser = create_backend(name)
    options = TranscriptionOptions(
        model=model, device="cuda", compute_type="float16" if name != "whisper" else None
    )
    loaded = recogniser.load(resolve_model(name, model), options)
    assert loaded.device == "cpu"
    assert any("CUDA" in notice and "CPU" in notice for notice in loaded.notices)
    assert loaded.compute_type in ("int8", "float32")
    clip = nst_clips()[0]
    words = [w for s in recogniser.transcribe(decode_audio(clip.path).samples, options) for w in s.words]
    assert words
