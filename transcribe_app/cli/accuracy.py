"""``accuracy`` (how good Whisper was on this interview) and ``compare-models`` (models side by side)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.asr.base import TIMINGS
from ..core.asr.device import DEVICES
from ..core.asr.registry import BACKEND_NAMES, DEFAULT_BACKEND, OPENAI_WHISPER
from ..core.file_safety import check_files, reading
from .common import EXIT_BAD_INPUT, EXIT_OK, note, print_columns

_WORDS_NOTE = (
    "The substitutions are words of the interview, names included: they are for your vocabulary prompt, "
    "not for sharing (--no-words leaves them out)."
)


def add_commands(commands) -> None:
    _add_accuracy(commands)
    _add_compare(commands)


def _add_accuracy(commands) -> None:
    p = commands.add_parser(
        "accuracy",
        help="word and character error rates of Whisper's transcript against your corrections",
        description="Compare what Whisper wrote (kept in the project as it was decoded) with the "
        "transcript as you corrected it, or with a typed transcript of the same recording (--reference): "
        "word error rate (WER) and character error rate (CER), overall and per speaker, and the words "
        "Whisper wrote wrong most often — put them in the vocabulary prompt (--prompt) of your next "
        "transcription. Both texts are normalised first: lower case, no punctuation, pause marks and "
        "[notes] left out; numbers and æ, ø, å compared as written.",
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--reference",
        type=Path,
        metavar="TYPED.txt|.docx|PROJECT",
        help="a typed transcript of the same recording, or a corrected project, to compare with",
    )
    p.add_argument("--top", type=int, default=10, help="how many substitutions to list (default 10)")
    _add_output_options(p)
    p.set_defaults(handler=_accuracy)


def _add_output_options(p) -> None:
    p.add_argument("--json", action="store_true", help="print the figures as JSON, for scripts")
    p.add_argument("--no-words", action="store_true", help="figures only: leave out the interview's words")


def _accuracy(args: argparse.Namespace) -> int:
    from ..core.asr.accuracy import project_accuracy
    from ..core.project.file import load_project

    check_files([reading(args.project, "the project"), reading(args.reference, "the reference")], [])
    if args.top < 0:
        print("transcribe-app: --top must be 0 or more.", file=sys.stderr)
        return EXIT_BAD_INPUT
    project = load_project(args.project)
    report = project_accuracy(project, args.project, args.reference)
    report.substitutions = report.substitutions[: args.top]
    if args.json:
        print(json.dumps(report.to_dict(words=not args.no_words), ensure_ascii=False, indent=2))
        return EXIT_OK
    overall = report.overall
    if not overall.words:
        print(
            f"The reference ({report.reference}) has no words; there is nothing to measure.", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    print(f"{report.machine} against {report.reference}: {overall.words} words")
    print(f"WER {_percent(overall.wer)}")
    print(f"CER {_percent(overall.cer)}")
    print(
        f"Errors: {overall.substitutions} substituted, {overall.deletions} left out, "
        f"{overall.insertions} added"
    )
    if len(report.speakers) > 1:
        print("\nPer speaker:")
        print_columns(
            ("speaker", "words", "WER", "CER"),
            [
                (code, counts.words, _percent(counts.wer), _percent(counts.cer))
                for code, counts in report.speakers.items()
            ],
        )
    if report.substitutions and not args.no_words:
        print("\nMost frequent substitutions (said → Whisper wrote):")
        for s in report.substitutions:
            print(f"  {s.count:>3} × {s.reference} → {s.machine}")
        note(_WORDS_NOTE)
    print(f"\nNormalised: {report.normalisation}.")
    return EXIT_OK


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


# -- compare-models --------------------------------------------------------------------------------


def _add_compare(commands) -> None:
    p = commands.add_parser(
        "compare-models",
        help="run several models on the same excerpt: time, memory, accuracy, and where they differ",
        description="Each model transcribes the same excerpt of the recording, one after another, each in "
        "a process of its own: the time it took (and the real-time factor: seconds of work per second of "
        "audio), the peak memory of that process, and — when there is a reference (--reference, or the "
        "corrected project of this recording beside it) — its word and character error rates. Then the "
        "words where the models disagree, side by side. Models are names (base, large-v3) or paths; a "
        ".pt file runs on openai-whisper.",
    )
    p.add_argument("audio", type=Path, help="the recording")
    p.add_argument("--models", nargs="+", required=True, metavar="MODEL", help="two or more models")
    p.add_argument(
        "--excerpt",
        default="0-120",
        help="the stretch to transcribe, START-END (60-180, 1:00-3:00; default 0-120)",
    )
    p.add_argument(
        "--reference",
        type=Path,
        metavar="TYPED.txt|.docx|PROJECT",
        help="a typed transcript or a corrected project (default: AUDIO.transkript.json when corrected)",
    )
    p.add_argument("--backend", choices=BACKEND_NAMES, default=DEFAULT_BACKEND)
    p.add_argument("--language", default="da")
    p.add_argument("--device", choices=DEVICES, default="auto")
    p.add_argument("--compute-type")
    p.add_argument("--beam-size", type=int, default=5)
    p.add_argument("--timing", choices=TIMINGS, default="tokens")
    p.add_argument("--diff-lines", type=int, default=60, help="at most this many rows of differences")
    _add_output_options(p)
    p.set_defaults(handler=_compare)


def _compare(args: argparse.Namespace) -> int:
    from ..core.asr import TranscriptionOptions, compare
    from ..core.asr.compare import compare_models, parse_excerpt
    from ..core.asr.models import resolve_model
    from ..core.errors import BadInputError

    check_files([reading(args.audio, "the recording"), reading(args.reference, "the reference")], [])
    if len(args.models) < 2:
        raise BadInputError("Name at least two models to compare, e.g. --models base large-v3.")
    excerpt = parse_excerpt(args.excerpt)
    options = TranscriptionOptions(
        model=args.models[0],
        language=None if args.language == "auto" else args.language,
        device=args.device,
        compute_type=args.compute_type,
        beam_size=args.beam_size,
        temperature=(0.0,),  # one decoding per window: the models are compared, not their luck
        timing=args.timing,
    ).check()

    def backend_for(model: str) -> str:
        return OPENAI_WHISPER if model.lower().endswith(".pt") else args.backend

    for model in args.models:  # every model is found before the first one runs
        resolve_model(backend_for(model), model)
    excerpt, duration = _within_recording(args.audio, excerpt)
    whole = excerpt[0] == 0 and excerpt[1] >= round(duration, 3)
    reference = _reference(args, None if whole else excerpt)  # an untimed reference serves the whole only
    if not args.json:
        print(
            f"Transcribing {excerpt[0]:g}–{excerpt[1]:g} s of {args.audio.name} with each model…",
            file=sys.stderr,
        )

    def progress(trial) -> None:
        if not args.json:
            print(f"  {trial.model}: {trial.seconds:.1f} s", file=sys.stderr)

    comparison = compare_models(
        args.audio, args.models, options, backend_for=backend_for, excerpt=excerpt,
        reference=reference, on_trial=progress, trial=compare.run_trial_in_child,
    )  # fmt: skip
    if args.json:
        print(json.dumps(comparison.to_dict(words=not args.no_words), ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_comparison(comparison, args)
    return EXIT_OK


def _within_recording(audio: Path, excerpt: tuple[float, float]) -> tuple[tuple[float, float], float]:
    """``excerpt`` cut to the recording's length (a sentence if it starts after the end); the length."""
    from ..core.asr.audio import decode_audio
    from ..core.errors import BadInputError

    duration = decode_audio(audio).duration
    if excerpt[0] >= duration:
        raise BadInputError(
            f"The excerpt starts at {excerpt[0]:g} s, after the end of “{audio.name}” "
            f"({duration:.0f} s long)."
        )
    return (excerpt[0], min(excerpt[1], round(duration, 3))), duration


