"""The preview follows the files through the real development server: posts and pages edited,
added, removed and renamed, a file broken and fixed, site.yaml, rollout.yaml, a template and a
catalog changed, each followed by the right page; the events stream that reloads open pages;
requests that touch no content file; Ctrl-C with a page open. The preview hears changes from
a watcher thread, so each test waits (with a time limit) for the page to show the change."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from newsroom.web.app import create_app
from newsroom.web.preview import preview_config
from paths import FIXTURES, REPO

WAIT_SECONDS = 20
"""How long a change may take to show (a fraction of a second; this is for a busy machine)."""


class Preview:
    """A preview app on the development server, in a thread, with its own copies of the
    content, the templates and the catalogs (the tests edit them)."""

    def __init__(self, root: Path) -> None:
        self.content = root / "content"
        self.templates = root / "templates"
        self.translations = root / "translations"
        shutil.copytree(FIXTURES / "content", self.content)
        shutil.copytree(REPO / "templates", self.templates)
        shutil.copytree(REPO / "translations", self.translations)
        config = {
            **preview_config(),
            "CONTENT_DIR": str(self.content),
            "TEMPLATES_DIR": str(self.templates),
            "TRANSLATIONS_DIR": str(self.translations),
        }
        self.app = create_app(config)
        self.app.extensions["newsroom.preview"].check_result()  # the first check is in
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.app.extensions["newsroom.preview"].stop()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def shows(self, path: str, text: str, status: int = 200, absent: str | None = None) -> str:
        """The page once it answers `status` and holds `text` (and not `absent`)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            code, html = self.get(path)
            if code == status and text in html and not (absent and absent in html):
                return html
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not show {text!r} ({code}):\n{html}")
            time.sleep(0.02)

    def gone(self, path: str) -> None:
        """Wait for the page to answer 404."""
        self.shows(path, "", status=404)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Preview]:
    preview = Preview(tmp_path)
    try:
        yield preview
    finally:
        preview.stop()


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


POST = "---\ntitle: {title}\ndate: 2019-12-0{day}\n---\n{text}\n"
PAGE = "---\ntitle: {title}\n---\n{text}\n"


def test_posts_edited_added_removed_and_renamed(site: Preview) -> None:
    news = site.content / "nieuws"
    post = news / "eerste-bericht.nl.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    site.shows("/nl/nieuws/eerste-bericht/", "Een nieuwe alinea.")
    # A new post: its page, and the lists and the feed that show it.
    write(news / "vers.nl.md", POST.format(title="Vers van de pers", day=5, text="Vers."))
    site.shows("/nl/nieuws/vers/", "Vers.")
    site.shows("/nl/nieuws/", "Vers van de pers")
    site.shows("/nl/", "Vers van de pers")
    site.shows("/nl/nieuws/feed.xml", "Vers van de pers")
    # Renamed: the old address is gone, the new one is there, the lists follow.
    (news / "vers.nl.md").rename(news / "hernoemd.nl.md")
    site.shows("/nl/nieuws/hernoemd/", "Vers.")
    site.gone("/nl/nieuws/vers/")
    site.shows("/nl/nieuws/", 'href="hernoemd/"', absent='href="vers/"')
    # Removed: its page and its place in the lists.
    (news / "hernoemd.nl.md").unlink()
    site.gone("/nl/nieuws/hernoemd/")
    site.shows("/nl/nieuws/", "Derde bericht", absent="Vers van de pers")


def test_pages_edited_added_removed_and_renamed(site: Preview) -> None:
    pages = site.content / "paginas"
    write(pages / "colofon.nl.md", PAGE.format(title="Colofon", text="Gemaakt door ons."))
    site.shows("/nl/colofon/", "Gemaakt door ons.")
    write(pages / "colofon.nl.md", PAGE.format(title="Colofon", text="Gemaakt door jullie."))
    site.shows("/nl/colofon/", "Gemaakt door jullie.")
    (pages / "colofon.nl.md").rename(pages / "makers.nl.md")
    site.shows("/nl/makers/", "Gemaakt door jullie.")
    site.gone("/nl/colofon/")
    (pages / "makers.nl.md").unlink()
    site.gone("/nl/makers/")


