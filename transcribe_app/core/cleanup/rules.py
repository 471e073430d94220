"""The cleanup rules of ``tests/data/cleanup/README.md``, one function each, in the README's order.

Every rule takes the turn's tokens and hides some of them (with a reason) or changes
a neighbour's punctuation or capital letter; it looks only at tokens still visible,
so a rule sees the turn as the rules before it left it ("Det er, øh, det er" is a
repetition once the filler and its commas are gone). Nothing is ever removed from
the list: the verbatim words stay where they are.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from .lists import WordLists
from .tokens import DASHES, TERMINALS, Token, ends_sentence

FILLER = "filler"
BACKCHANNEL = "backchannel"
FRAGMENT = "fragment"
REPETITION = "repetition"
FALSE_START = "false_start"
TAG = "tag"
DISCOURSE_MARKER = "discourse_marker"
REASONS: tuple[str, ...] = (FILLER, BACKCHANNEL, FRAGMENT, REPETITION, FALSE_START, TAG, DISCOURSE_MARKER)

# Stutters repeat short units; a longer repeated stretch is more likely deliberate.
MAX_REPEATED_UNIT = 3
# A false start is a short abandoned beginning; four words is the README's limit.
MAX_FALSE_START = 4

Rule = Callable[[list[Token], WordLists], None]


def _visible(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.hidden]


def _opens_clause(seq: list[Token], idx: int, lists: WordLists) -> bool:
    """Whether ``seq[idx]`` begins a clause: after a sentence end, a comma, or "Ja"/"Men" that begin one."""
    openers = lists.clause_openers
    while idx > 0:
        before = seq[idx - 1]
        if ends_sentence(before.mark) or before.mark == ",":
            return True
        if before.mark or before.key not in openers:
            return False
        idx -= 1
    return True


def _is_interjection(seq: list[Token], idx: int, lists: WordLists) -> bool:
    # "ja", "jo", "okay" are interjections only where a clause begins; "Vi har jo, øh,
    # mange" uses "jo" as a particle, and its comma belongs to the filler.
    return seq[idx].key in lists.interjections and _opens_clause(seq, idx, lists)


def _tag_follows(vis: list[Token], k: int, noise: frozenset[str], lists: WordLists) -> bool:
    """Whether the next word after ``vis[k]`` that is not noise is a tag's "ikke" ("..., øh, ikke?")."""
    for j in range(k + 1, len(vis)):
        token = vis[j]
        if token.key in noise:
            continue
        if token.key not in lists.tags:
            return False
        # "ikke" running on ("øh, ikke nu") is a negation, not a tag.
        return token.mark in (".", "?", ",") or (not token.mark and j == len(vis) - 1)
    return False


def _drop_noise(kept: list[Token], token: Token, tag_follows: bool, reason: str, lists: WordLists) -> None:
    """Hide a filler or backchannel and settle the punctuation around it (README rule 1)."""
    token.hide(reason)
    if not kept or ends_sentence(kept[-1].mark):
        return  # at a sentence start its own comma goes with it; tidy() capitalises the next word
    prev = kept[-1]
    own = token.mark
    if own in TERMINALS:
        # "..., øh." — the full stop or question mark survives, in place of the comma before.
        if prev.mark in ("", ","):
            prev.replace_mark(token.mark_text)
        return
    if own in DASHES:
        # "Vi har øh – vi gjorde": the break stays, so rule 5 can still see the false start.
        if prev.mark in ("", ","):
            prev.replace_mark("")
            prev.add_mark(" " + own)
        return
    comma_before = prev.mark == ","
    if not comma_before and own != ",":
        return
    if _is_interjection(kept, len(kept) - 1, lists):
        # "Ja, øh, ja" → "Ja, ja": the comma after an interjection is grammar, not pause.
        if not prev.mark:
            prev.add_mark(",")
    elif comma_before and not tag_follows:
        # The commas that fence a filler in are the filler's; they go with it. Not before a
        # tag ("i to år, øh, ikke?"): without its comma the tag would read as a negation.
        # No comma is ever invented there, so a negation can never be turned into a tag.
        prev.replace_mark("")


