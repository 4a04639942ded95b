"""The search index: Pagefind run over the finished pages of the draft, before the swap.

Pagefind (PyPI `pagefind[bin]`, which brings its binary) reads the HTML pages of each
language (`nl/`, `en/`), splits its index by `<html lang>` (Dutch pages get Dutch stemming)
and writes a bundle of files: the search script, its WebAssembly, the index and a fragment per
page. The build puts them into `pagefind/` of the draft like its other files (see
`build.output`): each gets a record, a file equal to the live build's is linked from it, and
the spare's outdated ones are pruned, so a rebuild equals a clean build.

- **Deterministic**: Pagefind names its files by their content, but writes the languages of
  `pagefind-entry.json` in a varying order; they are sorted here.
- **Re-indexed only when a page changed**: the index's input key is a digest of the input keys
  of every page it reads (see `keys`); while it matches the live build's, the live index is
  linked, and Pagefind does not run. (Without keys, as with `--drafts`, it always runs.)
- **What is indexed** is the templates' to say (`data-pagefind-body`, `data-pagefind-ignore`);
  only pages with `data-pagefind-body` are indexed (posts and standalone pages).
- Pagefind's own user interfaces are not kept: the search page uses its JS API
  (`static/search.js`), styled by the site's stylesheet.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsroom.build.files import link_or_copy, new_folder, same_bytes
from newsroom.build.records import FrozenFile, Records, intact
from newsroom.core.errors import BuildError
from newsroom.core.models import LANGUAGES
from newsroom.loading.cache import digest_of

FOLDER = "pagefind"
"""The index's folder in the site (`/pagefind/`), where the search page's script looks."""
URL_PREFIX = f"/{FOLDER}/"
ENTRY = "pagefind-entry.json"
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
"""Pagefind's ready-made interfaces (name prefixes), which the site does not use."""
GLOB = "{" + ",".join(LANGUAGES) + "}/**/*.html"
"""The pages Pagefind reads: those of each language (not the root's language choice)."""


def pagefind_binary() -> Path:
    """The Pagefind binary the `pagefind[bin]` package brings."""
    try:
        import pagefind_bin

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise BuildError(
            f"the search index needs Pagefind ({exc}); install the package again "
            "(pip install -e .), or build without search: freeze.py --no-search"
        ) from None


def pagefind_version() -> str:
    """The installed Pagefind's version (part of the index's input key)."""
    try:
        from importlib.metadata import version

        return version("pagefind_bin")
    except Exception:  # noqa: BLE001 (not installed: the build says so when it runs it)
        return "unknown"


def is_search_file(url: str) -> bool:
    """Whether `url` is a file of the search index (not a page the freezer makes)."""
    return url.startswith(URL_PREFIX)


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The search index of one build; `key` its input key (None: always index again)."""

    key: str | None

    @classmethod
    def of(cls, pages: Iterable[tuple[str, str | None]]) -> SearchIndex:
        """The index of the site whose files are `pages` (file path, input key)."""
        read = sorted(
            (path, key)
            for path, key in pages
            if path.endswith(".html") and path.split("/", 1)[0] in LANGUAGES
        )
        if any(key is None for _, key in read):
            return cls(None)
        parts = [f"{path}\0{key}" for path, key in read]
        return cls(digest_of("pagefind", pagefind_version(), GLOB, *parts))

    def is_current(self, folder: Path | None, records: Records) -> bool:
        """Whether `folder` holds this index, intact (per its `records`)."""
        mine = [record for url, record in records.items() if is_search_file(url)]
        return (
            self.key is not None
            and bool(mine)
            and all(intact(folder, record, self.key, record.path) for record in mine)
        )

    def kept(self, folder: Path, records: Records) -> set[str]:
        """The files of this index `folder` already holds (paths), to keep when pruning."""
        if not self.is_current(folder, records):
            return set()
        return {record.path for url, record in records.items() if is_search_file(url)}

    def place(
        self,
        draft_path: Path,
        draft_records: Records,
        live: Path | None,
        live_records: Records,
        spare: Path | None,
        beside: tuple[Path, str],
    ) -> list[FrozenFile]:
        """Put this index into the draft (which holds the finished pages): kept when the
        draft already holds it, linked from the live build when that one does, else made by
        Pagefind in a new folder `beside` (folder, name prefix) and moved in. Also into
        `spare` (a first build's spare made alongside). The files, by path."""
        if self.is_current(draft_path, draft_records):
            files = [
                FrozenFile(url, record, False)
                for url, record in draft_records.items()
                if is_search_file(url)
            ]
        elif self.is_current(live, live_records):
            assert live is not None
            files = [
                FrozenFile.of(
                    url, self.key, rec.path, link_or_copy(live / rec.path, draft_path / rec.path), False
                )
                for url, rec in live_records.items()
                if is_search_file(url)
            ]
        else:
            files = self._index(draft_path, live, beside)
        if spare is not None:
            for frozen in files:
                link_or_copy(draft_path / frozen.record.path, spare / frozen.record.path)
        return sorted(files, key=lambda frozen: frozen.record.path)

    def _index(self, site: Path, live: Path | None, beside: tuple[Path, str]) -> list[FrozenFile]:
        """Run Pagefind over `site` into a new folder, then move its files into `site`."""
        work = new_folder(*beside)
        try:
            bundle = work / FOLDER
            run_pagefind(site, bundle)
            normalise_entry(bundle / ENTRY)
            files = []
            for source in sorted(bundle.rglob("*")):
                if not source.is_file():
                    continue
                if source.parent == bundle and source.name.startswith(UNUSED):
                    continue
                path = source.relative_to(work).as_posix()
                files.append(self._move(source, site, live, path))
            return files
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _move(self, source: Path, site: Path, live: Path | None, path: str) -> FrozenFile:
        """Put Pagefind's file `source` at `path` in `site`: a link to the live build's
        file when that has the same bytes (it keeps its modification time), else moved."""
        url, target = "/" + path, site / path
        if live is not None and same_bytes(live / path, source.read_bytes()):
            return FrozenFile.of(url, self.key, path, link_or_copy(live / path, target), False)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)  # a new file under the name: never written into
        return FrozenFile.of(url, self.key, path, target.stat(), True)


def run_pagefind(site: Path, bundle: Path) -> None:
    """Index the pages of `site` into the folder `bundle`; a BuildError when Pagefind fails."""
    command = [str(pagefind_binary()), "--site", str(site), "--output-path", str(bundle)]
    command += ["--glob", GLOB, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:500]
        raise BuildError(f"the search index could not be made: Pagefind said: {detail}")


def normalise_entry(path: Path) -> None:
    """Sort the languages of `pagefind-entry.json` (Pagefind writes them in varying order)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.unlink()
    path.write_text(text, encoding="utf-8")

