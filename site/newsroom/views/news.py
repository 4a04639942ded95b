"""The news pages: home, news index, posts, topics, archive, 404, root and sitemap."""

from __future__ import annotations

import mimetypes

from flask import abort, render_template, request

from .. import urls
from ..models import LANGUAGES
from . import add_rules, render, root, site_index


def _add_rules() -> None:
    """One URL rule per language and page kind, with the language's own path segments."""
    for lang in LANGUAGES:
        s = urls.SECTIONS[lang]
        rules = [
            ("/{lang}/", "home", {}),
            ("/{lang}/{news}/", "news", {"page": 1}),
            ("/{lang}/{news}/{page}/<int:page>/", "news", {}),
            ("/{lang}/{news}/<slug>/", "post", {}),
            ("/{lang}/{tags}/", "tags", {}),
            ("/{lang}/{tags}/<slug>/", "tag", {}),
            ("/{lang}/{archive}/", "archive", {}),
            ("/{lang}/{archive}/<int:year>/", "year", {}),
            ("/{lang}/404.html", "not_found", {}),
        ]
        for pattern, name, defaults in rules:
            add_rules(name, VIEWS[name], {lang: [(pattern.format(lang=lang, **s), defaults)]})


def home(lang: str) -> tuple[str, int]:
    index = site_index()
    return render("home.html", lang, posts=index.posts(lang)[: index.settings.page_size])


def news(lang: str, page: int) -> tuple[str, int]:
    index = site_index()
    if page < 1 or page > index.page_count(lang):
        abort(404)
    return render(
        "news.html",
        lang,
        posts=index.page(lang, page),
        page=page,
        page_count=index.page_count(lang),
    )


def post(lang: str, slug: str) -> tuple[str, int]:
    index = site_index()
    item = index.post(lang, slug)
    if item is None:
        abort(404)
    tags = [index.tag_of(lang, name) for name in item.tags]
    return render("post.html", lang, post=item, tags=tags)


def tags(lang: str) -> tuple[str, int]:
    return render("tags.html", lang, tags=site_index().tags(lang))


def tag(lang: str, slug: str) -> tuple[str, int]:
    item = site_index().tag(lang, slug)
    if item is None:
        abort(404)
    return render("tag.html", lang, tag=item, posts=item.posts)


def archive(lang: str) -> tuple[str, int]:
    index = site_index()
    years = [(year, len(index.year(lang, year))) for year in index.years(lang)]
    return render("archive.html", lang, years=years)


def year(lang: str, year: int) -> tuple[str, int]:
    posts = site_index().year(lang, year)
    if not posts:
        abort(404)
    return render("year.html", lang, year=year, posts=posts)


def not_found(lang: str) -> tuple[str, int]:
    # Frozen as a normal file; a web server sends it with status 404.
    return render("404.html", lang)


VIEWS = {
    "home": home,
    "news": news,
    "post": post,
    "tags": tags,
    "tag": tag,
    "archive": archive,
    "year": year,
    "not_found": not_found,
}
_add_rules()


@root.route("/")
def index_redirect() -> str:
    """A static host can't negotiate languages: send readers to Dutch, offer both."""
    return render_template("root.html", settings=site_index().settings, languages=LANGUAGES)


@root.route("/sitemap.xml")
def sitemap() -> tuple[str, int, dict[str, str]]:
    index = site_index()
    entries = []
    for page_kind in urls.PAGE_KINDS:
        if not page_kind.in_sitemap:
            continue
        for values in page_kind.generate(index):
            entries.append(
                (
                    page_kind.endpoint,
                    values,
                    urls.alternates(index, page_kind.endpoint, values),
                )
            )
    xml = render_template("sitemap.xml", entries=entries)
    # The type this machine's web server would guess, or Frozen-Flask warns (it differs per OS).
    mimetype = mimetypes.guess_type("sitemap.xml")[0] or "application/xml"
    return xml, 200, {"Content-Type": f"{mimetype}; charset=utf-8"}


def page_not_found(error: Exception) -> tuple[str, int]:
    """Unknown URLs in the preview server: the 404 page of the language in the path."""
    first = request.path.strip("/").split("/", 1)[0]
    lang = first if first in LANGUAGES else LANGUAGES[0]
    return render("404.html", lang, status=404, endpoint="web.not_found", values={"lang": lang})
