"""The search index in the build: made over the finished pages, deterministic, re-made only when
a page it reads changed, handled like every other file (a rebuild equals a clean build)."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edits import append, posts, replace
from newsroom.build import pagefind, search
from newsroom.build.site import build
from newsroom.core.errors import BuildError
from paths import REPO
from trees import clean, tree, tree_digest


def fragments(site: Path, folder: str = "*") -> list[dict]:
    """The pages of the index (their fragments, decompressed) in the shards `folder` matches."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(pagefind.SIGNATURE))
        for path in sorted((site / search.FOLDER).glob(f"{folder}/fragment/*.pf_fragment"))
    ]


def index_text(site: Path) -> str:
    """Every page's text in the index (its fragments, decompressed)."""
    return "".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in sorted((site / search.FOLDER).glob("*/fragment/*.pf_fragment"))
    )


def count_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Path]]:
    """Pagefind's runs from now on (one per shard indexed): the site it reads, and the folder
    it runs in (named as the shard's folder)."""
    runs: list[tuple[Path, Path]] = []
    original = pagefind.run_pagefind

    def spy(site: Path, bundle: Path, folder: Path, glob: str = "**/*.html") -> None:
        runs.append((site, folder))
        original(site, bundle, folder, glob)

    monkeypatch.setattr(pagefind, "run_pagefind", spy)
    return runs


def entry(site: Path, folder: str) -> dict:
    return json.loads((site / search.FOLDER / folder / pagefind.ENTRY).read_text("utf-8"))


