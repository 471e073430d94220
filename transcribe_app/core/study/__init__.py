"""A study: a folder of interviews with one roster, one set of pseudonyms and one key.

    record.py      ``DIR/study.json`` (Study: title, settings, roster, interviews, the [Person N]
                   register, the key's place); load_study, save_study, interviews(study)
    members.py     study init, study add (a project per recording; existing projects moved in)
    roster.py      the study's roster, imported and merged as an interview's is
    pseudonyms.py  the study's roster and register applied to each interview's pseudonymisation,
                   the gate's names, the study's key
    overview.py    where each interview stands (stage, corrections, names, appendix, duration)
"""

from __future__ import annotations

from .record import STUDY_FILE, Study, StudyInterview, StudyPerson, interviews, load_study, save_study

__all__ = ["STUDY_FILE", "Study", "StudyInterview", "StudyPerson", "interviews", "load_study", "save_study"]
