"""The researcher's corrections: edit text, relabel, split and merge turns, find and replace.

Everything the editor window does to a transcript is a function here, so the CLI
and the tests can do it too (DESIGN.md). Each function changes the project's
segments in place and returns the indices of the segments it changed; its
docstring says which existing indices it may change *before* it runs, so that
the window can hand them to ``ProjectSession.edit(..., segments=...)`` and undo
restores them exactly.

Word timings stay honest. An edit re-tokenises the text and aligns the old and
new word sequences (``difflib``): a word the researcher left alone keeps its
start, end and probability; a corrected word keeps the times of the word it
replaces and loses its probability (``None`` means "checked by the researcher",
so it is no longer shaded as uncertain); an inserted word gets times
interpolated between its neighbours. Edits made in the clean or strict view
reach the verbatim words: the words the view hides stay where they were.

The verbatim view shows the pause marks the verbatim appendix prints ("(.)",
"(..)", "(3 sek.)", ``cleanup/pauses.py``) between the words, so the editor
reads like the appendix. They come from the word timings: they are not words,
a span never points at one, and a turn's typed text goes back to the words
without them.

``project.edits`` gets one small entry per edit — what kind, which segment ids,
when — and never the words themselves, so a shared edit log leaks nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from difflib import SequenceMatcher

from .cleanup import TokenView, check_level, clean_turn, pause_marks, strip_pause_marks, words_from_text
from .cleanup.tokens import parse
from .cleanup.transcript_view import project_level, speaker_turns
from .errors import BadInputError
from .project.edit_log import EditEntry
from .project.record import Project, RosterEntry
from .project.transcript import Segment, Word, rounded_seconds
from .text_form import normalise

_NOT_WORD = re.compile(r"\W+")
TEXT, SPEAKER, SPLIT, MERGE, REPLACE_ALL = "text", "speaker", "split", "merge", "replace_all"


# -- the turns as the editor shows them ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShownWord:
    """Where one stored word stands in a turn's shown text."""

    start: int  # character span in ``TurnText.text``
    end: int
    word: int  # index into ``TurnText.words``
    hidden: bool  # hidden by the level, shown only because hidden words were asked for


@dataclass
class TurnText:
    """One speaker turn as the editor shows it: the text, and which word each stretch of it is."""

    speaker: str | None  # the code shown (VJ, I), None when speakers are unknown
    label: str | None  # the speaker label stored in the segments (S1), None when unknown
    start: float | None
    end: float | None
    segments: list[int]  # indices into ``project.segments``
    words: list[Word]  # the turn's stored words (split from the text for untimed segments)
    word_segments: list[int]  # per word: the index of its segment
    tokens: list[TokenView]
    text: str
    shown: list[ShownWord] = field(default_factory=list)

    def cut_before(self, word: int) -> int:
        """Where to cut the turn before shown word ``word``: hidden words just before it go with it.

        "… se den. [Øh,] jeg tror": a filler the view hides usually opens the next
        utterance, and the clean view capitalises "Jeg" only when it follows one.
        """
        previous = [p.word for p in self.shown if p.word < word]
        return previous[-1] + 1 if previous else 0

    def word_at(self, offset: int) -> int | None:
        """The index of the word at character ``offset`` of ``text`` (the one after it at a space)."""
        for place in self.shown:
            if offset < place.end:
                return place.word
        return self.shown[-1].word if self.shown else None


def display_turns(
    project: Project,
    level: str | None = None,
    *,
    show_hidden: bool = False,
    cache: dict | None = None,
    pause_marks: bool = True,
) -> list[TurnText]:
    """Every turn at ``level`` with the span of each shown word (the turns of ``views.speaker_turns``).

    A turn whose words the level all hides has the text "". The text equals
    ``TurnView.text`` of ``views.transcript_view``, the verbatim view's pause marks included.
    ``show_hidden``: the turn's verbatim text instead, with the words the level hides
    flagged, so a view can grey them out. ``cache``: a dict kept between calls; the
    cleanup decisions of a turn whose words did not change are taken from it (a
    two-hour focus group is re-shown after every correction). ``pause_marks``: False leaves
    the verbatim view's pause marks out (the researcher switched them off).
    """
    level = check_level(level) if level else project_level(project)
    position = {id(segment): i for i, segment in enumerate(project.segments)}
    turns = []
    for code, segments in speaker_turns(project):
        words, word_segments = [], []
        for segment in segments:
            segment_words = segment.words or words_from_text(segment.text)
            words.extend(segment_words)
            word_segments.extend([position[id(segment)]] * len(segment_words))
        tokens, text, shown = _shown(words, level, show_hidden, cache, pause_marks)
        turns.append(
            TurnText(
                speaker=code,
                label=segments[0].speaker,
                start=segments[0].start,
                end=segments[-1].end,
                segments=[position[id(s)] for s in segments],
                words=words,
                word_segments=word_segments,
                tokens=tokens,
                text=text,
                shown=shown,
            )
        )
    return turns


