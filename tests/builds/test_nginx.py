"""deploy/nginx.conf served by Debian's nginx on 127.0.0.1: types, 404 pages, caching, security
headers and the language redirect of "/", checked over HTTP against the frozen site.

nginx runs as a child process (no daemon) with its pid, logs and temporary files under the test's
temporary folder, so it runs as any user. With CI=true a missing nginx fails the tests.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS
from paths import REPO

DEPLOY = REPO / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEBIAN_CONF = Path("/etc/nginx/nginx.conf")
LISTEN = "listen 8080;"
ROOT = "root /srv/newsroom/build;"

HTML = "text/html; charset=utf-8"
TYPES = {
    "feed.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
    "sitemap.xml": "text/xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".html": HTML,
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",  # the default image of shared links, /<lang>/share.png
    # The search page's script and Pagefind's index (build/search.py): nginx's own types.
    ".js": "application/javascript",
    ".json": "application/json",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
HIDDEN = {".newsroom-build", "next-build.txt"}  # in the build, never served
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def expected_type(path: str) -> str:
    """The Content-Type a file of the build must be served with (decided here, not by nginx)."""
    name = path.rsplit("/", 1)[-1]
    if name in TYPES:
        return TYPES[name]
    suffix = "." + name.rsplit(".", 1)[-1]
    if suffix not in TYPES:
        pytest.fail(f"{path}: a kind of file this test does not know; add its type to TYPES")
    return TYPES[suffix]


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass(frozen=True)
class Server:
    port: int
    root: Path

    def get(self, path: str, method: str = "GET", **headers: str) -> Response:
        """One request, redirects not followed; headers as keyword arguments (_ for -)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(
                method, path, headers={k.replace("_", "-"): v for k, v in headers.items()}
            )
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()