def _hide_noise(tokens: list[Token], noise: frozenset[str], reason: str, lists: WordLists) -> None:
    vis = _visible(tokens)
    kept: list[Token] = []
    for k, token in enumerate(vis):
        if token.key not in noise:
            kept.append(token)
            continue
        _drop_noise(kept, token, _tag_follows(vis, k, noise, lists), reason, lists)


def hide_fillers(tokens: list[Token], lists: WordLists) -> None:
    """Rule 1: filled pauses (øh, øhm, hm, ...) go, with the commas that belong to them."""
    _hide_noise(tokens, lists.fillers, FILLER, lists)


def hide_backchannels(tokens: list[Token], lists: WordLists) -> None:
    """Rule 2: backchannels (mm, mhm) go inside a sentence but stay when they are the whole turn."""
    if all(t.key in lists.backchannels for t in tokens if not t.hidden and t.core):
        return
    _hide_noise(tokens, lists.backchannels, BACKCHANNEL, lists)


def hide_fragments(tokens: list[Token], lists: WordLists) -> None:
    """Rule 3: a broken-off word ("sy-") goes when the next word completes it ("sygedagpenge")."""
    vis = _visible(tokens)
    for token, after in pairwise(vis):
        # Only a hyphen glued to the word: "social- og sundhed" is a Danish compound, and
        # "og" does not start with "social", so it is left alone.
        if token.core and token.punct in ("-", "–") and after.core and after.key.startswith(token.key):
            token.hide(FRAGMENT)


def _same_unit(first: list[Token], second: list[Token]) -> bool:
    """Whether ``second`` repeats the words of ``first`` with no punctuation inside it."""
    if len(second) < len(first) or any(t.mark for t in second[:-1]):
        return False
    return all(a.key == b.key and b.core for a, b in zip(first, second, strict=False))


def _repeated_unit(vis: list[Token], i: int, lists: WordLists) -> tuple[int, int] | None:
    """``(size, gap)`` when a unit of 1–3 words at ``i`` is repeated at once (gap 1: a dash between)."""
    head = vis[i]
    if not head.core:
        return None
    n = len(vis)
    for size in range(1, MAX_REPEATED_UNIT + 1):
        end = i + size - 1
        if end >= n:
            return None
        last = vis[end]
        # A larger unit would contain the same punctuation or non-word, so stop, not skip.
        if not last.core or (size > 1 and vis[end - 1].mark):
            return None
        if last.mark and last.mark not in DASHES:
            return None  # "meget, meget", "ja, ja": a comma between is deliberate
        gap = 1 if not last.mark and end + 1 < n and vis[end + 1].is_dash else 0
        j = i + size + gap
        # Cheap test first: most words are not followed by themselves.
        if j >= n or vis[j].key != head.key or not _same_unit(vis[i : end + 1], vis[j : j + size]):
            continue
        if all(t.key in lists.intensifiers for t in vis[i : end + 1]):
            continue  # "rigtig rigtig godt" is emphasis, not a stutter
        return size, gap
    return None


def hide_repetitions(tokens: list[Token], lists: WordLists) -> None:
    """Rule 4: "jeg jeg", "det er det er", "er – er" keep only their last unit."""
    vis = _visible(tokens)
    i = 0
    while i < len(vis):
        found = _repeated_unit(vis, i, lists)
        if found is None:
            i += 1
            continue
        size, gap = found
        # The last attempt is the fluent one and carries the punctuation that follows.
        for t in vis[i : i + size + gap]:
            t.hide(REPETITION)
        vis[i + size + gap].take_case_of(vis[i])
        i += size + gap


def _false_start_at(vis: list[Token], end: int, restart: Token) -> int | None:
    """Start index of a 2–4-word fragment ending at ``end`` whose first word the restart repeats."""
    for size in range(2, MAX_FALSE_START + 1):
        start = end - size + 1
        if start < 0:
            return None
        first = vis[start]
        if first.hidden or not first.core or first.mark:
            return None  # the fragment cannot reach back over punctuation or a non-word
        if first.key == restart.key:
            return start
    return None


