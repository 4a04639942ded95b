"""Placeholder addresses: `make check` warns about one, `freeze.py --publish` refuses it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsroom.commands.cli import check_command
from newsroom.content.settings import placeholder_reason
from paths import REPO


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://rio-vo.example.org/", "example.org"),
        ("https://example.com/", "example.com"),
        ("https://www.example.nl/nieuws/", "example.nl"),
        ("https://site.test/", ".test"),
        ("http://localhost:8000/", "localhost"),
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("https://nieuws.example/", ".example"),
        ("https://rio.invalid/", ".invalid"),
        ("https://duo.nl/", None),
        ("https://rio-vo.duo.nl/", None),
        ("https://examples.org/", None),
        ("https://mytest.nl/", None),
    ],
)
def test_placeholder_addresses(url: str, reason: str | None) -> None:
    assert placeholder_reason(url) == reason


def _content(tmp_path: Path, base_url: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    site = content / "site.yaml"
    text, count = re.subn(r"(?m)^base_url:.*$", f"base_url: {base_url}", site.read_text())
    assert count == 1
    site.write_text(text)
    return content


def _freeze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "freeze.py", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_publish_refuses_a_placeholder_base_url(tmp_path: Path) -> None:
    content = _content(tmp_path, "https://rio-vo.example.org/")
    output = tmp_path / "out"
    result = _freeze("--publish", "--content", str(content), "--output", str(output))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = next(
        i
        for i, text in enumerate((content / "site.yaml").read_text().splitlines(), 1)
        if text.startswith("base_url:")
    )
    assert lines[0].startswith(f"Build stopped: {content / 'site.yaml'}:{line}: base_url: ")
    assert "https://rio-vo.example.org/ is a placeholder address (example.org)" in lines[0]
    assert not output.exists()  # nothing built


def test_publish_refuses_a_placeholder_given_on_the_command_line(tmp_path: Path) -> None:
    content = _content(tmp_path, "https://rio-vo.duo.nl/")
    result = _freeze(
        "--publish",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "out"),
        "--base-url",
        "http://localhost:8000/",
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "--base-url http://localhost:8000/ is a placeholder address" in result.stderr


def test_publish_builds_with_a_real_address(tmp_path: Path) -> None:
    content = _content(tmp_path, "https://rio-vo.duo.nl/")
    output = tmp_path / "out"
    result = _freeze("--publish", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert "https://rio-vo.duo.nl/nl/" in (output / "sitemap.xml").read_text()


def test_without_publish_a_placeholder_still_builds(tmp_path: Path) -> None:
    """Previews and tests keep building with the example address; only --publish refuses."""
    content = _content(tmp_path, "https://rio-vo.example.org/")
    output = tmp_path / "out"
    assert _freeze("--content", str(content), "--output", str(output)).returncode == 0
    assert (output / "sitemap.xml").is_file()


def _check(content: Path):
    return CliRunner().invoke(check_command, ["--content", str(content)])


@pytest.mark.parametrize(
    ("base_url", "warned"),
    [("https://rio-vo.example.org/", True), ("https://rio-vo.duo.nl/", False)],
)
def test_check_warns_about_a_placeholder_base_url(
    tmp_path: Path, base_url: str, warned: bool
) -> None:
    content = _content(tmp_path, base_url)
    result = _check(content)
    assert ("base_url: https://rio-vo.example.org/ is a placeholder address" in result.output) is (
        warned
    )
    assert result.exit_code == 0  # a warning: the content may still be built


def _with_authority(content: Path, authority: str) -> Path:
    site = content / "site.yaml"
    site.write_text(site.read_text() + f"feed_id_authority: {authority}\n")
    return content


@pytest.mark.parametrize(
    ("authority", "reason"),
    [("rio-vo.example.org", "example.org"), ("nieuws.test", ".test"), ("rio-vo.duo.nl", None)],
)
def test_check_warns_about_a_placeholder_feed_id_authority(
    tmp_path: Path, authority: str, reason: str | None
) -> None:
    content = _with_authority(_content(tmp_path, "https://rio-vo.duo.nl/"), authority)
    line = len((content / "site.yaml").read_text().splitlines())
    result = _check(content)
    assert result.exit_code == 0, result.output  # a warning: the content may still be built
    warning = (
        f"  warning, line {line}: feed_id_authority: {authority} is a placeholder domain "
        f"({reason}); set the domain the feeds are first published under before publishing"
    )
    assert (warning in result.output) is (reason is not None), result.output


def test_check_warns_about_a_placeholder_feed_id_authority_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSROOM_LANG")
    content = _with_authority(_content(tmp_path, "https://rio-vo.example.org/"), "x.example.org")
    output = _check(content).output
    assert (
        "feed_id_authority: x.example.org is een voorbeelddomein (example.org); stel vóór het "
        "publiceren het domein in"
    ) in output
    assert "base_url: https://rio-vo.example.org/ is een voorbeeldadres (example.org)" in output


def test_publish_refuses_a_placeholder_feed_id_authority(tmp_path: Path) -> None:
    content = _with_authority(_content(tmp_path, "https://rio-vo.duo.nl/"), "rio-vo.example.org")
    output = tmp_path / "out"
    result = _freeze("--publish", "--content", str(content), "--output", str(output))
    assert result.returncode == 1
    line = len((content / "site.yaml").read_text().splitlines())
    assert result.stderr == (
        f"Build stopped: {content / 'site.yaml'}:{line}: feed_id_authority: rio-vo.example.org "
        "is a placeholder domain (example.org); --publish needs the domain the feeds are first "
        f"published under: set feed_id_authority in {content / 'site.yaml'}.\n"
    )
    assert not output.exists()  # nothing built