def required(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: .ci/run installs Debian's nginx)")
    pytest.skip(what)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render(conf_dir: Path, root: Path, port: int) -> Path:
    """deploy/nginx.conf with its two site lines set, beside the files it includes."""
    conf_dir.mkdir(parents=True, exist_ok=True)
    for source in DEPLOY.glob("*.conf"):
        shutil.copy(source, conf_dir / source.name)
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for line in (LISTEN, ROOT):
        assert text.count(line) == 1, f"deploy/nginx.conf: expected the line {line!r} once"
    text = text.replace(LISTEN, f"listen 127.0.0.1:{port};").replace(ROOT, f'root "{root}";')
    conf = conf_dir / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def wait_until_listening(process: subprocess.Popen, port: int, log: Path) -> bool:
    """True once nginx accepts connections; False if it exited (e.g. the port was taken)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not start listening within 15 s: {log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def nginx(frozen_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The repository's frozen site, served by nginx with deploy/nginx.conf."""
    with serving(frozen_repo, tmp_path_factory) as server:
        yield server


@contextmanager
def serving(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`root` served by nginx with deploy/nginx.conf, until the block ends."""
    if not Path(NGINX).is_file():
        required(f"nginx not found at {NGINX} (apt-get install nginx)")
    base = tmp_path_factory.mktemp("nginx")
    prefix = base / "prefix"
    (prefix / "temp").mkdir(parents=True)
    log = base / "nginx.log"
    for _attempt in range(3):  # another process may take the free port before nginx does
        port = free_port()
        conf = render(base / "conf", root, port)
        settings = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        with log.open("w") as stderr:
            process = subprocess.Popen(
                [NGINX, "-p", f"{prefix}/", "-c", str(conf), "-e", "stderr", "-g", settings],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        if wait_until_listening(process, port, log):
            break
        if "Address already in use" not in log.read_text(errors="replace"):
            pytest.fail(f"nginx did not start: {log.read_text(errors='replace')}")
    else:
        pytest.fail(f"nginx found no free port: {log.read_text(errors='replace')}")
    try:
        yield Server(port, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def served_files(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.name not in HIDDEN
    )


def html_lang(body: bytes) -> str:
    found = re.search(rb'<html lang="([^"]+)"', body)
    assert found, body[:200]
    return found.group(1).decode()


def meta_policy(body: bytes) -> str:
    found = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', body)
    assert found, "the page has no Content-Security-Policy meta tag"
    return found.group(1).decode()


# --- the configuration itself -------------------------------------------------------------


def test_configuration_passes_nginx_test(tmp_path: Path) -> None:
    if not Path(NGINX).is_file():
        required(f"nginx not found at {NGINX} (apt-get install nginx)")
    (tmp_path / "prefix" / "temp").mkdir(parents=True)
    (tmp_path / "build").mkdir()
    conf = render(tmp_path / "conf", tmp_path / "build", free_port())
    result = subprocess.run(
        [NGINX, "-t", "-p", f"{tmp_path / 'prefix'}/", "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_site_files_fit_debians_own_nginx_conf(tmp_path: Path) -> None:
    """The two included files work inside Debian's /etc/nginx/nginx.conf as docs/serving.md says."""
    if not Path(NGINX).is_file() or not DEBIAN_CONF.is_file():
        required(f"nginx or {DEBIAN_CONF} not found (apt-get install nginx)")
    text = DEBIAN_CONF.read_text(encoding="utf-8")
    server = (
        f"server {{ listen 127.0.0.1:{free_port()}; root {tmp_path};"
        f" include {DEPLOY / 'newsroom-site.conf'}; }}"
    )
    for line, replacement in (
        ("include /etc/nginx/conf.d/*.conf;", f"include {DEPLOY / 'newsroom-http.conf'};"),
        ("include /etc/nginx/sites-enabled/*;", server),
    ):
        assert text.count(line) == 1, f"{DEBIAN_CONF}: expected {line!r} once"
        text = text.replace(line, replacement)
    # What only root may open: the machine's logs and pid file.
    text = re.sub(r"(?m)^\s*(user|pid|error_log|access_log)\s.*$", "", text)
    text += f"\npid {tmp_path / 'nginx.pid'};\nerror_log stderr;\n"
    conf = tmp_path / "debian.conf"
    conf.write_text(text.replace("http {", f"http {{ access_log {tmp_path / 'access.log'};"))
    result = subprocess.run(
        [NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- every file of the build, with its type ------------------------------------------------


def test_every_file_is_served_with_its_type(nginx: Server) -> None:
    files = served_files(nginx.root)
    assert len(files) > 40
    assert {"nl/nieuws/feed.xml", "en/news/atom.xml", "nl/planning.ics"} <= set(files)
    wrong = []
    for path in files:
        response = nginx.get("/" + path)
        got = (response.status, response.header("Content-Type"))
        if got != (200, expected_type(path)):
            wrong.append(f"{path}: {got}")
        elif response.body != (nginx.root / path).read_bytes():
            wrong.append(f"{path}: body differs from the file")
    assert wrong == []


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/nl/nieuws/feed.xml", "application/rss+xml; charset=utf-8"),
        ("/en/topics/go-live/feed.xml", "application/rss+xml; charset=utf-8"),
        ("/en/news/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/nl/planning/magister/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/nl/planning.ics", "text/calendar; charset=utf-8"),
        ("/en/schedule/magister.ics", "text/calendar; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/nl/", HTML),
        ("/en/news/update-livegang/", HTML),
    ],
)
def test_types(nginx: Server, path: str, content_type: str) -> None:
    response = nginx.get(path)
    assert response.status == 200
    assert response.header("Content-Type") == content_type


def test_folder_addresses_get_their_slash(nginx: Server) -> None:
    response = nginx.get("/nl/nieuws")
    assert response.status == 301
    assert response.header("Location") == "/nl/nieuws/"  # relative: keeps host and port
    page = nginx.get("/nl/nieuws/")
    assert page.status == 200
    assert page.body == (nginx.root / "nl/nieuws/index.html").read_bytes()


def test_pages_are_compressed_for_browsers_that_accept_it(nginx: Server) -> None:
    response = nginx.get("/en/news/", Accept_Encoding="gzip")
    assert response.header("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body) == (nginx.root / "en/news/index.html").read_bytes()
    assert "Accept-Encoding" in response.header("Vary")


# --- 404 pages per language ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "headers", "lang"),
    [
        ("/nl/bestaat-niet/", {}, "nl"),
        ("/nl/nieuws/bestaat-niet", {"Accept_Language": "en"}, "nl"),
        ("/nl/nieuws/bestaat-niet/feed.xml", {}, "nl"),
        ("/en/does-not-exist/", {}, "en"),
        ("/en/news/does-not-exist", {"Accept_Language": "nl"}, "en"),
        ("/en/schedule/nobody.ics", {}, "en"),
        ("/does-not-exist", {"Accept_Language": "en-GB,en;q=0.9"}, "en"),
        ("/does-not-exist", {}, "nl"),
        ("/static/", {"Accept_Language": "en"}, "en"),  # a folder without a page
        ("/.newsroom-build", {}, "nl"),  # the build's marker
        ("/next-build.txt", {}, "nl"),  # when an embargoed post is due: not public
    ],
)
def test_missing_addresses_get_the_404_page_of_their_language(
    nginx: Server, path: str, headers: dict[str, str], lang: str
) -> None:
    response = nginx.get(path, **headers)
    assert response.status == 404
    assert response.header("Content-Type") == HTML
    assert response.body == (nginx.root / lang / "404.html").read_bytes()
    assert html_lang(response.body) == lang


# --- caching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/nl/", "no-cache"),
        ("/en/news/update-livegang/", "no-cache"),
        ("/nl/nieuws/feed.xml", "no-cache"),
        ("/en/schedule.ics", "no-cache"),
        ("/sitemap.xml", "no-cache"),
        ("/nl/bestaat-niet/", "no-cache"),
        ("/static/style.css", "public, max-age=86400"),
    ],
)
def test_cache_control(nginx: Server, path: str, cache_control: str) -> None:
    assert nginx.get(path).header("Cache-Control") == cache_control


