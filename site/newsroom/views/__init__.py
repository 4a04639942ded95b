"""Views: every public page, per language. Views look things up and render; they never validate.

`web` holds the pages of each language; each module here adds the rules of one section.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request

from .. import urls
from ..i18n import other_languages, switcher_labels, template_functions
from ..index import SiteIndex

web = Blueprint("web", __name__)
"""Pages under /nl/ and /en/."""
root = Blueprint("root", __name__)
"""Files at the site root: the language choice and the sitemap."""


def site_index() -> SiteIndex:
    return current_app.extensions["newsroom"].index


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
    endpoint = endpoint or request.endpoint
    values = values if values is not None else dict(request.view_args or {})
    html = render_template(
        template,
        lang=lang,
        other_langs=other_languages(lang),
        endpoint=endpoint,
        alternates=urls.alternates(state.index, endpoint, values),
        settings=state.index.settings,
        preview=current_app.config["PREVIEW"],
        switcher={
            other: switcher_labels(state.translations[other]) for other in other_languages(lang)
        },
        **template_functions(state.translations[lang]),
        **context,
    )
    return html, status


def add_rules(name: str, view: Any, patterns: dict[str, list[tuple[str, dict[str, Any]]]]) -> None:
    """Add one rule per language for `view`; `patterns` maps a language to (path, defaults)."""
    for lang, rules in patterns.items():
        for pattern, defaults in rules:
            web.add_url_rule(
                pattern, endpoint=name, view_func=view, defaults={"lang": lang, **defaults}
            )


# Each module registers its section's pages (and blocks) on import; files come from
# content/bestanden.
from . import feeds, files, news, pages, schedule  # noqa: E402,F401
