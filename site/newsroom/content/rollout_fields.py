"""The typed fields of `rollout.yaml`: dates at their own precision, ids, choices, nested lists.

Dates are written as an exact day (2019-11-18), an ISO week (2019-W47), "from 2019-12-01",
"after previous" or "unknown" (see docs/rollout-data.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from newsroom.content.editor_texts import N_, _
from newsroom.content.fields import Fields, clean_text, shown_value
from newsroom.content.yaml_lines import YamlList, YamlMap
from newsroom.core.errors import Problem
from newsroom.core.models import When
from newsroom.core.slugs import SLUG

WHEN_HELP = N_(
    'expected an exact day 2019-11-18, an ISO week 2019-W47, "from 2019-12-01", '
    '"after previous" or "unknown"'
)
WHEN_HELP_DATED = N_(
    'expected an exact day 2019-11-18, an ISO week 2019-W47, "from 2019-12-01" or "unknown"'
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_FROM = re.compile(r"from\s+(\S+)")


def parse_when(text: str) -> When | None:
    """Read one of the date forms of WHEN_HELP; None when `text` is none of them."""
    text = text.strip()
    if text == "unknown":
        return When("unknown")
    if text == "after previous":
        return When("after")
    if _DAY.fullmatch(text):
        day = _iso_day(text)
        return When("day", day) if day else None
    week = _WEEK.fullmatch(text)
    if week:
        try:
            return When("week", dt.date.fromisocalendar(int(week[1]), int(week[2]), 1))
        except ValueError:  # e.g. week 00 or a week 53 the year does not have
            return None
    start = _FROM.fullmatch(text)
    if start and _DAY.fullmatch(start[1]):
        day = _iso_day(start[1])
        return When("from", day) if day else None
    return None


def _iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class RolloutFields(Fields):
    """Fields of one nested mapping: a missing key is reported at the mapping's own line."""

    def __init__(self, path: str, data: YamlMap, problems: list[Problem], prefix: str) -> None:
        super().__init__(path, data, data.lines, problems, prefix, line=data.line)

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key, required=True)
        if value is not None and not SLUG.fullmatch(value):
            self.problem(
                key,
                _(
                    '"%(value)s" may use only lowercase a-z, 0-9 and single hyphens (expected '
                    "e.g. somtoday or first-institution)",
                    value=value,
                ),
            )
            return None
        return value

    def choice(self, key: str, choices: Iterable[str], required: bool = True) -> str | None:
        choices = tuple(choices)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(
                    key,
                    _(
                        "is required and missing (expected one of %(choices)s)",
                        choices=", ".join(choices),
                    ),
                )
            return None
        if value not in choices:
            self.problem(
                key,
                _(
                    "%(value)s is not one of %(choices)s",
                    value=shown_value(value),
                    choices=", ".join(choices),
                ),
            )
            return None
        return value

    def when(self, key: str, required: bool = True, after: bool = True) -> When | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, _("is required and missing (%(help)s)", help=_(WHEN_HELP)))
            return None
        when = parse_when(clean_text(value)) if isinstance(value, str) else None
        if when is None:
            self.problem(
                key,
                _(
                    "%(value)s is not a date this file understands (%(help)s)",
                    value=shown_value(value),
                    help=_(WHEN_HELP),
                ),
            )
            return None
        if when.kind == "after" and not after:
            self.problem(
                key,
                _(
                    '"after previous" only fits a phase that follows another (%(help)s)',
                    help=_(WHEN_HELP_DATED),
                ),
            )
            return None
        return when

    def day(self, key: str, required: bool = True) -> dt.date | None:
        moment = self.date(key, required=required)
        return moment.date() if moment else None

    def mappings(self, key: str, required: bool = False) -> list[tuple[int, YamlMap]]:
        """A list of groups of fields: (position from 1, group); problems for anything else."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, _("is required and missing (expected a list of items '- id: …')"))
            return []
        if not isinstance(value, YamlList):
            self.problem(
                key,
                _(
                    "%(value)s is not a list (expected items starting with '- ')",
                    value=shown_value(value),
                ),
            )
            return []
        if required and not value:
            self.problem(key, _("is empty (expected at least one item '- id: …')"))
        found = []
        for position, (item, line) in enumerate(zip(value, value.lines, strict=True), start=1):
            if not isinstance(item, YamlMap):
                self.problems.append(
                    Problem(
                        self.path,
                        _(
                            "%(value)s is not a group of fields (expected 'name: value' lines)",
                            value=shown_value(item),
                        ),
                        field=f"{self.prefix}{key}[{position}]",
                        line=line,
                    )
                )
                continue
            found.append((position, item))
        return found
