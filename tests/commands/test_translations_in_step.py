"""Translations that stay in step (issue 19): warnings when the language versions drift, and
site.yaml's `tags:` map, which says which tags are the same topic."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsroom.commands.cli import check_command, new_post_command
from newsroom.core.errors import Problem
from newsroom.web.app import create_app


def check(content_dir: Path) -> tuple[int, list[dict], dict]:
    result = CliRunner().invoke(check_command, ["--format", "json", "--content", str(content_dir)])
    data = json.loads(result.output)
    return result.exit_code, data["problems"], data


def found(problems: list[dict], name: str, field: str) -> list[str]:
    return [p["message"] for p in problems if Path(p["file"]).name == name and p["field"] == field]


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def post(title: str, date: str, tags: str = "", draft: bool = False, body: str = "Tekst.") -> str:
    lines = ["---", f"title: {title}", f"date: {date}"]
    lines += [f"tags: [{tags}]"] if tags else []
    lines += ["draft: true"] if draft else []
    return "\n".join([*lines, "---", body, ""])


def test_a_translation_left_a_draft_is_a_warning(content_dir: Path) -> None:
    """Finding 1: new-post starts the translation as a draft; left so, check said nothing."""
    invoke = CliRunner().invoke
    args = ["--content", str(content_dir)]
    invoke(new_post_command, ["--title", "Klaar", "--lang", "nl", *args])
    dutch = content_dir / "nieuws" / "klaar.nl.md"
    write(dutch, post("Klaar", "2019-10-01"))
    invoke(new_post_command, ["--translation-of", "klaar", "--title", "Done", *args])
    english = content_dir / "nieuws" / "klaar.en.md"
    text = english.read_text(encoding="utf-8")
    assert "draft: true" in text
    # The editor does what the TO DO line says, and no more.
    lines = [line.removeprefix("> ") for line in text.split("\n") if "TE DOEN" not in line]
    write(english, "\n".join(line for line in lines if "TO DO" not in line))
    code, problems, data = check(content_dir)
    assert code == 0
    [message] = found(problems, "klaar.en.md", "draft")
    assert "is still a draft (draft: true) while the Dutch version is published" in message
    row = next(r for r in data["translations"] if r["slug"] == "klaar")
    assert row["complete"] is False
    assert row["languages"]["en"]["status"] == "draft"
    # Published: the warning goes.
    write(english, post("Done", "2019-10-01"))
    _, problems, _ = check(content_dir)
    assert found(problems, "klaar.en.md", "draft") == []


def test_a_different_date_is_a_warning(content_dir: Path) -> None:
    write(content_dir / "nieuws" / "tweede-bericht.en.md", post("Second", "2019-11-02", "go-live"))
    _, problems, _ = check(content_dir)
    [message] = found(problems, "tweede-bericht.en.md", "date")
    assert "2019-11-02 differs from the Dutch version's (2019-10-31 14:30" in message
    write(content_dir / "nieuws" / "tweede-bericht.en.md", post("Second", "2019-10-31 14:30"))
    _, problems, _ = check(content_dir)
    assert found(problems, "tweede-bericht.en.md", "date") == []


def test_tags_that_do_not_map_are_warnings(content_dir: Path) -> None:
    news = content_dir / "nieuws"
    # A Dutch tag copied into the translation (the map says livegang is go-live in English).
    write(news / "tweede-bericht.en.md", post("Second", "2019-10-31 14:30", "livegang"))
    _, problems, _ = check(content_dir)
    [message] = found(problems, "tweede-bericht.en.md", "tags")
    assert message == '"livegang" is a Dutch tag; the English one is "go-live" (site.yaml, tags:)'
    # The right tag: nothing to say.
    write(news / "tweede-bericht.en.md", post("Second", "2019-10-31 14:30", "go-live"))
    _, problems, _ = check(content_dir)
    assert found(problems, "tweede-bericht.en.md", "tags") == []
    assert found(problems, "tweede-bericht.nl.md", "tags") == []
    # A tag the map does not know, in a post with a translation; and a missing counterpart.
    write(news / "tweede-bericht.en.md", post("Second", "2019-10-31 14:30", "meeting"))
    _, problems, _ = check(content_dir)
    assert found(problems, "tweede-bericht.en.md", "tags") == [
        '"meeting" has no Dutch counterpart in site.yaml\'s tags: (add a line such as '
        "…: meeting under tags:, with the same word on both sides when the languages share it)"
    ]
    assert found(problems, "tweede-bericht.nl.md", "tags") == [
        '"livegang" is "go-live" in English, but tweede-bericht.en.md has no such tag; give '
        "both versions the same topics"
    ]
    # An English post alone may not make a Dutch-named English topic either.
    write(news / "alleen.en.md", post("Alone", "2019-10-01", "livegang"))
    _, problems, _ = check(content_dir)
    assert found(problems, "alleen.en.md", "tags") == [
        '"livegang" is a Dutch tag; the English one is "go-live" (site.yaml, tags:)'
    ]


def test_a_link_to_the_other_language_is_a_warning(content_dir: Path) -> None:
    news = content_dir / "nieuws"
    write(
        news / "tweede-bericht.en.md",
        post("Second", "2019-10-31 14:30", "go-live", body="See [this](eerste-bericht.nl.md)."),
    )
    code, problems, _ = check(content_dir)
    assert code == 0  # advice, not an error
    assert found(problems, "tweede-bericht.en.md", "link") == [
        '"eerste-bericht.nl.md" is the Dutch version: readers of this English text land on a '
        'Dutch page (link to "eerste-bericht.en.md" instead)'
    ]
    write(
        news / "tweede-bericht.en.md",
        post("Second", "2019-10-31 14:30", "go-live", body="See [this](derde-bericht.nl.md)."),
    )
    _, problems, _ = check(content_dir)
    [message] = found(problems, "tweede-bericht.en.md", "link")
    assert "there is no English version; say in the text that the page is in Dutch" in message


def test_the_switch_on_a_tag_page_leads_to_its_counterpart(content_dir: Path) -> None:
    write(
        content_dir / "nieuws" / "tweede-bericht.en.md",
        post("Second", "2019-10-31 14:30", "go-live"),
    )
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    dutch = client.get("/nl/onderwerpen/livegang/").get_data(as_text=True)
    assert 'href="../../../en/topics/go-live/" hreflang="en"' in dutch
    english = client.get("/en/topics/go-live/").get_data(as_text=True)
    assert 'href="../../../nl/onderwerpen/livegang/" hreflang="nl"' in english
    # Without the map the pages are not the same topic: the switch leads to the news.
    site = content_dir / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").split("tags:")[0], encoding="utf-8")
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    dutch = client.get("/nl/onderwerpen/livegang/").get_data(as_text=True)
    assert "en/topics/go-live/" not in dutch


def test_the_tag_map_is_checked_like_other_content(content_dir: Path) -> None:
    site = content_dir / "site.yaml"
    text = site.read_text(encoding="utf-8").split("tags:")[0]
    write(site, text + "tags:\n  livegang: go-live\n  planning: go-live\n  leeg: [a]\n")
    code, problems, _ = check(content_dir)
    assert code == 1
    lines = text.count("\n")
    shown = [str(Problem(p["file"], p["message"], p["field"], p["line"])) for p in problems]
    assert (
        f'{site}:{lines + 3}: tags.planning: "go-live" is already the English of "livegang"; '
        "one English tag belongs to one Dutch tag"
    ) in shown
    assert any(s.startswith(f"{site}:{lines + 4}: tags.leeg: ") for s in shown)
    write(site, text + "tags: livegang\n")
    _, problems, _ = check(content_dir)
    tag_problems = [p for p in problems if p["file"] == str(site) and p["field"] != "base_url"]
    assert [p["message"] for p in tag_problems] == [
        '"livegang" is not a list of pairs (expected Dutch tag: English tag, one a line, '
        "e.g. livegang: go-live)"
    ]
