"""Time and memory of `models download` and `models convert` on the tiny test checkpoint.

The tiny random Whisper checkpoint of the tests (``tests/hub_fixtures.py``: transformers, one layer
each way, about 7 MB) is served by the imitation hub on 127.0.0.1. Each step runs in a fresh
subprocess (so its peak RSS is its own), ``--repeats`` times, alternating with a bare baseline in
the same run:

- download: ``model_store.fetch_repository`` (file list, checksums, resumable parts, one rename)
  against bare ``urllib`` GETs of the same files into a folder (no checks);
- convert: ``convert.convert_to_ctranslate2`` (int8) against CTranslate2's own
  ``TransformersConverter`` on the same folder;
- convert for the whisper backend: ``convert.convert_to_openai_whisper`` (no baseline: there is no
  library converter in this direction).

Printed: the median seconds of the step itself (the imports before it are listed apart; a conversion's
step still includes transformers loading PyTorch and its Whisper classes lazily, as it does for a user)
and the median peak RSS (VmHWM), with the ratio to the baseline. A real model is hundreds of times
larger: these figures are the fixed costs, not a prediction for edda's 1.6 GB.

    python bench/model_download.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
REPOSITORY = "transkript-bench/whisper-tiny-random"


def child(task: str, source: str, work: str) -> None:
    started = time.perf_counter()
    work_dir = Path(work)
    if task == "download":
        from transcribe_app.core.asr.model_store import fetch_repository

        imported = time.perf_counter()
        fetch_repository(REPOSITORY, "transformers", work_dir / "model")
    elif task == "download-bare":
        import urllib.request

        from transcribe_app.core.asr.hub import list_files

        imported = time.perf_counter()
        endpoint = os.environ["HF_ENDPOINT"]
        (work_dir / "model").mkdir()
        for file in list_files(REPOSITORY):
            url = f"{endpoint}/{REPOSITORY}/resolve/main/{file.path}"
            with urllib.request.urlopen(url) as response:  # noqa: S310 - the bench's own server
                (work_dir / "model" / file.path).write_bytes(response.read())
    elif task == "convert":
        import transformers  # noqa: F401 - imported before the clock, as in the baseline
        from ctranslate2.converters import TransformersConverter  # noqa: F401

        from transcribe_app.core.asr.convert import convert_to_ctranslate2

        imported = time.perf_counter()
        convert_to_ctranslate2(Path(source), work_dir / "ct2", quantization="int8")
    elif task == "convert-bare":
        import transformers  # noqa: F401 - imported before the clock, as ours is
        from ctranslate2.converters import TransformersConverter

        imported = time.perf_counter()
        TransformersConverter(source).convert(str(work_dir / "ct2"), quantization="int8")
    elif task == "convert-whisper":
        import torch  # noqa: F401

        from transcribe_app.core.asr.convert import convert_to_openai_whisper

        imported = time.perf_counter()
        convert_to_openai_whisper(Path(source), work_dir / "model.pt")
    else:
        raise SystemExit(f"unknown task {task}")
    done = time.perf_counter()
    print(json.dumps({"import_s": imported - started, "step_s": done - imported, "peak_mb": _peak_mb()}))


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the parent's
    peak across fork and exec, so a child started by a big parent would report the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(task: str, source: Path, env: dict) -> dict:
    with tempfile.TemporaryDirectory() as work:
        env = {**env, "TRANSKRIPT_MODEL_DIR": str(Path(work) / "models")}
        out = subprocess.run(
            [sys.executable, __file__, "--child", task, str(source), work],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", nargs=3, metavar=("TASK", "SOURCE", "WORK"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from tests.hub_fixtures import ImitationHub, make_tiny_whisper

    with tempfile.TemporaryDirectory() as folder:
        source = make_tiny_whisper(Path(folder) / "tiny")
        size = sum(p.stat().st_size for p in source.iterdir())
        with ImitationHub({REPOSITORY: source}) as hub:
            env = {**os.environ, "HF_ENDPOINT": hub.endpoint, "NO_PROXY": "127.0.0.1"}
            pairs = (("download", "download-bare"), ("convert", "convert-bare"), ("convert-whisper", None))
            results: dict[str, list[dict]] = {}
            for _ in range(args.repeats):
                for ours, bare in pairs:
                    for task in filter(None, (ours, bare)):
                        results.setdefault(task, []).append(run(task, source, env))
    print(f"tiny checkpoint: {size / 1e6:.1f} MB; {args.repeats} runs each; medians")
    print(f"{'step':<18}{'seconds':>9}{'imports s':>11}{'peak MB':>9}{'× bare (s)':>12}{'× bare (MB)':>13}")
    for ours, bare in pairs:
        for task in filter(None, (ours, bare)):
            rows = results[task]
            step = statistics.median(r["step_s"] for r in rows)
            imports = statistics.median(r["import_s"] for r in rows)
            peak = statistics.median(r["peak_mb"] for r in rows)
            ratio_s = ratio_mb = ""
            if task == ours and bare:
                base = results[bare]
                ratio_s = f"{step / statistics.median(r['step_s'] for r in base):.2f}"
                ratio_mb = f"{peak / statistics.median(r['peak_mb'] for r in base):.2f}"
            print(f"{task:<18}{step:>9.2f}{imports:>11.2f}{peak:>9.0f}{ratio_s:>12}{ratio_mb:>13}")


if __name__ == "__main__":
    main()
