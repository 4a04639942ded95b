"""Load the site settings, the rollout, news posts (`content/nieuws/`) and pages into models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsroom.content.dates import AMSTERDAM
from newsroom.content.documents import duplicate_slug, markdown_files
from newsroom.content.files import published_files
from newsroom.content.rollout import FILE_NAME as ROLLOUT_FILE
from newsroom.content.rollout import PostReference, check_post_references, load_rollout
from newsroom.content.settings import load_settings
from newsroom.content.sources import links_outside
from newsroom.content.statement import load_statement, statement_block_problems
from newsroom.core.errors import ContentError, Problem
from newsroom.core.models import Content, Post
from newsroom.loading.codec import Loaded
from newsroom.loading.documents import load_post
from newsroom.loading.images import load_images, not_published, shown_images
from newsroom.loading.standalone_pages import load_standalone_pages
from newsroom.loading.workers import LoadOptions, data_digest, load_files


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What reading the content folder gave: the models that loaded and every problem."""

    content: Content  # every post that loaded, drafts and future posts included
    problems: tuple[Problem, ...]
    post_references: tuple[PostReference, ...]  # posts the rollout data links to


PostsLoader = Callable[[list[Path], Mapping[str, Any] | None, str], list[Loaded]]
"""Loads post files (their paths, the data their checks read, its digest) into results in
order: `load_posts` by default; the preview's loader keeps them in memory too (service.py)."""


def load_posts(
    directory: Path,
    problems: list[Problem],
    data: Mapping[str, Any] | None = None,
    options: LoadOptions | None = None,
    loader: PostsLoader | None = None,
) -> list[Post]:
    """Read every post under `directory`; duplicates of a slug in one language are problems.

    With `options`, results come from the build cache where they can and the rest is
    rendered across several processes; the result is the same either way.
    """
    paths = markdown_files(directory)
    digest = data_digest(directory.parent, data)
    if loader is None:
        loaded = load_files(paths, load_post, data, digest, options or LoadOptions())
    else:
        loaded = loader(paths, data, digest)
    posts: list[Post] = []
    seen: dict[tuple[str, str], Path] = {}
    for path, (post, found) in zip(paths, loaded, strict=True):
        problems.extend(found)
        if post is None:
            continue
        if post.key in seen:
            problems.append(duplicate_slug(path, post.slug, post.lang, seen[post.key]))
            continue
        seen[post.key] = path
        posts.append(post)
    return posts


def read_content(
    content_dir: Path, options: LoadOptions | None = None, loader: PostsLoader | None = None
) -> ReadResult:
    """Read everything under `content_dir` without raising: every post that loaded (drafts and
    future posts included) and every problem found. The build, the check and the preview share it.
    """
    problems: list[Problem] = []
    settings = load_settings(content_dir, problems)
    rollout, post_references = load_rollout(content_dir, problems)
    statement = load_statement(content_dir, problems)
    # A rollout file with problems (already reported) is no reason to call every supplier id
    # in the posts unknown: check posts against the rollout only when it loaded or is absent.
    broken = rollout is None and (content_dir / ROLLOUT_FILE).exists()
    data = None if broken else {"rollout": rollout}
    posts = load_posts(content_dir / "nieuws", problems, data, options, loader)
    posts.sort(key=lambda p: (p.date, p.slug, p.lang), reverse=True)
    pages = load_standalone_pages(content_dir / "paginas", problems, data)
    problems += links_outside(content_dir)
    problems += statement_block_problems(
        content_dir,
        [(str(d.source), d.body_html) for d in (*posts, *pages)],
        statement,
    )
    options = options or LoadOptions()
    documents = (*posts, *pages)
    images, found = load_images(content_dir, documents, settings, options.cache, options.jobs)
    problems += found
    hidden = not_published(documents)  # shown as images only: their copies are published
    content = Content(
        settings=settings,
        posts=tuple(posts),
        pages=tuple(pages),
        rollout=rollout,
        files=tuple(f for f in published_files(content_dir) if f not in hidden),
        statement=statement,
        images=images,
    )
    # dict.fromkeys: a link outside the folder is found both by the loader and by the walk.
    return ReadResult(content, tuple(dict.fromkeys(problems)), tuple(post_references))


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
    loaded: ReadResult, now: dt.datetime, *, drafts: bool, future: bool
) -> tuple[Content, list[Problem]]:
    """The content a build made `now` with these options publishes, and every problem
    (including links from the rollout data to posts such a build leaves out)."""
    everything = loaded.content
    published = tuple(
        p for p in everything.posts if is_published(p, now, drafts=drafts, future=future)
    )
    problems = list(loaded.problems)
    check_post_references(loaded.post_references, published, problems)
    shown = {path for d in (*published, *everything.pages) for path in shown_images(d.body_html)}
    content = replace(
        everything,
        posts=published,
        images=tuple(image for image in everything.images if image.path in shown),
        next_scheduled=next_scheduled(everything.posts, now, drafts=drafts, future=future),
    )
    return content, problems


ExtraChecks = Callable[[Path, ReadResult, dt.datetime], list[Problem]]
"""More checks on what was read (the build passes `make check`'s errors: checks.run.refused)."""


def load_content(
    content_dir: Path,
    *,
    drafts: bool = False,
    future: bool = False,
    now: dt.datetime | None = None,
    options: LoadOptions | None = None,
    extra_checks: ExtraChecks | None = None,
) -> Content:
    """Load and check everything under `content_dir`; raise ContentError listing all problems.

    The result holds the posts a build made `now` publishes; `next_scheduled` says when the
    next post left out for its date is due. `extra_checks` add their problems to the loader's
    own (this layer cannot import the checks above it: the caller hands them in).
    """
    loaded = read_content(content_dir, options)
    return checked(content_dir, loaded, drafts=drafts, future=future, now=now, extra=extra_checks)


def checked(
    content_dir: Path,
    loaded: ReadResult,
    *,
    drafts: bool,
    future: bool,
    now: dt.datetime | None = None,
    extra: ExtraChecks | None = None,
) -> Content:
    """What `load_content` makes of content already read (the preview reads it itself)."""
    now = now or dt.datetime.now(AMSTERDAM)
    content, problems = select(loaded, now, drafts=drafts, future=future)
    if extra is not None:
        problems += extra(content_dir, loaded, now)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentError(errors)
    return replace(content, warnings=tuple(p for p in problems if not p.is_error))
