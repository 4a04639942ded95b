"""Lists the pages need, computed once per build: per language, per tag, per year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsroom.core.models import LANGUAGES, Content, Post, StandalonePage
from newsroom.core.slugs import slugify


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag in one language with its posts, newest first."""

    lang: str
    name: str
    slug: str
    posts: tuple[Post, ...]


class SiteIndex:
    """Read-only lookups over the content; built once, shared by every view."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.settings = content.settings
        self.pages = StandalonePages(content.pages)
        self.images = {image.path: image for image in content.images}
        by_lang: dict[str, list[Post]] = {lang: [] for lang in LANGUAGES}
        for post in content.posts:  # already newest first
            by_lang[post.lang].append(post)
        self._posts = {lang: tuple(posts) for lang, posts in by_lang.items()}
        self._by_key = {post.key: post for post in content.posts}
        self._tags: dict[str, dict[str, Tag]] = {}
        self._years: dict[str, dict[int, tuple[Post, ...]]] = {}
        for lang, posts in self._posts.items():
            tagged: dict[str, list[Post]] = defaultdict(list)
            names: dict[str, str] = {}
            years: dict[int, list[Post]] = defaultdict(list)
            for post in posts:
                years[post.date.year].append(post)
                for name in post.tags:
                    slug = slugify(name) or "tag"
                    names.setdefault(slug, name)
                    tagged[slug].append(post)
            self._tags[lang] = {
                slug: Tag(lang, names[slug], slug, tuple(tagged[slug]))
                for slug in sorted(tagged, key=lambda s: (names[s].casefold(), s))
            }
            self._years[lang] = {year: tuple(years[year]) for year in sorted(years, reverse=True)}

    def posts(self, lang: str) -> tuple[Post, ...]:
        """Published posts in `lang`, newest first."""
        return self._posts[lang]

    def post(self, lang: str, slug: str) -> Post | None:
        return self._by_key.get((lang, slug))

    def translation(self, post: Post, lang: str) -> Post | None:
        """The same post in `lang`, if it exists."""
        return self._by_key.get((lang, post.slug))

    def tags(self, lang: str) -> tuple[Tag, ...]:
        return tuple(self._tags[lang].values())

    def tag(self, lang: str, slug: str) -> Tag | None:
        return self._tags[lang].get(slug)

    def tag_of(self, lang: str, name: str) -> Tag:
        return self._tags[lang][slugify(name) or "tag"]

    def years(self, lang: str) -> tuple[int, ...]:
        return tuple(self._years[lang])

    def year(self, lang: str, year: int) -> tuple[Post, ...]:
        return self._years[lang].get(year, ())

    def news_page_count(self, lang: str) -> int:
        """Number of news index pages (at least one, even when empty)."""
        size = self.settings.page_size
        return max(1, -(-len(self._posts[lang]) // size))

    def news_page(self, lang: str, number: int) -> tuple[Post, ...]:
        """The posts on page `number` (from 1) of the news index."""
        size = self.settings.page_size
        return self._posts[lang][(number - 1) * size : number * size]


class StandalonePages:
    """Lookups over the standalone pages: by address, by translation, for the menus."""

    def __init__(self, pages: tuple[StandalonePage, ...]) -> None:
        self._by_key = {page.key: page for page in pages}
        self._by_url = {(page.lang, page.url_slug): page for page in pages}
        self._all = {lang: tuple(p for p in pages if p.lang == lang) for lang in LANGUAGES}
        self._menu = {
            lang: tuple(sorted((p for p in self._all[lang] if p.menu is not None), key=_by_menu))
            for lang in LANGUAGES
        }
        self._footer = {
            lang: tuple(
                sorted((p for p in self._all[lang] if p.footer is not None), key=_by_footer)
            )
            for lang in LANGUAGES
        }

    def all(self, lang: str) -> tuple[StandalonePage, ...]:
        """Every page in `lang`, by file slug."""
        return self._all[lang]

    def at(self, lang: str, url_slug: str) -> StandalonePage | None:
        """The page at `/<lang>/<url_slug>/`."""
        return self._by_url.get((lang, url_slug))

    def translation(self, page: StandalonePage, lang: str) -> StandalonePage | None:
        """The same page (same file slug) in `lang`, if it exists."""
        return self._by_key.get((lang, page.slug))

    def translation_of(self, slug: str, lang: str) -> StandalonePage | None:
        """The page from `<slug>.<lang>.md`, if it exists."""
        return self._by_key.get((lang, slug))

    def menu(self, lang: str) -> tuple[StandalonePage, ...]:
        """Pages in the main navigation, in `menu` order."""
        return self._menu[lang]

    def footer(self, lang: str) -> tuple[StandalonePage, ...]:
        """Pages linked from the footer, in `footer` order."""
        return self._footer[lang]


def _by_menu(page: StandalonePage) -> tuple[int, str]:
    return (page.menu or 0, page.slug)


def _by_footer(page: StandalonePage) -> tuple[int, str]:
    return (page.footer or 0, page.slug)
