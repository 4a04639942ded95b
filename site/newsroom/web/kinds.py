"""The page-kind table: every kind of page the site publishes, declared once.

One entry per kind: its endpoint, its URL rules per language, its view, every page of it, its
counterpart in the other language and the posts it shows (see `pagekind.PageKind`). The app
registers its URL rules from this table, the freezer lists its pages from it, the sitemap and
the language switcher read it, and the build's input keys ask it which posts a page shows.
Adding a kind of page is one entry here plus its view and template.

URLs are a public interface: change nothing here without a redirect plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from newsroom.content.fields import AMSTERDAM
from newsroom.content.files import FILES_FOLDER
from newsroom.core.models import LANGUAGES, Post
from newsroom.core.sections import SECTIONS
from newsroom.web.feeds import feed_posts
from newsroom.web.index import SiteIndex
from newsroom.web.pagekind import PageKind, PageKinds, Rule, Values
from newsroom.web.views import feeds, files, news, pages, schedule

FEED_FILES = feeds.FILES


# URL rules ------------------------------------------------------------------------------


def _paths(*patterns: str | tuple[str, Values]) -> Callable[[str], list[Rule]]:
    """Rules from patterns with `{lang}` and the section names (`{news}`, `{tags}`…)."""

    def rules(lang: str) -> list[Rule]:
        found = []
        for pattern in patterns:
            path, defaults = pattern if isinstance(pattern, tuple) else (pattern, {})
            found.append((path.format(lang=lang, **SECTIONS.get(lang, {})), defaults))
        return found

    return rules


def _feed_paths(pattern: str) -> Callable[[str], list[Rule]]:
    """A feed's rules: one per format, its file name at the end of `pattern`."""
    return _paths(*((pattern + file, {"fmt": fmt}) for fmt, file in FEED_FILES.items()))


# Every page of a kind --------------------------------------------------------------------


def _once(index: SiteIndex) -> Iterator[Values]:
    yield {}


