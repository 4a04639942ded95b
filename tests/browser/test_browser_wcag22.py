"""The WCAG 2.2 AA criteria axe-core cannot see, measured in Chromium.

- 2.5.8 Target size (minimum): status badges, tags, pagination and language links are at least
  24 x 24 CSS px, or no other target lies within a 24 px square centred on them (the spacing
  exception; a square is stricter than the criterion's circle);
- 2.4.11 Focus not obscured (minimum): whatever Tab reaches is never entirely hidden, by a sticky
  or fixed element or anything else;
- 3.2.6 Consistent help: the contact link is in the same place on every page: the first link of
  the footer, the last thing on the page;
- 1.4.4 Resize text: with the text at 200%, nothing is cut off and nothing scrolls sideways.

Each check is also run once on a page broken on purpose, to prove it reports.
"""

from __future__ import annotations

import pytest
from browsing import PAGE_KINDS, ROOT, all_pages, open_page, page_ids

WIDTHS = (360, 1280)

TARGETS = ".status, .tag-list a, .pagination a, .lang-switch a, .language-choice a"
"""The small targets 2.5.8 is checked on (a status badge is no link, but is measured alike)."""

# Every target of the page, and those of TARGETS that are too small and too close to another.
SMALL_TARGETS_JS = """selector => {
    const rects = el => [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, '
        + 'summary, [tabindex]:not([tabindex="-1"])')].concat(
        [...document.querySelectorAll(selector)]);
    const found = [];
    for (const el of document.querySelectorAll(selector)) {
        for (const r of rects(el)) {
            if (r.width >= 24 && r.height >= 24) continue;
            const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
            const square = {left: cx - 12, right: cx + 12, top: cy - 12, bottom: cy + 12};
            const near = all.filter(other => other !== el && !other.contains(el)
                && !el.contains(other)).some(other => rects(other).some(o =>
                    o.left < square.right && o.right > square.left
                    && o.top < square.bottom && o.bottom > square.top));
            if (near) {
                found.push(`${el.outerHTML.slice(0, 80)}: ${r.width.toFixed(1)} x `
                    + `${r.height.toFixed(1)} px, another target within 12 px`);
            }
        }
    }
    return {found, measured: document.querySelectorAll(selector).length};
}"""

