"""Read and check the rollout schedule `content/rollout.yaml`: dates at their own precision.

The file is optional: a site without it has no schedule pages, calendars or `[[schedule]]`
block. Every problem is collected with its line, e.g.
`content/rollout.yaml:23: suppliers[2].phases[1].when: "2019-W60" is not …`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsroom.content.fields import Fields, clean_text
from newsroom.content.fields import shown_value as _show
from newsroom.content.sources import read_text
from newsroom.content.yaml_lines import YamlList, YamlMap, parse_yaml_tree
from newsroom.core.errors import Problem
from newsroom.core.models import (
    INSTITUTIONS,
    LANGUAGES,
    STATUSES,
    WHO,
    Condition,
    Phase,
    Post,
    Revision,
    Rollout,
    Supplier,
    When,
)
from newsroom.core.slugs import SLUG

FILE_NAME = "rollout.yaml"

TOP_FIELDS = ("updated", "suppliers", "conditions")
SUPPLIER_FIELDS = ("id", "name", "url", "phases")
PHASE_FIELDS = ("id", "institutions", "when", "status", "note", "history")
HISTORY_FIELDS = ("when", "changed", "note")
CONDITION_FIELDS = ("id", "title", "who", "status", "expected", "post", "note")

WHEN_HELP = (
    'expected an exact day 2019-11-18, an ISO week 2019-W47, "from 2019-12-01", '
    '"after previous" or "unknown"'
)
WHEN_HELP_DATED = (
    'expected an exact day 2019-11-18, an ISO week 2019-W47, "from 2019-12-01" or "unknown"'
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_FROM = re.compile(r"from\s+(\S+)")


@dataclass(frozen=True, slots=True)
class PostReference:
    """A post the rollout links to; checked once the published posts are known."""

    slug: str
    path: str
    field: str
    line: int


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


class _Fields(Fields):
    """Fields of one nested mapping: a missing key is reported at the mapping's own line."""

    def __init__(self, path: str, data: YamlMap, problems: list[Problem], prefix: str) -> None:
        super().__init__(path, data, data.lines, problems, prefix)
        self.line = data.line

    def problem(self, key: str, message: str, severity: str = "error") -> None:
        self.problems.append(
            Problem(
                self.path,
                message,
                field=self.prefix + key,
                line=self.lines.get(key, self.line),
                severity=severity,
            )
        )

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key, required=True)
        if value is not None and not SLUG.fullmatch(value):
            self.problem(
                key,
                f'"{value}" may use only lowercase a-z, 0-9 and single hyphens '
                "(expected e.g. somtoday or first-institution)",
            )
            return None
        return value

    def choice(self, key: str, choices: Iterable[str], required: bool = True) -> str | None:
        choices = tuple(choices)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, f"is required and missing (expected one of {', '.join(choices)})")
            return None
        if value not in choices:
            self.problem(key, f"{_show(value)} is not one of {', '.join(choices)}")
            return None
        return value

    def when(self, key: str, required: bool = True, after: bool = True) -> When | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, f"is required and missing ({WHEN_HELP})")
            return None
        when = parse_when(clean_text(value)) if isinstance(value, str) else None
        if when is None:
            self.problem(key, f"{_show(value)} is not a date this file understands ({WHEN_HELP})")
            return None
        if when.kind == "after" and not after:
            self.problem(
                key,
                f'"after previous" only fits a phase that follows another ({WHEN_HELP_DATED})',
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
                self.problem(key, "is required and missing (expected a list of items '- id: …')")
            return []
        if not isinstance(value, YamlList):
            self.problem(key, f"{_show(value)} is not a list (expected items starting with '- ')")
            return []
        if required and not value:
            self.problem(key, "is empty (expected at least one item '- id: …')")
        found = []
        for position, (item, line) in enumerate(zip(value, value.lines, strict=True), start=1):
            if not isinstance(item, YamlMap):
                self.problems.append(
                    Problem(
                        self.path,
                        f"{_show(item)} is not a group of fields (expected 'name: value' lines)",
                        field=f"{self.prefix}{key}[{position}]",
                        line=line,
                    )
                )
                continue
            found.append((position, item))
        return found


def load_rollout(
    content_dir: Path, problems: list[Problem]
) -> tuple[Rollout | None, list[PostReference]]:
    """Read `rollout.yaml` in `content_dir` (None when there is none, or on problems).

    Also returns the posts the file links to, to check against the published posts.
    """
    path = content_dir / FILE_NAME
    if not path.exists():
        return None, []  # a site without a schedule
    shown = str(path)
    text = read_text(path, problems, root=content_dir)
    if text is None:
        return None, []
    tree, found = parse_yaml_tree(clean_text(text), shown)
    problems.extend(found)
    if found:
        return None, []
    if not isinstance(tree, YamlMap):
        problems.append(
            Problem(
                shown,
                "expected fields 'updated:', 'suppliers:' and 'conditions:' (see README, "
                "'Rollout data')",
                line=1,
            )
        )
        return None, []
    before = len(problems)
    top = _Fields(shown, tree, problems, "")
    top.unknown(TOP_FIELDS)
    updated = top.day("updated")
    suppliers = _suppliers(top, updated)
    conditions, references = _conditions(top)
    if len(problems) > before or updated is None:
        return None, []
    return Rollout(updated, tuple(suppliers), tuple(conditions)), references


def _suppliers(top: _Fields, updated: dt.date | None) -> list[Supplier]:
    suppliers: list[Supplier] = []
    seen: dict[str, int] = {}
    for position, data in top.mappings("suppliers", required=True):
        fields = _Fields(top.path, data, top.problems, f"suppliers[{position}].")
        fields.unknown(SUPPLIER_FIELDS)
        supplier_id = fields.ident()
        name = fields.text("name", required=True)
        url = fields.text("url")
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                fields.problem("url", f'"{url}" is not a web address (expected https://…)')
        if supplier_id is not None:
            if supplier_id in seen:
                fields.problem("id", f'"{supplier_id}" is already used on line {seen[supplier_id]}')
            seen.setdefault(supplier_id, fields.lines["id"])
        phases = _phases(fields, supplier_id or "", updated)
        if supplier_id and name and phases:
            suppliers.append(Supplier(supplier_id, name, tuple(phases), url))
    return suppliers


def _phases(supplier: _Fields, supplier_id: str, updated: dt.date | None) -> list[Phase]:
    phases: list[Phase] = []
    seen: dict[str, int] = {}
    for position, data in supplier.mappings("phases", required=True):
        fields = _Fields(
            supplier.path, data, supplier.problems, f"{supplier.prefix}phases[{position}]."
        )
        fields.unknown(PHASE_FIELDS)
        phase_id = fields.ident()
        institutions = fields.choice("institutions", INSTITUTIONS)
        when = fields.when("when", after=position > 1)
        status = fields.choice("status", STATUSES)
        note = fields.per_language("note", LANGUAGES)
        if phase_id is not None:
            if phase_id in seen:
                fields.problem("id", f'"{phase_id}" is already used on line {seen[phase_id]}')
            seen.setdefault(phase_id, fields.lines["id"])
        history = _history(fields, supplier_id, phase_id or "", when, updated)
        if phase_id and institutions and when and status:
            phases.append(Phase(phase_id, institutions, when, status, note, tuple(history)))
    return phases


def _history(
    phase: _Fields, supplier_id: str, phase_id: str, now: When | None, updated: dt.date | None
) -> list[Revision]:
    """Earlier announcements, oldest first; each one's "now" is the next one's "was"."""
    earlier: list[tuple[dt.date, When, dict[str, str]]] = []
    for position, data in phase.mappings("history"):
        fields = _Fields(phase.path, data, phase.problems, f"{phase.prefix}history[{position}].")
        fields.unknown(HISTORY_FIELDS)
        was = fields.when("when", after=False)
        changed = fields.day("changed")
        note = fields.per_language("note", LANGUAGES)
        if changed is not None:
            if earlier and changed < earlier[-1][0]:
                fields.problem(
                    "changed", "is before the change above it (expected the oldest change first)"
                )
            if updated is not None and changed > updated:
                fields.problem(
                    "changed",
                    f"is after the schedule's 'updated: {updated.isoformat()}' (expected "
                    "'updated' to be the day of the latest change)",
                )
        if was is not None and changed is not None:
            earlier.append((changed, was, note))
    if now is None or not earlier:
        return []
    nows = [was for _, was, _ in earlier[1:]] + [now]
    return [
        Revision(changed, supplier_id, phase_id, was, later, note)
        for (changed, was, note), later in zip(earlier, nows, strict=True)
    ]


def _conditions(top: _Fields) -> tuple[list[Condition], list[PostReference]]:
    conditions: list[Condition] = []
    references: list[PostReference] = []
    seen: dict[str, int] = {}
    for position, data in top.mappings("conditions"):
        fields = _Fields(top.path, data, top.problems, f"conditions[{position}].")
        fields.unknown(CONDITION_FIELDS)
        condition_id = fields.ident()
        title = fields.per_language("title", LANGUAGES, required=True)
        who = fields.choice("who", WHO)
        status = fields.choice("status", STATUSES, required=False)
        expected = fields.when("expected", required=False, after=False)
        post = fields.text("post")
        note = fields.per_language("note", LANGUAGES)
        if post is not None:
            if SLUG.fullmatch(post):
                references.append(
                    PostReference(post, top.path, fields.prefix + "post", fields.lines["post"])
                )
            else:
                fields.problem(
                    "post", f'"{post}" is not a post slug (expected e.g. update-livegang)'
                )
        if condition_id is not None:
            if condition_id in seen:
                fields.problem(
                    "id", f'"{condition_id}" is already used on line {seen[condition_id]}'
                )
            seen.setdefault(condition_id, fields.lines["id"])
        if condition_id and len(title) == len(LANGUAGES) and who:
            conditions.append(Condition(condition_id, title, who, status, expected, post, note))
    return conditions, references


def check_post_references(
    references: Iterable[PostReference], posts: Iterable[Post], problems: list[Problem]
) -> None:
    """Every post the rollout links to must be published (in at least one language)."""
    slugs = {post.slug for post in posts}
    for reference in references:
        if reference.slug not in slugs:
            problems.append(
                Problem(
                    reference.path,
                    f'there is no published post "{reference.slug}" (expected the slug of a '
                    "post in nieuws/, e.g. mandaat-softwareleverancier for "
                    "mandaat-softwareleverancier.nl.md)",
                    field=reference.field,
                    line=reference.line,
                )
            )


def unknown_supplier(supplier_id: str, rollout: Rollout | None) -> str | None:
    """The message for a supplier id the rollout does not have, or None when it has it."""
    if rollout is None:
        return (
            f'supplier "{supplier_id}" needs the rollout data, but there is no {FILE_NAME} '
            "in the content folder"
        )
    if rollout.supplier(supplier_id) is None:
        known = ", ".join(sorted(s.id for s in rollout.suppliers))
        return f'unknown supplier "{supplier_id}" (known suppliers in {FILE_NAME}: {known})'
    return None


def check_schedule_marker(argument: str | None, data: Mapping[str, Any]) -> str | None:
    """What is wrong with a `[[schedule]]` or `[[schedule <supplier>]]` marker, or None."""
    rollout = data.get("rollout")
    if argument is None:
        if rollout is None:
            return f"[[schedule]] needs the rollout data, but there is no {FILE_NAME}"
        return None
    return unknown_supplier(argument, rollout)
