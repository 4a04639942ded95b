"""One post or page file → its model: fields checked, Markdown rendered and sanitised.

Posts and standalone pages are read the same way (`load_document`); only their fields differ
(`load_post`, `load_standalone_page`). Whatever goes wrong is added to the caller's list of
problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from newsroom.content.changes import check_change_dates, latest_change, read_changes
from newsroom.content.dates import date_only
from newsroom.content.documents import Source, check_body, read_source
from newsroom.content.editor_texts import _
from newsroom.content.fields import Fields as FieldReader
from newsroom.content.rollout import unknown_supplier
from newsroom.core.errors import Problem
from newsroom.core.models import Post, StandalonePage
from newsroom.core.slugs import SLUG
from newsroom.core.timelimit import TookTooLong, time_limit
from newsroom.loading.changes import render_changes
from newsroom.markup import sanitise
from newsroom.markup.figures import alt_problem
from newsroom.markup.render import Renderer, first_paragraph_text

POST_FIELDS = ("title", "date", "summary", "tags", "updated", "changes", "draft", "suppliers")
PAGE_FIELDS = ("title", "summary", "updated", "menu", "footer", "slug")
_H1 = re.compile(r"<h1[\s>]")

Fields = TypeVar("Fields")


def load_document(
    path: Path,
    renderer: Renderer,
    problems: list[Problem],
    data: Mapping[str, Any] | None,
    what: str,
    read_fields: Callable[[Source], Fields],
) -> tuple[Source, Fields, str, str] | None:
    """Read a `what` ("post" or "page") file: its source, its fields as `read_fields` reads
    them, its HTML and its summary's fallback (the first paragraph's text).

    On any problem add it to `problems` and return None. With `data` (`{"rollout": …}`),
    block arguments are checked against it.
    """
    before = len(problems)
    source = read_source(path, problems)
    if source is None:
        return None
    fields = read_fields(source)
    check_body(source, problems, what, data)
    if len(problems) > before:
        return None
    body_html = render_body(source, renderer, problems)
    if body_html is None:
        return None
    return source, fields, body_html, first_paragraph_text(body_html)


def load_post(
    path: Path,
    renderer: Renderer,
    problems: list[Problem],
    data: Mapping[str, Any] | None = None,
) -> Post | None:
    """Read one post file; on any problem add it to `problems` and return None.

    With `data` (`{"rollout": …}`) supplier ids and block arguments are checked against it.
    """

    def read(source: Source) -> dict[str, Any]:
        fields = source.fields
        fields.unknown(POST_FIELDS)
        values = {
            "title": fields.text("title", required=True),
            "date": fields.date("date", required=True),
            "summary": fields.text("summary"),
            "tags": fields.text_list("tags"),
            "updated": fields.date("updated"),
            "draft": fields.boolean("draft"),
            "suppliers": fields.text_list("suppliers"),
        }
        if data is not None:
            for supplier_id in values["suppliers"]:
                wrong = unknown_supplier(supplier_id, data.get("rollout"))
                if wrong:
                    fields.problem("suppliers", wrong)
        date, updated = values["date"], values["updated"]
        if date and updated and updated < date:
            fields.problem("updated", _("is before the post's date (expected a later date)"))
        changes = read_changes(fields)
        check_change_dates(fields, changes, date, updated)
        values["date_only"] = _date_only(fields, "date")
        values["updated_date_only"] = _date_only(fields, "updated")
        if changes:  # the latest change note is the post's last substantive change
            latest = latest_change(changes)
            values["updated"], values["updated_date_only"] = latest.date, latest.date_only
        values["changes"] = changes
        return values

    loaded = load_document(path, renderer, problems, data, "post", read)
    if loaded is None:
        return None
    source, values, body_html, first_paragraph = loaded
    changes = render_changes(source, values["changes"], renderer, problems, RENDER_SECONDS)
    if changes is None:
        return None
    return Post(
        slug=source.slug,
        lang=source.lang,
        body_html=body_html,
        source=path,
        **{**values, "summary": values["summary"] or first_paragraph, "changes": changes},
    )


def _date_only(fields: FieldReader, key: str) -> bool:
    """Whether the date field `key` is written without a time."""
    value = fields.data.get(key)
    return isinstance(value, str) and date_only(value)


def load_standalone_page(
    path: Path,
    renderer: Renderer,
    problems: list[Problem],
    data: Mapping[str, Any] | None = None,
) -> tuple[StandalonePage, int | None] | None:
    """Read one page file: the page and the line of its `slug:` field (None if it has none).

    On any problem add it to `problems` and return None.
    """

    def read(source: Source) -> dict[str, Any]:
        fields = source.fields
        fields.unknown(PAGE_FIELDS)
        values = {
            "title": fields.text("title", required=True),
            "summary": fields.text("summary"),
            "updated": fields.date("updated"),
            "menu": fields.whole_number("menu"),
            "footer": fields.whole_number("footer"),
            "url_slug": fields.text("slug"),
        }
        url_slug = values["url_slug"]
        if url_slug is not None and not SLUG.fullmatch(url_slug):
            fields.problem(
                "slug",
                _(
                    '"%(slug)s" may use only lowercase a-z, 0-9 and single hyphens (e.g. about)',
                    slug=url_slug,
                ),
            )
        return values

    loaded = load_document(path, renderer, problems, data, "page", read)
    if loaded is None:
        return None
    source, values, body_html, first_paragraph = loaded
    page = StandalonePage(
        slug=source.slug,
        lang=source.lang,
        body_html=body_html,
        source=path,
        **{
            **values,
            "url_slug": values["url_slug"] or source.slug,
            "summary": values["summary"] or first_paragraph,
        },
    )
    return page, source.document.lines.get("slug")


RENDER_SECONDS = 10.0
"""Rendering a post takes milliseconds; some pasted text (thousands of `[` or `<` in a row)
makes Python-Markdown take minutes. Past this limit the file is a problem, not a hang."""


def render_body(source: Source, renderer: Renderer, problems: list[Problem]) -> str | None:
    """The body as sanitised HTML; None after a problem (its own level-1 heading, or text
    that takes too long to render).

    Whatever the sanitiser removes is reported as a warning, so the editor knows.
    """
    try:
        with time_limit(RENDER_SECONDS):
            raw_html = renderer.render(source.document.body)
    except TookTooLong:
        problems.append(too_slow(source))
        return None
    problems.extend(removal_warnings(source, raw_html))
    if sanitise.raw_images(raw_html, len(renderer.images)):
        lines = source.document.body.lower().split("\n")
        number = next((n for n, line in enumerate(lines) if "<img" in line), 0)
        line = source.document.body_line + number
        problems.append(sanitise.raw_image_problem(source.shown, "image", line))
        return None
    # Images from content/bestanden/ are checked with their files (loading/images.py).
    elsewhere = [i for i in renderer.images if not i.get("src", "").startswith("bestanden/")]
    missing_alt = alt_problems(source, elsewhere)
    if missing_alt:
        problems.extend(missing_alt)
        return None
    body_html = sanitise.clean(raw_html)
    if _H1.search(body_html):
        problems.append(
            Problem(
                source.shown,
                "the text has a level-1 heading ('# …'); the title is the page's only "
                "level-1 heading, so start sections with '## …'",
                line=source.document.body_line,
            )
        )
        return None
    return body_html


def alt_problems(source: Source, images: list[dict[str, str]]) -> list[Problem]:
    """An error for each image written in Markdown without alternative text, at the line that
    shows it (the n-th image of a file is looked for on the n-th line that names that file)."""
    lines = source.document.body.split("\n")
    seen: dict[str, int] = {}
    problems = []
    for image in images:
        name = image.get("src", "").rsplit("/", 1)[-1]
        seen[name] = seen.get(name, 0) + 1
        problem = alt_problem(image)
        if problem is not None:
            number = line_naming(lines, name, seen[name]) or 1
            line = source.document.body_line + number - 1
            problems.append(Problem(source.shown, f'"{name}": {problem}', field="image", line=line))
    return problems


def line_naming(lines: list[str], name: str, nth: int = 1) -> int | None:
    """The number (from 1) of the `nth` line of `lines` that holds `name` (the last such
    line when there are fewer); None when none does."""
    found = [number for number, line in enumerate(lines, 1) if name and name in line]
    return found[min(nth, len(found)) - 1] if found else None


def removal_warnings(source: Source, raw_html: str) -> list[Problem]:
    """A warning for each kind of HTML the sanitiser removes, at the line it is written on."""
    lines = source.document.body.lower().split("\n")
    warnings = []
    for removal in sanitise.removed(raw_html):
        number = next((n for n, line in enumerate(lines) if removal.needle in line), 0)
        warnings.append(removal.warning(source.shown, "body", source.document.body_line + number))
    return warnings


def too_slow(source: Source) -> Problem:
    """The problem of a text that takes too long to render, at its line with the most
    brackets (the usual cause: a long run of `[` or `<` pasted from elsewhere)."""
    lines = source.document.body.split("\n")
    worst = max(range(len(lines)), key=lambda n: lines[n].count("[") + lines[n].count("<"))
    return Problem(
        source.shown,
        _(
            "this text takes more than %(seconds)s seconds to turn into a page, so the build "
            "stopped trying; look for a long run of '[' or '<' characters (often pasted from "
            "elsewhere) and remove it or put it in a code block",
            seconds=f"{RENDER_SECONDS:g}",
        ),
        field="body",
        line=source.document.body_line + worst,
    )
