"""Nothing lost: the lock, leftovers of interrupted builds, the content folder never written."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.corpus import generate

from commands import freeze
from newsroom.build.output import BUILD_MARK, build_lock, lock_path, spare_path
from newsroom.build.site import build
from newsroom.core.errors import BuildError
from paths import REPO
from trees import tree_digest


def test_the_build_never_writes_into_the_content(content_dir: Path, tmp_path: Path) -> None:
    before = tree_digest(content_dir)
    mtimes = {p: p.stat().st_mtime_ns for p in content_dir.rglob("*")}
    build(content_dir, tmp_path / "out")
    build(content_dir, tmp_path / "out")
    assert tree_digest(content_dir) == before
    assert {p: p.stat().st_mtime_ns for p in content_dir.rglob("*")} == mtimes


@pytest.mark.parametrize("inside", ["out", "nieuws/out", "."])
def test_output_inside_the_content_is_refused(content_dir: Path, inside: str) -> None:
    before = tree_digest(content_dir)
    with pytest.raises(BuildError, match="inside the content folder"):
        build(content_dir, content_dir / inside)
    assert tree_digest(content_dir) == before


def test_freeze_command_refuses_output_inside_content(content_dir: Path) -> None:
    done = freeze(content_dir, content_dir / "build")
    assert done.returncode == 1
    assert "is inside the content folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (content_dir / "build").exists()


def test_a_second_build_at_the_same_time_stops_with_a_message(
    content_dir: Path, frozen: Path
) -> None:
    before = tree_digest(frozen)
    with build_lock(frozen):  # as a running build holds it
        with pytest.raises(BuildError, match="another build is writing this folder"):
            build(content_dir, frozen)
        done = freeze(content_dir, frozen)  # another process
        assert done.returncode == 1
        assert f"another build is writing this folder right now (process {os.getpid()})" in (
            done.stderr
        )
        assert "Traceback" not in done.stderr
    assert tree_digest(frozen) == before
    build(content_dir, frozen)  # the lock is free again


def test_the_lock_file_sits_beside_the_output(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "build") == tmp_path / ".build.lock"


def test_leftovers_of_interrupted_builds_are_removed(content_dir: Path, frozen: Path) -> None:
    parent = frozen.parent
    stray_tmp = parent / ".out-tmp-abcd1234"
    stray_old = parent / ".out-old-x_y12345"
    for folder in (stray_tmp, stray_old):
        (folder / "nl").mkdir(parents=True)
        (folder / "nl" / "index.html").write_text("half", encoding="utf-8")
    (stray_old / BUILD_MARK).write_text("", encoding="utf-8")
    # Not ours: another output's temporary folder, and a name that only looks similar.
    other = parent / ".other-tmp-abcd1234"
    similar = parent / ".out-tmp-mine"
    other.mkdir()
    similar.mkdir()
    build(content_dir, frozen)
    assert not stray_tmp.exists() and not stray_old.exists()
    assert other.is_dir() and similar.is_dir()


def test_a_build_killed_between_the_renames_gets_its_output_back(
    content_dir: Path, frozen: Path
) -> None:
    before = tree_digest(frozen)
    moved = frozen.parent / ".out-old-abcd1234"
    frozen.rename(moved)  # what a kill between `output -> old` and `new -> output` leaves
    (content_dir / "nieuws" / "kapot.nl.md").write_text("geen front matter\n", encoding="utf-8")
    done = freeze(content_dir, frozen)
    assert done.returncode == 1
    assert tree_digest(frozen) == before
    assert not moved.exists()


def _new_pages(folder: Path, since: float) -> int:
    return sum(1 for page in folder.rglob("*.html") if page.stat().st_mtime >= since)


def _sigkill_mid_build(content: Path, output: Path) -> Path:
    """Start a build, kill it (SIGKILL) once the folder it writes holds 50 new pages (a new
    folder, or the spare copy of the previous build it updates); that folder."""
    started = time.time() - 1  # file times may be coarser than the clock
    process = subprocess.Popen(
        [sys.executable, "freeze.py", "--content", str(content), "--output", str(output)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its worker processes die with it
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            folders = [*output.parent.glob(f".{output.name}-tmp-*"), spare_path(output)]
            for folder in folders:
                if folder.is_dir() and _new_pages(folder, started) > 50:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                    return folder
            time.sleep(0.01)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    pytest.fail("the build finished before it could be killed half-way; make the corpus bigger")


@pytest.mark.parametrize("writes", ["a new folder", "the spare"])
def test_a_killed_build_leaves_the_previous_output_and_the_next_build_works(
    content_dir: Path, frozen: Path, tmp_path: Path, writes: str
) -> None:
    if writes == "a new folder":
        shutil.rmtree(spare_path(frozen))
    else:
        assert (spare_path(frozen) / BUILD_MARK).is_file()
    before = tree_digest(frozen)
    big = tmp_path / "big"
    generate(150, big)  # 300 posts: a build of a few seconds, long enough to kill half-way
    written = _sigkill_mid_build(big, frozen)
    assert written.is_dir()  # killed half-way: its folder is still there
    assert (written == spare_path(frozen)) == (writes == "the spare")
    assert tree_digest(frozen) == before
    (content_dir / "nieuws" / "extra.nl.md").write_text(
        "---\ntitle: Extra\ndate: 2019-01-01\n---\nTekst.\n", encoding="utf-8"
    )
    again = freeze(content_dir, frozen)
    assert again.returncode == 0, again.stderr
    assert (frozen / "nl" / "nieuws" / "extra" / "index.html").is_file()
    assert list(frozen.parent.glob(".out-tmp-*")) == []
    assert list(frozen.parent.glob(".out-old-*")) == []
    # The half-written folder is not taken for a copy of any build: the new spare is the
    # output the killed build left in place.
    assert tree_digest(spare_path(frozen)) == before


def _failing_build(error: BaseException):  # type: ignore[no-untyped-def]
    def build(*args: object, **kwargs: object) -> None:
        raise error

    return build


def test_an_internal_error_is_one_line_asking_for_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from newsroom.build import site as build_module
    from newsroom.commands.freeze import main

    monkeypatch.setattr(build_module, "build", _failing_build(RuntimeError("kapot\nregel 2")))
    assert main(["--output", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "Internal error: RuntimeError: kapot regel 2. Please report this to the developers "
        "(run again with --debug for details). The previous output is unchanged."
    ]
    assert main(["--output", str(tmp_path / "out"), "--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert err.splitlines()[-1].startswith("Internal error: RuntimeError: kapot regel 2.")


def test_a_folder_that_cannot_be_written_is_an_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from newsroom.build import site as build_module
    from newsroom.commands.freeze import main

    error = PermissionError(13, "Permission denied", str(tmp_path / "out"))
    monkeypatch.setattr(build_module, "build", _failing_build(error))
    assert main(["--output", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"Build stopped: {tmp_path / 'out'}: Permission denied. The previous output is unchanged."
    ]


def test_a_huge_file_is_refused_without_being_read(content_dir: Path, tmp_path: Path) -> None:
    """A 3 GB file named like a post (sparse: no disk used) under a 2 GB memory limit: the
    build names the size limit instead of reading the file (which would need 3 GB)."""
    huge = content_dir / "nieuws" / "video.nl.md"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    done = freeze(content_dir, tmp_path / "build", preexec_fn=limit_memory)
    assert done.returncode == 1
    assert f"{huge}: is 3,221,225,472 bytes, more than the limit" in done.stderr
    assert "internal error" not in (done.stderr + done.stdout).lower()
