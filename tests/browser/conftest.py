"""Fixtures of the browser tests: Debian's Chromium and the frozen site served on 127.0.0.1.

The repository's own site is frozen once per session (`frozen_repo`, tests/conftest.py) and served
by Python's http.server on a free port; a second build of the same content with one post per news
page gives the tests a "news, page 2". With CI=true a missing Playwright, Chromium or axe-core fails
the tests instead of skipping them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import AXE, REPO, Site, required, serve

from chromium import CHROMIUM, CHROMIUM_ARGS
from newsroom.build.site import build


@pytest.fixture(scope="session")
def site(frozen_repo: Path) -> Iterator[Site]:
    """The repository's own site, served."""
    with serve(frozen_repo) as served:
        yield served


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The repository's content with one post per news page, so "page 2" exists."""
    base = tmp_path_factory.mktemp("paged-site")
    content = base / "content"
    shutil.copytree(REPO / "content", content)
    settings = content / "site.yaml"
    text, count = re.subn(r"(?m)^page_size:.*$", "page_size: 1", settings.read_text("utf-8"))
    assert count == 1, "content/site.yaml has no page_size line to change"
    settings.write_text(text, "utf-8")
    build(content, base / "build")
    with serve(base / "build") as served:
        yield served


@pytest.fixture(scope="session")
def sites(site: Site, paged_site: Site) -> dict[str, Site]:
    return {"main": site, "paged": paged_site}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        required("Playwright for Python is not installed (make test installs it)")
    if not Path(CHROMIUM).exists():
        required(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser script, installed by `npm ci` in tests/."""
    if not AXE.is_file():
        required(f"axe-core not found at {AXE} (cd tests && npm ci)")
    return AXE
