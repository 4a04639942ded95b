"""The loader: good posts become models; every bad post gets a precise message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from edits import problems_for, write_in
from newsroom.content.dates import AMSTERDAM
from newsroom.loading.content import load_content
from paths import REPO

GOOD = "---\ntitle: Goed\ndate: 2019-10-31\n---\nTekst.\n"


def write(content_dir: Path, name: str, text: str | bytes) -> Path:
    return write_in("nieuws", content_dir, name, text)


def test_loads_fixture_posts(content_dir: Path) -> None:
    content = load_content(content_dir)
    keys = [(p.lang, p.slug) for p in content.posts]
    # Newest first; drafts left out.
    assert keys == [
        ("nl", "derde-bericht"),
        ("nl", "tweede-bericht"),
        ("nl", "eerste-bericht"),
        ("en", "eerste-bericht"),
    ]
    second = next(p for p in content.posts if p.slug == "tweede-bericht")
    assert second.date == dt.datetime(2019, 10, 31, 14, 30, tzinfo=AMSTERDAM)
    assert second.date.utcoffset() == dt.timedelta(hours=1)  # CET in late October
    assert second.summary == "Een eigen samenvatting."
    first = next(p for p in content.posts if p.key == ("nl", "eerste-bericht"))
    assert first.summary == "De eerste alinea van het eerste bericht."
    assert first.tags == ("OSR", "Mandaat")
    assert '<h2 id="een-kop">Een kop</h2>' in first.body_html


def test_drafts_only_when_asked(content_dir: Path) -> None:
    slugs = {p.slug for p in load_content(content_dir, drafts=True).posts}
    assert "concept" in slugs


def test_future_posts_left_out_until_their_date(content_dir: Path) -> None:
    write(content_dir, "later.nl.md", "---\ntitle: Later\ndate: 2030-01-01\n---\nTekst.\n")
    assert "later" not in {p.slug for p in load_content(content_dir).posts}
    assert "later" in {p.slug for p in load_content(content_dir, future=True).posts}


def test_markdown_extensions(content_dir: Path) -> None:
    body = (
        '"Aanhalingstekens" en auto\'s -- streepje\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "Alinea met attribuut\n{: .note }\n\n"
        "1. een\n2. twee\n"
    )
    write(content_dir, "opmaak.nl.md", f"---\ntitle: Opmaak\ndate: 2019-01-01\n---\n{body}")
    post = next(p for p in load_content(content_dir).posts if p.slug == "opmaak")
    # Smart quotes and dashes (the sanitiser writes them as characters, not entities).
    assert "\u201cAanhalingstekens\u201d" in post.body_html
    assert "auto\u2019s \u2013 streepje" in post.body_html
    assert "<table>" in post.body_html
    assert '<p class="note">' in post.body_html
    assert "<ol>" in post.body_html


def test_bom_and_windows_line_endings_are_fine(content_dir: Path) -> None:
    text = "\ufeff---\r\ntitle: Windows\r\ndate: 2019-01-01\r\n---\r\nTekst.\r\n"
    write(content_dir, "windows.nl.md", text.encode("utf-8"))
    assert "windows" in {p.slug for p in load_content(content_dir).posts}


BAD_CASES = [
    pytest.param(
        "x.nl.md",
        "---\ndate: 2019-10-31\n---\nTekst.\n",
        "x.nl.md: title: is required and missing",
        id="missing-title",
    ),
    pytest.param(
        "x.nl.md",
        '---\ntitle: "  "\ndate: 2019-10-31\n---\nTekst.\n',
        "x.nl.md:2: title: is empty",
        id="empty-title",
    ),
    pytest.param(
        "x.nl.md",
        '---\ntitle: X\ndate: "31-10-2019"\n---\nTekst.\n',
        'x.nl.md:3: date: "31-10-2019" is not an ISO date (expected a date YYYY-MM-DD',
        id="bad-date",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-13-45\n---\nTekst.\n",
        'x.nl.md:3: date: "2019-13-45" is not a date: there is no month 13 (months are 01 to 12)',
        id="impossible-date",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\n---\nTekst.\n",
        "x.nl.md: date: is required and missing",
        id="missing-date",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X: Y: Z\ndate: 2019-10-31\n---\nTekst.\n",
        "x.nl.md:2: YAML syntax error",
        id="yaml-syntax",
    ),
    pytest.param(
        "x.nl.md",
        "Gewoon tekst zonder kop.\n",
        "x.nl.md:1: no front matter",
        id="no-front-matter",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\nTekst.\n",
        "x.nl.md:1: the front matter is not closed",
        id="unclosed-front-matter",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\ntgas: [a]\n---\nTekst.\n",
        "x.nl.md:4: tgas: unknown field (known fields: title, date, summary, tags, updated, "
        "changes, draft, suppliers)",
        id="unknown-key",
    ),
    pytest.param(
        "x.de.md",
        GOOD,
        'x.de.md: file name: language "de" is not one of nl, en',
        id="unknown-language",
    ),
    pytest.param(
        "Mijn_Bericht.nl.md",
        GOOD,
        'Mijn_Bericht.nl.md: file name: slug "Mijn_Bericht" may use only lowercase',
        id="bad-slug",
    ),
    pytest.param(
        "x.md",
        GOOD,
        "x.md: file name: file name must be <slug>.<language>.md",
        id="no-language",
    ),
    pytest.param(
        "x.nl.md",
        b"---\ntitle: Caf\xe9\ndate: 2019-10-31\n---\nTekst.\n",
        "x.nl.md:2: is not UTF-8 text: the character on line 2, column 11 cannot be read "
        '(probably "é"); save the file as UTF-8 in your editor',
        id="not-utf8",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: 2019\ndate: 2019-10-31\n---\nTekst.\n",
        'x.nl.md:2: title: 2019 is not text (expected text; put it in quotes: title: "2019")',
        id="title-number",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\ntags: livegang\n---\nTekst.\n",
        'x.nl.md:4: tags: "livegang" is not a list (expected a list such as tags: [livegang])',
        id="tags-not-list",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\ndraft: misschien\n---\nTekst.\n",
        'x.nl.md:4: draft: "misschien" is not true or false',
        id="draft-not-bool",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\ntitle: Y\n---\nTekst.\n",
        "x.nl.md:4: title: appears twice (first on line 2)",
        id="duplicate-key",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\nupdated: 2019-10-01\n---\nTekst.\n",
        "x.nl.md:4: updated: is before the post's date",
        id="updated-before-date",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\n---\n# Tweede titel\n",
        "x.nl.md:5: the text has a level-1 heading",
        id="h1-in-body",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: X\ndate: 2019-10-31\n---\n\n",
        "x.nl.md:5: the post has no text",
        id="empty-body",
    ),
    pytest.param(
        "x.nl.md",
        "---\n- title\n- date\n---\nTekst.\n",
        "x.nl.md:2: expected fields written as 'name: value'",
        id="front-matter-list",
    ),
    pytest.param(
        "x.nl.md",
        "---\ntitle: !!python/object:os.system X\ndate: 2019-10-31\n---\nT.\n",
        "x.nl.md:2: title: the YAML tag '!!python/object:os.system' is not allowed",
        id="yaml-object-tag",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD_CASES)
def test_bad_post_gets_precise_message(
    content_dir: Path, name: str, text: str | bytes, expected: str
) -> None:
    write(content_dir, name, text)
    problems = problems_for(content_dir)
    assert len(problems) == 1, problems
    assert problems[0].endswith(expected) or expected in problems[0], problems
    assert problems[0].startswith(str(content_dir / "nieuws"))


def test_same_slug_twice_in_one_language(content_dir: Path) -> None:
    write(content_dir, "2019/eerste-bericht.nl.md", GOOD)
    (problem,) = problems_for(content_dir)
    assert 'file name: slug "eerste-bericht" is already used in language "nl"' in problem
    assert "nieuws/2019/eerste-bericht.nl.md" in problem
    assert "nieuws/eerste-bericht.nl.md" in problem


def test_all_problems_reported_at_once(content_dir: Path) -> None:
    write(content_dir, "a.nl.md", "---\ndate: 2019-10-31\n---\nTekst.\n")
    write(content_dir, "b.nl.md", "---\ntitle: B\ndate: gisteren\nfoo: 1\n---\nTekst.\n")
    problems = problems_for(content_dir)
    assert len(problems) == 3
    assert any("a.nl.md: title:" in p for p in problems)
    assert any("b.nl.md:3: date:" in p for p in problems)
    assert any("b.nl.md:4: foo:" in p for p in problems)


def test_bad_settings(content_dir: Path) -> None:
    (content_dir / "site.yaml").write_text(
        "title: {nl: X}\nbase_url: ftp://x\npage_size: nul\n", encoding="utf-8"
    )
    problems = problems_for(content_dir)
    assert any("site.yaml:1: title: has no text for language 'en'" in p for p in problems)
    assert any('site.yaml:2: base_url: "ftp://x" is not a web address' in p for p in problems)
    assert any('site.yaml:3: page_size: "nul" is not a whole number' in p for p in problems)


def test_repository_content_loads() -> None:
    repo = REPO / "content"
    content = load_content(repo)
    keys = {(p.lang, p.slug) for p in content.posts}
    assert {
        ("nl", "update-livegang"),
        ("en", "update-livegang"),
        ("nl", "mandaat-softwareleverancier"),
        ("en", "mandaat-softwareleverancier"),
    } <= keys


BLOCK_POST = "---\ntitle: B\ndate: 2019-01-01\n---\nTekst.\n\n[[{}]]\n"


def test_block_markers_become_placeholders(content_dir: Path, monkeypatch) -> None:
    from flask import Flask

    from newsroom.content import blocks
    from newsroom.web.embed import Embeds, expand

    monkeypatch.setitem(blocks.BLOCK_CHECKS, "demo", lambda argument, data: None)
    write(content_dir, "blok.nl.md", BLOCK_POST.format("demo x-1"))
    post = next(p for p in load_content(content_dir).posts if p.slug == "blok")
    placeholder = '<div data-block="demo x-1"></div>'
    assert placeholder in post.body_html
    app = Flask("demo")
    app.extensions["newsroom.embeds"] = Embeds(
        blocks={"demo": lambda lang, arg: f"<p>{lang}:{arg}</p>"}, resolvers={}
    )
    with app.test_request_context():
        expanded = str(expand(post.body_html, "nl"))
    assert expanded == post.body_html.replace(placeholder, "<p>nl:x-1</p>")


def test_unknown_block_is_an_error(content_dir: Path) -> None:
    write(content_dir, "blok.nl.md", BLOCK_POST.format("onbekend"))
    (problem,) = problems_for(content_dir)
    assert 'blok.nl.md:7: unknown block "[[onbekend]]"' in problem


def test_bad_contact_setting(content_dir: Path) -> None:
    settings = content_dir / "site.yaml"
    text = settings.read_text("utf-8") + "contact: {nl: 'bel ons', en: 'mailto:info@example.nl'}\n"
    settings.write_text(text, encoding="utf-8")
    (problem,) = problems_for(content_dir)
    assert 'contact: nl: "bel ons" is not a web or e-mail address' in problem
    assert "site.yaml:" in problem
