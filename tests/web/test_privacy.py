"""Privacy and safety of the built pages, read from the files: every page carries the site's
Content-Security-Policy before anything it loads, loads nothing from another origin, has no
inline script, style or event handler (the policy would block them), sets no cookie, and links
that open elsewhere carry rel="noopener". The browser tests check the same pages in Chromium.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsroom.build.site import build
from paths import REPO

POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
SEARCH_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
"""The search pages' policy: Pagefind's search is WebAssembly, which script-src 'self' forbids."""
SEARCH_PAGES = {"nl/zoeken/index.html", "en/search/index.html"}
# Attributes whose URL the browser fetches (or submits to) without a click.
FETCHED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("form", "action"),
    ("button", "formaction"),
    ("input", "formaction"),
    ("a", "ping"),
    ("area", "ping"),
}
# <link> relations that only name an address; every other relation loads something.
NAMING_RELS = {"alternate", "canonical", "next", "prev", "license", "author", "help"}
LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
DATA_TYPE = "application/ld+json"


@dataclass
class Page:
    """What a page asks of the browser, as the parser saw it."""

    policies: list[tuple[int, str]] = field(default_factory=list)  # (element number, policy)
    fetched: list[tuple[int, str, str]] = field(default_factory=list)  # (number, what, URL)
    named: list[tuple[str, str]] = field(default_factory=list)  # (rel, URL) of naming <link>s
    links: list[dict[str, str]] = field(default_factory=list)  # attributes of <a> and <area>
    inline: list[str] = field(default_factory=list)  # inline script, style, handlers
    data_blocks: list[str] = field(default_factory=list)  # texts of JSON-LD script elements
    cookies: list[str] = field(default_factory=list)


class Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.count = 0
        self.in_script = False
        self.in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1
        values = {name: value or "" for name, value in attrs}
        page = self.page
        for name, value in values.items():
            if name.startswith("on"):
                page.inline.append(f"<{tag} {name}>")
            if name == "style":
                page.inline.append(f"<{tag} style>")
            if (tag, name) in FETCHED:
                for url in re.split(r"\s*,\s*|\s+", value.strip()) if "srcset" in name else [value]:
                    if url and not re.fullmatch(r"\d+(\.\d+)?[wx]", url):
                        page.fetched.append((self.count, f"<{tag} {name}>", url))
        if tag == "style":
            page.inline.append("<style>")
        if tag == "script":
            # A data block (JSON-LD) is not script: browsers never run it, whatever the policy.
            self.in_data = values.get("type") == DATA_TYPE and "src" not in values
            self.in_script = "src" not in values and not self.in_data
            if self.in_data:
                self.page.data_blocks.append("")
        if tag == "base":
            page.fetched.append((self.count, "<base href>", values.get("href", "")))
        if tag in ("a", "area"):
            page.links.append(values)
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels and rels <= NAMING_RELS:
                page.named.append((" ".join(sorted(rels)), values.get("href", "")))
            else:
                what = f"<link rel={sorted(rels)}>"
                page.fetched.append((self.count, what, values.get("href", "")))
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            content = values.get("content", "")
            if equiv == "content-security-policy":
                page.policies.append((self.count, content))
            elif equiv == "refresh":
                target = re.sub(r"(?i)^\s*\d+\s*;?\s*(url\s*=\s*)?", "", content)
                page.fetched.append((self.count, "<meta refresh>", target.strip("'\"")))
            elif equiv == "set-cookie":
                page.cookies.append(content)

    def handle_data(self, data: str) -> None:
        if self.in_data:
            self.page.data_blocks[-1] += data
        if self.in_script and data.strip():
            self.page.inline.append("<script> with inline code")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = self.in_data = False


def scan(html: str) -> Page:
    scanner = Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.page


def same_origin(url: str) -> bool:
    """A URL the browser resolves against the page itself: no scheme, no host."""
    parts = urlsplit(url.strip())
    return parts.scheme == "" and parts.netloc == "" and not url.strip().startswith("//")


def problems(page: Page, base_url: str, expected: str = POLICY) -> list[str]:
    """Everything about a page that breaks the site's privacy and safety rules."""
    found: list[str] = []
    if [policy for _, policy in page.policies] != [expected]:
        found.append(
            f"Content-Security-Policy meta tags: {page.policies} (expected one: {expected})"
        )
    elif page.fetched and page.fetched[0][0] < page.policies[0][0]:
        found.append(f"{page.fetched[0][1]} comes before the Content-Security-Policy")
    found += [
        f"{what} loads {url!r} from another origin"
        for _, what, url in page.fetched
        if not same_origin(url)
    ]
    found += [
        f"<link rel={rel}> to {url!r}, not this site"
        for rel, url in page.named
        if not (same_origin(url) or url.startswith(base_url))
    ]
    found += [f"inline {what}: the policy blocks it" for what in page.inline]
    for text in page.data_blocks:
        try:
            json.loads(text)
        except ValueError:
            found.append(f"a JSON-LD block that is not JSON: {text[:80]!r}")
    found += [f"sets a cookie: {cookie!r}" for cookie in page.cookies]
    for link in page.links:
        href = link.get("href", "")
        if urlsplit(href).scheme.lower() not in LINK_SCHEMES:
            found.append(f"link to {href!r}: not a web, mail or phone address")
        if link.get("target", "_self").lower() not in ("_self", "") and not (
            {"noopener", "noreferrer"} & set(link.get("rel", "").lower().split())
        ):
            found.append(f"link to {href!r} opens elsewhere without rel=noopener")
    return found


