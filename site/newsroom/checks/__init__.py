"""Checks: what `make check` finds beyond the build's own checks (links, tags, translations,
placeholder texts)."""
