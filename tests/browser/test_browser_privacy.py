"""Nothing leaves the site's own origin, nothing is stored, and the console stays clean."""

from __future__ import annotations

import pytest
from browsing import Recorder, all_pages, open_page, page_ids


@pytest.mark.parametrize(("site_name", "kind", "lang", "path"), all_pages(), ids=page_ids())
def test_no_foreign_requests_cookies_or_console_errors(
    browser, sites, site_name, kind, lang, path
) -> None:
    site = sites[site_name]
    # The site's Content-Security-Policy is in force: a violation would be a console error.
    context = browser.new_context()
    try:
        page = context.new_page()
        recorder = Recorder()
        recorder.attach(page)
        open_page(page, site, path)
        page.wait_for_load_state("networkidle")
        cookies = context.cookies()
    finally:
        context.close()
    assert recorder.requests, "the browser recorded no request at all"
    assert any(url.endswith("/static/style.css") for url in recorder.requests)
    foreign = [url for url in recorder.requests if not url.startswith(site.origin + "/")]
    assert foreign == [], f"{path} asked another origin for {foreign}"
    noisy = [(kind_, text) for kind_, text in recorder.console if kind_ in ("error", "warning")]
    assert noisy == [], f"{path}: {noisy}"
    assert recorder.errors == []
    assert cookies == []
