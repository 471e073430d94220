"""The kinds of names and the score tiers, in a module that loads nothing.

``recognizers`` needs Presidio (and through it spaCy and PyTorch: seconds to
import); the decisions, the detection and the replacement only need these
words, so the window can read and record decisions before any detection runs.
"""

from __future__ import annotations

PERSON, LOCATION, ORGANIZATION = "PERSON", "LOCATION", "ORGANIZATION"
# Scores: AUTO and above is replaced unless rejected; REVIEW to AUTO waits for the researcher.
AUTO, REVIEW = 0.8, 0.4
