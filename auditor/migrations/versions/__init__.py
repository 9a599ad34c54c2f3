"""One file per revision, applied in `down_revision` order."""
