"""The search index: Pagefind run over the finished pages of the draft, before the swap, one
language at a time and in shards, so that an edit re-indexes one shard of its language.

The pages searched (those of the page kinds marked `searched`, whose templates mark the article
with `data-pagefind-body`) are split by language, then by a stable hash of their file's path
into shards of about `SHARD_PAGES` pages (`split`): a page stays in its shard for as long as
their number stays. Each shard is one Pagefind bundle (`build.pagefind`), in `pagefind/`:

- `<lang>/`: shard 0, with Pagefind's script, web worker and WebAssembly: the search page of the
  language loads `pagefind/<lang>/pagefind.js`;
- `<lang>-<n>/`: shard n (from 1): its index only (entry, metadata, chunks, fragments, filters),
  which the search page merges into shard 0's (Pagefind's `mergeIndex`: the same web worker and
  WebAssembly search every shard, and the results are ranked together);
- `<lang>.json`: the list of the language's shards from 1 (`["nl-1/", …]`), for the search page.

A shard's files get records like the pages (see `build.output`), under the shard's input key: a
digest of the input keys of its pages. A shard whose key matches the spare's or the live
build's is kept or linked; only the others are indexed again (Pagefind writes into a new
folder beside the output, reading the shard's pages in the draft, named by a glob). A file
equal to the live build's is
linked from it, and the spare's outdated ones are pruned, so a rebuild equals a clean build.
(Without keys, as with `--drafts`, every shard is indexed again.)

Pagefind's own user interfaces are not kept: the search page uses its JS API
(`static/search.js`), styled by the site's stylesheet; nor is the WebAssembly of languages it
cannot stem, which no page here loads.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from newsroom.build import pagefind
from newsroom.build.files import link_or_copy, new_folder, same_bytes, write_new
from newsroom.build.records import FrozenFile, Record, Records, intact
from newsroom.core.models import LANGUAGES
from newsroom.loading.cache import digest_of
from newsroom.web.views.search import SEARCH_FOLDER, bundle_folder, shard_list

FOLDER = SEARCH_FOLDER
"""The index's folder in the site (`/pagefind/`), where the search page's script looks."""
URL_PREFIX = f"/{FOLDER}/"
SHARD_PAGES = 200
"""About how many pages a shard holds: Pagefind takes about 2 ms of CPU per page, so an edit
costs about 0.4 s of indexing whatever the site's size; a reader's search loads each shard's
small entry and metadata files, and the chunks of the words searched (at 2,000 pairs, the first
query about 470 kB with shards of 200 pages, 330 kB with 500: `python -m bench.ranking`, and
docs/search.md for the trade-off)."""
LAYOUT = "2"
"""What a bundle holds beyond Pagefind's own choice (part of each shard's input key, so that a
change here indexes again): 2, without the WebAssembly no language loads."""
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
"""Pagefind's ready-made interfaces (name prefixes), which the site does not use."""
ENGINE = ("pagefind.js", "pagefind-worker.js", "wasm.")
"""Pagefind's script, web worker and WebAssembly (name prefixes): only shard 0 needs them."""


def is_search_file(url: str) -> bool:
    """Whether `url` is a file of the search index (not a page the freezer makes)."""
    return url.startswith(URL_PREFIX)