def _shown(
    words: list[Word], level: str, show_hidden: bool, cache: dict | None, with_marks: bool = True
) -> tuple[list[TokenView], str, list[ShownWord]]:
    # As the appendix prints them, unless the researcher switched them off.
    marks = tuple(pause_marks(words)) if level == "verbatim" and with_marks else None
    key = (level, show_hidden, tuple(w.text for w in words), marks)
    found = cache.get(key) if cache is not None else None
    if found is None:
        tokens = clean_turn(words, level)
        found = (tokens, *shown_text(words, tokens, show_hidden=show_hidden, marks=marks))
        if cache is not None:
            cache[key] = found
    return found


def shown_text(
    words: Sequence[Word],
    tokens: Sequence[TokenView],
    *,
    show_hidden: bool = False,
    marks: Sequence[str | None] | None = None,
) -> tuple[str, list[ShownWord]]:
    """A turn's text and word spans; spaced exactly as ``cleanup.render`` spaces it.

    ``marks``: the pause mark before each word (``cleanup.pause_marks``), shown between the
    words as ``render`` shows them; no span covers a mark.
    """
    parts: list[str] = []
    length = 0
    shown: list[ShownWord] = []
    space_pending = False
    for index, (word, token) in enumerate(zip(words, tokens, strict=True)):
        if token.hidden and not show_hidden:
            continue
        if marks is not None and marks[index] and not token.hidden:
            if length:
                parts.append(" ")
                length += 1
            parts.append(marks[index])
            length += len(marks[index])
            space_pending = True
        raw = word.text if show_hidden else token.text
        core = " ".join(raw.split())
        if not core:
            space_pending = space_pending or bool(raw)
            continue
        if length and (space_pending or raw[0].isspace()):
            parts.append(" ")
            length += 1
        parts.append(core)
        shown.append(ShownWord(length, length + len(core), index, token.hidden))
        length += len(core)
        space_pending = raw[-1].isspace()
    return "".join(parts), shown


def _turn_of(
    project: Project, segment_indices: Iterable[int], level: str, show_hidden: bool, with_marks: bool = True
) -> TurnText:
    """The shown form of an arbitrary run of segments (one turn, as the editor holds it); the pause
    marks of a verbatim view only ``with_marks``."""
    indices = sorted(set(segment_indices))
    words, word_segments = [], []
    for i in indices:
        segment_words = project.segments[i].words or words_from_text(project.segments[i].text)
        words.extend(segment_words)
        word_segments.extend([i] * len(segment_words))
    tokens = clean_turn(words, level) if words else []
    marks = pause_marks(words) if level == "verbatim" and with_marks else None
    text, shown = shown_text(words, tokens, show_hidden=show_hidden, marks=marks)
    first, last = project.segments[indices[0]], project.segments[indices[-1]]
    return TurnText(
        project.code_for(first.speaker),
        first.speaker,
        first.start,
        last.end,
        indices,
        words,
        word_segments,
        tokens,
        text,
        shown,
    )


# -- editing text --------------------------------------------------------------------------------


def replace_text(project: Project, segment_index: int, new_text: str) -> list[int]:
    """Give one segment the verbatim text ``new_text``; modifies ``[segment_index]`` (returned if changed)."""
    return edit_turn(project, [segment_index], new_text, "verbatim")