# Is the focused element entirely hidden? Probe points inside it: one must show the element.
OBSCURED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const boxes = [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!boxes.length) return null;
    for (const r of boxes) {
        const xs = [r.left + 2, r.left + r.width / 2, r.right - 2];
        const ys = [r.top + 2, r.top + r.height / 2, r.bottom - 2];
        for (const x of xs) for (const y of ys) {
            if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
            const hit = document.elementFromPoint(x, y);
            if (hit && (el === hit || el.contains(hit))) return null;
        }
    }
    return el.outerHTML.slice(0, 100);
}"""

# Text cut off or the page wider than the window.
LOST_CONTENT_JS = """() => {
    const lost = [];
    if (document.documentElement.scrollWidth > innerWidth + 1) {
        lost.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
    }
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.visually-hidden') || el.closest('.skip-link')) continue;
        const style = getComputedStyle(el);
        const clips = [style.overflowX, style.overflowY].some(v => v === 'hidden' || v === 'clip');
        if (!clips || !el.textContent.trim()) continue;
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
            lost.push(`text cut off in ${el.outerHTML.slice(0, 80)}`);
        }
    }
    return lost;
}"""


def _context(browser, width: int):
    # The site's CSP forbids injected styles; the checks that break a page on purpose need them.
    return browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})


def _small_targets(page) -> tuple[list[str], int]:
    result = page.evaluate(SMALL_TARGETS_JS, TARGETS)
    return result["found"], result["measured"]


def _obscured_focus(page, limit: int = 200) -> list[str]:
    """Tab through the page; every element that took focus entirely hidden."""
    hidden = []
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate(
            "() => document.activeElement && document.activeElement.outerHTML.slice(0, 100)"
        )
        if key in seen:  # back at the start: every element has had focus
            break
        seen.add(key)
        found = page.evaluate(OBSCURED_JS)
        if found:
            hidden.append(found)
    assert len(seen) >= 3, "Tab reached almost nothing: the check proves nothing"
    return hidden


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_targets_are_large_enough(browser, sites, site_name, kind, lang, path, width) -> None:
    context = _context(browser, width)
    try:
        page = context.new_page()
        open_page(page, sites[site_name], path)
        found, measured = _small_targets(page)
    finally:
        context.close()
    assert found == [], f"{kind} ({lang}, {width} px): " + "; ".join(found)
    if kind in ("post", "schedule", "supplier", "news page 2", "language choice"):
        assert measured >= 2, f"{kind}: the targets to measure are missing"


def test_target_check_reports_a_small_target(browser, site) -> None:
    context = _context(browser, 1280)
    try:
        page = context.new_page()
        open_page(page, site, PAGE_KINDS["post"]["nl"])
        page.add_style_tag(
            content=".post-tags .tag-list a { padding: 0; font-size: 3px; line-height: 1; }"
            " .tag-list { gap: 2px; }"
        )
        found, _ = _small_targets(page)
    finally:
        context.close()
    assert found, "tiny tags, 2 px apart, were not reported"


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_focus_is_never_hidden(browser, sites, site_name, kind, lang, path, width) -> None:
    context = _context(browser, width)
    try:
        page = context.new_page()
        open_page(page, sites[site_name], path)
        hidden = _obscured_focus(page)
    finally:
        context.close()
    assert hidden == [], f"{kind} ({lang}, {width} px): focus hidden on {hidden}"


def test_focus_check_reports_a_sticky_header_over_the_focus(browser, site) -> None:
    context = _context(browser, 1280)
    try:
        page = context.new_page()
        open_page(page, site, PAGE_KINDS["post"]["nl"])
        # A sticky header as tall as the window covers whatever scrolls into view beneath it.
        page.add_style_tag(
            content=".site-header { position: sticky; top: 0; z-index: 5; height: 100vh; }"
        )
        hidden = _obscured_focus(page)
    finally:
        context.close()
    assert hidden, "links under a sticky header were not reported"


CONTACT_JS = """() => {
    const footer = document.querySelector('body > footer.site-footer');
    const last = [...document.body.children].filter(
        el => getComputedStyle(el).display !== 'none').pop();
    const first = footer && footer.querySelector('a[href]');
    return {
        footerLast: footer !== null && last === footer,
        href: first ? first.getAttribute('href') : null,
        absolute: first ? first.href : null,
    };
}"""


def test_help_is_in_the_same_place_on_every_page(browser, sites) -> None:
    """3.2.6: the contact link, the same address per language, first in the footer, which is
    the last thing on every page (the language choice too)."""
    context = _context(browser, 1280)
    found: dict[str, set[str]] = {}
    try:
        page = context.new_page()
        for site_name, kind, lang, path in all_pages():
            open_page(page, sites[site_name], path)
            result = page.evaluate(CONTACT_JS)
            assert result["footerLast"], f"{kind} ({lang}): the footer is not the last thing"
            assert result["href"], f"{kind} ({lang}): no link in the footer"
            found.setdefault(lang, set()).add(result["absolute"])
    finally:
        context.close()
    assert all(len(hrefs) == 1 for hrefs in found.values()), found
    assert found["nl"] == found["en"] == found["nl+en"] == {"https://duo.nl/contact/"}


@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_text_at_200_percent_loses_nothing(browser, sites, site_name, kind, lang, path) -> None:
    """1.4.4: the text twice as large (as a browser's text-only zoom does), at 1280 px."""
    context = _context(browser, 1280)
    try:
        page = context.new_page()
        open_page(page, sites[site_name], path)
        before = page.evaluate("() => getComputedStyle(document.body).fontSize")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        after = page.evaluate("() => getComputedStyle(document.body).fontSize")
        lost = page.evaluate(LOST_CONTENT_JS)
    finally:
        context.close()
    assert float(after[:-2]) >= 2 * float(before[:-2]) - 0.5, (before, after)
    assert lost == [], f"{kind} ({lang}): {lost}"


def test_zoom_check_reports_text_cut_off(browser, site) -> None:
    context = _context(browser, 1280)
    try:
        page = context.new_page()
        open_page(page, site, ROOT)
        page.add_style_tag(content="main h1 { height: 1.2rem; overflow: hidden; }")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        page.evaluate("() => document.querySelector('main h1').append(' extra words to wrap')")
        page.set_viewport_size({"width": 360, "height": 800})
        lost = page.evaluate(LOST_CONTENT_JS)
    finally:
        context.close()
    assert lost, "a heading cut off at a fixed height was not reported"
