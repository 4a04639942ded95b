"""Load standalone pages from `content/paginas/`: about, guides, accessibility statement…

Pages are read and checked like posts (same file names, front matter and Markdown), but
have no date and live at `/<lang>/<url slug>/`, so their URL slugs must not collide with each
other or with a section of the site.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsroom.content.documents import duplicate_slug, markdown_files
from newsroom.content.editor_texts import _
from newsroom.core.errors import Problem
from newsroom.core.models import StandalonePage
from newsroom.core.sections import reserved_segments
from newsroom.loading.documents import load_standalone_page
from newsroom.markup.render import Renderer


def _url_slug_problem(page: StandalonePage, slug_line: int | None, message: str) -> Problem:
    """Point at the `slug:` line when the page has one, else at the file name."""
    if slug_line is not None:
        return Problem(
            str(page.source), message + "; choose another slug", field="slug", line=slug_line
        )
    return Problem(
        str(page.source),
        message + "; rename the file or give the page another address with 'slug: …'",
        field="file name",
    )


def load_standalone_pages(
    directory: Path, problems: list[Problem], data: Mapping[str, Any] | None = None
) -> list[StandalonePage]:
    """Read every page under `directory`; clashing slugs and addresses are problems."""
    renderer = Renderer()
    reserved = reserved_segments()
    pages: list[StandalonePage] = []
    by_key: dict[tuple[str, str], Path] = {}
    by_url: dict[tuple[str, str], Path] = {}
    for path in markdown_files(directory):
        loaded = load_standalone_page(path, renderer, problems, data)
        if loaded is None:
            continue
        page, slug_line = loaded
        if page.key in by_key:
            problems.append(duplicate_slug(path, page.slug, page.lang, by_key[page.key]))
            continue
        url_key = (page.lang, page.url_slug)
        if page.url_slug in reserved:
            problems.append(
                _url_slug_problem(
                    page,
                    slug_line,
                    _(
                        '"%(slug)s" is the address of a section of the site (reserved: '
                        "%(reserved)s)",
                        slug=page.url_slug,
                        reserved=", ".join(sorted(reserved)),
                    ),
                )
            )
            continue
        if url_key in by_url:
            problems.append(
                _url_slug_problem(
                    page,
                    slug_line,
                    _(
                        '"%(slug)s" is already the address of %(other)s in language "%(lang)s"',
                        slug=page.url_slug,
                        other=by_url[url_key],
                        lang=page.lang,
                    ),
                )
            )
            continue
        by_key[page.key] = path
        by_url[url_key] = path
        pages.append(page)
    pages.sort(key=lambda p: (p.slug, p.lang))
    return pages
