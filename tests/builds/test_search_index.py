"""The search index in the build: made over the finished pages, deterministic, re-made only when
a page it reads changed, handled like every other file (a rebuild equals a clean build)."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from edits import posts, replace
from newsroom.build import search
from newsroom.build.site import build
from newsroom.core.errors import BuildError
from paths import REPO
from trees import clean, tree, tree_digest


def index_text(site: Path) -> str:
    """Every page's text in the index (its fragments, decompressed)."""
    return "".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in sorted((site / search.FOLDER / "fragment").glob("*.pf_fragment"))
    )


def count_runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    runs: list[Path] = []
    original = search.run_pagefind

    def spy(site: Path, bundle: Path) -> None:
        runs.append(site)
        original(site, bundle)

    monkeypatch.setattr(search, "run_pagefind", spy)
    return runs


def test_the_index_holds_the_posts_of_each_language(content_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(content_dir, output)
    entry = json.loads((output / search.FOLDER / search.ENTRY).read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "nl"]  # sorted, whatever order Pagefind chose
    assert (output / search.FOLDER / "pagefind.js").is_file()
    assert not list((output / search.FOLDER).glob("pagefind-ui*"))  # the site's own page instead
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
    assert len(runs) == 1
    files = {p: p.stat().st_mtime_ns for p in (output / search.FOLDER).rglob("*") if p.is_file()}
    again = build(corpus, output, jobs=2)
    assert len(runs) == 1 and again.written == 0
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
    assert len(runs) == 1 and runs[0] != output  # indexed in the draft, before the swap
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
    assert (output / search.FOLDER / "pagefind.js").is_file()


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
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(BuildError, match="search index"):
        build(content_dir, output)
    assert tree(output) == before
    assert not list(output.parent.glob(".build-tmp-*"))


# --- determinism: Pagefind's varying order, normalised -----------------------------------------


def test_filter_files_are_sorted_and_cbor_round_trips() -> None:
    values = [["livegang", [3, 1]], ["Mandaat", [2]], ["OSR", [2, 0]]]
    ordered = search.cbor_dump(["topic", sorted(values, key=repr)])
    for _ in range(5):
        shuffled = random.sample(values, len(values))
        data = search.SIGNATURE + search.cbor_dump(["topic", shuffled])
        assert search.cbor_load(data[len(search.SIGNATURE) :]) == ["topic", shuffled]
        result = search.sorted_filter(data)
        assert search.cbor_load(result[len(search.SIGNATURE) :]) == [
            "topic",
            [[value, sorted(pages)] for value, pages in sorted(values, key=repr)],
        ]
    assert ordered  # (the unsorted pages are sorted too)
    long = "x" * 300
    assert search.cbor_load(search.cbor_dump([long, 70000, b"ab"])) == [long, 70000, b"ab"]
    # Anything else is left as it was (a newer Pagefind's format).
    unknown = search.SIGNATURE + b"\xa1\x01\x02"
    assert search.sorted_filter(unknown) == unknown


def test_two_indexes_of_the_same_pages_are_the_same_bytes(frozen: Path, tmp_path: Path) -> None:
    bundles = []
    for name in ("one", "two", "three"):
        bundle = tmp_path / name
        search.run_pagefind(frozen, bundle)
        search.normalise(bundle)
        bundles.append(tree(bundle))
    assert bundles[0] == bundles[1] == bundles[2]
