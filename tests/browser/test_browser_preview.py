"""The preview in a real browser: an open page reloads itself when a file is saved (pushed to
it through the events stream, no polling), a broken file shows the error page, and fixing it
brings the page back (no restart, no console errors)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import REPO
from werkzeug.serving import make_server

from newsroom.web.app import create_app


@pytest.fixture
def preview_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """The preview app (as `make serve` makes it) over a copy of the content, on a free port."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    monkeypatch.setenv("NEWSROOM_CONTENT", str(content))
    app = create_app()
    app.extensions["newsroom.preview"].check_result()  # the first check is in
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", content
    finally:
        app.extensions["newsroom.preview"].stop()  # the watcher, and the open events streams
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_open_page_follows_the_files(browser, preview_site: tuple[str, Path]) -> None:
    url, content = preview_site
    post = content / "nieuws" / "update-livegang.nl.md"
    good = post.read_text(encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    failed: set[tuple[str, int]] = set()
    asked: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # a broken script would show here
    page.on("request", lambda r: asked.append(r.url.removeprefix(url)))
    page.on(
        "response",
        lambda r: failed.add((r.url.removeprefix(url), r.status)) if r.status >= 400 else None,
    )
    try:
        with page.expect_request(f"{url}/_preview/events"):  # the page listens
            page.goto(f"{url}/nl/nieuws/update-livegang/")
        assert "Zojuist toegevoegd" not in page.content()
        post.write_text(good + "\nZojuist toegevoegd.\n", encoding="utf-8")
        page.wait_for_selector("text=Zojuist toegevoegd.", timeout=10_000)
        # Pushed, not polled: one events stream per page shown, nothing else asked meanwhile.
        once = ["/nl/nieuws/update-livegang/", "/static/style.css", "/_preview/live-reload.js"]
        once += ["/_preview/events"]
        assert sorted(set(asked) - {"/favicon.ico", "/static/favicon.svg"}) == sorted(once)
        assert [asked.count(address) for address in once] == [2] * len(once), asked
        post.write_text(good.replace("date: 2019-10-31", "date: 31-10-2019"), encoding="utf-8")
        # In the editors' language (the tests' NEWSROOM_LANG=en), whatever the page's.
        page.wait_for_selector("text=Preview: the content has problems", timeout=10_000)
        # Waited for, not read at once: the check's findings, worked out after the page, may
        # reload it once more.
        page.wait_for_selector("text=is not an ISO date", timeout=10_000)
        post.write_text(good + "\nWeer hersteld.\n", encoding="utf-8")
        page.wait_for_selector("text=Weer hersteld.", timeout=10_000)
    finally:
        page.close()
    assert errors == []
    # Only the page itself failed while the file was broken (its style and script did not).
    assert failed - {("/favicon.ico", 404)} == {("/nl/nieuws/update-livegang/", 500)}
