"""Custom checks, one per file; the file name is the check id with underscores."""
