"""Batch throughput: wall time of N recordings in one ``batch`` against N separate ``transcribe`` runs.

Each round copies ``--files`` NST clips into a fresh folder and times, as a researcher would
run them from a terminal (each a new process, the model loaded by each):

- ``single``: ``transcribe-app transcribe CLIP`` once per clip, one after the other (the baseline);
- ``batch --jobs 1`` and ``batch --jobs 2`` (and any ``--jobs`` given) over the folder.

Printed: the median wall time of ``--rounds`` rounds for each, and its ratio to the baseline of
the same rounds (below 1: the batch is faster). A batch runs every interview in its own child
process (``transcribe --progress-jsonl``, the window's protocol), so ``--jobs 1`` costs what the
single runs cost plus the batch's own start; ``--jobs 2`` overlaps two children (memory × 2).

    python bench/batch.py                          # 4 clips, 3 rounds, CPU, Whisper base
    python bench/batch.py --files 8 --device cuda --jobs 1 2 4

Real Whisper *base* weights (tests/model_files.py) unless ``--model``. No transcript text is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import model_files  # noqa: E402
from tests.speech import nst_clips  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4, help="recordings per round (NST clips; default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the median is printed (default 3)")
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="batch --jobs values (default 1 2)"
    )
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--model", help="model folder or name (default: the tests' Whisper base)")
    args = parser.parse_args()
    clips = nst_clips()[: args.files]
    if len(clips) < args.files:
        parser.error(f"there are only {len(clips)} clips")
    model = args.model or str(model_files.faster_whisper_base_dir())
    options = ["--model", model, "--device", args.device, "--language", "da"]
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    program = [sys.executable, "-m", "transcribe_app"]
    seconds = sum(c.duration for c in clips)
    print(f"{len(clips)} recordings, {seconds:.1f} s of speech; {args.rounds} rounds; device {args.device}")
    times: dict[str, list[float]] = {"single": [], **{f"batch --jobs {j}": [] for j in args.jobs}}
    names = list(times)
    for round_number in range(args.rounds):
        # Each round starts with another of them: a machine that gets busier or quieter meanwhile
        # (other work, a CPU's clock) weighs on each alike.
        for name in names[round_number % len(names) :] + names[: round_number % len(names)]:
            with tempfile.TemporaryDirectory() as folder:
                files = [Path(folder) / f"{i:02d} {c.path.name}" for i, c in enumerate(clips)]
                for clip, target in zip(clips, files, strict=True):
                    shutil.copyfile(clip.path, target)
                start = time.perf_counter()
                if name == "single":
                    for target in files:
                        _run([*program, "transcribe", str(target), *options], env)
                else:
                    jobs = name.rsplit(" ", 1)[1]
                    _run([*program, "batch", folder, "--jobs", jobs, *options], env)
                times[name].append(time.perf_counter() - start)
                done = sorted(Path(folder).glob("*.transkript.json"))
                if len(done) != len(files):
                    raise SystemExit(f"{name}: {len(done)} of {len(files)} projects written")
        print(f"  round {round_number + 1}: " + ", ".join(f"{n} {times[n][-1]:.1f} s" for n in names))
    baseline = statistics.median(times["single"])
    print(f"\n{'':24}{'median':>10}{'vs single':>12}{'s audio/s':>12}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:24}{median:9.1f}s{median / baseline:12.2f}{seconds / median:12.2f}")
    return 0


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}… failed ({done.returncode}): {done.stderr.strip()[-300:]}")


if __name__ == "__main__":
    sys.exit(main())
