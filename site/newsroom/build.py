"""Freeze the app into a static site: a temporary folder, swapped into place at the end."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask_frozen import Freezer

from . import create_app, urls
from .errors import BuildError, ContentError, Problem
from .settings import check_base_url

MARKER = ".newsroom-build"
"""A file in every output folder we made; we only ever replace folders that have it."""
NEXT_BUILD = "next-build.txt"
"""When the next scheduled post is due (ISO 8601), or empty: a scheduled job rebuilds then."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    output: Path
    files: int
    next_scheduled: dt.datetime | None = None
    warnings: tuple[Problem, ...] = ()


def next_build_text(moment: dt.datetime | None) -> str:
    """The contents of `next-build.txt`: one ISO 8601 date and time, or nothing."""
    return f"{moment.isoformat()}\n" if moment else ""


def guard_output(output: Path) -> None:
    """Refuse to replace a folder that is not an earlier build of ours (e.g. `--output ~`)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(f"{output}: exists and is not a folder; choose another --output")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildError(
            f"{output}: this folder is not empty and was not made by a Newsroom build, so "
            "it will not be replaced; choose an empty or new folder with --output"
        )


def url_generators(app: Flask) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every page, feed and file of the site, in every language, in a fixed order."""
    index = app.extensions["newsroom"].index
    yield "root.index_redirect", {}
    yield "root.sitemap", {}
    if "files" in app.blueprints:
        from .views.files import files_dir, published_files

        for filename in published_files(files_dir(app)):
            yield "files.file", {"filename": filename}
    for page_kind in urls.PAGE_KINDS:
        for values in page_kind.generate(index):
            yield page_kind.endpoint, values
    for file_kind in urls.FILE_KINDS:
        for values in file_kind.generate(index):
            yield file_kind.endpoint, values


class _Freezer(Freezer):
    """Frozen-Flask's freezer, told which page kinds have no page in this site.

    Frozen-Flask warns about every endpoint nothing was generated for, to catch a forgotten
    URL generator. A site without pages, tags or years has such endpoints legitimately: they
    are registered in PAGE_KINDS (so generated), only empty.
    """

    def __init__(self, app: Flask, empty_endpoints: set[str], **options: Any) -> None:
        super().__init__(app, **options)
        self.empty_endpoints = empty_endpoints

    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        super()._check_endpoints(seen_endpoints | self.empty_endpoints)


def empty_page_kinds(app: Flask) -> set[str]:
    """Endpoints of PAGE_KINDS with no page at all in this site."""
    index = app.extensions["newsroom"].index
    return {
        kind.endpoint for kind in urls.PAGE_KINDS if next(iter(kind.generate(index)), None) is None
    }


def freeze_into(app: Flask, destination: Path) -> int:
    """Write the whole site into `destination` (a new, empty folder); return the file count."""
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=False,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=False,
    )
    # log_url_for would replay url_for calls in whatever language rendered last.
    freezer = _Freezer(app, empty_page_kinds(app), with_static_files=True, log_url_for=False)
    freezer.register_generator(lambda: url_generators(app))
    return len(freezer.freeze())


def swap_into_place(new: Path, output: Path) -> None:
    """Replace `output` by `new` with two renames; the old build is removed afterwards."""
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
        new.rename(output)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(output)


def build(
    content_dir: Path,
    output_dir: Path,
    *,
    base_url: str | None = None,
    drafts: bool = False,
    future: bool = False,
) -> BuildResult:
    """Check the content, freeze the site and swap it into `output_dir`.

    On any error the previous output stays exactly as it was.
    """
    output = output_dir.absolute()
    guard_output(output)
    if base_url is not None:
        checked = check_base_url(base_url)
        if checked is None:
            raise BuildError(
                f'--base-url "{base_url}" is not a web address (expected e.g. https://www.example.nl/)'
            )
        base_url = checked
    app = create_app(
        {
            "CONTENT_DIR": str(content_dir.absolute()),
            "BASE_URL": base_url,
            "DRAFTS": drafts,
            "FUTURE": future,
            "INDEX_LINKS": True,
        }
    )
    if not app.config["BASE_URL"]:
        raise ContentError(
            [
                Problem(
                    str(content_dir / "site.yaml"),
                    "is not set; the sitemap and feeds need the site's public address "
                    "(expected e.g. base_url: https://www.example.nl/, or pass --base-url)",
                    field="base_url",
                )
            ]
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{output.name}-tmp-", dir=output.parent))
    try:
        files = freeze_into(app, temporary)
        next_scheduled = app.extensions["newsroom"].index.content.next_scheduled
        (temporary / NEXT_BUILD).write_text(next_build_text(next_scheduled), encoding="utf-8")
        (temporary / MARKER).write_text(
            "This folder is a Newsroom build; the next build replaces it whole.\n",
            encoding="utf-8",
        )
        swap_into_place(temporary, output)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return BuildResult(
        output=output,
        files=files + 1,
        next_scheduled=next_scheduled,
        warnings=app.extensions["newsroom"].index.content.warnings,
    )
