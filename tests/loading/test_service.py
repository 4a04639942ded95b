"""The loaded-content service (the preview's): reading again loads only the post files that
changed, and what it gives always equals a fresh, uncached read of the same files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from newsroom.loading.content import read_content
from newsroom.loading.service import ContentService
from newsroom.loading.workers import LoadOptions
from paths import FIXTURES


def touch(path: Path, text: str) -> None:
    """Write `text`; the modification time moves on however coarse the clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_reading_again_loads_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    service = ContentService(corpus, LoadOptions(cache=tmp_path / "cache"))
    first = service.read()
    assert first == read_content(corpus)
    total = service.reloaded
    assert total == len(list((corpus / "nieuws").rglob("*.md")))
    assert service.read() == first and service.reloaded == 0  # nothing changed, nothing loaded
    posts = sorted((corpus / "nieuws" / "bench").glob("*.md"))
    # Edited, broken, added, removed, renamed: only those files, and what a fresh read gives.
    touch(posts[0], posts[0].read_text(encoding="utf-8") + "\nEen zin erbij.\n")
    assert service.read() == read_content(corpus) and service.reloaded == 1
    touch(posts[1], "---\ntitle: [kapot\n---\nTekst.\n")
    assert service.read() == read_content(corpus) and service.reloaded == 1
    touch(corpus / "nieuws" / "nieuw.nl.md", "---\ntitle: Nieuw\ndate: 2020-01-01\n---\nTekst.\n")
    assert service.read() == read_content(corpus) and service.reloaded == 1
    posts[2].unlink()
    posts[3].rename(posts[3].with_name("hernoemd.nl.md"))
    assert service.read() == read_content(corpus) and service.reloaded == 1
    # The rollout data: what the posts' checks read of it is the suppliers' ids. Another
    # edit loads no post again; a supplier more or less, or no rollout data, loads every
    # post again (from the cache where a load with the same ids made it).
    rollout = corpus / "rollout.yaml"
    original = rollout.read_text(encoding="utf-8")
    touch(rollout, original.replace("  - id: magister\n", "  - id: magister\n# Bijgewerkt.\n"))
    assert service.read() == read_content(corpus) and service.reloaded == 0
    touch(rollout, original.replace("  - id: magister\n", "  - id: magistraal\n"))
    assert service.read() == read_content(corpus) and service.reloaded == total
    rollout.unlink()
    assert service.read() == read_content(corpus) and service.reloaded == total
    touch(rollout, original)
    assert service.read() == read_content(corpus) and service.reloaded == total
    assert not any("magistraal" in p.message for p in service.read().problems)


def test_a_file_the_watcher_names_is_loaded_again_whatever_its_times(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    service = ContentService(content)
    service.read()
    post = content / "nieuws" / "eerste-bericht.nl.md"
    before = post.stat()
    post.write_text(post.read_text(encoding="utf-8").replace("Eerste", "Allereerste"), "utf-8")
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))  # an edit the clock missed
    service.forget([post])
    loaded = service.read()
    assert service.reloaded == 1
    assert loaded == read_content(content)
    assert any(p.title == "Allereerste bericht" for p in loaded.content.posts)
