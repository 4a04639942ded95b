"""A reader's path through the site, and the same with the keyboard only."""

from __future__ import annotations

import pytest
from browsing import PAGE_KINDS, ROOT, all_pages, open_page, page_ids


def test_home_to_post_to_its_translation_and_back(browser, site) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site.url("nl/index.html"))
        page.locator("main .post-list a").first.click()
        nl_url = page.url
        assert "/nl/nieuws/" in nl_url and page.locator("html").get_attribute("lang") == "nl"
        nl_title = page.locator("h1").inner_text()

        switch = page.locator("nav.lang-switch a[hreflang='en']")
        # The switcher's text is English, and says so.
        assert switch.get_attribute("lang") == "en"
        assert switch.inner_text() == "This page in English"
        switch.click()
        assert page.url == nl_url.replace("/nl/nieuws/", "/en/news/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() != nl_title
        back = page.locator("nav.lang-switch a[hreflang='nl']")
        assert back.get_attribute("lang") == "nl"

        page.go_back()
        assert page.url == nl_url
        assert page.locator("h1").inner_text() == nl_title
    finally:
        page.close()


FOCUSABLE = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const all = [...document.querySelectorAll(selector)].filter(
    e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0);
  return all.map((e, i) => { e.dataset.kb = i; return e.outerHTML.slice(0, 120); });
}"""
STYLE = """e => { const s = getComputedStyle(e);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          width: parseFloat(s.outlineWidth), style: s.outlineStyle, color: s.outlineColor,
          shadow: s.boxShadow, background: s.backgroundColor}; }"""
ACTIVE = """() => { const e = document.activeElement;
  return e && e.dataset.kb !== undefined ? Number(e.dataset.kb) : null; }"""


def _transparent(colour: str) -> bool:
    return colour == "transparent" or colour.replace(" ", "").endswith(",0)")


def visible_focus(focused: dict, unfocused: dict) -> bool:
    """A focus indicator a reader can see: an opaque outline of 2 px or more, a box shadow,
    or a background of its own."""
    outline = (
        focused["style"] not in ("none", "hidden")
        and focused["width"] >= 2
        and not _transparent(focused["color"])
    )
    shadow = focused["shadow"] != "none"
    background = focused["background"] != unfocused["background"] and not _transparent(
        focused["background"]
    )
    return (outline or shadow or background) and focused != unfocused


KEYBOARD_PAGES = [p for p in all_pages() if p[0] == "main"]


@pytest.mark.parametrize(
    ("site_name", "kind", "lang", "path"),
    KEYBOARD_PAGES,
    ids=[i for p, i in zip(all_pages(), page_ids(), strict=True) if p[0] == "main"],
)
def test_tab_reaches_every_link_with_visible_focus(browser, site, site_name, kind, lang, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        open_page(page, site, path)
        elements = page.evaluate(FOCUSABLE)
        assert elements, "nothing to focus"
        unfocused = [page.locator(f"[data-kb='{i}']").evaluate(STYLE) for i in range(len(elements))]
        order: list[int] = []
        for _ in range(len(elements) + 2):
            page.keyboard.press("Tab")
            index = page.evaluate(ACTIVE)
            if index is None or index in order:
                break
            order.append(index)
            element = page.locator(f"[data-kb='{index}']")
            focused = element.evaluate(STYLE)
            assert visible_focus(focused, unfocused[index]), (
                f"no visible focus on {elements[index]}: {focused} (unfocused {unfocused[index]})"
            )
            box = element.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, elements[index]
            assert 0 <= box["x"] and box["x"] + box["width"] <= 1280, (
                f"off screen: {elements[index]}"
            )
        if path != ROOT:
            assert "skip-link" in elements[order[0]], f"first Tab focuses {elements[order[0]]}"
        missed = [elements[i] for i in range(len(elements)) if i not in order]
        assert missed == [], f"Tab never reaches {missed}"
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_skip_link_moves_focus_to_the_main_content(browser, site, lang) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site.url(PAGE_KINDS["post"][lang]))
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert skip.evaluate("e => e === document.activeElement")
        box = skip.bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is not on screen"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # The next Tab goes on from the main content, not from the header.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")
    finally:
        page.close()