def split(paths: list[str], first: frozenset[str] = frozenset()) -> list[list[str]]:
    """The shards of one language's `paths` (sorted): about `SHARD_PAGES` each, by a stable
    hash of the path; as many as that takes, fewer when one would be empty. The pages in
    `first` (whose input keys change with any post's, see `search_index` in `build.site`) all
    go to shard 0, so that such a change re-indexes that one, not every shard."""
    count = max(1, -(-len(paths) // SHARD_PAGES))
    while True:
        shards: list[list[str]] = [[] for _ in range(count)]
        for path in paths:
            hashed = int.from_bytes(sha256(path.encode()).digest()[:8], "big") % count
            shards[0 if path in first else hashed].append(path)
        if count == 1 or all(shards):
            return shards
        count -= 1


@dataclass(frozen=True, slots=True)
class Shard:
    """One Pagefind bundle: some of the pages of one language; `key` its input key (None:
    always index again)."""

    lang: str
    number: int
    pages: tuple[str, ...]  # the pages' files, relative to the site
    key: str | None

    @property
    def folder(self) -> str:
        """Its folder, relative to the site (see `shard_folder`)."""
        return shard_folder(self.lang, self.number)

    def keeps(self, name: str) -> bool:
        """Whether the file `name` of Pagefind's bundle (relative to it) is kept."""
        top = "/" not in name
        return not (top and name.startswith(UNUSED)) and not (
            self.number and top and name.startswith(ENGINE)
        )


def shard_folder(lang: str, number: int) -> str:
    """The folder of shard `number` of `lang`, relative to the site: `pagefind/nl` (shard 0,
    which the search page loads), `pagefind/nl-1`…"""
    return bundle_folder(lang) + (f"-{number}" if number else "")


def unit_of(path: str) -> str:
    """What an index file belongs to: its shard's folder, or itself (a list of shards)."""
    parts = path.split("/", 2)
    return "/".join(parts[:2]) if len(parts) == 3 else path


def by_unit(records: Records) -> dict[str, list[tuple[str, Record]]]:
    """The search index's records of a folder, by what they belong to (see `unit_of`)."""
    units: dict[str, list[tuple[str, Record]]] = {}
    for url, record in records.items():
        if is_search_file(url):
            units.setdefault(unit_of(record.path), []).append((url, record))
    return units


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The search index of one build: its shards, and each language's list of them."""

    shards: tuple[Shard, ...]
    lists: tuple[tuple[str, bytes], ...]  # (path, bytes)

    @classmethod
    def of(cls, pages: Iterable[tuple[str, str | None]], first: Iterable[str] = ()) -> SearchIndex:
        """The index of the searched `pages` (file path, input key), in their languages; the
        pages in `first` in the first shard of their language (see `split`)."""
        keys: dict[str, dict[str, str | None]] = {}
        for path, key in pages:
            lang = path.split("/", 1)[0]
            if lang in LANGUAGES and path.endswith(".html"):
                keys.setdefault(lang, {})[path] = key
        pinned = frozenset(first)
        version = pagefind.pagefind_version()
        shards, lists = [], []
        for lang in sorted(keys):
            mine = keys[lang]
            groups = split(sorted(mine), pinned)
            for number, paths in enumerate(groups):
                parts = [f"{path}\0{mine[path]}" for path in paths]
                key = None
                if all(mine[path] is not None for path in paths):
                    key = digest_of(
                        "pagefind", version, LAYOUT, lang, f"{number}/{len(groups)}", *parts
                    )
                shards.append(Shard(lang, number, tuple(paths), key))
            # Each shard's folder from 1, relative to the list (which is beside them).
            names = [shard_folder(lang, n).rsplit("/", 1)[1] + "/" for n in range(1, len(groups))]
            lists.append((shard_list(lang), json.dumps(names).encode("utf-8")))
        return cls(tuple(shards), tuple(lists))

    def _current(
        self, folder: Path | None, records: Records
    ) -> tuple[dict[str, list[tuple[str, Record]]], set[str]]:
        """The records of this index's parts (shards' folders, lists) `folder` holds intact,
        by part; and the parts it holds that are not this index's."""
        if folder is None:
            return {}, set()
        units = by_unit(records)
        mine: dict[str, list[tuple[str, Record]]] = {}
        for shard in self.shards:
            files = units.get(shard.folder, [])
            if files and all(intact(folder, rec, shard.key, rec.path) for _, rec in files):
                mine[shard.folder] = files
        for path, data in self.lists:
            files = units.get(path, [])
            if len(files) == 1 and intact(folder, files[0][1], digest_of(data), path):
                mine[path] = files
        return mine, set(units) - {s.folder for s in self.shards} - {p for p, _ in self.lists}

    def is_current(self, folder: Path | None, records: Records) -> bool:
        """Whether `folder` holds this index, intact (per its `records`), and no other."""
        mine, others = self._current(folder, records)
        return len(mine) == len(self.shards) + len(self.lists) and not others

    def kept(self, folder: Path, records: Records) -> set[str]:
        """The files of this index `folder` already holds (paths), to keep when pruning."""
        mine, _ = self._current(folder, records)
        return {record.path for files in mine.values() for _, record in files}

    def place(
        self,
        draft_path: Path,
        draft_records: Records,
        live: Path | None,
        live_records: Records,
        spare: Path | None,
        beside: tuple[Path, str],
    ) -> list[FrozenFile]:
        """Put this index into the draft (which holds the finished pages, and of this index
        only what `kept` said): each shard kept when the draft holds it, linked from the live
        build when that one does, else made by Pagefind in a new folder `beside` (folder,
        name prefix) and moved in. Also into `spare` (a first build's spare made alongside).
        The files, by path."""
        in_draft, _ = self._current(draft_path, draft_records)
        in_live, _ = self._current(live, live_records)
        files, stale = [], []
        for shard in self.shards:
            if shard.folder in in_draft:
                files += [FrozenFile(url, rec, False) for url, rec in in_draft[shard.folder]]
            elif shard.folder in in_live:
                assert live is not None
                for url, rec in in_live[shard.folder]:
                    stat = link_or_copy(live / rec.path, draft_path / rec.path)
                    files.append(FrozenFile.of(url, shard.key, rec.path, stat, False))
            else:
                stale.append(shard)
        files += self._index(stale, draft_path, live, beside)
        for path, data in self.lists:
            files.append(self._list(path, data, draft_path, in_draft, live))
        if spare is not None:
            for frozen in files:
                link_or_copy(draft_path / frozen.record.path, spare / frozen.record.path)
        return sorted(files, key=lambda frozen: frozen.record.path)

    def _list(
        self,
        path: str,
        data: bytes,
        site: Path,
        in_draft: dict[str, list[tuple[str, Record]]],
        live: Path | None,
    ) -> FrozenFile:
        """Put a language's list of shards at `path` in `site`."""
        url, key, target = "/" + path, digest_of(data), site / path
        if path in in_draft:
            return FrozenFile(url, in_draft[path][0][1], False)
        if live is not None and same_bytes(live / path, data):
            return FrozenFile.of(url, key, path, link_or_copy(live / path, target), False)
        return FrozenFile.of(url, key, path, write_new(target, data), True)

    def _index(
        self, stale: list[Shard], site: Path, live: Path | None, beside: tuple[Path, str]
    ) -> list[FrozenFile]:
        """Index the `stale` shards' pages of `site`, each by Pagefind in a new folder (a few
        at a time), then move their files into `site`."""
        if not stale:
            return []
        work = new_folder(*beside)
        try:
            workers = min(len(stale), os.cpu_count() or 1)
            with ThreadPoolExecutor(workers) as pool:  # (threads: each waits for a process)
                bundles = list(pool.map(lambda shard: make_bundle(shard, site, work), stale))
            files = []
            for shard, bundle in zip(stale, bundles, strict=True):
                for source in sorted(bundle.rglob("*")):
                    name = source.relative_to(bundle).as_posix()
                    if source.is_file() and shard.keeps(name):
                        files.append(move(source, site, live, f"{shard.folder}/{name}", shard.key))
            return files
        finally:
            shutil.rmtree(work, ignore_errors=True)


def make_bundle(shard: Shard, site: Path, work: Path) -> Path:
    """Pagefind's bundle of `shard`'s pages of `site`, made in the folder `work`, normalised."""
    name = shard.folder.rsplit("/", 1)[1]
    bundle = work / "bundles" / name
    glob = pagefind.glob_of(shard.pages)
    if glob is not None:  # only the shard's pages, read where they are
        pagefind.run_pagefind(site, bundle, work / "runs" / name, glob)
    else:  # (a path a glob cannot say: the pages linked into a folder of their own)
        pages = work / "pages" / name
        for path in shard.pages:
            link_or_copy(site / path, pages / path)
        pagefind.run_pagefind(pages, bundle, work / "runs" / name)
    pagefind.normalise(bundle)
    for path in pagefind.unused_wasm(bundle):
        path.unlink()
    return bundle


def move(source: Path, site: Path, live: Path | None, path: str, key: str | None) -> FrozenFile:
    """Put Pagefind's file `source` at `path` in `site`: a link to the live build's file when
    that has the same bytes (it keeps its modification time), else moved."""
    url, target = "/" + path, site / path
    if live is not None and same_bytes(live / path, source.read_bytes()):
        return FrozenFile.of(url, key, path, link_or_copy(live / path, target), False)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)  # a new file under the name: never written into
    return FrozenFile.of(url, key, path, target.stat(), True)
