"""The project: one interview's record, its parts, its file on disk, its lock and its roster."""
