"""The news pages: home, news index, posts, topics, archive, 404, root and sitemap."""

from __future__ import annotations

import mimetypes
from typing import Any

from flask import abort, render_template

from newsroom.core.models import LANGUAGES
from newsroom.web.i18n import request_language
from newsroom.web.views import page_kinds, posts_shown, render, site_index


def home(lang: str) -> tuple[str, int]:
    return render("home.html", lang, posts=posts_shown())


def news(lang: str, page: int) -> tuple[str, int]:
    posts = posts_shown()
    if posts is None:
        abort(404)
    count = site_index().news_page_count(lang)
    return render("news.html", lang, posts=posts, page=page, page_count=count)


def post(lang: str, slug: str) -> tuple[str, int]:
    shown = posts_shown()
    if not shown:
        abort(404)
    index = site_index()
    item = shown[0]
    tags = [index.tag_of(lang, name) for name in item.tags]
    return render("post.html", lang, post=item, tags=tags)


def tags(lang: str) -> tuple[str, int]:
    return render("tags.html", lang, tags=site_index().tags(lang))


def tag(lang: str, slug: str) -> tuple[str, int]:
    item = site_index().tag(lang, slug)
    posts = posts_shown()
    if item is None or posts is None:
        abort(404)
    return render("tag.html", lang, tag=item, posts=posts)


def archive(lang: str) -> tuple[str, int]:
    index = site_index()
    years = [(year, len(index.year(lang, year))) for year in index.years(lang)]
    return render("archive.html", lang, years=years)


def year(lang: str, year: int) -> tuple[str, int]:
    posts = posts_shown()
    if not posts:
        abort(404)
    return render("year.html", lang, year=year, posts=posts)


def not_found(lang: str) -> tuple[str, int]:
    # Frozen as a normal file; a web server sends it with status 404.
    return render("404.html", lang)


def resolve_post_link(slug: str, lang: str) -> tuple[str, dict[str, Any]] | None:
    """Where `[tekst](<slug>.<lang>.md)` leads: the post's address."""
    return ("web.post", {"lang": lang, "slug": slug})


def index_redirect() -> str:
    """A static host can't negotiate languages: send readers to Dutch, offer both."""
    return render_template("root.html", settings=site_index().settings, languages=LANGUAGES)


def sitemap() -> tuple[str, int, dict[str, str]]:
    xml = render_template("sitemap.xml", entries=list(page_kinds().sitemap(site_index())))
    # The type this machine's web server would guess, or Frozen-Flask warns (it differs per OS).
    mimetype = mimetypes.guess_type("sitemap.xml")[0] or "application/xml"
    return xml, 200, {"Content-Type": f"{mimetype}; charset=utf-8"}


def page_not_found(error: Exception) -> tuple[str, int]:
    """Unknown URLs in the preview server: the 404 page of the language in the path."""
    lang = request_language()
    return render("404.html", lang, status=404, endpoint="web.not_found", values={"lang": lang})
