"""Load news posts from `content/nieuws/` and the site settings into checked models."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .blocks import KNOWN_NAMES, check_marker, markers_in
from .errors import ContentError, Problem
from .fields import AMSTERDAM, Fields, clean_text
from .front_matter import parse_document
from .markup import Renderer, first_paragraph_text
from .models import LANGUAGES, Content, Post
from .rollout import FILE_NAME as ROLLOUT_FILE
from .rollout import PostReference, check_post_references, load_rollout, unknown_supplier
from .settings import load_settings
from .sources import read_text

POST_FIELDS = ("title", "date", "summary", "tags", "updated", "draft", "suppliers")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FILE_NAME = re.compile(r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md")
_H1 = re.compile(r"<h1[\s>]")


@dataclass(frozen=True, slots=True)
class Loaded:
    """What reading the content folder gave: the models that loaded and every problem."""

    content: Content  # every post that loaded, drafts and future posts included
    problems: tuple[Problem, ...]
    post_references: tuple[PostReference, ...]  # posts the rollout data links to


def parse_file_name(path: Path, problems: list[Problem]) -> tuple[str, str] | None:
    """Slug and language from `<slug>.<lang>.md`, or None after adding a problem."""
    shown = str(path)
    match = _FILE_NAME.fullmatch(path.name)
    if not match:
        problems.append(
            Problem(
                shown,
                "file name must be <slug>.<language>.md, e.g. update-livegang.nl.md",
                field="file name",
            )
        )
        return None
    slug, lang = match["slug"], match["lang"]
    ok = True
    if lang not in LANGUAGES:
        problems.append(
            Problem(
                shown,
                f'language "{lang}" is not one of {", ".join(LANGUAGES)} '
                f"(expected <slug>.nl.md or <slug>.en.md)",
                field="file name",
            )
        )
        ok = False
    if not SLUG.fullmatch(slug):
        problems.append(
            Problem(
                shown,
                f'slug "{slug}" may use only lowercase a-z, 0-9 and single hyphens '
                "(e.g. update-livegang)",
                field="file name",
            )
        )
        ok = False
    return (slug, lang) if ok else None


def load_post(
    path: Path,
    renderer: Renderer,
    problems: list[Problem],
    data: Mapping[str, Any] | None = None,
) -> Post | None:
    """Read one post file; on any problem add it to `problems` and return None.

    `data` holds what was loaded before the posts (`{"rollout": …}`): with it, supplier ids
    and block arguments are checked against it.
    """
    before = len(problems)
    name = parse_file_name(path, problems)
    text = read_text(path, problems)
    if text is None or name is None:
        return None
    slug, lang = name
    shown = str(path)
    document, found = parse_document(clean_text(text), shown)
    problems.extend(found)
    if document is None or found:
        return None  # field checks on unreadable YAML would only add noise
    fields = Fields(shown, document.fields, document.lines, problems)
    fields.unknown(POST_FIELDS)
    title = fields.text("title", required=True)
    date = fields.date("date", required=True)
    summary = fields.text("summary")
    tags = fields.text_list("tags")
    updated = fields.date("updated")
    draft = fields.boolean("draft")
    suppliers = fields.text_list("suppliers")
    if data is not None:
        for supplier_id in suppliers:
            wrong = unknown_supplier(supplier_id, data.get("rollout"))
            if wrong:
                fields.problem("suppliers", wrong)
    if date and updated and updated < date:
        fields.problem("updated", "is before the post's date (expected a later date)")
    if not document.body.strip():
        problems.append(
            Problem(shown, "the post has no text below the front matter", line=document.body_line)
        )
    for line, block, arg in markers_in(document.body):
        if block not in KNOWN_NAMES:
            problems.append(
                Problem(
                    shown,
                    f'unknown block "[[{block}]]" (known blocks: '
                    f"{', '.join(sorted(KNOWN_NAMES)) or 'none'})",
                    line=document.body_line + line - 1,
                )
            )
        elif data is not None and (wrong := check_marker(block, arg, data)):
            problems.append(Problem(shown, wrong, line=document.body_line + line - 1))
    if len(problems) > before:
        return None
    assert title is not None and date is not None
    body_html = renderer.render(document.body)
    if _H1.search(body_html):
        problems.append(
            Problem(
                shown,
                "the text has a level-1 heading ('# …'); the title is the page's only "
                "level-1 heading, so start sections with '## …'",
                line=document.body_line,
            )
        )
        return None
    return Post(
        slug=slug,
        lang=lang,
        title=title,
        date=date,
        summary=summary or first_paragraph_text(body_html),
        body_html=body_html,
        source=path,
        tags=tags,
        updated=updated,
        draft=draft,
        suppliers=suppliers,
    )


def post_files(directory: Path) -> list[Path]:
    """Every Markdown file under `directory`, in a stable order."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*.md") if p.is_file())


