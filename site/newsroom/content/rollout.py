"""Read and check the rollout schedule `content/rollout.yaml`: dates at their own precision.

The file is optional: a site without it has no schedule pages, calendars or `[[schedule]]`
block. Every problem is collected with its line, e.g.
`content/rollout.yaml:23: suppliers[2].phases[1].when: "2019-W60" is not …`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsroom.content.editor_texts import _
from newsroom.content.fields import clean_text
from newsroom.content.rollout_fields import RolloutFields
from newsroom.content.sources import read_text
from newsroom.content.yaml_lines import YamlMap, parse_yaml_tree
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


@dataclass(frozen=True, slots=True)
class PostReference:
    """A post the rollout links to; checked once the published posts are known."""

    slug: str
    path: str
    field: str
    line: int


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
                "expected fields 'updated:', 'suppliers:' and 'conditions:' "
                "(see docs/rollout-data.md)",
                line=1,
            )
        )
        return None, []
    before = len(problems)
    top = RolloutFields(shown, tree, problems, "")
    top.unknown(TOP_FIELDS)
    updated = top.day("updated")
    suppliers = _suppliers(top, updated)
    conditions, references = _conditions(top)
    if len(problems) > before or updated is None:
        return None, []
    return Rollout(updated, tuple(suppliers), tuple(conditions)), references


def _suppliers(top: RolloutFields, updated: dt.date | None) -> list[Supplier]:
    suppliers: list[Supplier] = []
    seen: dict[str, int] = {}
    for position, data in top.mappings("suppliers", required=True):
        fields = RolloutFields(top.path, data, top.problems, f"suppliers[{position}].")
        fields.unknown(SUPPLIER_FIELDS)
        supplier_id = fields.ident()
        name = fields.text("name", required=True)
        url = fields.text("url")
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                fields.problem(
                    "url", _('"%(url)s" is not a web address (expected https://…)', url=url)
                )
        if supplier_id is not None:
            if supplier_id in seen:
                fields.problem("id", _already_used(supplier_id, seen[supplier_id]))
            seen.setdefault(supplier_id, fields.lines["id"])
        phases = _phases(fields, supplier_id or "", updated)
        if supplier_id and name and phases:
            suppliers.append(Supplier(supplier_id, name, tuple(phases), url))
    return suppliers


def _phases(supplier: RolloutFields, supplier_id: str, updated: dt.date | None) -> list[Phase]:
    phases: list[Phase] = []
    seen: dict[str, int] = {}
    for position, data in supplier.mappings("phases", required=True):
        fields = RolloutFields(
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
                fields.problem("id", _already_used(phase_id, seen[phase_id]))
            seen.setdefault(phase_id, fields.lines["id"])
        history = _history(fields, supplier_id, phase_id or "", when, updated)
        if phase_id and institutions and when and status:
            phases.append(Phase(phase_id, institutions, when, status, note, tuple(history)))
    return phases


def _history(
    phase: RolloutFields, supplier_id: str, phase_id: str, now: When | None, updated: dt.date | None
) -> list[Revision]:
    """Earlier announcements, oldest first; each one's "now" is the next one's "was"."""
    earlier: list[tuple[dt.date, When, dict[str, str]]] = []
    for position, data in phase.mappings("history"):
        fields = RolloutFields(
            phase.path, data, phase.problems, f"{phase.prefix}history[{position}]."
        )
        fields.unknown(HISTORY_FIELDS)
        was = fields.when("when", after=False)
        changed = fields.day("changed")
        note = fields.per_language("note", LANGUAGES)
        if changed is not None:
            if earlier and changed < earlier[-1][0]:
                fields.problem(
                    "changed",
                    _("is before the change above it (expected the oldest change first)"),
                )
            if updated is not None and changed > updated:
                fields.problem(
                    "changed",
                    _(
                        "is after the schedule's 'updated: %(updated)s' (expected 'updated' to be "
                        "the day of the latest change)",
                        updated=updated.isoformat(),
                    ),
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


def _conditions(top: RolloutFields) -> tuple[list[Condition], list[PostReference]]:
    conditions: list[Condition] = []
    references: list[PostReference] = []
    seen: dict[str, int] = {}
    for position, data in top.mappings("conditions"):
        fields = RolloutFields(top.path, data, top.problems, f"conditions[{position}].")
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
                    "post",
                    _('"%(post)s" is not a post slug (expected e.g. update-livegang)', post=post),
                )
        if condition_id is not None:
            if condition_id in seen:
                fields.problem("id", _already_used(condition_id, seen[condition_id]))
            seen.setdefault(condition_id, fields.lines["id"])
        if condition_id and len(title) == len(LANGUAGES) and who:
            conditions.append(Condition(condition_id, title, who, status, expected, post, note))
    return conditions, references


def _already_used(ident: str, line: int) -> str:
    return _('"%(id)s" is already used on line %(line)s', id=ident, line=line)


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
                    _(
                        'there is no published post "%(slug)s" (expected the slug of a post in '
                        "nieuws/, e.g. mandaat-softwareleverancier for "
                        "mandaat-softwareleverancier.nl.md)",
                        slug=reference.slug,
                    ),
                    field=reference.field,
                    line=reference.line,
                )
            )


def read_by_post_checks(rollout: Rollout | None) -> str:
    """All that the checks of a post read of the rollout data (`unknown_supplier`,
    `check_schedule_marker`): whether there is any, and the suppliers' ids. The cache keys a
    post's load result with it, so a check of posts that reads more must add that here."""
    if rollout is None:
        return "no rollout"
    return "suppliers\0" + "\0".join(sorted(supplier.id for supplier in rollout.suppliers))


def unknown_supplier(supplier_id: str, rollout: Rollout | None) -> str | None:
    """The message for a supplier id the rollout does not have, or None when it has it."""
    if rollout is None:
        return _(
            'supplier "%(id)s" needs the rollout data, but there is no %(file)s in the content '
            "folder",
            id=supplier_id,
            file=FILE_NAME,
        )
    if rollout.supplier(supplier_id) is None:
        known = ", ".join(sorted(s.id for s in rollout.suppliers))
        return _(
            'unknown supplier "%(id)s" (known suppliers in %(file)s: %(known)s)',
            id=supplier_id,
            file=FILE_NAME,
            known=known,
        )
    return None


def check_schedule_marker(argument: str | None, data: Mapping[str, Any]) -> str | None:
    """What is wrong with a `[[schedule]]` or `[[schedule <supplier>]]` marker, or None."""
    rollout = data.get("rollout")
    if argument is None:
        if rollout is None:
            return _(
                "[[schedule]] needs the rollout data, but there is no %(file)s", file=FILE_NAME
            )
        return None
    return unknown_supplier(argument, rollout)
