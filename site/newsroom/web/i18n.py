"""Interface texts in templates (gettext for Jinja), the language switcher, dates per language."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from babel.dates import format_date
from babel.support import NullTranslations
from flask import request
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from newsroom.content.catalogs import LOCALES
from newsroom.core.models import LANGUAGES


def template_functions(translations: NullTranslations) -> dict[str, Callable[..., Any]]:
    """gettext callables for Jinja's i18n extension in its 'newstyle' form, for one language."""

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        text = translations.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables if variables else text

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        text = translations.ngettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext}


def switcher_labels(translations: NullTranslations) -> dict[str, str]:
    """The language switcher's texts, written in the language they lead to.

    Translators: the context "switcher" means the text is shown in its own language,
    so the Dutch for "This page in English" is "Deze pagina in het Nederlands".
    """
    return {
        "same": translations.pgettext("switcher", "This page in English"),
        "missing": translations.pgettext("switcher", "This page is not available in English."),
        "news": translations.pgettext("switcher", "Go to the news in English"),
    }


def format_day(value: dt.date | dt.datetime, lang: str) -> str:
    """A date as each language writes it: '31 oktober 2019', '31 October 2019'."""
    # Babel writes a date and time as its date alone.
    return _format_day(value.date() if isinstance(value, dt.datetime) else value, lang)


@functools.cache
def _format_day(day: dt.date, lang: str) -> str:
    # Once per day and language: a site shows each post's date on many pages, and Babel
    # reads its pattern and locale again for every call.
    return format_date(day, format="long", locale=LOCALES[lang])


def other_languages(lang: str) -> tuple[str, ...]:
    return tuple(other for other in LANGUAGES if other != lang)


def request_language() -> str:
    """The language of the page asked for (its first path segment), else Dutch."""
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES else LANGUAGES[0]
