"""`[[accessibility-statement]]`: the accessibility statement in the government's model."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from newsroom.web.i18n import template_functions
from newsroom.web.views import catalog, site_index


def status_words(status: str, lang: str) -> str:
    translations = catalog(lang)
    words = {
        "A": translations.pgettext("compliance", "fully compliant"),
        "B": translations.pgettext("compliance", "partially compliant"),
        "C": translations.pgettext("compliance", "first measures taken"),
        "D": translations.pgettext("compliance", "no measures taken"),
        "E": translations.pgettext("compliance", "not compliant"),
    }
    return words[status]


def statement_block(lang: str, argument: str | None) -> Markup:
    """The statement from `content/accessibility.yaml`, for the page's language."""
    index = site_index()
    statement = index.content.statement
    if statement is None:  # the loader rejects the marker then; be safe anyway
        return Markup("")
    settings = index.settings
    html = render_template(
        "_statement.html",
        lang=lang,
        statement=statement,
        status_words=status_words(statement.status, lang),
        site_title=settings.title.get(lang, ""),
        site_url=settings.base_url or "",
        contact=settings.contact.get(lang),
        **template_functions(catalog(lang)),
    )
    return Markup(html)
