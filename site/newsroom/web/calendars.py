"""Pure functions: the rollout's dated milestones → iCalendar bytes (the `icalendar` package).

Choices that keep calendars importable and builds reproducible:
- UIDs come from ids only (`phase.<supplier>.<phase>.<lang>@<host>`,
  `condition.<id>.<lang>@<host>`), never from text or dates, so a moved milestone keeps its UID
  and calendar apps update it instead of adding a second one;
- every milestone is an all-day event: a day, the first day of "from", or a whole ISO week
  Monday to Sunday (DTEND is exclusive: the Monday after);
- DTSTAMP is the schedule's `updated` day at noon in Amsterdam (as feeds stamp a date), never
  the build time; SEQUENCE counts a phase's earlier announcements;
- events are TRANSPARENT (they do not block time) and TENTATIVE until in progress or done;
- an expected milestone (status `expected`, or a condition's expected date) says so in its
  title, not only in its status: "Magister: eerste instelling (verwacht)".
Phases "after previous" and "unknown" have no date, so they are not in the calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.support import NullTranslations
from icalendar import Calendar, Event

from newsroom.content.dates import stamp as noon_of
from newsroom.core.models import Condition, Phase, Rollout, Supplier
from newsroom.web.schedule_text import institutions_text, revision_text, status_text, when_text

REFRESH = dt.timedelta(hours=12)  # also written out as PT12H below
"""How often subscribed calendar apps should fetch the calendar again."""


def phase_uid(supplier: Supplier, phase: Phase, lang: str, host: str) -> str:
    return f"phase.{supplier.id}.{phase.id}.{lang}@{host}"


def condition_uid(condition: Condition, lang: str, host: str) -> str:
    return f"condition.{condition.id}.{lang}@{host}"


def calendar_bytes(
    rollout: Rollout,
    lang: str,
    translations: NullTranslations,
    *,
    name: str,
    host: str,
    page_url: Callable[[str | None], str],
    supplier_id: str | None = None,
) -> bytes:
    """The calendar of every dated milestone, or of one supplier's phases.

    `page_url(supplier_id)` is the absolute URL of a supplier's page (None: the schedule page).
    The whole calendar also holds the conditions with an expected date.
    """
    # The schedule's day at noon in Amsterdam, as feeds stamp a date (RFC 5545 wants UTC).
    stamp = noon_of(rollout.updated).astimezone(dt.UTC)
    # icalendar writes NAME and X-WR-CALNAME unescaped: a line break in a supplier's name
    # would break the file (and could start a property), so the name is one line.
    name = " ".join(name.split())
    calendar = Calendar()
    calendar.add("prodid", f"-//Newsroom//Rollout schedule//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # the same, for Outlook and Apple Calendar
    chosen = [s for s in rollout.suppliers if supplier_id in (None, s.id)]
    for supplier in chosen:
        for number, phase in enumerate(supplier.phases):
            previous = supplier.phases[number - 1].institutions if number else None
            span = phase.when.span
            if span is None:
                continue
            institutions = institutions_text(phase.institutions, translations)
            if phase.when.kind == "from":
                summary = translations.gettext("%(supplier)s: %(institutions)s %(when)s") % {
                    "supplier": supplier.name,
                    "institutions": institutions,
                    "when": when_text(phase.when, lang, translations),
                }
            else:
                summary = translations.gettext("%(supplier)s: %(institutions)s") % {
                    "supplier": supplier.name,
                    "institutions": institutions,
                }
            if phase.status == "expected":
                summary = translations.gettext("%(summary)s (expected)") % {"summary": summary}
            lines = [phase.note.get(lang, "")]
            lines.append(
                translations.gettext("Status: %(status)s")
                % {"status": status_text(phase.status, translations)}
            )
            if phase.history:
                changes = "; ".join(
                    revision_text(revision, lang, translations, previous)
                    for revision in phase.history
                )
                lines.append(
                    translations.gettext("Announced before: %(changes)s") % {"changes": changes}
                )
            calendar.add_component(
                _event(
                    uid=phase_uid(supplier, phase, lang, host),
                    span=span,
                    stamp=stamp,
                    summary=summary,
                    description="\n".join(line for line in lines if line),
                    url=page_url(supplier.id),
                    tentative=phase.status in ("planned", "expected", "delayed"),
                    sequence=len(phase.history),
                )
            )
    if supplier_id is None:
        for condition in rollout.conditions:
            span = condition.expected.span if condition.expected else None
            if span is None:
                continue
            lines = [condition.note.get(lang, "")]
            if condition.status:
                lines.append(
                    translations.gettext("Status: %(status)s")
                    % {"status": status_text(condition.status, translations)}
                )
            calendar.add_component(
                _event(
                    uid=condition_uid(condition, lang, host),
                    span=span,
                    stamp=stamp,
                    summary=translations.gettext("Expected: %(title)s")
                    % {"title": condition.title[lang]},
                    description="\n".join(line for line in lines if line),
                    url=page_url(None),
                    tentative=condition.status not in ("in-progress", "done"),
                    sequence=0,
                )
            )
    return calendar.to_ical()


def _event(
    *,
    uid: str,
    span: tuple[dt.date, dt.date],
    stamp: dt.datetime,
    summary: str,
    description: str,
    url: str,
    tentative: bool,
    sequence: int,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", span[0])
    event.add("dtend", span[1])
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("sequence", sequence)
    return event
