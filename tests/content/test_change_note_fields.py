"""Change notes (`changes:` in a post's front matter): read into the model, newest first, the
latest one the post's `updated` date; every mistake a precise message (file, line, field)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from edits import problems_for, write_in
from newsroom.content.dates import AMSTERDAM
from newsroom.loading.codec import decode, encode, split
from newsroom.loading.content import load_content
from paths import REPO


def write(content_dir: Path, name: str, text: str) -> Path:
    return write_in("nieuws", content_dir, name, text)


def post(front: str, body: str = "Tekst.") -> str:
    return f"---\ntitle: Bericht\ndate: 2019-10-10\n{front}---\n{body}\n"


def loaded(content_dir: Path, slug: str = "bericht", lang: str = "nl"):
    content = load_content(content_dir)
    return next(p for p in content.posts if p.key == (lang, slug))


def day(year: int, month: int, number: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, number, hour, minute, tzinfo=AMSTERDAM)


def test_notes_are_read_newest_first_and_set_updated(content_dir: Path) -> None:
    write(
        content_dir,
        "bericht.nl.md",
        post(
            "changes:\n"
            "  - date: 2019-10-20\n    note: Eerste wijziging.\n"
            "  - date: 2019-10-31 09:30\n"
            "    note: De datum is verschoven, zie [het eerste](eerste-bericht.nl.md).\n"
            "  - {date: 2019-10-20, note: '*Tweede* op dezelfde dag.'}\n"
        ),
    )
    found = loaded(content_dir)
    assert [(c.date, c.date_only) for c in found.changes] == [
        (day(2019, 10, 31, 9, 30), False),
        (day(2019, 10, 20), True),
        (day(2019, 10, 20), True),
    ]
    # One line of inline HTML each; a link by file name stays a placeholder until rendered.
    assert found.changes[0].note_html == (
        'De datum is verschoven, zie <a href="nieuws/eerste-bericht.nl.md">het eerste</a>.'
    )
    # Notes of one day keep the order they are written in.
    assert found.changes[1].note_html == "Eerste wijziging."
    assert found.changes[2].note_html == "<em>Tweede</em> op dezelfde dag."
    assert found.updated == day(2019, 10, 31, 9, 30) == found.last_changed
    assert found.updated_date_only is False and found.date_only is True


def test_updated_agreeing_with_the_latest_note_is_fine(content_dir: Path) -> None:
    text = post("updated: 2019-10-31\nchanges:\n  - date: 2019-10-31\n    note: Verschoven.\n")
    write(content_dir, "bericht.nl.md", text)
    found = loaded(content_dir)
    assert found.updated == day(2019, 10, 31) and found.updated_date_only is True


def test_updated_without_notes_still_works(content_dir: Path) -> None:
    write(content_dir, "bericht.nl.md", post("updated: 2019-10-12 08:15\n"))
    found = loaded(content_dir)
    assert found.changes == ()
    assert found.updated == day(2019, 10, 12, 8, 15) and found.updated_date_only is False


BAD = [
    (
        "not-a-list",
        "changes: Verschoven.\n",
        'bericht.nl.md:4: changes: "Verschoven." is not a list (expected a list of changes, '
        "each written as '- date: 2019-10-31' with 'note: what changed' on the line below it)",
    ),
    (
        "item-not-a-group",
        "changes:\n  - Verschoven.\n",
        'bericht.nl.md:5: changes[1]: "Verschoven." is not a change (expected a list of changes',
    ),
    (
        "date-missing",
        "changes:\n  - note: Verschoven.\n",
        "bericht.nl.md:5: changes[1].date: is required and missing (expected a date YYYY-MM-DD",
    ),
    (
        "note-missing",
        "changes:\n  - date: 2019-10-31\n",
        "bericht.nl.md:5: changes[1].note: is required and missing (expected text)",
    ),
    (
        "note-empty",
        "changes:\n  - date: 2019-10-31\n    note: ' '\n",
        "bericht.nl.md:6: changes[1].note: is empty (expected text)",
    ),
    (
        "note-not-text",
        "changes:\n  - date: 2019-10-31\n    note: {nl: Verschoven.}\n",
        "bericht.nl.md:6: changes[1].note: a group of fields is not text",
    ),
    (
        "unknown-key",
        "changes:\n  - date: 2019-10-31\n    nota: Verschoven.\n    note: Verschoven.\n",
        "bericht.nl.md:6: changes[1].nota: unknown field (known fields: date, note)",
    ),
    (
        "impossible-date",
        "changes:\n  - date: 2019-11-31\n    note: Verschoven.\n",
        'bericht.nl.md:5: changes[1].date: "2019-11-31" is not a date: November has 30 days',
    ),
    (
        "not-a-date",
        "changes:\n  - date: gisteren\n    note: Verschoven.\n",
        'bericht.nl.md:5: changes[1].date: "gisteren" is not an ISO date',
    ),
    (
        "before-the-post",
        "changes:\n  - date: 2019-10-31\n    note: Goed.\n"
        "  - date: 2019-10-01\n    note: Te vroeg.\n",
        "bericht.nl.md:7: changes[2].date: 2019-10-01 is before the post's date, 2019-10-10 "
        "(expected the day of the change, on or after the post's date)",
    ),
    (
        "updated-disagrees",
        "updated: 2019-10-30\nchanges:\n  - date: 2019-10-31\n    note: Verschoven.\n",
        "bericht.nl.md:4: updated: 2019-10-30 is not the date of the latest change note "
        "(2019-10-31, in changes[1]); give both the same date, or leave out updated: (the "
        "latest change note sets it)",
    ),
    (
        "two-paragraphs",
        "changes:\n  - date: 2019-10-31\n    note: |\n      Een.\n\n      Twee.\n",
        "bericht.nl.md:6: changes[1].note: is more than one line of text (expected one "
        "sentence or two on one line, no lists, headings or [[blocks]]",
    ),
    (
        "a-list",
        "changes:\n  - date: 2019-10-31\n    note: '- een punt'\n",
        "bericht.nl.md:6: changes[1].note: is more than one line of text",
    ),
    (
        "a-block",
        "changes:\n  - date: 2019-10-31\n    note: '[[feeds]]'\n",
        "bericht.nl.md:6: changes[1].note: is more than one line of text",
    ),
    (
        "updated-before-date",
        "updated: 2019-10-01\n",
        "bericht.nl.md:4: updated: is before the post's date (expected a later date)",
    ),
]


@pytest.mark.parametrize(("front", "expected"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_every_mistake_gets_a_precise_message(content_dir: Path, front: str, expected: str):
    write(content_dir, "bericht.nl.md", post(front))
    problems = problems_for(content_dir)
    assert len(problems) == 1, problems
    assert expected in problems[0], problems


def test_every_mistake_in_a_file_is_reported_at_once(content_dir: Path) -> None:
    front = (
        "changes:\n  - date: 2019-11-31\n    note: Een.\n  - note: Twee.\n"
        "  - date: 2019-10-20\n    note: '## Kop'\n"
    )
    write(content_dir, "bericht.nl.md", post(front))
    problems = problems_for(content_dir)
    assert [p.split("bericht.nl.md:")[1].split(":")[:2] for p in problems] == [
        ["5", " changes[1].date"],
        ["7", " changes[2].date"],
    ]


def test_html_the_site_does_not_allow_is_removed_with_a_warning(content_dir: Path) -> None:
    write(
        content_dir,
        "bericht.nl.md",
        post("changes:\n  - date: 2019-10-31\n    note: 'Zie <script>x()</script>hier.'\n"),
    )
    from newsroom.loading.content import read_content

    result = read_content(content_dir)
    warnings = [str(p) for p in result.problems if not p.is_error]
    assert any("bericht.nl.md:6: changes[1].note: <script> element removed" in w for w in warnings)
    found = next(p for p in result.content.posts if p.slug == "bericht")
    assert "script" not in found.changes[0].note_html


def test_notes_survive_the_cache(content_dir: Path) -> None:
    write(
        content_dir,
        "bericht.nl.md",
        post("changes:\n  - date: 2019-10-31 09:30\n    note: Verschoven, *echt*.\n"),
    )
    found = loaded(content_dir)
    record = encode("0" * 64, (found, []))
    key, head, body, _ = next(split(record))
    assert decode(head, body, key, found.source) == (found, [])


def test_the_mandate_post_says_the_connection_date_moved() -> None:
    """The default content: the 31 October update moved the 1 November date that the
    10 October post announced; both language versions say so in a change note."""
    content = load_content(REPO / "content")
    for lang, words in (("nl", "1 november is verschoven"), ("en", "1 November has moved")):
        mandate = next(p for p in content.posts if p.key == (lang, "mandaat-softwareleverancier"))
        (change,) = mandate.changes
        assert change.date == day(2019, 10, 31)
        assert words in change.note_html
        assert f'href="nieuws/update-livegang.{lang}.md"' in change.note_html
        assert mandate.updated == change.date and mandate.date == day(2019, 10, 10)


def test_a_note_that_takes_too_long_to_render_is_an_error(content_dir: Path) -> None:
    """Python-Markdown can take minutes on some pasted text: past the time limit a note is a
    problem at its line, not a hang (the limit made tiny here, so any note exceeds it)."""
    from newsroom.content.changes import read_changes
    from newsroom.content.documents import read_source
    from newsroom.loading.changes import render_changes
    from newsroom.markup.render import Renderer

    path = write(
        content_dir,
        "bericht.nl.md",
        post("changes:\n  - date: 2019-10-31\n    note: 'Zie " + "[" * 3000 + "'\n"),
    )
    problems: list = []
    source = read_source(path, problems)
    assert source is not None and not problems
    changes = read_changes(source.fields)
    assert render_changes(source, changes, Renderer(), problems, seconds=1e-6) is None
    assert [str(p).split("bericht.nl.md:")[1] for p in problems] == [
        "6: changes[1].note: takes too long to turn into text"
    ]
