"""What each page of the site is made from, as one digest per page (its "input key").

A rebuild may reuse a page of the previous build when its key is unchanged. The key of every
page covers the code, templates and catalogs (`render_version`), the settings, the rollout
data, the standalone pages, the published files' names and the site's shape (which posts
exist, the topics' names); then, as its page kind declares (see `web.kinds`):

- the posts the page shows (`posts_shown`): in full where it shows their text (a post page, a
  feed), else without it (lists);
- for a site-wide kind (topics, archive, schedule, sitemap…): every post, without its text;
- which languages have the page (the language switcher and hreflang links);
- a static file (`static/`): its name (`render_version` covers the folder's bytes);
- the images a post or page shows (their digest: bytes and processing settings, and size);
  a copy of an image (`/afbeeldingen/…`): that image's digest and the code, nothing else, so
  an edited image remakes its copies and the pages that show it, and nothing more.

Content files (`bestanden/`) get no key: they are always fetched again and compared.
A build with drafts or future posts (a preview) depends on the clock, so it reuses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from flask import Flask

from newsroom.core.models import LANGUAGES, Post
from newsroom.loading.cache import digest_of, load_version, render_version
from newsroom.loading.images import shown_images
from newsroom.web.index import SiteIndex
from newsroom.web.pagekind import PageKinds

_META_FIELDS = tuple(f.name for f in fields(Post) if f.name != "body_html")
CONFIG_KEYS = ("BASE_URL", "DRAFTS", "FUTURE", "PREVIEW", "INDEX_LINKS")


def _meta(post: Post) -> str:
    return repr(tuple(getattr(post, name) for name in _META_FIELDS))


_remembered: dict[int, tuple[Post, str, str, str]] = {}
"""Each post's digests as the last keys made them, by the post object (held here, so its id
is not reused): (post, its images as shown, its digest without the text, with it). A post is
immutable, so a process that builds again with the same post objects (the watch, whose
content service keeps every unchanged post) digests only the posts that changed."""


class PageKeys:
    """The input key of each page of one app's site (None: always make the page again)."""

    def __init__(self, app: Flask) -> None:
        index: SiteIndex = app.extensions["newsroom"].index
        self.index = index
        self.kinds: PageKinds = app.extensions["newsroom.kinds"]
        config = app.config
        self.enabled = not (config["DRAFTS"] or config["FUTURE"] or config["PREVIEW"])
        content = index.content
        images = index.images

        def shown(body_html: str) -> str:
            return repr([images.get(path) for path in shown_images(body_html)])

        shape = (
            sorted(post.key for post in content.posts),
            [
                (lang, [(t.slug, t.name) for t in index.tags(lang)], index.years(lang))
                for lang in LANGUAGES
            ],
            [(lang, index.news_page_count(lang)) for lang in LANGUAGES],
        )
        self.base = digest_of(
            render_version(),
            repr([(name, config.get(name)) for name in CONFIG_KEYS]),
            repr(content.settings),
            repr(content.rollout),
            repr(content.statement),
            repr(content.pages),
            *(shown(page.body_html) for page in content.pages),
            repr(list(content.files)),
            repr(shape),
        )
        global _remembered
        known, _remembered = _remembered, {}
        self._meta, self._full = {}, {}
        for post in content.posts:
            seen = shown(post.body_html)
            digests = known.get(id(post))
            if digests is None or digests[0] is not post or digests[1] != seen:
                meta = digests[2] if digests and digests[0] is post else digest_of(_meta(post))
                digests = (post, seen, meta, digest_of(meta, post.body_html, seen))
            _remembered[id(post)] = digests
            self._meta[post.key], self._full[post.key] = digests[2], digests[3]
        self._all = self._digest(self._meta, content.posts)

    def _digest(self, table: dict[tuple[str, str], str], posts: Iterable[Post]) -> str:
        return digest_of(self.base, *(table[post.key] for post in posts))

    def key(self, endpoint: str | None, values: dict[str, Any]) -> str | None:
        """The input key of the page `endpoint` with `values`."""
        if not self.enabled or endpoint is None:
            return None
        if endpoint == "static":
            return digest_of(self.base, endpoint, str(values.get("filename", "")))
        if endpoint == "images.copy":
            path = str(values.get("filename", "")).rpartition("/")[0]
            image = self.index.images.get(path)
            return digest_of(load_version(), endpoint, repr(image), repr(values)) if image else None
        kind = self.kinds.get(endpoint)
        if kind is None or not kind.keyed:
            return None
        posts = kind.posts_shown(self.index, values)
        if posts is None:
            return None  # no such page: whatever it answers, fetch it
        table = self._full if kind.with_text else self._meta
        parts = [table[post.key] for post in posts]
        if kind.site_wide:
            parts.append(self._all)
        if kind.is_html:
            # The language switcher and hreflang links: which languages have this page.
            parts.append(repr(self.kinds.alternates(self.index, endpoint, values)))
        return digest_of(self.base, endpoint, *parts)  # one digest per page: there are many