@pytest.fixture(scope="module")
def nginx_images(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The fixtures' site with a post showing images, served by nginx."""
    from images import add_images
    from newsroom.build.site import build
    from paths import FIXTURES

    base = tmp_path_factory.mktemp("nginx-images")
    shutil.copytree(FIXTURES / "content", base / "content")
    add_images(base / "content")
    build(base / "content", base / "out", jobs=1, search=False)
    with serving(base / "out", tmp_path_factory) as server:
        yield server


def test_image_copies_linked_with_their_version_are_kept_for_good(nginx_images: Server) -> None:
    """A page links a copy with `?v=` and the start of its image's digest, which changes with
    the image: under that URL the copy never changes, so caches keep it a year. The address
    without it (an older feed entry, a shared link) is kept a day, as before."""
    page = nginx_images.get("/nl/nieuws/fotos/").body.decode()
    links = re.findall(r'src="((?:\.\./)+afbeeldingen/[^"?]+)\?v=([0-9a-f]{10})"', page)
    assert links, page
    for path, version in links:
        url = "/" + path.lstrip("./")
        versioned = nginx_images.get(f"{url}?v={version}")
        assert versioned.status == 200
        assert versioned.header("Cache-Control") == "public, max-age=31536000, immutable"
        plain = nginx_images.get(url)
        assert (plain.status, plain.header("Cache-Control")) == (200, "public, max-age=86400")
        assert plain.body == versioned.body
    # A missing copy gets the 404 page, kept as a page (not for good).
    missing = nginx_images.get("/afbeeldingen/weg.jpg/800.jpg?v=0123456789")
    assert (missing.status, missing.header("Cache-Control")) == (404, "no-cache")


@pytest.mark.parametrize("path", ["/nl/nieuws/", "/en/news/atom.xml", "/static/style.css"])
def test_revalidation_answers_not_modified(nginx: Server, path: str) -> None:
    first = nginx.get(path)
    etag = first.header("ETag")
    assert etag and first.header("Last-Modified")
    again = nginx.get(path, If_None_Match=etag)
    assert (again.status, again.body) == (304, b"")


# --- security headers, cookies ---------------------------------------------------------------

HEADER_PATHS = ["/nl/", "/en/news/", "/static/style.css", "/nl/nieuws/feed.xml", "/en/x", "/"]


@pytest.mark.parametrize("path", HEADER_PATHS)
def test_security_headers_on_every_answer(nginx: Server, path: str) -> None:
    response = nginx.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.header(name) == value, name
    permissions = response.header("Permissions-Policy")
    assert permissions and "camera=()" in permissions and "geolocation=()" in permissions
    assert response.header("Set-Cookie") is None
    assert response.header("Server") == "nginx"  # no version number


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/nl/zoeken/", "nl/zoeken/index.html"),
        ("/en/search/?q=x", "en/search/index.html"),
        ("/pagefind/en/pagefind-worker.js", "en/search/index.html"),
    ],
)
def test_search_pages_policy_is_their_own_and_the_index_shares_it(
    nginx: Server, path: str, page: str
) -> None:
    """Only the search pages and Pagefind's files may compile WebAssembly."""
    page_policy = meta_policy((nginx.root / page).read_bytes())
    assert "'wasm-unsafe-eval'" in page_policy
    assert nginx.get(path).header("Content-Security-Policy") == (
        page_policy + "; frame-ancestors 'none'"
    )


