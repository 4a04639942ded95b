"""`make check` loads through the build's cache (beside the content folder): a warm check says
exactly what a cold one says, in text and in JSON, however the content folder is named, and
whichever command (a check, a build, the preview) filled the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsroom.build.site import build
from newsroom.commands.cli import check_command
from newsroom.loading import content as loading_content
from newsroom.loading.cache import CACHE_NAME
from newsroom.loading.store import STORE_NAME
from paths import FIXTURES

# Problems of every kind the loader itself finds (so they come from cache records), beside
# those of the check fixture (links, tags, translations, dates, files, site.yaml).
MORE = {
    "nieuws/kop.nl.md": "---\ntitle: Kop\ndate: 2019-10-02\n---\n# Een eigen kop\n\nTekst.\n",
    "nieuws/script.nl.md": (
        "---\ntitle: Script\ndate: 2019-10-03\n---\nTekst.\n\n<script>alert(1)</script>\n"
    ),
    "nieuws/Fout_Naam.nl.md": "---\ntitle: Naam\ndate: 2019-10-04\n---\nTekst.\n",
    "nieuws/yaml.nl.md": "---\ntitle: [kapot\ndate: 2019-10-05\n---\nTekst.\n",
    "nieuws/veld.en.md": "---\ntitle: Field\ndate: 2019-10-06\nauthor: me\n---\nText.\n",
}


@pytest.fixture
def problems_tree(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "check", content)
    for name, text in MORE.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def reports(content: str) -> tuple[str, str, int]:
    """The check's text and JSON reports, and its exit status."""
    text = CliRunner().invoke(check_command, ["--content", content])
    json = CliRunner().invoke(check_command, ["--format", "json", "--content", content])
    assert text.exit_code == json.exit_code
    return text.output, json.output, text.exit_code


@pytest.mark.parametrize("spelling", ["relative", "absolute"])
def test_a_warm_check_says_what_a_cold_one_says(
    problems_tree: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(problems_tree.parent)
    named = "content" if spelling == "relative" else str(problems_tree)
    cache = problems_tree.parent / CACHE_NAME
    assert not cache.exists()
    cold = reports(named)
    assert (cache / STORE_NAME).is_file()  # the check filled the cache
    for message in ("level-1 heading", "removed: the site allows only safe HTML", "unknown"):
        assert message in cold[0], message
    assert "file name" in cold[0] and cold[2] == 1
    warm = reports(named)
    assert warm == cold
    # The other spelling of the folder's name finds the same records, and says its own paths.
    other = str(problems_tree) if spelling == "relative" else "content"
    aside = problems_tree.parent / "aside"
    cache.rename(aside)
    other_cold = reports(other)
    shutil.rmtree(cache)
    aside.rename(cache)
    monkeypatch.setattr(loading_content, "load_post", refuse)
    assert reports(other) == other_cold
    assert other_cold != cold


def refuse(*args: object) -> None:
    raise AssertionError("a post was loaded again")


def test_a_warm_check_renders_nothing(problems_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = reports(str(problems_tree))
    monkeypatch.setattr(loading_content, "load_post", refuse)
    assert reports(str(problems_tree)) == cold


def test_a_build_fills_the_cache_the_check_reads(tmp_path: Path, monkeypatch) -> None:
    """The usual layout (content/ and build/ side by side): one cache for both commands."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    monkeypatch.chdir(tmp_path)
    build(content, tmp_path / "build")
    assert (tmp_path / CACHE_NAME / STORE_NAME).is_file()
    uncached = CliRunner().invoke(check_command, ["--content", "content"])
    shutil.rmtree(tmp_path / CACHE_NAME)  # deleting the cache is always safe
    build(content, tmp_path / "build")
    monkeypatch.setattr(loading_content, "load_post", refuse)
    cached = CliRunner().invoke(check_command, ["--content", "content"])
    assert (cached.exit_code, cached.output) == (uncached.exit_code, uncached.output)
    assert "Checked " in cached.output