def _reference(args: argparse.Namespace, excerpt: tuple[float, float] | None):
    from ..core.asr.accuracy import corrected_stretches, reference_stretches
    from ..core.project.file import load_project
    from ..core.project.record import default_project_path

    if args.reference is not None:
        return args.reference.name, reference_stretches(args.reference, excerpt)
    beside = default_project_path(args.audio)
    if beside.is_file():
        project = load_project(beside)
        if project.edits:
            return f"the corrected {beside.name}", corrected_stretches(project, excerpt)
    return None


def _print_comparison(comparison, args: argparse.Namespace) -> None:
    start, end = comparison.excerpt
    print(f"{Path(comparison.audio).name}, {start:g}–{end:g} s; reference: {comparison.reference or 'none'}")
    rows = []
    labels = comparison.columns[-len(comparison.trials) :]  # the models' short names
    for index, t in enumerate(comparison.trials):
        accuracy = comparison.accuracy.get(index)
        wer, cer = (accuracy.overall.wer, accuracy.overall.cer) if accuracy else (None, None)
        rows.append((
            labels[index], t.backend, f"{t.device} {t.compute_type}".strip(), f"{t.load_seconds:.1f}",
            f"{t.seconds:.1f}", "–" if t.real_time_factor is None else f"{t.real_time_factor:.2f}",
            "–" if t.peak_memory_mb is None else f"{t.peak_memory_mb:.0f}",
            _percent(wer), _percent(cer),
        ))  # fmt: skip
    print_columns(("model", "backend", "device", "load s", "time s", "RTF", "peak MB", "WER", "CER"), rows)
    if args.no_words:
        return
    if not comparison.rows:
        print("\nThe models wrote the same words.")
        return
    print(f"\nWhere they differ ({len(comparison.rows)} rows; normalised words; · where a text has no word):")
    shown = comparison.rows[: max(0, args.diff_lines)]
    print_columns(comparison.columns, [tuple(cell or "·" for cell in row) for row in shown])
    if len(comparison.rows) > len(shown):
        print(f"… and {len(comparison.rows) - len(shown)} more rows (--diff-lines).")
    note("These are words of the interview, names included: for you, not for sharing (--no-words).")
