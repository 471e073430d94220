"""``--timing alignment`` (models without timestamp tokens), ``--batch-size``, and ``compare-models``.

One real faster-whisper base model serves every Whisper run here, on the shortest NST clip (4 s).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from tests.speech import nst_clips
from transcribe_app.cli import main
from transcribe_app.core.asr import TranscriptionOptions, compare, load_backend
from transcribe_app.core.asr.alignment_timing import sentence_segments
from transcribe_app.core.asr.compare import ModelTrial, compare_models, parse_excerpt, side_by_side
from transcribe_app.core.asr.models import resolve_model
from transcribe_app.core.errors import BadInputError, Cancelled
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.transcript import Segment, Word

SHORTEST = nst_clips()[0]  # 4.2 s, "tester en to tre fire fem seks syv otte"


def _segment(*words: tuple[str, float, float]) -> Segment:
    ws = [Word(text, start, end, 0.9) for text, start, end in words]
    return Segment(0, ws[0].start, ws[-1].end, "".join(w.text for w in ws), ws, window_start=0.0)


def test_an_aligned_window_is_cut_at_sentence_ends_and_pauses():
    window = _segment(
        (" Ja.", 0.0, 0.4), (" Det", 0.5, 0.7), (" var", 0.7, 0.9), (" godt", 2.2, 2.5), (" sagt", 2.5, 2.8)
    )
    pieces = sentence_segments(window)
    assert [p.text for p in pieces] == [" Ja.", " Det var", " godt sagt"]
    assert [(p.start, p.end) for p in pieces] == [(0.0, 0.4), (0.5, 0.9), (2.2, 2.8)]
    assert all(p.window_start == 0.0 for p in pieces)  # a resume still listens from the window's start
    untimed = Segment(0, None, None, " hej", [Word(" hej")])
    assert sentence_segments(untimed) == [untimed]


def test_options_are_checked_and_stored_only_when_chosen():
    assert "timing" not in TranscriptionOptions().to_dict()
    assert "batch_size" not in TranscriptionOptions().to_dict()
    chosen = TranscriptionOptions(timing="alignment", batch_size=8)
    assert TranscriptionOptions.from_dict(chosen.to_dict()) == chosen
    with pytest.raises(BadInputError, match="Unknown timing"):
        TranscriptionOptions(timing="words").check()
    with pytest.raises(BadInputError, match="batch size"):
        TranscriptionOptions(batch_size=0).check()


def test_what_openai_whisper_cannot_do_is_refused_before_anything_is_written(tmp_path, capsys):
    checkpoint = tmp_path / "model.pt"
    checkpoint.write_bytes(b"not loaded: the options are refused first")
    for extra, said in (
        (["--batch-size", "4"], "faster-whisper backend only"),
        (["--timing", "alignment"], "offered by the faster-whisper backend"),
    ):
        project = tmp_path / "p.transkript.json"
        code = main(
            ["transcribe", str(SHORTEST.path), "-o", str(project), "--backend", "whisper",
             "--model", str(checkpoint), *extra]
        )  # fmt: skip
        assert code == 2 and said in capsys.readouterr().err
        assert not project.exists()


def test_alignment_and_batches_give_timed_words_resume_and_cancel(tmp_path, faster_whisper_base):
    from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording

    options = TranscriptionOptions(
        model=faster_whisper_base, device="cpu", beam_size=1, temperature=(0.0,), timing="alignment"
    )
    path = tmp_path / "aligned.transkript.json"
    project = transcribe_recording(TranscriptionRequest(SHORTEST.path, path, options=options))
    words = [w for s in project.segments for w in s.words]
    assert len(words) >= 5
    assert all(0 <= w.start <= w.end <= SHORTEST.duration + 0.5 for w in words)
    assert all(s.start <= s.words[0].start and s.end >= s.words[-1].end for s in project.segments)
    assert [w.start for w in words] == sorted(w.start for w in words)
    stored = load_project(path)
    assert stored.transcription.options["timing"] == "alignment"  # a resume continues the same way
    assert [s.text for s in stored.recognised.segments] == [s.text for s in project.segments]

    # Batched, from 2 s on (what a resume asks): every word in the recording's time, after 2 s.
    batched = TranscriptionOptions(
        model=faster_whisper_base, device="cpu", beam_size=1, temperature=(0.0,), batch_size=2
    )
    backend, _ = load_backend("faster-whisper", resolve_model("faster-whisper", faster_whisper_base), batched)
    from transcribe_app.core.asr.audio import decode_audio

    samples = decode_audio(SHORTEST.path).samples
    late = [w for s in backend.transcribe(samples, batched, start_at=2.0) for w in s.words]
    assert late and all(2.0 <= w.start <= w.end <= SHORTEST.duration + 0.5 for w in late)

    cancel = threading.Event()
    cancel.set()
    stopped = tmp_path / "stopped.transkript.json"
    with pytest.raises(Cancelled):
        transcribe_recording(TranscriptionRequest(SHORTEST.path, stopped, options=batched), cancel=cancel)
    assert load_project(stopped).transcription.status == "cancelled"


def test_excerpts_are_read_in_seconds_or_minutes():
    assert parse_excerpt("60-180") == (60.0, 180.0)
    assert parse_excerpt("1:00-3:00.5") == (60.0, 180.5)
    assert parse_excerpt("0:01:00-0:02:00") == (60.0, 120.0)
    for wrong in ("180-60", "abc", "60"):
        with pytest.raises(BadInputError):
            parse_excerpt(wrong)


def test_the_differences_stand_side_by_side():
    rows = side_by_side("a b c d".split(), ["a x c d".split(), "a b c d e".split()])
    assert rows == [("b", "x", "b"), ("", "", "e")]
    assert side_by_side(["a"], [["a"]]) == []


def test_models_are_compared_on_time_memory_and_accuracy(tmp_path):
    said = {"good": "tester en to tre", "poor": "tester en to tre fire"}

    def trial(request):
        return ModelTrial(request.options.model, request.backend, "cpu", "int8", 0.5, 2.0, 4.0, 300.0,
                          said[request.options.model])  # fmt: skip

    comparison = compare_models(
        SHORTEST.path, ["good", "poor"], TranscriptionOptions(), backend_for=lambda m: "faster-whisper",
        excerpt=(0.0, 4.0), reference=("typed.txt", [("I", "Tester en to tre.")]), trial=trial,
    )  # fmt: skip
    assert [t.real_time_factor for t in comparison.trials] == [0.5, 0.5]
    assert comparison.accuracy[0].overall.wer == 0 and comparison.accuracy[1].overall.wer == 25.0
    assert comparison.columns == ["reference", "good", "poor"]
    assert comparison.rows == [("", "", "fire")]
    data = comparison.to_dict(words=False)
    assert "differences" not in data and data["models"][1]["accuracy"]["insertions"] == 1
    with pytest.raises(BadInputError, match="at least two"):
        compare_models(SHORTEST.path, ["good"], TranscriptionOptions(), backend_for=str, excerpt=(0, 4))


def test_compare_models_runs_real_models_on_an_excerpt(tmp_path, faster_whisper_base, monkeypatch, capsys):
    monkeypatch.setattr(compare, "run_trial_in_child", compare.run_trial)  # in this process: no start-up
    typed = tmp_path / "typed.txt"
    typed.write_text("I: tester en to tre fire fem seks syv otte\n", encoding="utf-8")
    args = ["compare-models", str(SHORTEST.path), "--models", faster_whisper_base, faster_whisper_base,
            "--device", "cpu", "--beam-size", "1", "--reference", str(typed)]  # fmt: skip
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first, second = data["models"]
    assert data["excerpt"] == [0.0, pytest.approx(SHORTEST.duration, abs=0.01)]  # cut to the recording
    assert first["real_time_factor"] > 0 and first["audio_seconds"] == pytest.approx(
        SHORTEST.duration, abs=0.01
    )
    assert first["accuracy"]["wer"] == second["accuracy"]["wer"] > 0  # same model, same decoding
    assert all(len(row) == 3 for row in data["differences"])
    assert main([*args, "--excerpt", "1-3"]) == 2  # an untimed reference cannot be cut
    assert "no times" in capsys.readouterr().err
    assert main([*args[:-2], "--excerpt", "99-120"]) == 2
    assert "after the end" in capsys.readouterr().err


def test_compare_models_finds_every_model_before_running_one(tmp_path, faster_whisper_base, capsys):
    missing = str(Path(tmp_path) / "nowhere")
    code = main(["compare-models", str(SHORTEST.path), "--models", faster_whisper_base, missing])
    assert code in (2, 3)
    assert "nowhere" in capsys.readouterr().err


def test_a_trial_process_that_dies_is_a_sentence_not_a_hang():
    import queue
    from types import SimpleNamespace

    from transcribe_app.core.errors import ModelNotAvailableError

    killed = SimpleNamespace(is_alive=lambda: False, exitcode=-9)
    with pytest.raises(ModelNotAvailableError, match="“large-v3” stopped without an answer.*-9"):
        compare._answer_of(killed, queue.Queue(), "large-v3", poll=0.01)
