"""Make targets for every editor action (issue 19): nothing needs an activated environment."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from newsroom.commands.cli import new_post_command
from paths import REPO


def make(content_dir: Path, *args: str, input: str = "", dutch: bool = False):  # noqa: A002
    env = {**os.environ, "NEWSROOM_CONTENT": str(content_dir)}
    env.pop("VIRTUAL_ENV", None)  # as on a fresh terminal: nothing activated
    if dutch:
        env.pop("NEWSROOM_LANG", None)
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_make_translation_end_to_end(content_dir: Path) -> None:
    CliRunner().invoke(
        new_post_command, ["--title", "Nieuwe stap", "--lang", "nl", "--content", str(content_dir)]
    )
    done = make(content_dir, "translation", "SLUG=nieuwe-stap", "LANG=en", input="A new step\n")
    assert done.returncode == 0, done.stdout + done.stderr
    english = content_dir / "nieuws" / "nieuwe-stap.en.md"
    assert f"Created {english}" in done.stdout
    text = english.read_text(encoding="utf-8")
    assert "title: A new step\n" in text and "draft: true\n" in text
    assert "> Write the post here." not in text  # the Dutch body, quoted in Dutch
    assert "> Schrijf hier het bericht." in text
    # Again: it exists, nothing is written, and the editor is told in Dutch.
    again = make(content_dir, "translation", "SLUG=nieuwe-stap", "LANG=en", dutch=True)
    assert again.returncode != 0
    assert "nieuwe-stap.en.md bestaat al; er is niets geschreven" in again.stderr
    assert english.read_text(encoding="utf-8") == text


def test_make_translation_picks_the_other_language(content_dir: Path) -> None:
    # The shell's own LANG (a locale such as en_US.UTF-8) is not taken for the post's language.
    env_lang = os.environ.get("LANG")
    os.environ["LANG"] = "C.UTF-8"
    try:
        done = make(content_dir, "translation", "SLUG=tweede-bericht", input="\n")
    finally:
        if env_lang is None:
            del os.environ["LANG"]
        else:
            os.environ["LANG"] = env_lang
    assert done.returncode == 0, done.stdout + done.stderr
    assert (content_dir / "nieuws" / "tweede-bericht.en.md").exists()


def test_make_translation_without_a_slug_says_how(content_dir: Path) -> None:
    done = make(content_dir, "translation", dutch=True)
    assert done.returncode != 0
    assert "welk bericht? Geef de slug mee" in done.stderr
    assert "make translation SLUG=update-livegang" in done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_shows_one_plain_line(content_dir: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSROOM_LANG"}
    env["NEWSROOM_CONTENT"] = str(content_dir)
    serving = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert serving.stdout is not None
        line = serving.stdout.readline()
        assert line == f"Voorvertoning: http://127.0.0.1:{port}/ — stoppen met Ctrl-C\n"
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/nl/") as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the preview did not answer")
    finally:
        os.killpg(serving.pid, signal.SIGINT)  # Ctrl-C
        try:
            out, err = serving.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serving.pid, signal.SIGKILL)  # leave no server behind
            serving.communicate()
            raise
    assert out == ""
    for banner in ("WARNING", "development server", "Debugger", "Running on", "GET /"):
        assert banner not in err
