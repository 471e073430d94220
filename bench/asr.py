"""Speech-recognition benchmark: the project's pipeline against the bare Whisper libraries.

What it measures, for each backend (faster-whisper, openai-whisper) and each corpus,
once through the pipeline (``transcribe_recording``: decode, load, stream, save the
project file) and once as the bare library call on the same model and audio:

- real-time factor (RTF): processing seconds / audio seconds;
- time to first segment: seconds from the start of the call (model load and audio
  decoding included, Python imports not) until the first segment is available. The
  bare openai-whisper call returns all its segments at once, so for it this is the
  time until ``whisper.transcribe`` returns;
- peak RSS (MB) of the process, and the word error rate (WER) where there is a
  reference.

Corpora:

- ``nst``: the 12 clips of ``nst_da`` that have a reference, one after another in one
  process. Both load the model once (the pipeline keeps the last loaded model for the
  next recording). RTF = total time / total audio; the first segment is the first
  clip's. WER is the corpus WER over the clips.
- ``long``: ``longform_4spk`` (FLAC or WAV) repeated 5 times, written as one 16 kHz wav
  (about 10.6 minutes). No WER.

Every configuration runs in a fresh subprocess (so peak RSS is its own), ``--repeats``
times, pipeline and bare alternating; the table shows medians. Decoding is fixed:
language da, beam 5, temperature 0 only, word timestamps on.

Run it from the repository root:

    python bench/asr.py                 # full run on CPU (about 2 hours on 2 cores)
    python bench/asr.py --quick         # smoke test: 1 repeat, nst only, first 3 clips
    python bench/asr.py --device cuda --compute-type float16 --model-faster large-v3

Results go to ``bench/results/asr.json`` (``asr-quick.json`` with ``--quick``; ``--json``
to choose): every run with its hypotheses and CPU seconds, the medians, and the verdict
on each target. On a machine shared with other work, wall times vary a lot from run to
run: compare pipeline and bare only within one invocation, and use enough repeats.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import wave
from importlib import metadata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LANGUAGE, BEAM_SIZE, TEMPERATURE = "da", 5, (0.0,)
SAMPLE_RATE = 16_000
LONG_SOURCES, LONG_TIMES = ("longform_4spk.flac", "longform_4spk.wav"), 5  # the project's copy is FLAC
QUICK_CLIPS = 3
RESULTS = REPO / "bench" / "results"
DATA_DIRS = (REPO / "tests" / "data" / "nst_da", REPO.parent / "shared" / "data" / "nst_da")
BACKENDS = ("faster-whisper", "whisper")
CORPORA = ("nst", "long")
MODES = ("pipeline", "bare")

MAX_RATIO, MAX_FASTER_INT8_RTF, MAX_FIRST_SEGMENT_S, MAX_FASTER_INT8_RSS_MB = 1.05, 0.25, 5.0, 600.0


# --------------------------------------------------------------------------- child process


class Clock:
    """Wall and CPU time since it was made, when the model was loaded and the first segment came."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.cpu_started = time.process_time()
        self.first_segment: float | None = None
        self.load: float | None = None

    def since_start(self) -> float:
        return time.perf_counter() - self.started

    def segment(self) -> None:
        if self.first_segment is None:
            self.first_segment = self.since_start()

    def loaded(self) -> None:
        self.load = self.since_start()


def decoding_options(spec: dict):
    from transcribe_app.core.asr import TranscriptionOptions

    compute_type = spec["compute_type"] if spec["backend"] == "faster-whisper" else None
    return TranscriptionOptions(
        model=spec["model"],
        language=LANGUAGE,
        device=spec["device"],
        compute_type=compute_type,
        beam_size=BEAM_SIZE,
        temperature=TEMPERATURE,
    )


PRELOAD = {
    "faster-whisper": ["faster_whisper", "transcribe_app.core.asr.faster_whisper_backend"],
    "whisper": ["torch", "whisper", "whisper.transcribe", "transcribe_app.core.asr.openai_whisper_backend"],
}


def import_libraries(spec: dict) -> None:
    """Import what the configuration needs before the clock starts (imports are not timed)."""
    modules = ["transcribe_app.core.asr.audio", "transcribe_app.core.asr.stage", *PRELOAD[spec["backend"]]]
    if spec["backend"] == "whisper" and spec["mode"] == "bare":
        modules.append("av")
    for module in modules:
        importlib.import_module(module)


