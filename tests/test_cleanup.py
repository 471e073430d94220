"""Talk-language cleanup: the README's rules (tests/data/cleanup), on the gold pairs and on new sentences."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from transcribe_app.core.cleanup import (
    LEVELS,
    REASONS,
    PauseConventions,
    TokenView,
    clean_text,
    clean_turn,
    load_lists,
    pause_marks,
    render,
    words_from_text,
)
from transcribe_app.core.cleanup.lists import resources_dir
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.transcript import Word

DATA = Path(__file__).parent / "data" / "cleanup"


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _dev_rows() -> list[dict[str, str]]:
    with (DATA / "dev.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# --- the gold pairs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("row", _dev_rows(), ids=lambda r: f"{r['id']}-{r['level']}")
def test_dev_pair(row):
    assert _collapse(clean_text(row["verbatim"], row["level"])) == _collapse(row["expected"])


def test_dev_file_has_all_36_pairs():
    assert len(_dev_rows()) == 36


# --- each rule and its exceptions, on sentences that are not in dev.tsv --------------------------------

RULE_CASES = [
    # 1. fillers: any listed form, any case, any trailing punctuation
    ("filler-plain", "clean", "Hun har øh været her i to år.", "Hun har været her i to år."),
    (
        "filler-forms",
        "clean",
        "Han har æhm været her, ehm, i to år, øhh, ikke?",
        "Han har været her i to år, ikke?",
    ),
    ("filler-upper", "clean", "Det ØH gik fint.", "Det gik fint."),
    ("filler-hm-hmm", "clean", "Det var hm en hmm svær tid.", "Det var en svær tid."),
    (
        "filler-enclosed",
        "clean",
        "Vi mødes hver uge, øh, og taler om borgerne.",
        "Vi mødes hver uge og taler om borgerne.",
    ),
    (
        "filler-enclosed-eh",
        "clean",
        "Planen er, eh, at vi starter i marts.",
        "Planen er at vi starter i marts.",
    ),
    ("filler-interjection-nej", "clean", "Nej, øh, det tror jeg ikke.", "Nej, det tror jeg ikke."),
    ("filler-interjection-okay", "clean", "Okay, øhm, så starter vi.", "Okay, så starter vi."),
    ("filler-interjection-jamen", "clean", "Jamen, hm, det er svært.", "Jamen, det er svært."),
    ("filler-interjection-jo", "clean", "Jo, æh, det gjorde vi.", "Jo, det gjorde vi."),
    ("filler-interjection-naa", "clean", "Nå øh, så går vi videre.", "Nå, så går vi videre."),
    (
        "filler-particle-jo-is-no-interjection",
        "clean",
        "Vi har jo, øh, mange borgere.",
        "Vi har jo mange borgere.",
    ),
    ("filler-sentence-start", "clean", "Øhh, kommunen har sparet.", "Kommunen har sparet."),
    ("filler-sentence-start-no-comma", "clean", "Æhm vi startede i januar.", "Vi startede i januar."),
    (
        "filler-second-sentence-start",
        "clean",
        "Det ved jeg ikke. Æh, vi prøver igen.",
        "Det ved jeg ikke. Vi prøver igen.",
    ),
    ("filler-two-at-start", "clean", "Øh, øhm, vi starter.", "Vi starter."),
    ("filler-before-tag-keeps-its-comma", "strict", "Det var svært, øh, ikke?", "Det var svært."),
    ("filler-before-full-stop", "clean", "Det var det, øh.", "Det var det."),
    ("filler-before-question-mark", "clean", "Hvad hedder hun, øhm?", "Hvad hedder hun?"),
    ("filler-before-full-stop-no-comma", "clean", "Det var det øh.", "Det var det."),
    (
        "filler-before-stop-mid-turn",
        "clean",
        "Vi sluttede, øh. Så kom sommeren.",
        "Vi sluttede. Så kom sommeren.",
    ),
    ("filler-whole-turn", "clean", "Øh, øhm.", ""),
    ("filler-english", "clean", "Um, I think it was, uh, in 2019.", "I think it was in 2019."),
    ("filler-english-erm", "clean", "We erm tried it.", "We tried it."),
    # 2. backchannels
    ("backchannel-inside", "clean", "Ja, mm, det er rigtigt.", "Ja, det er rigtigt."),
    ("backchannel-start", "clean", "Mhm, det var i Silkeborg.", "Det var i Silkeborg."),
    ("backchannel-end", "clean", "Vi gjorde det, mm.", "Vi gjorde det."),
    ("backchannel-whole-turn-mhm", "clean", "Mhm.", "Mhm."),
    ("backchannel-whole-turn-mmm", "clean", "Mmm.", "Mmm."),
    ("backchannel-whole-turn-m-m", "clean", "M-m.", "M-m."),
    ("backchannel-whole-turn-after-filler", "clean", "Øh, mm.", "Mm."),
    ("backchannel-whole-turn-english", "clean", "Uh-huh.", "Uh-huh."),
    ("backchannel-whole-turn-strict", "strict", "Mm.", "Mm."),
    # 3. fragments
    ("fragment", "clean", "Hun arbejder i fo- forvaltningen.", "Hun arbejder i forvaltningen."),
    ("fragment-sentence-start", "clean", "Ko- kommunen har ansvaret.", "Kommunen har ansvaret."),
    (
        "fragment-not-prefix-compound",
        "clean",
        "Vi har social- og sundhedsområdet.",
        "Vi har social- og sundhedsområdet.",
    ),
    ("fragment-not-prefix", "clean", "Det gælder for- og bagsiden.", "Det gælder for- og bagsiden."),
    # 4. repetitions
    ("repetition-1", "clean", "Hun hun ringede i går.", "Hun ringede i går."),
    ("repetition-1-mid", "clean", "Sagen gik til til udvalget.", "Sagen gik til udvalget."),
    ("repetition-case-insensitive", "clean", "Hun gik til Til mødet.", "Hun gik til mødet."),
    ("repetition-2", "clean", "Vi skal vi skal have flere ressourcer.", "Vi skal have flere ressourcer."),
    ("repetition-3", "clean", "Det er ikke det er ikke nemt.", "Det er ikke nemt."),
    ("repetition-3-times", "clean", "De de de kom for sent.", "De kom for sent."),
    ("repetition-en-dash", "clean", "Vi har – har mange sager.", "Vi har mange sager."),
    ("repetition-hyphen", "clean", "Vi har - har mange sager.", "Vi har mange sager."),
    ("repetition-2-dash", "clean", "Hun sagde at – hun sagde at det var slut.", "Hun sagde at det var slut."),
    ("repetition-comma-kept", "clean", "Nej, nej, det passer ikke.", "Nej, nej, det passer ikke."),
    ("repetition-comma-kept-2", "clean", "Godt, godt.", "Godt, godt."),
    ("repetition-after-filler", "clean", "Jeg, øh, jeg ved det ikke.", "Jeg ved det ikke."),
    (
        "repetition-4-words-kept",
        "clean",
        "Vi har ikke tid vi har ikke tid.",
        "Vi har ikke tid vi har ikke tid.",
    ),
    ("repetition-separated-kept", "clean", "Det er det bedste.", "Det er det bedste."),
    # 5. false starts
    ("false-start-2", "clean", "De skulle – de ville ikke.", "De ville ikke."),
    ("false-start-3", "clean", "Jeg tror at – jeg ved, at det virker.", "Jeg ved, at det virker."),
    ("false-start-4", "clean", "Kommunen har ikke haft – kommunen mangler penge.", "Kommunen mangler penge."),
    (
        "false-start-5-kept",
        "clean",
        "Kommunen har ikke haft nogen – kommunen mangler penge.",
        "Kommunen har ikke haft nogen – kommunen mangler penge.",
    ),
    ("false-start-other-word-kept", "clean", "Jobcentret – det er stedet.", "Jobcentret – det er stedet."),
    (
        "false-start-mid-sentence",
        "clean",
        "Det er sådan, at vi har – vi gjorde det.",
        "Det er sådan, at vi gjorde det.",
    ),
    ("false-start-takes-lower-case", "clean", "og vi har – Vi gjorde det.", "og vi gjorde det."),
    ("false-start-takes-capital", "clean", "Vi prøvede – vi lavede en plan.", "Vi lavede en plan."),
    ("false-start-hyphen", "clean", "De skulle - de ville ikke.", "De ville ikke."),
    ("false-start-after-filler", "clean", "Vi har øh – vi gjorde det.", "Vi gjorde det."),
    ("false-start-twice", "clean", "Vi skal – vi må og vi vil – vi gør det.", "Vi må og vi gør det."),
    # 6. tidy
    ("tidy-space-before-punctuation", "clean", "Jeg tror , at det er svært .", "Jeg tror, at det er svært."),
    ("tidy-doubled-comma", "clean", "Det var, , godt.", "Det var, godt."),
    ("tidy-double-spaces", "clean", "Vi  har   det godt.", "Vi har det godt."),
    ("tidy-dangling-comma", "clean", "Ja, øh", "Ja"),
    (
        "tidy-quote-keeps-capital",
        "clean",
        'Han sagde: "Øh, det ved jeg ikke."',
        'Han sagde: "Det ved jeg ikke."',
    ),
    # meaning-carrying words stay at clean
    (
        "meaning-words-kept",
        "clean",
        "Vi har altså sådan lige ligesom jo ikke tid.",
        "Vi har altså sådan lige ligesom jo ikke tid.",
    ),
    ("altsaa-kept-at-clean", "clean", "Altså, borgerne skal høres.", "Altså, borgerne skal høres."),
    ("ja-altsaa-kept-at-clean", "clean", "Nej altså, det går ikke.", "Nej altså, det går ikke."),
    ("tag-kept-at-clean", "clean", "Det er en svær opgave, ikke?", "Det er en svær opgave, ikke?"),
    ("inner-tag-kept-at-clean", "clean", "Man siger, ikke, at det går.", "Man siger, ikke, at det går."),
    # 7. strict: tags
    ("tag-question", "strict", "Det er en svær opgave, ikke?", "Det er en svær opgave."),
    ("tag-full-stop", "strict", "Det var i Holstebro, ikke.", "Det var i Holstebro."),
    ("tag-inside", "strict", "Man siger, ikke, at det går.", "Man siger, at det går."),
    ("tag-mid-turn", "strict", "Det er dyrt, ikke? Men vi gør det.", "Det er dyrt. Men vi gør det."),
    ("tag-after-filler-cleanup", "strict", "Øh, det er dyrt, ikke?", "Det er dyrt."),
    ("negation-kept-strict", "strict", "Det er ikke dyrt.", "Det er ikke dyrt."),
    ("negation-end-kept-strict", "strict", "Vi gør det ikke.", "Vi gør det ikke."),
    (
        "negation-comma-after-kept",
        "strict",
        "Vi gør det ikke, fordi det er dyrt.",
        "Vi gør det ikke, fordi det er dyrt.",
    ),
    ("negation-after-interjection-kept", "strict", "Nej, ikke.", "Nej, ikke."),
    ("negation-hvis-ikke-kept", "strict", "Hvis ikke, så stopper vi.", "Hvis ikke, så stopper vi."),
    ("negation-question-kept", "strict", "Gør vi ikke?", "Gør vi ikke?"),
    # 8. strict: clause-initial altså
    ("altsaa-sentence-start", "strict", "Altså, borgerne skal høres.", "Borgerne skal høres."),
    ("altsaa-after-interjection", "strict", "Nej altså, det går ikke.", "Nej, det går ikke."),
    ("altsaa-after-interjection-comma", "strict", "Ja, altså, det er rigtigt.", "Ja, det er rigtigt."),
    ("altsaa-after-comma", "strict", "Jeg mener, altså, at vi skal.", "Jeg mener, at vi skal."),
    ("altsaa-second-sentence", "strict", "Det er dyrt. Altså, vi sparer.", "Det er dyrt. Vi sparer."),
    ("altsaa-mid-clause-kept", "strict", "Det er altså dyrt.", "Det er altså dyrt."),
    ("altsaa-therefore-kept", "strict", "Altså må vi spare.", "Altså må vi spare."),
    (
        "strict-keeps-other-meaning-words",
        "strict",
        "Vi har jo sådan lige ligesom ikke tid.",
        "Vi har jo sådan lige ligesom ikke tid.",
    ),
    # verbatim changes nothing
    ("verbatim", "verbatim", "Øh, jeg jeg har – vi gjorde, ikke?", "Øh, jeg jeg har – vi gjorde, ikke?"),
]


@pytest.mark.parametrize(
    ("level", "verbatim", "expected"), [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES]
)
def test_rule(level, verbatim, expected):
    assert clean_text(verbatim, level) == expected


@pytest.mark.parametrize(
    "word",
    sorted(
        load_lists().intensifiers
        & {"meget", "rigtig", "virkelig", "mange", "langt", "helt", "aldrig", "altid"}
    ),
)
def test_repeated_intensifier_is_kept(word):
    text = f"Det har {word} {word} betydning."
    assert clean_text(text) == text


@pytest.mark.parametrize("filler", ["øh", "øhm", "øhh", "æh", "æhm", "eh", "ehm", "hm", "hmm"])
@pytest.mark.parametrize(("punct", "kept"), [("", ""), (",", ""), ("...", "..."), ("?", "?"), (".", ".")])
def test_every_readme_filler_goes(filler, punct, kept):
    assert clean_text(f"Vi kom {filler}{punct}") == f"Vi kom{kept}"
    assert clean_text(f"{filler.capitalize()}, vi kom.") == "Vi kom."
    assert clean_text(f"Vi kom, {filler.upper()}, i går.") == "Vi kom i går."


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("word", ["ikke", "altså", "jo", "sådan", "lige", "ligesom"])
def test_meaning_words_are_no_fillers(word, level):
    text = f"Det er {word} godt for os."
    assert clean_text(text, level) == text


def test_unknown_level_is_a_clear_error():
    with pytest.raises(BadInputError, match="clean"):
        clean_text("Hej.", "tidy")
    with pytest.raises(BadInputError, match="verbatim, clean, strict"):
        clean_turn([Word(" Hej.")], "CLEAN")


def test_empty_turn():
    assert clean_turn([], "clean") == []
    assert render([]) == ""
    assert clean_text("   ") == ""


# --- the word layer ---------------------------------------------------------------------------------------


def _whisper_words(texts: list[str]) -> list[Word]:
    words, t = [], 0.0
    for text in texts:
        words.append(Word(text, start=t, end=t + 0.3, probability=0.9, speaker="SPEAKER_01"))
        t += 0.4
    return words


WHISPER_TURN = [
    " Øh,",
    " jeg",
    " jeg",
    " tror,",
    " at",
    " sy-",
    " sygedagpenge",
    " er",
    " –",
    " er",
    " vigtige,",
    " mm,",
    " ikke?",
]


@pytest.mark.parametrize("level", LEVELS)
def test_words_are_not_mutated_and_one_view_per_word(level):
    words = _whisper_words(WHISPER_TURN)
    before = copy.deepcopy(words)
    views = clean_turn(words, level)
    assert words == before
    assert len(views) == len(words)
    assert all(isinstance(v, TokenView) for v in views)
    assert all(v.reason in REASONS for v in views if v.hidden)
    assert all(v.reason is None for v in views if not v.hidden)


def test_whisper_words_with_leading_spaces_and_times():
    words = _whisper_words(WHISPER_TURN)
    assert (
        render(clean_turn(words, "verbatim"))
        == "Øh, jeg jeg tror, at sy- sygedagpenge er – er vigtige, mm, ikke?"
    )
    assert render(clean_turn(words, "clean")) == "Jeg tror, at sygedagpenge er vigtige, ikke?"
    assert render(clean_turn(words, "strict")) == "Jeg tror, at sygedagpenge er vigtige."


def test_reasons():
    words = _whisper_words(WHISPER_TURN)
    reasons = [v.reason for v in clean_turn(words, "strict")]
    assert reasons == [
        "filler",
        "repetition",
        None,
        None,
        None,
        "fragment",
        None,
        "repetition",
        "repetition",
        None,
        None,
        "backchannel",
        "tag",
    ]
    words = words_from_text("Altså, vi har – vi gjorde det.")
    assert [v.reason for v in clean_turn(words, "strict")] == [
        "discourse_marker",
        "false_start",
        "false_start",
        "false_start",
        None,
        None,
        None,
    ]


def test_view_texts_carry_the_fixes():
    views = clean_turn(_whisper_words([" Øh,", " det", " var", " godt,", " øh."]), "clean")
    assert views[0] == TokenView(True, "filler", " Øh,")  # a hidden word keeps its verbatim text
    assert views[1].text == " Det"  # capital: the sentence now begins here
    assert views[3].text == " godt."  # the filler's full stop replaces the comma
    assert views[4].hidden and views[4].text == " øh."


def test_dash_attached_to_the_word():
    words = _whisper_words([" Vi", " har –", " vi", " gjorde", " det."])
    views = clean_turn(words, "clean")
    assert [v.reason for v in views] == ["false_start", "false_start", None, None, None]
    assert render(views) == "Vi gjorde det."
    assert render(clean_turn(_whisper_words([" Det", " er –", " er", " godt."]))) == "Det er godt."


def test_words_from_text_keeps_punctuation_attached_and_dashes_apart():
    words = words_from_text("Øh, jeg tror , at – sy- sygedagpenge.")
    assert [w.text for w in words] == ["Øh,", " jeg", " tror ,", " at", " –", " sy-", " sygedagpenge."]
    assert all(w.start is None for w in words)


def test_lists_are_loaded_once_and_hold_the_readme_words():
    lists = load_lists()
    assert lists is load_lists()
    assert {"øh", "øhm", "øhh", "æh", "æhm", "eh", "ehm", "hm", "hmm"} <= lists.fillers
    assert {"uh", "um", "erm", "hmm"} <= lists.fillers
    assert {"mm", "mmm", "mhm", "m-m", "uh-huh"} <= lists.backchannels
    assert {"ja", "nej", "jo", "nå", "okay", "jamen"} <= lists.interjections
    assert {"meget", "rigtig", "virkelig", "mange", "langt", "helt", "aldrig", "altid"} <= lists.intensifiers
    assert {"ikke", "altså", "jo", "sådan", "lige", "ligesom"} <= lists.protected
    assert not lists.protected & (lists.fillers | lists.backchannels)
    assert "ikke" in lists.tags and "altså" in lists.discourse_markers


@pytest.mark.parametrize("language", ["da", "en"])
def test_list_files_are_complete(language):
    data = json.loads((resources_dir() / f"{language}.json").read_text(encoding="utf-8"))
    for name in (
        "fillers",
        "backchannels",
        "interjections",
        "intensifiers",
        "protected",
        "tags",
        "discourse_markers",
    ):
        assert isinstance(data[name], list) and all(isinstance(w, str) for w in data[name])


def test_missing_language_list_is_a_clear_error():
    with pytest.raises(BadInputError, match="xx"):
        load_lists(("da", "xx"))


# --- pauses ----------------------------------------------------------------------------------------------


def _timed(gaps: list[float | None]) -> list[Word]:
    words, t = [Word(" a", 0.0, 0.5)], 0.5
    for i, gap in enumerate(gaps):
        if gap is None:
            words.append(Word(f" w{i}"))
            continue
        words.append(Word(f" w{i}", t + gap, t + gap + 0.5))
        t += gap + 0.5
    return words


def test_pause_marks_for_given_gaps():
    words = _timed([0.2, 0.999, 1.0, 1.5, 1.99, 2.0, 2.7, 3.0, 4.7, 12.2])
    assert pause_marks(words) == [
        None,
        None,
        None,
        "(.)",
        "(.)",
        "(.)",
        "(..)",
        "(..)",
        "(3 sek.)",
        "(4 sek.)",
        "(12 sek.)",
    ]


def test_pause_marks_without_times_and_in_the_verbatim_render():
    assert pause_marks(words_from_text("Det var en lang dag.")) == [None] * 5
    words = _timed([None, 0.1])
    assert pause_marks(words) == [None, None, None]
    words = [Word(" Det", 0.0, 0.3), Word(" var", 1.5, 1.8), Word(" godt.", 5.0, 5.4)]
    marks = pause_marks(words)
    assert render(clean_turn(words, "verbatim"), marks) == "Det (.) var (3 sek.) godt."
    assert render(clean_turn(words, "clean")) == "Det var godt."


def test_pause_conventions_are_configurable():
    english = PauseConventions(short_s=0.5, medium_s=1.0, long_s=2.0, long_mark="({seconds} sec.)")
    words = _timed([0.6, 1.2, 2.5])
    assert pause_marks(words, english) == [None, "(.)", "(..)", "(2 sec.)"]
    with pytest.raises(BadInputError):
        PauseConventions(short_s=2.0, medium_s=1.0)


# --- properties ------------------------------------------------------------------------------------------

PLAIN = [
    "vi",
    "de",
    "hun",
    "han",
    "kommunen",
    "borgerne",
    "lederne",
    "har",
    "gør",
    "tror",
    "ved",
    "skal",
    "kan",
    "mødes",
    "arbejder",
    "sagen",
    "planen",
    "indsatsen",
    "godt",
    "svært",
    "vigtigt",
    "nu",
    "her",
    "der",
    "med",
    "om",
    "i",
    "på",
    "til",
    "for",
    "at",
    "en",
    "et",
    "den",
    "det",
    "som",
    "Herning",
    "Holstebro",
    "jobcentret",
    "sygedagpenge",
    "jobafklaring",
    "og",
    "men",
    "fordi",
    "jo",
    "sådan",
    "lige",
    "ligesom",
    "meget",
    "rigtig",
    "ja",
    "nej",
    "okay",
    "altså",
    "ikke",
]
FILLER_FORMS = [" øh", " øhm", " øh,", " hm,", " Æh,", " eh", " mm,"]


def _has_repeated_unit(keys: list[str]) -> bool:
    return any(
        keys[i : i + n] == keys[i + n : i + 2 * n] for n in (1, 2, 3) for i in range(len(keys) - 2 * n + 1)
    )


@st.composite
def untouchable_turns(draw) -> str:
    """Turns a rule never applies to: no fillers, dashes or repeats; no tag; no "altså," at a clause start."""
    sentences, keys = [], []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.sampled_from(PLAIN), min_size=1, max_size=12))
        commas = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
        tokens = []
        for i, word in enumerate(words):
            # A comma never follows "altså" (it would open a clause) nor comes before "ikke" (a tag).
            comma = commas[i] and i < len(words) - 1 and word != "altså" and words[i + 1] != "ikke"
            tokens.append(word + ("," if comma else ""))
        tokens[0] = tokens[0][0].upper() + tokens[0][1:]
        tokens[-1] += draw(st.sampled_from([".", "?", "!"]))
        sentences.append(" ".join(tokens))
        keys += [w.lower() for w in words]
    assume(not _has_repeated_unit(keys))
    return " ".join(sentences)


@settings(max_examples=300, deadline=None)
@given(untouchable_turns())
def test_sentences_without_artefacts_are_unchanged(text):
    for level in LEVELS:
        assert clean_text(text, level) == text


def _comma_before_ikke(tokens: list[str]) -> bool:
    """Whether a comma stands before "ikke", fillers between ignored ("…, øh, ikke?" may be a tag)."""
    lists = load_lists()
    noise = lists.fillers | lists.backchannels
    i = next(i for i, t in enumerate(tokens) if t.startswith(" ikke"))
    while i > 0 and tokens[i - 1].strip(" ,").lower() in noise:
        i -= 1
    return i > 0 and tokens[i - 1].endswith(",") and tokens[i - 1] != " Nej,"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([w for w in PLAIN if w != "ikke"]), min_size=0, max_size=14, unique=True),
    st.integers(0, 14),
    st.sampled_from(["", ",", ".", "?", " –"]),
    st.lists(st.tuples(st.integers(0, 15), st.sampled_from(FILLER_FORMS), st.booleans()), max_size=3),
    st.booleans(),
)
def test_negation_ikke_is_never_hidden(words, at, ikke_punct, fillers, interjection_first):
    """Wherever "ikke" stands without a tag's comma before it, no level hides it."""
    at = min(at, len(words))
    tokens = [f" {w}" for w in words]
    tokens.insert(at, " ikke" + ikke_punct)
    if interjection_first and at == 0:
        tokens.insert(0, " Nej,")  # "Nej, ikke." is an answer, not a tag
    for position, form, comma_before in sorted(fillers, reverse=True):
        position = min(position, len(tokens))
        tokens.insert(position, form)
        if comma_before and position > 0 and tokens[position - 1][-1].isalpha():
            tokens[position - 1] += ","  # Whisper attaches the comma before a filler to the word before
    assume(not _comma_before_ikke(tokens))
    turn = [Word(t) for t in tokens]
    index = next(i for i, t in enumerate(tokens) if t.startswith(" ikke"))
    for level in LEVELS:
        assert not clean_turn(turn, level)[index].hidden, (level, "".join(tokens))


MESSY = [
    *PLAIN[:12],
    "øh",
    "Øhm,",
    "mm",
    "mhm.",
    "–",
    "-",
    "sy-",
    "sygedagpenge",
    "ikke?",
    "ikke,",
    "altså,",
    "Ja",
    "jeg",
    "jeg,",
    ",",
    ".",
    "?",
    '"Øh,',
    'nu."',
    "(hm)",
    "har –",
    "…",
    "...",
    "m-m",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MESSY), max_size=25), st.sampled_from(LEVELS))
def test_any_word_sequence_gives_one_decision_per_word(pieces, level):
    words = [Word(" " + p if i else p) for i, p in enumerate(pieces)]
    views = clean_turn(words, level)
    assert len(views) == len(words)
    text = render(views)
    assert text == " ".join(text.split())
    if level == "verbatim":
        assert text == " ".join("".join(w.text for w in words).split())
