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


def when_phrase(when: When, lang: str, translations: NullTranslations) -> str:
    """A date in running text: 'in de week van 18 november 2019', 'on 18 November 2019'…"""
    if when.kind == "after":
        return translations.gettext("after that")
    if when.kind == "unknown" or when.day is None:
        return translations.gettext("date not known yet")
    day = format_day(when.day, lang)
    if when.kind == "week":
        return translations.gettext("in the week of %(day)s") % {"day": day}
    if when.kind == "from":
        return translations.gettext("from %(day)s") % {"day": day}
    return translations.gettext("on %(day)s") % {"day": day}


def after_text(previous_institutions: str, translations: NullTranslations) -> str:
    """'after previous', said in full: 'nadat de eerste instelling is aangesloten'."""
    words = {
        "first": translations.gettext("after the first institution has connected"),
        "remaining": translations.gettext("after the remaining institutions have connected"),
        "all": translations.gettext("after all institutions have connected"),
    }
    return words[previous_institutions]


def status_text(status: str, translations: NullTranslations) -> str:
    """A phase's or condition's status in words."""
    words = {
        "planned": translations.pgettext("status", "planned"),
        "expected": translations.pgettext("status", "expected"),
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


def revision_text(
    revision: Revision,
    lang: str,
    translations: NullTranslations,
    previous_institutions: str | None = None,
) -> str:
    """'was 1 november 2019, nu week van 18 november 2019' (plain text, e.g. for calendars).

    `previous_institutions`: the institutions of the phase before the revised one, so that
    "after previous" is said in full ("nadat de eerste instelling is aangesloten").
    """

    def said(when: When) -> str:
        if when.kind == "after" and previous_institutions:
            return after_text(previous_institutions, translations)
        return when_text(when, lang, translations)

    return translations.gettext("was %(before)s, now %(now)s") % {
        "before": said(revision.was),
        "now": said(revision.now),
    }