@pytest.mark.parametrize("path", HEADER_PATHS)
def test_header_policy_is_the_pages_policy_and_forbids_framing(nginx: Server, path: str) -> None:
    page_policy = meta_policy((nginx.root / "nl/index.html").read_bytes())
    header = nginx.get(path).header("Content-Security-Policy")
    assert header == page_policy + "; frame-ancestors 'none'"


# --- "/" by the browser's language ----------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("en", "/en/"),
        ("EN-us", "/en/"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "/en/"),
        ("nl-NL", "/nl/"),
        ("nl-BE,nl;q=0.9,en-GB;q=0.8,en;q=0.7", "/nl/"),
        ("de-DE,nl;q=0.9,en;q=0.8", "/nl/"),
        ("fr", "/nl/"),
        ("*", "/nl/"),
        (None, "/nl/"),
    ],
)
def test_root_sends_readers_to_their_language(
    nginx: Server, accept_language: str | None, target: str
) -> None:
    headers = {} if accept_language is None else {"Accept_Language": accept_language}
    response = nginx.get("/", **headers)
    assert response.status == 302
    assert response.header("Location") == target
    assert response.header("Vary") == "Accept-Language"
    assert response.header("Cache-Control") == "no-cache"
    home = nginx.get(target)
    assert home.status == 200
    assert html_lang(home.body) == target.strip("/")


def test_language_choice_page_stays_reachable(nginx: Server) -> None:
    response = nginx.get("/index.html")
    assert response.status == 200
    assert response.body == (nginx.root / "index.html").read_bytes()


def test_a_missing_favicon_is_no_content(nginx: Server) -> None:
    """Clients that ignore the pages' icon link ask for /favicon.ico: no error for them."""
    assert not (nginx.root / "favicon.ico").exists()
    response = nginx.get("/favicon.ico")
    assert (response.status, response.body) == (204, b"")
    assert response.header("X-Content-Type-Options") == "nosniff"


def test_only_reading_methods(nginx: Server) -> None:
    assert nginx.get("/nl/", method="HEAD").status == 200
    assert nginx.get("/nl/", method="POST").status == 405


# --- in a browser: the headers do what they say ----------------------------------------------

