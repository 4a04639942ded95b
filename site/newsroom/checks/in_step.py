"""Tags and language versions that stay in step: the same topic written one way, translations
that exist, are published with their original, share its date and map its tags."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from newsroom.checks.lines import field_line, moment_text
from newsroom.checks.versions import (
    TranslationRow,
    language_name,
)
from newsroom.content.editor_texts import _, ngettext
from newsroom.content.sources import read_text
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES, Content, Post, StandalonePage
from newsroom.core.slugs import fold, slugify


def check_tags(content: Content) -> list[Problem]:
    """Tags written differently only in case or accents, in one language."""
    problems: list[Problem] = []
    uses: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    first_use: dict[str, dt.datetime] = {}
    for post in content.posts:
        for tag in post.tags:
            uses[(post.lang, fold(tag))][tag] += 1
            first_use[tag] = min(first_use.get(tag, post.date), post.date)
    for post in content.posts:
        for tag in post.tags:
            spellings = uses[(post.lang, fold(tag))]
            if len(spellings) < 2:
                continue
            # The most used spelling is the one to keep; on a tie, the one used first.
            usual = min(spellings, key=lambda s: (-spellings[s], first_use[s], s))
            if tag == usual:
                continue
            count = spellings[usual]
            lines = (read_text(post.source, []) or "").split("\n")
            problems.append(
                Problem(
                    str(post.source),
                    ngettext(
                        '"%(tag)s" differs only in case or accents from "%(usual)s" '
                        '(used in %(num)s other post); did you mean "%(usual)s"?',
                        '"%(tag)s" differs only in case or accents from "%(usual)s" '
                        '(used in %(num)s other posts); did you mean "%(usual)s"?',
                        count,
                        tag=tag,
                        usual=usual,
                    ),
                    field="tags",
                    line=next(
                        (n for n, line in enumerate(lines, 1) if line.startswith("tags:")), None
                    ),
                    severity="warning",
                )
            )
    return problems


def check_translations(table: tuple[TranslationRow, ...]) -> list[Problem]:
    """Posts without a translation, and translations older than their source."""
    problems: list[Problem] = []
    for row in table:
        for lang in row.missing:
            for post in row.versions:
                problems.append(
                    Problem(
                        str(post.source),
                        _(
                            "has no %(language)s translation (start one with: "
                            "make translation SLUG=%(slug)s LANG=%(lang)s)",
                            language=language_name(lang),
                            slug=row.slug,
                            lang=lang,
                        ),
                        field="translation",
                        severity="warning",
                    )
                )
        for lang in row.outdated:
            post = row.version(lang)
            assert post is not None
            problems.append(_outdated(row, post))
    return problems


def _outdated(row: TranslationRow, post: Post) -> Problem:
    """A translation older than its source: what changed there, and what to do here."""
    source = row.source
    newer = [change for change in source.changes if change.date > post.last_changed]
    if newer:  # the source says what changed: this version needs the same note
        message = ngettext(
            "is older than the %(language)s version: %(file)s has a change note of "
            "%(changed)s that this one lacks; bring the text up to date and add the note, "
            "translated, under changes: with the same date",
            "is older than the %(language)s version: %(file)s has %(num)s change notes "
            "(the latest of %(changed)s) that this one lacks; bring the text up to date and "
            "add the notes, translated, under changes: with the same dates",
            len(newer),
            language=language_name(source.lang),
            file=source.source.name,
            changed=moment_text(newer[0].date),
        )
    else:
        message = _(
            "is older than the %(language)s version (%(file)s changed %(changed)s, "
            "this one %(own)s): bring it up to date and set 'updated:' to the "
            "day you did",
            language=language_name(source.lang),
            file=source.source.name,
            changed=f"{source.last_changed:%Y-%m-%d}",
            own=f"{post.last_changed:%Y-%m-%d}",
        )
    return Problem(
        str(post.source),
        message,
        field="translation",
        line=field_line(post, "changes") if newer else None,
        severity="warning",
    )


def check_versions_in_step(table: tuple[TranslationRow, ...]) -> list[Problem]:
    """Versions of one post that drift apart: a translation left a draft while the original
    is published, and a date that differs from the original's."""
    problems: list[Problem] = []
    for row in table:
        source = row.source
        for post in row.versions:
            if post is source:
                continue
            other = language_name(source.lang)
            if post.draft and not source.draft:
                problems.append(
                    Problem(
                        str(post.source),
                        _(
                            "is still a draft (draft: true) while the %(other)s version is "
                            "published, so readers in %(own)s don't see it; remove the line "
                            "draft: true when the translation is done",
                            other=other,
                            own=language_name(post.lang),
                        ),
                        field="draft",
                        line=field_line(post, "draft"),
                        severity="warning",
                    )
                )
            if post.date != source.date:
                problems.append(
                    Problem(
                        str(post.source),
                        _(
                            "%(date)s differs from the %(other)s version's (%(source)s in "
                            "%(file)s); give both versions the same date (a later change goes "
                            "in updated:)",
                            date=moment_text(post.date),
                            other=other,
                            source=moment_text(source.date),
                            file=source.source.name,
                        ),
                        field="date",
                        line=field_line(post, "date"),
                        severity="warning",
                    )
                )
    return problems


