"""Search in Chromium: the build's Pagefind index, searched by the page's own script.

The repository's site, built with its index and served over HTTP: queries in each language,
stemming, no results, the query in the address and the back button, the live region, axe with
and without results, nothing but the site's own files, a console that stays clean under the
pages' Content-Security-Policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urljoin

import pytest
from browsing import REPO, Recorder, Site, serve

from newsroom.build import search as search_index
from newsroom.build.search import FOLDER
from newsroom.build.site import build

SEARCH = {"nl": "nl/zoeken/index.html", "en": "en/search/index.html"}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Search:
    """A search page after a query: the results' links, marks, the live region's text."""

    links: list[str]
    titles: list[str]
    dates: list[str]
    marks: list[str]
    status: str
    recorder: Recorder


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The repository's site with the index of each language in as many shards as its pages
    allow (the standalone pages together in the first), as a big site has them: the search
    page merges them."""
    output = tmp_path_factory.mktemp("sharded-site") / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "SHARD_PAGES", 1)
        build(REPO / "content", output)
    assert (output / FOLDER / "nl-1").is_dir() and (output / FOLDER / "en-1").is_dir()
    with serve(output) as served:
        yield served


@pytest.fixture(params=["whole", "sharded"])
def any_site(request, site: Site) -> Site:
    """The site with each language's index in one shard, and in several."""
    return site if request.param == "whole" else request.getfixturevalue("sharded_site")


@pytest.fixture
def page(browser, site: Site) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_for_results(page) -> None:
    """Until the live region says how the search went (the script fills it in at the end)."""
    page.wait_for_selector("#search-status:not(:empty)")  # (a selector: the CSP forbids eval)


def results(page, recorder: Recorder) -> Search:
    wait_for_results(page)
    items = page.locator("#search-results li")
    return Search(
        links=[
            a.get_attribute("href") or "" for a in page.locator("#search-results li h2 a").all()
        ],
        titles=page.locator("#search-results li h2").all_inner_texts(),
        dates=[(item.locator("time").all_inner_texts() or [""])[0] for item in items.all()],
        marks=page.locator("#search-results mark").all_inner_texts(),
        status=page.locator("#search-status").inner_text(),
        recorder=recorder,
    )


def search(page, site: Site, lang: str, query: str) -> Search:
    """Open the search page of `lang` with `?q=query` in the address."""
    recorder = Recorder()
    recorder.attach(page)
    page.goto(site.url(f"{SEARCH[lang]}?q={quote(query)}"))
    return results(page, recorder)


def test_the_index_is_built_with_the_site(site: Site) -> None:
    for lang in ("nl", "en"):
        assert (site.root / FOLDER / lang / "pagefind.js").is_file()
        # Only its language's WebAssembly (the searches below load it and nothing else).
        assert sorted(p.name for p in (site.root / FOLDER / lang).glob("wasm.*")) == [
            f"wasm.{lang}.pagefind"
        ]


def test_a_dutch_query_finds_the_livegang_post_and_nothing_english(page, any_site: Site) -> None:
    site = any_site
    found = search(page, site, "nl", "livegang")
    assert any("nl/nieuws/update-livegang/" in link for link in found.links), found.links
    assert found.links and not any("/en/" in link for link in found.links), found.links
    assert "Update livegang" in found.titles
    assert found.dates[found.titles.index("Update livegang")] == "31 oktober 2019"
    assert any(mark.lower().startswith("livegang") for mark in found.marks), found.marks
    times = page.locator("#search-results time").evaluate_all("ts => ts.map(t => t.dateTime)")
    assert "2019-10-31" in times and all(re.fullmatch(r"\d{4}-\d\d-\d\d", t) for t in times)
    assert found.recorder.errors == [] and found.recorder.console == []


def test_an_english_query_finds_the_english_mandate_post(page, any_site: Site) -> None:
    found = search(page, any_site, "en", "mandate")
    assert any("en/news/mandaat-softwareleverancier/" in link for link in found.links)
    assert not any("/nl/" in link for link in found.links), found.links
    assert found.dates[0] == "10 October 2019"  # the best match is the post itself


def test_a_stemmed_dutch_query_finds_its_word(page, any_site: Site) -> None:
    text = (REPO / "content/nieuws/update-livegang.nl.md").read_text(encoding="utf-8").lower()
    assert "aansluitingen" not in text and "aansluiting" in text  # only the stem can match
    found = search(page, any_site, "nl", "aansluitingen")
    assert any("nl/nieuws/update-livegang/" in link for link in found.links), found.links
    assert "aansluiting" in [mark.lower() for mark in found.marks], found.marks


def test_a_query_without_results_says_so(page, any_site: Site) -> None:
    found = search(page, any_site, "nl", "zwqxjv")
    assert found.links == []
    assert found.status.startswith("Geen resultaten voor “zwqxjv”")
    found = search(page, any_site, "en", "zwqxjv")
    assert found.status.startswith("No results for “zwqxjv”")


