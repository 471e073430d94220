#!/usr/bin/env bash
# Run the ASR benchmark (bench/asr.py) on the GPU when there is one, else on the CPU.
#
# With an NVIDIA GPU (nvidia-smi lists one): --device cuda, faster-whisper in float16,
# and a large model where one is on this machine:
#   faster-whisper: $TRANSKRIPT_LARGE_FASTER, else models/faster-whisper-large-v3[-turbo]/
#   openai-whisper: $TRANSKRIPT_LARGE_WHISPER, else models/large-v3.pt or models/openai-whisper-large-v3.pt
# (otherwise the Whisper base test models). Results go to bench/results/asr-cuda.json.
# Without a GPU it runs the same benchmark on the CPU (base models, int8) and says so.
#
# Extra arguments go to bench/asr.py and win over the ones chosen here:
#   bash bench/gpu.sh --quick
#   TRANSKRIPT_LARGE_FASTER=/data/faster-whisper-large-v3 bash bench/gpu.sh --repeats 5
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
    if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

has_gpu() {
    command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q '^GPU '
}

first_existing() {  # the first argument that names an existing file or folder
    for candidate in "$@"; do
        if [ -n "$candidate" ] && [ -e "$candidate" ]; then echo "$candidate"; return; fi
    done
}

large_faster() {
    if [ -n "${TRANSKRIPT_LARGE_FASTER:-}" ]; then echo "$TRANSKRIPT_LARGE_FASTER"; return; fi
    first_existing models/faster-whisper-large-v3/model.bin models/faster-whisper-large-v3-turbo/model.bin \
        | sed 's#/model.bin$##'
}

large_whisper() {
    if [ -n "${TRANSKRIPT_LARGE_WHISPER:-}" ]; then echo "$TRANSKRIPT_LARGE_WHISPER"; return; fi
    first_existing models/large-v3.pt models/openai-whisper-large-v3.pt
}

if has_gpu; then
    args=(--device cuda --compute-type float16 --json bench/results/asr-cuda.json)
    faster="$(large_faster)"
    whisper="$(large_whisper)"
    if [ -n "$faster" ]; then args+=(--model-faster "$faster"); fi
    if [ -n "$whisper" ]; then args+=(--model-whisper "$whisper"); fi
    echo "GPU: $(nvidia-smi -L | head -n 1)" >&2
    echo "Models: faster-whisper ${faster:-base (test model)}; openai-whisper ${whisper:-base (test model)}" >&2
    echo "Note: peak RSS is host memory; GPU memory is not measured." >&2
else
    args=(--device cpu)
    echo "Note: no NVIDIA GPU here (nvidia-smi shows none); running the same benchmark on the CPU" \
        "(Whisper base, faster-whisper int8, openai-whisper float32)." >&2
fi

echo "+ $PYTHON bench/asr.py ${args[*]} $*" >&2
exec "$PYTHON" bench/asr.py "${args[@]}" "$@"
