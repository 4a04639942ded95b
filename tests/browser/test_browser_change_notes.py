"""A post with change notes, in Chromium: axe-core finds no WCAG 2.2 A or AA violation in its
"Updates to this page" list, and the list is there under the text, in both languages, on a
phone and on a desktop."""

from __future__ import annotations

import pytest
from browsing import open_page
from test_browser_axe import TAGS

PAGES = {
    "nl": ("nl/nieuws/mandaat-softwareleverancier/index.html", "Wijzigingen"),
    "en": ("en/news/mandaat-softwareleverancier/index.html", "Updates to this page"),
}


@pytest.mark.parametrize("width", (360, 1280))
@pytest.mark.parametrize("lang", PAGES)
def test_change_notes_are_accessible(browser, site, axe_script, lang: str, width: int) -> None:
    path, heading = PAGES[lang]
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        open_page(page, site, path)
        section = page.locator("section.post-changes")
        assert section.locator("h2").inner_text() == heading
        assert section.locator("li").count() == 1
        assert section.locator("li a").get_attribute("href") == "../update-livegang/index.html"
        # Under the text: the section starts below the article's last paragraph.
        prose = page.locator(".prose").bounding_box()
        assert section.bounding_box()["y"] >= prose["y"] + prose["height"]
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
    finally:
        context.close()
    assert len(results["passes"]) >= 10
    assert results["violations"] == [], results["violations"]
