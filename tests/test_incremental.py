"""Fast builds give the same bytes: parallel = serial, cached = clean, edited = rebuilt clean."""

from __future__ import annotations

import importlib.util
import io
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newsroom.build import swap
from newsroom.build.freezer import SiteFreezer
from newsroom.build.site import BuildResult, build, spare_path
from newsroom.commands import progress
from newsroom.core import parallel
from newsroom.loading.cache import CACHE_NAME, EntryCache

REPO = Path(__file__).resolve().parents[1]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small benchmark corpus: 12 pairs beside the repository's own content."""
    target = tmp_path / "content"
    _corpus_module().generate(12, target)
    return target


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def clean(content: Path, tmp_path: Path, name: str = "clean") -> dict[str, bytes]:
    """The site from a clean single-process build: no cache, no previous output."""
    output = tmp_path / name / "build"
    shutil.rmtree(output.parent, ignore_errors=True)
    build(content, output, jobs=1, use_cache=False)
    assert not (output.parent / CACHE_NAME).exists()
    return tree(output)


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


def _posts(corpus: Path) -> list[Path]:
    return sorted((corpus / "nieuws" / "bench").glob("*.md"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


EDITS = {
    "body": lambda c: _append(_posts(c)[5], "\nEen zin erbij.\n"),
    "title": lambda c: _replace(_posts(c)[6], "title: ", "title: Nieuw - "),
    "tags": lambda c: _replace(_posts(c)[7], "tags: [", "tags: [gloednieuw, "),
    "date": lambda c: _replace(_posts(c)[8], "date: 20", "date: 19"),
    "removed": lambda c: _posts(c)[9].unlink(),
    "added": lambda c: shutil.copy(_posts(c)[10], _posts(c)[10].with_name("extra.nl.md")),
    "site": lambda c: _replace(c / "site.yaml", "nl: ", "nl: Nieuw – "),
    "page": lambda c: _append(c / "paginas" / "over-rio-vo.nl.md", "\nMeer.\n"),
}


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
    post = _posts(corpus)[5]
    slug, lang = post.name.split(".")[:2]
    _append(post, "\nEen zin erbij.\n")
    result = build(corpus, output, jobs=1)
    changed = {
        str(p.relative_to(output))
        for p in output.rglob("*")
        if p.is_file() and p.stat().st_mtime_ns != before.get(p)
    }
    page = f"{lang}/{'nieuws' if lang == 'nl' else 'news'}/{slug}/index.html"
    assert page in changed
    # The post's page and the feeds that carry its text; no list, no other post.
    assert all(name == page or name.endswith((".xml",)) for name in changed), changed
    assert result.written == len(changed)


def test_deleting_the_cache_is_safe(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    shutil.rmtree(output.parent / CACHE_NAME)
    _append(_posts(corpus)[3], "\nNog een zin.\n")
    build(corpus, output, jobs=2)
    assert tree(output) == clean(corpus, tmp_path)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_damaged_cache_entries_are_made_again(corpus: Path, tmp_path: Path, damage: bytes) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    entries = [p for p in (output.parent / CACHE_NAME).rglob("*") if p.is_file()]
    assert any(p.suffix == ".pickle" for p in entries) and any(p.suffix == ".json" for p in entries)
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


def test_progress_line_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    shown = io.StringIO()
    line = progress.Progress(shown, enabled=True)
    line(5, 10)
    line(10, 10)
    line.finish()
    assert "Pages: 10/10" in shown.getvalue() and shown.getvalue().endswith("\r")
    quiet = io.StringIO()  # not a terminal
    line = progress.Progress(quiet)
    line(10, 10)
    line.finish()
    assert quiet.getvalue() == ""


def test_freeze_ends_with_a_summary_line(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    command = [sys.executable, str(REPO / "freeze.py"), "--content", str(corpus)]
    command += ["--output", str(output)]
    env = {**os.environ, "PYTHONPATH": ""}
    first = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    second = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    files = len([p for p in output.rglob("*") if p.is_file()]) - 1  # not the build marker
    assert f"Built {files} files into {output}" in first.stdout
    assert f"({files} written, 0 unchanged)" in first.stdout
    assert f"(0 written, {files} unchanged)" in second.stdout
    assert first.stderr == second.stderr == ""  # no progress line when not on a terminal


def test_renderer_writes_what_plain_markdown_writes(corpus: Path) -> None:
    """The renderer's speed-ups (one instance, patterns as a list) change no byte of HTML."""
    import markdown

    from newsroom.content.front_matter import parse_document
    from newsroom.markup.blocks import BlockMarkers
    from newsroom.markup.crossrefs import CrossReferences
    from newsroom.markup.render import EXTENSION_CONFIGS, EXTENSIONS, Renderer

    renderer = Renderer()
    files = sorted(corpus.rglob("*.md")) + sorted((REPO / "tests" / "fixtures").rglob("*.md"))
    assert len(files) > 30
    for path in files:
        document, _ = parse_document(path.read_text(encoding="utf-8"), str(path))
        if document is None:
            continue
        plain = markdown.Markdown(
            extensions=[*EXTENSIONS, BlockMarkers(), CrossReferences()],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        assert renderer.render(document.body) == plain.convert(document.body), path


def test_relative_links_match_posixpath() -> None:
    import itertools
    import posixpath

    from newsroom.web.links import _relpath

    paths = ["/", "/nl/", "/nl/nieuws/", "/nl/nieuws/x/", "/nl/nieuws/x/index.html"]
    paths += ["/en/news/y/", "/static/style.css", "/nl/nieuws/pagina/2/", "/sub/nl/", "/a/./b/"]
    paths += ["/nl/../en/", "/nl/nieuws/x", "/en/topics/één/feed.xml"]
    for path, start in itertools.product(paths, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)


def folders(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_dir()}


def test_rebuilds_update_the_spare_and_swap_it_in(corpus: Path, tmp_path: Path) -> None:
    """Each rebuild brings the spare (the build before the previous one) up to date and swaps
    it with the output: the result is a clean build's, and the build it replaced is kept
    unchanged as the new spare (files shared between the two are never written in place)."""
    output = tmp_path / "site" / "build"
    spare = spare_path(output)
    build(corpus, output, jobs=2)
    assert tree(spare) == tree(output)  # the first build's twin
    steps = ["body", "title", "removed", "added", "tags", "body", "date"]
    for step in steps:
        before, before_folders = tree(output), folders(output)
        EDITS[step](corpus)
        result = build(corpus, output, jobs=2)
        assert tree(output) == clean(corpus, tmp_path), step
        assert folders(output) == folders(tmp_path / "clean" / "build"), step  # none left empty
        assert tree(spare) == before and folders(spare) == before_folders, step
        assert 0 < result.written < result.files / 2, step


def test_a_rebuild_with_nothing_changed_leaves_everything_alone(
    corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    EDITS["body"](corpus)
    build(corpus, output, jobs=1)

    def stats() -> dict[Path, tuple[int, int]]:
        found = [output, spare_path(output), *output.rglob("*"), *spare_path(output).rglob("*")]
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in found}

    before = stats()
    result = build(corpus, output, jobs=1)
    assert result.written == 0 and result.files == len(tree(output)) - 1  # not the marker
    assert stats() == before


def test_a_spare_without_its_record_is_not_trusted(corpus: Path, tmp_path: Path) -> None:
    """A spare changed by hand, or half updated by a killed build, is made afresh."""
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    spare = spare_path(output)
    (spare / "nl" / "index.html").write_bytes(b"hand edit")
    (spare / "stray.html").write_bytes(b"stray")
    EDITS["body"](corpus)
    build(corpus, output, jobs=1)
    assert tree(output) == clean(corpus, tmp_path)
    for record in (output.parent / CACHE_NAME).glob("pages-*.json"):
        record.unlink()
    EDITS["title"](corpus)
    build(corpus, output, jobs=1)
    assert tree(output) == clean(corpus, tmp_path)


@pytest.mark.parametrize("atomic", [True, False])
def test_exchange_swaps_two_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, atomic: bool
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "a").mkdir(parents=True)
    (second / "b").mkdir(parents=True)
    if not atomic:
        monkeypatch.setattr(swap, "_RENAMEAT2", None)
    assert swap.exchange_atomically(first, second) is atomic
    if not atomic:
        swap.exchange(first, second)
    assert (first / "b").is_dir() and (second / "a").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "second"]


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
    _replace(corpus / "site.yaml", "feed_length: 20", "feed_length: 3")
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    fetched = fetches(monkeypatch)
    oldest = min(_posts(corpus), key=lambda p: p.read_text(encoding="utf-8").split("date: ")[1])
    _append(oldest, "\nEen zin erbij.\n")
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


def test_the_post_cache_appends_and_survives_a_torn_record(tmp_path: Path) -> None:
    path = tmp_path / "posts.pickle"
    EntryCache(path).append({"a": ("A", []), "b": ("B", [])})
    size = path.stat().st_size
    second = EntryCache(path)
    assert (second.get("a"), second.get("b")) == (("A", []), ("B", []))
    second.append({"c": ("C", [])})
    assert path.stat().st_size > size  # appended, not rewritten
    assert EntryCache(path).get("c") == ("C", [])
    path.write_bytes(path.read_bytes()[:-5])  # a build killed while appending
    torn = EntryCache(path)
    assert (torn.get("a"), torn.get("b"), torn.get("c")) == (("A", []), ("B", []), None)
    torn.compact()  # a damaged file is written afresh
    assert path.stat().st_size == size
    assert EntryCache(path).values == {"a": ("A", []), "b": ("B", [])}


def test_the_post_cache_is_written_afresh_when_mostly_outdated(tmp_path: Path) -> None:
    path = tmp_path / "posts.pickle"
    for version in range(100):  # one post edited a hundred times
        cache = EntryCache(path)
        cache.append({f"key-{version}": version})
        cache.prune({f"key-{version}"})
        cache.compact()
    records = 0
    with path.open("rb") as handle:
        while True:
            try:
                pickle.load(handle)
            except EOFError:
                break
            records += 1
    assert records <= 2 + 64
    assert EntryCache(path).get("key-99") == 99


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


def test_the_cache_of_the_earlier_layout_is_removed(corpus: Path, tmp_path: Path) -> None:
    """Builds once kept a pickle file per post under `posts/`; nothing reads them now."""
    output = tmp_path / "site" / "build"
    old = output.parent / CACHE_NAME / "posts" / "ab"
    old.mkdir(parents=True)
    (old / "ab12.pickle").write_bytes(b"old entry")
    build(corpus, output, jobs=1)
    assert not (output.parent / CACHE_NAME / "posts").exists()
    assert (output.parent / CACHE_NAME / "posts.pickle").is_file()
