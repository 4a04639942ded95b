"""Dates as editors write them: ISO days and times in Europe/Amsterdam, and what is wrong with
an impossible one ("november heeft 30 dagen")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from newsroom.content.catalogs import LOCALES
from newsroom.content.editor_texts import _, editor_language

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
"""Every date of the site is in this zone; a date without a time is its midnight."""

STAMP_TIME = dt.time(12, 0)
"""The time feeds and calendars give a date written without a time: noon in Amsterdam is the
same day everywhere from UTC-10 to UTC+12; midnight is the day before west of Amsterdam."""

_DATE_PARTS = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?")


def impossible_part(value: str) -> str | None:
    """Which part of a date written the right way cannot be: "November has 30 days"."""
    match = _DATE_PARTS.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.group(1, 2, 3))
    if not 1 <= month <= 12:
        return _("there is no month %(month)s (months are 01 to 12)", month=match.group(2))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = get_month_names("wide", locale=LOCALES[editor_language()])[month]
        if month == 2:
            return _("%(month)s %(year)s has %(days)s days", month=name, year=year, days=days)
        return _("%(month)s has %(days)s days", month=name, days=days)
    if match.group(4) is not None:
        if int(match.group(4)) > 23:
            return _("there is no hour %(hour)s (hours are 00 to 23)", hour=match.group(4))
        if int(match.group(5)) > 59:
            return _("there is no minute %(minute)s (minutes are 00 to 59)", minute=match.group(5))
    return None


def date_only(value: str) -> bool:
    """Whether a date as written has no time ("2019-10-31", not "2019-10-31 09:30")."""
    return len(value.strip()) == 10


def stamp(moment: dt.datetime | dt.date, date_only: bool = True) -> dt.datetime:
    """The moment a feed or calendar gives a date: `STAMP_TIME` in Amsterdam for a date
    written without a time (kept at its midnight in the models), else the moment itself."""
    if isinstance(moment, dt.datetime):
        if not date_only or moment.astimezone(AMSTERDAM).time() != dt.time():
            return moment
        moment = moment.astimezone(AMSTERDAM).date()
    return dt.datetime.combine(moment, STAMP_TIME, tzinfo=AMSTERDAM)


def parse_datetime(value: str) -> dt.datetime | None:
    """Parse an ISO date or datetime; naive values are Europe/Amsterdam. None if invalid."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment.astimezone(AMSTERDAM)
