"""Markdown files with front matter (posts and pages): reading them and the checks they share."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.content import blocks
from newsroom.content.editor_texts import _
from newsroom.content.fields import Fields, clean_text
from newsroom.content.front_matter import Document, parse_document
from newsroom.content.sources import outside_target, read_text
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES
from newsroom.core.slugs import SLUG

_FILE_NAME = re.compile(r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md")


def parse_file_name(path: Path, problems: list[Problem]) -> tuple[str, str] | None:
    """Slug and language from `<slug>.<lang>.md`, or None after adding a problem."""
    shown = str(path)
    match = _FILE_NAME.fullmatch(path.name)
    if not match:
        problems.append(
            Problem(
                shown,
                _("file name must be <slug>.<language>.md, e.g. update-livegang.nl.md"),
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
                _(
                    'language "%(lang)s" is not one of %(languages)s (expected <slug>.nl.md or '
                    "<slug>.en.md)",
                    lang=lang,
                    languages=", ".join(LANGUAGES),
                ),
                field="file name",
            )
        )
        ok = False
    if not SLUG.fullmatch(slug):
        problems.append(
            Problem(
                shown,
                _(
                    'slug "%(slug)s" may use only lowercase a-z, 0-9 and single hyphens '
                    "(e.g. update-livegang)",
                    slug=slug,
                ),
                field="file name",
            )
        )
        ok = False
    return (slug, lang) if ok else None


@dataclass(frozen=True, slots=True)
class Source:
    """One Markdown file, read and split: slug and language from its name, fields, body."""

    path: Path
    slug: str
    lang: str
    document: Document
    fields: Fields  # typed reader over the front matter; adds its problems to the load's list

    @property
    def shown(self) -> str:
        return str(self.path)


def read_source(path: Path, problems: list[Problem]) -> Source | None:
    """Read a `<slug>.<lang>.md` file with front matter; None after adding problems."""
    name = parse_file_name(path, problems)
    text = read_text(path, problems)
    if text is None or name is None:
        return None
    shown = str(path)
    document, found = parse_document(clean_text(text), shown)
    problems.extend(found)
    if document is None or found:
        return None  # field checks on unreadable YAML would only add noise
    fields = Fields(shown, document.fields, document.lines, problems)
    return Source(path, name[0], name[1], document, fields)


def check_body(
    source: Source, problems: list[Problem], what: str, data: Mapping[str, Any] | None = None
) -> None:
    """The body must have text, and every `[[block]]` marker must name a known block.

    With `data` (what loaded before: `{"rollout": …}`) block arguments are checked against it.
    """
    document = source.document
    if not document.body.strip():
        problems.append(
            Problem(
                source.shown,
                _("the post has no text below the front matter")
                if what == "post"
                else _("the page has no text below the front matter"),
                line=document.body_line,
            )
        )
    known = blocks.BLOCK_CHECKS
    for line, block, arg in blocks.markers_in(document.body):
        if block not in known:
            problems.append(
                Problem(
                    source.shown,
                    _(
                        'unknown block "%(block)s" (known blocks: %(known)s)',
                        block=f"[[{block}]]",
                        known=", ".join(sorted(known)) or "-",
                    ),
                    line=document.body_line + line - 1,
                )
            )
        elif data is not None and (wrong := blocks.check_marker(block, arg, data)):
            problems.append(Problem(source.shown, wrong, line=document.body_line + line - 1))


def markdown_files(directory: Path) -> list[Path]:
    """Every Markdown file under `directory`, in a stable order.

    Symbolic links that lead outside the content folder (the folder above `directory`) are
    left out: `sources.links_outside` reports them.
    """
    if not directory.is_dir():
        return []
    root = directory.parent
    found: list[str] = []
    folders = [str(directory)]
    while folders:  # os.scandir: a site has thousands of posts, and pathlib costs per file
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(".md") and entry.is_file():
                    if not entry.is_symlink() or outside_target(Path(entry.path), root) is None:
                        found.append(entry.path)
    # In the order of the paths (part by part, as Path sorts), sorted as strings: cheaper.
    found.sort(key=lambda path: path.split(os.sep))
    # The Path of each file as the last listing of this folder made it (a Path is immutable;
    # making thousands again costs a process that lists again, the watch, more than listing).
    known = _listed.get(str(directory), {})
    paths = {path: known.get(path) or Path(path) for path in found}
    _listed[str(directory)] = paths
    return list(paths.values())


_listed: dict[str, dict[str, Path]] = {}
"""The Markdown files of each folder `markdown_files` listed, as it last listed them."""


def duplicate_slug(path: Path, slug: str, lang: str, first: Path) -> Problem:
    """The problem of a second file with the same slug and language."""
    return Problem(
        str(path),
        _(
            'slug "%(slug)s" is already used in language "%(lang)s" by %(first)s '
            "(expected one file per slug and language)",
            slug=slug,
            lang=lang,
            first=first,
        ),
        field="file name",
    )
