"""The public URL scheme: every page, in every language, and its counterpart in the other.

URLs are a public interface: change nothing here without a redirect plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .index import SiteIndex
from .models import LANGUAGES

# Localized path segments per language.
SECTIONS: dict[str, dict[str, str]] = {
    "nl": {
        "news": "nieuws",
        "page": "pagina",
        "tags": "onderwerpen",
        "archive": "archief",
        "schedule": "planning",
    },
    "en": {
        "news": "news",
        "page": "page",
        "tags": "topics",
        "archive": "archive",
        "schedule": "schedule",
    },
}

Values = dict[str, Any]


def reserved_segments() -> set[str]:
    """Path segments of the site's sections, in every language: no page may use them.

    Read at load time, so sections added to SECTIONS by any feature are reserved too.
    """
    return {segment for segments in SECTIONS.values() for segment in segments.values()}


@dataclass(frozen=True, slots=True)
class PageKind:
    """One kind of page: its endpoint, every instance of it, and its twin in another language.

    `generate` yields the URL values of every page of this kind (all languages).
    `counterpart` returns the values of the same page in `lang`, or None when there is none.
    """

    endpoint: str
    generate: Callable[[SiteIndex], Iterator[Values]]
    counterpart: Callable[[SiteIndex, Values, str], Values | None]
    in_sitemap: bool = True


def _per_language(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        yield {"lang": lang}


def _same(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {**values, "lang": lang}


def _news_pages(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for number in range(1, index.page_count(lang) + 1):
            yield {"lang": lang, "page": number}


def _news_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    page = values.get("page", 1)
    return {"lang": lang, "page": page} if page <= index.page_count(lang) else None


def _posts(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for post in index.posts(lang):
            yield {"lang": lang, "slug": post.slug}


def _post_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "slug": values["slug"]} if index.post(lang, values["slug"]) else None


def _tags(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for tag in index.tags(lang):
            yield {"lang": lang, "slug": tag.slug}


def _tag_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "slug": values["slug"]} if index.tag(lang, values["slug"]) else None


def _years(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for year in index.years(lang):
            yield {"lang": lang, "year": year}


def _year_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "year": values["year"]} if index.year(lang, values["year"]) else None


def _schedule(index: SiteIndex) -> Iterator[Values]:
    if index.content.rollout is not None:
        yield from _per_language(index)


def _suppliers(index: SiteIndex) -> Iterator[Values]:
    rollout = index.content.rollout
    if rollout is None:
        return
    for lang in LANGUAGES:
        for supplier in rollout.suppliers:
            yield {"lang": lang, "supplier": supplier.id}


def _pages(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for page in index.pages.all(lang):
            yield {"lang": lang, "slug": page.url_slug}


def _page_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    # Translations share the file slug; each language has its own URL slug.
    page = index.pages.at(values["lang"], values["slug"])
    twin = index.pages.translation(page, lang) if page else None
    return {"lang": lang, "slug": twin.url_slug} if twin else None


PAGE_KINDS: list[PageKind] = [
    PageKind("web.home", _per_language, _same),
    PageKind("web.news", _news_pages, _news_counterpart),
    PageKind("web.post", _posts, _post_counterpart),
    PageKind("web.tags", _per_language, _same),
    PageKind("web.tag", _tags, _tag_counterpart),
    PageKind("web.archive", _per_language, _same),
    PageKind("web.year", _years, _year_counterpart),
    PageKind("web.schedule", _schedule, _same),
    PageKind("web.supplier", _suppliers, _same),
    PageKind("web.not_found", _per_language, _same, in_sitemap=False),
    PageKind("web.page", _pages, _page_counterpart),
]
"""Every kind of HTML page; features add theirs here. The freezer and sitemap read this list."""


@dataclass(frozen=True, slots=True)
class FileKind:
    """A kind of non-HTML file (calendar, feed): its endpoint and every instance of it."""

    endpoint: str
    generate: Callable[[SiteIndex], Iterator[Values]]


def _in_formats(generate: Callable[[SiteIndex], Iterator[Values]]) -> Callable:
    """Each feed in both of its formats: RSS (`fmt: rss`) and Atom (`fmt: atom`)."""

    def generate_both(index: SiteIndex) -> Iterator[Values]:
        for values in generate(index):
            for fmt in FEED_FORMATS:
                yield {**values, "fmt": fmt}

    return generate_both


FEED_FORMATS = ("rss", "atom")

FILE_KINDS: list[FileKind] = [
    FileKind("web.calendar", _schedule),
    FileKind("web.supplier_calendar", _suppliers),
    FileKind("web.news_feed", _in_formats(_per_language)),
    FileKind("web.tag_feed", _in_formats(_tags)),
    FileKind("web.supplier_feed", _in_formats(_suppliers)),
]
"""Every kind of non-HTML file under a language; the freezer reads this list."""


def kind(endpoint: str) -> PageKind:
    for page_kind in PAGE_KINDS:
        if page_kind.endpoint == endpoint:
            return page_kind
    raise KeyError(endpoint)


def alternates(index: SiteIndex, endpoint: str, values: Values) -> dict[str, Values | None]:
    """The values of this page in every language (None where it has no translation)."""
    page_kind = kind(endpoint)
    return {lang: page_kind.counterpart(index, values, lang) for lang in LANGUAGES}
