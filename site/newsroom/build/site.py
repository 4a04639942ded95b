"""Freeze the app into a static site: a temporary folder, swapped into place at the end."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

from newsroom.web.app import create_app
from newsroom.loading.cache import cache_dir_for
from newsroom.core.errors import BuildError, ContentError, Problem
from newsroom.build.freezer import Entry, FrozenFile, SiteFreezer, link_or_copy, read_manifest, same_bytes, write_manifest, write_new
from newsroom.build.freezer import manifest_path as manifest_file
from newsroom.content.settings import check_base_url
from newsroom.build.swap import exchange

MARKER = ".newsroom-build"
"""A file in every output folder we made; we only ever replace folders that have it."""
MARKER_TEXT = "This folder is a Newsroom build; the next build replaces it whole.\n"
NEXT_BUILD = "next-build.txt"
"""When the next scheduled post is due (ISO 8601), or empty: a scheduled job rebuilds then."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    output: Path
    files: int
    next_scheduled: dt.datetime | None = None
    warnings: tuple[Problem, ...] = ()
    written: int = 0  # files whose bytes are new; the others are the previous build's
    pages: int = 0  # pages, feeds and files the app made (the rest: next-build.txt)


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


def refuse_output_in_content(content_dir: Path, output: Path) -> None:
    """The build never writes into the content folder: refuse an output folder inside it."""
    content = content_dir.resolve()
    if output.resolve().is_relative_to(content):
        raise BuildError(
            f"{output}: this folder is inside the content folder {content_dir}; the build never "
            "writes there; choose an --output outside it (the default is build/)"
        )