def test_the_index_holds_the_posts_of_each_language(content_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(content_dir, output)
    # One index per language, each its own bundle (small: one shard), with Pagefind's script.
    assert list(entry(output, "nl")["languages"]) == ["nl"]
    assert list(entry(output, "en")["languages"]) == ["en"]
    for lang in ("nl", "en"):
        assert (output / search.FOLDER / lang / "pagefind.js").is_file()
        # The WebAssembly of its language only (not Pagefind's for languages it cannot stem).
        wasm = sorted(p.name for p in (output / search.FOLDER / lang).glob("wasm.*"))
        assert wasm == [f"wasm.{lang}.pagefind"]
        assert (output / search.FOLDER / f"{lang}.json").read_text("utf-8") == "[]"
    assert not list((output / search.FOLDER).glob("*/pagefind-ui*"))  # the site's own page
    text = index_text(output)
    assert "Eerste bericht" in text
    # Only the article: not the navigation, the footer or the language switcher.
    assert "Direct naar de inhoud" not in text and "This page in English" not in text
    assert "Deze pagina in het Nederlands" not in text and "Stay informed" not in text


def test_a_rebuild_with_nothing_changed_does_not_index_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site" / "build"
    runs = count_runs(monkeypatch)
    build(corpus, output, jobs=2)
    assert len(runs) == 2  # one index per language
    files = {p: p.stat().st_mtime_ns for p in (output / search.FOLDER).rglob("*") if p.is_file()}
    again = build(corpus, output, jobs=2)
    assert len(runs) == 2 and again.written == 0
    assert {
        p: p.stat().st_mtime_ns for p in (output / search.FOLDER).rglob("*") if p.is_file()
    } == files


def test_a_rebuild_after_an_edit_indexes_again_and_equals_a_clean_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    runs = count_runs(monkeypatch)
    post = posts(corpus)[0]
    replace(post, "\n\n", "\n\nZoekwoordvandaag staat nu in dit bericht.\n\n")
    build(corpus, output, jobs=2)
    assert len(runs) == 1 and runs[0][0] != output  # indexed in the draft, before the swap
    assert "Zoekwoordvandaag" in index_text(output)
    assert tree(output) == clean(corpus, tmp_path)
    # And back, into the spare that held the index of two builds ago.
    replace(post, "Zoekwoordvandaag staat nu in dit bericht.\n\n", "")
    build(corpus, output, jobs=2)
    assert "Zoekwoordvandaag" not in index_text(output)
    assert tree(output) == clean(corpus, tmp_path)


def test_a_removed_post_leaves_the_index(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    build(corpus, output, jobs=2)  # (so the next build updates the spare)
    post = posts(corpus)[0]
    title = next(line for line in post.read_text("utf-8").splitlines() if line.startswith("title"))
    name = title.split(":", 1)[1].strip().strip("'\"")
    assert name in index_text(output)
    post.unlink()
    build(corpus, output, jobs=2)
    assert name not in index_text(output)
    assert tree(output) == clean(corpus, tmp_path)


def test_the_index_holds_exactly_the_pages_of_the_kinds_searched(frozen: Path) -> None:
    """The page-kind table's `searched` and the templates' `data-pagefind-body` agree."""
    marked = {
        "/" + path.relative_to(frozen).parent.as_posix() + "/"
        for lang in ("nl", "en")
        for path in (frozen / lang).rglob("*.html")
        if "data-pagefind-body" in path.read_text("utf-8")
    }
    assert len(marked) >= 6 and {url.split("/")[1] for url in marked} == {"nl", "en"}
    assert sorted(page["url"] for page in fragments(frozen)) == sorted(marked)


def test_pagefind_reads_only_the_pages_of_its_shard(
    frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind reads the site itself, told the shard's pages by a glob: no other page is
    indexed, even one beside them marked for it, or whose path starts like theirs; a path the
    glob cannot say is read from a folder of links instead, just as exactly. (Pagefind's
    settings in the environment do not count.)"""
    monkeypatch.setenv("PAGEFIND_GLOB", "**/*.html")
    site = tmp_path / "site"
    shutil.copytree(frozen, site)
    ours = sorted(
        path.relative_to(site).as_posix()
        for path in (site / "nl").rglob("*.html")
        if "data-pagefind-body" in path.read_text("utf-8")
    )
    page = (site / ours[0]).read_text("utf-8")
    strangers = [f"{ours[0][: -len('/index.html')]}-2/index.html", "nl/nieuws/[x]/index.html"]
    for path in strangers:
        (site / path).parent.mkdir(parents=True)
        (site / path).write_text(page.replace("<h1>", "<h1>Vreemdeling "), encoding="utf-8")
    for pages in (ours, [*ours, strangers[1]]):
        shard = search.Shard("nl", 0, tuple(pages), None)
        work = tmp_path / f"work-{len(pages)}"
        bundle = search.make_bundle(shard, site, work)
        found = [
            json.loads(gzip.decompress(path.read_bytes()).removeprefix(pagefind.SIGNATURE))
            for path in (bundle / "fragment").glob("*.pf_fragment")
        ]
        urls = sorted("/" + p.removesuffix("index.html") for p in pages)
        assert sorted(page["url"] for page in found) == urls
        assert (work / "pages").is_dir() == (strangers[1] in pages)


def test_a_glob_names_exactly_the_pages() -> None:
    assert pagefind.glob_of(["nl/nieuws/a/index.html", "nl/nieuws/b/index.html"]) == (
        "nl/nieuws/{a/index.html,b/index.html}"
    )
    assert pagefind.glob_of(["nl/over/index.html", "nl/nieuws/a/index.html"]) == (
        "nl/{nieuws/a/index.html,over/index.html}"
    )
    assert pagefind.glob_of(["index.html", "nl/a.html"]) == "{index.html,nl/a.html}"
    odd = ["nl/[a]/index.html", "nl/a,b/index.html", "nl/{a}/x.html", "nl/a*/x.html"]
    odd += ["nl/a?/x.html", "nl/../x.html", "./x.html", "nl//x.html", "/nl/x.html", "nl/é.html"]
    for path in odd:
        assert pagefind.glob_of(["nl/b/index.html", path]) is None
    assert pagefind.glob_of([]) is None


# --- shards: a language's pages split so that an edit re-indexes one ----------------------------


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards of about 6 pages: the corpus's 17 or so pages per language make 3 each."""
    monkeypatch.setattr(search, "SHARD_PAGES", 6)


def shard_urls(site: Path) -> dict[str, list[str]]:
    """The pages' URLs of each shard's folder."""
    folders = sorted(p.name for p in (site / search.FOLDER).iterdir() if p.is_dir())
    return {folder: sorted(page["url"] for page in fragments(site, folder)) for folder in folders}


def test_shards_split_each_language_and_are_listed_for_the_search_page(
    corpus: Path, tmp_path: Path, small_shards: None
) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    shards = shard_urls(output)
    for lang in ("nl", "en"):
        mine = [folder for folder in shards if folder.split("-")[0] == lang]
        assert mine[0] == lang and len(mine) >= 2, shards
        listed = json.loads((output / search.FOLDER / f"{lang}.json").read_text("utf-8"))
        assert listed == [f"{folder}/" for folder in mine[1:]]
        # Each page in one shard of its language; Pagefind's script only in the first.
        urls = [url for folder in mine for url in shards[folder]]
        assert len(urls) == len(set(urls)) and all(url.startswith(f"/{lang}/") for url in urls)
        assert all(shards[folder] for folder in mine)
        for folder in mine:
            assert list(entry(output, folder)["languages"]) == [lang]
            engine = sorted(p.name for p in (output / search.FOLDER / folder).glob("*.js"))
            assert engine == (["pagefind-worker.js", "pagefind.js"] if folder == lang else [])
        # The standalone pages (remade when any post changes) together in the first.
        pages = {url for url in urls if f"/{lang}/nieuws/" not in url and "/news/" not in url}
        assert pages and pages <= set(shards[lang])
    assert tree(output) == clean(corpus, tmp_path)


def test_an_edit_re_indexes_the_shard_of_its_page_only(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_shards: None
) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=2)
    before = shard_urls(output)
    runs = count_runs(monkeypatch)
    post = next(p for p in posts(corpus) if p.name.endswith(".nl.md"))
    replace(post, "\n\n", "\n\nZoekwoordvandaag staat nu in dit bericht.\n\n")
    build(corpus, output, jobs=2)
    assert len(runs) == 1  # one shard of the 6
    edited = next(
        folder
        for folder, urls in shard_urls(output).items()
        if any("Zoekwoordvandaag" in page["content"] for page in fragments(output, folder))
    )
    assert shard_urls(output) == before and edited.startswith("nl")
    assert tree(output) == clean(corpus, tmp_path)
    # A title: the lists and the standalone pages (of both languages) change too; still only
    # the post's shard and the first of each language (the standalone pages').
    runs.clear()
    replace(post, 'title: "', 'title: "Nieuw: ')
    build(corpus, output, jobs=2)
    assert edited in [folder.name for _, folder in runs]
    assert {folder.name for _, folder in runs} <= {edited, "nl", "en"} and len(runs) <= 3
    assert tree(output) == clean(corpus, tmp_path)


def test_more_and_fewer_shards_equal_clean_builds(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site" / "build"
    for size in (6, 4, 500, 6):  # 3, then 5 shards, one, 3 again: the pages move between them
        monkeypatch.setattr(search, "SHARD_PAGES", size)
        build(corpus, output, jobs=2)
        assert tree(output) == clean(corpus, tmp_path)
    for post in posts(corpus)[:8]:  # fewer pages: fewer shards
        post.unlink()
    build(corpus, output, jobs=2)
    assert tree(output) == clean(corpus, tmp_path)


def test_split_is_stable_and_leaves_no_shard_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 10)
    paths = [f"nl/nieuws/bericht-{n:03}/index.html" for n in range(95)]
    shards = search.split(paths, frozenset(paths[:3]))
    assert len(shards) == 10 and all(shards) and set(paths[:3]) <= set(shards[0])
    assert sorted(p for shard in shards for p in shard) == paths
    # One more page: every other page stays in its shard.
    more = search.split([*paths, "nl/nieuws/bericht-999/index.html"], frozenset(paths[:3]))
    assert [[p for p in shard if p in paths] for shard in more] == shards
    # Too few pages for every shard to get one: fewer shards.
    assert all(search.split(paths[:12])) and len(search.split(paths[:12])) <= 2
    assert search.split([]) == [[]]


def test_no_search_makes_no_index_and_switching_equals_clean_builds(
    content_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site" / "build"
    build(content_dir, output, search=False)
    assert not (output / search.FOLDER).exists()
    build(content_dir, output)
    assert tree(output) == clean(content_dir, tmp_path)
    build(content_dir, output, search=False)
    assert not (output / search.FOLDER).exists()
    clean_build = tmp_path / "plain" / "build"
    build(content_dir, clean_build, search=False, use_cache=False)
    assert tree_digest(output) == tree_digest(clean_build)


def test_freeze_no_search_option(content_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    command = [sys.executable, "freeze.py", "--content", str(content_dir), "--output", str(output)]
    done = subprocess.run([*command, "--no-search"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (output / search.FOLDER).exists() and (output / "nl" / "index.html").is_file()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (output / search.FOLDER / "nl" / "pagefind.js").is_file()


def test_a_failing_pagefind_stops_the_build_and_leaves_the_output(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site" / "build"
    build(content_dir, output)
    before = tree(output)
    (content_dir / "nieuws" / "eerste-bericht.nl.md").write_text(
        (content_dir / "nieuws" / "eerste-bericht.nl.md").read_text("utf-8") + "\nMeer.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(BuildError, match="search index"):
        build(content_dir, output)
    assert tree(output) == before
    assert not list(output.parent.glob(".build-tmp-*"))


# --- determinism: Pagefind's varying order, normalised -----------------------------------------


def test_filter_files_are_sorted_and_cbor_round_trips() -> None:
    values = [["livegang", [3, 1]], ["Mandaat", [2]], ["OSR", [2, 0]]]
    ordered = pagefind.cbor_dump(["topic", sorted(values, key=repr)])
    for _ in range(5):
        shuffled = random.sample(values, len(values))
        data = pagefind.SIGNATURE + pagefind.cbor_dump(["topic", shuffled])
        assert pagefind.cbor_load(data[len(pagefind.SIGNATURE) :]) == ["topic", shuffled]
        result = pagefind.sorted_filter(data)
        assert pagefind.cbor_load(result[len(pagefind.SIGNATURE) :]) == [
            "topic",
            [[value, sorted(pages)] for value, pages in sorted(values, key=repr)],
        ]
    assert ordered  # (the unsorted pages are sorted too)
    long = "x" * 300
    assert pagefind.cbor_load(pagefind.cbor_dump([long, 70000, b"ab"])) == [long, 70000, b"ab"]
    # Anything else is left as it was (a newer Pagefind's format).
    unknown = pagefind.SIGNATURE + b"\xa1\x01\x02"
    assert pagefind.sorted_filter(unknown) == unknown


def test_two_indexes_of_the_same_pages_are_the_same_bytes(frozen: Path, tmp_path: Path) -> None:
    bundles = []
    for name in ("one", "two", "three"):
        bundle = tmp_path / name
        pagefind.run_pagefind(frozen, bundle, tmp_path / f"run-{name}")
        pagefind.normalise(bundle)
        bundles.append(tree(bundle))
    assert bundles[0] == bundles[1] == bundles[2]


def test_ctrl_c_while_the_index_cleans_up_leaves_no_folder_behind(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interruption inside the removal of Pagefind's work folder (the watch's Ctrl-C can
    land there) leaves neither that folder nor a draft; the live build stays as it was."""
    output = tmp_path / "out" / "build"
    build(content_dir, output)
    before = tree(output)

    class Interrupted:
        @staticmethod
        def rmtree(path: Path, ignore_errors: bool = False) -> None:
            (Path(path) / "half-removed").write_text("", encoding="utf-8")
            raise KeyboardInterrupt

    monkeypatch.setattr(search, "shutil", Interrupted)
    append(content_dir / "nieuws" / "eerste-bericht.nl.md", "\nEen nieuwe zin.\n")
    with pytest.raises(KeyboardInterrupt):
        build(content_dir, output)
    assert [p.name for p in output.parent.iterdir() if "-tmp-" in p.name] == []
    assert tree(output) == before
