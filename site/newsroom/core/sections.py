"""The site's sections and their path segments per language (`/nl/nieuws/`, `/en/news/`).

Part of the public URL scheme (see `web.kinds`); here, low down, because loading needs them
too: a standalone page may not take a section's address.
"""

from __future__ import annotations

SECTIONS: dict[str, dict[str, str]] = {
    "nl": {
        "news": "nieuws",
        "page": "pagina",
        "tags": "onderwerpen",
        "archive": "archief",
        "schedule": "planning",
        "search": "zoeken",
    },
    "en": {
        "news": "news",
        "page": "page",
        "tags": "topics",
        "archive": "archive",
        "schedule": "schedule",
        "search": "search",
    },
}
"""Localized path segments per language; URLs are a public interface: never change one
without a redirect plan."""


def reserved_segments() -> set[str]:
    """Path segments of the site's sections, in every language: no page may use them."""
    return {segment for segments in SECTIONS.values() for segment in segments.values()}
