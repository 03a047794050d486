"""Frozen data that migrations load; one module per version of a standard, never edited."""
