"""`freeze.py --watch`: after every edit the output equals a clean build of the same content.

The watch runs as the editor runs it, a subprocess of a copy of the project (freeze.py, the
package, templates, static files, catalogs), so the test can edit a template and a catalog
without touching the repository's. After each edit the test waits for the watch's line, then
compares the output, byte for byte, with a clean build made by the copy's own freeze.py
(no cache, one process). Ctrl-C ends it with status 0, no temporary folder and no lock held.
"""

from __future__ import annotations

import fcntl
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from edits import append, make_corpus, posts, replace
from newsroom.build.output import leftovers, lock_path
from paths import REPO
from trees import tree

WAIT = 120.0
"""Seconds a rebuild may take on a loaded machine before the test gives up."""
QUIET = 0.6
"""Seconds without a new line after a rebuild before the output is compared."""
DONE = re.compile(r"^(Built |Changed: |Still watching)")


def copy_project(root: Path) -> Path:
    """A copy of what freeze.py builds with; its content folder is a small generated corpus."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copy(REPO / "freeze.py", root / "freeze.py")
    shutil.copytree(REPO / "site" / "newsroom", root / "site" / "newsroom", ignore=ignore)
    for name in ("templates", "static", "translations"):
        shutil.copytree(REPO / name, root / name, ignore=ignore)
    return make_corpus(root / "content", pairs=4)


class Watch:
    """A running `freeze.py --watch`: its lines, read as they come."""

    def __init__(self, root: Path, output: Path, log: Path, *, sigint_ignored: bool) -> None:
        command = [sys.executable, str(root / "freeze.py"), "--watch", "--jobs", "1"]
        command += ["--content", str(root / "content"), "--output", str(output)]
        # Started as a shell without job control starts a background job: SIGINT ignored.
        ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if sigint_ignored else None
        self.errors = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            preexec_fn=ignore,  # noqa: PLW1509 (no threads yet in a pytest worker)
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, timeout: float) -> str | None:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        self.seen.append(line)
        return line

    def wait_for(self, pattern: re.Pattern[str]) -> str:
        """The next line that matches `pattern`, then quiet: no rebuild follows it."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            line = self.next_line(0.5)
            if line is not None and pattern.search(line):
                while (more := self.next_line(QUIET)) is not None:
                    if pattern.search(more):  # a second rebuild set off by the same edit
                        line = more
                return line
            if self.process.poll() is not None:
                break
        raise AssertionError(f"no line matching {pattern.pattern}; lines: {self.seen}")

    def stop(self) -> int:
        """Ctrl-C; the exit status, once every line is read."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=60)
        finally:
            self.errors.close()
        self.reader.join(timeout=10)
        while self.next_line(0) is not None:
            pass  # into `seen`
        return code

    def close(self) -> None:
        """Kill a watch that did not stop (none is left behind); close its streams."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.errors.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    copy_project(root)
    return root


@pytest.fixture
def watching(project: Path, tmp_path: Path) -> Iterator[Watch]:
    watch = Watch(project, tmp_path / "out" / "build", tmp_path / "errors.txt", sigint_ignored=True)
    try:
        watch.wait_for(re.compile(r"^Watching "))
        yield watch
    finally:
        watch.close()


def clean_build(project: Path, target: Path) -> dict[str, bytes]:
    """What a clean build of the project's content makes: a new process, no cache."""
    shutil.rmtree(target, ignore_errors=True)
    output = target / "build"
    command = [sys.executable, str(project / "freeze.py"), "--content", str(project / "content")]
    command += ["--output", str(output), "--no-cache", "--jobs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return tree(output)


def rename(path: Path, name: str) -> None:
    path.rename(path.with_name(name))


def edits(root: Path) -> list[tuple[str, Callable[[], None]]]:
    """The editor's session: every kind of file the watch follows, changed in turn."""
    content = root / "content"
    bench = posts(content)
    page = content / "paginas" / "over-rio-vo.nl.md"
    catalog = root / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
    return [
        ("post text", lambda: append(bench[0], "\nEen zin erbij, tijdens het kijken.\n")),
        ("post title", lambda: replace(bench[1], "title: ", "title: Nieuw - ")),
        ("post added", lambda: shutil.copy(bench[2], bench[2].with_name("extra.nl.md"))),
        ("post deleted", lambda: bench[3].unlink()),
        ("post renamed", lambda: rename(bench[4], "hernoemd." + bench[4].name.split(".", 1)[1])),
        ("page text", lambda: append(page, "\nMeer over RIO-vo.\n")),
        ("page added", lambda: shutil.copy(page, page.with_name("nieuwe-pagina.nl.md"))),
        ("page renamed", lambda: rename(page.with_name("nieuwe-pagina.nl.md"), "ander.nl.md")),
        ("page deleted", lambda: page.with_name("ander.nl.md").unlink()),
        ("site.yaml", lambda: _set(content / "site.yaml", "page_size", "3")),
        ("rollout.yaml", lambda: _rollout_status(content / "rollout.yaml")),
        (
            "template",
            lambda: replace(root / "templates" / "base.html", "</footer>", "Gekeken.</footer>"),
        ),
        ("catalog", lambda: _first_msgstr(catalog, "Nieuws (gekeken)")),
    ]


def _set(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"(?m)^{name}: .*$", f"{name}: {value}", text), encoding="utf-8")


