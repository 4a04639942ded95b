"""Typed, immutable models of the site's content. No I/O, no Flask."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("nl", "en")
"""The site's languages, Dutch first."""


@dataclass(frozen=True, slots=True)
class Post:
    """One news post in one language."""

    slug: str
    lang: str
    title: str
    date: dt.datetime  # timezone-aware, Europe/Amsterdam
    summary: str  # plain text
    body_html: str
    source: Path
    tags: tuple[str, ...] = ()
    updated: dt.datetime | None = None
    draft: bool = False
    suppliers: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.lang, self.slug)

    @property
    def last_changed(self) -> dt.datetime:
        """The date of the last substantive change: `updated`, else `date`."""
        return self.updated or self.date


@dataclass(frozen=True, slots=True)
class Settings:
    """Site-wide settings from `content/site.yaml`."""

    title: dict[str, str]
    description: dict[str, str]
    base_url: str | None = None  # absolute, ending in "/"
    page_size: int = 10
    feed_length: int = 20
    organisation: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the site is made from, checked and ready to render."""

    settings: Settings
    posts: tuple[Post, ...]  # every published post, newest first, all languages
