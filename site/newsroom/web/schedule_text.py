"""The rollout in words, per language: dates at their precision, statuses, institutions.

Pure functions over a gettext catalog, shared by the pages and the calendars so both say the
same thing. Interface msgids are English; the Dutch is in the catalog.
"""

from __future__ import annotations

from babel.support import NullTranslations

from newsroom.core.models import Revision, When
from newsroom.web.i18n import format_day


def when_text(when: When, lang: str, translations: NullTranslations) -> str:
    """'week van 18 november 2019', 'from 1 December 2019', 'daarna', 'to be announced'…"""
    if when.kind == "after":
        return translations.gettext("after that")
    if when.kind == "unknown" or when.day is None:
        return translations.gettext("to be announced")
    day = format_day(when.day, lang)
    if when.kind == "week":
        return translations.gettext("week of %(day)s") % {"day": day}
    if when.kind == "from":
        return translations.gettext("from %(day)s") % {"day": day}
    return day


def status_text(status: str, translations: NullTranslations) -> str:
    """A phase's or condition's status in words."""
    words = {
        "planned": translations.pgettext("status", "planned"),
        "in-progress": translations.pgettext("status", "in progress"),
        "done": translations.pgettext("status", "done"),
        "delayed": translations.pgettext("status", "delayed"),
    }
    return words[status]


def institutions_text(institutions: str, translations: NullTranslations) -> str:
    """Which institutions a phase is about."""
    words = {
        "first": translations.gettext("first institution"),
        "remaining": translations.gettext("remaining institutions"),
        "all": translations.gettext("all institutions"),
    }
    return words[institutions]


def revision_text(revision: Revision, lang: str, translations: NullTranslations) -> str:
    """'was 1 november 2019, nu week van 18 november 2019' (plain text, e.g. for calendars)."""
    return translations.gettext("was %(before)s, now %(now)s") % {
        "before": when_text(revision.was, lang, translations),
        "now": when_text(revision.now, lang, translations),
    }
