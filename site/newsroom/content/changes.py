"""Change notes in a post's front matter: `changes:`, a list of `{date, note}`.

What readers are told changed, and when: the post page lists them under the text, feeds end
the entry with them, and the latest one's date is the post's `updated` date. Here they are
read and checked as written; `loading.changes` renders their notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsroom.content.dates import date_only
from newsroom.content.editor_texts import N_, _
from newsroom.content.fields import Fields, shown_value
from newsroom.content.rollout_fields import RolloutFields
from newsroom.content.yaml_lines import YamlList, YamlMap
from newsroom.core.errors import Problem

CHANGE_FIELDS = ("date", "note")
EXAMPLE = N_(
    "expected a list of changes, each written as '- date: 2019-10-31' with "
    "'note: what changed' on the line below it"
)


@dataclass(frozen=True, slots=True)
class WrittenChange:
    """One change note as the editor wrote it, with where it is for messages."""

    date: dt.datetime
    date_only: bool
    note: str  # Markdown, one line
    position: int  # from 1, as in the field name changes[1]
    date_line: int | None
    note_line: int | None

    @property
    def field(self) -> str:
        return f"changes[{self.position}]"


def read_changes(fields: Fields) -> list[WrittenChange]:
    """The `changes:` field of a post, each item checked; problems go to `fields.problems`."""
    value = fields.data.get("changes")
    if value is None:
        return []
    if not isinstance(value, YamlList):
        fields.problem(
            "changes",
            _(
                "%(value)s is not a list (%(example)s)",
                value=shown_value(value),
                example=_(EXAMPLE),
            ),
        )
        return []
    found = []
    for position, (item, line) in enumerate(zip(value, value.lines, strict=True), start=1):
        if not isinstance(item, YamlMap):
            fields.problems.append(
                Problem(
                    fields.path,
                    _(
                        "%(value)s is not a change (%(example)s)",
                        value=shown_value(item),
                        example=_(EXAMPLE),
                    ),
                    field=f"changes[{position}]",
                    line=line,
                )
            )
            continue
        item_fields = RolloutFields(fields.path, item, fields.problems, f"changes[{position}].")
        item_fields.unknown(CHANGE_FIELDS)
        moment = item_fields.date("date", required=True)
        note = item_fields.text("note", required=True)
        if moment is None or note is None:
            continue
        written = item["date"]
        found.append(
            WrittenChange(
                date=moment,
                date_only=isinstance(written, str) and date_only(written),
                note=note,
                position=position,
                date_line=item.lines.get("date", item.line),
                note_line=item.lines.get("note", item.line),
            )
        )
    return found


def check_change_dates(
    fields: Fields,
    changes: list[WrittenChange],
    date: dt.datetime | None,
    updated: dt.datetime | None,
) -> None:
    """No change before the post's date, and `updated` (if written) is the latest change's."""
    if date is not None:
        for change in changes:
            if change.date < date:
                fields.problems.append(
                    Problem(
                        fields.path,
                        _(
                            "%(day)s is before the post's date, %(date)s (expected the day "
                            "of the change, on or after the post's date)",
                            day=_moment(change.date),
                            date=_moment(date),
                        ),
                        field=f"{change.field}.date",
                        line=change.date_line,
                    )
                )
    if updated is not None and changes:
        latest = latest_change(changes)
        if updated != latest.date:
            fields.problem(
                "updated",
                _(
                    "%(updated)s is not the date of the latest change note (%(latest)s, in "
                    "%(field)s); give both the same date, or leave out updated: (the latest "
                    "change note sets it)",
                    updated=_moment(updated),
                    latest=_moment(latest.date),
                    field=latest.field,
                ),
            )


def latest_change(changes: list[WrittenChange]) -> WrittenChange:
    """The newest change note (the first written of those on the latest moment)."""
    return newest_first(changes)[0]


def newest_first(changes: list[WrittenChange]) -> list[WrittenChange]:
    """The notes newest first; notes of the same moment in the order they are written."""
    return sorted(changes, key=lambda change: -change.date.timestamp())


def _moment(moment: dt.datetime) -> str:
    return (
        f"{moment:%Y-%m-%d}"
        if (moment.hour, moment.minute) == (0, 0)
        else f"{moment:%Y-%m-%d %H:%M}"
    )
