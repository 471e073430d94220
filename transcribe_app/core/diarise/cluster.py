"""Group voice embeddings into speakers: agglomerative clustering, count by silhouette.

- Windows are merged bottom-up by average cosine distance (average linkage is
  the usual choice for speaker embeddings: single linkage chains voices together,
  complete linkage splits one voice by its loudest outliers).
- A cluster heard for less than one encoder window (1.6 s) is not a speaker but
  a cough, a laugh or crosstalk: its windows join the nearest real speaker.
- One speaker or several? If even the last merge of the tree joins groups whose
  windows are on average no farther apart than ``ONE_VOICE_DISTANCE``, it is
  one voice. Measured on the NST read speech available here: one speaker's
  recordings end their tree at 0.24-0.30, two speakers' at 0.42-0.52 even
  when they take turns without a pause. The value sits nearer the one-voice
  side because splitting one voice in two costs the user one merge, while
  hearing two people as one costs them every label.
- How many? The count from 2 to ``max_speakers`` whose clustering has the
  highest mean silhouette (Rousseeuw, 1987): each window closer to its own
  speaker than to the next one. It needs no threshold.
- ...or more, when the eigengap says so. On band-limited or reverberant audio
  all voices move closer together and the silhouette prefers the coarsest split
  (men vs women: 2 of 4 speakers on every telephone and most reverberant dev
  mixes). The eigengap of a k-nearest-neighbour graph of the windows (Park et
  al. 2020, "auto-tuning spectral clustering", NME-SC) looks at how many groups
  the neighbourhoods form, not at how far apart they are, and holds up under the
  channel; it never sees a speaker with only a few seconds, which the silhouette
  does on clean audio. So the count is the larger of the two, and the tree is
  cut at that count. Measured on bench/diarise.py's conversation mixes (seeds
  100-104, count estimated): telephone DER 33.6 → 20.6 %, reverberant
  18.8 → 10.5 %, wide-band, Opus and the clean file unchanged. Spectral
  clustering's own labels (k-means on the eigenvectors) were worse than the
  tree's cut with the count given (wide-band 8.4 → 17.5 %), so only its count
  is used.
"""

from __future__ import annotations

import numpy as np

# The distance matrix is n x n: a two-hour recording has ~15 000 windows, so at most this
# many are clustered (a 2 000² float64 matrix is 32 MB); the rest join the nearest speaker.
MAX_CLUSTERED = 2000
MIN_SPEAKER_WINDOWS = 4  # 4 windows x 0.4 s step = 1.6 s, one encoder window of voice
ONE_VOICE_DISTANCE = 0.33  # mean cosine distance; see the module docstring


def cluster_speakers(
    embeddings: np.ndarray,
    *,
    speakers: int | None = None,
    max_speakers: int = 10,
) -> np.ndarray:
    """A speaker index (0..k-1) per row of ``embeddings`` (unit vectors)."""
    n = len(embeddings)
    if speakers == 1 or n < 2 * MIN_SPEAKER_WINDOWS:
        return np.zeros(n, dtype=int)
    min_size = MIN_SPEAKER_WINDOWS
    sample = np.arange(n)
    if n > MAX_CLUSTERED:
        # An even spread over time keeps every part of the recording (and every speaker) represented.
        sample = np.linspace(0, n - 1, MAX_CLUSTERED).round().astype(int)
        min_size = max(2, round(MIN_SPEAKER_WINDOWS * MAX_CLUSTERED / n))
    x = embeddings[sample].astype(np.float64)
    labels = _cluster(x, speakers, max_speakers, min_size)
    if n > MAX_CLUSTERED:
        return _nearest_centroid(embeddings, x, labels)
    return labels