def load_posts(
    directory: Path, problems: list[Problem], data: Mapping[str, Any] | None = None
) -> list[Post]:
    """Read every post under `directory`; duplicates of a slug in one language are problems."""
    renderer = Renderer()
    posts: list[Post] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in post_files(directory):
        post = load_post(path, renderer, problems, data)
        if post is None:
            continue
        if post.key in seen:
            problems.append(
                Problem(
                    str(path),
                    f'slug "{post.slug}" is already used in language "{post.lang}" by '
                    f"{seen[post.key]} (expected one file per slug and language)",
                    field="file name",
                )
            )
            continue
        seen[post.key] = path
        posts.append(post)
    return posts


def read_content(content_dir: Path) -> Loaded:
    """Read everything under `content_dir` without raising: every post that loaded (drafts and
    future posts included) and every problem found. The build, the check and the preview share it.
    """
    problems: list[Problem] = []
    settings = load_settings(content_dir, problems)
    rollout, post_references = load_rollout(content_dir, problems)
    # A rollout file with problems (already reported) is no reason to call every supplier id
    # in the posts unknown: check posts against the rollout only when it loaded or is absent.
    broken = rollout is None and (content_dir / ROLLOUT_FILE).exists()
    posts = load_posts(content_dir / "nieuws", problems, None if broken else {"rollout": rollout})
    posts.sort(key=lambda p: (p.date, p.slug, p.lang), reverse=True)
    content = Content(settings=settings, posts=tuple(posts), rollout=rollout)
    return Loaded(content, tuple(problems), tuple(post_references))


def is_published(post: Post, now: dt.datetime, *, drafts: bool, future: bool) -> bool:
    """Whether `post` goes into a build made at `now` with these options."""
    return (drafts or not post.draft) and (future or post.date <= now)


def next_scheduled(
    posts: tuple[Post, ...], now: dt.datetime, *, drafts: bool, future: bool
) -> dt.datetime | None:
    """The date of the first post a build made now leaves out only because of its date."""
    waiting = [
        p.date
        for p in posts
        if not is_published(p, now, drafts=drafts, future=future)
        and is_published(p, now, drafts=drafts, future=True)
    ]
    return min(waiting, default=None)


def select(
    loaded: Loaded, now: dt.datetime, *, drafts: bool, future: bool
) -> tuple[Content, list[Problem]]:
    """The content a build made `now` with these options publishes, and every problem
    (including links from the rollout data to posts such a build leaves out)."""
    everything = loaded.content
    published = tuple(
        p for p in everything.posts if is_published(p, now, drafts=drafts, future=future)
    )
    problems = list(loaded.problems)
    check_post_references(loaded.post_references, published, problems)
    content = replace(
        everything,
        posts=published,
        next_scheduled=next_scheduled(everything.posts, now, drafts=drafts, future=future),
    )
    return content, problems


def load_content(
    content_dir: Path,
    *,
    drafts: bool = False,
    future: bool = False,
    now: dt.datetime | None = None,
) -> Content:
    """Load and check everything under `content_dir`; raise ContentError listing all problems.

    The result holds the posts a build made `now` publishes; `next_scheduled` says when the
    next post left out for its date is due.
    """
    loaded = read_content(content_dir)
    now = now or dt.datetime.now(AMSTERDAM)
    content, problems = select(loaded, now, drafts=drafts, future=future)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentError(errors)
    return content
