"""What each page of the site is made from, as one digest per page (its "input key").

A rebuild may reuse a page of the previous build when its key is unchanged. The key of every
page covers the code, templates and translations (`render_version`), the settings, the rollout
data, the standalone pages and the site's shape (which posts exist, the topics' names); then:

- a post page: the post itself, in full;
- a list (home, news pages, a topic, a year): the posts on it, without their text;
- a feed: the posts it carries (the newest `feed_length`), in full (entries carry the text);
- every other page (topics, archive, schedule, sitemap…): every post, without its text;
- a static file (`static/`): its name (`render_version` covers the folder's bytes).

Content files (`bestanden/`) get no key: they are always fetched again and compared.
A build with drafts or future posts (a preview) depends on the clock, so it reuses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from flask import Flask

from . import urls
from .cache import digest_of, render_version
from .feeds import feed_posts
from .fields import AMSTERDAM
from .index import SiteIndex
from .models import LANGUAGES, Post

_META_FIELDS = tuple(f.name for f in fields(Post) if f.name != "body_html")
CONFIG_KEYS = ("BASE_URL", "DRAFTS", "FUTURE", "PREVIEW", "INDEX_LINKS")
LISTED = {"web.home", "web.news", "web.tag", "web.year"}
FEEDS = {"web.news_feed", "web.tag_feed", "web.supplier_feed"}
WHOLE_SITE = {
    "web.tags",
    "web.archive",
    "web.schedule",
    "web.supplier",
    "web.page",
    "web.not_found",
    "web.calendar",
    "web.supplier_calendar",
    "root.index_redirect",
    "root.sitemap",
}


def _meta(post: Post) -> str:
    return repr(tuple(getattr(post, name) for name in _META_FIELDS))


class PageKeys:
    """The input key of each page of one app's site (None: always make the page again)."""

    def __init__(self, app: Flask) -> None:
        index: SiteIndex = app.extensions["newsroom"].index
        self.index = index
        self.page_endpoints = {kind.endpoint for kind in urls.PAGE_KINDS}
        config = app.config
        self.enabled = not (config["DRAFTS"] or config["FUTURE"] or config["PREVIEW"])
        content = index.content
        shape = (
            sorted(post.key for post in content.posts),
            [
                (lang, [(t.slug, t.name) for t in index.tags(lang)], index.years(lang))
                for lang in LANGUAGES
            ],
            [(lang, index.page_count(lang)) for lang in LANGUAGES],
        )
        files = []
        if "files" in app.blueprints:
            from .views.files import files_dir, published_files

            files = list(published_files(files_dir(app)))
        self.base = digest_of(
            render_version(),
            repr([(name, config.get(name)) for name in CONFIG_KEYS]),
            repr(content.settings),
            repr(content.rollout),
            repr(content.pages),
            repr(files),
            repr(shape),
        )
        self._meta = {post.key: digest_of(_meta(post)) for post in content.posts}
        self._full = {
            post.key: digest_of(self._meta[post.key], post.body_html) for post in content.posts
        }
        self._all = self._digest(self._meta, content.posts)

    def _digest(self, table: dict[tuple[str, str], str], posts: Iterable[Post]) -> str:
        return digest_of(self.base, *(table[post.key] for post in posts))

    def key(self, endpoint: str | None, values: dict[str, Any]) -> str | None:
        """The input key of the page `endpoint` with `values`."""
        if not self.enabled or endpoint is None:
            return None
        parts = self._parts(endpoint, values)
        if parts is None:
            return None
        if endpoint in self.page_endpoints:
            # The language switcher and hreflang links: which languages have this page.
            parts.append(repr(urls.alternates(self.index, endpoint, values)))
        return digest_of(self.base, endpoint, *parts)  # one digest per page: there are many

    def _parts(self, endpoint: str, values: dict[str, Any]) -> list[str] | None:
        """What the page is made of besides `base`, as digests (None: no key)."""
        index = self.index
        lang = values.get("lang", "")
        if endpoint == "web.post":
            post = index.post(lang, values.get("slug", ""))
            return None if post is None else [self._full[post.key]]
        if endpoint in LISTED:
            posts = self._listed(endpoint, lang, values)
            return None if posts is None else [self._meta[post.key] for post in posts]
        if endpoint in FEEDS:
            posts = self._fed(endpoint, lang, values)
            return None if posts is None else [self._full[post.key] for post in posts]
        if endpoint in WHOLE_SITE:
            return [self._all]
        if endpoint == "static":
            return [str(values.get("filename", ""))]
        return None

    def _listed(self, endpoint: str, lang: str, values: dict[str, Any]) -> Iterable[Post] | None:
        index = self.index
        if endpoint == "web.home":
            return index.posts(lang)[: index.settings.page_size]
        if endpoint == "web.news":
            return index.page(lang, values.get("page", 1))
        if endpoint == "web.tag":
            tag = index.tag(lang, values.get("slug", ""))
            return tag.posts if tag else None
        return index.year(lang, values.get("year", 0))

    def _fed(self, endpoint: str, lang: str, values: dict[str, Any]) -> Iterable[Post] | None:
        index = self.index
        if endpoint == "web.tag_feed":
            tag = index.tag(lang, values.get("slug", ""))
            if tag is None:
                return None
            candidates: Iterable[Post] = tag.posts
        elif endpoint == "web.supplier_feed":
            supplier = values.get("supplier")
            candidates = [post for post in index.posts(lang) if supplier in post.suppliers]
        else:
            candidates = index.posts(lang)
        # The same choice as the feed's view makes (views.feeds.build_feed).
        length = index.settings.feed_length
        return feed_posts(candidates, length, dt.datetime.now(AMSTERDAM))
