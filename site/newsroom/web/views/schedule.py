"""The rollout schedule: the schedule page, a page per supplier, and the `[[schedule]]` block."""

from __future__ import annotations

import mimetypes
from typing import Any

from flask import abort, current_app, render_template
from markupsafe import Markup, escape

from newsroom.core.models import LANGUAGES, Revision, Rollout, Supplier, When
from newsroom.web.calendars import calendar_bytes
from newsroom.web.feeds import id_authority
from newsroom.web.i18n import template_functions
from newsroom.web.links import absolute_url
from newsroom.web.schedule_text import (
    after_text,
    institutions_text,
    status_text,
    when_phrase,
    when_text,
)
from newsroom.web.views import catalog, posts_shown, render, site_index


def rollout() -> Rollout | None:
    return site_index().content.rollout


def when_html(when: When | None, lang: str) -> Markup:
    """A date at its precision, in `<time datetime="2019-W47">` when it has a machine value."""
    if when is None:
        return Markup("")
    text = when_text(when, lang, catalog(lang))
    if when.datetime is None:
        return escape(text)
    return Markup('<time datetime="{}">{}</time>').format(when.datetime, text)


def when_phrase_html(when: When | None, lang: str) -> Markup:
    """A date in running text ('in de week van 18 november 2019'), its date in `<time>`."""
    if when is None:
        return Markup("")
    text = when_phrase(when, lang, catalog(lang))
    if when.datetime is None or when.day is None:
        return escape(text)
    return Markup('<time datetime="{}">{}</time>').format(when.datetime, text)


def revision_html(revision: Revision, supplier: Supplier, lang: str) -> Markup:
    """'was 1 november 2019, nu nadat de eerste instelling is aangesloten': "after previous"
    is said in full in a list of changes, where the phase above is not in sight."""
    translations = catalog(lang)
    ids = [phase.id for phase in supplier.phases]
    number = ids.index(revision.phase) if revision.phase in ids else 0
    previous = supplier.phases[number - 1].institutions if number else None

    def said(when: When) -> Markup:
        if when.kind == "after" and previous:
            return escape(after_text(previous, translations))
        return when_html(when, lang)

    return escape(translations.gettext("was %(before)s, now %(now)s")) % {
        "before": said(revision.was),
        "now": said(revision.now),
    }


def organisation_name(lang: str) -> str:
    """The organisation's short name: `organisation` in site.yaml up to a dash ("DUO")."""
    settings = site_index().settings
    name = settings.organisation.get(lang) or settings.title.get(lang, "")
    return name.split(" – ")[0].strip()


def status_label(status: str, lang: str) -> str:
    return status_text(status, catalog(lang))


def institutions_label(institutions: str, lang: str) -> str:
    return institutions_text(institutions, catalog(lang))


def post_language(slug: str, lang: str) -> str | None:
    """The language to link a post in: `lang` if it is published in it, else another one."""
    index = site_index()
    for candidate in (lang, *(other for other in LANGUAGES if other != lang)):
        if index.post(candidate, slug) is not None:
            return candidate
    return None


def rollout_context() -> dict[str, Any]:
    """Every page may show the schedule's navigation entry and summary when there is one."""
    return {"rollout": rollout()}


def schedule(lang: str) -> tuple[str, int]:
    data = rollout()
    if data is None:
        abort(404)
    return render("schedule.html", lang, rollout=data, suppliers=data.suppliers)


def supplier(lang: str, supplier: str) -> tuple[str, int]:
    data = rollout()
    item = data.supplier(supplier) if data else None
    if data is None or item is None:
        abort(404)
    posts = posts_shown()
    return render(
        "supplier.html",
        lang,
        rollout=data,
        supplier=item,
        suppliers=(item,),
        posts=posts,
        conditions=data.conditions,
    )


CALENDAR_FILE = "schedule.ics"
"""A calendar's file name pattern: its type is what `mimetypes` says for `.ics`, which
`web.app` makes sure of (text/calendar, RFC 5545)."""


def _calendar_response(lang: str, name: str, supplier_id: str | None) -> tuple[bytes, int, dict]:
    data = rollout()
    assert data is not None
    base_url = current_app.config.get("BASE_URL") or ""
    body = calendar_bytes(
        data,
        lang,
        catalog(lang),
        name=name,
        # Event ids are minted like feed ids: a move to another domain keeps them.
        host=id_authority(base_url, site_index().settings.feed_id_authority),
        page_url=lambda sid: (
            absolute_url("web.schedule", lang=lang)
            if sid is None
            else absolute_url("web.supplier", lang=lang, supplier=sid)
        ),
        supplier_id=supplier_id,
    )
    calendar_type = mimetypes.guess_type(CALENDAR_FILE)[0] or "text/calendar"
    return body, 200, {"Content-Type": f"{calendar_type}; charset=utf-8"}


def calendar(lang: str) -> tuple[bytes, int, dict]:
    """Every dated milestone of the schedule, as an iCalendar file."""
    if rollout() is None:
        abort(404)
    title = site_index().settings.title.get(lang, "")
    name = f"{title} – {catalog(lang).gettext('Schedule')}" if title else ""
    return _calendar_response(lang, name or catalog(lang).gettext("Schedule"), None)


def supplier_calendar(lang: str, supplier: str) -> tuple[bytes, int, dict]:
    """One supplier's dated phases, as an iCalendar file."""
    data = rollout()
    item = data.supplier(supplier) if data else None
    if item is None:
        abort(404)
    name = catalog(lang).gettext("Schedule (%(name)s)") % {"name": item.name}
    return _calendar_response(lang, name, item.id)


def schedule_block(
    lang: str, argument: str | None, template: str = "_schedule_block.html"
) -> Markup:
    """`[[schedule]]`: the schedule page's table; `[[schedule <id>]]`: one supplier's rows."""
    data = rollout()
    if data is None:  # the loader rejects the marker then; be safe anyway
        return Markup("")
    chosen = data.suppliers if argument is None else (data.supplier(argument),)
    if None in chosen:
        return Markup("")
    html = render_template(
        template,
        lang=lang,
        rollout=data,
        suppliers=chosen,
        **template_functions(catalog(lang)),
    )
    return Markup(html)


def schedule_feed_block(lang: str, argument: str | None) -> Markup:
    """`[[schedule]]` in a feed entry: a list per supplier, as phones show the table. Feed
    readers render tables poorly (text-mode ones put a row-spanning supplier cell's
    neighbours in the wrong columns), and lists read the same in every one."""
    return schedule_block(lang, argument, "_schedule_feed_block.html")