def _cluster(x: np.ndarray, speakers: int | None, max_speakers: int, min_size: int) -> np.ndarray:
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import pdist, squareform

    condensed = np.clip(pdist(x, "cosine"), 0.0, 2.0)
    tree = linkage(condensed, "average")
    if speakers is not None:
        return _cut(tree, x, speakers, min_size)
    if tree[-1, 2] <= ONE_VOICE_DISTANCE:
        return np.zeros(len(x), dtype=int)  # even the two most different groups sound like one voice
    distances = squareform(condensed)
    best, best_score = np.zeros(len(x), dtype=int), -np.inf
    for k in range(2, min(max_speakers, len(x) // min_size) + 1):
        labels = _cut(tree, x, k, min_size)
        if labels.max() + 1 < k:
            break  # no more clusters large enough to be speakers
        score = silhouette(distances, labels)
        if score > best_score:
            best, best_score = labels, score
    more = eigengap_count(x, max_speakers)
    if more > best.max() + 1:  # the silhouette's coarse split under a narrow or echoing channel
        labels = _cut(tree, x, more, min_size)
        if labels.max() + 1 == more:
            return labels
    return best


EIGENGAP_WINDOWS = 600  # enough to see every group; eigh of 600² takes ~0.1 s
# Neighbourhood sizes tried, as shares of the windows (NME-SC searches them and keeps the best).
_NEIGHBOUR_SHARES = (0.02, 0.04, 0.06, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25)


def eigengap_count(x: np.ndarray, max_speakers: int) -> int:
    """The number of speakers the eigengap of the windows' neighbour graph suggests (NME-SC).

    For each neighbourhood size p: keep each window's p most similar windows as
    edges, symmetrise, and take the Laplacian's eigenvalues; the largest gap
    among the smallest ``max_speakers + 1`` of them gives the count, and the size
    whose gap is largest for its p (the ratio p / gap smallest) wins.
    """
    if len(x) > EIGENGAP_WINDOWS:
        x = x[np.linspace(0, len(x) - 1, EIGENGAP_WINDOWS).round().astype(int)]
    x = _unit(x.astype(np.float64))
    n = len(x)
    if n < 3:
        return 1
    similarity = x @ x.T
    order = np.argsort(-similarity, axis=1)
    best_ratio, best_count = np.inf, 1
    for share in _NEIGHBOUR_SHARES:
        p = min(n - 1, max(2, round(share * n)))
        graph = np.zeros_like(similarity)
        np.put_along_axis(graph, order[:, :p], 1.0, axis=1)
        graph = (graph + graph.T) / 2
        laplacian = np.diag(graph.sum(axis=1)) - graph
        values = np.linalg.eigvalsh(laplacian)
        gaps = np.diff(values[: max_speakers + 1])
        count = int(np.argmax(gaps)) + 1
        gap = gaps[count - 1] / max(values[-1], 1e-12)
        ratio = p / max(gap, 1e-12)
        if ratio < best_ratio:
            best_ratio, best_count = ratio, count
    return min(best_count, max_speakers)


def _cut(tree: np.ndarray, x: np.ndarray, k: int, min_size: int) -> np.ndarray:
    """k speakers from the tree: cut into as many clusters as it takes for k of them to be
    large enough, then give the small ones to the nearest large one."""
    from scipy.cluster.hierarchy import fcluster

    n = len(x)
    for m in range(k, n + 1):
        flat = fcluster(tree, m, "maxclust") - 1
        sizes = np.bincount(flat)
        large = np.flatnonzero(sizes >= min_size)
        if len(large) >= k:
            break
    if len(large) == 0:
        return np.zeros(n, dtype=int)  # nothing heard long enough to be told apart
    large = large[np.argsort(-sizes[large], kind="stable")][:k]
    centroids = _unit(np.stack([x[flat == j].mean(axis=0) for j in large]))
    labels = np.full(n, -1)
    for index, j in enumerate(large):
        labels[flat == j] = index
    small = labels < 0
    if small.any():
        labels[small] = (x[small] @ centroids.T).argmax(axis=1)
    return labels


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of a clustering, from a full distance matrix."""
    k = int(labels.max()) + 1
    onehot = np.eye(k)[labels]
    counts = onehot.sum(axis=0)
    sums = distances @ onehot  # each window's summed distance to each cluster
    own = sums[np.arange(len(labels)), labels] / np.maximum(counts[labels] - 1, 1)
    other = sums / counts
    other[np.arange(len(labels)), labels] = np.inf
    nearest = other.min(axis=1)
    values = (nearest - own) / np.maximum(np.maximum(own, nearest), 1e-12)
    values[counts[labels] <= 1] = 0.0  # Rousseeuw: a singleton's silhouette is 0
    return float(values.mean())


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def _nearest_centroid(embeddings: np.ndarray, sample: np.ndarray, labels: np.ndarray) -> np.ndarray:
    centroids = _unit(np.stack([sample[labels == j].mean(axis=0) for j in range(int(labels.max()) + 1)]))
    out = np.empty(len(embeddings), dtype=int)
    for start in range(0, len(embeddings), 4096):  # blocks: no large temporary for long files
        out[start : start + 4096] = (embeddings[start : start + 4096] @ centroids.T).argmax(axis=1)
    return out
