"""`freeze.py --watch` keeps the content loaded between rebuilds, and its output stays that of a
clean build.

The watch runs in this process (`commands.watch.watch`) with its file watcher replaced by a
script: each step edits the content, then reports what changed as watchfiles would (or, for a
change the watcher missed, reports another file). After each rebuild the output is compared,
byte for byte, with a clean build made by a new process (`freeze.py --no-cache`), and the post
files the rebuild rendered are counted: with `--no-cache` there is no cache to read them from,
so only the content service the watch keeps can spare the posts that did not change.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from edits import append, make_corpus, posts, replace
from paths import REPO
from trees import tree

Step = tuple[str, Callable[[], list[Path]], set[str]]
"""(what the editor does, the edit (it returns the files to report), the posts rendered)."""


def clean_build(content: Path, target: Path) -> dict[str, bytes]:
    """A clean build of `content`: a new process, no cache, no earlier output."""
    shutil.rmtree(target, ignore_errors=True)
    command = [sys.executable, str(REPO / "freeze.py"), "--content", str(content)]
    command += ["--output", str(target / "build"), "--no-cache", "--jobs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return tree(target / "build")


def steps(content: Path) -> list[Step]:
    bench = posts(content)
    rollout = content / "rollout.yaml"
    broken = content / "nieuws" / "kapot.nl.md"
    renamed = bench[4].with_name("hernoemd." + bench[4].name.split(".", 1)[1])

    def edit(path: Path, text: str) -> list[Path]:
        append(path, text)
        return [path]

    def missed() -> list[Path]:
        append(bench[5], "\nEen zin die de watcher niet meldt.\n")
        return [content / "site.yaml"]  # the watcher reports another file (unchanged)

    def added() -> list[Path]:
        shutil.copy(bench[2], bench[2].with_name("extra.nl.md"))
        return [bench[2].with_name("extra.nl.md")]

    def deleted() -> list[Path]:
        bench[3].unlink()
        return [bench[3]]

    def rename() -> list[Path]:
        bench[4].rename(renamed)
        return [bench[4], renamed]

    def site_yaml() -> list[Path]:
        text = (content / "site.yaml").read_text(encoding="utf-8")
        changed = re.sub(r"(?m)^page_size: .*$", "page_size: 3", text)
        assert changed != text
        (content / "site.yaml").write_text(changed, encoding="utf-8")
        return [content / "site.yaml"]

    def status() -> list[Path]:
        replace(rollout, "status: expected", "status: delayed")
        return [rollout]

    def break_it() -> list[Path]:
        broken.write_text("---\ntitle: [\n", encoding="utf-8")
        return [broken]

    def fix() -> list[Path]:
        broken.write_text(bench[0].read_text(encoding="utf-8"), encoding="utf-8")
        return [broken]

    return [
        ("post text", lambda: edit(bench[0], "\nEen zin erbij.\n"), {bench[0].name}),
        ("post title", lambda: _title(bench[1]), {bench[1].name}),
        ("an edit the watcher missed", missed, {bench[5].name}),
        ("post added", added, {"extra.nl.md"}),
        ("post deleted", deleted, set()),
        ("post renamed", rename, {renamed.name}),
        ("site.yaml", site_yaml, set()),
        ("rollout.yaml", status, set()),
        ("a broken post", break_it, {"kapot.nl.md"}),
        ("the post fixed", fix, {"kapot.nl.md"}),
    ]


def _title(path: Path) -> list[Path]:
    replace(path, "title: ", "title: Nieuw - ")
    return [path]


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the post files rendered (not taken from memory), as they are rendered."""
    from newsroom.loading import service

    names: list[str] = []
    original = service.load_post

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        names.append(path.name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(service, "load_post", counted)
    return names


def test_a_rebuild_loads_only_what_changed_and_equals_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: list[str]
) -> None:
    import watchfiles

    from newsroom.commands.freeze import main

    content = make_corpus(tmp_path / "content", pairs=4)
    output = tmp_path / "out" / "build"
    script = steps(content)
    seen: list[tuple[str, set[str]]] = []
    failed: list[str] = []

    def scripted(*folders: Path, **options: object) -> Iterator[set[tuple[object, str]]]:
        first = set(rendered)
        assert len(first) == len(list((content / "nieuws").rglob("*.md")))  # all, once
        for name, edit, expected in script:
            rendered.clear()
            reported = edit()
            yield {(watchfiles.Change.modified, str(path.absolute())) for path in reported}
            seen.append((name, set(rendered)))
            assert set(rendered) == expected, name
            if name == "a broken post":
                failed.append(name)
                continue  # the last good build stays (test_watch.py checks it)
            assert tree(output) == clean_build(content, tmp_path / "clean"), name
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(watchfiles, "watch", scripted)
    arguments = ["--watch", "--no-cache", "--jobs", "1"]
    assert main([*arguments, "--content", str(content), "--output", str(output)]) == 0
    assert [name for name, _ in seen] == [name for name, _, _ in script]
    assert failed == ["a broken post"]


def test_a_change_outside_the_content_loads_every_post_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: list[str]
) -> None:
    """A catalog words the posts' problems: after a change to the templates, static files or
    catalogs the watch starts with a new service, as a new process would."""
    import watchfiles

    from newsroom.commands.freeze import main
    from newsroom.core.paths import PROJECT_ROOT

    content = make_corpus(tmp_path / "content", pairs=2)
    output = tmp_path / "out" / "build"
    every = {path.name for path in (content / "nieuws").rglob("*.md")}
    counts: list[set[str]] = []

    def scripted(*folders: Path, **options: object) -> Iterator[set[tuple[object, str]]]:
        catalog = PROJECT_ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
        for reported in (catalog, content / "site.yaml"):
            rendered.clear()
            yield {(watchfiles.Change.modified, str(reported))}
            counts.append(set(rendered))
        raise KeyboardInterrupt

    monkeypatch.setattr(watchfiles, "watch", scripted)
    arguments = ["--watch", "--no-cache", "--jobs", "1"]
    assert main([*arguments, "--content", str(content), "--output", str(output)]) == 0
    assert counts == [every, set()]
    assert tree(output) == clean_build(content, tmp_path / "clean")