def test_the_count_is_in_a_polite_live_region(page, any_site: Site) -> None:
    found = search(page, any_site, "en", "mandate")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"  # implies aria-live="polite"
    count = len(found.links)
    assert count >= 2
    assert found.status == f"{count} results for “mandate”"


def test_the_form_puts_the_query_in_the_address_and_back_returns_to_it(page, site: Site) -> None:
    recorder = Recorder()
    recorder.attach(page)
    page.goto(site.url(SEARCH["nl"]))
    form = page.locator("form[role=search]")
    assert form.count() == 1
    label = page.locator("label[for=search-input]").inner_text()
    assert label and page.get_by_label(label).count() == 1
    page.get_by_label(label).fill("mandaat")
    page.keyboard.press("Enter")
    first = results(page, recorder)
    assert page.url.endswith("?q=mandaat")
    # Focus stays where the reader left it.
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.get_by_label(label).fill("livegang")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**?q=livegang")
    page.locator("#search-status", has_text="livegang").wait_for()
    page.go_back()
    page.wait_for_url("**?q=mandaat")
    page.locator("#search-status", has_text="mandaat").wait_for()
    assert page.get_by_label(label).input_value() == "mandaat"
    assert results(page, recorder).links == first.links
    assert recorder.errors == [] and recorder.console == []


# Pagefind's JS API as static/search.js uses it: the first shard, the others merged into it.
OPEN_INDEX = """async ([bundle, list]) => {
  const p = await import(bundle);
  await p.options({ baseUrl: "/" });
  await p.init();
  const shards = await (await fetch(list)).json();
  for (const shard of shards) await p.mergeIndex(new URL(shard, list).pathname, { baseUrl: "/" });
  return p;
}"""


def test_topics_are_filters_of_the_index(page, any_site: Site) -> None:
    site = any_site
    page.goto(site.url(SEARCH["nl"]))
    urls = [site.url(f"{FOLDER}/nl/pagefind.js"), site.url(f"{FOLDER}/nl.json")]
    filters, found = page.evaluate(
        f"""async urls => {{
            const p = await ({OPEN_INDEX})(urls);
            const found = await p.search(null, {{ filters: {{ topic: "livegang" }} }});
            const pages = await Promise.all(found.results.map(async (r) => (await r.data()).url));
            return [await p.filters(), pages];
        }}""",
        urls,
    )
    assert "topic" in filters and filters["topic"].get("livegang") == 1, filters
    assert filters["topic"].get("mandaat") == 1, filters
    assert found == ["/nl/nieuws/update-livegang/"], found


@pytest.mark.parametrize("query", ["", "mandaat"])
def test_axe_finds_no_violations_on_the_search_page(browser, site, axe_script, query) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url(SEARCH["nl"] + (f"?q={query}" if query else "")))
        if query:
            wait_for_results(page)
            assert page.locator("#search-results li").count() >= 1
        page.add_script_tag(path=str(axe_script))
        found = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
    finally:
        context.close()
    assert len(found["passes"]) >= 10
    assert [v["id"] for v in found["violations"]] == []


def test_no_request_leaves_the_site_and_nothing_else_is_loaded(page, any_site: Site) -> None:
    site = any_site
    found = search(page, site, "en", "mandate")
    requests = found.recorder.requests
    assert requests and all(url.startswith(site.origin + "/") for url in requests), requests
    # The page's own script and Pagefind's files of its language; not the other language's.
    assert any(url.endswith("/static/search.js") for url in requests)
    assert any("/pagefind/en/wasm.en.pagefind" in url for url in requests)
    assert not any("/pagefind/nl" in url or "wasm.nl" in url for url in requests), requests
    # One WebAssembly whatever the shards: the merged ones use the first's.
    assert len([url for url in requests if "/wasm." in url]) == 1, requests


def test_the_results_fit_a_small_screen(browser, site: Site) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(site.url(SEARCH["nl"] + "?q=aansluiting"))
        wait_for_results(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        box = page.locator("#search-input").bounding_box()
    finally:
        context.close()
    assert width <= 360
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_without_javascript_the_page_says_so_and_links_on(browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(SEARCH["nl"] + "?q=mandaat"))
        text = page.locator("main").inner_text()
        links = page.locator("main noscript a, main a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    finally:
        context.close()
    assert "Zoeken werkt alleen met JavaScript" in text
    for target in ("nieuws/index.html", "onderwerpen/index.html", "archief/index.html"):
        assert any(link.endswith(target) for link in links), (target, links)


def test_every_page_links_to_the_search_page(site: Site) -> None:
    pages = [p for p in site.root.rglob("*.html") if p.parts[len(site.root.parts)] in SEARCH]
    assert len(pages) > 20
    for path in pages:
        relative = path.relative_to(site.root).as_posix()
        html = path.read_text(encoding="utf-8")
        link = re.search(r'<a class="header-search" href="([^"]+)"', html)
        assert link, relative
        target = urljoin(f"/{relative}", link.group(1))
        lang = relative.split("/")[0]
        assert target in (f"/{SEARCH[lang]}", "/" + SEARCH[lang].removesuffix("index.html"))
