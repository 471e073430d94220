"""The headless core of Transkript: data model, pipeline stages and file formats.

Nothing in this package imports Qt; the GUI and the CLI are both views on it.
"""
