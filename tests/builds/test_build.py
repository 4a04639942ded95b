"""The frozen site: complete, linked, deterministic, atomic, and careful with folders."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from newsroom.build.output import BUILD_MARK
from newsroom.build.site import build
from newsroom.core.errors import BuildError, ContentError
from newsroom.loading.cache import CACHE_NAME
from paths import REPO


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (
                name in ("href", "src")
                and value
                and not (tag == "link" and dict(attrs).get("rel") in ("canonical", "alternate"))
            ):
                self.links.append(value)


def local_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links if not urlsplit(link).scheme]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_build_has_every_page(frozen: Path) -> None:
    expected = [
        "index.html",
        "sitemap.xml",
        "static/style.css",
        BUILD_MARK,
        "nl/index.html",
        "en/index.html",
        "nl/nieuws/index.html",
        "nl/nieuws/pagina/2/index.html",
        "en/news/index.html",
        "nl/nieuws/eerste-bericht/index.html",
        "en/news/eerste-bericht/index.html",
        "nl/nieuws/tweede-bericht/index.html",
        "nl/onderwerpen/index.html",
        "nl/onderwerpen/osr/index.html",
        "en/topics/mandate/index.html",
        "nl/archief/index.html",
        "nl/archief/2019/index.html",
        "nl/archief/2020/index.html",
        "en/archive/2019/index.html",
        "nl/404.html",
        "en/404.html",
    ]
    missing = [name for name in expected if not (frozen / name).is_file()]
    assert missing == []
    assert not (frozen / "nl/nieuws/concept").exists()
    assert not (frozen / "en/news/tweede-bericht").exists()


def test_every_page_is_in_its_language(frozen: Path) -> None:
    for page in frozen.rglob("*.html"):
        relative = page.relative_to(frozen).parts
        if len(relative) == 1:
            continue  # the root redirect page is Dutch with English links
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{relative[0]}">' in html, page


def test_links_between_pages_resolve_to_files(frozen: Path) -> None:
    broken = []
    for page in frozen.rglob("*.html"):
        if page.name == "404.html":
            continue  # links from the site root, checked below
        for link in local_links(page):
            target = urldefrag(link).url
            if not target:
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.is_file():
                broken.append(f"{page.relative_to(frozen)} -> {link}")
    assert broken == []


def test_404_pages_link_from_the_site_root(frozen: Path) -> None:
    page = (frozen / "en/404.html").read_text(encoding="utf-8")
    assert 'href="/static/style.css"' in page
    assert 'href="/en/news/"' in page


def test_pages_use_relative_links(frozen: Path) -> None:
    page = (frozen / "nl/nieuws/eerste-bericht/index.html").read_text(encoding="utf-8")
    assert 'href="../../../static/style.css"' in page
    assert 'href="../../../en/news/eerste-bericht/index.html"' in page


def test_build_is_deterministic(content_dir: Path, tmp_path: Path) -> None:
    build(content_dir, tmp_path / "one")
    build(content_dir, tmp_path / "two")
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_output_folder_is_readable_by_others(content_dir: Path, tmp_path: Path) -> None:
    """A web server running as another user must reach the files (umask 022: 0755)."""
    mask = os.umask(0o022)
    try:
        build(content_dir, tmp_path / "out")
        build(content_dir, tmp_path / "out")  # the rebuild swaps in a new folder
    finally:
        os.umask(mask)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755


def test_drafts_only_with_the_flag(content_dir: Path, tmp_path: Path) -> None:
    build(content_dir, tmp_path / "with", drafts=True)
    assert (tmp_path / "with/nl/nieuws/concept/index.html").is_file()


def test_failed_build_leaves_previous_output(content_dir: Path, frozen: Path) -> None:
    before = tree_digest(frozen)
    (content_dir / "nieuws" / "kapot.nl.md").write_text("geen front matter\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(content_dir, frozen)
    assert tree_digest(frozen) == before
    # No temporary folders left behind (the build cache, the lock file and the spare copy
    # of the previous build are meant to stay).
    leftovers = [
        p.name
        for p in frozen.parent.iterdir()
        if p.name.startswith(".") and p.name not in (CACHE_NAME, ".out.lock", ".out-previous")
    ]
    assert leftovers == []


def test_rebuild_replaces_output_whole(content_dir: Path, frozen: Path) -> None:
    (content_dir / "nieuws" / "derde-bericht.nl.md").unlink()
    build(content_dir, frozen)
    assert not (frozen / "nl/nieuws/derde-bericht").exists()
    assert not (frozen / "nl/archief/2020").exists()


@pytest.mark.parametrize("kind", ["foreign-folder", "file"])
def test_refuses_to_replace_a_foreign_folder(content_dir: Path, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "mine"
    if kind == "file":
        target.write_text("mijn bestand", encoding="utf-8")
    else:
        target.mkdir()
        (target / "thesis.docx").write_text("belangrijk", encoding="utf-8")
    with pytest.raises(BuildError, match="choose"):
        build(content_dir, target)
    if kind == "file":
        assert target.read_text(encoding="utf-8") == "mijn bestand"
    else:
        assert (target / "thesis.docx").read_text(encoding="utf-8") == "belangrijk"


def test_missing_base_url_is_a_clear_error(content_dir: Path, tmp_path: Path) -> None:
    settings = content_dir / "site.yaml"
    settings.write_text(
        re.sub(r"base_url:.*\n", "", settings.read_text(encoding="utf-8")), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="base_url: is not set"):
        build(content_dir, tmp_path / "out")
    build(content_dir, tmp_path / "out", base_url="https://elders.example.org/sub")
    sitemap = (tmp_path / "out/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://elders.example.org/sub/nl/</loc>" in sitemap


def run_freeze(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run(
        [sys.executable, str(REPO / "freeze.py"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_freeze_command_reports_problems_without_traceback(
    content_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site"
    ok = run_freeze("--content", str(content_dir), "--output", str(output))
    assert ok.returncode == 0, ok.stderr
    assert "Built" in ok.stdout
    before = tree_digest(output)
    (content_dir / "nieuws" / "fout.nl.md").write_text(
        '---\ntitle: Fout\ndate: "31-10-2019"\n---\nTekst.\n', encoding="utf-8"
    )
    failed = run_freeze("--content", str(content_dir), "--output", str(output))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert f'{content_dir}/nieuws/fout.nl.md:3: date: "31-10-2019" is not an ISO date' in (
        failed.stderr
    )
    assert tree_digest(output) == before


def test_freeze_command_refuses_foreign_output(content_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("x", encoding="utf-8")
    result = run_freeze("--content", str(content_dir), "--output", str(home))
    assert result.returncode == 1
    assert "not made by a Newsroom build" in result.stderr
    assert (home / "notes.txt").exists()


def test_repository_site_builds(frozen_repo: Path) -> None:
    for name in (
        "nl/nieuws/update-livegang/index.html",
        "en/news/update-livegang/index.html",
        "nl/nieuws/mandaat-softwareleverancier/index.html",
        "en/news/mandaat-softwareleverancier/index.html",
    ):
        assert (frozen_repo / name).is_file(), name
    mandate = (frozen_repo / "nl/nieuws/mandaat-softwareleverancier/index.html").read_text(
        encoding="utf-8"
    )
    assert '<a href="https://osr.kennisnet.nl">https://osr.kennisnet.nl</a>' in mandate
    assert mandate.count("<li>") >= 8 and "<ol>" in mandate
    assert '<time datetime="2019-10-10">10 oktober 2019</time>' in mandate