def _per_language(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        yield {"lang": lang}


def _news_pages(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for number in range(1, index.news_page_count(lang) + 1):
            yield {"lang": lang, "page": number}


def _posts(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for post in index.posts(lang):
            yield {"lang": lang, "slug": post.slug}


def _tags(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for tag in index.tags(lang):
            yield {"lang": lang, "slug": tag.slug}


def _years(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for year in index.years(lang):
            yield {"lang": lang, "year": year}


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


def _files(index: SiteIndex) -> Iterator[Values]:
    for filename in index.content.files:
        yield {"filename": filename}


def _in_formats(generate: Callable[[SiteIndex], Iterator[Values]]) -> Callable:
    """Each feed in both of its formats: RSS (`fmt: rss`) and Atom (`fmt: atom`)."""

    def generate_both(index: SiteIndex) -> Iterator[Values]:
        for values in generate(index):
            for fmt in FEED_FILES:
                yield {**values, "fmt": fmt}

    return generate_both


# The same page in another language -------------------------------------------------------


def _same(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {**values, "lang": lang}


def _news_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    page = values.get("page", 1)
    return {"lang": lang, "page": page} if page <= index.news_page_count(lang) else None


def _post_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "slug": values["slug"]} if index.post(lang, values["slug"]) else None


def _tag_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "slug": values["slug"]} if index.tag(lang, values["slug"]) else None


def _year_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "year": values["year"]} if index.year(lang, values["year"]) else None


def _page_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    # Translations share the file slug; each language has its own URL slug.
    page = index.pages.at(values["lang"], values["slug"])
    twin = index.pages.translation(page, lang) if page else None
    return {"lang": lang, "slug": twin.url_slug} if twin else None


# The posts a page shows --------------------------------------------------------------------


def _home_posts(index: SiteIndex, values: Values) -> Sequence[Post]:
    return index.posts(values["lang"])[: index.settings.page_size]


def _news_page_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    number = values.get("page", 1)
    if number < 1 or number > index.news_page_count(values["lang"]):
        return None
    return index.news_page(values["lang"], number)


def _the_post(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    post = index.post(values["lang"], values.get("slug", ""))
    return None if post is None else (post,)


def _tag_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    tag = index.tag(values["lang"], values.get("slug", ""))
    return None if tag is None else tag.posts


def _year_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    return index.year(values["lang"], values.get("year", 0)) or None


def _supplier_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    rollout = index.content.rollout
    supplier = values.get("supplier")
    if rollout is None or rollout.supplier(supplier) is None:
        return None
    return tuple(post for post in index.posts(values["lang"]) if supplier in post.suppliers)


def _fed(candidates: Callable[[SiteIndex, Values], Sequence[Post] | None]) -> Callable:
    """The posts a feed carries: the newest `feed_length` of `candidates` (published ones)."""

    def posts_shown(index: SiteIndex, values: Values) -> Sequence[Post] | None:
        chosen = candidates(index, values)
        if chosen is None:
            return None
        return feed_posts(chosen, index.settings.feed_length, dt.datetime.now(AMSTERDAM))

    return posts_shown


def _all_in_language(index: SiteIndex, values: Values) -> Sequence[Post]:
    return index.posts(values["lang"])


# The table -------------------------------------------------------------------------------

KINDS = PageKinds(
    [
        PageKind(
            "root.index_redirect",
            _paths("/"),
            news.index_redirect,
            _once,
            site_wide=True,
            per_language=False,
        ),
        PageKind(
            "root.sitemap",
            _paths("/sitemap.xml"),
            news.sitemap,
            _once,
            site_wide=True,
            per_language=False,
        ),
        PageKind(
            "files.file",
            _paths(f"/{FILES_FOLDER}/<path:filename>"),
            files.file,
            _files,
            per_language=False,
            keyed=False,
        ),
        # HTML pages of each language, in the sitemap's order.
        PageKind(
            "web.home",
            _paths("/{lang}/"),
            news.home,
            _per_language,
            _same,
            posts_shown=_home_posts,
        ),
        PageKind(
            "web.news",
            _paths(("/{lang}/{news}/", {"page": 1}), "/{lang}/{news}/{page}/<int:page>/"),
            news.news,
            _news_pages,
            _news_counterpart,
            posts_shown=_news_page_posts,
        ),
        PageKind(
            "web.post",
            _paths("/{lang}/{news}/<slug>/"),
            news.post,
            _posts,
            _post_counterpart,
            posts_shown=_the_post,
            with_text=True,
        ),
        PageKind(
            "web.tags", _paths("/{lang}/{tags}/"), news.tags, _per_language, _same, site_wide=True
        ),
        PageKind(
            "web.tag",
            _paths("/{lang}/{tags}/<slug>/"),
            news.tag,
            _tags,
            _tag_counterpart,
            posts_shown=_tag_posts,
        ),
        PageKind(
            "web.archive",
            _paths("/{lang}/{archive}/"),
            news.archive,
            _per_language,
            _same,
            site_wide=True,
        ),
        PageKind(
            "web.year",
            _paths("/{lang}/{archive}/<int:year>/"),
            news.year,
            _years,
            _year_counterpart,
            posts_shown=_year_posts,
        ),
        PageKind(
            "web.schedule",
            _paths("/{lang}/{schedule}/"),
            schedule.schedule,
            _schedule,
            _same,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.supplier",
            _paths("/{lang}/{schedule}/<supplier>/"),
            schedule.supplier,
            _suppliers,
            _same,
            posts_shown=_supplier_posts,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.not_found",
            _paths("/{lang}/404.html"),
            news.not_found,
            _per_language,
            _same,
            site_wide=True,
            in_sitemap=False,
        ),
        # After the sections: Werkzeug matches their fixed segments before this variable one.
        PageKind(
            "web.page",
            _paths("/{lang}/<slug>/"),
            pages.page,
            _pages,
            _page_counterpart,
            site_wide=True,
        ),
        # Calendars and feeds of each language.
        PageKind(
            "web.calendar",
            _paths("/{lang}/{schedule}.ics"),
            schedule.calendar,
            _schedule,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.supplier_calendar",
            _paths("/{lang}/{schedule}/<supplier>.ics"),
            schedule.supplier_calendar,
            _suppliers,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.news_feed",
            _feed_paths("/{lang}/{news}/"),
            feeds.news_feed_view,
            _in_formats(_per_language),
            posts_shown=_fed(_all_in_language),
            with_text=True,
        ),
        PageKind(
            "web.tag_feed",
            _feed_paths("/{lang}/{tags}/<slug>/"),
            feeds.tag_feed_view,
            _in_formats(_tags),
            posts_shown=_fed(_tag_posts),
            with_text=True,
        ),
        PageKind(
            "web.supplier_feed",
            _feed_paths("/{lang}/{schedule}/<supplier>/"),
            feeds.supplier_feed_view,
            _in_formats(_suppliers),
            posts_shown=_fed(_supplier_posts),
            with_text=True,
            needs_rollout=True,
        ),
    ]
)
"""Every kind of page, in the order the freezer lists them and the sitemap shows them."""