def edit_turn(
    project: Project, segment_indices: Sequence[int], new_text: str, level: str = "verbatim"
) -> list[int]:
    """Apply the researcher's edit of a turn's shown text to its stored words.

    ``new_text`` is what the turn should show at ``level`` (verbatim, clean, strict); at
    verbatim its pause marks are left out (the timings make them).
    Unchanged words keep their times and probability; corrected ones keep the times of
    the word they replace, with probability None; inserted ones get interpolated
    times. Words ``level`` hides are kept, except those inside a stretch the
    researcher rewrote into a different number of words. Segments without words
    (typed transcripts) get their text changed and stay untimed.

    Modifies only ``segment_indices``; returns those whose words or text changed.
    """
    check_level(level)
    indices = sorted(set(segment_indices))
    if not indices:
        return []
    _check_indices(project, indices)
    if level == "verbatim":
        new_text = strip_pause_marks(new_text)
    typed = normalise(new_text)  # a pasted soft hyphen or NFD letter would hide a name from the gate
    turn = _turn_of(project, indices, level, show_hidden=False)
    out = _aligned(turn, _pieces(typed.text))
    _fill_times(out)
    changed = _store(project, indices, out)
    if changed:
        _log(project, TEXT, changed, invisible_removed=typed.removed)
    return changed


def _pieces(text: str) -> list[str]:
    """Typed text as word texts the way Whisper writes them: each with one leading space."""
    return [" " + " ".join(w.text.split()) for w in words_from_text(text) if w.text.strip()]


@dataclass
class _Out:
    """A word of the edited turn while it is being put together."""

    segment: int
    word: Word
    new: bool = False  # needs times (inserted, or one of a rewritten stretch)
    span: tuple[float | None, float | None] | None = None  # the stretch it replaces, if any


def _aligned(turn: TurnText, pieces: list[str]) -> list[_Out]:
    visible = [i for i, t in enumerate(turn.tokens) if not t.hidden and t.text.strip()]
    old_shown = [turn.tokens[i].text.strip() for i in visible]
    new_shown = [p.strip() for p in pieces]
    # Words are paired by their letters: "samtaler." → "samtaler om ugen." keeps the
    # first word's times and only inserts the rest.
    matcher = SequenceMatcher(
        None, [_key(s) for s in old_shown], [_key(s) for s in new_shown], autojunk=False
    )
    out: list[_Out] = []
    done = 0  # stored words before this have been placed (kept or dropped)

    def keep_until(stop: int) -> None:  # the hidden words before a shown one stay
        nonlocal done
        out.extend(_Out(turn.word_segments[k], turn.words[k]) for k in range(done, stop))
        done = max(done, stop)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for a, b in zip(range(i1, i2), range(j1, j2), strict=True):
                k = visible[a]
                keep_until(k)
                word = turn.words[k]
                if new_shown[b] not in (old_shown[a], word.text.strip()):
                    text = _keep_stored_punctuation(pieces[b], old_shown[a], word.text)
                    word = dataclasses.replace(word, text=text, probability=None)
                out.append(_Out(turn.word_segments[k], word))
                done = k + 1
        elif tag in ("delete", "replace"):
            first, last = visible[i1], visible[i2 - 1]
            keep_until(first)
            span = (turn.words[first].start, turn.words[last].end)
            for b in range(j1, j2):
                out.append(_Out(turn.word_segments[first], _new_word(pieces[b], turn, first), True, span))
            done = last + 1
        else:  # insert: just before the next shown word, after any hidden ones
            stop = visible[i1] if i1 < len(visible) else len(turn.words)
            keep_until(stop)
            neighbour = (
                out[-1].segment if out else turn.word_segments[stop] if turn.words else turn.segments[0]
            )
            model = out[-1].word if out else turn.words[stop] if turn.words else None
            for b in range(j1, j2):
                word = Word(pieces[b], speaker=model.speaker if model else None)
                out.append(_Out(neighbour, word, True))
    keep_until(len(turn.words))
    return out


def _keep_stored_punctuation(piece: str, shown: str, stored: str) -> str:
    """A word corrected in a view that dropped its punctuation ("mange medarbejdere, øh, i") keeps it."""
    shown_punct, stored_punct = parse(shown)[3], parse(stored.strip())[3]
    lead, opener, core, punct = parse(piece)
    if core and punct == shown_punct and shown_punct != stored_punct:
        return lead + opener + core + stored_punct
    return piece


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold() or text


def _new_word(text: str, turn: TurnText, replaced: int) -> Word:
    return Word(text, speaker=turn.words[replaced].speaker)