def run_pipeline(spec: dict, clock: Clock) -> tuple[list[str], dict]:
    from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording

    options, texts = decoding_options(spec), []
    with tempfile.TemporaryDirectory(prefix="transkript-bench-") as tmp:
        for index, clip in enumerate(spec["clips"]):
            request = TranscriptionRequest(
                Path(clip),
                Path(tmp) / f"{index}.transkript.json",
                options,
                backend=spec["backend"],
                overwrite=True,
                save_interval=5.0,
            )
            project = transcribe_recording(request, on_segment=lambda _segment: clock.segment())
            texts.append(" ".join(segment.text for segment in project.segments))
    run = project.transcription
    return texts, {"device": run.device, "compute_type": run.compute_type, "library": run.library_version}


def bare_device(requested: str, backend: str) -> str:
    if requested != "auto":
        return requested
    if backend == "faster-whisper":
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def run_bare_faster_whisper(spec: dict, clock: Clock) -> tuple[list[str], dict]:
    import faster_whisper

    device = bare_device(spec["device"], "faster-whisper")
    compute_type = spec["compute_type"] or ("float16" if device == "cuda" else "int8")
    model = faster_whisper.WhisperModel(spec["model"], device=device, compute_type=compute_type)
    clock.loaded()
    texts = []
    for clip in spec["clips"]:
        segments, _info = model.transcribe(
            clip, language=LANGUAGE, beam_size=BEAM_SIZE, temperature=list(TEMPERATURE), word_timestamps=True
        )
        texts.append(" ".join(segment.text for segment in consume(segments, clock)))
    return texts, {"device": device, "compute_type": compute_type, "library": faster_whisper.__version__}


def consume(segments, clock: Clock) -> list:
    done = []
    for segment in segments:
        clock.segment()
        done.append(segment)
    return done


def load_whisper_model(path: str, device: str):
    """``whisper.load_model`` plus the checkpoint's own alignment heads (see docs/MODELS.md)."""
    import torch
    import whisper

    model = whisper.load_model(path, device=device)
    if Path(path).is_file():
        checkpoint = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
        if "alignment_heads_b85" in checkpoint:
            model.set_alignment_heads(checkpoint["alignment_heads_b85"].encode())
    return model


def decode_with_pyav(path: str) -> np.ndarray:
    """16 kHz mono float32, sample for sample what ``faster_whisper.decode_audio`` gives.

    Importing faster_whisper for it would load CTranslate2 (its memory, its threads) into
    the openai-whisper process and count them against the bare call.
    """
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks = []
    with av.open(path) as container:
        for frame in container.decode(audio=0):
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
    chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    return np.concatenate(chunks).astype(np.float32) / 32768.0


def run_bare_whisper(spec: dict, clock: Clock) -> tuple[list[str], dict]:
    import whisper

    from transcribe_app.core.asr.openai_whisper_backend import library_options

    device = bare_device(spec["device"], "whisper")
    model = load_whisper_model(spec["model"], device)
    clock.loaded()
    kwargs = library_options(decoding_options(spec), fp16=device == "cuda")
    texts = []
    for clip in spec["clips"]:
        audio = decode_with_pyav(clip)
        result = whisper.transcribe(model, audio, verbose=None, **kwargs)
        clock.segment()
        texts.append(" ".join(segment["text"] for segment in result["segments"]))
    precision = "float16" if device == "cuda" else "float32"
    return texts, {"device": device, "compute_type": precision, "library": whisper.__version__}


RUNNERS = {
    ("faster-whisper", "pipeline"): run_pipeline,
    ("whisper", "pipeline"): run_pipeline,
    ("faster-whisper", "bare"): run_bare_faster_whisper,
    ("whisper", "bare"): run_bare_whisper,
}


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def child_main(spec: dict) -> dict:
    """Run one configuration and return its measurements."""
    import_libraries(spec)
    clock = Clock()
    texts, loaded = RUNNERS[spec["backend"], spec["mode"]](spec, clock)
    elapsed = clock.since_start()
    return {
        "corpus": spec["corpus"],
        "backend": spec["backend"],
        "mode": spec["mode"],
        "repeat": spec["repeat"],
        "audio_s": spec["audio_s"],
        "elapsed_s": elapsed,
        "rtf": elapsed / spec["audio_s"],
        "first_segment_s": clock.first_segment,
        "model_load_s": clock.load,
        "cpu_s": time.process_time() - clock.cpu_started,
        "peak_rss_mb": peak_rss_mb(),
        "hypotheses": texts,
        **loaded,
    }


