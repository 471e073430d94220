"""The pseudonymised recording (issue 18 §3): is the name gone, is the rest still heard, what it costs.

On the NST clip with a name in it (``tests/audio_cover_clip.py``: "… tak for kaffe til Pers kone …",
"Pers" on 2.82–3.06 s) it exports the covered recording with a tone, with silence, and with a tone
and the voice disguise (+4 semitones), transcribes the original and each copy with Whisper base
(faster-whisper int8, beam 5) and prints for each: whether base still hears the name, and the WER
of the rest (the reference without the name) — the covered word excluded, so the figure says
whether covering harmed the words around it.

An identifier, by the export profile: on ``danspeech_u0042008.wav`` ("… dernede på hjørnet over for
kirken") the words and times Whisper base hears make the project (its "kjerken" corrected to "kirken", as a
researcher corrects the transcript), "kirken" is added as a small place
the lists missed (``pseudonymise --add-indirect place=kirken``), and the recording is exported with
the appendix profile (the place kept: nothing covered) and the archive profile (every identifier
generalised: the place covered); each copy is transcribed again: is "kirken" still heard, and the WER
of the rest against the clip's reference.

Cost: the sound's part of the export (decode, cover, encode to FLAC) of the 127 s four-speaker
recording with 20 names covered, against a bare copy through the same PyAV pipeline with nothing
covered, median of ``--runs``; the
pseudonymisation (Presidio) is timed on its own. Timings are reported, never asserted.

    python bench/pseudonymised_recording.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.audio_cover_clip import REFERENCE, clip_project  # noqa: E402
from tests.model_files import faster_whisper_base_dir  # noqa: E402

LONG = REPO / "tests" / "data" / "nst_da" / "longform_4spk.flac"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from faster_whisper import WhisperModel

    from transcribe_app.core.asr.accuracy import normalised_words
    from transcribe_app.core.asr.word_alignment import distance
    from transcribe_app.core.exports.audio import AudioRequest, audio_format, export_audio
    from transcribe_app.core.exports.audio_signal import write_covered
    from transcribe_app.core.exports.audio_spans import CoveredSpan
    from transcribe_app.core.project.file import load_project

    model = WhisperModel(str(faster_whisper_base_dir()), device="cpu", compute_type="int8", cpu_threads=2)
    rest = [w for w in REFERENCE.split() if w != "pers"]
    with tempfile.TemporaryDirectory(prefix="transkript-recording-") as tmp:
        folder = Path(tmp)
        path = clip_project(folder)
        copies = {"original": folder / "interview.wav"}
        spans = []
        for name, request in (
            ("tone", AudioRequest(folder / "tone.flac", folder / "k1.json")),
            ("silence", AudioRequest(folder / "silence.flac", folder / "k2.json", cover="silence")),
            (
                "tone + voice +4 st",
                AudioRequest(folder / "disguised.flac", folder / "k3.json", disguise_semitones=4),
            ),
        ):
            began = time.perf_counter()
            outcome = export_audio(load_project(path), path, request)
            print(
                f"export ({name}): {time.perf_counter() - began:.2f} s (the first includes loading Presidio)"
            )
            copies[name], spans = request.output, outcome.spans
        print("covered: " + ", ".join(f"{s.start:.2f}–{s.end:.2f} s as {s.replacement}" for s in spans))
        print(f"\n{'recording':<20} {'name heard':<11} WER of the rest ({len(rest)} words)")
        for name, audio in copies.items():
            segments, _ = model.transcribe(str(audio), language="da", beam_size=5)
            heard = normalised_words(" ".join(s.text for s in segments))
            named = bool({"per", "pers", "per's"} & set(heard))
            print(f"{name:<20} {'yes' if named else 'no':<11} {distance(rest, heard) / len(rest):.2f}")
        identifier_part(model, folder / "identifier")
        # The cost, on the 127 s four-speaker recording with a name every 6 s (20 stretches of 0.4 s).
        recording, fmt = LONG, audio_format(folder / "x.flac")
        names = [CoveredSpan(6.0 * i + 1, 6.0 * i + 1.4, "PH") for i in range(20)]
        bare, covered = [], []
        for _ in range(args.runs):
            for times, cover_spans in ((bare, []), (covered, names)):
                began = time.perf_counter()
                write_covered(recording, folder / "timed.flac", fmt, cover_spans)
                times.append(time.perf_counter() - began)
        b, c = statistics.median(bare), statistics.median(covered)
        print(f"\nsound of {LONG.name} to FLAC, median of {args.runs}: covered {c * 1000:.1f} ms, "
              f"bare copy {b * 1000:.1f} ms, ratio {c / b:.2f}")  # fmt: skip
    return 0


IDENTIFIER_CLIP = REPO / "tests" / "data" / "nst_da" / "wav" / "danspeech_u0042008.wav"
IDENTIFIER = "kirken"
HEARD_AS = {"kirken", "kjerken", "kirke"}  # what base writes for the word
IDENTIFIER_REFERENCE = "hvad synes du om den nye bank der åbnede i går dernede på hjørnet over for kirken"


def identifier_part(model, folder: Path) -> None:
    """The place "kirken" covered by the archive profile and kept by the appendix profile."""
    import shutil

    from transcribe_app.cli import main as cli
    from transcribe_app.core.asr.accuracy import normalised_words
    from transcribe_app.core.asr.word_alignment import distance
    from transcribe_app.core.exports.audio import AudioRequest, export_audio
    from transcribe_app.core.project.file import load_project, save_project
    from transcribe_app.core.project.record import Project
    from transcribe_app.core.project.transcript import Segment, Word

    folder.mkdir()
    recording = folder / "interview.wav"
    shutil.copyfile(IDENTIFIER_CLIP, recording)
    segments, _ = model.transcribe(str(recording), language="da", beam_size=5, word_timestamps=True)
    words = [Word(w.word, w.start, w.end, w.probability) for s in segments for w in s.words]
    for word in words:  # the researcher's correction of what base wrote for the place
        if normalised_words(word.text) and normalised_words(word.text)[0] in HEARD_AS:
            word.text = " " + IDENTIFIER
    heard = normalised_words("".join(w.text for w in words))
    if IDENTIFIER not in heard:
        print(f"\nidentifier: base did not hear “{IDENTIFIER}” in the clip; part skipped")
        return
    path = folder / "interview.transkript.json"
    project = Project(source="audio")
    project.set_audio_file(recording, path)
    project.segments = [Segment(0, words[0].start, words[-1].end, "".join(w.text for w in words), words)]
    save_project(project, path)
    assert cli(["pseudonymise", str(path), "--add-indirect", f"place={IDENTIFIER}"]) == 0
    rest = [w for w in IDENTIFIER_REFERENCE.split() if w != IDENTIFIER]  # the clip's NST reference
    heading = f"{'identifier copy':<20} {'covered':<14} {IDENTIFIER + ' heard':<13}"
    print(f"\n{heading} WER of the rest ({len(rest)} words)")
    for profile in ("appendix", "archive"):
        request = AudioRequest(folder / f"{profile}.flac", folder / f"{profile}.key.json", profile=profile)
        outcome = export_audio(load_project(path), path, request)
        spans = ", ".join(f"{s.start:.2f}–{s.end:.2f}" for s in outcome.spans) or "nothing"
        again, _ = model.transcribe(str(request.output), language="da", beam_size=5)
        words_again = normalised_words(" ".join(s.text for s in again))
        print(
            f"{profile:<20} {spans:<14} {'yes' if HEARD_AS & set(words_again) else 'no':<13} "
            f"{distance(rest, words_again) / len(rest):.2f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
