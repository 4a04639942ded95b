"""The rollout schedule: the schedule page, a page per supplier, and the `[[schedule]]` block."""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, render_template
from flask.blueprints import BlueprintSetupState
from markupsafe import Markup, escape

from .. import blocks, urls
from ..i18n import template_functions
from ..ical import calendar_bytes
from ..links import absolute_url
from ..models import LANGUAGES, Rollout, When
from ..rollout_text import institutions_text, status_text, when_text
from . import render, site_index, web


def rollout() -> Rollout | None:
    return site_index().content.rollout


def _translations(lang: str) -> Any:
    return current_app.extensions["newsroom"].translations[lang]


@web.app_template_global("when_html")
def when_html(when: When | None, lang: str) -> Markup:
    """A date at its precision, in `<time datetime="2019-W47">` when it has a machine value."""
    if when is None:
        return Markup("")
    text = when_text(when, lang, _translations(lang))
    if when.datetime is None:
        return escape(text)
    return Markup('<time datetime="{}">{}</time>').format(when.datetime, text)


@web.app_template_global("status_text")
def _status_text(status: str, lang: str) -> str:
    return status_text(status, _translations(lang))


@web.app_template_global("institutions_text")
def _institutions_text(institutions: str, lang: str) -> str:
    return institutions_text(institutions, _translations(lang))


@web.app_template_global("post_language")
def post_language(slug: str, lang: str) -> str | None:
    """The language to link a post in: `lang` if it is published in it, else another one."""
    index = site_index()
    for candidate in (lang, *(other for other in LANGUAGES if other != lang)):
        if index.post(candidate, slug) is not None:
            return candidate
    return None


@web.app_context_processor
def _rollout_context() -> dict[str, Any]:
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
    posts = [post for post in site_index().posts(lang) if item.id in post.suppliers]
    return render(
        "supplier.html",
        lang,
        rollout=data,
        supplier=item,
        suppliers=(item,),
        posts=posts,
        conditions=data.conditions,
    )


# text/calendar is the registered type of .ics (RFC 5545); machines without /etc/mime.types
# don't know it, and Frozen-Flask checks each file's Content-Type against this table.
if mimetypes.guess_type("schedule.ics")[0] is None:
    mimetypes.add_type("text/calendar", ".ics")
CALENDAR_TYPE = mimetypes.guess_type("schedule.ics")[0] or "text/calendar"


def _calendar_response(lang: str, name: str, supplier_id: str | None) -> tuple[bytes, int, dict]:
    data = rollout()
    assert data is not None
    base_url = current_app.config.get("BASE_URL") or ""
    body = calendar_bytes(
        data,
        lang,
        _translations(lang),
        name=name,
        host=urlsplit(base_url).hostname or "localhost",
        page_url=lambda sid: (
            absolute_url("web.schedule", lang=lang)
            if sid is None
            else absolute_url("web.supplier", lang=lang, supplier=sid)
        ),
        supplier_id=supplier_id,
    )
    return body, 200, {"Content-Type": f"{CALENDAR_TYPE}; charset=utf-8"}


def calendar(lang: str) -> tuple[bytes, int, dict]:
    """Every dated milestone of the schedule, as an iCalendar file."""
    if rollout() is None:
        abort(404)
    title = site_index().settings.title.get(lang, "")
    name = f"{title} – {_translations(lang).gettext('Schedule')}" if title else ""
    return _calendar_response(lang, name or _translations(lang).gettext("Schedule"), None)


def supplier_calendar(lang: str, supplier: str) -> tuple[bytes, int, dict]:
    """One supplier's dated phases, as an iCalendar file."""
    data = rollout()
    item = data.supplier(supplier) if data else None
    if item is None:
        abort(404)
    name = _translations(lang).gettext("Schedule (%(name)s)") % {"name": item.name}
    return _calendar_response(lang, name, item.id)


@web.record
def _add_rules(state: BlueprintSetupState) -> None:
    """The schedule's URLs exist only when the content has rollout data.

    (Registered when the app registers the blueprint, after the content is loaded; without
    data there are no such pages, and Frozen-Flask would warn about endpoints it never froze.)
    """
    # The preview always has them: its rollout data may come (or load) after it started.
    preview = state.app.config["PREVIEW"]
    if not preview and state.app.extensions["newsroom"].index.content.rollout is None:
        return
    for lang in LANGUAGES:
        section = urls.SECTIONS[lang]["schedule"]
        for pattern, name, view in (
            (f"/{lang}/{section}/", "schedule", schedule),
            (f"/{lang}/{section}/<supplier>/", "supplier", supplier),
            (f"/{lang}/{section}.ics", "calendar", calendar),
            (f"/{lang}/{section}/<supplier>.ics", "supplier_calendar", supplier_calendar),
        ):
            state.add_url_rule(pattern, endpoint=name, view_func=view, defaults={"lang": lang})


@blocks.register("schedule")
def schedule_block(lang: str, argument: str | None) -> Markup:
    """`[[schedule]]`: the schedule page's table; `[[schedule <id>]]`: one supplier's rows."""
    data = rollout()
    if data is None:  # the loader rejects the marker then; be safe anyway
        return Markup("")
    chosen = data.suppliers if argument is None else (data.supplier(argument),)
    if None in chosen:
        return Markup("")
    html = render_template(
        "_schedule_block.html",
        lang=lang,
        rollout=data,
        suppliers=chosen,
        **template_functions(_translations(lang)),
    )
    return Markup(html)
