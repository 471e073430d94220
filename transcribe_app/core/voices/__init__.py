"""Voices across a study: a speaker enrolled once is recognised in the study's other recordings.

    a corrected project's speaker → its voice embedding → DIR/voices/CODE.voice.json (profile.py)
    a diarised project in DIR → each speaker's embedding compared with the enrolled voices
      → a clear match is labelled with that voice's code; the similarities go in the record (matching.py)

``profile`` (the stored record and the study's voices folder) is light; ``embedding``,
``enrol`` and ``matching`` need NumPy and the voice encoder of ``core/diarise``.

A voice embedding is biometric personal data: it lives only in the study folder's
``voices/``, is listed and removed by ``transcribe-app voices``, and nothing that
leaves the researcher (an export, a table, a citation) ever reads that folder.
"""
