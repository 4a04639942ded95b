"""The editors' preview (`make serve`): drafts, scheduled posts, changes without a restart,
live reload, the content error page and the translation report; none of it in the build.

The preview hears changes from a watcher thread and reloads in the background, so a test
that edits a file waits (with a time limit) for the page to show the change."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsroom.build.site import build
from newsroom.web.app import create_app
from paths import FIXTURES, REPO
from site_safety import OWN_SCRIPT

FLASK = str(Path(sys.executable).parent / "flask")
SCRIPT = re.compile(r'<script src="/_preview/live-reload\.js" [^>]*data-version="([\w-]+)"')
WAIT_SECONDS = 20
"""How long a change may take to show (it takes a fraction of a second: this is for a busy
machine)."""


@pytest.fixture
def preview(content_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """The app as `flask --app newsroom run` makes it: create_app() without a config."""
    monkeypatch.setenv("NEWSROOM_CONTENT", str(content_dir))
    app = create_app()
    app.config["TESTING"] = True
    yield app.test_client()
    app.extensions["newsroom.preview"].stop()


def shown(client, url: str, text: str, status: int = 200, absent: str | None = None) -> str:
    """The page at `url` once it answers `status` and holds `text` (and not `absent`)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        response = client.get(url)
        html = response.get_data(as_text=True)
        if response.status_code == status and text in html and not (absent and absent in html):
            return html
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not show {text!r}: {response.status_code}\n{html}")
        time.sleep(0.02)