# --------------------------------------------------------------------------- data


def data_file(*names: str) -> Path:
    """The first of ``names`` in the project's copy of nst_da, else in the workplace's shared copy."""
    for folder in DATA_DIRS:
        for name in names:
            if (folder / name).is_file():
                return folder / name
    raise SystemExit(f"{' or '.join(names)} not found in any of: {', '.join(map(str, DATA_DIRS))}")


def referenced_clips(limit: int | None) -> list[dict]:
    manifest = data_file("manifest.tsv")
    with open(manifest, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    clips = [
        {"path": str(manifest.parent / row["file"]), "reference": row["reference_norm"]}
        for row in rows
        if row["reference_norm"].strip()
    ]
    return clips[:limit]


def audio_seconds(path: str | Path) -> float:
    if str(path).endswith(".wav"):
        with wave.open(str(path)) as handle:
            return handle.getnframes() / handle.getframerate()
    return len(decode_with_pyav(str(path))) / SAMPLE_RATE


def read_pcm16(path: Path) -> np.ndarray:
    """16 kHz mono int16 samples of ``path`` (a 16 kHz mono 16-bit wav as is, else via PyAV)."""
    if path.suffix == ".wav":
        with wave.open(str(path)) as handle:
            if (handle.getframerate(), handle.getnchannels(), handle.getsampwidth()) == (SAMPLE_RATE, 1, 2):
                return np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")
    return np.round(np.clip(decode_with_pyav(str(path)), -1.0, 1.0) * 32768).clip(-32768, 32767).astype("<i2")


def write_long_file(folder: Path) -> Path:
    """``longform_4spk`` played ``LONG_TIMES`` times in a row, as a 16 kHz mono wav."""
    target = folder / f"longform_4spk_x{LONG_TIMES}.wav"
    samples = np.tile(read_pcm16(data_file(*LONG_SOURCES)), LONG_TIMES)
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return target


def build_corpora(names: list[str], quick: bool, folder: Path) -> dict[str, dict]:
    corpora = {}
    if "nst" in names:
        clips = referenced_clips(QUICK_CLIPS if quick else None)
        corpora["nst"] = {
            "clips": [clip["path"] for clip in clips],
            "references": [clip["reference"] for clip in clips],
        }
    if "long" in names:
        corpora["long"] = {"clips": [str(write_long_file(folder))], "references": None}
    for corpus in corpora.values():
        corpus["audio_s"] = sum(audio_seconds(clip) for clip in corpus["clips"])
    return corpora


# --------------------------------------------------------------------------- scoring


def normalise(text: str) -> str:
    """Lower case; punctuation becomes space (letters incl. æøå and digits stay); one space."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def corpus_wer(hypotheses: list[str], references: list[str] | None) -> float | None:
    if not references:
        return None
    import jiwer

    refs = [normalise(text) for text in references]
    hyps = [normalise(text) for text in hypotheses]
    return 100.0 * jiwer.wer(refs, hyps)


# --------------------------------------------------------------------------- parent process


def run_child(spec: dict) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        return {**config_of(spec), "error": "\n".join(tail) or f"exit status {done.returncode}"}
    return json.loads(lines[-1])


def config_of(spec: dict) -> dict:
    return {key: spec[key] for key in ("corpus", "backend", "mode", "repeat")}


def specs(args, corpora: dict, models: dict) -> list[dict]:
    """Every run, repeat by repeat, pipeline and bare alternating (so drift hits both)."""
    return [
        {
            "corpus": name,
            "backend": backend,
            "mode": mode,
            "repeat": repeat,
            "clips": corpus["clips"],
            "audio_s": corpus["audio_s"],
            "model": models[backend],
            "device": args.device,
            "compute_type": args.compute_type,
        }
        for name, corpus in corpora.items()
        for backend in args.backends
        for repeat in range(1, args.repeats + 1)
        for mode in MODES
    ]


def run_all(all_specs: list[dict], corpora: dict) -> list[dict]:
    results = []
    for number, spec in enumerate(all_specs, 1):
        result = run_child(spec)
        if "error" not in result:
            result["wer_pct"] = corpus_wer(result["hypotheses"], corpora[spec["corpus"]]["references"])
        print(f"[{number}/{len(all_specs)}] {describe_run(result)}", file=sys.stderr, flush=True)
        results.append(result)
    return results


def describe_run(result: dict) -> str:
    label = f"{result['corpus']} {result['backend']} {result['mode']} #{result['repeat']}"
    if "error" in result:
        return f"{label}: FAILED\n{result['error']}"
    return (
        f"{label}: RTF {result['rtf']:.3f} ({result['elapsed_s']:.1f} s wall, {result['cpu_s']:.1f} s CPU), "
        f"first segment {result['first_segment_s'] or 0:.2f} s, "
        f"peak RSS {result['peak_rss_mb']:.0f} MB ({result['device']}, {result['compute_type']})"
    )


def median_of(runs: list[dict], key: str) -> float | None:
    values = [run[key] for run in runs if run.get(key) is not None]
    return statistics.median(values) if values else None


def summarise(results: list[dict]) -> list[dict]:
    rows = []
    keys = dict.fromkeys((r["corpus"], r["backend"], r["mode"]) for r in results)
    for corpus, backend, mode in keys:
        group = [r for r in results if (r["corpus"], r["backend"], r["mode"]) == (corpus, backend, mode)]
        ok = [r for r in group if "error" not in r]
        row = {"corpus": corpus, "backend": backend, "mode": mode}
        row.update(runs=len(ok), failed=len(group) - len(ok))
        for key in ("rtf", "first_segment_s", "peak_rss_mb", "wer_pct", "elapsed_s", "cpu_s", "model_load_s"):
            row[key] = median_of(ok, key)
        row["device"] = ok[0]["device"] if ok else None
        row["compute_type"] = ok[0]["compute_type"] if ok else None
        rows.append(row)
    add_ratios(rows)
    return rows


def add_ratios(rows: list[dict]) -> None:
    bare = {(r["corpus"], r["backend"]): r["rtf"] for r in rows if r["mode"] == "bare"}
    for row in rows:
        base = bare.get((row["corpus"], row["backend"]))
        ratio_ok = row["mode"] == "pipeline" and row["rtf"] is not None and base
        row["rtf_ratio"] = row["rtf"] / base if ratio_ok else None


def fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows: list[dict]) -> str:
    lines = [
        "| corpus | backend | mode | RTF | first segment s | peak RSS MB | WER % | RTF ratio pipeline/bare |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        backend = f"{r['backend']} ({r['compute_type']}, {r['device']})" if r["device"] else r["backend"]
        mode = r["mode"] + (f" ({r['failed']} failed)" if r["failed"] else "")
        lines.append(
            f"| {r['corpus']} | {backend} | {mode} | {fmt(r['rtf'], 3)} | {fmt(r['first_segment_s'], 2)} "
            f"| {fmt(r['peak_rss_mb'], 0)} | {fmt(r['wer_pct'], 1)} | {fmt(r['rtf_ratio'], 3)} |"
        )
    return "\n".join(lines)


def check_targets(rows: list[dict], backends: list[str]) -> list[dict]:
    """The verdict on each target, judged on the pipeline rows (what the app's users get)."""
    pipeline = [r for r in rows if r["mode"] == "pipeline"]
    faster = [r for r in pipeline if r["backend"] == "faster-whisper"]
    targets = []
    for r in pipeline:
        name = f"{r['corpus']} {r['backend']}"
        targets.append(target(f"pipeline RTF within 5 % of bare: {name}", r, "rtf_ratio", MAX_RATIO, 3))
    for r in faster:
        name = f"faster-whisper int8 RTF <= {MAX_FASTER_INT8_RTF}: {r['corpus']}"
        targets.append(target(name, r, "rtf", MAX_FASTER_INT8_RTF, 3, int8_only=True))
    for r in pipeline:
        name = f"first segment <= {MAX_FIRST_SEGMENT_S:g} s: {r['corpus']} {r['backend']}"
        targets.append(target(name, r, "first_segment_s", MAX_FIRST_SEGMENT_S, 2))
    if "faster-whisper" in backends:
        long_row = next((r for r in faster if r["corpus"] == "long"), {})
        name = f"faster-whisper int8 peak RSS <= {MAX_FASTER_INT8_RSS_MB:g} MB on 10 minutes (long)"
        targets.append(target(name, long_row, "peak_rss_mb", MAX_FASTER_INT8_RSS_MB, 0, int8_only=True))
    return targets


def target(name: str, row: dict, key: str, limit: float, digits: int, int8_only: bool = False) -> dict:
    value = row.get(key)
    if value is None:
        verdict = "not measured"
    elif int8_only and row["compute_type"] != "int8":
        verdict = f"not applicable (compute type {row['compute_type']}: {value:.{digits}f})"
    else:
        verdict = f"{'met' if value <= limit else 'NOT met'} ({value:.{digits}f})"
    return {"target": name, "verdict": verdict, "value": value, "limit": limit}


def resolve_models(args) -> dict[str, str]:
    """Model paths for each backend: given paths/names, else the test base models."""
    from tests import model_files
    from transcribe_app.core.asr.models import resolve_model

    defaults = {
        "faster-whisper": model_files.faster_whisper_base_dir,
        "whisper": model_files.openai_whisper_base_pt,
    }
    given = {"faster-whisper": args.model_faster, "whisper": args.model_whisper}
    models = {}
    for backend in args.backends:
        name = given[backend]
        path = resolve_model(backend, name).path if name else defaults[backend]()
        models[backend] = str(Path(path).resolve())  # the children see the same file
    return models


def library_versions() -> dict[str, str]:
    versions = {}
    for name in ("faster-whisper", "ctranslate2", "openai-whisper", "torch", "av", "jiwer"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def environment(args, models: dict, corpora: dict) -> dict:
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "host": platform.node(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "versions": library_versions(),
        "device": args.device,
        "compute_type": args.compute_type,
        "models": models,
        "repeats": args.repeats,
        "quick": args.quick,
        "decoding": {"language": LANGUAGE, "beam_size": BEAM_SIZE, "temperature": TEMPERATURE},
        "corpora": {name: {"files": len(c["clips"]), "audio_s": c["audio_s"]} for name, c in corpora.items()},
    }


def report(rows: list[dict], targets: list[dict], corpora: dict, meta: dict) -> None:
    audio = ", ".join(
        f"{name}: {len(c['clips'])} file(s), {c['audio_s']:.1f} s" for name, c in corpora.items()
    )
    print(
        f"\nAudio: {audio}. Medians of {meta['repeats']} run(s); device {meta['device']}; "
        f"load average {meta['load_average_at_start'][0]:.2f} at start, {os.getloadavg()[0]:.2f} at end.\n"
    )
    print(table(rows))
    print("\nTargets (judged on the pipeline rows):")
    for target in targets:
        print(f"- {target['target']}: {target['verdict']}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--backends", default="faster-whisper,whisper", help="comma-separated: faster-whisper,whisper")
    add("--corpora", default="nst,long", help="comma-separated: nst,long")
    add("--repeats", type=int, default=3, help="runs per configuration (the median is reported)")
    add("--device", default="cpu", choices=("cpu", "cuda", "auto"))
    add("--model-faster", help="faster-whisper model folder or name (default: the test base model)")
    add("--model-whisper", help="openai-whisper .pt file or name (default: the test base model)")
    add("--compute-type", help="faster-whisper compute type (default: int8 on CPU, float16 on CUDA)")
    add("--json", type=Path, help="results file (default: bench/results/asr.json; asr-quick.json if --quick)")
    add("--quick", action="store_true", help=f"smoke test: 1 repeat, nst only, first {QUICK_CLIPS} clips")
    add("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.backends = split_choices(parser, "--backends", args.backends, BACKENDS)
    args.corpora = ["nst"] if args.quick else split_choices(parser, "--corpora", args.corpora, CORPORA)
    args.repeats = 1 if args.quick else args.repeats
    args.json = args.json or RESULTS / ("asr-quick.json" if args.quick else "asr.json")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def split_choices(parser: argparse.ArgumentParser, option: str, text: str, allowed: tuple) -> list[str]:
    chosen = [item.strip() for item in text.split(",") if item.strip()]
    if not chosen or any(item not in allowed for item in chosen):
        parser.error(f"{option}: choose from {', '.join(allowed)} (got {text!r})")
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_entry(args.child)
    try:
        models = resolve_models(args)
    except Exception as exc:  # a model that is not there: say which, without a traceback
        raise SystemExit(f"bench/asr.py: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="transkript-bench-audio-") as tmp:
        corpora = build_corpora(args.corpora, args.quick, Path(tmp))
        meta = environment(args, models, corpora)
        results = run_all(specs(args, corpora, models), corpora)
    rows = summarise(results)
    targets = check_targets(rows, args.backends)
    report(rows, targets, corpora, meta)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"meta": meta, "summary": rows, "targets": targets, "runs": results}
    args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {args.json}")
    return 1 if any("error" in result for result in results) else 0


def child_entry(spec_json: str) -> int:
    try:
        print(json.dumps(child_main(json.loads(spec_json)), ensure_ascii=False), flush=True)
    except Exception:  # reported to the parent through stderr and the exit status
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
