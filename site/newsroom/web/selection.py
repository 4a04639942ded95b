"""The parts page kinds are made of: URL rules, every page of a kind, the same page in the
other language, and the posts a page shows. Only the page-kind table (`kinds`) uses them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from newsroom.content.dates import AMSTERDAM
from newsroom.core.models import LANGUAGES, Post
from newsroom.core.sections import SECTIONS
from newsroom.web.feeds import feed_posts
from newsroom.web.index import SiteIndex
from newsroom.web.pagekind import Rule, Values

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml"}
"""Each feed in both formats: RSS 2.0 at …/feed.xml, Atom 1.0 at …/atom.xml."""


# URL rules ------------------------------------------------------------------------------


def paths(*patterns: str | tuple[str, Values]) -> Callable[[str], list[Rule]]:
    """Rules from patterns with `{lang}` and the section names (`{news}`, `{tags}`…)."""

    def rules(lang: str) -> list[Rule]:
        found = []
        for pattern in patterns:
            path, defaults = pattern if isinstance(pattern, tuple) else (pattern, {})
            found.append((path.format(lang=lang, **SECTIONS.get(lang, {})), defaults))
        return found

    return rules


def feed_paths(pattern: str) -> Callable[[str], list[Rule]]:
    """A feed's rules: one per format, its file name at the end of `pattern`."""
    return paths(*((pattern + file, {"fmt": fmt}) for fmt, file in FEED_FILES.items()))


# Every page of a kind --------------------------------------------------------------------


def once(index: SiteIndex) -> Iterator[Values]:
    yield {}


def per_language(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        yield {"lang": lang}


def news_pages(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for number in range(1, index.news_page_count(lang) + 1):
            yield {"lang": lang, "page": number}


def posts(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for post in index.posts(lang):
            yield {"lang": lang, "slug": post.slug}


def tags(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for tag in index.tags(lang):
            yield {"lang": lang, "slug": tag.slug}


def years(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for year in index.years(lang):
            yield {"lang": lang, "year": year}


def schedule(index: SiteIndex) -> Iterator[Values]:
    if index.content.rollout is not None:
        yield from per_language(index)


def share_cards(index: SiteIndex) -> Iterator[Values]:
    """The default share image of each language, unless site.yaml names an image of its own."""
    if index.settings.share_image is None:
        yield from per_language(index)


def suppliers(index: SiteIndex) -> Iterator[Values]:
    rollout = index.content.rollout
    if rollout is None:
        return
    for lang in LANGUAGES:
        for supplier in rollout.suppliers:
            yield {"lang": lang, "supplier": supplier.id}


def pages(index: SiteIndex) -> Iterator[Values]:
    for lang in LANGUAGES:
        for page in index.pages.all(lang):
            yield {"lang": lang, "slug": page.url_slug}


def files(index: SiteIndex) -> Iterator[Values]:
    for filename in index.content.files:
        yield {"filename": filename}


def image_copies(index: SiteIndex) -> Iterator[Values]:
    for info in index.content.images:
        for width in info.widths:
            for fmt in info.formats:
                yield {"filename": info.copy_name(width, fmt)}


def in_formats(generate: Callable[[SiteIndex], Iterator[Values]]) -> Callable:
    """Each feed in both of its formats: RSS (`fmt: rss`) and Atom (`fmt: atom`)."""

    def generate_both(index: SiteIndex) -> Iterator[Values]:
        for values in generate(index):
            for fmt in FEED_FILES:
                yield {**values, "fmt": fmt}

    return generate_both


# The same page in another language -------------------------------------------------------


def same(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {**values, "lang": lang}


def news_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    page = values.get("page", 1)
    return {"lang": lang, "page": page} if page <= index.news_page_count(lang) else None


def post_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "slug": values["slug"]} if index.post(lang, values["slug"]) else None


def tag_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    # The same topic: site.yaml's `tags:` (livegang <-> go-live), else the same name.
    mapped = index.settings.tag_counterpart(values["slug"], values["lang"], lang)
    for slug in (mapped, values["slug"]):
        if slug is not None and index.tag(lang, slug):
            return {"lang": lang, "slug": slug}
    return None


def year_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    return {"lang": lang, "year": values["year"]} if index.year(lang, values["year"]) else None


def page_counterpart(index: SiteIndex, values: Values, lang: str) -> Values | None:
    # Translations share the file slug; each language has its own URL slug.
    page = index.pages.at(values["lang"], values["slug"])
    twin = index.pages.translation(page, lang) if page else None
    return {"lang": lang, "slug": twin.url_slug} if twin else None


# The posts a page shows --------------------------------------------------------------------


def home_posts(index: SiteIndex, values: Values) -> Sequence[Post]:
    return index.posts(values["lang"])[: index.settings.page_size]


def news_page_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    number = values.get("page", 1)
    if number < 1 or number > index.news_page_count(values["lang"]):
        return None
    return index.news_page(values["lang"], number)


def the_post(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    post = index.post(values["lang"], values.get("slug", ""))
    return None if post is None else (post,)


def tag_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    tag = index.tag(values["lang"], values.get("slug", ""))
    return None if tag is None else tag.posts


def year_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    return index.year(values["lang"], values.get("year", 0)) or None


def supplier_posts(index: SiteIndex, values: Values) -> Sequence[Post] | None:
    rollout = index.content.rollout
    supplier = values.get("supplier")
    if rollout is None or rollout.supplier(supplier) is None:
        return None
    return tuple(post for post in index.posts(values["lang"]) if supplier in post.suppliers)


def fed(candidates: Callable[[SiteIndex, Values], Sequence[Post] | None]) -> Callable:
    """The posts a feed carries: the newest `feed_length` of `candidates` (published ones)."""

    def posts_shown(index: SiteIndex, values: Values) -> Sequence[Post] | None:
        chosen = candidates(index, values)
        if chosen is None:
            return None
        return feed_posts(chosen, index.settings.feed_length, dt.datetime.now(AMSTERDAM))

    return posts_shown


def all_in_language(index: SiteIndex, values: Values) -> Sequence[Post]:
    return index.posts(values["lang"])
