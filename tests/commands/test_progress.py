"""The build's progress line and summary, for people."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.commands import progress
from paths import REPO


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
