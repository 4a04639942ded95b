"""The output folder: where a build puts the site, and what it keeps beside it.

Words used here and in the freezer, one thing each:

- **output**: the folder the site goes into (`--output`, e.g. `build/`);
- **mark**: the file `.newsroom-build` in every folder a build made; a build replaces only
  a folder with the mark (or an empty one);
- **live**: the build now in the output folder;
- **spare**: the build before the live one, kept beside it (`.build-previous`); the next
  build brings it up to date, changing only the files that differ, and swaps it in, so a
  rebuild costs what changed, not a new folder of every page. Safe to delete;
- **draft**: the folder a build writes: the spare, or else a new folder beside the output
  (`.build-tmp-XXXXXXXX`); on a first build, the spare is made alongside the draft (every
  file hard-linked into both, so the next build finds a spare to update);
- **records**: what a folder holds, page by page (see `records`), kept in the cache; the
  spare is only updated when its records are known, else it is made afresh;
- **commit**: swapping the draft in (see `swap`): the live build becomes the spare;
- **lock**: `.build.lock` beside the output, held while a build runs (one at a time);
- **leftovers**: the folders an interrupted build left beside the output.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.content.editor_texts import _
from newsroom.build.files import link_or_copy, new_folder, prune, remove, same_bytes, write_new
from newsroom.build.records import Records, forget_records, read_records, write_records
from newsroom.build.swap import exchange
from newsroom.core.errors import BuildError
from newsroom.loading.cache import cache_dir_for

if TYPE_CHECKING:
    from newsroom.build.freezer import Plan, SiteFreezer
    from newsroom.build.search import SearchIndex

BUILD_MARK = ".newsroom-build"
"""The mark: a file in every output folder we made; we only ever replace folders that have it."""
MARK_TEXT = "This folder is a Newsroom build; the next build replaces it whole.\n"


def lock_path(output: Path) -> Path:
    """The lock file of builds into `output`: beside it, e.g. `.build.lock` for `build/`."""
    return output.parent / f".{output.name}.lock"


def spare_path(output: Path) -> Path:
    """Where the spare of `output` is kept: beside it, e.g. `.build-previous` for `build/`."""
    return output.parent / f".{output.name}-previous"


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
                _(
                    "%(output)s: another build is writing this folder right now (process "
                    "%(holder)s); wait until it has finished, then build again",
                    output=output,
                    holder=holder,
                )
            ) from None
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield  # the lock goes with the file's closing


def leftovers(output: Path) -> list[Path]:
    """The leftovers of interrupted builds into `output`."""
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

    A build killed between the two renames of the swap left no output, only the live build
    under its `-old-` name: that one is put back rather than removed.
    """
    for path in leftovers(output):
        if not output.exists() and "-old-" in path.name and (path / BUILD_MARK).is_file():
            path.rename(output)
            continue
        shutil.rmtree(path, ignore_errors=True)


def refuse_output_in_content(content_dir: Path, output: Path) -> None:
    """The build never writes into the content folder: refuse an output folder inside it."""
    content = content_dir.resolve()
    if output.resolve().is_relative_to(content):
        raise BuildError(
            _(
                "%(output)s: this folder is inside the content folder %(content)s; the build "
                "never writes there; choose an --output outside it (the default is build/)",
                output=output,
                content=content_dir,
            )
        )


