"""Standalone pages (`content/paginas/`) at `/<lang>/<url slug>/`, and the menus that list them."""

from __future__ import annotations

from typing import Any

from flask import abort

from newsroom.core.models import StandalonePage
from newsroom.web.index import StandalonePages
from newsroom.web.views import render, site_index


def page(lang: str, slug: str) -> tuple[str, int]:
    item = site_index().pages.at(lang, slug)
    if item is None:
        abort(404)
    return render("page.html", lang, current_page=item)


def resolve_page_link(slug: str, lang: str) -> tuple[str, dict[str, Any]] | None:
    """Where `[tekst](../paginas/<slug>.<lang>.md)` leads: the page's own address."""
    item = site_index().pages.translation_of(slug, lang)
    return ("web.page", {"lang": lang, "slug": item.url_slug}) if item else None


def menus() -> dict[str, Any]:
    """`menu_pages(lang)` and `footer_pages(lang)` for the layout of every page."""
    pages: StandalonePages = site_index().pages

    def menu_pages(lang: str) -> tuple[StandalonePage, ...]:
        return pages.menu(lang)

    def footer_pages(lang: str) -> tuple[StandalonePage, ...]:
        return pages.footer(lang)

    return {"menu_pages": menu_pages, "footer_pages": footer_pages}
