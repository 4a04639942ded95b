"""Change notes as readers see them: on the post page, at the end of feed entries (whose
`updated` follows the latest note, ids unchanged), and in the translation check."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
from click.testing import CliRunner
from lxml import etree

from newsroom.build.site import build
from newsroom.commands.cli import check_command
from newsroom.web.app import create_app

ID = "tag:test.example.org,2019-01-01:"
NOTED = (
    "---\ntitle: Verschoven\ndate: 2020-02-02\nchanges:\n"
    "  - date: 2020-02-10\n"
    "    note: De datum is verschoven, zie [het eerste](eerste-bericht.nl.md).\n"
    "  - date: 2020-02-05\n    note: Een *kleine* aanvulling.\n"
    "---\nDe tekst.\n"
)


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def entry(parsed: feedparser.FeedParserDict, slug: str) -> feedparser.FeedParserDict:
    return next(e for e in parsed.entries if e.id.endswith(f"/news/{slug}"))


def test_the_post_page_lists_the_notes_under_the_text(content_dir: Path) -> None:
    (content_dir / "nieuws" / "verschoven.nl.md").write_text(NOTED, encoding="utf-8")
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    page = client.get("/nl/nieuws/verschoven/").text
    root = etree.fromstring(page, etree.HTMLParser())
    meta = " ".join(root.find(".//p[@class='meta']").itertext())
    assert " ".join(meta.split()) == "Gepubliceerd 2 februari 2020 · Bijgewerkt op 10 februari 2020"
    (section,) = root.findall(".//article/section[@class='post-changes']")
    assert section.findtext("h2") == "Wijzigingen"
    items = section.findall("ul/li")
    assert ["".join(li.itertext()) for li in items] == [
        "10 februari 2020: De datum is verschoven, zie het eerste.",
        "5 februari 2020: Een kleine aanvulling.",
    ]
    assert items[0].find("time").get("datetime") == "2020-02-10"
    assert items[0].find("a").get("href") == "../eerste-bericht/"
    # Under the text, before the topics.
    article = root.find(".//article")
    classes = [child.get("class") for child in article]
    assert classes.index("prose") < classes.index("post-changes")
    english = client.get("/en/news/eerste-bericht/").text
    assert '<h2 id="changes-heading" data-pagefind-ignore>Updates to this page</h2>' in english
    assert "Updated on <time" in english
    # A post without notes has no such section.
    assert "post-changes" not in client.get("/nl/nieuws/tweede-bericht/").text


def test_feeds_end_entries_with_the_notes_and_follow_the_latest(content_dir, tmp_path) -> None:
    before = tmp_path / "before"
    post = content_dir / "nieuws" / "verschoven.nl.md"
    post.write_text(NOTED.split("changes:")[0] + "---\nDe tekst.\n", encoding="utf-8")
    build(content_dir, before)
    post.write_text(NOTED, encoding="utf-8")
    after = tmp_path / "after"
    build(content_dir, after)
    for name in ("atom.xml", "feed.xml"):
        old = entry(parse(before / "nl" / "nieuws" / name), "verschoven")
        new = entry(parse(after / "nl" / "nieuws" / name), "verschoven")
        assert new.id == old.id == ID + "nl/news/verschoven"  # the id never changes
        assert new.published_parsed == old.published_parsed
        # Noon in Amsterdam on the day of the latest note (winter time: 11:00 UTC).
        assert old.updated_parsed[:4] == (2020, 2, 2, 11)
        assert new.updated_parsed[:4] == (2020, 2, 10, 11)
        content = new.content[0].value
        assert content.startswith('<p>Gepubliceerd <time datetime="2020-02-02">2 februari 2020')
        assert 'Bijgewerkt op <time datetime="2020-02-10">10 februari 2020</time></p>' in content
        notes = content.split("<h2>Wijzigingen</h2>")[1]
        assert content.rstrip().endswith("</ul>")
        assert notes.index("10 februari 2020") < notes.index("5 februari 2020")
        assert 'href="https://test.example.org/nl/nieuws/eerste-bericht/"' in notes
        assert "<em>kleine</em>" in notes
        assert (
            "Bijgewerkt" not in old.content[0].value and "Wijzigingen" not in old.content[0].value
        )
    # The feed itself changed last when its newest entry did.
    assert parse(after / "nl" / "nieuws" / "atom.xml").feed.updated_parsed[:4] == (2020, 2, 10, 11)


def test_an_edit_without_a_new_note_does_not_resurface_the_entry(content_dir, tmp_path) -> None:
    post = content_dir / "nieuws" / "verschoven.nl.md"
    post.write_text(NOTED, encoding="utf-8")
    first = tmp_path / "first"
    build(content_dir, first)
    post.write_text(NOTED.replace("De tekst.", "De tekst, herschreven."), encoding="utf-8")
    second = tmp_path / "second"
    build(content_dir, second)
    for name in ("atom.xml", "feed.xml"):
        old = entry(parse(first / "nl" / "nieuws" / name), "verschoven")
        new = entry(parse(second / "nl" / "nieuws" / name), "verschoven")
        assert "herschreven" in new.content[0].value
        assert (new.id, new.published_parsed, new.updated_parsed) == (
            old.id,
            old.published_parsed,
            old.updated_parsed,
        )


def test_the_rss_item_carries_its_update_date(frozen: Path) -> None:
    text = (frozen / "en" / "news" / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>Thu, 10 Oct 2019 12:00:00 +0200</pubDate>" in text
    assert "<atom:updated>2019-10-12T12:00:00+02:00</atom:updated>" in text
    (item,) = parse(frozen / "en" / "news" / "feed.xml").entries
    assert item.updated_parsed[:4] == (2019, 10, 12, 10)
    assert (
        item.content[0]
        .value.rstrip()
        .endswith("The first paragraph now says <em>which</em> post this is.</li>\n</ul>")
    )


def check(content_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(check_command, [*args, "--content", str(content_dir)])
    return result.exit_code, result.output


def test_a_translation_without_its_originals_newer_note_is_outdated(content_dir: Path) -> None:
    nieuws = content_dir / "nieuws"
    (nieuws / "verschoven.nl.md").write_text(NOTED, encoding="utf-8")
    english = nieuws / "verschoven.en.md"
    older = (
        "---\ntitle: Moved\ndate: 2020-02-02\nchanges:\n"
        "  - date: 2020-02-05\n    note: A small addition.\n---\nThe text.\n"
    )
    english.write_text(older, encoding="utf-8")
    _, output = check(content_dir, "--format", "json")
    data = json.loads(output)
    row = next(r for r in data["translations"] if r["slug"] == "verschoven")
    assert row["languages"]["en"]["status"] == "outdated"
    assert row["languages"]["nl"]["changes"] == [
        "2020-02-10T00:00:00+01:00",
        "2020-02-05T00:00:00+01:00",
    ]
    [problem] = [p for p in data["problems"] if p["file"].endswith("verschoven.en.md")]
    assert problem["field"] == "translation" and problem["line"] == 4
    assert problem["message"] == (
        "is older than the Dutch version: verschoven.nl.md has a change note of 2020-02-10 "
        "that this one lacks; bring the text up to date and add the note, translated, under "
        "changes: with the same date"
    )
    _, text = check(content_dir)
    assert any(
        line.split() == ["verschoven", "nl:", "source", "en:", "outdated"]
        for line in text.splitlines()
    )
    # The note translated, with the original's date: in step again.
    english.write_text(
        older.replace("changes:\n", "changes:\n  - date: 2020-02-10\n    note: The date moved.\n"),
        encoding="utf-8",
    )
    data = json.loads(check(content_dir, "--format", "json")[1])
    row = next(r for r in data["translations"] if r["slug"] == "verschoven")
    assert row["languages"]["en"]["status"] == "translated"
    assert not [p for p in data["problems"] if p["file"].endswith("verschoven.en.md")]


def test_the_preview_report_shows_the_outdated_translation(content_dir: Path) -> None:
    nieuws = content_dir / "nieuws"
    (nieuws / "verschoven.nl.md").write_text(NOTED, encoding="utf-8")
    (nieuws / "verschoven.en.md").write_text(
        "---\ntitle: Moved\ndate: 2020-02-02\n---\nThe text.\n", encoding="utf-8"
    )
    from newsroom.checks.run import run_check

    row = next(r for r in run_check(content_dir).translations if r.slug == "verschoven")
    assert row.status("en") == "outdated" and row.status("nl") == "source"


def test_a_broken_link_in_a_note_is_an_error_of_the_check(content_dir: Path) -> None:
    (content_dir / "nieuws" / "verschoven.nl.md").write_text(
        NOTED.replace("eerste-bericht.nl.md", "eerste-berigt.nl.md"), encoding="utf-8"
    )
    code, output = check(content_dir, "--format", "json")
    assert code == 1
    [problem] = [p for p in json.loads(output)["problems"] if p["field"] == "link"]
    assert problem["file"].endswith("verschoven.nl.md") and problem["line"] == 6
    assert problem["message"].startswith('"eerste-berigt.nl.md": there is no post "eerste-berigt"')
    assert 'did you mean "eerste-bericht.nl.md"?' in problem["message"]


def test_several_missing_notes_are_counted(content_dir: Path) -> None:
    nieuws = content_dir / "nieuws"
    (nieuws / "verschoven.nl.md").write_text(NOTED, encoding="utf-8")
    (nieuws / "verschoven.en.md").write_text(
        "---\ntitle: Moved\ndate: 2020-02-02\n---\nThe text.\n", encoding="utf-8"
    )
    data = json.loads(check(content_dir, "--format", "json")[1])
    [problem] = [p for p in data["problems"] if p["file"].endswith("verschoven.en.md")]
    assert problem["line"] is None  # the translation has no changes: field yet
    assert problem["message"] == (
        "is older than the Dutch version: verschoven.nl.md has 2 change notes (the latest of "
        "2020-02-10) that this one lacks; bring the text up to date and add the notes, "
        "translated, under changes: with the same dates"
    )