def _fill_times(out: list[_Out]) -> None:
    """Times for the new words: the stretch they replace, or the gap between their neighbours."""
    i = 0
    while i < len(out):
        if not out[i].new:
            i += 1
            continue
        j = i
        while j < len(out) and out[j].new and out[j].span == out[i].span:
            j += 1
        start, end = out[i].span if out[i].span else (None, None)
        if start is None:
            start = next((o.word.end for o in reversed(out[:i]) if o.word.end is not None), None)
        if end is None:
            end = next((o.word.start for o in out[j:] if o.word.start is not None), None)
        if start is None:
            start = end
        if end is None or (start is not None and end < start):
            end = start
        for o, (s, e) in zip(out[i:j], _spread(start, end, [o.word.text for o in out[i:j]]), strict=True):
            o.word.start, o.word.end = s, e
        i = j


def _spread(
    start: float | None, end: float | None, texts: list[str]
) -> list[tuple[float | None, float | None]]:
    """Share ``start``–``end`` among words in proportion to their length (longer words take longer)."""
    if start is None or end is None:
        return [(None, None)] * len(texts)
    weights = [max(1, len(t.strip())) for t in texts]
    total, done, times = sum(weights), 0, []
    for weight in weights:
        a = start + (end - start) * done / total
        done += weight
        times.append((rounded_seconds(a), rounded_seconds(start + (end - start) * done / total)))
    return times


def _store(project: Project, indices: list[int], out: list[_Out]) -> list[int]:
    """Put the edited words back into their segments; the indices of those that changed."""
    by_segment: dict[int, list[Word]] = {i: [] for i in indices}
    for o in out:
        by_segment[o.segment].append(o.word)
    changed = []
    for i in indices:
        segment, words = project.segments[i], by_segment[i]
        timed = bool(segment.words)
        before = [(w.text, w.start, w.end, w.probability) for w in segment.words]
        if timed and before == [(w.text, w.start, w.end, w.probability) for w in words]:
            continue
        text = "".join(w.text for w in words)
        if not timed and " ".join(text.split()) == " ".join(segment.text.split()):
            continue
        if timed:
            segment.words = words
            starts = [w.start for w in words if w.start is not None]
            ends = [w.end for w in words if w.end is not None]
            if starts:
                segment.start = min(starts) if segment.start is None else min(segment.start, min(starts))
            if ends:
                segment.end = max(ends) if segment.end is None else max(segment.end, max(ends))
        segment.text = text
        changed.append(i)
    return changed


# -- speakers, splitting, merging -----------------------------------------------------------------------


def set_turn_speaker(project: Project, segment_indices: Sequence[int], who: str) -> list[int]:
    """Say that ``who`` (a speaker label such as S2, or a code such as VJ) spoke these segments.

    The segments and their words get the label; a researcher's decision replaces the
    diarisation's confidence (set to None). The code of a roster person who has no
    label yet makes ``who`` their label; a name that is neither a label nor a code
    in the roster becomes a new roster entry with that label and code.
    Modifies ``segment_indices``; returns those that changed.
    """
    indices = sorted(set(segment_indices))
    _check_indices(project, indices)
    label = _label_for(project, who)
    changed = []
    for i in indices:
        segment = project.segments[i]
        if segment.speaker == label and all(w.speaker == label for w in segment.words):
            continue
        segment.speaker = label
        for word in segment.words:
            word.speaker, word.speaker_confidence = label, None
        changed.append(i)
    if changed:
        _log(project, SPEAKER, changed)
    return changed


def _label_for(project: Project, who: str) -> str:
    who = who.strip()
    if not who:
        raise BadInputError("A speaker needs a label or a code (for example S2 or VJ).")
    if any(segment.speaker == who for segment in project.segments):
        return who
    for attribute in ("label", "code"):  # a label names a voice, a code a person: labels win
        for entry in project.roster:
            if getattr(entry, attribute) == who and entry.label:
                return entry.label
    for entry in project.roster:  # a person in the roster who has no voice yet (no diarisation): now they do
        if entry.code == who:
            entry.label = who
            return who
    project.roster.append(RosterEntry(label=who, code=who))
    return who


