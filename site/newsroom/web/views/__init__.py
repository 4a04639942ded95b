"""Views: every public page, per language. Views look things up and render; they never validate.

Which pages exist and which posts each shows is the page-kind table's to say (`web.kinds`),
which the app holds; the views ask it through the helpers here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel.support import NullTranslations
from flask import current_app, render_template, request

from newsroom.core.models import Post
from newsroom.web.i18n import other_languages, switcher_labels, template_functions
from newsroom.web.index import SiteIndex
from newsroom.web.pagekind import PageKinds


def site_index() -> SiteIndex:
    return current_app.extensions["newsroom"].index


def catalog(lang: str) -> NullTranslations:
    """The interface texts of `lang`."""
    return current_app.extensions["newsroom"].catalogs[lang]


def page_kinds() -> PageKinds:
    return current_app.extensions["newsroom.kinds"]


def posts_shown() -> Sequence[Post] | None:
    """The posts the page being rendered shows (None: there is no such page)."""
    kind = page_kinds()[request.endpoint or ""]
    return kind.posts_shown(site_index(), dict(request.view_args or {}))


def render(
    template: str,
    lang: str,
    status: int = 200,
    endpoint: str | None = None,
    values: dict[str, Any] | None = None,
    **context: Any,
) -> tuple[str, int]:
    """Render a page of `lang` with what every page needs: language, switcher, alternates."""
    state = current_app.extensions["newsroom"]
    endpoint = endpoint or request.endpoint or ""
    values = values if values is not None else dict(request.view_args or {})
    html = render_template(
        template,
        lang=lang,
        other_langs=other_languages(lang),
        endpoint=endpoint,
        alternates=page_kinds().alternates(state.index, endpoint, values),
        settings=state.index.settings,
        preview=current_app.config["PREVIEW"],
        switcher={other: switcher_labels(state.catalogs[other]) for other in other_languages(lang)},
        **template_functions(state.catalogs[lang]),
        **context,
    )
    return html, status
