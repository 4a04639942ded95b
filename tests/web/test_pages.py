"""Standalone pages: loading and checking, addresses per language, switcher, menus, sitemap."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from edits import problems_for, write_in
from newsroom.content.dates import AMSTERDAM
from newsroom.loading.content import load_content
from paths import FIXTURES

GOOD = "---\ntitle: Goed\n---\nTekst.\n"


def write(content_dir: Path, name: str, text: str | bytes) -> Path:
    return write_in("paginas", content_dir, name, text)


# --- loading -------------------------------------------------------------------------------


def test_loads_fixture_pages(content_dir: Path) -> None:
    pages = {p.key: p for p in load_content(content_dir).pages}
    assert sorted(pages) == [
        ("en", "hulp"),
        ("en", "over-ons"),
        ("nl", "colofon"),
        ("nl", "hulp"),
        ("nl", "over-ons"),
    ]
    about = pages[("en", "over-ons")]
    assert about.url_slug == "about-us" and about.title == "About us"
    assert about.menu == 2 and about.footer is None
    assert about.updated is not None and about.updated.date().isoformat() == "2019-11-05"
    assert about.updated.tzinfo == AMSTERDAM
    assert about.summary == "We make test news."  # no summary: the first paragraph
    assert '<h2 id="contact">Contact</h2>' in about.body_html
    dutch = pages[("nl", "over-ons")]
    assert dutch.url_slug == "over-ons" and dutch.summary == "Wie wij zijn."
    assert pages[("nl", "colofon")].menu is None


def test_no_pages_folder_is_fine(content_dir: Path) -> None:
    for path in (content_dir / "paginas").iterdir():
        path.unlink()
    (content_dir / "paginas").rmdir()
    assert load_content(content_dir).pages == ()


BAD_CASES = [
    pytest.param(
        "x.nl.md",
        "---\nsummary: S\n---\nTekst.\n",
        "x.nl.md: title: is required and missing",
        id="missing-title",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\n---\nTekst.\n",
        "x.nl.md:3: date: unknown field (known fields: title, summary, updated, menu, footer, "
        "slug)",
        id="unknown-key",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\nmenu: eerste\n---\nTekst.\n",
        'x.nl.md:3: menu: "eerste" is not a whole number of at least 1',
        id="menu-not-number",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\nmenu: 0\n---\nTekst.\n",
        "x.nl.md:3: menu: 0 is not a whole number of at least 1",
        id="menu-zero",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\nfooter: 1.5\n---\nTekst.\n",
        "x.nl.md:3: footer: 1.5 is not a whole number of at least 1",
        id="footer-fraction",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\nupdated: gisteren\n---\nTekst.\n",
        'x.nl.md:3: updated: "gisteren" is not an ISO date',
        id="bad-updated",
    ),
    pytest.param(
        "x.en.md",
        "---\ntitle: X\nslug: About Us\n---\nTekst.\n",
        'x.en.md:3: slug: "About Us" may use only lowercase a-z, 0-9 and single hyphens',
        id="bad-url-slug",
    ),
    pytest.param(
        "x.en.md",
        "---\ntitle: X\nslug: [about]\n---\nTekst.\n",
        "x.en.md:3: slug: a list is not text",
        id="url-slug-list",
    ),
    pytest.param(
        "x.en.md",
        "---\ntitle: X\nslug: news\n---\nTekst.\n",
        'x.en.md:3: slug: "news" is the address of a section of the site (reserved: ',
        id="url-slug-is-a-section",
    ),
    pytest.param(
        "archief.nl.md",
        GOOD,
        'archief.nl.md: file name: "archief" is the address of a section of the site',
        id="file-slug-is-a-section",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\n---\n\n",
        "x.nl.md:4: the page has no text below the front matter",
        id="empty-body",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\n---\n# Nog een titel\n",
        "x.nl.md:4: the text has a level-1 heading",
        id="h1-in-body",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\n---\nTekst.\n\n[[onbekend]]\n",
        'x.nl.md:6: unknown block "[[onbekend]]"',
        id="unknown-block",
    ),
    pytest.param(
        "Over_Ons.nl.md",
        GOOD,
        'Over_Ons.nl.md: file name: slug "Over_Ons" may use only lowercase',
        id="bad-file-slug",
    ),
    pytest.param(
        "x.fr.md",
        GOOD,
        'x.fr.md: file name: language "fr" is not one of nl, en',
        id="unknown-language",
    ),
    pytest.param(
        "x.nl.md",
        "Geen voorwerk.\n",
        "x.nl.md:1: no front matter",
        id="no-front-matter",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD_CASES)
def test_bad_page_gets_precise_message(
    content_dir: Path, name: str, text: str | bytes, expected: str
) -> None:
    write(content_dir, name, text)
    problems = problems_for(content_dir)
    assert len(problems) == 1, problems
    assert expected in problems[0], problems
    assert problems[0].startswith(str(content_dir / "paginas"))


def test_url_slug_used_by_two_pages(content_dir: Path) -> None:
    # `zz.en.md` would live at /en/zz/, where a.en.md (slug: zz) already is.
    write(content_dir, "a.en.md", "---\ntitle: A\nslug: zz\n---\nText.\n")
    write(content_dir, "zz.en.md", GOOD)
    (problem,) = problems_for(content_dir)
    assert problem == (
        f'{content_dir / "paginas" / "zz.en.md"}: file name: "zz" is already the address of '
        f'{content_dir / "paginas" / "a.en.md"} in language "en"; rename the file or give the '
        "page another address with 'slug: …'"
    )


def test_url_slug_field_used_by_two_pages(content_dir: Path) -> None:
    write(content_dir, "zz.en.md", "---\ntitle: Z\nslug: about-us\n---\nTekst.\n")
    (problem,) = problems_for(content_dir)
    assert 'zz.en.md:3: slug: "about-us" is already the address of' in problem
    assert "over-ons.en.md" in problem


def test_same_url_slug_in_two_languages_is_fine(content_dir: Path) -> None:
    write(content_dir, "contact.nl.md", GOOD)
    write(content_dir, "contact.en.md", "---\ntitle: Contact\n---\nText.\n")
    keys = {p.key for p in load_content(content_dir).pages}
    assert {("nl", "contact"), ("en", "contact")} <= keys


def test_same_file_slug_twice_in_one_language(content_dir: Path) -> None:
    write(content_dir, "sub/hulp.nl.md", GOOD)
    (problem,) = problems_for(content_dir)
    assert 'file name: slug "hulp" is already used in language "nl"' in problem


def test_all_page_and_post_problems_at_once(content_dir: Path) -> None:
    write(content_dir, "a.nl.md", "---\nsummary: S\nmenu: x\n---\nTekst.\n")
    write(content_dir, "b.en.md", "---\ntitle: B\nslug: topics\n---\nText.\n")
    (content_dir / "nieuws" / "c.nl.md").write_text("---\ntitle: C\n---\nT.\n", encoding="utf-8")
    problems = problems_for(content_dir)
    assert len(problems) == 4, problems
    assert any("c.nl.md: date: is required" in p for p in problems)
    assert any("a.nl.md: title: is required" in p for p in problems)
    assert any("a.nl.md:3: menu:" in p for p in problems)
    assert any('b.en.md:3: slug: "topics" is the address of a section' in p for p in problems)


# --- rendering -----------------------------------------------------------------------------


def html_lang(page: str) -> str:
    match = re.search(r'<html lang="([a-z]+)">', page)
    assert match
    return match.group(1)


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/nl/over-ons/", "nl", "Over ons"),
        ("/en/about-us/", "en", "About us"),
        ("/nl/hulp/", "nl", "Hulp"),
        ("/en/help/", "en", "Help"),
        ("/nl/colofon/", "nl", "Colofon"),
    ],
)
def test_page_at_its_address_in_its_language(client, url: str, lang: str, title: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert html_lang(response.text) == lang
    assert f"<h1>{title}</h1>" in response.text
    assert f"<title>{title} – " in response.text


@pytest.mark.parametrize("url", ["/en/over-ons/", "/nl/about-us/", "/en/colofon/", "/nl/xyz/"])
def test_page_only_at_its_own_address(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "404" in response.status


def test_switcher_links_translations_with_different_url_slugs(client) -> None:
    dutch = client.get("/nl/over-ons/").text
    assert '<a href="../../en/about-us/" hreflang="en" lang="en">This page in English</a>' in dutch
    assert (
        '<link rel="alternate" hreflang="en" href="https://test.example.org/en/about-us/">' in dutch
    )
    assert '<link rel="canonical" href="https://test.example.org/nl/over-ons/">' in dutch
    english = client.get("/en/about-us/").text
    assert (
        '<a href="../../nl/over-ons/" hreflang="nl" lang="nl">Deze pagina in het Nederlands</a>'
        in english
    )
    assert (
        '<link rel="alternate" hreflang="nl" href="https://test.example.org/nl/over-ons/">'
        in english
    )


def test_switcher_without_translation_falls_back(client) -> None:
    page = client.get("/nl/colofon/").text
    assert '<p lang="en" class="lang-missing">This page is not available in English.' in page
    assert 'rel="alternate" hreflang' not in page.split("<body>")[0]


def test_last_updated_line(client) -> None:
    nl = client.get("/nl/over-ons/").text
    en = client.get("/en/about-us/").text
    assert 'Laatst gewijzigd <time datetime="2019-11-05">5 november 2019</time>' in nl
    assert 'Last updated <time datetime="2019-11-05">5 November 2019</time>' in en
    assert "Last updated" not in client.get("/en/help/").text  # no `updated`: no line
    assert '<meta name="description" content="Wie wij zijn.">' in nl


def nav_items(page: str) -> list[str]:
    nav = page.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


def footer_items(page: str) -> list[str]:
    footer = page.split('<footer class="site-footer"', 1)[1].split("</footer>", 1)[0]
    return re.findall(r"<a [^>]*>([^<]+)</a>", footer)


def test_navigation_order_per_language(client) -> None:
    dutch = nav_items(client.get("/nl/").text)
    english = nav_items(client.get("/en/news/").text)
    # Home and news first (the schedule follows news once it exists), then pages by `menu`.
    assert dutch[:2] == ["Startpagina", "Nieuws"] and dutch[-2:] == ["Hulp", "Over ons"]
    assert english[:2] == ["Home", "News"] and english[-2:] == ["Help", "About us"]
    assert "Colofon" not in dutch  # no `menu`: not in the navigation


def test_menu_order_follows_numbers_not_names(content_dir: Path) -> None:
    from newsroom.web.app import create_app

    (content_dir / "paginas" / "hulp.nl.md").write_text(
        "---\ntitle: Hulp\nmenu: 9\n---\nHier staat hulp.\n", encoding="utf-8"
    )
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    assert nav_items(client.get("/nl/").text)[-2:] == ["Over ons", "Hulp"]


def test_navigation_marks_the_current_page(client) -> None:
    page = client.get("/en/about-us/").text
    nav = page.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', nav) == ["About us"]
    assert '<a href="../help/">Help</a>' in nav


def test_footer_links(client) -> None:
    assert footer_items(client.get("/nl/nieuws/").text) == ["Hulp", "Colofon"]
    assert footer_items(client.get("/en/").text) == ["Help"]


def test_news_index_links_topics_and_archive(client) -> None:
    page = client.get("/en/news/").text
    assert '<a href="../topics/">News by topic</a>' in page
    assert '<a href="../archive/">News by year</a>' in page


def test_pages_are_not_news(client) -> None:
    for url in ("/nl/", "/nl/nieuws/", "/nl/nieuws/pagina/2/", "/nl/archief/2019/"):
        assert "Over ons" not in client.get(url).text.split('<main id="main"', 1)[1], url
    assert client.get("/nl/nieuws/over-ons/").status_code == 404


def test_sitemap_lists_pages_with_their_translations(client) -> None:
    xml = client.get("/sitemap.xml").text
    for url in ("nl/over-ons/", "en/about-us/", "nl/hulp/", "en/help/", "nl/colofon/"):
        assert f"<loc>https://test.example.org/{url}</loc>" in xml
    entry = xml.split("<loc>https://test.example.org/nl/over-ons/</loc>", 1)[1].split("</url>")[0]
    assert 'hreflang="en" href="https://test.example.org/en/about-us/"' in entry
    colofon = xml.split("<loc>https://test.example.org/nl/colofon/</loc>", 1)[1]
    # A page in one language has no alternates (not even one pointing at itself).
    assert "xhtml:link" not in colofon.split("</url>")[0]


def test_blocks_expand_in_pages(content_dir: Path, monkeypatch) -> None:
    from newsroom.content import blocks
    from newsroom.web.app import create_app
    from newsroom.web.embed import Embeds

    monkeypatch.setitem(blocks.BLOCK_CHECKS, "demo", lambda argument, data: None)
    write(content_dir, "blok.nl.md", "---\ntitle: Blok\n---\nTekst.\n\n[[demo x-1]]\n")
    write(content_dir, "blok.en.md", "---\ntitle: Block\nslug: block\n---\nText.\n\n[[demo]]\n")
    app = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True})
    embeds = app.extensions["newsroom.embeds"]
    demo = {"demo": lambda lang, arg: f"<p>demo {lang} {arg}</p>"}
    app.extensions["newsroom.embeds"] = Embeds({**embeds.blocks, **demo}, embeds.resolvers)
    client = app.test_client()
    assert "<p>demo nl x-1</p>" in client.get("/nl/blok/").text
    assert "<p>demo en None</p>" in client.get("/en/block/").text
    assert "data-block" not in client.get("/en/block/").text


def test_links_to_pages_by_file_name(content_dir: Path) -> None:
    from newsroom.web.app import create_app

    (content_dir / "nieuws" / "eerste-bericht.en.md").write_text(
        "---\ntitle: First\ndate: 2019-10-10\n---\n"
        "Read [about us](../paginas/over-ons.en.md#contact) or [help](../paginas/hulp.en.md).\n",
        encoding="utf-8",
    )
    write(
        content_dir,
        "hulp.en.md",
        "---\ntitle: Help\nslug: help\n---\nIn Dutch: [Hulp](../paginas/hulp.nl.md).\n",
    )
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    post = client.get("/en/news/eerste-bericht/").text
    # The file slug leads to the page's own address in that language.
    assert '<a href="../../about-us/#contact">about us</a>' in post
    assert '<a href="../../help/">help</a>' in post
    page = client.get("/en/help/").text
    assert '<a href="../../nl/hulp/">Hulp</a>' in page  # page to page, across languages


@pytest.fixture
def with_rollout(content_dir: Path) -> Path:
    """The fixture content with the fixture rollout data (suppliers alfa, beta, gamma)."""
    shutil.copy(FIXTURES / "rollout" / "rollout.yaml", content_dir / "rollout.yaml")
    return content_dir


def test_schedule_block_in_a_page(with_rollout: Path) -> None:
    from newsroom.web.app import create_app

    body = "Tekst.\n\n[[schedule alfa]]\n"
    write(with_rollout, "planning.nl.md", f"---\ntitle: P\nslug: p\n---\n{body}")
    client = create_app({"CONTENT_DIR": str(with_rollout), "TESTING": True}).test_client()
    page = client.get("/nl/p/").text
    assert 'class="schedule-block"' in page and "data-block" not in page
    assert '<a href="../planning/">' in page  # the block's link to the whole schedule
    # With rollout data the schedule follows news in the navigation, before the pages.
    assert nav_items(page) == ["Startpagina", "Nieuws", "Planning", "Hulp", "Over ons"]


def test_schedule_block_arguments_checked_in_pages(with_rollout: Path) -> None:
    write(with_rollout, "x.nl.md", "---\ntitle: X\n---\nTekst.\n\n[[schedule delta]]\n")
    (problem,) = problems_for(with_rollout)
    assert problem.endswith(
        'paginas/x.nl.md:6: unknown supplier "delta" (known suppliers in '
        "rollout.yaml: alfa, beta, gamma)"
    )


def test_schedule_block_in_a_page_needs_rollout_data(content_dir: Path) -> None:
    write(content_dir, "x.nl.md", "---\ntitle: X\n---\nTekst.\n\n[[schedule]]\n")
    (problem,) = problems_for(content_dir)
    assert problem.endswith(
        "paginas/x.nl.md:6: [[schedule]] needs the rollout data, but there is no rollout.yaml"
    )


# --- frozen site ---------------------------------------------------------------------------


def test_frozen_pages(frozen: Path) -> None:
    for name in ("nl/over-ons", "en/about-us", "nl/hulp", "en/help", "nl/colofon"):
        assert (frozen / name / "index.html").is_file(), name
    page = (frozen / "nl/over-ons/index.html").read_text(encoding="utf-8")
    assert 'href="../../en/about-us/index.html"' in page
    assert not (frozen / "en/over-ons").exists()


def test_pages_are_not_in_feeds(frozen: Path) -> None:
    import feedparser

    feeds = sorted(p for p in frozen.rglob("*.xml") if p.name in ("feed.xml", "atom.xml"))
    assert len(feeds) >= 4  # news in both languages, RSS and Atom, at least
    links: list[str] = []
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        links += [entry.link for entry in parsed.entries]
    assert "https://test.example.org/nl/nieuws/eerste-bericht/" in links  # posts are
    for url in ("nl/over-ons/", "en/about-us/", "nl/hulp/", "en/help/", "nl/colofon/"):
        assert "https://test.example.org/" + url not in links


def test_site_without_pages_builds(content_dir: Path, tmp_path: Path) -> None:
    from newsroom.build.site import build

    for path in (content_dir / "paginas").iterdir():
        path.unlink()
    # No page at all: the page endpoint has nothing to freeze, which is not an error.
    result = build(content_dir, tmp_path / "out")
    assert (result.output / "nl/index.html").is_file()


# --- the repository's own pages ------------------------------------------------------------

REPO_PAGES = {
    "nl/over-rio-vo/index.html": "Over RIO-vo",
    "en/about/index.html": "About RIO-vo",
    "nl/abonneren/index.html": "Abonneren",
    "en/subscribe/index.html": "Subscribe",
    "nl/toegankelijkheid/index.html": "Toegankelijkheid",
    "en/accessibility/index.html": "Accessibility",
}


def test_repository_pages_are_built(frozen_repo: Path) -> None:
    for name, title in REPO_PAGES.items():
        html = (frozen_repo / name).read_text(encoding="utf-8")
        assert f"<h1>{title}</h1>" in html, name
        assert f'<html lang="{name[:2]}">' in html


def test_repository_navigation_and_footer(frozen_repo: Path) -> None:
    dutch = (frozen_repo / "nl/index.html").read_text(encoding="utf-8")
    english = (frozen_repo / "en/news/index.html").read_text(encoding="utf-8")
    assert nav_items(dutch) == [
        "Startpagina",
        "Nieuws",
        "Planning",
        "Over RIO-vo",
        "Abonneren",
        "Toegankelijkheid",
    ]
    assert nav_items(english) == [
        "Home",
        "News",
        "Schedule",
        "About RIO-vo",
        "Subscribe",
        "Accessibility",
    ]
    assert footer_items(dutch) == [
        "Neem contact op met DUO – Dienst Uitvoering Onderwijs",
        "Toegankelijkheid",
    ]
    assert '<a href="../accessibility/index.html">Accessibility</a>' in english


def test_repository_about_page_links_and_schedule(frozen_repo: Path) -> None:
    page = frozen_repo / "nl/over-rio-vo/index.html"
    html = page.read_text(encoding="utf-8")
    # The mandate steps and the subscribe page by file name; the real [[schedule]] block.
    assert 'href="../nieuws/mandaat-softwareleverancier/index.html"' in html
    assert 'href="../abonneren/index.html"' in html
    assert 'class="schedule-block"' in html and 'href="../planning/index.html"' in html
    assert "data-block" not in html
    for target in re.findall(r'href="(\.\./[^"#]+)"', html):
        assert (page.parent / target).resolve().is_file(), target
    english = (frozen_repo / "en/about/index.html").read_text(encoding="utf-8")
    assert 'href="../../nl/over-rio-vo/index.html" hreflang="nl"' in english


def test_repository_pages_in_sitemap(frozen_repo: Path) -> None:
    xml = (frozen_repo / "sitemap.xml").read_text(encoding="utf-8")
    for name in REPO_PAGES:
        url = "https://rio-vo.example.org/" + name.removesuffix("index.html")
        assert f"<loc>{url}</loc>" in xml, url


def test_check_reports_broken_links_in_pages(content_dir: Path) -> None:
    from newsroom.checks.run import run_check

    write(
        content_dir,
        "links.nl.md",
        "---\ntitle: Links\n---\n"
        "Zie [dit](eerste-bericht.nl.md) en [dat](../paginas/hulp.nl.md).\n\n"
        "Maar [deze](geen-bericht.nl.md) en [die](../paginas/geen-pagina.en.md) bestaan niet.\n",
    )
    found = [str(p) for p in run_check(content_dir).problems if p.field == "link"]
    assert len(found) == 2, found
    assert 'links.nl.md:6: link: "geen-bericht.nl.md": there is no post "geen-bericht"' in found[0]
    assert '"geen-pagina.en.md": there is no page "geen-pagina" in English' in found[1]


def test_check_warns_about_pages_in_one_language(content_dir: Path) -> None:
    from newsroom.checks.run import run_check

    result = run_check(content_dir)
    found = [str(p) for p in result.warnings if "/paginas/" in p.path]
    assert found == [
        f"{content_dir / 'paginas' / 'colofon.nl.md'}: translation: has no English translation "
        "(add colofon.en.md beside it; it may set its own 'slug:')"
    ]
    assert not result.errors
