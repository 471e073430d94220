"""The transcript editor: the text with the recording in step, the timeline and the talk-time chart.

editor = TranscriptEditor(session, audio_path)   # the widget the window embeds
editor.shortcut_table()                          # for Help → Shortcuts
"""

from .editor import EditorSettings, TranscriptEditor
from .player import Player
from .text_view import TranscriptText
from .timeline import TalkTimeChart, TimelineStrip

__all__ = ["EditorSettings", "Player", "TalkTimeChart", "TimelineStrip", "TranscriptEditor", "TranscriptText"]
