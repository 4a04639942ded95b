"""Screenshots of home, a post, the schedule and search results, desktop and phone, in both
languages.

They are written to docs/screenshots/ (shown in docs/design.md) on every run, so they show the
site as the current templates and stylesheet make it.
"""

from __future__ import annotations

import struct

import pytest
from browsing import PAGE_KINDS, REPO

SHOTS = REPO / "docs" / "screenshots"
VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 780)}


@pytest.mark.parametrize("device", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", ["home", "post", "schedule"])
def test_screenshot(browser, site, kind, lang, device) -> None:
    width, height = VIEWPORTS[device]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(site.url(PAGE_KINDS[kind][lang]))
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / f"{kind}-{lang}-{device}.png"
        png = page.screenshot(path=str(target), animations="disabled", caret="hide")
    finally:
        page.close()
    # A PNG of the window's size (the IHDR chunk holds width and height).
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (width, height)
    assert target.read_bytes() == png


SEARCHES = {"nl": "nl/zoeken/index.html?q=aansluiting", "en": "en/search/index.html?q=mandate"}


@pytest.mark.parametrize("device", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screenshot_of_search_results(browser, site, lang, device) -> None:
    width, height = VIEWPORTS[device]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(site.url(SEARCHES[lang]))
        page.wait_for_selector("#search-status:not(:empty)")
        assert page.locator("#search-results li").count() >= 2
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / f"search-results-{lang}-{device}.png"
        png = page.screenshot(path=str(target), animations="disabled", caret="hide")
    finally:
        page.close()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (width, height)
