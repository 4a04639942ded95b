"""Markdown files with front matter (posts and pages): reading them and the checks they share."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import blocks, sanitise
from .errors import Problem
from .fields import Fields, clean_text
from .front_matter import Document, parse_document
from .markup import Renderer
from .models import LANGUAGES
from .sources import outside_target, read_text
from .timelimit import TookTooLong, time_limit

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A slug: lowercase a-z, 0-9 and single hyphens."""
_FILE_NAME = re.compile(r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md")
_H1 = re.compile(r"<h1[\s>]")


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
                f"the {what} has no text below the front matter",
                line=document.body_line,
            )
        )
    known = blocks.KNOWN_NAMES  # read at call time: features register their blocks on import
    for line, block, arg in blocks.markers_in(document.body):
        if block not in known:
            problems.append(
                Problem(
                    source.shown,
                    f'unknown block "[[{block}]]" (known blocks: '
                    f"{', '.join(sorted(known)) or 'none'})",
                    line=document.body_line + line - 1,
                )
            )
        elif data is not None and (wrong := blocks.check_marker(block, arg, data)):
            problems.append(Problem(source.shown, wrong, line=document.body_line + line - 1))


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


def removal_warnings(source: Source, raw_html: str) -> list[Problem]:
    """A warning for each kind of HTML the sanitiser removes, at the line it is written on."""
    lines = source.document.body.lower().split("\n")
    warnings = []
    for removal in sanitise.removed(raw_html):
        number = next((n for n, line in enumerate(lines) if removal.needle in line), 0)
        warnings.append(
            Problem(
                source.shown,
                f"{removal.what} removed: the site allows only safe HTML (no scripts, frames, "
                "styles, forms or event attributes; links only to http, https, mailto or "
                "relative addresses)",
                field="body",
                line=source.document.body_line + number,
                severity="warning",
            )
        )
    return warnings


def too_slow(source: Source) -> Problem:
    """The problem of a text that takes too long to render, at its line with the most
    brackets (the usual cause: a long run of `[` or `<` pasted from elsewhere)."""
    lines = source.document.body.split("\n")
    worst = max(range(len(lines)), key=lambda n: lines[n].count("[") + lines[n].count("<"))
    return Problem(
        source.shown,
        f"this text takes more than {RENDER_SECONDS:g} seconds to turn into a page, so the "
        "build stopped trying; look for a long run of '[' or '<' characters (often pasted "
        "from elsewhere) and remove it or put it in a code block",
        field="body",
        line=source.document.body_line + worst,
    )


def markdown_files(directory: Path) -> list[Path]:
    """Every Markdown file under `directory`, in a stable order.

    Symbolic links that lead outside the content folder (the folder above `directory`) are
    left out: `sources.links_outside` reports them.
    """
    if not directory.is_dir():
        return []
    root = directory.parent
    found: list[Path] = []
    folders = [str(directory)]
    while folders:  # os.scandir: a site has thousands of posts, and pathlib costs per file
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(".md") and entry.is_file():
                    path = Path(entry.path)
                    if not entry.is_symlink() or outside_target(path, root) is None:
                        found.append(path)
    return sorted(found)


def duplicate_slug(path: Path, slug: str, lang: str, first: Path) -> Problem:
    """The problem of a second file with the same slug and language."""
    return Problem(
        str(path),
        f'slug "{slug}" is already used in language "{lang}" by {first} '
        "(expected one file per slug and language)",
        field="file name",
    )
