"""Typed transcripts (plain text or Word) read into a project, and the documents they come in."""
