"""`make check`: everything the build checks, plus links, files, tags and translations.

The build's own checks come from the same loader the build uses (`loading.content.read_content`);
this module adds only what a build does not stop for.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsroom.checks.versions import (
    StandalonePageRow,
    TranslationRow,
    standalone_page_table,
    translation_table,
)
from newsroom.content.documents import markdown_files
from newsroom.content.fields import AMSTERDAM
from newsroom.content.files import FILES_FOLDER
from newsroom.content.sources import read_text
from newsroom.core.errors import Problem
from newsroom.core.models import Content, Post, StandalonePage
from newsroom.core.slugs import fold
from newsroom.loading.content import ReadResult, is_published, read_content, select
from newsroom.markup.crossrefs import FOLDERS, Target, links_in

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every problem found (sorted by file and line) and the translation report."""

    content_dir: Path
    problems: tuple[Problem, ...]
    posts: int
    translations: tuple[TranslationRow, ...]
    page_translations: tuple[StandalonePageRow, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def run_check(content_dir: Path, now: dt.datetime | None = None) -> CheckResult:
    """Check the content folder; never raises for anything wrong in the content."""
    now = now or dt.datetime.now(AMSTERDAM)
    loaded = read_content(content_dir)
    # The build's own checks, for a build made now without --drafts or --future.
    _, problems = select(loaded, now, drafts=False, future=False)
    content = loaded.content  # every post, drafts and future ones included
    problems += check_links(content_dir, content, now)
    problems += check_tags(content)
    problems += check_placeholders(content)
    table = translation_table(content.posts)
    problems += check_translations(table)
    problems += check_page_translations(content.pages)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity, p.message))
    return CheckResult(
        content_dir,
        tuple(problems),
        len(content.posts),
        table,
        standalone_page_table(content.pages),
    )


def refused(content_dir: Path, loaded: ReadResult, now: dt.datetime) -> list[Problem]:
    """The errors `make check` finds beyond the loader's own: the build refuses them too
    (broken links to posts, pages and files; text new-post left in a published post)."""
    content = loaded.content  # every post, drafts included, as the check sees them
    found = check_links(content_dir, content, now) + check_placeholders(content)
    return [p for p in found if p.is_error]


def _source_lines(document: Post | StandalonePage) -> list[str]:
    return (read_text(document.source, []) or "").split("\n")


def _line_of(lines: list[str], needle: str) -> int | None:
    return next((number for number, line in enumerate(lines, 1) if needle in line), None)


Finding = tuple[str, str]
"""(severity, message) of one link, before it gets its file, line and field."""


@dataclass(frozen=True, slots=True)
class _Site:
    """What link checks look things up in."""

    content_dir: Path
    documents: dict[str, dict[str, Path]]  # folder -> file name -> file
    posts: dict[tuple[str, str], Post]  # (slug, lang) -> post
    now: dt.datetime


def check_links(content_dir: Path, content: Content, now: dt.datetime) -> list[Problem]:
    """Links to posts, pages and files that do not exist, or will not work in the site."""
    site = _Site(
        content_dir,
        {folder: {p.name: p for p in markdown_files(content_dir / folder)} for folder in FOLDERS},
        {(p.slug, p.lang): p for p in content.posts},
        now,
    )
    problems: list[Problem] = []
    for post in (*content.posts, *content.pages):
        lines: list[str] | None = None  # read only when a link needs its line
        for element, target in links_in(post.body_html):
            for severity, message in _link_findings(site, post, target):
                lines = _source_lines(post) if lines is None else lines
                problems.append(
                    Problem(
                        str(post.source),
                        message,
                        field="image" if element == "img" else "link",
                        line=_line_of(lines, target.file_name),
                        severity=severity,
                    )
                )
    return problems


