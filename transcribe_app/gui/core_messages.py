"""Core's sentences in the window's language: a catalogue of core's user-facing messages.

``core/`` stays Qt-free and speaks English (the CLI's language); its errors
reach the window as finished sentences. This module knows the English
templates of the sentences a window user meets — a missing model, a damaged
or missing project, a locked project, the leak gate's stop, the file safety
refusals — and gives each in the window's language: the template is
looked up in the ``CoreMessages`` context of the translation (``tr``), the
parts the sentence was filled with are put back into the translated template.
A part is itself looked up (``The export`` → ``Eksporten``), so a template
whose pieces come from elsewhere still reads as one language.

A sentence that matches no template is shown as core wrote it; in English
every template translates to itself, so the sentence is unchanged.
``tests/test_core_messages.py`` makes the real core errors and checks that
each comes out Danish: a reworded core sentence is caught there.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreMessages"

# The English templates, as core writes them; ``{name}`` stands for any text. QT_TRANSLATE_NOOP gives the
# text back unchanged and marks it for lupdate, which puts it in the .ts file's CoreMessages context.
TEMPLATES = (
    # core/asr/models.py: the model
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The {backend} model “{model}” is not on this computer. Looked in:\n{places}\n"
        "Get it once with --download on a computer with internet (it is saved in {folder}), "
        "or put {shape} in one of the folders above, or give its path with --model.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The model file or folder “{path}” does not exist."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{path}” is not a faster-whisper (CTranslate2) model folder: it has no model.bin.{hint}",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", " A .pt file is used with --backend whisper."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Could not download the model “{model}” ({reason}). Check the internet connection, "
        "or place the model in {folder} by hand.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "a folder with model.bin (CTranslate2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a .pt file"),
    # core/diarise/speaker_count.py: the number of speakers asked for, and what to check about those found
    QT_TRANSLATE_NOOP(
        "CoreMessages", "“{text}” is not a number of speakers; give a count (2) or a range (5-8)."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The number of speakers must be between 1 and {most}, not {text}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The range of speakers “{text}” runs backwards; give the smaller number first ({turned}).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Found {found} speakers, the most Transkript looks for without being told; if more people speak, "
        "give the number or a range (for example --speakers {range}).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Found {found} speakers, the top of the range {range} you gave; if more people speak, give a "
        "wider range.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Found only {found} speakers of the {least} or more you gave: some voices could not be told apart, "
        "so one label may hold two people; check the turns.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Little speech from {speakers}: a speaker heard for under {seconds} seconds may be a piece of "
        "another voice, and their label is not to be trusted; check their words.",
    ),
    # core/project/file.py: the project file
    QT_TRANSLATE_NOOP("CoreMessages", "The project file “{path}” does not exist."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The project file “{name}” is damaged and cannot be read ({problem}). "
        "The previous version is kept as “{backup}” if it exists.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The project file “{path}” cannot be read: {reason}."),
    # core/study/record.py: the study file
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The study file “{path}” is damaged and cannot be read ({problem}). It is left as it is; "
        "the previous version is “{backup}” if it exists.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is not a Transkript study file."),
    # core/project/lock.py: one writer
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{name}” is open in another Transkript window (process {pid} on this computer, since {since}); "
        "close it there (or wait), then try again. If no Transkript runs on this computer any more, "
        "delete “{lock}” beside it.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{name}” is being transcribed by another window or command (process {pid} on this computer, since "
        "{since}); wait for it to finish or close it there. If no Transkript runs on this computer any more, "
        "delete “{lock}” beside it.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{name}” is being changed by another command (transcribe-app {command}) (process {pid} on this "
        "computer, since {since}); wait for it to finish, then try again. If no Transkript runs on this "
        "computer any more, delete “{lock}” beside it.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{name}” is open in another Transkript window (process {pid} on the computer “{host}”, "
        "since {since}); close it there (or wait), then try again. If Transkript no longer runs there, "
        "delete “{lock}” beside the project (it is ignored anyway once it is {hours} hours old).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{name}” is locked by another window or command, but its lock “{lock}” cannot be read. "
        "Wait a moment and try again; if it stays, and no Transkript runs, delete that file.",
    ),
    # core/voices/profile.py: a study's enrolled voice (read when the window's transcription finds speakers)
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The voice file “{path}” is damaged and cannot be used ({problem}); remove it with "
        "“transcribe-app voices remove {study} {code}” and enrol again.",
    ),
    # core/batch/queue.py: the study's queue
    QT_TRANSLATE_NOOP("CoreMessages", "“{project}” is no longer in the study folder; it left the queue."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The queue file “{path}” cannot be read ({reason}); queue the interviews again."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} is not a Transkript queue file."),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} names “{project}”, which is not inside the study folder."),
    # core/pseudonymise/gate.py: the leak gate
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The export was stopped: {count} real name(s) would still be in it.\n{lines}\n"
        "Reject or add these in the pseudonymisation review and export again, or export anyway with "
        "--allow-leaks (recorded in the audit log).",
    ),
    # core/exports/audio.py and audio_spans.py: the pseudonymised recording
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This transcript has no word times (a typed transcript has none), so nothing in the recording "
        "can be covered safely. A pseudonymised recording needs a transcript made from the recording.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A replaced name in the turn at {at} s stands on words without usable times, so it cannot be "
        "covered in the recording; nothing was written. Correct the word times (or transcribe the "
        "recording again) and export again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A pseudonymised recording cannot be written as “{name}”: give the output one of these endings: "
        "{endings}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A recording holds every voice, so it cannot be one informant's validation copy: give "
        "--profile appendix or archive.",
    ),
    # core/exports/validation_copy.py: one informant's validation copy (export and validation package)
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This transcript has {count} informants ({codes}); say whose validation copy this is with "
        "--informant CODE: each informant sees only their own words.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{informant}” is no informant of this transcript ({listed}). A validation copy is for one "
        "informant: give their code, and mark them informant in the roster (transcribe-app roster).",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "none is marked informant in the roster"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A validation copy shows one informant their own words, and no one in this transcript's roster is "
        "marked informant. Mark them (transcribe-app roster PROJECT --import roster.csv, role informant) "
        "and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "No turn of this transcript is {informant}'s, so their validation copy would be empty. Label the "
        "speakers (transcribe-app speakers) so that the informant's turns carry their code.",
    ),
    # core/file_safety.py: never over an input
    QT_TRANSLATE_NOOP("CoreMessages", "{what} “{name}” is {input}; choose another name with {option}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{what} “{name}” is the backup of {input} (the project as it was before its last change); "
        "choose another name with {option}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{what} “{name}” is {other} itself; they must be two different files. "
        "Choose another name with {option}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The folder “{folder}” for {what} does not exist; create it or choose another place with {option}.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "“{path}” is a folder; give {what} a file name with {option}."),
    # the parts file safety fills in, as the window names its files (gui/export_dialog.py)
    QT_TRANSLATE_NOOP("CoreMessages", "The export"),
    QT_TRANSLATE_NOOP("CoreMessages", "the export"),
    QT_TRANSLATE_NOOP("CoreMessages", "The key"),
    QT_TRANSLATE_NOOP("CoreMessages", "the key"),
    QT_TRANSLATE_NOOP("CoreMessages", "the project you are exporting"),
    QT_TRANSLATE_NOOP("CoreMessages", "the recording"),
)


_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression: its text literally, each ``{name}`` any text (a group)."""
    parts, last = [], 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[last : field.start()]))
        parts.append(f"(?P<{field.group(1)}>.*?)")
        last = field.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


def core_message(message: str) -> str:
    """``message`` (a sentence core wrote) in the window's language; unchanged if it is not catalogued."""
    for template in TEMPLATES:
        found = _pattern(template).fullmatch(message)
        if found is None:
            continue
        translated = QCoreApplication.translate(CONTEXT, template)
        if translated == template and not found.groupdict():
            return message
        parts = {name: core_message(value) if value else value for name, value in found.groupdict().items()}
        return translated.format(**parts)
    return message
