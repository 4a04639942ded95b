"""The page-kind table: every kind of page the site publishes, declared once.

One entry per kind: its endpoint, its URL rules per language, its view, every page of it, its
counterpart in the other language and the posts it shows (see `pagekind.PageKind`). The app
registers its URL rules from this table, the freezer lists its pages from it, the sitemap and
the language switcher read it, and the build's input keys ask it which posts a page shows.
Adding a kind of page is one entry here plus its view and template.

URLs are a public interface: change nothing here without a redirect plan.
"""

from __future__ import annotations

from newsroom.content.files import FILES_FOLDER, IMAGES_PATH
from newsroom.web import selection as s
from newsroom.web.pagekind import PageKind, PageKinds
from newsroom.web.views import (
    feeds,
    files,
    images,
    news,
    schedule,
    search,
    sharing,
    standalone_pages,
)

KINDS = PageKinds(
    [
        PageKind(
            "root.index_redirect",
            s.paths("/"),
            news.index_redirect,
            s.once,
            site_wide=True,
            per_language=False,
        ),
        PageKind(
            "root.sitemap",
            s.paths("/sitemap.xml"),
            news.sitemap,
            s.once,
            site_wide=True,
            per_language=False,
        ),
        PageKind(
            "files.file",
            s.paths(f"/{FILES_FOLDER}/<path:filename>"),
            files.file,
            s.files,
            per_language=False,
            keyed=False,
        ),
        PageKind(
            "images.copy",
            s.paths(f"/{IMAGES_PATH}/<path:filename>"),
            images.copy,
            s.image_copies,
            per_language=False,
        ),
        # HTML pages of each language, in the sitemap's order.
        PageKind(
            "web.home",
            s.paths("/{lang}/"),
            news.home,
            s.per_language,
            s.same,
            posts_shown=s.home_posts,
        ),
        PageKind(
            "web.news",
            s.paths(("/{lang}/{news}/", {"page": 1}), "/{lang}/{news}/{page}/<int:page>/"),
            news.news,
            s.news_pages,
            s.news_counterpart,
            posts_shown=s.news_page_posts,
        ),
        PageKind(
            "web.post",
            s.paths("/{lang}/{news}/<slug>/"),
            news.post,
            s.posts,
            s.post_counterpart,
            posts_shown=s.the_post,
            with_text=True,
            searched=True,
        ),
        PageKind(
            "web.tags",
            s.paths("/{lang}/{tags}/"),
            news.tags,
            s.per_language,
            s.same,
            site_wide=True,
        ),
        PageKind(
            "web.tag",
            s.paths("/{lang}/{tags}/<slug>/"),
            news.tag,
            s.tags,
            s.tag_counterpart,
            posts_shown=s.tag_posts,
        ),
        PageKind(
            "web.archive",
            s.paths("/{lang}/{archive}/"),
            news.archive,
            s.per_language,
            s.same,
            site_wide=True,
        ),
        PageKind(
            "web.year",
            s.paths("/{lang}/{archive}/<int:year>/"),
            news.year,
            s.years,
            s.year_counterpart,
            posts_shown=s.year_posts,
        ),
        PageKind(
            "web.schedule",
            s.paths("/{lang}/{schedule}/"),
            schedule.schedule,
            s.schedule,
            s.same,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.supplier",
            s.paths("/{lang}/{schedule}/<supplier>/"),
            schedule.supplier,
            s.suppliers,
            s.same,
            posts_shown=s.supplier_posts,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.search",
            s.paths("/{lang}/{search}/"),
            search.search,
            s.per_language,
            s.same,
        ),
        PageKind(
            "web.not_found",
            s.paths("/{lang}/404.html"),
            news.not_found,
            s.per_language,
            s.same,
            site_wide=True,
            in_sitemap=False,
        ),
        # After the sections: Werkzeug matches their fixed segments before this variable one.
        PageKind(
            "web.page",
            s.paths("/{lang}/<slug>/"),
            standalone_pages.page,
            s.pages,
            s.page_counterpart,
            site_wide=True,
            searched=True,
        ),
        # Calendars and feeds of each language.
        PageKind(
            "web.calendar",
            s.paths("/{lang}/{schedule}.ics"),
            schedule.calendar,
            s.schedule,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.supplier_calendar",
            s.paths("/{lang}/{schedule}/<supplier>.ics"),
            schedule.supplier_calendar,
            s.suppliers,
            site_wide=True,
            needs_rollout=True,
        ),
        PageKind(
            "web.news_feed",
            s.feed_paths("/{lang}/{news}/"),
            feeds.news_feed_view,
            s.in_formats(s.per_language),
            posts_shown=s.fed(s.all_in_language),
            with_text=True,
        ),
        PageKind(
            "web.tag_feed",
            s.feed_paths("/{lang}/{tags}/<slug>/"),
            feeds.tag_feed_view,
            s.in_formats(s.tags),
            posts_shown=s.fed(s.tag_posts),
            with_text=True,
        ),
        PageKind(
            "web.supplier_feed",
            s.feed_paths("/{lang}/{schedule}/<supplier>/"),
            feeds.supplier_feed_view,
            s.in_formats(s.suppliers),
            posts_shown=s.fed(s.supplier_posts),
            with_text=True,
            needs_rollout=True,
        ),
        # The image of shared links, drawn from the site's title (web/share_card.py).
        PageKind(
            "web.share_card",
            s.paths("/{lang}/share.png"),
            sharing.share_card,
            s.share_cards,
        ),
    ]
)
"""Every kind of page, in the order the freezer lists them and the sitemap shows them."""
