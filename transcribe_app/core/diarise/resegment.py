"""Re-segmentation: a few rounds of centroid re-assignment along the timeline.

Clustering decides who is who from each window alone, in a tree whose early
merges are never undone. Re-segmentation then lets every window move to the
speaker whose average voice (centroid) it is nearest, but treats a change of
speaker as costly inside one stretch of speech and cheap across a pause, the
way turns go: a Viterbi path over the windows in time order, score = cosine
similarity to the speaker's centroid, minus ``SWITCH_COST`` for each change
inside a speech region (a quarter of it across a pause). Centroids are then
recomputed from the new labels, up to ``ROUNDS`` times (VBx does the same with
a probabilistic model and PLDA; this is its plain-cosine cousin).

Measured on bench/diarise.py's conversation mixes (seeds 100-104, count
given): wide-band DER 8.4 → 8.1 %, telephone 23.9 → 23.0 %, reverberant
10.0 → 9.3 %, Opus 8.8 → 8.9 %, the clean file 0 → 0 %. A small gain; a
larger switch cost (0.3) made every copy worse, and smoothing the embeddings
themselves over neighbouring windows (±1, ±2, ±4) blurred quick exchanges
and raised DER on every copy.
"""

from __future__ import annotations

import numpy as np

from .windows import Window

ROUNDS = 3
SWITCH_COST = 0.1  # in cosine similarity: a change must be that much better than staying
# Windows whose starts are closer than this belong to one speech region (the step is 0.4 s).
_SAME_REGION = 0.5


def resegment(embeddings: np.ndarray, windows: list[Window], labels: np.ndarray) -> np.ndarray:
    """Labels after up to ``ROUNDS`` rounds of centroid re-assignment along time (see the module)."""
    k = int(labels.max()) + 1 if len(labels) else 0
    if k < 2:
        return labels
    x = embeddings.astype(np.float64)
    starts = np.array([w.start for w in windows])
    cost = np.where(np.r_[True, np.diff(starts) < _SAME_REGION], SWITCH_COST, SWITCH_COST / 4)
    for _ in range(ROUNDS):
        centroids = np.stack([x[labels == j].mean(axis=0) for j in range(k)])
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        path = _viterbi(x @ centroids.T, cost)
        if np.array_equal(path, labels):
            break
        if len(np.unique(path)) < k:
            break  # a speaker would vanish: the count is the clustering's decision, not this step's
        labels = path
    return labels


def _viterbi(score: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """The best label sequence: sum of scores minus ``cost[i]`` for a change before window i."""
    n, k = score.shape
    back = np.zeros((n, k), dtype=np.int32)
    total = score[0].copy()
    stay = np.eye(k, dtype=bool)
    for i in range(1, n):
        options = total[:, None] - np.where(stay, 0.0, cost[i])  # from (row) to (column)
        back[i] = options.argmax(axis=0)
        total = options.max(axis=0) + score[i]
    path = np.empty(n, dtype=int)
    path[-1] = int(total.argmax())
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path
