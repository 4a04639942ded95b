"""axe-core finds no WCAG 2.2 A or AA violation on any kind of page, in either language, on a
phone (360 px) and on a desktop (1280 px)."""

from __future__ import annotations

import pytest
from browsing import all_pages, open_page, page_ids

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (360, 1280)


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_axe_finds_no_violations(
    browser, sites, axe_script, site_name, kind, lang, path, width
) -> None:
    site = sites[site_name]
    # The site's Content-Security-Policy forbids injected scripts; axe is the test's.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        open_page(page, site, path)
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
    finally:
        context.close()
    # The rules really ran: a page with nothing checked would pass vacuously.
    assert len(results["passes"]) >= 10, results["passes"]
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]
    assert problems == [], f"{kind} ({lang}, {width} px) {path}:\n" + "\n".join(problems)


def test_axe_runs_the_wcag22_rules(browser, site, axe_script) -> None:
    """The 2.2 tag is not an empty set: axe's target-size rule (2.5.8) is among the rules run,
    and it reports a target made too small on purpose."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_page(page, site, "nl/index.html")
        # Two tiny links side by side: neither 24 x 24 px nor spaced 24 px apart.
        page.evaluate(
            """() => {
                const p = document.createElement('p');
                p.innerHTML = '<a href="#a" style="display:inline-block;width:8px;height:8px;'
                    + 'font-size:4px">a</a><a href="#b" style="display:inline-block;width:8px;'
                    + 'height:8px;font-size:4px">b</a>';
                document.querySelector('main').append(p);
            }"""
        )
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
    finally:
        context.close()
    assert "target-size" in {v["id"] for v in results["violations"]}