def lock_path(output: Path) -> Path:
    """The lock file of builds into `output`: beside it, e.g. `.build.lock` for `build/`."""
    return output.parent / f".{output.name}.lock"


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold the lock of `output` for one build; a second build at the same time stops.

    The lock is an `flock` on the lock file: the system releases it when the process ends,
    however it ends, so a killed build never leaves a stale lock.
    """
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(
                f"{output}: another build is writing this folder right now (process {holder}); "
                "wait until it has finished, then build again"
            ) from None
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield  # the lock goes with the file's closing


def leftovers(output: Path) -> list[Path]:
    """Temporary folders an interrupted build into `output` left beside it."""
    pattern = re.compile(rf"\.{re.escape(output.name)}-(?:tmp|old)-[A-Za-z0-9_]{{8}}")
    if not output.parent.is_dir():
        return []
    return sorted(
        path
        for path in output.parent.iterdir()
        if pattern.fullmatch(path.name) and path.is_dir() and not path.is_symlink()
    )


def remove_leftovers(output: Path) -> None:
    """Clean up after an interrupted build (call it holding the lock, so none is running).

    A build killed between the two renames of the swap left no output, only the previous
    build under its `-old-` name: that one is put back rather than removed.
    """
    for path in leftovers(output):
        if not output.exists() and "-old-" in path.name and (path / MARKER).is_file():
            path.rename(output)
            continue
        shutil.rmtree(path, ignore_errors=True)


def locked(function: Callable[..., BuildResult]) -> Callable[..., BuildResult]:
    """Run a build holding the output's lock, after the checks no build may skip: the output
    is not inside the content, and leftovers of an interrupted build are cleaned up first."""

    @functools.wraps(function)
    def run(content_dir: Path, output_dir: Path, **options: Any) -> BuildResult:
        output = output_dir.absolute()
        refuse_output_in_content(content_dir, output)
        with build_lock(output):
            remove_leftovers(output)
            return function(content_dir, output_dir, **options)

    return run


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


def site_freezer(
    app: Flask,
    *,
    previous: Path | None = None,
    manifest: dict[str, Entry] | None = None,
    jobs: int | None = 1,
    progress: Callable[[int, int], None] | None = None,
) -> SiteFreezer:
    """The freezer of the whole site; pages of the `previous` build whose inputs are
    unchanged (per its `manifest`) are reused."""
    app.config.update(
        FREEZER_REMOVE_EXTRA_FILES=False,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=False,
    )
    freezer = SiteFreezer(
        app,
        empty_page_kinds(app),
        previous=previous,
        manifest=manifest,
        jobs=jobs,
        progress=progress,
    )
    freezer.register_generator(lambda: url_generators(app))
    return freezer


def freeze_into(app: Flask, destination: Path, **options: Any) -> list[FrozenFile]:
    """Write the whole site into `destination`, a new, empty folder; the files written."""
    app.config["FREEZER_DESTINATION"] = str(destination)
    return site_freezer(app, **options).freeze_site()


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def spare_path(output: Path) -> Path:
    """Where the build before the current one is kept, beside it (e.g. `.build-previous`).

    The next build brings this folder up to date, changing only the files that differ, and
    swaps it with the output: a rebuild costs what changed, not a new folder of every page.
    Safe to delete (the next build then makes a whole new folder).
    """
    return output.parent / f".{output.name}-previous"


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _new_folder(output: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}-tmp-", dir=output.parent))
    # mkdtemp makes the folder private (0700); the output must be readable by the web server
    # like any folder the user makes, so it gets the mode their umask gives.
    folder.chmod(0o777 & ~current_umask())
    return folder


@dataclass(frozen=True, slots=True)
class _Target:
    """Where a build writes: the spare and the pages it holds, or a new folder (and a twin)."""

    folder: Path
    holds: dict[str, Entry]  # the folder's manifest
    twin: Path | None = None  # a folder that gets a hard link of every file


def _target(output: Path, cache: Path | None, previous: Path | None) -> _Target:
    spare = spare_path(output)
    if cache is not None and (spare / MARKER).is_file():
        holds = read_manifest(manifest_file(cache, spare), spare)
        if holds:
            # From here on the spare changes: until the build ends, it has no manifest.
            manifest_file(cache, spare).unlink(missing_ok=True)
            return _Target(spare, holds)
    _remove(spare)  # contents unknown (no manifest): cheaper to start afresh
    # A first build also links every file into the spare (one more tree of folders, no file
    # data), so that the next build finds a spare to update.
    twin = spare if cache is not None and previous is None else None
    return _Target(_new_folder(output), {}, twin)


def _commit(target: _Target, output: Path, live: dict[str, Entry]) -> dict[str, Entry] | None:
    """Put the finished build in place of `output`; the build it replaces becomes the spare.
    The spare's manifest ({}: the same as the new build's; None: there is no spare)."""
    spare = spare_path(output)
    had_output = output.exists()
    if had_output:
        exchange(target.folder, output)  # target.folder now holds the replaced build
    else:
        target.folder.rename(output)
    if target.folder == spare:
        return live if had_output else None
    if target.twin is not None:
        return {}
    if had_output and live:
        target.folder.rename(spare)
        return live
    if had_output:
        shutil.rmtree(target.folder, ignore_errors=True)
    return None


@locked
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
) -> BuildResult:
    """Check the content, freeze the site and swap it into `output_dir`.

    On any error the previous output stays exactly as it was. `jobs` processes share the
    work (None: one per core, for sites big enough to gain); with `use_cache` the cache
    beside the output (see cache.py) spares work the previous build did.
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
            "CACHE_DIR": str(cache_dir_for(output)) if use_cache else None,
            "JOBS": jobs,
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
    cache = cache_dir_for(output) if use_cache else None
    previous = output if (output / MARKER).is_file() else None
    live = read_manifest(manifest_file(cache, output), output) if cache and previous else {}
    freezer = site_freezer(app, previous=previous, manifest=live, jobs=jobs, progress=progress)
    plan = freezer.planned()
    content = app.extensions["newsroom"].index.content
    extras = {NEXT_BUILD: next_build_text(content.next_scheduled), MARKER: MARKER_TEXT}
    done = functools.partial(
        BuildResult,
        output=output,
        next_scheduled=content.next_scheduled,
        warnings=content.warnings,
        files=len(plan) + 1,
        pages=len(plan),
    )
    if live and same_files(previous, extras) and freezer.previous_is_current(plan):
        return done(written=0)  # nothing changed: the output stays as it is
    target = _target(output, cache, previous)
    try:
        app.config["FREEZER_DESTINATION"] = str(target.folder)
        freezer.existing, freezer.twin = target.holds, target.twin
        files = freezer.freeze_site(plan)
        written = sum(f.written for f in files)
        for name, text in extras.items():
            path = target.folder / name
            written += write_unless_same(path, text, previous) and name != MARKER
            if target.twin is not None:
                link_or_copy(path, target.twin / name)
        if target.holds:
            prune(target.folder, {f.path for f in files} | set(extras))
        spare_manifest = _commit(target, output, live)
    except BaseException:
        if target.folder != spare_path(output):  # a half-updated spare has no manifest
            shutil.rmtree(target.folder, ignore_errors=True)
        if target.twin is not None:
            shutil.rmtree(target.twin, ignore_errors=True)
        raise
    if cache is not None:
        entries = {f.url: f.entry for f in files}
        write_manifest(manifest_file(cache, output), output, entries)
        if spare_manifest is not None:
            spare = spare_path(output)
            write_manifest(manifest_file(cache, spare), spare, spare_manifest or entries)
    return done(written=written)


def prune(folder: Path, keep: set[str]) -> None:
    """Remove from `folder` every file not in `keep` (paths relative to it) and every folder
    left empty: what an updated spare held of pages no longer in the site, or put there."""
    start = len(str(folder)) + 1
    removed: set[str] = set()
    for root, dirs, names in os.walk(folder, topdown=False):
        left = 0
        for name in names:
            path = os.path.join(root, name)
            if path[start:] in keep:
                left += 1
            else:
                os.unlink(path)
        for name in dirs:
            path = os.path.join(root, name)
            if os.path.islink(path):
                os.unlink(path)
            elif path not in removed:
                left += 1
        if not left and len(root) >= start:
            os.rmdir(root)
            removed.add(root)


def same_files(folder: Path | None, files: dict[str, str]) -> bool:
    """Whether `folder` holds each of `files` (name: text) with exactly that text."""
    return folder is not None and all(
        same_bytes(folder / name, text.encode("utf-8")) for name, text in files.items()
    )


def write_unless_same(path: Path, text: str, previous: Path | None) -> bool:
    """Write `text` to `path`, or link the previous build's identical file (or keep the
    identical file already there); True if written."""
    data = text.encode("utf-8")
    old = previous / path.name if previous is not None else None
    if old is not None and same_bytes(old, data):
        link_or_copy(old, path)
        return False
    if same_bytes(path, data):
        return False
    write_new(path, data)
    return True