# --- the checker itself finds what it must --------------------------------------------------

BAD_PAGE = """<!doctype html><html lang="en"><head>
<link rel="stylesheet" href="https://cdn.example.com/x.css">
<meta http-equiv="Content-Security-Policy" content="default-src *">
<meta http-equiv="Set-Cookie" content="id=1">
<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
<link rel="canonical" href="https://elsewhere.example/page">
<link rel="icon" href="//cdn.example.com/favicon.ico">
<script>track()</script><style>p{}</style>
<script type="application/ld+json">{"a": 1}</script>
<script type="application/ld+json">{"broken</script>
</head><body>
<img src="http://img.example.com/pixel.gif" srcset="a.png 1x, https://x.example/b.png 2x">
<p style="color:red" onclick="go()">text</p>
<iframe src="https://video.example/embed"></iframe>
<a href="https://other.example/" target="_blank">elsewhere</a>
<a href="javascript:alert(1)">script link</a>
<a href="https://other.example/" target="_blank" rel="noopener">fine</a>
<a href="/nl/" ping="https://tracker.example/">ping</a>
<form action="https://forms.example/"></form>
</body></html>"""


def test_checker_finds_every_kind_of_problem() -> None:
    found = "\n".join(problems(scan(BAD_PAGE), "https://site.example/"))
    for expected in (
        "Content-Security-Policy meta tags: [(4, 'default-src *')]",
        "<link rel=['stylesheet']> loads 'https://cdn.example.com/x.css'",
        "<meta refresh> loads 'https://elsewhere.example/'",
        "<link rel=canonical> to 'https://elsewhere.example/page', not this site",
        "<link rel=['icon']> loads '//cdn.example.com/favicon.ico'",
        "<img src> loads 'http://img.example.com/pixel.gif'",
        "<img srcset> loads 'https://x.example/b.png'",
        "<iframe src> loads 'https://video.example/embed'",
        "<a ping> loads 'https://tracker.example/'",
        "<form action> loads 'https://forms.example/'",
        "inline <script> with inline code",
        "inline <style>",
        "inline <p style>",
        "inline <p onclick>",
        "sets a cookie: 'id=1'",
        "link to 'javascript:alert(1)': not a web, mail or phone address",
        "link to 'https://other.example/' opens elsewhere without rel=noopener",
        "a JSON-LD block that is not JSON: '{\"broken'",
    ):
        assert expected in found, expected
    assert found.count("inline <script>") == 1  # JSON-LD is data, not script
    assert "img srcset> loads 'a.png'" not in found
    assert found.count("opens elsewhere") == 1


def test_checker_wants_the_policy_before_what_the_page_loads() -> None:
    policy = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    page = scan(f'<link rel="stylesheet" href="s.css">{policy}')
    assert problems(page, "https://site.example/") == [
        "<link rel=['stylesheet']> comes before the Content-Security-Policy"
    ]


# --- every page of the builds ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(frozen_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """base_url → built site: the repository's and the test fixtures'."""
    fixtures = tmp_path_factory.mktemp("privacy") / "fixtures"
    build(REPO / "tests" / "fixtures" / "content", fixtures)
    return {"https://rio-vo.example.org/": frozen_repo, "https://test.example.org/": fixtures}


def test_every_page_follows_the_privacy_rules(sites: dict[str, Path]) -> None:
    checked = 0
    found = []
    for base_url, site in sites.items():
        for path in sorted(site.rglob("*.html")):
            checked += 1
            page = scan(path.read_text(encoding="utf-8"))
            name = path.relative_to(site).as_posix()
            policy = SEARCH_POLICY if name in SEARCH_PAGES else POLICY
            found += [f"{name}: {problem}" for problem in problems(page, base_url, policy)]
            assert any(what.startswith("<link rel=['stylesheet']") for _, what, _ in page.fetched)
    assert found == []
    assert checked > 50


def test_pages_and_stylesheets_load_nothing_from_elsewhere(sites: dict[str, Path]) -> None:
    for site in sites.values():
        for stylesheet in site.rglob("*.css"):
            text = stylesheet.read_text(encoding="utf-8")
            assert "@import" not in text, stylesheet
            for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", text):
                assert same_origin(url) and not url.startswith("data:"), (stylesheet, url)


def test_the_root_redirect_stays_on_the_site(frozen_repo: Path) -> None:
    page = scan((frozen_repo / "index.html").read_text(encoding="utf-8"))
    assert [url for _, what, url in page.fetched if what == "<meta refresh>"] == ["nl/index.html"]
