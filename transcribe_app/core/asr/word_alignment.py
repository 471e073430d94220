"""The edit alignment of two word (or character) sequences: what word error rate counts.

``align(reference, hypothesis)`` gives the operations of a minimal edit script — equal,
substitute, delete (a reference word the machine left out), insert (a word it added) — and
``distance`` only their number. Both are the Levenshtein distance that jiwer and every WER table
use; the tests check the figures against jiwer.

An hour of interview is some 10,000 words a side: a full table would be 10⁸ cells. Longer inputs
are therefore cut first at stretches both sides share (``difflib``'s matching blocks, the same words
in the same order), and only the stretches between them are aligned exactly. That is the minimal
script whenever the shared stretches are part of one (for transcripts that largely agree, nearly
always); it can count a few edits more, never fewer, where they are not. A stretch that still
cannot be aligned exactly in reasonable memory is paired word by word (also never fewer edits).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

EQUAL, SUBSTITUTE, DELETE, INSERT = "equal", "substitute", "delete", "insert"
# Cells of one exact table (int32): 4·10⁶ is 16 MB and well under a second with NumPy rows.
MAX_CELLS = 4_000_000


@dataclass(frozen=True)
class Step:
    """One operation: ``ref``/``hyp`` index the two sequences (None where a side has no item)."""

    op: str
    ref: int | None
    hyp: int | None


def align(reference: Sequence, hypothesis: Sequence) -> list[Step]:
    """A minimal edit script from ``reference`` to ``hypothesis`` (see the module's note on long inputs)."""
    steps: list[Step] = []
    _align_into(steps, reference, hypothesis, 0, 0, anchored=len(reference) * len(hypothesis) > MAX_CELLS)
    return steps


def distance(reference: Sequence, hypothesis: Sequence) -> int:
    """The number of edits (substitutions + deletions + insertions) in ``align``'s script."""
    if len(reference) * len(hypothesis) <= MAX_CELLS:
        return _table_distance(reference, hypothesis)
    return sum(step.op != EQUAL for step in align(reference, hypothesis))


def _align_into(steps: list[Step], ref: Sequence, hyp: Sequence, r0: int, h0: int, anchored: bool) -> None:
    if not anchored:
        _exact(steps, ref, hyp, r0, h0)
        return
    matcher = difflib.SequenceMatcher(None, list(ref), list(hyp), autojunk=False)
    i = j = 0
    for block in matcher.get_matching_blocks():
        _gap(steps, ref[i : block.a], hyp[j : block.b], r0 + i, h0 + j)
        steps.extend(Step(EQUAL, r0 + block.a + k, h0 + block.b + k) for k in range(block.size))
        i, j = block.a + block.size, block.b + block.size


def _gap(steps: list[Step], ref: Sequence, hyp: Sequence, r0: int, h0: int) -> None:
    if len(ref) * len(hyp) <= MAX_CELLS:
        _exact(steps, ref, hyp, r0, h0)
        return
    # Too large to align exactly: pair the words in order (an upper bound on the edits).
    for k in range(max(len(ref), len(hyp))):
        if k < len(ref) and k < len(hyp):
            steps.append(Step(EQUAL if ref[k] == hyp[k] else SUBSTITUTE, r0 + k, h0 + k))
        elif k < len(ref):
            steps.append(Step(DELETE, r0 + k, None))
        else:
            steps.append(Step(INSERT, None, h0 + k))


def _table(ref: Sequence, hyp: Sequence):
    """The full Levenshtein table, a row per reference item, each row computed with NumPy.

    A row's insertion term (``d[i][j-1] + 1``) is a running minimum: ``d[i][j] - j`` is the least
    of ``x[k] - k`` for k ≤ j, where ``x`` holds the substitution and deletion terms.
    """
    import numpy as np

    n, m = len(ref), len(hyp)
    codes: dict = {}
    hyp_codes = np.array([codes.setdefault(t, len(codes)) for t in hyp], dtype=np.int64)
    ref_codes = [codes.setdefault(t, len(codes)) for t in ref]
    ramp = np.arange(m + 1, dtype=np.int32)
    table = np.empty((n + 1, m + 1), dtype=np.int32)
    table[0] = ramp
    for i in range(1, n + 1):
        previous = table[i - 1]
        x = np.empty(m + 1, dtype=np.int32)
        x[0] = i
        x[1:] = np.minimum(previous[:-1] + (hyp_codes != ref_codes[i - 1]), previous[1:] + 1)
        table[i] = np.minimum.accumulate(x - ramp) + ramp
    return table


def _table_distance(ref: Sequence, hyp: Sequence) -> int:
    if not ref or not hyp:
        return max(len(ref), len(hyp))
    return int(_table(ref, hyp)[-1, -1])


def _exact(steps: list[Step], ref: Sequence, hyp: Sequence, r0: int, h0: int) -> None:
    if not ref or not hyp:
        steps.extend(Step(DELETE, r0 + i, None) for i in range(len(ref)))
        steps.extend(Step(INSERT, None, h0 + j) for j in range(len(hyp)))
        return
    table = _table(ref, hyp)
    i, j, backwards = len(ref), len(hyp), []
    # Walk back preferring a match or substitution, then a deletion, then an insertion: ties are
    # broken the way most WER tools print them (a substituted word rather than a deletion + insertion).
    while i > 0 or j > 0:
        here = table[i, j]
        if i > 0 and j > 0 and here == table[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]):
            backwards.append(Step(EQUAL if ref[i - 1] == hyp[j - 1] else SUBSTITUTE, r0 + i - 1, h0 + j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and here == table[i - 1, j] + 1:
            backwards.append(Step(DELETE, r0 + i - 1, None))
            i -= 1
        else:
            backwards.append(Step(INSERT, None, h0 + j - 1))
            j -= 1
    steps.extend(reversed(backwards))