def test_a_broken_file_shows_the_error_page_until_fixed(site: Preview) -> None:
    post = site.content / "nieuws" / "eerste-bericht.nl.md"
    good = post.read_text(encoding="utf-8")
    post.write_text(good.replace("date:", "date: 31-10-2019\nx:", 1), encoding="utf-8")
    html = site.shows("/nl/", "Preview: the content has problems", status=500)
    assert "is not an ISO date" in html and str(post) in html
    site.shows("/en/news/", "Preview: the content has problems", status=500)  # every page
    post.write_text(good + "\nWeer heel.\n", encoding="utf-8")
    site.shows("/nl/nieuws/eerste-bericht/", "Weer heel.")
    site.shows("/en/news/", "First post")


def test_site_and_rollout_data_are_followed(site: Preview) -> None:
    settings = site.content / "site.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("Testnieuws", "Proefnieuws"), encoding="utf-8"
    )
    site.shows("/nl/", "Proefnieuws", absent="Testnieuws")
    site.gone("/nl/planning/")  # no rollout data yet
    rollout = site.content / "rollout.yaml"
    shutil.copy(FIXTURES / "rollout" / "rollout.yaml", rollout)
    site.shows("/nl/planning/", "Alfa")
    rollout.write_text(
        rollout.read_text(encoding="utf-8").replace("name: Alfa", "name: Alfabet"),
        encoding="utf-8",
    )
    site.shows("/nl/planning/", "Alfabet")


def test_a_template_and_a_catalog_are_followed(site: Preview) -> None:
    base = site.templates / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</footer>", "<p>Sjabloon gewijzigd</p></footer>"),
        encoding="utf-8",
    )
    site.shows("/nl/", "Sjabloon gewijzigd")
    catalog = site.translations / "nl" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Direct naar de inhoud"' in text
    catalog.write_text(
        text.replace('msgstr "Direct naar de inhoud"', 'msgstr "Meteen naar de inhoud"'),
        encoding="utf-8",
    )
    site.shows("/nl/", "Meteen naar de inhoud", absent="Direct naar de inhoud")


def read_event(stream: http.client.HTTPResponse) -> str:
    """The data of the next event of a server-sent events stream (comments passed over)."""
    data = []
    while True:
        line = stream.readline().decode()
        if line in ("\n", ""):
            if data:
                return "\n".join(data)
            if not line:
                raise AssertionError("the events stream ended")
            continue
        if line.startswith("data: "):
            data.append(line[len("data: ") :].rstrip("\n"))


def test_the_events_stream_pushes_each_change(site: Preview) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", site.server.server_port, timeout=30)
    connection.request("GET", "/_preview/events")
    stream = connection.getresponse()
    assert stream.status == 200
    assert stream.getheader("Content-Type", "").startswith("text/event-stream")
    first = read_event(stream)
    assert first == site.get("/_preview/version")[1]
    post = site.content / "nieuws" / "eerste-bericht.nl.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nNog meer.\n", encoding="utf-8")
    pushed = read_event(stream)  # no poll: the server says it when the change is loaded
    assert pushed != first
    assert "Nog meer." in site.get("/nl/nieuws/eerste-bericht/")[1]
    stream.close()
    connection.close()


_TOUCHED: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _TOUCHED is not None and event in ("open", "os.scandir", "os.listdir") and args:
        _TOUCHED.append(str(args[0]))