def _rollout_status(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: expected", "status: delayed", 1), encoding="utf-8")


def _first_msgstr(path: Path, new: str) -> None:
    """Change the Dutch for "News" (on every page's navigation)."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r'(?m)^msgid "News"\nmsgstr ".*"$', f'msgid "News"\nmsgstr "{new}"', text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def test_every_edit_gives_what_a_clean_build_gives(
    project: Path, watching: Watch, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "build"
    assert tree(output) == clean_build(project, tmp_path / "clean")
    for name, edit in edits(project):
        edit()
        line = watching.wait_for(DONE)
        assert line.startswith("Changed: ") or line.startswith("Built "), (name, line)
        assert tree(output) == clean_build(project, tmp_path / "clean"), name

    # A broken post: the problem is reported, the last good build stays, the watch goes on.
    before = tree(output)
    broken = project / "content" / "nieuws" / "kapot.nl.md"
    broken.write_text("---\ntitle: [\n", encoding="utf-8")
    assert watching.wait_for(DONE).startswith("Still watching")
    assert tree(output) == before
    assert "kapot.nl.md:1:" in (tmp_path / "errors.txt").read_text(encoding="utf-8")
    broken.write_text(posts(project / "content")[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert DONE.search(watching.wait_for(DONE)) and not watching.seen[-1].startswith("Still")
    assert tree(output) == clean_build(project, tmp_path / "clean")
    assert any("kapot" in path for path in tree(output))

    # Ctrl-C, though SIGINT was inherited ignored: status 0, no temporary folder, no lock held.
    assert watching.stop() == 0
    assert watching.seen[-1] == "Stopped watching."
    assert leftovers(output) == []
    assert_unlocked(output)


def assert_unlocked(output: Path) -> None:
    with open(lock_path(output), "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises when a build still holds it


def test_ctrl_c_during_a_rebuild_leaves_nothing_behind(
    project: Path, watching: Watch, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "build"
    before = tree(output)
    # A template change remakes every page: a rebuild long enough to be interrupted.
    replace(project / "templates" / "base.html", "</footer>", "Onderbroken.</footer>")
    time.sleep(0.4)
    assert watching.stop() == 0
    assert leftovers(output) == []
    assert_unlocked(output)
    after = tree(output)
    assert after == before or after == clean_build(project, tmp_path / "clean")
    assert not any(p.name.startswith(".build-tmp-") for p in output.parent.iterdir())
    assert os.listdir(output)


# Quick ones, in this process: what the watch refuses before it builds, and its lines.


def test_watch_refuses_an_output_inside_a_watched_folder(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsroom.commands.freeze import main
    from newsroom.core.paths import PROJECT_ROOT

    output = PROJECT_ROOT / "static" / "build"
    assert main(["--watch", "--content", str(content_dir), "--output", str(output)]) == 1
    error = capsys.readouterr().err
    assert "is inside" in error and "--watch" in error
    assert not output.exists()


def test_watch_refuses_a_missing_content_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsroom.commands.freeze import main

    missing = tmp_path / "nowhere"
    assert main(["--watch", "--content", str(missing), "--output", str(tmp_path / "b")]) == 1
    assert f"{missing}: no such folder" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_every_other_option_goes_with_watch() -> None:
    from newsroom.commands.freeze import parse_args

    args = parse_args(
        ["--watch", "--drafts", "--future", "--jobs", "2", "--no-cache", "--no-search"]
        + ["--publish", "--debug", "--base-url", "https://x.nl/"]
    )
    assert args.watch and args.drafts and args.future and args.no_cache and args.no_search
    assert (args.jobs, args.publish, args.debug, args.base_url) == (2, True, True, "https://x.nl/")


def test_the_changed_files_in_one_line(tmp_path: Path) -> None:
    from newsroom.commands.watch import changed_text

    content = tmp_path / "content"
    one = {(1, str(content / "nieuws" / "a.nl.md"))}
    assert changed_text(one, [content]) == "content/nieuws/a.nl.md"
    three = one | {(2, str(content / "b.md")), (3, str(content / "site.yaml"))}
    assert changed_text(three, [content]) == "content/b.md and 2 more files"
    assert changed_text(set(), [content]) == ""


def test_a_scheduled_post_is_built_when_it_falls_due(project: Path, tmp_path: Path) -> None:
    """Dates have minutes: a post due at the next minute appears then, without an edit."""
    import datetime as dt

    from newsroom.content.dates import AMSTERDAM

    due = (dt.datetime.now(AMSTERDAM) + dt.timedelta(minutes=1)).replace(second=0, microsecond=0)
    source = posts(project / "content")[0].read_text(encoding="utf-8")
    scheduled = re.sub(r"(?m)^date: .*$", f"date: {due:%Y-%m-%d %H:%M}", source, count=1)
    (project / "content" / "nieuws" / "ingepland.nl.md").write_text(scheduled, encoding="utf-8")
    output = tmp_path / "out" / "build"
    watch = Watch(project, output, tmp_path / "errors.txt", sigint_ignored=False)
    try:
        watch.wait_for(re.compile(r"^Watching "))
        assert not any("ingepland" in path for path in tree(output))
        assert watch.wait_for(re.compile(r"^Changed: a scheduled post is due\. Built "))
        assert any("ingepland" in path for path in tree(output))
        assert (output / "next-build.txt").read_text(encoding="utf-8") == ""
        assert watch.stop() == 0
    finally:
        watch.close()
