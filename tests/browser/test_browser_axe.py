"""axe-core finds no WCAG 2.1 A or AA violation on any kind of page, in either language."""

from __future__ import annotations

import pytest
from browsing import all_pages, open_page, page_ids

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_axe_finds_no_violations(browser, sites, axe_script, site_name, kind, lang, path) -> None:
    site = sites[site_name]
    # The site's Content-Security-Policy forbids injected scripts; axe is the test's.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
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
    assert problems == [], f"{kind} ({lang}) {path}:\n" + "\n".join(problems)
