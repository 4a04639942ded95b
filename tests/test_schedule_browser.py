"""The schedule in a real browser (Chromium): readable on a 360-pixel phone, a table on desktop."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("playwright is not installed (make test installs it)")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM} (.ci/run installs it)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


PHONE_PAGES = [
    "nl/planning/index.html",
    "en/schedule/index.html",
    "nl/planning/magister/index.html",
    "en/schedule/eduarte/index.html",
    "nl/nieuws/update-livegang/index.html",
    "en/index.html",
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_sideways_scrolling_at_360_pixels(browser, frozen_repo: Path, path: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto((frozen_repo / path).as_uri())
        width, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width <= client, f"{path} is {width}px wide in a {client}px window"
        # Every cell of the schedule fits in the window, with its column's label before it.
        for cell in page.locator("table.schedule-table td").all():
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
            label = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert label.strip('"').endswith(": ")
    finally:
        page.close()


def test_schedule_is_a_table_on_a_wide_screen(browser, frozen_repo: Path) -> None:
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    try:
        page.goto((frozen_repo / "en/schedule/index.html").as_uri())
        table = page.locator("table.schedule-table")
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        headers = page.locator("table.schedule-table thead th")
        assert headers.all_inner_texts() == ["Supplier", "Institutions", "When", "Status"]
        assert page.locator("table.schedule-table td").first.evaluate(
            "c => getComputedStyle(c, '::before').content"
        ) in ("none", "normal")
    finally:
        page.close()
