"""Pages through Flask's test client: language, dates, translations, switcher, 404."""

from __future__ import annotations

import re

import pytest


def html_lang(page: str) -> str:
    match = re.search(r'<html lang="([a-z]+)">', page)
    assert match, "no <html lang>"
    return match.group(1)


@pytest.mark.parametrize(
    ("url", "lang"),
    [
        ("/nl/", "nl"),
        ("/en/", "en"),
        ("/nl/nieuws/", "nl"),
        ("/en/news/", "en"),
        ("/nl/nieuws/eerste-bericht/", "nl"),
        ("/en/news/eerste-bericht/", "en"),
        ("/nl/onderwerpen/", "nl"),
        ("/en/topics/osr/", "en"),
        ("/nl/archief/2019/", "nl"),
        ("/en/archive/", "en"),
        ("/en/404.html", "en"),
    ],
)
def test_every_page_has_its_language(client, url: str, lang: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert html_lang(response.text) == lang


def test_post_dates_in_each_language(client) -> None:
    nl = client.get("/nl/nieuws/eerste-bericht/").text
    en = client.get("/en/news/eerste-bericht/").text
    assert '<time datetime="2019-10-10">10 oktober 2019</time>' in nl
    assert '<time datetime="2019-10-10">10 October 2019</time>' in en
    assert 'Updated on <time datetime="2019-10-12">12 October 2019</time>' in en
    assert "Gepubliceerd" in nl and "Published" in en


def test_post_links_to_its_translation(client) -> None:
    page = client.get("/nl/nieuws/eerste-bericht/").text
    assert (
        '<a href="../../../en/news/eerste-bericht/" hreflang="en" lang="en">'
        "This page in English</a>" in page
    )
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="https://test.example.org/en/news/eerste-bericht/">' in page
    )
    assert (
        '<link rel="alternate" hreflang="nl" '
        'href="https://test.example.org/nl/nieuws/eerste-bericht/">' in page
    )
    back = client.get("/en/news/eerste-bericht/").text
    assert 'hreflang="nl" lang="nl">Deze pagina in het Nederlands</a>' in back


def test_switcher_falls_back_to_news_index(client) -> None:
    page = client.get("/nl/nieuws/tweede-bericht/").text
    assert 'hreflang="en"' not in page.split("<body>")[0]  # no alternate in the head
    assert '<p lang="en" class="lang-missing">This page is not available in English.' in page
    assert '<a href="../../../en/news/" hreflang="en">Go to the news in English</a>' in page


def test_news_index_is_paginated_newest_first(client) -> None:
    first = client.get("/nl/nieuws/").text
    titles = re.findall(r'class="post-item-title"><a [^>]+>([^<]+)<', first)
    assert titles == ["Derde bericht", "Tweede bericht"]
    assert "Pagina 1 van 2" in first
    second = client.get("/nl/nieuws/pagina/2/").text
    assert re.findall(r'class="post-item-title"><a [^>]+>([^<]+)<', second) == ["Eerste bericht"]
    assert client.get("/nl/nieuws/pagina/3/").status_code == 404
    # English has one page, so the Dutch page 2 has no English twin.
    assert 'hreflang="en" href=' not in second


def test_tags_and_archive(client) -> None:
    tag = client.get("/nl/onderwerpen/osr/").text
    assert "Onderwerp: OSR" in tag and "Eerste bericht" in tag
    archive = client.get("/nl/archief/").text
    assert "Nieuws uit 2020" in archive and "Nieuws uit 2019" in archive
    year = client.get("/nl/archief/2019/").text
    assert "Tweede bericht" in year and "Derde bericht" not in year
    # Dutch-only tag: the English switcher leads to the English news.
    assert "This page is not available in English." in client.get("/nl/onderwerpen/livegang/").text


def test_unknown_pages_are_404_in_their_language(client) -> None:
    response = client.get("/en/news/no-such-post/")
    assert response.status_code == 404
    assert html_lang(response.text) == "en" and "Page not found" in response.text
    assert client.get("/de/").status_code == 404


def test_root_sends_readers_to_dutch(client) -> None:
    page = client.get("/").text
    assert '<meta http-equiv="refresh" content="0; url=nl/">' in page
    assert 'href="nl/"' in page and 'href="en/"' in page


def test_sitemap_lists_pages_with_alternates(client) -> None:
    xml = client.get("/sitemap.xml").text
    assert "<loc>https://test.example.org/nl/nieuws/eerste-bericht/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="en" '
        'href="https://test.example.org/en/news/eerste-bericht/"/>' in xml
    )
    assert "404" not in xml
    assert "concept" not in xml


def test_every_block_the_content_may_use_has_a_renderer(app) -> None:
    from newsroom.content.blocks import BLOCK_CHECKS

    assert set(app.extensions["newsroom.embeds"].blocks) == set(BLOCK_CHECKS)