def hide_false_starts(tokens: list[Token], lists: WordLists) -> None:
    """Rule 5: "Vi har – vi gjorde det" → "Vi gjorde det"; the restart takes the fragment's case."""
    vis = _visible(tokens)
    for j, token in enumerate(vis):
        if token.hidden or token.mark not in DASHES or j + 1 >= len(vis):
            continue
        restart = vis[j + 1]
        if not restart.core:
            continue
        end = j - 1 if token.is_dash else j
        if end < 0 or not vis[end].core or (end != j and vis[end].mark):
            continue
        start = _false_start_at(vis, end, restart)
        if start is None:
            continue
        for t in vis[start : j + 1]:
            t.hide(FALSE_START)
        restart.take_case_of(vis[start])


def hide_tags(tokens: list[Token], lists: WordLists) -> None:
    """Rule 7 (strict): ", ikke?" at a sentence end becomes "."; ", ikke," inside becomes ","."""
    vis = _visible(tokens)
    kept: list[Token] = []
    for j, token in enumerate(vis):
        if token.key not in lists.tags or not kept:
            kept.append(token)
            continue
        prev = kept[-1]
        if prev.mark != "," or _is_interjection(kept, len(kept) - 1, lists):
            kept.append(token)  # "ikke" without a comma before is a negation; so is "Nej, ikke."
            continue
        if token.mark in (".", "?") or (j == len(vis) - 1 and not token.mark):
            token.hide(TAG)
            prev.replace_mark(".")
        elif token.mark == ",":
            token.hide(TAG)  # the comma before stays
        else:
            kept.append(token)


def hide_discourse_markers(tokens: list[Token], lists: WordLists) -> None:
    """Rule 8 (strict): clause-initial "altså," goes ("Altså, det var" → "Det var"; "Ja altså," → "Ja,")."""
    vis = _visible(tokens)
    kept: list[Token] = []
    for token in vis:
        # Only with its comma: "Altså må vi konkludere" uses "altså" as "therefore".
        if (
            token.key in lists.discourse_markers
            and token.mark == ","
            and _opens_clause(kept + [token], len(kept), lists)
        ):
            token.hide(DISCOURSE_MARKER)
            if kept and not kept[-1].mark and _is_interjection(kept, len(kept) - 1, lists):
                kept[-1].add_mark(",")
            continue
        kept.append(token)


def tidy(tokens: list[Token]) -> None:
    """Rule 6: capitals where a sentence now begins, quotes kept, no comma left dangling or doubled."""
    pending_opener = ""
    pending_capital = False
    prev: Token | None = None
    for token in tokens:
        if token.hidden:
            if token.opener and not token.closers:
                # '"Øh, det ved jeg ikke."': the quote, and the capital that opened it, move on.
                pending_opener += token.opener
                pending_capital = token.core[:1].isupper()
            elif token.closers and not token.opener and prev is not None:
                prev.set_punct(prev.punct + token.closers)
            continue
        opens_quote, pending_capital = pending_capital, False
        if pending_opener:
            token.opener = pending_opener + token.opener
            pending_opener = ""
        if (
            token.core
            and not token.sentence_start
            and (prev is None or ends_sentence(prev.mark) or opens_quote)
        ):
            token.capitalise()
        if prev is not None and not token.core and token.mark == "," and prev.mark in (",", *".?!"):
            token.set_punct(token.punct.replace(",", "", 1))  # a lone comma after a comma or full stop
        prev = token
    if prev is not None and prev.mark == "," and prev is not tokens[-1]:
        prev.replace_mark("")  # what followed the comma was all hidden


CLEAN_RULES: tuple[Rule, ...] = (
    hide_fillers,
    hide_backchannels,
    hide_fragments,
    hide_repetitions,
    hide_false_starts,
)
STRICT_RULES: tuple[Rule, ...] = CLEAN_RULES + (hide_tags, hide_discourse_markers)