NOT_FOUND_MESSAGE = "Failed to load resource: the server responded with a status of 404 (Not Found)"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Callable]:
    """Debian's Chromium through Playwright (no browser download), in a thread of its own.

    The browser tests keep a Playwright of their own running in the main thread for the whole
    session, and Playwright's sync API allows one per thread; so this one lives in a worker
    thread, and the tests hand it functions of the browser to run there.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        required("Playwright for Python is not installed (make test installs it)")
    if not Path(CHROMIUM).exists():
        required(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    pool = ThreadPoolExecutor(max_workers=1)

    def start():
        playwright = sync_playwright().start()
        return playwright, playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    playwright, browser = pool.submit(start).result(timeout=120)
    try:
        yield lambda work: pool.submit(work, browser).result(timeout=120)
    finally:
        pool.submit(lambda: (browser.close(), playwright.stop())).result(timeout=120)
        pool.shutdown()


@dataclass(frozen=True)
class Visit:
    url: str
    status: int
    rules: list[int]  # CSS rules per stylesheet
    console: list[str]
    requests: list[str]
    cookies: list[dict]


@pytest.mark.parametrize(
    ("locale", "path", "final", "status"),
    [
        ("en-GB", "/", "/en/", 200),
        ("nl-NL", "/", "/nl/", 200),
        ("en-GB", "/nl/nieuws/update-livegang/", "/nl/nieuws/update-livegang/", 200),
        ("nl-NL", "/en/schedule/", "/en/schedule/", 200),
        ("nl-NL", "/en/does-not-exist/", "/en/does-not-exist/", 404),
    ],
)
def test_pages_work_in_a_browser_under_the_headers(
    nginx: Server, chromium: Callable, locale: str, path: str, final: str, status: int
) -> None:
    """The header policy lets the page and its stylesheet load, and nothing complains."""
    origin = f"http://127.0.0.1:{nginx.port}"

    def visit(browser) -> Visit:
        context = browser.new_context(locale=locale)  # sets Accept-Language too
        try:
            page = context.new_page()
            console: list[str] = []
            requests: list[str] = []
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.on("request", lambda request: requests.append(request.url))
            response = page.goto(origin + path)
            page.wait_for_load_state("networkidle")
            rules = page.evaluate("[...document.styleSheets].map(sheet => sheet.cssRules.length)")
            return Visit(page.url, response.status, rules, console, requests, context.cookies())
        finally:
            context.close()

    seen = chromium(visit)
    assert (seen.url, seen.status) == (origin + final, status)
    assert seen.rules and all(seen.rules), "the stylesheet did not load"
    console = seen.console
    if status == 404:  # Chromium reports the page's own status; nothing else may appear
        assert console[:1] == [f"error: {NOT_FOUND_MESSAGE}"], console
        console = console[1:]
    assert console == []
    assert all(request.startswith(origin + "/") for request in seen.requests), seen.requests
    assert seen.cookies == []


def test_no_other_site_can_frame_the_pages(nginx: Server, chromium: Callable) -> None:
    """frame-ancestors 'none' and X-Frame-Options: Chromium shows an error page in the frame."""
    other = f"http://localhost:{nginx.port}"  # another origin than 127.0.0.1
    site_page = f"http://127.0.0.1:{nginx.port}/nl/"

    def frame_urls(browser) -> list[str]:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.route(
                f"{other}/framing.html",
                lambda route: route.fulfill(
                    content_type="text/html",
                    body=f'<iframe src="{site_page}"></iframe><iframe src="{other}/plain.html">',
                ),
            )
            # The control: a page without the site's headers does load in a frame.
            page.route(
                f"{other}/plain.html",
                lambda route: route.fulfill(content_type="text/html", body="<title>plain</title>"),
            )
            page.goto(f"{other}/framing.html")
            page.wait_for_load_state("networkidle")
            return [frame.url for frame in page.frames if frame != page.main_frame]
        finally:
            context.close()

    frames = chromium(frame_urls)
    assert len(frames) == 2 and frames[1] == f"{other}/plain.html", frames
    assert frames[0].startswith("chrome-error://"), frames


def test_search_works_in_a_browser_under_the_headers(nginx: Server, chromium: Callable) -> None:
    """The search page finds under the header policy (Pagefind's WebAssembly included),
    with nothing in the console and no request elsewhere."""
    origin = f"http://127.0.0.1:{nginx.port}"

    def visit(browser) -> tuple[list[str], list[str], list[str], str]:
        context = browser.new_context(locale="en-GB")
        try:
            page = context.new_page()
            console: list[str] = []
            requests: list[str] = []
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.on("request", lambda request: requests.append(request.url))
            response = page.goto(origin + "/en/search/?q=mandate")
            assert response.status == 200
            assert "script-src 'self'" in (response.headers["content-security-policy"])
            page.wait_for_selector("#search-status:not(:empty)")
            links = page.locator("#search-results li h2 a").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
            return links, console, requests, page.locator("#search-status").inner_text()
        finally:
            context.close()

    links, console, requests, status = chromium(visit)
    assert "/en/news/mandaat-softwareleverancier/index.html" in links, (links, status, console)
    assert status == f"{len(links)} results for “mandate”"
    assert console == []
    assert all(request.startswith(origin + "/") for request in requests), requests
    assert any("/pagefind/en/wasm.en.pagefind" in request for request in requests)