def check_tag_counterparts(content: Content) -> list[Problem]:
    """Tags that don't map between the languages (site.yaml's `tags:`, Dutch: English):
    in a post and its translation each tag needs its counterpart, and an English post may not
    use a Dutch tag (it would make a Dutch-named English topic page)."""
    settings = content.settings
    dutch, english = LANGUAGES
    english_of = settings.tags
    versions = {post.key: post for post in content.posts}
    problems: list[Problem] = []

    def warn(post: Post, message: str) -> None:
        problems.append(
            Problem(
                str(post.source),
                message,
                field="tags",
                line=field_line(post, "tags"),
                severity="warning",
            )
        )

    for post in content.posts:
        other = english if post.lang == dutch else dutch
        twin = versions.get((other, post.slug))
        twin_tags = {slugify(t) for t in twin.tags} if twin else set()
        for tag in post.tags:
            slug = slugify(tag)
            counterpart = settings.tag_counterpart(slug, post.lang, other)
            if post.lang == english and counterpart is None and slug in english_of:
                warn(
                    post,
                    _(
                        '"%(tag)s" is a Dutch tag; the English one is "%(english)s" '
                        "(site.yaml, tags:)",
                        tag=tag,
                        english=english_of[slug],
                    ),
                )
                continue
            if twin is None:
                continue
            if counterpart is None:
                example = f"{tag}: …" if post.lang == dutch else f"…: {tag}"
                warn(
                    post,
                    _(
                        '"%(tag)s" has no %(language)s counterpart in site.yaml\'s tags: (add '
                        "a line such as %(example)s under tags:, with the same word on both "
                        "sides when the languages share it)",
                        tag=tag,
                        language=language_name(other),
                        example=example,
                    ),
                )
            elif counterpart not in twin_tags:
                warn(
                    post,
                    _(
                        '"%(tag)s" is "%(counterpart)s" in %(language)s, but %(file)s has no '
                        "such tag; give both versions the same topics",
                        tag=tag,
                        counterpart=counterpart,
                        language=language_name(other),
                        file=twin.source.name,
                    ),
                )
    return problems


def check_page_translations(pages: tuple[StandalonePage, ...]) -> list[Problem]:
    """Pages in one language only: readers of the other language cannot reach them."""
    languages = {page.slug: {p.lang for p in pages if p.slug == page.slug} for page in pages}
    problems: list[Problem] = []
    for page in pages:
        for lang in LANGUAGES:
            if lang not in languages[page.slug]:
                problems.append(
                    Problem(
                        str(page.source),
                        _(
                            "has no %(language)s translation (add %(file)s beside it; it may "
                            "set its own 'slug:')",
                            language=language_name(lang),
                            file=f"{page.slug}.{lang}.md",
                        ),
                        field="translation",
                        severity="warning",
                    )
                )
    return problems
