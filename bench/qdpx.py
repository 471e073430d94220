"""What a REFI-QDA project (``export … --format qdpx``) costs beyond copying its recordings into a zip.

A study of N copies of a stored interview, each with a recording of S megabytes (random bytes: the
packer copies a recording, it never decodes it), is exported as a plain ``.qdpx``; the baseline is
the bare work of the same zip — the same recordings stored, the project files deflated — written
with ``zipfile`` alone and flushed to disk (every export is). Prints the median of several runs of
each, their ratio, and the peak memory the export added (the recordings are streamed into the zip,
never held in memory).

    python bench/qdpx.py [--interviews 4] [--megabytes 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transcribe_app.core.exports.qdpx_export import QdpxRequest, export_qdpx, load_interviews  # noqa: E402

STORED = Path(__file__).resolve().parents[1] / "tests" / "data" / "projects" / "pseudonymised.transkript.json"


def make_study(folder: Path, interviews: int, megabytes: int) -> list[Path]:
    data = json.loads(STORED.read_text(encoding="utf-8"))
    paths = []
    for n in range(interviews):
        recording = folder / f"optagelse{n}.wav"
        with recording.open("wb") as handle:
            for _ in range(megabytes):
                handle.write(os.urandom(1024 * 1024))
        data["audio"] = {"path": recording.name, "sha256": f"{n:064x}", "duration": 87.08}
        data["metadata"]["appendix"] = n + 1
        path = folder / f"interview{n}.transkript.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def bare_zip(paths: list[Path], out: Path) -> None:
    """The same bytes zipped and flushed to disk (as every export is), without anything else."""
    with out.open("wb") as handle:
        with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
            for path in paths:
                text = path.read_bytes()
                archive.writestr(f"Sources/{path.stem}.txt", text, compress_type=zipfile.ZIP_DEFLATED)
                recording = path.with_name(json.loads(text)["audio"]["path"])
                archive.write(recording, f"Sources/{recording.name}", compress_type=zipfile.ZIP_STORED)
        handle.flush()
        os.fsync(handle.fileno())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=4)
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_study(folder, args.interviews, args.megabytes)
        export_times, bare_times = [], []
        for run in range(args.runs):
            start = time.perf_counter()
            bare_zip(paths, folder / f"bare{run}.zip")
            bare_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            export_qdpx(load_interviews(paths), QdpxRequest(folder / f"studie{run}.qdpx"))
            export_times.append(time.perf_counter() - start)
            (folder / f"bare{run}.zip").unlink()
            (folder / f"studie{run}.qdpx").unlink()
        tracemalloc.start()  # a run of its own: tracing every allocation slows the export down
        export_qdpx(load_interviews(paths), QdpxRequest(folder / "traced.qdpx"))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    export, bare = statistics.median(export_times), statistics.median(bare_times)
    total = args.interviews * args.megabytes
    print(f"{args.interviews} interviews, {total} MB of recordings, median of {args.runs} runs")
    print(f"  qdpx export     {export:6.2f} s")
    print(f"  bare zip        {bare:6.2f} s   (the same recordings and texts, zipfile alone)")
    print(f"  ratio           {export / bare:6.2f}")
    print(f"  peak Python memory during the export: {peak / 1024**2:.1f} MB")


if __name__ == "__main__":
    main()
