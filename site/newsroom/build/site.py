"""Build the site: check the options, make the app, plan its pages, and hand them over to the
output folder (see `build.output`), which the freezer fills and swaps into place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

from newsroom.content.editor_texts import N_, _
from newsroom.build.freezer import Plan, SiteFreezer
from newsroom.build.output import OutputFolder
from newsroom.build.search import SearchIndex
from newsroom.checks.run import refused
from newsroom.content.settings import check_base_url, require_base_url
from newsroom.core.errors import BuildError, ContentError, Problem
from newsroom.loading.cache import cache_dir_for
from newsroom.loading.service import ContentService
from newsroom.loading.workers import LoadOptions
from newsroom.web.app import create_app

NEXT_BUILD = "next-build.txt"
"""When the next scheduled post is due (ISO 8601), or empty: a scheduled job rebuilds then."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    output: Path
    files: int
    next_scheduled: dt.datetime | None = None
    warnings: tuple[Problem, ...] = ()
    written: int = 0  # files whose bytes are new; the others are an earlier build's, linked
    pages: int = 0  # pages, feeds and files the app made (the rest: next-build.txt)


def build(
    content_dir: Path,
    output_dir: Path,
    *,
    base_url: str | None = None,
    drafts: bool = False,
    future: bool = False,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
    search: bool = True,
    service: ContentService | None = None,
) -> BuildResult:
    """Check the content, freeze the site and swap it into `output_dir`.

    On any error the output stays exactly as it was. `jobs` processes share the
    work (None: one per core, for sites big enough to gain); with `use_cache` the cache
    beside the output (see cache.py) spares work the last build did. With `search`, the
    pages are indexed for the search page (see search.py). A `service` (the watch's, see
    `kept_service`) reads the content with the post files' load results kept from its last
    read: only the files that changed are loaded again; the site is the same either way.
    """
    with OutputFolder.claim(output_dir, content_dir, use_cache=use_cache) as output:
        base_url = checked_base_url(base_url)
        app = site_app(
            content_dir,
            output,
            base_url,
            drafts=drafts,
            future=future,
            jobs=jobs,
            service=service,
        )
        freezer = SiteFreezer(
            app,
            output,
            lambda: url_generators(app),
            empty_endpoints=empty_page_kinds(app),
            jobs=jobs,
            progress=progress,
        )
        plan = freezer.planned()
        content = app.extensions["newsroom"].index.content
        extras = {NEXT_BUILD: next_build_text(content.next_scheduled)}
        index = search_index(app, freezer, plan) if search else None
        written, made = output.update(freezer, plan, extras, index)
    return BuildResult(
        output=output.path,
        files=made + 1,
        next_scheduled=content.next_scheduled,
        warnings=content.warnings,
        written=written,
        pages=len(plan),
    )


def checked_base_url(base_url: str | None) -> str | None:
    """The `--base-url` option, checked (None: the one in site.yaml)."""
    if base_url is None:
        return None
    checked = check_base_url(base_url)
    if checked is None:
        raise BuildError(
            _(
                '--base-url "%(url)s" is not a web address (expected e.g. https://www.example.nl/)',
                url=base_url,
            )
        )
    return checked


def site_app(
    content_dir: Path,
    output: OutputFolder,
    base_url: str | None,
    *,
    drafts: bool,
    future: bool,
    jobs: int | None,
    service: ContentService | None = None,
) -> Flask:
    """The app of the site to build into `output`; refused without the site's address."""
    if service is not None and service.content_dir != content_dir.absolute():
        raise ValueError(f"the service reads {service.content_dir}, not {content_dir}")
    app = create_app(
        {
            "CONTENT_DIR": str(content_dir.absolute()),
            "BASE_URL": base_url,
            "DRAFTS": drafts,
            "FUTURE": future,
            "INDEX_LINKS": True,
            "CACHE_DIR": str(output.cache) if output.cache else None,
            "JOBS": jobs,
            # One rule for errors: what `make check` calls an error, the build refuses.
            "EXTRA_CHECKS": refused,
            "CONTENT_SERVICE": service,
        }
    )
    site_yaml = str(content_dir / "site.yaml")
    why = N_("the sitemap, the feeds and the pages' sharing links need the site's public address")
    require_base_url(app.config["BASE_URL"], site_yaml, why)
    return app


def kept_service(
    content_dir: Path, output_dir: Path, *, jobs: int | None = None, use_cache: bool = True
) -> ContentService:
    """A content service for builds of `content_dir` into `output_dir` with these options: it
    loads through the same cache as `build` (kept in memory between builds, by the watch)."""
    cache = cache_dir_for(output_dir.absolute()) if use_cache else None
    return ContentService(content_dir.absolute(), LoadOptions(cache=cache, jobs=jobs))


def next_build_text(moment: dt.datetime | None) -> str:
    """The contents of `next-build.txt`: one ISO 8601 date and time, or nothing."""
    return f"{moment.isoformat()}\n" if moment else ""


def search_index(app: Flask, freezer: SiteFreezer, plan: Plan) -> SearchIndex:
    """The search index of the site's pages of the kinds searched (see `web.kinds`); those
    of site-wide kinds (remade when any post changes: the standalone pages) in one shard."""
    kinds = app.extensions["newsroom.kinds"].all
    searched = {kind.endpoint for kind in kinds if kind.searched}
    site_wide = {kind.endpoint for kind in kinds if kind.searched and kind.site_wide}
    pages = [(url, freezer.path_of(url), key) for url, key in plan]
    return SearchIndex.of(
        ((path, key) for url, path, key in pages if freezer.endpoint_of(url) in searched),
        first=(path for url, path, _ in pages if freezer.endpoint_of(url) in site_wide),
    )


def url_generators(app: Flask) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every page, feed and file of the site, in every language, in the page-kind table's
    order (only kinds the app has rules for)."""
    index = app.extensions["newsroom"].index
    endpoints = set(app.view_functions)
    for endpoint, values in app.extensions["newsroom.kinds"].urls(index):
        if endpoint in endpoints:
            yield endpoint, values


def empty_page_kinds(app: Flask) -> set[str]:
    """Endpoints of page kinds with no page at all in this site."""
    return app.extensions["newsroom.kinds"].empty(app.extensions["newsroom"].index)
