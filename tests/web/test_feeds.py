"""Feeds: parsed by feedparser as a reader would, Atom validated against RFC 4287's schema,
RSS checked against the RSS 2.0 rules, ids stable, dates right, no drafts, hostile text safe."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

from newsroom.build.site import build
from newsroom.content.dates import AMSTERDAM
from newsroom.content.settings import require_base_url
from newsroom.core.errors import ContentError
from newsroom.web import feeds
from paths import SCHEMAS

ATOM_NS = "{http://www.w3.org/2005/Atom}"
BASE = "https://test.example.org/"
ID = "tag:test.example.org,2019-01-01:"


def feed_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if p.name in ("feed.xml", "atom.xml"))


def url_of(site: Path, path: Path, base: str = BASE) -> str:
    return base + str(path.relative_to(site))


def shown(detail: feedparser.FeedParserDict) -> str:
    """What a reader shows for a text construct: HTML is rendered, so it must hold no markup."""
    if detail.type == "text/html":
        assert "<" not in detail.value, detail.value
        return html.unescape(detail.value)
    return detail.value


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


def assert_valid_atom(path: Path, schema: etree.RelaxNG) -> None:
    document = etree.parse(str(path))
    assert schema.validate(document), f"{path}: {schema.error_log}"
    # The schema's two Schematron rules, which RELAX NG validators skip.
    root = document.getroot()
    entries = root.findall(f"{ATOM_NS}entry")
    assert root.find(f"{ATOM_NS}author") is not None or all(
        e.find(f"{ATOM_NS}author") is not None for e in entries
    )
    for entry in entries:
        links = entry.findall(f"{ATOM_NS}link")
        assert entry.find(f"{ATOM_NS}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in links
        )


def assert_valid_rss(path: Path, url: str) -> None:
    """The rules of the RSS 2.0 specification (rssboard.org) and its best-practice profile."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channels = root.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), f"{path}: channel {required}"
    assert urlsplit(channel.findtext("link")).scheme == "https"
    self_links = channel.findall(f"{ATOM_NS}link[@rel='self']")
    assert [link.get("href") for link in self_links] == [url]
    assert self_links[0].get("type") == "application/rss+xml"
    dates = []
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        assert urlsplit(item.findtext("link")).scheme == "https"
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "false"
        assert guid.text.startswith("tag:")
        moment = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert moment.tzinfo is not None
        dates.append(moment)
    assert dates == sorted(dates, reverse=True), "newest first"
    for name in ("lastBuildDate", "pubDate"):
        if dates:
            assert email.utils.parsedate_to_datetime(channel.findtext(name)).tzinfo is not None


# --- the fixture site ------------------------------------------------------------------------


def test_every_feed_is_built(frozen: Path) -> None:
    found = {str(p.relative_to(frozen)) for p in feed_files(frozen)}
    expected = set()
    for folder in (
        "nl/nieuws",
        "en/news",
        "nl/onderwerpen/livegang",
        "nl/onderwerpen/mandaat",
        "nl/onderwerpen/osr",
        "en/topics/mandate",
        "en/topics/osr",
    ):
        expected |= {f"{folder}/feed.xml", f"{folder}/atom.xml"}
    assert found == expected


def test_every_feed_parses_cleanly_and_validates(frozen: Path, atom_schema) -> None:
    for path in feed_files(frozen):
        parse(path)
        if path.name == "atom.xml":
            assert_valid_atom(path, atom_schema)
        else:
            assert_valid_rss(path, url_of(frozen, path))


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_dutch_news_feed_says_what_the_content_says(frozen: Path, name: str) -> None:
    parsed = parse(frozen / "nl" / "nieuws" / name)
    assert parsed.feed.language == "nl"
    assert parsed.feed.link == BASE + "nl/nieuws/"
    # feed_length is 3 in the fixture's site.yaml; the draft is never in a feed.
    assert [e.id for e in parsed.entries] == [
        ID + "nl/news/derde-bericht",
        ID + "nl/news/tweede-bericht",
        ID + "nl/news/eerste-bericht",
    ]
    assert [e.link for e in parsed.entries] == [
        BASE + "nl/nieuws/derde-bericht/",
        BASE + "nl/nieuws/tweede-bericht/",
        BASE + "nl/nieuws/eerste-bericht/",
    ]
    assert [e.title for e in parsed.entries] == [
        "Derde bericht",
        "Tweede bericht",
        "Eerste bericht",
    ]
    second = parsed.entries[1]
    assert second.summary == "Een eigen samenvatting."
    # 14:30 in Amsterdam on 31 October 2019 (winter time, +01:00) is 13:30 UTC.
    assert second.published_parsed[:5] == (2019, 10, 31, 13, 30)
    assert "Alleen in het Nederlands." in second.content[0].value


