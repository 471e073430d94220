"""Could Whisper's own encoder be a second voice model for telephone audio? Measured, not used.

The voice encoder (Resemblyzer's, ``core/diarise/encoder.py``) tells the two male
NST speakers apart mostly by what a phone line removes. The Whisper model the app
ships has an encoder trained on far more audio, telephone included; its last
layer (all ctranslate2 gives) is pooled here per 1.5 s window of one speaker
(mean, and mean with standard deviation) and compared with the voice encoder on
the same windows of the conversation dev set (``bench/conversation_mix.py``):

- the closest pair of speakers' centroids (cosine distance) against the speakers'
  own spread;
- how often a window is nearest its own speaker's centroid;
- the share of windows right after clustering into the true count (average
  linkage, the best mapping of clusters to speakers);

for each voice model alone and for both joined. Windows in overlap are left out.

    python bench/whisper_voices.py                # seeds 0 and 1
    python bench/whisper_voices.py --seeds 0 1 2
"""

from __future__ import annotations

import argparse
import sys
from itertools import permutations
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

SR = 16_000
WINDOW_S, HOP_S = 1.5, 0.75
FRAME_S = 0.02  # one Whisper encoder frame


def whisper_frames(model, extractor, audio: np.ndarray) -> np.ndarray:
    """The encoder's last layer (frames of 20 ms, 512 values) over the whole recording, 30 s at a time."""
    import ctranslate2

    out = []
    for start in range(0, len(audio), 30 * SR):
        piece = audio[start : start + 30 * SR]
        features = extractor(piece)
        padded = np.zeros((features.shape[0], 3000), np.float32)
        padded[:, : min(3000, features.shape[1])] = features[:, :3000]
        encoded = np.array(model.encode(ctranslate2.StorageView.from_array(padded[None]), to_cpu=True))[0]
        out.append(encoded[: int(np.ceil(len(piece) / SR / FRAME_S))])
    return np.concatenate(out)


def one_speaker_windows(turns, seconds: float) -> list[tuple[float, str]]:
    """(start, speaker) of the windows inside one speaker's turn and nobody else's."""
    found, t = [], 0.0
    while t + WINDOW_S <= seconds:
        heard = {x.speaker for x in turns if x.start < t + WINDOW_S and x.end > t}
        inside = [x for x in turns if x.start <= t and x.end >= t + WINDOW_S]
        if len(heard) == 1 and inside:
            found.append((t, inside[0].speaker))
        t += HOP_S
    return found


def unit(rows: np.ndarray) -> np.ndarray:
    rows = rows - rows.mean(0)
    return rows / (np.linalg.norm(rows, axis=1, keepdims=True) + 1e-9)


def separation(embeddings: np.ndarray, labels: list[str]) -> tuple[float, float, float, float]:
    """Closest centroid pair, mean own spread, nearest-centroid share, clustering share."""
    from scipy.cluster.hierarchy import fcluster, linkage

    points, labels_a = unit(embeddings.astype(np.float64)), np.array(labels)
    speakers = sorted(set(labels))
    centroids = np.stack([points[labels_a == s].mean(0) for s in speakers])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    own = [np.mean(1 - points[labels_a == s] @ c) for s, c in zip(speakers, centroids, strict=True)]
    spread = float(np.mean(own))
    pairs = [(i, j) for i in range(len(speakers)) for j in range(i + 1, len(speakers))]
    closest = min(float(1 - centroids[i] @ centroids[j]) for i, j in pairs)
    nearest = float(np.mean(np.array(speakers)[(points @ centroids.T).argmax(1)] == labels_a))
    clusters = fcluster(linkage(points, "average", metric="cosine"), len(speakers), "maxclust")
    ids = sorted(set(clusters))
    clustered = 0.0
    for order in permutations(speakers, len(ids)):
        named = dict(zip(ids, order, strict=True))
        right = [named[c] == s for c, s in zip(clusters, labels, strict=True)]
        clustered = max(clustered, float(np.mean(right)))
    return closest, spread, nearest, clustered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = parser.parse_args()

    import conversation_mix as cm
    import ctranslate2
    from faster_whisper.feature_extractor import FeatureExtractor

    from tests import model_files
    from transcribe_app.core.diarise.encoder import load_encoder

    voices = load_encoder()
    model_dir = model_files.faster_whisper_base_dir()
    whisper = ctranslate2.models.Whisper(str(model_dir), device="cpu", compute_type="int8")
    extractor = FeatureExtractor(feature_size=80)
    clips = cm.load_clips()
    header = ("seed", "copy", "voice model", "closest", "spread", "nearest", "clustered")
    print("{:>4} {:10} {:22} {:>8} {:>7} {:>8} {:>9}".format(*header))
    for seed in args.seeds:
        mix = cm.arrange(cm.MixSettings(seed=seed), clips)
        for copy in ("wideband", "telephone"):
            audio = mix.audio[copy].astype(np.float32)
            windows = one_speaker_windows(mix.turns, len(audio) / SR)
            labels = [speaker for _, speaker in windows]
            cut = np.stack([audio[round(a * SR) : round(a * SR) + round(WINDOW_S * SR)] for a, _ in windows])
            encoder = voices.embed(cut)
            frames = whisper_frames(whisper, extractor, audio)
            spans = [frames[round(a / FRAME_S) : round((a + WINDOW_S) / FRAME_S)] for a, _ in windows]
            mean = np.stack([s.mean(0) for s in spans])
            mean_std = np.concatenate([mean, np.stack([s.std(0) for s in spans])], 1)
            joined = np.concatenate([unit(encoder), 0.5 * unit(mean)], 1)
            for name, embeddings in (
                ("voice encoder", encoder),
                ("whisper, mean", mean),
                ("whisper, mean + std", mean_std),
                ("both joined", joined),
            ):
                closest, spread, nearest, clustered = separation(embeddings, labels)
                figures = f"{closest:8.3f} {spread:7.3f} {nearest:8.3f} {clustered:9.3f}"
                print(f"{seed:>4} {copy:10} {name:22} {figures}")


if __name__ == "__main__":
    main()
