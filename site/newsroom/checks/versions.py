"""Which posts exist in which language, and which translations are missing or outdated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsroom.content.editor_texts import N_, _
from newsroom.core.models import LANGUAGES, Post, StandalonePage


@dataclass(frozen=True, slots=True)
class TranslationRow:
    """One post (one slug) across the languages.

    The source is the version published first (Dutch on a tie: the site is Dutch first); a
    translation is outdated when the source changed (its latest change note, else `updated`,
    else `date`) after it did.
    """

    slug: str
    versions: tuple[Post, ...]  # in LANGUAGES order
    source: Post
    missing: tuple[str, ...]
    outdated: tuple[str, ...]
    # Translations still a draft while the source is published: readers miss them.
    drafts: tuple[str, ...] = ()

    def version(self, lang: str) -> Post | None:
        return next((p for p in self.versions if p.lang == lang), None)

    def status(self, lang: str) -> str:
        """ "source", "translated", "outdated", "draft" or "missing"."""
        if lang in self.missing:
            return "missing"
        if lang in self.drafts:
            return "draft"
        if lang in self.outdated:
            return "outdated"
        return "source" if lang == self.source.lang else "translated"

    @property
    def complete(self) -> bool:
        return not self.missing and not self.outdated and not self.drafts


def translation_table(posts: Iterable[Post]) -> tuple[TranslationRow, ...]:
    """One row per slug, newest source first."""
    by_slug: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        by_slug[post.slug].append(post)
    rows = []
    for slug, found in by_slug.items():
        versions = tuple(sorted(found, key=lambda p: LANGUAGES.index(p.lang)))
        source = min(versions, key=lambda p: (p.date, LANGUAGES.index(p.lang)))
        rows.append(
            TranslationRow(
                slug=slug,
                versions=versions,
                source=source,
                missing=tuple(lang for lang in LANGUAGES if lang not in {p.lang for p in found}),
                outdated=tuple(
                    p.lang
                    for p in versions
                    if p is not source and p.last_changed < source.last_changed
                ),
                drafts=tuple(
                    p.lang for p in versions if p is not source and p.draft and not source.draft
                ),
            )
        )
    rows.sort(key=lambda row: (-row.source.date.timestamp(), row.slug))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class StandalonePageRow:
    """One page (one file-name slug) across the languages."""

    slug: str
    versions: tuple[StandalonePage, ...]  # in LANGUAGES order
    missing: tuple[str, ...]

    def version(self, lang: str) -> StandalonePage | None:
        return next((p for p in self.versions if p.lang == lang), None)

    def status(self, lang: str) -> str:
        """ "translated" or "missing" (pages have no date to tell a source by)."""
        return "missing" if lang in self.missing else "translated"

    @property
    def complete(self) -> bool:
        return not self.missing


def standalone_page_table(pages: Iterable[StandalonePage]) -> tuple[StandalonePageRow, ...]:
    """One row per page slug, in slug order."""
    by_slug: dict[str, list[StandalonePage]] = defaultdict(list)
    for page in pages:
        by_slug[page.slug].append(page)
    return tuple(
        StandalonePageRow(
            slug=slug,
            versions=tuple(sorted(found, key=lambda p: LANGUAGES.index(p.lang))),
            missing=tuple(lang for lang in LANGUAGES if lang not in {p.lang for p in found}),
        )
        for slug, found in sorted(by_slug.items())
    )


LANGUAGE_NAMES = {"nl": N_("Dutch"), "en": N_("English")}


def language_name(lang: str | None) -> str:
    """The name of a language in the editors' language ("Engels", "English")."""
    return _(LANGUAGE_NAMES[lang]) if lang in LANGUAGE_NAMES else str(lang)
