"""Slugs: the URL-safe names of posts, pages, tags and suppliers (lowercase a-z, 0-9, hyphens)."""

from __future__ import annotations

import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A slug: lowercase a-z, 0-9 and single hyphens."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """A text without case and accents: 'Één' and 'een' fold to the same (comparing tags)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def slugify(text: str) -> str:
    """Fold diacritics and punctuation away: 'Één update' -> 'een-update'.

    (Unlike `fold`, letters without an ASCII form are dropped: a slug is ASCII only.)
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SLUG.sub("-", ascii_text).strip("-")