def other_speaker(project: Project, segment_index: int) -> str | None:
    """The label to suggest for the second part of a split: whoever spoke around it, else the roster's next.

    In an interview the words after a missed speaker change are nearly always the
    other person's, so one key press usually gives the right speaker.
    """
    _check_indices(project, [segment_index])
    here = project.segments[segment_index].speaker
    if here is None:
        return None
    for step in (-1, 1):
        i = segment_index + step
        while 0 <= i < len(project.segments):
            neighbour = project.segments[i]
            # A segment whose words were all typed away is no one's speech: no turn shows it (the
            # views skip it), so its old speaker must not pick who said the second part.
            if neighbour.speaker is not None and neighbour.speaker != here and neighbour.text.strip():
                return neighbour.speaker
            i += step
    labels = [e.label for e in project.roster if e.label]
    if here in labels and len(labels) > 1:
        return labels[(labels.index(here) + 1) % len(labels)]
    return next((label for label in labels if label != here), None)


def split_segment(project: Project, index: int, word_index: int, speaker: str | None = None) -> list[int]:
    """Cut segment ``index`` before its word ``word_index``; the second part becomes segment ``index + 1``.

    The first part ends at its last word's end, the second starts at its first
    word's start (untimed segments are cut in proportion to their text). ``speaker``
    (label or code): who spoke the second part, if not the same person.
    Modifies ``[index]`` (and inserts ``index + 1``); returns ``[index, index + 1]``.
    """
    _check_indices(project, [index])
    segment = project.segments[index]
    words = segment.words or words_from_text(segment.text)
    if not 0 < word_index < len(words):
        raise BadInputError(
            f"A segment of {len(words)} words can be split only between two of its words "
            f"(word 1 to {len(words) - 1}, not {word_index})."
        )
    head, tail = words[:word_index], words[word_index:]
    head_text, tail_text = "".join(w.text for w in head), "".join(w.text for w in tail)
    if segment.words:
        cut_end, cut_start = head[-1].end, tail[0].start
    else:
        cut_end = cut_start = _proportional_time(segment, len(head_text), len(head_text) + len(tail_text))
    second = Segment(
        id=max(s.id for s in project.segments) + 1,
        start=cut_start if cut_start is not None else segment.end,
        end=segment.end,
        text=tail_text,
        words=list(tail) if segment.words else [],
        speaker=segment.speaker,
        avg_logprob=segment.avg_logprob,
        no_speech_prob=segment.no_speech_prob,
    )
    segment.text = head_text if segment.words else head_text.rstrip()
    segment.words = list(head) if segment.words else []
    if cut_end is not None:
        segment.end = cut_end
    project.segments.insert(index + 1, second)
    _log(project, SPLIT, [index, index + 1])
    if speaker is not None:
        label = _label_for(project, speaker)
        second.speaker = label
        for word in second.words:
            word.speaker, word.speaker_confidence = label, None
    return [index, index + 1]


def _proportional_time(segment: Segment, done: int, total: int) -> float | None:
    if segment.start is None or segment.end is None or total == 0:
        return None
    return rounded_seconds(segment.start + (segment.end - segment.start) * done / total)


def split_turn(
    project: Project, segment_indices: Sequence[int], word: int, speaker: str | None = None
) -> list[int]:
    """Split a turn before its ``word`` (index into the turn's words); the rest goes to ``speaker``.

    Splits the segment the word falls in (unless the word begins one) and gives
    every later segment of the turn to ``speaker`` (label or code) when given.
    Modifies ``segment_indices`` (indices after the split segment move up by one);
    returns the indices, after the split, of the segments of the second part.
    """
    indices = sorted(set(segment_indices))
    _check_indices(project, indices)
    counts = [len(project.segments[i].words or words_from_text(project.segments[i].text)) for i in indices]
    if not 0 < word < sum(counts):
        raise BadInputError(f"A turn of {sum(counts)} words can be split only between two of its words.")
    position = 0
    while word >= counts[position]:  # find the segment the word falls in
        word -= counts[position]
        position += 1
    index = indices[position]
    rest = [i + (1 if word else 0) for i in indices[position + 1 :]]
    if word:
        split_segment(project, index, word)
        second = [index + 1, *rest]
    else:
        second = [index, *rest]
    if speaker is not None:
        label = _label_for(project, speaker)
        for i in second:
            project.segments[i].speaker = label
            for w in project.segments[i].words:
                w.speaker, w.speaker_confidence = label, None
        _log(project, SPEAKER, second)
    return second