def test_a_request_with_nothing_changed_opens_no_content_file(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    global _TOUCHED
    monkeypatch.setenv("NEWSROOM_CONTENT", str(content_dir))
    app = create_app()
    try:
        app.extensions["newsroom.preview"].check_result()  # the first check is made
        client = app.test_client()
        assert client.get("/nl/nieuws/eerste-bericht/").status_code == 200  # templates compiled
        if not getattr(_audit, "added", False):
            sys.addaudithook(_audit)  # (an audit hook stays for the process: it looks at a flag)
            _audit.added = True  # type: ignore[attr-defined]
        _TOUCHED = []
        for url in ("/nl/", "/nl/nieuws/", "/nl/nieuws/eerste-bericht/", "/en/news/feed.xml"):
            assert client.get(url).status_code == 200, url
        touched, _TOUCHED = _TOUCHED, None
    finally:
        _TOUCHED = None
        app.extensions["newsroom.preview"].stop()
    assert [path for path in touched if path.startswith(str(content_dir))] == []


def test_ctrl_c_stops_the_preview_with_a_page_open(content_dir: Path) -> None:
    env = {**os.environ, "NEWSROOM_CONTENT": str(content_dir)}
    serving = subprocess.Popen(
        [sys.executable, "-m", "newsroom.commands.preview", "--port", "0"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serving.stdout is not None
        line = serving.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/_preview/events")
        stream = connection.getresponse()
        assert read_event(stream)  # a page is open, listening
        serving.send_signal(signal.SIGINT)
        out, err = serving.communicate(timeout=30)
    finally:
        if serving.poll() is None:
            serving.kill()
            serving.communicate()
    assert serving.returncode == 0, err
    assert out == "" and "Traceback" not in err, err


def _saved_while_the_check_waits(site: Preview, post: Path, text: str, page: str) -> str:
    """Save `post` with its check held back, open `page` (it shows the findings of the check
    before) and let the check go; the version the save gave."""
    follower = site.app.extensions["newsroom.preview"]
    before = site.get("/_preview/version")[1]
    with follower._checking:  # the checker thread waits for this lock
        post.write_text(text, encoding="utf-8")
        deadline = time.monotonic() + WAIT_SECONDS
        while (saved := site.get("/_preview/version")[1]) == before:
            assert time.monotonic() < deadline, "the save was not heard"
            time.sleep(0.02)
        assert site.get(page)[0] == 200  # the reload the save asked for
    follower.check_result()  # the check of the saved content is in (and has bumped or not)
    return saved


def _findings(site: Preview, name: str) -> list[str]:
    result = site.app.extensions["newsroom.preview"].check_result()
    return [p.message for p in result.problems if Path(p.path).name == name]


NEWER = "---\ntitle: Eerste bericht\ndate: 2019-10-10\nupdated: 2019-11-20\n---\nNieuw.\n"


def test_a_save_reloads_a_page_once_when_its_findings_stay(site: Preview) -> None:
    """Saving the Dutch post makes its translation outdated: new findings, but not of the file
    the open page shows, so the check's result reloads no page a second time."""
    dutch, english = "eerste-bericht.nl.md", "eerste-bericht.en.md"
    before = (_findings(site, dutch), _findings(site, english))
    post = site.content / "nieuws" / dutch
    saved = _saved_while_the_check_waits(site, post, NEWER, "/nl/nieuws/eerste-bericht/")
    assert _findings(site, dutch) == before[0]
    assert _findings(site, english) != before[1]  # the check did find something new
    assert site.get("/_preview/version")[1] == saved  # one reload


def test_a_page_showing_findings_that_changed_reloads_again(site: Preview) -> None:
    """The page of the translation showed the findings from before the save: once the check
    has them, it reloads to show the new ones."""
    english = "eerste-bericht.en.md"
    before = _findings(site, english)
    post = site.content / "nieuws" / "eerste-bericht.nl.md"
    saved = _saved_while_the_check_waits(site, post, NEWER, "/en/news/eerste-bericht/")
    assert _findings(site, english) != before
    assert site.get("/_preview/version")[1] != saved  # the page is told to reload
    site.shows("/en/news/eerste-bericht/", "is older than the Dutch version")