def test_atom_feed_has_ids_self_links_and_rfc3339_dates(frozen: Path) -> None:
    parsed = parse(frozen / "nl" / "nieuws" / "atom.xml")
    assert parsed.feed.id == ID + "nl/feeds/news"
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [BASE + "nl/nieuws/atom.xml"]
    text = (frozen / "nl" / "nieuws" / "atom.xml").read_text(encoding="utf-8")
    assert "<published>2019-10-31T14:30:00+01:00</published>" in text
    # A date without a time is stamped at noon in Amsterdam (summer time here, +02:00).
    assert "<published>2019-10-10T12:00:00+02:00</published>" in text
    # The feed changed last when its newest entry did, not when it was built.
    assert "<updated>2020-01-15T12:00:00+01:00</updated>\n  <author>" in text


def test_rss_dates_are_rfc822_in_amsterdam_time(frozen: Path) -> None:
    text = (frozen / "nl" / "nieuws" / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>Thu, 31 Oct 2019 14:30:00 +0100</pubDate>" in text
    assert "<pubDate>Thu, 10 Oct 2019 12:00:00 +0200</pubDate>" in text
    assert "<lastBuildDate>Wed, 15 Jan 2020 12:00:00 +0100</lastBuildDate>" in text


def test_updated_is_the_posts_updated_field(frozen: Path) -> None:
    parsed = parse(frozen / "en" / "news" / "atom.xml")
    assert parsed.feed.language == "en"
    (entry,) = parsed.entries
    assert entry.id == ID + "en/news/eerste-bericht"
    # Dates without a time: noon in Amsterdam (summer time, +02:00) is 10:00 UTC that day.
    assert entry.published_parsed[:4] == (2019, 10, 10, 10)
    assert entry.updated_parsed[:4] == (2019, 10, 12, 10)
    assert parsed.feed.updated_parsed[:4] == (2019, 10, 12, 10)


def test_tag_feed_holds_the_topic_only(frozen: Path) -> None:
    parsed = parse(frozen / "nl" / "onderwerpen" / "livegang" / "atom.xml")
    assert [e.id for e in parsed.entries] == [ID + "nl/news/tweede-bericht"]
    assert parsed.feed.id == ID + "nl/feeds/topics/livegang"
    assert parsed.feed.link == BASE + "nl/onderwerpen/livegang/"
    assert "livegang" in parsed.feed.title


def test_every_feed_has_its_own_id(frozen: Path) -> None:
    ids = [parse(p).feed.id for p in feed_files(frozen) if p.name == "atom.xml"]
    assert len(ids) == len(set(ids))


def test_links_in_entries_are_absolute(content_dir: Path, tmp_path: Path) -> None:
    post = content_dir / "nieuws" / "links.nl.md"
    post.write_text(
        "---\ntitle: Links\ndate: 2020-02-02\n---\n"
        "Zie [het eerste bericht](../eerste-bericht/), [de kop](#een-kop), "
        "[OSR](https://osr.kennisnet.nl) en ![logo](/static/logo.png). Ook "
        "[het derde](derde-bericht.nl.md#kop) en "
        "[in het Engels](../nieuws/eerste-bericht.en.md).\n",
        encoding="utf-8",
    )
    # A relative web link is an error in `make check`, so the build refuses it: the app alone
    # (which the preview also is) still shows how feeds make every link absolute.
    from newsroom.web.app import create_app

    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    feed = feedparser.parse(client.get("/nl/nieuws/atom.xml").get_data(as_text=True))
    content = feed.entries[0].content[0].value
    assert 'href="https://test.example.org/nl/nieuws/eerste-bericht/"' in content
    assert 'href="https://test.example.org/nl/nieuws/links/#een-kop"' in content
    assert 'href="https://osr.kennisnet.nl"' in content
    assert 'src="https://test.example.org/static/logo.png"' in content
    assert 'href="https://test.example.org/nl/nieuws/derde-bericht/#kop"' in content
    assert 'href="https://test.example.org/en/news/eerste-bericht/"' in content


def test_blocks_in_entries_are_expanded_with_absolute_links(content_dir: Path, tmp_path) -> None:
    (content_dir / "nieuws" / "abonneren.nl.md").write_text(
        "---\ntitle: Abonneren\ndate: 2020-02-02\n---\nVolg ons.\n\n[[feeds]]\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    build(content_dir, output)
    content = parse(output / "nl" / "nieuws" / "feed.xml").entries[0].content[0].value
    assert 'href="https://test.example.org/nl/nieuws/feed.xml"' in content
    assert 'href="https://test.example.org/nl/onderwerpen/osr/atom.xml"' in content
    assert "data-block" not in content
    assert 'href="..' not in content and "index.html" not in content


# --- discovery and the [[feeds]] block -------------------------------------------------------


def alternate_feeds(page: Path) -> list[tuple[str, str, str]]:
    root = etree.parse(str(page), etree.HTMLParser()).getroot()
    return [
        (link.get("type"), link.get("title"), link.get("href"))
        for link in root.iter("link")
        if link.get("rel") == "alternate" and link.get("type")
    ]


def test_every_page_announces_its_languages_news_feeds(frozen: Path) -> None:
    pages = [p for p in frozen.rglob("*.html") if p.parts[len(frozen.parts)] in ("nl", "en")]
    assert len(pages) > 10
    for page in pages:
        lang = page.relative_to(frozen).parts[0]
        news = "nieuws" if lang == "nl" else "news"
        hrefs = [href for _, _, href in alternate_feeds(page)]
        assert f"{BASE}{lang}/{news}/feed.xml" in hrefs, page
        assert f"{BASE}{lang}/{news}/atom.xml" in hrefs, page


def test_the_language_choice_page_announces_both_languages_feeds(frozen: Path) -> None:
    hrefs = [href for _, _, href in alternate_feeds(frozen / "index.html")]
    assert hrefs == [
        BASE + "nl/nieuws/feed.xml",
        BASE + "nl/nieuws/atom.xml",
        BASE + "en/news/feed.xml",
        BASE + "en/news/atom.xml",
    ]


def test_discovery_titles_say_which_feed(frozen: Path) -> None:
    found = alternate_feeds(frozen / "nl" / "onderwerpen" / "livegang" / "index.html")
    assert found == [
        ("application/rss+xml", "Nieuws (RSS-feed)", BASE + "nl/nieuws/feed.xml"),
        ("application/atom+xml", "Nieuws (Atom-feed)", BASE + "nl/nieuws/atom.xml"),
        (
            "application/rss+xml",
            "Onderwerp: livegang (RSS-feed)",
            BASE + "nl/onderwerpen/livegang/feed.xml",
        ),
        (
            "application/atom+xml",
            "Onderwerp: livegang (Atom-feed)",
            BASE + "nl/onderwerpen/livegang/atom.xml",
        ),
    ]
    english = alternate_feeds(frozen / "en" / "topics" / "osr" / "index.html")
    assert ("application/atom+xml", "Topic: OSR (Atom feed)", BASE + "en/topics/osr/atom.xml") in (
        english
    )


def test_feeds_block_lists_every_feed_of_the_language(client) -> None:
    from newsroom.web.views.feeds import feeds_block

    with client.application.test_request_context("/en/news/"):
        html = str(feeds_block("en", None))
    assert 'href="feed.xml"' in html and 'href="atom.xml"' in html
    assert 'href="../topics/osr/feed.xml"' in html and 'href="../topics/mandate/atom.xml"' in html
    assert "News on the topic “OSR”" in html
    assert "onderwerpen" not in html


def test_subscribe_pages_list_every_feed_and_calendar(frozen_repo: Path) -> None:
    for lang, page in (("nl", "abonneren"), ("en", "subscribe")):
        path = frozen_repo / lang / page / "index.html"
        root = etree.parse(str(path), etree.HTMLParser()).getroot()
        block = root.find(".//div[@class='feeds-block']")
        assert block is not None, path
        listed = {
            str((path.parent / a.get("href")).resolve().relative_to(frozen_repo))
            for a in block.iter("a")
        }
        feeds_of_lang = {str(p.relative_to(frozen_repo)) for p in feed_files(frozen_repo / lang)}
        calendars = {str(p.relative_to(frozen_repo)) for p in (frozen_repo / lang).rglob("*.ics")}
        assert feeds_of_lang and calendars
        assert listed == feeds_of_lang | calendars


def test_feeds_block_takes_no_argument(content_dir: Path) -> None:
    from newsroom.loading.content import load_content

    (content_dir / "nieuws" / "fout.nl.md").write_text(
        "---\ntitle: Fout\ndate: 2020-02-02\n---\nTekst.\n\n[[feeds osr]]\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"fout\.nl\.md:7: \[\[feeds osr\]\]: this block takes"):
        load_content(content_dir)


def test_feed_responses_have_the_type_a_server_would_send(client) -> None:
    import mimetypes

    response = client.get("/nl/nieuws/atom.xml")
    assert response.status_code == 200
    assert response.mimetype == mimetypes.guess_type("atom.xml")[0]
    assert client.get("/nl/onderwerpen/bestaat-niet/feed.xml").status_code == 404


# --- identity, determinism, drafts -----------------------------------------------------------


def test_ids_survive_edits_and_unchanged_content_gives_identical_feeds(
    content_dir: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    build(content_dir, first)
    again = tmp_path / "again"
    build(content_dir, again)
    for path in feed_files(first):
        assert path.read_bytes() == (again / path.relative_to(first)).read_bytes(), path

    post = content_dir / "nieuws" / "eerste-bericht.nl.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("title: Eerste bericht", "title: Eerste bericht, herschreven").replace(
            "De eerste alinea", "Een nieuwe eerste alinea"
        ),
        encoding="utf-8",
    )
    edited = tmp_path / "edited"
    build(content_dir, edited)
    before = parse(first / "nl" / "nieuws" / "atom.xml").entries[-1]
    after = parse(edited / "nl" / "nieuws" / "atom.xml").entries[-1]
    assert after.id == before.id == ID + "nl/news/eerste-bericht"
    assert after.title == "Eerste bericht, herschreven" != before.title
    assert "Een nieuwe eerste alinea" in after.content[0].value
    assert "Een nieuwe" not in before.content[0].value
    # An edit without `updated:` is not a substantive change: the dates stay.
    assert after.updated_parsed == before.updated_parsed
    assert after.published_parsed == before.published_parsed


def test_feeds_never_carry_drafts_even_in_a_drafts_build(content_dir: Path, tmp_path) -> None:
    output = tmp_path / "out"
    build(content_dir, output, drafts=True)
    assert (output / "nl" / "nieuws" / "concept" / "index.html").exists()
    for path in feed_files(output):
        assert "concept" not in path.read_text(encoding="utf-8"), path


def test_feeds_never_carry_future_posts_even_in_a_future_build(content_dir: Path, tmp_path):
    (content_dir / "nieuws" / "later.nl.md").write_text(
        "---\ntitle: Later\ndate: 2999-01-01\n---\nNog niet.\n", encoding="utf-8"
    )
    output = tmp_path / "out"
    build(content_dir, output, future=True)
    assert (output / "nl" / "nieuws" / "later" / "index.html").exists()
    ids = [e.id for e in parse(output / "nl" / "nieuws" / "atom.xml").entries]
    assert ID + "nl/news/later" not in ids and len(ids) == 3


def test_a_feed_needs_a_base_url(content_dir: Path) -> None:
    with pytest.raises(ContentError) as caught:
        require_base_url(None, str(content_dir / "site.yaml"), "feeds need it")
    (problem,) = caught.value.problems
    assert problem.field == "base_url" and problem.path.endswith("site.yaml")
    assert "site.yaml: base_url:" in str(caught.value)


def test_feed_view_without_base_url_is_a_content_error(content_dir: Path) -> None:
    from newsroom.web.app import create_app

    site = content_dir / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("base_url: https://test.example.org/\n", ""),
        encoding="utf-8",
    )
    app = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True})
    with pytest.raises(ContentError, match=r"site\.yaml: base_url: is not set"):
        app.test_client().get("/nl/nieuws/feed.xml")