def set_words_speaker(
    project: Project, segment_indices: Sequence[int], first_word: int, last_word: int, who: str
) -> list[int]:
    """Give words ``first_word``..``last_word`` of a turn to ``who``, splitting the turn around them.

    The words before and after keep their speaker: a "Ja, præcis." of the interviewer
    that diarisation put at the end of the informant's turn becomes a turn of its own.
    Modifies ``segment_indices``; returns the indices, afterwards, of the segments now spoken by ``who``.
    """
    indices = sorted(set(segment_indices))
    _check_indices(project, indices)
    count = sum(len(project.segments[i].words or words_from_text(project.segments[i].text)) for i in indices)
    if not 0 <= first_word <= last_word < count:
        raise BadInputError(f"Words {first_word}–{last_word} are not in this turn of {count} words.")
    original = project.segments[indices[0]].speaker
    label = _label_for(project, who)
    if first_word > 0:
        indices = split_turn(project, indices, first_word, label)
    else:
        set_turn_speaker(project, indices, label)
    rest = last_word - first_word + 1
    if rest < count - first_word:
        after = split_turn(project, indices, rest, original)  # the words after go back to who said them
        indices = [i for i in indices if i < after[0]]
    return indices


def merge_segments(project: Project, first: int, last: int) -> list[int]:
    """Join segments ``first``..``last`` into segment ``first``, spoken by its speaker.

    Modifies ``first``..``last`` (those after ``first`` are removed); returns ``[first]``.
    """
    if first >= last:
        raise BadInputError("Merging needs at least two segments (the first before the last).")
    _check_indices(project, [first, last])
    parts = project.segments[first : last + 1]
    target = parts[0]
    timed = any(s.words for s in parts)
    words = [w for s in parts for w in (s.words or (words_from_text(s.text) if timed else []))]
    if target.speaker is not None:
        for word in words:
            if word.speaker != target.speaker:
                word.speaker, word.speaker_confidence = target.speaker, None
    if timed:
        target.words = words
        target.text = "".join(w.text for w in words)
    else:
        lead = " " if target.text[:1].isspace() else ""
        target.text = lead + " ".join(s.text.strip() for s in parts if s.text.strip())
    target.end = next((s.end for s in reversed(parts) if s.end is not None), target.end)
    weights = [(s.avg_logprob, len(s.words) or 1) for s in parts if s.avg_logprob is not None]
    if weights:
        target.avg_logprob = sum(p * n for p, n in weights) / sum(n for _, n in weights)
    speech = [s.no_speech_prob for s in parts if s.no_speech_prob is not None]
    target.no_speech_prob = min(speech) if speech else None
    del project.segments[first + 1 : last + 1]
    _log(project, MERGE, [first], ids=[s.id for s in parts])
    return [first]


def merge_turns(project: Project, turn: Sequence[int], next_turn: Sequence[int]) -> list[int]:
    """Make ``next_turn`` part of ``turn``: it gets the turn's speaker, or, without speakers, one segment.

    Speaker turns are consecutive segments of one speaker, so merging a diarised turn
    with the next gives the next its speaker and keeps Whisper's segments (subtitles
    need them). Without speakers every segment is its own turn, and they are joined.
    Modifies ``turn`` and ``next_turn``; returns the segment indices of the merged turn.
    """
    turn, next_turn = sorted(turn), sorted(next_turn)
    _check_indices(project, [*turn, *next_turn])
    label = project.segments[turn[0]].speaker
    if label is not None:
        set_turn_speaker(project, next_turn, label)
        return [*turn, *next_turn]
    merge_segments(project, turn[-1], next_turn[-1])
    return turn


# -- find and replace ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A place where the searched text occurs in a turn's shown text."""

    turn: int  # index into ``display_turns``
    start: int  # character span in that turn's text
    end: int
    segments: tuple[int, ...]  # the turn's segment indices
    matched_segments: tuple[int, ...]  # the segments holding the matched words
    text: str  # what was matched, as shown


def _pattern(text: str, case: bool, whole_words: bool) -> re.Pattern[str]:
    if not text:
        raise BadInputError("Type the text to look for.")
    body = re.escape(text)
    if whole_words:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if case else re.IGNORECASE)


