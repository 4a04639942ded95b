"""Links in posts and pages to posts, pages and files: do they lead where they should?"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from newsroom.checks.lines import line_of, moment_text, source_lines
from newsroom.checks.versions import (
    language_name,
)
from newsroom.content.documents import markdown_files
from newsroom.content.editor_texts import N_, _
from newsroom.content.files import FILES_FOLDER
from newsroom.core.errors import Problem
from newsroom.core.models import Content, Post, StandalonePage
from newsroom.loading.content import is_published
from newsroom.markup.crossrefs import FOLDERS, Target, links_in

Finding = tuple[str, str]
"""(severity, message) of one link, before it gets its file, line and field."""


@dataclass(frozen=True, slots=True)
class _Site:
    """What link checks look things up in."""

    content_dir: Path
    documents: dict[str, dict[str, Path]]  # folder -> file name -> file
    posts: dict[tuple[str, str], Post]  # (slug, lang) -> post
    now: dt.datetime


_links_of: dict[str, list[tuple[str, Target]]] = {}
"""The links found in each document's HTML at the last check: finding them is a function of
the HTML alone, so a process that checks again (the watch) finds them only in what changed.
What the links lead to is looked up anew every time."""


def check_links(content_dir: Path, content: Content, now: dt.datetime) -> list[Problem]:
    """Links to posts, pages and files that do not exist, or will not work in the site."""
    site = _Site(
        content_dir,
        {folder: {p.name: p for p in markdown_files(content_dir / folder)} for folder in FOLDERS},
        {(p.slug, p.lang): p for p in content.posts},
        now,
    )
    problems: list[Problem] = []
    global _links_of
    found, _links_of = _links_of, {}
    for post in (*content.posts, *content.pages):
        lines: list[str] | None = None  # read only when a link needs its line
        # A post's change notes link like its text (e.g. to the update that moved a date).
        notes = "".join(change.note_html for change in getattr(post, "changes", ()))
        html = post.body_html + notes
        links = found.get(html)
        _links_of[html] = links = list(links_in(html)) if links is None else links
        for element, target in links:
            for severity, message in _link_findings(site, post, target):
                lines = source_lines(post) if lines is None else lines
                problems.append(
                    Problem(
                        str(post.source),
                        message,
                        field="image" if element == "img" else "link",
                        line=line_of(lines, target.file_name),
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
            else _(
                '"%(file)s" is dated %(date)s', file=target.file_name, date=moment_text(linked.date)
            )
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
