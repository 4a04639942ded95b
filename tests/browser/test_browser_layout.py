"""Phones, wide screens and paper: no sideways scrolling, a real table, print without navigation."""

from __future__ import annotations

import pytest
from browsing import PAGE_KINDS, all_pages, open_page, page_ids


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_no_sideways_scrolling_on_a_phone(browser, sites, width, site_name, kind, lang, path):
    page = browser.new_page(viewport={"width": width, "height": 740})
    try:
        open_page(page, sites[site_name], path)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"{path} is {scroll}px wide in a {client}px window"
        # Nothing sticks out: every element of the main content ends inside the window.
        wide = page.evaluate(
            """w => [...document.querySelectorAll('main *')]
                 .filter(e => e.getBoundingClientRect().right > w + 0.5)
                 .map(e => e.outerHTML.slice(0, 80))""",
            width,
        )
        assert wide == []
        # Every cell of a schedule table fits, with its column's label before it.
        for cell in page.locator("table.schedule-table td").all():
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
            label = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert label.strip('"').endswith(": ")
    finally:
        page.close()


def test_schedule_is_a_table_on_a_wide_screen(browser, site) -> None:
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    try:
        page.goto(site.url("en/schedule/index.html"))
        table = page.locator("table.schedule-table")
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        headers = page.locator("table.schedule-table thead th")
        assert headers.all_inner_texts() == ["Supplier", "Institutions", "When", "Status"]
        assert page.locator("table.schedule-table td").first.evaluate(
            "c => getComputedStyle(c, '::before').content"
        ) in ("none", "normal")
    finally:
        page.close()


HIDDEN_IN_PRINT = [".site-nav", ".lang-switch", ".skip-link"]


@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_print_leaves_out_navigation(browser, sites, site_name, kind, lang, path) -> None:
    page = browser.new_page()
    try:
        open_page(page, sites[site_name], path)
        page.emulate_media(media="print")
        for selector in HIDDEN_IN_PRINT:
            for element in page.locator(selector).all():
                assert element.evaluate("e => getComputedStyle(e).display") == "none", selector
        assert page.locator("main").is_visible()
    finally:
        page.close()


# The mandate post links to another site; the schedule has tables; the about page is a page.
PRINTED = [
    "nl/nieuws/mandaat-softwareleverancier/index.html",
    "en/news/mandaat-softwareleverancier/index.html",
    PAGE_KINDS["schedule"]["nl"],
    PAGE_KINDS["schedule"]["en"],
    PAGE_KINDS["page: about"]["nl"],
    PAGE_KINDS["page: about"]["en"],
]


@pytest.mark.parametrize("path", PRINTED)
def test_pages_print_to_pdf_with_link_addresses(browser, site, path) -> None:
    page = browser.new_page()
    try:
        page.goto(site.url(path))
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF-") and len(pdf) > 5000
        page.emulate_media(media="print")
        # Links to other sites show their address on paper; the site's own links do not.
        external = 0
        for link in page.locator("main a[href]").all():
            href = link.get_attribute("href")
            after = link.evaluate("a => getComputedStyle(a, '::after').content")
            if href.startswith(("http://", "https://")):
                assert href in after, (href, after)
                external += 1
            else:
                assert href not in after, (href, after)
        assert external > 0 or "mandaat" not in path
    finally:
        page.close()