def find(
    project: Project,
    level: str | None,
    text: str,
    case: bool = False,
    *,
    whole_words: bool = False,
    show_hidden: bool = False,
    turns: list[TurnText] | None = None,
    pause_marks: bool = True,
) -> list[Match]:
    """Every occurrence of ``text`` in the turns as ``level`` shows them (hidden words are skipped).

    ``turns``: the ``display_turns`` already computed for this level, to avoid doing it twice.
    """
    pattern = _pattern(text, case, whole_words)
    turns = turns if turns is not None else display_turns(
        project, level, show_hidden=show_hidden, pause_marks=pause_marks
    )
    matches = []
    for t, turn in enumerate(turns):
        for hit in pattern.finditer(turn.text):
            words = {
                turn.word_segments[w.word] for w in turn.shown if w.start < hit.end() and w.end > hit.start()
            }
            matches.append(
                Match(t, hit.start(), hit.end(), tuple(turn.segments), tuple(sorted(words)), hit.group())
            )
    return matches


def replace_match(
    project: Project,
    match: Match,
    replacement: str,
    level: str | None = None,
    *,
    show_hidden: bool = False,
    pause_marks: bool = True,
) -> list[int]:
    """Replace one found occurrence (from ``find`` at the same ``level``, ``show_hidden`` and
    ``pause_marks``) by ``replacement``.

    Modifies ``match.segments``; returns those that changed.
    """
    level = check_level(level) if level else project_level(project)
    edit_level = "verbatim" if show_hidden else level
    # The match's positions are in the text as it was shown: pause marks only in a verbatim view.
    marks = pause_marks and level == "verbatim"
    turn = _turn_of(project, match.segments, edit_level, show_hidden=False, with_marks=marks)
    if turn.text[match.start : match.end] != match.text:
        raise BadInputError("The transcript changed since the search; search again.")
    new_text = turn.text[: match.start] + replacement + turn.text[match.end :]
    return edit_turn(project, match.segments, new_text, edit_level)


def replace_all_segments(
    project: Project, text: str, case: bool = False, *, whole_words: bool = False, level: str = "verbatim"
) -> list[int]:
    """The segment indices ``replace_all`` with the same arguments would modify (for the undo step)."""
    pattern = _pattern(text, case, whole_words)
    return [i for turn in display_turns(project, level) if pattern.search(turn.text) for i in turn.segments]


def replace_all(
    project: Project,
    text: str,
    replacement: str,
    case: bool = False,
    *,
    whole_words: bool = False,
    level: str = "verbatim",
) -> list[int]:
    """Replace every occurrence of ``text`` by ``replacement``, in the verbatim words by default.

    At ``level`` clean or strict only what that view shows is searched; the words it
    hides are left alone. A phrase may span the segments of a turn.
    Modifies ``replace_all_segments(...)`` with the same arguments; returns the indices that changed.
    """
    pattern = _pattern(text, case, whole_words)
    changed: list[int] = []
    for turn in display_turns(project, level):
        new_text, count = pattern.subn(lambda _m: replacement, turn.text)
        if count:
            changed.extend(_quiet(edit_turn, project, turn.segments, new_text, level))
    if changed:
        _log(project, REPLACE_ALL, changed)
    return changed


def _quiet(function, project: Project, *args):
    """Run an edit without its own log entry (the caller logs the whole operation once)."""
    before = len(project.edits)
    result = function(project, *args)
    del project.edits[before:]
    return result


# -- bookkeeping --------------------------------------------------------------------------------------


def _check_indices(project: Project, indices: Iterable[int]) -> None:
    count = len(project.segments)
    bad = [i for i in indices if not 0 <= i < count]
    if bad:
        raise BadInputError(f"No segment {bad[0]} in this transcript (it has {count} segments).")


def _log(
    project: Project,
    kind: str,
    indices: Iterable[int],
    *,
    ids: list[int] | None = None,
    invisible_removed: int = 0,
) -> None:
    """One entry in ``project.edits``: the kind of edit, the segment ids, the time — never the words;
    and how many invisible characters the typed text lost (``text_form``), when it lost any."""
    ids = ids if ids is not None else [project.segments[i].id for i in indices]
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    project.edits.append(EditEntry(kind, list(ids), at, invisible_removed))
