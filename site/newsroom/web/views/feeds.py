"""RSS and Atom feeds per language, per topic and per supplier; their discovery links; `[[feeds]]`.

The views gather the posts and texts; `newsroom.feeds` writes the bytes.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import weakref
from dataclasses import dataclass
from typing import Any

from flask import abort, current_app, render_template, request
from markupsafe import Markup

from newsroom.content.dates import stamp
from newsroom.content.editor_texts import N_
from newsroom.content.settings import require_base_url
from newsroom.core.models import Post
from newsroom.web import feeds
from newsroom.web.embed import expand, resolve
from newsroom.web.i18n import template_functions
from newsroom.web.index import SiteIndex
from newsroom.web.links import absolute_url
from newsroom.web.selection import FEED_FILES
from newsroom.web.views import catalog, posts_shown, site_index

TYPES = {"rss": feeds.RSS_TYPE, "atom": feeds.ATOM_TYPE}
FORMAT_NAMES = {"rss": "RSS", "atom": "Atom"}


def _settings() -> Any:
    return site_index().settings


def _base_url() -> str:
    site_yaml = f"{current_app.config['CONTENT_DIR'].rstrip('/')}/site.yaml"
    why = N_("feeds need the site's public address for their absolute links")
    return require_base_url(current_app.config.get("BASE_URL"), site_yaml, why)


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """One feed of a language: its endpoint and values (without format), page and texts."""

    endpoint: str
    values: dict[str, Any]
    page_endpoint: str
    page_values: dict[str, Any]
    label: str  # plain language: "All news", "News on the topic livegang"
    name: str  # short, for titles: "News", "Topic: livegang"
    key: str  # the feed's part of its tag: id


def _rollout() -> Any:
    return site_index().content.rollout


def news_feed(lang: str) -> FeedInfo:
    _ = catalog(lang).gettext
    return FeedInfo(
        "web.news_feed",
        {"lang": lang},
        "web.news",
        {"lang": lang},
        _("All news"),
        _("News"),
        f"{lang}/feeds/news",
    )


def tag_feed(lang: str, slug: str) -> FeedInfo | None:
    tag = site_index().tag(lang, slug)
    if tag is None:
        return None
    _ = catalog(lang).gettext
    return FeedInfo(
        "web.tag_feed",
        {"lang": lang, "slug": slug},
        "web.tag",
        {"lang": lang, "slug": slug},
        _("News on the topic “%(name)s”") % {"name": tag.name},
        _("Topic: %(name)s") % {"name": tag.name},
        f"{lang}/feeds/topics/{slug}",
    )


def supplier_feed(lang: str, supplier_id: str) -> FeedInfo | None:
    data = _rollout()
    supplier = data.supplier(supplier_id) if data is not None else None
    if supplier is None:
        return None
    _ = catalog(lang).gettext
    return FeedInfo(
        "web.supplier_feed",
        {"lang": lang, "supplier": supplier.id},
        "web.supplier",
        {"lang": lang, "supplier": supplier.id},
        _("News about the connection of %(name)s") % {"name": supplier.name},
        _("Supplier: %(name)s") % {"name": supplier.name},
        f"{lang}/feeds/suppliers/{supplier.id}",
    )


def feeds_of(lang: str) -> list[FeedInfo]:
    """Every feed of a language, in the order the `[[feeds]]` list shows them."""
    index = site_index()
    found = [news_feed(lang)]
    found += [tag_feed(lang, tag.slug) for tag in index.tags(lang)]  # type: ignore[misc]
    data = _rollout()
    if data is not None:
        found += [supplier_feed(lang, s.id) for s in data.suppliers]  # type: ignore[misc]
    return found


_ENTRY_HTML: weakref.WeakKeyDictionary[SiteIndex, dict[tuple[str, str], str]] = (
    weakref.WeakKeyDictionary()
)


def _entry_html(post: Post, base_url: str) -> str:
    """The entry's content (once per build): the page's "updated" line when the post was
    updated, its body with its blocks expanded in their feed form, and its change notes at
    the end, so a reader shows why the entry came back; every address absolute."""
    # Per loaded content: a preview that reloads the content gets a new index, so a new cache.
    cache = _ENTRY_HTML.setdefault(site_index(), {})
    if post.key not in cache:
        permalink = absolute_url("web.post", lang=post.lang, slug=post.slug)
        here = base_url + request.path[1:]

        def made_absolute(fragment: str, lang: str) -> Markup:
            # Links to posts, pages and files by file name become absolute URLs first; the
            # editor's other relative links were written for the post's own page...
            fragment = feeds.absolutize(resolve(fragment, absolute=True), permalink, base_url)
            # ...and the blocks' links are made relative to the page being rendered: this feed.
            expanded = expand(fragment, lang, absolute=True, feed=True)
            return Markup(feeds.absolutize(expanded, here, base_url))

        html = render_template(
            "_feed_entry.html",
            lang=post.lang,
            post=post,
            expand=made_absolute,
            **template_functions(catalog(post.lang)),
        )
        cache[post.key] = html.strip()
    return cache[post.key]


def feed_title(site_title: str, name: str) -> str:
    """The feed's title without a word twice: "Nieuws RIO-vo – Onderwerp: livegang", but
    "Nieuws RIO-vo" for the news feed (not "Nieuws RIO-vo – Nieuws")."""
    if not site_title:
        return name
    words = set(re.findall(r"\w+", site_title.casefold()))
    if set(re.findall(r"\w+", name.casefold())) <= words:
        return site_title
    return f"{site_title} – {name}"


def build_feed(info: FeedInfo) -> feeds.Feed:
    base_url = _base_url()
    lang = info.values["lang"]
    settings = _settings()
    id_date = settings.feed_id_date
    authority = settings.feed_id_authority
    site_title = settings.title.get(lang, "")
    posts = posts_shown() or ()
    entries = tuple(
        feeds.FeedEntry(
            id=feeds.entry_id(base_url, id_date, post, authority),
            title=post.title,
            link=absolute_url("web.post", lang=lang, slug=post.slug),
            summary=post.summary,
            content_html=_entry_html(post, base_url),
            published=published(post),
            updated=updated(post),
            categories=post.tags,
        )
        for post in posts
    )
    description = settings.description.get(lang, "") if info.endpoint == "web.news_feed" else ""
    title = feed_title(site_title, info.name)
    _ = catalog(lang).gettext
    return feeds.Feed(
        id=feeds.tag_uri(base_url, id_date, info.key, authority),
        lang=lang,
        title=title,
        format_titles={
            fmt: _("%(feed)s (%(format)s feed)") % {"feed": title, "format": FORMAT_NAMES[fmt]}
            for fmt in FEED_FILES
        },
        description=description or info.label,
        page=absolute_url(info.page_endpoint, **info.page_values),
        rss_url=absolute_url(info.endpoint, **info.values, fmt="rss"),
        atom_url=absolute_url(info.endpoint, **info.values, fmt="atom"),
        author=settings.organisation.get(lang) or site_title or base_url,
        entries=entries,
        empty_updated=feeds.empty_date(id_date),
    )


def published(post: Post) -> dt.datetime:
    """When a feed says the post was published: its date (a date alone at noon)."""
    return stamp(post.date, post.date_only)


def updated(post: Post) -> dt.datetime:
    """When a feed says the post last changed in substance: its latest change note, else its
    `updated` field, else its date (a date alone at noon); never before it was published."""
    if post.updated is None:
        return published(post)
    return max(stamp(post.updated, post.updated_date_only), published(post))


def _respond(info: FeedInfo | None, fmt: str) -> tuple[bytes, int, dict[str, str]]:
    if info is None:
        abort(404)
    feed = build_feed(info)
    body = feeds.rss(feed) if fmt == "rss" else feeds.atom(feed)
    # The type a web server guesses from the file name, or Frozen-Flask warns (.xml differs
    # between machines: application/xml or text/xml).
    mimetype = mimetypes.guess_type(FEED_FILES[fmt])[0] or "application/xml"
    return body, 200, {"Content-Type": f"{mimetype}; charset=utf-8"}


def news_feed_view(lang: str, fmt: str) -> tuple[bytes, int, dict[str, str]]:
    return _respond(news_feed(lang), fmt)


def tag_feed_view(lang: str, slug: str, fmt: str) -> tuple[bytes, int, dict[str, str]]:
    return _respond(tag_feed(lang, slug), fmt)


def supplier_feed_view(lang: str, supplier: str, fmt: str) -> tuple[bytes, int, dict[str, str]]:
    return _respond(supplier_feed(lang, supplier), fmt)


def discovery(lang: str, endpoint: str | None, values: dict[str, Any]) -> list[dict[str, str]]:
    """The feeds a page announces in its head: the language's news, and its topic's or
    supplier's feed on that page."""
    found = [news_feed(lang)]
    if endpoint == "web.tag" and "slug" in values:
        found.append(tag_feed(lang, values["slug"]))  # type: ignore[arg-type]
    elif endpoint == "web.supplier" and "supplier" in values:
        found.append(supplier_feed(lang, values["supplier"]))  # type: ignore[arg-type]
    _ = catalog(lang).gettext
    links = []
    for info in found:
        if info is None:
            continue
        for fmt in FEED_FILES:
            links.append(
                {
                    "type": TYPES[fmt],
                    "title": _("%(feed)s (%(format)s feed)")
                    % {"feed": info.name, "format": FORMAT_NAMES[fmt]},
                    "href": absolute_url(info.endpoint, **info.values, fmt=fmt),
                }
            )
    return links


def feed_links(lang: str, endpoint: str | None, values: dict[str, Any] | None) -> list[dict]:
    return discovery(lang, endpoint, values or {})


def feeds_block(lang: str, argument: str | None) -> Markup:
    """`[[feeds]]`: every feed and calendar of the page's language, in plain words."""
    data = _rollout()
    calendars = []
    if data is not None:
        _ = catalog(lang).gettext
        calendars.append((_("The whole schedule"), "web.calendar", {"lang": lang}))
        for supplier in data.suppliers:
            calendars.append(
                (
                    _("The schedule of %(name)s") % {"name": supplier.name},
                    "web.supplier_calendar",
                    {"lang": lang, "supplier": supplier.id},
                )
            )
    html = render_template(
        "_feeds_block.html",
        lang=lang,
        feeds=feeds_of(lang),
        calendars=calendars,
        **template_functions(catalog(lang)),
    )
    return Markup(html)