# --- hostile content -------------------------------------------------------------------------

HOSTILE_TITLE = "Q&A: <b>vet</b> & \"citaat\" 'enkel'"


def test_hostile_text_stays_text_and_the_feeds_well_formed(content_dir: Path, tmp_path):
    (content_dir / "nieuws" / "vijandig.nl.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE.replace(chr(39), chr(39) * 2)}'\n"
        'date: 2020-03-03\nsummary: "Eerst <i>dit</i> & dan \\x07 dat ]]>"\n---\n'
        "Een tekst met ]]> erin en `<![CDATA[ x ]]>` als code.\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    build(content_dir, output)
    for name in ("feed.xml", "atom.xml"):
        path = output / "nl" / "nieuws" / name
        etree.parse(str(path))  # well-formed
        entry = parse(path).entries[0]
        assert shown(entry.title_detail) == HOSTILE_TITLE
        assert shown(entry.summary_detail) == "Eerst <i>dit</i> & dan  dat ]]>"
        assert "]]&gt;" in entry.content[0].value


def test_control_characters_never_reach_the_xml() -> None:
    moment = dt.datetime(2020, 1, 1, tzinfo=AMSTERDAM)
    entry = feeds.FeedEntry(
        id="tag:x.org,2020:nl/news/a",
        title="bel\x07 \x1b[31mrood & <b>",
        link="https://x.org/nl/nieuws/a/",
        summary="a\x00b",
        content_html="<p>]]> \ufffe</p>",
        published=moment,
        updated=moment,
    )
    feed = feeds.Feed(
        id="tag:x.org,2020:nl/feeds/news",
        lang="nl",
        title="T",
        description="D",
        page="https://x.org/nl/nieuws/",
        rss_url="https://x.org/nl/nieuws/feed.xml",
        atom_url="https://x.org/nl/nieuws/atom.xml",
        author="A",
        entries=(entry,),
        empty_updated=moment,
    )
    for body in (feeds.rss(feed), feeds.atom(feed)):
        parsed = feedparser.parse(body)
        assert not parsed.bozo
        assert shown(parsed.entries[0].title_detail) == "bel [31mrood & <b>"
        assert parsed.entries[0].content[0].value == "<p>]]> </p>"


# --- pure helpers ----------------------------------------------------------------------------


def test_absolutize_resolves_every_kind_of_address() -> None:
    page = "https://x.org/sub/nl/nieuws/a/"
    base = "https://x.org/sub/"
    html = (
        '<a href="../b/index.html">b</a> <a href="#kop">k</a> <img src="/static/i.png" '
        "alt=\"\"> <a href='c/'>c</a> <a href=d.html>d</a> "
        '<img srcset="x.png 1x, ../y.png 2x"> <a href="mailto:a@x.org">m</a> '
        '<a href="?q=1&amp;r=2">q</a> <p>href="tekst"</p>'
    )
    assert feeds.absolutize(html, page, base) == (
        '<a href="https://x.org/sub/nl/nieuws/b/">b</a> '
        '<a href="https://x.org/sub/nl/nieuws/a/#kop">k</a> '
        '<img src="https://x.org/static/i.png" alt=""> '
        '<a href="https://x.org/sub/nl/nieuws/a/c/">c</a> '
        '<a href="https://x.org/sub/nl/nieuws/a/d.html">d</a> '
        '<img srcset="https://x.org/sub/nl/nieuws/a/x.png 1x, '
        'https://x.org/sub/nl/nieuws/y.png 2x"> <a href="mailto:a@x.org">m</a> '
        '<a href="https://x.org/sub/nl/nieuws/a/?q=1&amp;r=2">q</a> <p>href="tekst"</p>'
    )


def test_tag_uri_uses_the_host_and_the_id_date() -> None:
    assert (
        feeds.tag_uri("https://WWW.Example.nl:8443/rio/", dt.date(2019, 10, 1), "nl/news/x")
        == "tag:www.example.nl,2019-10-01:nl/news/x"
    )
    assert feeds.tag_uri("https://example.nl/", None, "en/news/y") == (
        "tag:example.nl,2000-01-01:en/news/y"
    )


# --- jing, the reference RELAX NG validator, on RFC 4287's compact schema itself -----------


def jing() -> str:
    found = shutil.which("jing")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jing is missing: .ci/run installs Debian's jing package")
        pytest.skip("jing is not installed here (apt-get install jing); CI runs this test")
    return found


def run_jing(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [jing(), "-c", str(SCHEMAS / "atom.rnc"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_jing_accepts_every_atom_feed(frozen: Path, frozen_repo: Path) -> None:
    paths = [p for site in (frozen, frozen_repo) for p in feed_files(site) if p.name == "atom.xml"]
    assert len(paths) > 10
    result = run_jing(paths)
    assert result.returncode == 0, result.stdout


def test_jing_rejects_a_broken_atom_feed(frozen: Path, tmp_path: Path) -> None:
    broken = tmp_path / "atom.xml"
    text = (frozen / "nl" / "nieuws" / "atom.xml").read_text(encoding="utf-8")
    broken.write_text(text.replace("<updated>", "<updated>gisteren ", 1), encoding="utf-8")
    result = run_jing([broken])
    assert result.returncode != 0 and "updated" in result.stdout


# --- the repository's own site ---------------------------------------------------------------


def test_repository_feeds_parse_validate_and_cover_suppliers(frozen_repo: Path, atom_schema):
    base = "https://rio-vo.example.org/"
    paths = feed_files(frozen_repo)
    names = {str(p.relative_to(frozen_repo).parent) for p in paths}
    assert {"nl/nieuws", "en/news", "nl/planning/somtoday", "en/schedule/magister"} <= names
    for path in paths:
        parsed = parse(path)
        lang = path.relative_to(frozen_repo).parts[0]
        assert parsed.feed.language == lang
        for entry in parsed.entries:
            assert entry.id.startswith(f"tag:rio-vo.example.org,2019-10-01:{lang}/news/")
            assert entry.link.startswith(f"{base}{lang}/")
        if path.name == "atom.xml":
            assert_valid_atom(path, atom_schema)
        else:
            assert_valid_rss(path, url_of(frozen_repo, path, base))
    somtoday = parse(frozen_repo / "nl" / "planning" / "somtoday" / "atom.xml")
    assert ID not in somtoday.feed.id
    assert [e.link for e in somtoday.entries] == [f"{base}nl/nieuws/update-livegang/"]
    supplier_page = frozen_repo / "nl" / "planning" / "somtoday" / "index.html"
    assert (
        "application/atom+xml",
        "Leverancier: Somtoday (Atom-feed)",
        f"{base}nl/planning/somtoday/atom.xml",
    ) in alternate_feeds(supplier_page)


def test_feeds_are_not_in_the_sitemap(frozen: Path) -> None:
    sitemap = (frozen / "sitemap.xml").read_text(encoding="utf-8")
    assert "feed.xml" not in sitemap and "atom.xml" not in sitemap
