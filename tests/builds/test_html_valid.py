"""Every page of the build passes the Nu Html Checker (vnu) with zero errors; the sitemap is
well-formed and lists only pages that exist.

vnu.jar comes from npm (`vnu-jar` in tests/package.json) and runs on the machine's Java. It starts
once, over every HTML file of four builds: the repository's site, the same content with one post
per news page (so the page-2 navigation exists), the test fixtures' site, and the fixtures with a
post showing images. A deliberately broken
page goes along, so a checker that silently checks nothing fails the tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from images import add_images
from newsroom.build.site import build
from paths import NODE_MODULES, REPO

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BROKEN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>broken</title></head>
<body><p id="twice">one</p><p id="twice">two</p><ul><p>not a list item</p></ul></body></html>
"""


def required(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: .ci/run installs it)")
    pytest.skip(what)


@dataclass(frozen=True)
class Report:
    """What vnu said: errors per checked file, and which files were checked."""

    files: list[Path]
    errors: dict[Path, list[str]]


def run_vnu(files: list[Path]) -> Report:
    java = shutil.which("java")
    if java is None:
        required("java is not installed (apt-get install default-jre-headless)")
    if not VNU.is_file():
        required(f"vnu.jar not found at {VNU} (cd tests && npm ci)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    messages = json.loads(result.stderr)["messages"]  # vnu reports on standard error
    errors: dict[Path, list[str]] = {}
    for message in messages:
        assert message["type"] in ("error", "non-document-error"), message
        path = Path(urlsplit(message.get("url", "file:?")).path)
        line = message.get("lastLine", "?")
        errors.setdefault(path, []).append(f"{line}: {message['message']}")
    return Report(files, errors)


def kind_of(site: Path, page: Path) -> str:
    """The kind of page a file of a build is, from its path (for the counts per kind)."""
    parts = page.relative_to(site).parts
    if parts == ("index.html",):
        return "language choice"
    lang, *rest = parts
    rest = rest[:-1] if rest[-1] == "index.html" else rest
    sections = {
        ("nieuws",): "news index",
        ("news",): "news index",
        ("onderwerpen",): "topics",
        ("topics",): "topics",
        ("archief",): "archive",
        ("archive",): "archive",
        ("planning",): "schedule",
        ("schedule",): "schedule",
    }
    if rest == []:
        return "home"
    if rest == ["404.html"]:
        return "not found"
    if tuple(rest) in sections:
        return sections[tuple(rest)]
    if len(rest) == 3 and rest[1] in ("pagina", "page"):
        return "news page n"
    if len(rest) == 2:
        return {
            "nieuws": "post",
            "news": "post",
            "onderwerpen": "topic",
            "topics": "topic",
            "archief": "year",
            "archive": "year",
            "planning": "supplier",
            "schedule": "supplier",
        }[rest[0]]
    assert len(rest) == 1, page
    return "page"


KINDS = {
    "language choice",
    "home",
    "not found",
    "news index",
    "news page n",
    "post",
    "topics",
    "topic",
    "archive",
    "year",
    "schedule",
    "supplier",
    "page",
}


@pytest.fixture(scope="module")
def sites(frozen_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The repository's site, the same with one post per news page, and the fixtures' site."""
    base = tmp_path_factory.mktemp("valid")
    content = base / "paged-content"
    shutil.copytree(REPO / "content", content)
    settings = content / "site.yaml"
    text, count = re.subn(r"(?m)^page_size:.*$", "page_size: 1", settings.read_text("utf-8"))
    assert count == 1, "content/site.yaml has no page_size line to change"
    settings.write_text(text, "utf-8")
    build(content, base / "paged")
    build(REPO / "tests" / "fixtures" / "content", base / "fixtures")
    # The fixtures with a post showing images: <picture>, srcset, sizes, a figure.
    shutil.copytree(REPO / "tests" / "fixtures" / "content", base / "images-content")
    add_images(base / "images-content")
    build(base / "images-content", base / "images")
    return [frozen_repo, base / "paged", base / "fixtures", base / "images"]


@pytest.fixture(scope="module")
def broken_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("broken") / "broken.html"
    page.write_text(BROKEN, encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def report(sites: list[Path], broken_page: Path) -> Report:
    pages = [page for site in sites for page in sorted(site.rglob("*.html"))]
    return run_vnu([*pages, broken_page])


def test_vnu_finds_errors_in_a_broken_page(report: Report, broken_page: Path) -> None:
    found = " ".join(report.errors.get(broken_page, []))
    assert "Duplicate ID" in found and "not allowed as child of element “ul”" in found, found


def test_every_kind_of_page_was_checked(sites: list[Path], report: Report) -> None:
    kinds = Counter(
        kind_of(site, page) for site in sites for page in report.files if page.is_relative_to(site)
    )
    assert set(kinds) == KINDS, kinds
    assert len(report.files) > 100


def test_every_page_is_valid_html(sites: list[Path], report: Report, broken_page: Path) -> None:
    problems = [
        f"{page}:{error}"
        for page, errors in sorted(report.errors.items())
        if page != broken_page
        for error in errors
    ]
    per_kind = Counter(
        kind_of(site, page) for site in sites for page in report.errors if page.is_relative_to(site)
    )
    assert problems == [], f"vnu errors per kind of page: {dict(per_kind)}"


# --- the sitemap -----------------------------------------------------------------------------


def test_sitemap_is_well_formed_and_lists_existing_pages(frozen_repo: Path) -> None:
    tree = etree.parse(str(frozen_repo / "sitemap.xml"))  # raises on malformed XML
    root = tree.getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    assert tree.docinfo.encoding.lower() == "utf-8"
    locations = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert len(locations) == len(root.findall(f"{SITEMAP_NS}url")) > 20
    assert len(set(locations)) == len(locations), "a page is listed twice"
    base = "https://rio-vo.example.org/"
    for location in locations:
        assert location.startswith(base), location
        path = location.removeprefix(base)
        assert path.endswith("/") and (frozen_repo / path / "index.html").is_file(), location
    pages = {
        f"{base}{page.parent.relative_to(frozen_repo).as_posix()}/"
        for page in frozen_repo.rglob("index.html")
        if page.parent != frozen_repo
    }
    assert set(locations) == pages
