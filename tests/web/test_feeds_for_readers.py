"""Feeds as subscribers see them: blocks that read well in every reader, dates that keep their
day around the world, ids that survive a move to another domain, an author per entry, and
titles that say which feed and which format."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from edits import problems_for
from newsroom.build.site import build

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def feeds_in(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if p.name in ("feed.xml", "atom.xml"))


def set_in_site_yaml(content_dir: Path, old: str, new: str) -> None:
    site = content_dir / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert old in text
    site.write_text(text.replace(old, new), encoding="utf-8")


# --- [[schedule]] in feed content ------------------------------------------------------------


def test_the_schedule_block_is_a_list_per_supplier_in_feeds(frozen_repo: Path) -> None:
    for lang, feed, page in (
        ("nl", "nl/nieuws", "nl/nieuws/update-livegang/index.html"),
        ("en", "en/news", "en/news/update-livegang/index.html"),
    ):
        for name in ("feed.xml", "atom.xml"):
            parsed = parse(frozen_repo / feed / name)
            item = next(e for e in parsed.entries if e.id.endswith("/update-livegang"))
            content = item.content[0].value
            assert "<table" not in content and "rowspan" not in content and "<td" not in content
            fragment = etree.fromstring(f"<div>{content}</div>", etree.HTMLParser())
            suppliers = [a.text for a in fragment.iter("a") if "/somtoday/" in a.get("href")]
            assert suppliers == ["Somtoday"]
            # Each phase one list item: institutions, when and status together, in one line.
            items = [" ".join("".join(li.itertext()).split()) for li in fragment.iter("li")]
            if lang == "nl":
                assert "eerste instelling: week van 18 november 2019 (verwacht)" in items
                assert "overige instellingen: vanaf 1 december 2019 (gepland)" in items
            else:
                assert "first institution: week of 18 November 2019 (expected)" in items
                assert "remaining institutions: from 1 December 2019 (planned)" in items
            links = [a.get("href") for a in fragment.iter("a")]
            assert all(link.startswith("https://rio-vo.example.org/") for link in links)
        # The web page keeps its table.
        html = (frozen_repo / page).read_text(encoding="utf-8")
        assert '<table class="schedule-table">' in html and "rowspan=" in html


# --- dates that keep their day ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_date_only_posts_keep_their_day_from_utc_minus_10_to_plus_10(frozen: Path, name) -> None:
    days = {
        "eerste-bericht": dt.date(2019, 10, 10),  # summer time in Amsterdam
        "derde-bericht": dt.date(2020, 1, 15),  # winter time
    }
    found = 0
    for lang in ("nl", "en"):
        folder = "nieuws" if lang == "nl" else "news"
        for item in parse(frozen / lang / folder / name).entries:
            slug = item.id.rsplit("/", 1)[1]
            if slug not in days:
                continue
            published = dt.datetime(*item.published_parsed[:6], tzinfo=dt.UTC)
            for hours in range(-10, 11):
                zone = dt.timezone(dt.timedelta(hours=hours))
                assert published.astimezone(zone).date() == days[slug], (slug, hours)
            found += 1
    assert found == 3


def test_a_post_with_a_time_keeps_it(frozen: Path) -> None:
    parsed = parse(frozen / "nl" / "nieuws" / "atom.xml")
    second = next(e for e in parsed.entries if e.id.endswith("/tweede-bericht"))
    assert second.published == "2019-10-31T14:30:00+01:00"


# --- ids that survive a move -----------------------------------------------------------------


def ids_of(site: Path) -> dict[str, list[str]]:
    found = {}
    for path in feeds_in(site):
        parsed = parse(path)
        found[str(path.relative_to(site))] = [
            parsed.feed.get("id", ""),
            *(e.id for e in parsed.entries),
        ]
    return found


def test_ids_stay_when_only_the_base_urls_host_changes(content_dir: Path, tmp_path) -> None:
    before = tmp_path / "before"
    build(content_dir, before)
    # The authority written out, as the site sets it once; then the site moves.
    set_in_site_yaml(
        content_dir, "feed_id_date:", "feed_id_authority: test.example.org\nfeed_id_date:"
    )
    set_in_site_yaml(content_dir, "https://test.example.org/", "https://nieuws.example.net/rio/")
    moved = tmp_path / "moved"
    build(content_dir, moved)
    assert ids_of(moved) == ids_of(before)
    assert all(ids for ids in ids_of(moved).values())
    item = parse(moved / "nl" / "nieuws" / "atom.xml").entries[0]
    assert item.link.startswith("https://nieuws.example.net/rio/nl/nieuws/")
    # Without the setting, the host is the authority: the ids would have changed.
    set_in_site_yaml(content_dir, "feed_id_authority: test.example.org\n", "")
    unset = tmp_path / "unset"
    build(content_dir, unset)
    assert (
        parse(unset / "nl" / "nieuws" / "atom.xml")
        .entries[0]
        .id.startswith("tag:nieuws.example.net,2019-01-01:")
    )


def test_calendar_ids_follow_the_authority_too(tmp_path: Path) -> None:
    import shutil

    from paths import REPO

    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    set_in_site_yaml(
        content, "feed_id_date:", "feed_id_authority: rio-vo.example.org\nfeed_id_date:"
    )
    set_in_site_yaml(
        content, "base_url: https://rio-vo.example.org/", "base_url: https://rio.example.net/"
    )
    from newsroom.web.app import create_app

    client = create_app({"CONTENT_DIR": str(content), "TESTING": True}).test_client()
    response = client.get("/nl/planning.ics")
    assert response.status_code == 200
    calendar = response.text
    uids = re.findall(r"^UID:(.*)\r$", calendar, re.M)
    assert uids and all(uid.endswith("@rio-vo.example.org") for uid in uids)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("https://rio-vo.example.org/", '"https://rio-vo.example.org/"'),
        ("rio vo.example.org", '"rio vo.example.org"'),
        ("-rio.example.org", '"-rio.example.org"'),
        ("rio_vo.example.org", '"rio_vo.example.org"'),
    ],
)
def test_a_wrong_authority_is_a_precise_error(content_dir: Path, value: str, shown: str) -> None:
    set_in_site_yaml(content_dir, "feed_id_date:", f"feed_id_authority: {value}\nfeed_id_date:")
    (problem,) = problems_for(content_dir)
    assert "site.yaml:10: feed_id_authority: " in problem, problem
    assert (
        f"{shown} is not a domain name (expected the domain the site had when its feeds were "
        "first published, e.g. rio-vo.example.org: letters, digits, hyphens and dots, no "
        "https:// or /)"
    ) in problem


def test_the_authority_is_written_as_ids_use_it(content_dir: Path, tmp_path: Path) -> None:
    set_in_site_yaml(
        content_dir, "feed_id_date:", "feed_id_authority: Test.Example.org.\nfeed_id_date:"
    )
    build(content_dir, tmp_path / "out")
    first = parse(tmp_path / "out" / "nl" / "nieuws" / "atom.xml").entries[0]
    assert first.id.startswith("tag:test.example.org,2019-01-01:nl/news/")


# --- the default content's ids never change --------------------------------------------------


def test_the_default_contents_ids_are_the_ones_subscribers_have(frozen_repo: Path) -> None:
    prefix = "tag:rio-vo.example.org,2019-10-01:"
    assert [e.id for e in parse(frozen_repo / "nl" / "nieuws" / "atom.xml").entries] == [
        prefix + "nl/news/update-livegang",
        prefix + "nl/news/mandaat-softwareleverancier",
    ]
    assert [e.id for e in parse(frozen_repo / "en" / "news" / "feed.xml").entries] == [
        prefix + "en/news/update-livegang",
        prefix + "en/news/mandaat-softwareleverancier",
    ]
    assert parse(frozen_repo / "nl" / "planning" / "somtoday" / "atom.xml").feed.id == (
        prefix + "nl/feeds/suppliers/somtoday"
    )
    assert parse(frozen_repo / "en" / "topics" / "osr" / "atom.xml").feed.id == (
        prefix + "en/feeds/topics/osr"
    )


def test_the_mandate_entry_came_back_with_its_note(frozen_repo: Path) -> None:
    for lang, folder, words in (
        ("nl", "nieuws", "Wijzigingen"),
        ("en", "news", "Updates to this page"),
    ):
        for name in ("feed.xml", "atom.xml"):
            parsed = parse(frozen_repo / lang / folder / name)
            item = next(e for e in parsed.entries if e.id.endswith("/mandaat-softwareleverancier"))
            assert item.published_parsed[:4] == (2019, 10, 10, 10)  # noon, summer time
            assert item.updated_parsed[:4] == (2019, 10, 31, 11)  # noon, winter time
            content = item.content[0].value
            assert f"<h2>{words}</h2>" in content
            assert (
                f'href="https://rio-vo.example.org/{lang}/{folder}/update-livegang/"'
                in (content.split(words)[1])
            )


# --- author and titles -----------------------------------------------------------------------


def test_every_entry_names_the_organisation(frozen_repo: Path) -> None:
    names = {"nl": "DUO – Dienst Uitvoering Onderwijs", "en": "DUO – Education Executive Agency"}
    count = 0
    for path in feeds_in(frozen_repo):
        lang = path.relative_to(frozen_repo).parts[0]
        root = etree.parse(str(path)).getroot()
        if path.name == "atom.xml":
            entries = root.findall(f"{ATOM}entry")
            authors = [e.findtext(f"{ATOM}author/{ATOM}name") for e in entries]
        else:
            entries = root.findall("channel/item")
            authors = [e.findtext(f"{DC}creator") for e in entries]
        assert authors == [names[lang]] * len(entries), path
        assert [e.author for e in parse(path).entries] == authors
        count += len(entries)
    assert count > 10


def words(title: str) -> list[str]:
    return re.findall(r"\w+", title.casefold())


def test_feed_titles_say_which_feed_and_format_without_a_word_twice(frozen_repo: Path) -> None:
    titles = {
        str(path.relative_to(frozen_repo)): parse(path).feed.title for path in feeds_in(frozen_repo)
    }
    assert titles["nl/nieuws/feed.xml"] == "Nieuws RIO-vo (RSS-feed)"
    assert titles["nl/nieuws/atom.xml"] == "Nieuws RIO-vo (Atom-feed)"
    assert titles["en/news/feed.xml"] == "RIO-vo news (RSS feed)"
    assert titles["nl/onderwerpen/osr/atom.xml"] == "Nieuws RIO-vo – Onderwerp: OSR (Atom-feed)"
    assert titles["en/schedule/magister/feed.xml"] == (
        "RIO-vo news – Supplier: Magister (RSS feed)"
    )
    for path, title in titles.items():
        assert len(words(title)) == len(set(words(title))), (path, title)
    assert len(set(titles.values())) == len(titles)  # no two feeds share a title
