"""`make check`: everything the build checks, plus links, files, tags and translations.

The build's own checks come from the same loader the build uses (`loading.content.read_content`);
this module adds only what a build does not stop for."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from newsroom.checks.in_step import (
    check_page_translations,
    check_tag_counterparts,
    check_tags,
    check_translations,
    check_versions_in_step,
)
from newsroom.checks.lines import remembered_lines, source_lines
from newsroom.checks.links import check_links
from newsroom.checks.versions import (
    StandalonePageRow,
    TranslationRow,
    standalone_page_table,
    translation_table,
)
from newsroom.content.dates import AMSTERDAM
from newsroom.content.editor_texts import _
from newsroom.content.settings import placeholder_domain, placeholder_reason, setting_line
from newsroom.core.errors import Problem
from newsroom.core.models import Content
from newsroom.loading.content import ReadResult, read_content, select
from newsroom.loading.workers import LoadOptions


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every problem found (sorted by file and line) and the translation report."""

    content_dir: Path
    problems: tuple[Problem, ...]
    posts: int  # posts (one slug, in one language or both), as the translation report counts
    translations: tuple[TranslationRow, ...]
    page_translations: tuple[StandalonePageRow, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def run_check(
    content_dir: Path,
    now: dt.datetime | None = None,
    *,
    loaded: ReadResult | None = None,
    options: LoadOptions | None = None,
) -> CheckResult:
    """Check the content folder; never raises for anything wrong in the content.

    `loaded`: the folder as already read (the preview's); else it is read with `options`
    (the cache and the workers: `make check` uses the build's, see cache.cache_dir_beside).
    """
    now = now or dt.datetime.now(AMSTERDAM)
    if loaded is None:
        loaded = read_content(content_dir, options)
    with remembered_lines():
        return _checked(content_dir, loaded, now)


def _checked(content_dir: Path, loaded: ReadResult, now: dt.datetime) -> CheckResult:
    # The build's own checks, for a build made now without --drafts or --future.
    _, problems = select(loaded, now, drafts=False, future=False)
    content = loaded.content  # every post, drafts and future ones included
    problems += check_links(content_dir, content, now)
    problems += check_tags(content)
    problems += check_placeholders(content)
    problems += check_address_placeholders(content_dir, content)
    table = translation_table(content.posts)
    problems += check_translations(table)
    problems += check_versions_in_step(table)
    problems += check_tag_counterparts(content)
    problems += check_page_translations(content.pages)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity, p.message))
    # A post is one slug however many language versions it has (so the summary and the
    # translation report count the same things); a file that did not load is not one yet.
    return CheckResult(
        content_dir,
        tuple(problems),
        len(table),
        table,
        standalone_page_table(content.pages),
    )


def refused(content_dir: Path, loaded: ReadResult, now: dt.datetime) -> list[Problem]:
    """The errors `make check` finds beyond the loader's own: the build refuses them too
    (broken links to posts, pages and files; text new-post left in a published post)."""
    content = loaded.content  # every post, drafts included, as the check sees them
    found = check_links(content_dir, content, now) + check_placeholders(content)
    return [p for p in found if p.is_error]


def check_address_placeholders(content_dir: Path, content: Content) -> list[Problem]:
    """Warnings while `base_url` or `feed_id_authority` is a placeholder (example.org, .test,
    localhost…): each is part of every feed id, so publishing with one would lock it in."""
    settings = content.settings
    found: list[tuple[str, str]] = []
    reason = placeholder_reason(settings.base_url) if settings.base_url else None
    if reason is not None:
        found.append(
            (
                "base_url",
                _(
                    "%(url)s is a placeholder address (%(reason)s); set the site's real public "
                    "address before publishing (freeze.py --publish refuses to build with it)",
                    url=settings.base_url,
                    reason=reason,
                ),
            )
        )
    authority = settings.feed_id_authority
    reason = placeholder_domain(authority) if authority else None
    if reason is not None:
        found.append(
            (
                "feed_id_authority",
                _(
                    "%(domain)s is a placeholder domain (%(reason)s); set the domain the feeds "
                    "are first published under before publishing: it is part of every feed and "
                    "calendar id, and a change later shows subscribers every post again as new "
                    "(freeze.py --publish refuses to build with it)",
                    domain=authority,
                    reason=reason,
                ),
            )
        )
    return [
        Problem(
            str(content_dir / "site.yaml"),
            message,
            field=field,
            line=setting_line(content_dir, field),
            severity="warning",
        )
        for field, message in found
    ]


def check_placeholders(content: Content) -> list[Problem]:
    """Posts that still hold the text `new-post` started them with: an error once the post
    is no longer a draft (readers would see it), a reminder while it is."""
    from newsroom.checks.placeholders import placeholders

    texts = placeholders()
    # Each text's start up to its first quote mark, as it stands in the rendered HTML too:
    # only a post whose HTML holds one is read again (a build checks every post).
    starts = tuple(re.split("[\"']", text)[0].strip()[:24] for text in texts)
    problems: list[Problem] = []
    for post in content.posts:
        if not any(start in post.body_html for start in starts):
            continue
        lines = source_lines(post)
        for number, line in enumerate(lines, 1):
            text = next((t for t in texts if t in line), None)
            if text is None:
                continue
            problems.append(
                Problem(
                    str(post.source),
                    _(
                        'still has the text new-post started it with ("%(text)s"); '
                        "replace it with the post's own text",
                        text=text.strip(),
                    ),
                    field="body",
                    line=number,
                    severity="warning" if post.draft else "error",
                )
            )
    return problems
