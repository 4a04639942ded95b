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
from newsroom.content.editor_texts import N_, _, ngettext
from newsroom.content.fields import AMSTERDAM
from newsroom.content.files import FILES_FOLDER
from newsroom.content.settings import placeholder_reason, setting_line
from newsroom.content.sources import read_text
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES, Content, Post, StandalonePage
from newsroom.core.slugs import fold, slugify
from newsroom.loading.content import ReadResult, is_published, read_content, select
from newsroom.markup.crossrefs import FOLDERS, Target, links_in

LANGUAGE_NAMES = {"nl": N_("Dutch"), "en": N_("English")}


def language_name(lang: str | None) -> str:
    """The name of a language in the editors' language ("Engels", "English")."""
    return _(LANGUAGE_NAMES[lang]) if lang in LANGUAGE_NAMES else str(lang)


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
    problems += check_base_url_placeholder(content_dir, content)
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
                _(
                    '"%(file)s" is not in %(folder)s/ (put the file there, or correct the '
                    "name; names are case-sensitive)",
                    file=target.path,
                    folder=files_dir,
                ),
            )
        ]
    if target.kind == "site":
        return [
            (
                "warning",
                _(
                    '"%(link)s" starts with "/", so it breaks when the site lives in a '
                    "sub-folder (link to a post by its file name, e.g. update-livegang.nl.md, "
                    "or to a file as ../%(files)s/name)",
                    link=target.path,
                    files=FILES_FOLDER,
                ),
            )
        ]
    path = (post.source.parent / target.path.split("#")[0]).resolve()
    if path.is_file():
        return [
            (
                "error",
                _(
                    '"%(link)s": the file exists but is not in %(folder)s/, so it would not '
                    "be in the site (move it there and link to ../%(files)s/%(name)s)",
                    link=target.path,
                    folder=files_dir,
                    files=FILES_FOLDER,
                    name=path.name,
                ),
            )
        ]
    return [("error", _('"%(link)s": no such file', link=target.path))]


def _document_findings(site: _Site, post: Post | StandalonePage, target: Target) -> list[Finding]:
    is_post = target.kind == "nieuws"
    language = language_name(target.lang)
    names = site.documents[target.kind]
    if target.file_name not in names:
        close = difflib.get_close_matches(target.file_name, list(names), n=1)
        hint = _('; did you mean "%(name)s"?', name=close[0]) if close else ""
        missing = (
            N_(
                '"%(file)s": there is no post "%(slug)s" in %(language)s '
                "(no file %(file)s in %(folder)s/)"
            )
            if is_post
            else N_(
                '"%(file)s": there is no page "%(slug)s" in %(language)s '
                "(no file %(file)s in %(folder)s/)"
            )
        )
        text = _(
            missing,
            file=target.file_name,
            slug=target.path,
            language=language,
            folder=site.content_dir / target.kind,
        )
        return [("error", text + hint)]
    findings: list[Finding] = []
    if target.lang and target.lang != post.lang:
        own = f"{target.path}.{post.lang}.md"
        hint = (
            _('link to "%(file)s" instead', file=own)
            if own in names
            else _(
                "there is no %(own)s version; say in the text that the page is in %(language)s",
                own=language_name(post.lang),
                language=language,
            )
        )
        findings.append(
            (
                "warning",
                _(
                    '"%(file)s" is the %(language)s version: readers of this %(own)s text '
                    "land on a %(language)s page (%(hint)s)",
                    file=target.file_name,
                    language=language,
                    own=language_name(post.lang),
                    hint=hint,
                ),
            )
        )
    linked = site.posts.get((target.path, target.lang or "")) if target.kind == "nieuws" else None
    if linked is None:
        return findings  # a page, or a post with its own problems (reported already)
    live = {"drafts": False, "future": False}
    # A page is always published; a post only from its date and when not a draft.
    source_live = isinstance(post, StandalonePage) or is_published(post, site.now, **live)
    if source_live and not is_published(linked, site.now, **live):
        why = (
            _('"%(file)s" is a draft', file=target.file_name)
            if linked.draft
            else _('"%(file)s" is dated %(date)s', file=target.file_name, date=_moment(linked.date))
        )
        findings.append(
            (
                "warning",
                _(
                    "%(why)s, so this link does not work in the site until that post is published",
                    why=why,
                ),
            )
        )
    if target.fragment and f'id="{target.fragment}"' not in linked.body_html:
        findings.append(
            (
                "warning",
                _(
                    '"%(link)s": that post has no heading with the id "%(id)s"',
                    link=f"{target.file_name}#{target.fragment}",
                    id=target.fragment,
                ),
            )
        )
    return findings


def check_base_url_placeholder(content_dir: Path, content: Content) -> list[Problem]:
    """A warning while `base_url` is a placeholder (example.org, .test, localhost…): it is part
    of every feed id, so publishing with it would lock the placeholder in for good."""
    base_url = content.settings.base_url
    reason = placeholder_reason(base_url) if base_url else None
    if reason is None:
        return []
    return [
        Problem(
            str(content_dir / "site.yaml"),
            f"{base_url} is a placeholder address ({reason}); set the site's real public "
            "address before publishing (freeze.py --publish refuses to build with it)",
            field="base_url",
            line=setting_line(content_dir, "base_url"),
            severity="warning",
        )
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
        lines = _source_lines(post)
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
            problems.append(
                Problem(
                    str(post.source),
                    _(
                        "is older than the %(language)s version (%(file)s changed %(changed)s, "
                        "this one %(own)s): bring it up to date and set 'updated:' to the "
                        "day you did",
                        language=language_name(row.source.lang),
                        file=row.source.source.name,
                        changed=f"{row.source.last_changed:%Y-%m-%d}",
                        own=f"{post.last_changed:%Y-%m-%d}",
                    ),
                    field="translation",
                    severity="warning",
                )
            )
    return problems


def _field_line(post: Post, field: str) -> int | None:
    lines = _source_lines(post)
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{field}:")), None)


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
                        line=_field_line(post, "draft"),
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
                            date=_moment(post.date),
                            other=other,
                            source=_moment(source.date),
                            file=source.source.name,
                        ),
                        field="date",
                        line=_field_line(post, "date"),
                        severity="warning",
                    )
                )
    return problems


def _moment(moment: dt.datetime) -> str:
    return (
        f"{moment:%Y-%m-%d}"
        if (moment.hour, moment.minute) == (0, 0)
        else f"{moment:%Y-%m-%d %H:%M}"
    )


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
                line=_field_line(post, "tags"),
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
