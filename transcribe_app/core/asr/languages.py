"""The languages Whisper knows, by the codes both libraries take (``da``, ``en``, ``sv``…).

Checked before anything is written: an unknown code used to fail inside the library
only after the project file had been started (and, with ``--overwrite``, replaced).
The list is Whisper's own (``faster_whisper.tokenizer`` and ``whisper.tokenizer``
hold the same one; tests/test_no_loss.py keeps this copy equal to them), kept here so
that checking a code does not load either library.
"""

from __future__ import annotations

from ..errors import BadInputError

WHISPER_LANGUAGES = frozenset(
    (
        "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha haw he hi "
        "hr ht hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr ms mt my ne nl nn "
        "no oc pa pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th tk tl tr tt uk ur uz vi "
        "yi yo zh yue"
    ).split()
)


def check_language(code: str | None) -> str | None:
    """``code`` if Whisper knows it (None: detect the language); otherwise a sentence saying what to give."""
    if code is None or code in WHISPER_LANGUAGES:
        return code
    raise BadInputError(
        f"“{code}” is not a language code Whisper knows. Give one such as da (Danish), sv, no, en or de, "
        "or auto to detect the language."
    )
