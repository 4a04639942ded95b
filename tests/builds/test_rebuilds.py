"""A rebuild gives the bytes of a clean build (parallel = serial, cached = clean, edited =
rebuilt clean) and remakes only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from edits import EDITS, append, posts, replace
from newsroom.build.freezer import SiteFreezer
from newsroom.build.site import BuildResult, build
from newsroom.core import parallel
from newsroom.loading.cache import CACHE_NAME
from newsroom.loading.store import STORE_NAME
from trees import clean, tree


def test_parallel_build_equals_serial_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int]] = []
    original = parallel.map_shares

    def spy(function, shares, jobs, progress=None):  # type: ignore[no-untyped-def]
        calls.append((jobs, len(shares)))
        return original(function, shares, jobs, progress)

    monkeypatch.setattr(parallel, "map_shares", spy)
    build(corpus, tmp_path / "parallel" / "build", jobs=2, use_cache=False)
    assert calls and all(jobs == 2 and shares > 1 for jobs, shares in calls)  # really split
    assert tree(tmp_path / "parallel" / "build") == clean(corpus, tmp_path)


def test_cached_build_equals_clean_build_and_reuses_everything(
    corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site" / "build"
    first = build(corpus, output, jobs=2)
    assert (output.parent / CACHE_NAME).is_dir()
    mtimes = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    again = build(corpus, output, jobs=2)
    assert first.written == first.files - 0 and again.written == 0
    assert tree(output) == clean(corpus, tmp_path)
    # Unchanged files are the previous build's files, modification times included.
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == mtimes


@pytest.mark.parametrize("edit", list(EDITS))
def test_rebuild_after_an_edit_equals_a_clean_build(
    corpus: Path, tmp_path: Path, edit: str
) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    EDITS[edit](corpus)
    result = build(corpus, output, jobs=2)
    assert tree(output) == clean(corpus, tmp_path)
    assert result.written > 0


def test_one_post_edited_remakes_only_its_pages(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    post = posts(corpus)[5]
    slug, lang = post.name.split(".")[:2]
    append(post, "\nEen zin erbij.\n")
    result = build(corpus, output, jobs=1)
    changed = {
        str(p.relative_to(output))
        for p in output.rglob("*")
        if p.is_file() and p.stat().st_mtime_ns != before.get(p)
    }
    page = f"{lang}/{'nieuws' if lang == 'nl' else 'news'}/{slug}/index.html"
    assert page in changed
    # The search index: only files of one shard, of the post's language.
    index = {name for name in changed if name.startswith("pagefind/")}
    assert index and all(name.startswith(f"pagefind/{lang}") for name in index), index
    assert len({name.split("/")[1] for name in index}) == 1, index
    # The post's page and the feeds that carry its text; no list, no other post.
    pages = changed - index
    assert all(name == page or name.endswith((".xml",)) for name in pages), pages
    assert result.written == len(changed)


def test_deleting_the_cache_is_safe(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    shutil.rmtree(output.parent / CACHE_NAME)
    append(posts(corpus)[3], "\nNog een zin.\n")
    build(corpus, output, jobs=2)
    assert tree(output) == clean(corpus, tmp_path)


@pytest.mark.parametrize("damage", [b"", b"not a record", b"\x80\x05K\x01.", b"{}\n", b"\n\n"])
def test_damaged_cache_entries_are_made_again(corpus: Path, tmp_path: Path, damage: bytes) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    entries = [p for p in (output.parent / CACHE_NAME).rglob("*") if p.is_file()]
    assert any(p.name == STORE_NAME for p in entries) and any(p.suffix == ".json" for p in entries)
    for entry in entries:
        entry.write_bytes(damage)
    result = build(corpus, output, jobs=2)
    assert isinstance(result, BuildResult)
    assert tree(output) == clean(corpus, tmp_path)


def test_a_changed_output_file_is_made_again(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    page = output / "nl" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</body>", b"<p>hand edit</p></body>"))
    build(corpus, output, jobs=1)
    assert page.read_bytes() == original


def fetches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the freezer fetches from now on (in this process: `jobs=1`), in order."""
    fetched: list[str] = []
    original = SiteFreezer._fetch

    def spy(self, client, url, path):  # type: ignore[no-untyped-def]
        fetched.append(url)
        return original(self, client, url, path)

    monkeypatch.setattr(SiteFreezer, "_fetch", spy)
    return fetched


def test_an_edit_remakes_only_the_pages_that_show_the_post(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The oldest post is not in the news feeds (they carry the newest `feed_length`), and
    a change to its text shows on no list: its own page is made again, and at most the
    feeds of its small topics (the static files have no key: they are always compared)."""
    replace(corpus / "site.yaml", "feed_length: 20", "feed_length: 3")
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    fetched = fetches(monkeypatch)
    oldest = min(posts(corpus), key=lambda p: p.read_text(encoding="utf-8").split("date: ")[1])
    append(oldest, "\nEen zin erbij.\n")
    build(corpus, output, jobs=1)
    slug, lang = oldest.name.split(".")[:2]
    section = "nieuws" if lang == "nl" else "news"
    topics = "onderwerpen" if lang == "nl" else "topics"
    made = {url for url in fetched if not url.startswith("/static/")}
    assert f"/{lang}/{section}/{slug}/" in made
    others = made - {f"/{lang}/{section}/{slug}/"}
    assert all(url.startswith(f"/{lang}/{topics}/") and url.endswith(".xml") for url in others)
    tags = yaml.safe_load(oldest.read_text(encoding="utf-8").split("---")[1])["tags"]
    assert len(others) <= 2 * len(tags)  # RSS and Atom


def test_a_build_with_drafts_makes_each_page_once(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drafts (like future posts) give pages no keys: nothing is reused by key, and the
    check for "nothing changed" must not fetch every page a second time."""
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1, drafts=True)
    fetched = fetches(monkeypatch)
    EDITS["title"](corpus)
    result = build(corpus, output, jobs=1, drafts=True)
    assert 0 < result.written < result.pages
    assert len(fetched) == len(set(fetched)) == result.pages
    assert tree(output) == tree(clean_drafts(corpus, tmp_path))


def clean_drafts(content: Path, tmp_path: Path) -> Path:
    output = tmp_path / "clean-drafts" / "build"
    build(content, output, jobs=1, use_cache=False, drafts=True)
    return output