def _link_findings(site: _Site, post: Post | StandalonePage, target: Target) -> list[Finding]:
    files_dir = site.content_dir / FILES_FOLDER
    if target.kind in FOLDERS:
        return _document_findings(site, post, target)
    if target.kind == FILES_FOLDER:
        if (files_dir / target.path).is_file():
            return []
        return [
            (
                "error",
                f'"{target.path}" is not in {files_dir}/ (put the file there, or correct the '
                "name; names are case-sensitive)",
            )
        ]
    if target.kind == "site":
        return [
            (
                "warning",
                f'"{target.path}" starts with "/", so it breaks when the site lives in a '
                "sub-folder (link to a post by its file name, e.g. update-livegang.nl.md, "
                f"or to a file as ../{FILES_FOLDER}/name)",
            )
        ]
    path = (post.source.parent / target.path.split("#")[0]).resolve()
    if path.is_file():
        return [
            (
                "error",
                f'"{target.path}": the file exists but is not in {files_dir}/, so it would not '
                f"be in the site (move it there and link to ../{FILES_FOLDER}/{path.name})",
            )
        ]
    return [("error", f'"{target.path}": no such file')]


def _document_findings(site: _Site, post: Post | StandalonePage, target: Target) -> list[Finding]:
    noun = "post" if target.kind == "nieuws" else "page"
    language = LANGUAGE_NAMES.get(target.lang or "", target.lang)
    names = site.documents[target.kind]
    if target.file_name not in names:
        close = difflib.get_close_matches(target.file_name, list(names), n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        return [
            (
                "error",
                f'"{target.file_name}": there is no {noun} "{target.path}" in {language} '
                f"(no file {target.file_name} in {site.content_dir / target.kind}/){hint}",
            )
        ]
    linked = site.posts.get((target.path, target.lang or "")) if target.kind == "nieuws" else None
    if linked is None:
        return []  # a page, or a post with its own problems (reported already)
    findings: list[Finding] = []
    live = {"drafts": False, "future": False}
    # A page is always published; a post only from its date and when not a draft.
    source_live = isinstance(post, StandalonePage) or is_published(post, site.now, **live)
    if source_live and not is_published(linked, site.now, **live):
        why = "is a draft" if linked.draft else f"is dated {linked.date:%Y-%m-%d %H:%M}"
        findings.append(
            (
                "warning",
                f'"{target.file_name}" {why}, so this link does not work in the site until '
                "that post is published",
            )
        )
    if target.fragment and f'id="{target.fragment}"' not in linked.body_html:
        findings.append(
            (
                "warning",
                f'"{target.file_name}#{target.fragment}": that post has no heading with the '
                f'id "{target.fragment}"',
            )
        )
    return findings


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
        lines = _source_lines(post)
        for number, line in enumerate(lines, 1):
            text = next((t for t in texts if t in line), None)
            if text is None:
                continue
            problems.append(
                Problem(
                    str(post.source),
                    f'still has the text new-post started it with ("{text.strip()}"); '
                    "replace it with the post's own text",
                    field="body",
                    line=number,
                    severity="warning" if post.draft else "error",
                )
            )
    return problems


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
                    f'"{tag}" differs only in case or accents from "{usual}" '
                    f"(used in {count} other post{'s' if count != 1 else ''}); "
                    f'did you mean "{usual}"?',
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
                        f"has no {LANGUAGE_NAMES[lang]} translation (start one with: "
                        f"flask --app newsroom new-post --translation-of {row.slug} "
                        f"--lang {lang})",
                        field="translation",
                        severity="warning",
                    )
                )
        for lang in row.outdated:
            post = row.version(lang)
            assert post is not None
            problems.append(
                Problem(
                    str(post.source),
                    f"is older than the {LANGUAGE_NAMES[row.source.lang]} version "
                    f"({row.source.source.name} changed {row.source.last_changed:%Y-%m-%d}, "
                    f"this one {post.last_changed:%Y-%m-%d}): bring it up to date and set "
                    "'updated:' to the day you did",
                    field="translation",
                    severity="warning",
                )
            )
    return problems


def check_page_translations(pages: tuple[StandalonePage, ...]) -> list[Problem]:
    """Pages in one language only: readers of the other language cannot reach them."""
    languages = {page.slug: {p.lang for p in pages if p.slug == page.slug} for page in pages}
    problems: list[Problem] = []
    for page in pages:
        for lang in LANGUAGE_NAMES:
            if lang not in languages[page.slug]:
                problems.append(
                    Problem(
                        str(page.source),
                        f"has no {LANGUAGE_NAMES[lang]} translation (add "
                        f"{page.slug}.{lang}.md beside it; it may set its own 'slug:')",
                        field="translation",
                        severity="warning",
                    )
                )
    return problems