def guard_output(output: Path) -> None:
    """Refuse to replace a folder that is not an earlier build of ours (e.g. `--output ~`)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(
            _("%(output)s: exists and is not a folder; choose another --output", output=output)
        )
    if output.is_dir() and any(output.iterdir()) and not (output / BUILD_MARK).is_file():
        raise BuildError(
            _(
                "%(output)s: this folder is not empty and was not made by a Newsroom build, so "
                "it will not be replaced; choose an empty or new folder with --output",
                output=output,
            )
        )


@dataclass(frozen=True, slots=True)
class Draft:
    """The folder a build writes, and what it already holds."""

    path: Path
    records: Records  # the spare's pages, when the draft is the spare; else none
    spare: Path | None = None  # on a first build: the spare, made alongside


@dataclass(frozen=True, slots=True)
class OutputFolder:
    """The output folder of one build, claimed (see `claim`): its live build and records."""

    path: Path  # absolute
    cache: Path | None  # where records are kept (None: none are read or written)
    live: Path | None  # `path` when it holds a build, else None
    live_records: Records

    @classmethod
    @contextmanager
    def claim(cls, output: Path, content_dir: Path, *, use_cache: bool) -> Iterator[OutputFolder]:
        """Hold `output` for one build: refuse an output in the content or not made by a
        build, take the lock, clean up leftovers, then read what the live build holds."""
        output = output.absolute()
        refuse_output_in_content(content_dir, output)
        with build_lock(output):
            remove_leftovers(output)
            guard_output(output)
            cache = cache_dir_for(output) if use_cache else None
            live = output if (output / BUILD_MARK).is_file() else None
            records = read_records(cache, output) if cache and live else {}
            try:
                yield cls(output, cache, live, records)
            except BaseException:
                # A Ctrl-C can land inside a cleanup (a temporary folder half removed): what
                # it left goes now, while the lock still keeps every other build out.
                remove_leftovers(output)
                raise

    @property
    def spare(self) -> Path:
        """Where this output's spare is kept (see `spare_path`)."""
        return spare_path(self.path)

    def update(
        self,
        freezer: SiteFreezer,
        plan: Plan,
        extras: dict[str, str],
        search: SearchIndex | None = None,
    ) -> tuple[int, int]:
        """Make the output the site `freezer` makes of `plan`, with `extras` (file name: text),
        the mark and, unless None, the `search` index of its pages (made from the finished
        pages, before the swap); the number of files written, and of the files made from
        the app's pages and the search index. On any error the output stays as it was."""
        extras = {**extras, BUILD_MARK: MARK_TEXT}
        if (
            self.live_records
            and same_files(self.live, extras)
            and freezer.live_is_current(plan, derived=search is not None)
            and (search is None or search.is_current(self.live, self.live_records))
        ):
            return 0, len(self.live_records)  # nothing changed: the output stays as it is
        draft = self._draft()
        try:
            files = freezer.freeze_site(plan, draft)
            written = sum(f.written for f in files)
            for name, text in extras.items():
                written += self._write(draft, name, text) and name != BUILD_MARK
            if draft.records:  # the spare: what it held of pages no longer in the site goes
                keep = {f.record.path for f in files} | set(extras)
                if search is not None:
                    keep |= search.kept(draft.path, draft.records)
                prune(draft.path, keep)
            if search is not None:  # over the finished pages, nothing else
                made = search.place(
                    draft.path,
                    draft.records,
                    self.live,
                    self.live_records,
                    draft.spare,
                    (self.path.parent, f".{self.path.name}-tmp-"),
                )
                written += sum(f.written for f in made)
                files += made
            records = {f.url: f.record for f in files}
            spare_records = self._commit(draft, records)
        except BaseException:
            self._abandon(draft)
            raise
        if self.cache is not None:
            write_records(self.cache, self.path, records)
            if spare_records:
                write_records(self.cache, self.spare, spare_records)
        return written, len(records)

    def _draft(self) -> Draft:
        """The spare, when its records are known; else a new folder (with, on a first build,
        the spare made alongside)."""
        if self.cache is not None and (self.spare / BUILD_MARK).is_file():
            records = read_records(self.cache, self.spare)
            if records:
                # From here on the spare changes: until the build ends, it has no records.
                forget_records(self.cache, self.spare)
                return Draft(self.spare, records)
        remove(self.spare)  # contents unknown (no records): cheaper to start afresh
        # A first build makes the spare alongside: one more tree of folders, no file data.
        alongside = self.spare if self.cache is not None and self.live is None else None
        return Draft(new_folder(self.path.parent, f".{self.path.name}-tmp-"), {}, alongside)

    def _write(self, draft: Draft, name: str, text: str) -> bool:
        """Write the file `name` into the draft, or link the live build's identical file (or
        keep the identical file already there); True if written."""
        path, data = draft.path / name, text.encode("utf-8")
        if self.live is not None and same_bytes(self.live / name, data):
            link_or_copy(self.live / name, path)
            written = False
        elif same_bytes(path, data):
            written = False
        else:
            write_new(path, data)
            written = True
        if draft.spare is not None:
            link_or_copy(path, draft.spare / name)
        return written

    def _commit(self, draft: Draft, records: Records) -> Records:
        """Swap the draft in; the build it replaces becomes the spare. The spare's records
        (none: no spare, or one not to trust)."""
        had_output = self.path.exists()
        if had_output:
            exchange(draft.path, self.path)  # draft.path now holds the replaced build
        else:
            draft.path.rename(self.path)
        if draft.path == self.spare:
            return self.live_records if had_output else {}
        if draft.spare is not None:
            return records
        if had_output and self.live_records:
            draft.path.rename(self.spare)
            return self.live_records
        if had_output:
            shutil.rmtree(draft.path, ignore_errors=True)
        return {}

    def _abandon(self, draft: Draft) -> None:
        """Remove what a failed build wrote (a half-updated spare has no records: it is made
        afresh next time)."""
        if draft.path != self.spare:
            shutil.rmtree(draft.path, ignore_errors=True)
        if draft.spare is not None:
            shutil.rmtree(draft.spare, ignore_errors=True)


def same_files(folder: Path | None, files: dict[str, str]) -> bool:
    """Whether `folder` holds each of `files` (name: text) with exactly that text."""
    return folder is not None and all(
        same_bytes(folder / name, text.encode("utf-8")) for name, text in files.items()
    )