def edit(path: Path, text: str) -> None:
    """Write `text` and make sure the modification time moves on, however coarse the clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def test_preview_shows_a_draft_with_its_banner(preview) -> None:
    html = page(preview, "/nl/nieuws/concept/")
    assert '<p class="draft-banner" role="status">Concept: dit bericht is nog niet' in html
    assert "Een concept." in html
    assert "Nog niet klaar" in page(preview, "/nl/nieuws/")  # in the lists too
    assert "draft-banner" not in page(preview, "/nl/nieuws/eerste-bericht/")


def test_a_draft_shows_no_publication_date(preview, content_dir: Path) -> None:
    """Finding 6: a draft said "Gepubliceerd <today>" right under "Concept: …"."""
    html = page(preview, "/nl/nieuws/concept/")
    meta = re.search(r'<p class="meta"[^>]*>(.*?)</p>', html, re.S)
    assert meta and "Nog niet gepubliceerd" in meta.group(1)
    assert "Gepubliceerd" not in html and "<time" not in meta.group(1)
    edit(
        content_dir / "nieuws" / "later.nl.md",
        "---\ntitle: Later\ndate: 2099-03-01\n---\nStraks.\n",
    )
    html = shown(preview, "/nl/nieuws/later/", "Gepland op")
    meta = re.search(r'<p class="meta"[^>]*>(.*?)</p>', html, re.S)
    assert meta and "Gepland op" in meta.group(1) and "Gepubliceerd" not in meta.group(1)
    assert "Gepubliceerd" in page(preview, "/nl/nieuws/eerste-bericht/")


def test_news_lists_mark_drafts_and_scheduled_posts(preview, content_dir: Path) -> None:
    edit(
        content_dir / "nieuws" / "later.nl.md",
        "---\ntitle: Later\ndate: 2099-03-01\n---\nStraks.\n",
    )
    shown(preview, "/nl/nieuws/later/", "Straks.")
    items = dict(
        re.findall(
            r'<a href="[^"]*">([^<]+)</a></h\d>\s*<p class="meta">(.*?)</p>',
            "".join(page(preview, f"/nl/nieuws/{more}") for more in ("", "pagina/2/", "pagina/3/")),
            re.S,
        )
    )
    assert '<strong class="preview-mark">Concept</strong>' in items["Nog niet klaar"]
    assert '<strong class="preview-mark">Gepland</strong>' in items["Later"]
    assert "preview-mark" not in items["Tweede bericht"]


def test_the_report_shows_a_translation_left_a_draft(preview, content_dir: Path) -> None:
    edit(
        content_dir / "nieuws" / "tweede-bericht.en.md",
        "---\ntitle: Second\ndate: 2019-10-31 14:30\ntags: [go-live]\ndraft: true\n---\nx\n",
    )
    warning = "is still a draft (draft: true) while the Dutch version is published"
    html = shown(preview, "/_preview/translations/?lang=en", warning)
    row = re.search(r"<code>tweede-bericht</code></th>(.*?)</tr>", html, re.S)
    assert row and 'class="status-draft"' in row.group(1)
    # And above the post itself, in the preview only.
    html = shown(preview, "/en/news/tweede-bericht/", "preview-findings")
    findings = re.search(
        r'<div class="preview-findings wrap" role="status">(.*?)</div>', html, re.S
    )
    assert findings and "is still a draft (draft: true) while the Dutch" in findings.group(1)
    assert "<code>draft</code>" in findings.group(1)
    assert "preview-findings" not in page(preview, "/nl/nieuws/eerste-bericht/")


def test_preview_pages_say_so_and_lead_to_the_translation_report(preview) -> None:
    html = page(preview, "/nl/nieuws/eerste-bericht/")
    bar = re.search(r'<nav class="preview-bar" aria-label="Voorvertoning">(.*?)</nav>', html, re.S)
    assert bar and "niet op de gepubliceerde site" in bar.group(1)
    link = re.search(r'<a href="([^"]+)">Vertaaloverzicht</a>', bar.group(1))
    assert link and "Preview: translation report" not in page(preview, link.group(1))
    assert "Voorvertoning: vertaaloverzicht" in page(preview, link.group(1))
    assert 'aria-label="Preview">' in page(preview, "/en/news/eerste-bericht/")


def test_preview_shows_a_scheduled_post_with_its_date(preview, content_dir: Path) -> None:
    edit(
        content_dir / "nieuws" / "later.en.md", "---\ntitle: Later\ndate: 2099-03-01\n---\nSoon.\n"
    )
    html = shown(preview, "/en/news/later/", "Scheduled: this post is published on 1 March 2099.")
    assert "Soon." in html


def test_the_preview_search_page_says_search_works_in_the_built_site(preview, client) -> None:
    for url in ("/nl/zoeken/", "/en/search/"):
        html = page(preview, url)
        assert 'role="search"' in html and "make serve-nginx" in html, url
        assert "search.js" not in html, url  # the preview has no index to load
    built = page(client, "/en/search/")
    assert "search.js" in built and "make serve-nginx" not in built


def test_the_site_app_has_no_drafts_and_no_preview(client, frozen: Path) -> None:
    assert client.get("/nl/nieuws/concept/").status_code == 404
    html = page(client, "/nl/nieuws/eerste-bericht/")
    assert "live-reload" not in html and "_preview" not in html
    assert client.get("/_preview/events").status_code == 404
    assert client.get("/_preview/version").status_code == 404
    assert client.get("/_preview/translations/").status_code == 404


def test_an_edited_file_shows_without_a_restart(preview, content_dir: Path) -> None:
    post = content_dir / "nieuws" / "eerste-bericht.nl.md"
    assert "Nieuw stuk tekst" not in page(preview, "/nl/nieuws/eerste-bericht/")
    edit(post, post.read_text(encoding="utf-8") + "\nNieuw stuk tekst.\n")
    shown(preview, "/nl/nieuws/eerste-bericht/", "Nieuw stuk tekst.")


def test_a_new_file_shows_without_a_restart(preview, content_dir: Path) -> None:
    preview.get("/nl/")
    edit(content_dir / "nieuws" / "vers.nl.md", "---\ntitle: Vers\ndate: 2019-12-01\n---\nVers.\n")
    shown(preview, "/nl/nieuws/vers/", "Vers")


def test_site_and_rollout_data_show_without_a_restart(preview, content_dir: Path) -> None:
    assert preview.get("/nl/planning/").status_code == 404  # no rollout.yaml yet
    shutil.copy(FIXTURES / "rollout" / "rollout.yaml", content_dir / "rollout.yaml")
    shown(preview, "/nl/planning/", "Alfa")
    rollout = content_dir / "rollout.yaml"
    edit(rollout, rollout.read_text(encoding="utf-8").replace("name: Alfa", "name: Alfabet"))
    shown(preview, "/nl/planning/", "Alfabet")
    settings = content_dir / "site.yaml"
    edit(settings, settings.read_text(encoding="utf-8").replace("Testnieuws", "Proefnieuws"))
    shown(preview, "/nl/", "Proefnieuws")


def test_a_content_error_is_a_readable_page_until_fixed(
    preview, content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSROOM_LANG")  # the editors' language: Dutch unless asked
    post = content_dir / "nieuws" / "eerste-bericht.nl.md"
    good = post.read_text(encoding="utf-8")
    edit(post, good.replace("date:", "datum: 2019\ndate: 31-10-2019\nx:", 1))
    html = shown(preview, "/nl/nieuws/eerste-bericht/", "onbekend veld", status=500)
    assert "Traceback" not in html
    assert "Voorvertoning: de inhoud heeft problemen" in html
    assert f"<h2><code>{post}</code></h2>" in html
    assert re.search(r"regel 3: <code>datum</code>: onbekend veld", html)
    assert "regel 4: <code>date</code>: &#34;31-10-2019&#34; is geen geldige datum" in html
    assert SCRIPT.search(html)  # so the page comes back by itself once the file is fixed
    with preview.get("/static/style.css") as style:
        assert style.status_code == 200  # the error page's own style
    assert preview.get("/_preview/live-reload.js").status_code == 200
    # Every page says so, in the editors' language (the file and message as check writes them).
    assert "Voorvertoning: de inhoud heeft problemen" in page(preview, "/en/", status=500)
    monkeypatch.setenv("NEWSROOM_LANG", "en")
    edit(post, good.replace("date:", "date: 2019-11-31\nx:", 1))
    html = shown(preview, "/nl/", "is not a date: November has 30", status=500)
    assert "Preview: the content has problems" in html
    assert "line 3: <code>date</code>: &#34;2019-11-31&#34; is not a date: November has 30" in html
    edit(post, good + "\nWeer goed.\n")
    shown(preview, "/nl/nieuws/eerste-bericht/", "Weer goed.")


def test_the_preview_starts_on_broken_content(content_dir: Path, monkeypatch) -> None:
    (content_dir / "site.yaml").write_text("title: [\n", encoding="utf-8")
    monkeypatch.setenv("NEWSROOM_CONTENT", str(content_dir))
    app = create_app()  # no exception: the editor sees the problem instead
    client = app.test_client()
    try:
        html = page(client, "/nl/", status=500)
        assert "site.yaml" in html
        assert page(client, "/_preview/live-reload.js")
    finally:
        app.extensions["newsroom.preview"].stop()


def test_pages_reload_themselves_when_a_file_changes(preview, content_dir: Path) -> None:
    preview.application.extensions["newsroom.preview"].check_result()  # findings too are in
    html = page(preview, "/nl/")
    match = SCRIPT.search(html)
    assert match, "the live-reload script is missing"
    assert html.index(match.group(0)) > html.index("</footer>")  # at the end of the body
    assert page(preview, "/_preview/version") == match.group(1)
    script = preview.get("/_preview/live-reload.js")
    assert script.mimetype == "text/javascript"
    assert "new EventSource(" in script.get_data(as_text=True)
    assert "location.reload()" in script.get_data(as_text=True)
    # The events stream says the version at once, then each change as it comes.
    events = preview.get("/_preview/events", buffered=False)
    assert events.mimetype == "text/event-stream"
    assert events.headers["Cache-Control"] == "no-store"
    stream = iter(events.response)
    assert next(stream).decode() == f"retry: 1000\ndata: {match.group(1)}\n\n"
    post = content_dir / "nieuws" / "eerste-bericht.nl.md"
    edit(post, post.read_text(encoding="utf-8") + "\nMeer.\n")
    pushed = next(stream).decode()  # (waits for the change: keep-alives come every 15 s)
    assert pushed.startswith("data: ") and pushed != f"data: {match.group(1)}\n\n"
    events.close()
    assert page(preview, "/_preview/version") != match.group(1)


def test_the_translation_report_page(preview, content_dir: Path) -> None:
    html = page(preview, "/_preview/translations/")
    rows = dict(re.findall(r'<th scope="row"><code>([\w-]+)</code></th>(.*?)</tr>', html, re.S))
    assert set(rows) >= {"eerste-bericht", "tweede-bericht", "derde-bericht", "concept"}
    assert 'class="status-missing"' in rows["tweede-bericht"]
    assert "make translation SLUG=tweede-bericht LANG=en" in rows["tweede-bericht"]
    assert 'class="status-translated"' in rows["eerste-bericht"]
    assert 'href="/en/news/eerste-bericht/"' in rows["eerste-bericht"]
    assert "concept" in rows["concept"]  # drafts are in the report, marked as such
    # An English version older than the Dutch one becomes "outdated".
    dutch = content_dir / "nieuws" / "eerste-bericht.nl.md"
    text = dutch.read_text(encoding="utf-8")
    edit(dutch, text.replace("\ndate:", "\nupdated: 2021-01-01\ndate:", 1))
    html = shown(preview, "/_preview/translations/?lang=en", 'class="status-outdated"')
    assert "Preview: translation report" in html
    row = re.search(r"<code>eerste-bericht</code></th>(.*?)</tr>", html, re.S)
    assert row and 'class="status-outdated"' in row.group(1)


def test_frozen_builds_have_no_preview_script_or_report(frozen: Path, frozen_repo: Path) -> None:
    for site in (frozen, frozen_repo):
        assert not (site / "_preview").exists()
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".xml", ".js", ".txt", ".ics"}:
                text = path.read_text(encoding="utf-8")
                assert "_preview" not in text and "live-reload" not in text, path
                if path.suffix != ".js":  # scripts are files: the search page's own, Pagefind's
                    assert "<script" not in OWN_SCRIPT.sub("", text), path


def test_flask_cli_makes_the_preview(content_dir: Path) -> None:
    """`make serve` runs `flask --app newsroom run`: Flask's CLI gets the preview app."""
    env = {**os.environ, "NEWSROOM_CONTENT": str(content_dir)}
    result = subprocess.run(
        [FLASK, "--app", "newsroom", "routes"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "/_preview/translations/" in result.stdout
    assert "/_preview/events" in result.stdout


def test_drafts_and_future_posts_only_with_the_flags(content_dir: Path, tmp_path: Path) -> None:
    edit(
        content_dir / "nieuws" / "later.nl.md",
        "---\ntitle: Later\ndate: 2099-03-01 09:30\n---\nX.\n",
    )
    plain, flagged = tmp_path / "plain", tmp_path / "flagged"
    build(content_dir, plain)
    assert not (plain / "nl/nieuws/concept").exists()
    assert not (plain / "nl/nieuws/later").exists()
    assert "later" not in (plain / "sitemap.xml").read_text(encoding="utf-8")
    assert (plain / "next-build.txt").read_text(encoding="utf-8").strip() == (
        "2099-03-01T09:30:00+01:00"
    )
    # The command line, as an editor types it (freeze.py --drafts --future).
    result = subprocess.run(
        [sys.executable, str(REPO / "freeze.py"), "--content", str(content_dir)]
        + ["--output", str(flagged), "--drafts", "--future"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (flagged / "next-build.txt").read_text(encoding="utf-8") == ""  # nothing waits
    assert "Een concept." in (flagged / "nl/nieuws/concept/index.html").read_text(encoding="utf-8")
    assert (flagged / "nl/nieuws/later/index.html").is_file()
    html = (flagged / "nl/nieuws/concept/index.html").read_text(encoding="utf-8")
    assert "draft-banner" not in html  # the banner is the preview's, not a --drafts build's
