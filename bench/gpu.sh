#!/usr/bin/env bash
# Batched against window-by-window decoding (bench/batched.py): on a GPU with large-v3 and turbo,
# else Whisper base on the CPU. Prints the real-time factor of each and the ratio.
#
#   bash bench/gpu.sh                  # models from models/faster-whisper-large-v3[-turbo]/ or
#                                      # $TRANSKRIPT_LARGE_FASTER / $TRANSKRIPT_TURBO_FASTER
#   bash bench/gpu.sh --repeats 5      # extra arguments go to bench/batched.py
# The full pipeline table (both backends, memory, WER): python bench/asr.py --device cuda ...
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)}"

if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
    echo "GPU: $(nvidia-smi -L | head -n 1)" >&2
    ran=0
    for model in "${TRANSKRIPT_LARGE_FASTER:-models/faster-whisper-large-v3}" \
                 "${TRANSKRIPT_TURBO_FASTER:-models/faster-whisper-large-v3-turbo}"; do
        if [ -f "$model/model.bin" ]; then
            "$PYTHON" bench/batched.py --model "$model" --device cuda --compute-type float16 --batch-size 16 "$@"
            ran=1
        else
            echo "Not here: $model (a CTranslate2 folder; transcribe-app models download, or set the variable)" >&2
        fi
    done
    [ "$ran" = 1 ] || { echo "No large model found; nothing measured on the GPU." >&2; exit 3; }
else
    echo "No NVIDIA GPU here: Whisper base on the CPU (int8) instead." >&2
    exec "$PYTHON" bench/batched.py --device cpu --batch-size 4 "$@"
fi
