"""Cache records: a load result written as data and read back identical, or not at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsroom.content.dates import AMSTERDAM, parse_datetime
from newsroom.core.errors import Problem
from newsroom.core.models import Post
from newsroom.loading.codec import STORED_FIELDS, BadRecord, Loaded, decode, encode, split

KEY = hashlib.sha256(b"a post").hexdigest()
SOURCE = Path("/content/nieuws/bericht.nl.md")


def moment(text: str) -> dt.datetime:
    parsed = parse_datetime(text)
    assert parsed is not None
    return parsed


def loaded(**changes: Any) -> Loaded:
    post = Post(
        slug="bericht",
        lang="nl",
        title="Één “titel”\u2028met\ttekens",
        date=moment("2024-10-27T02:30:00+01:00"),  # the second 02:30 of that night
        summary="Kort.",
        body_html='<p>Tekst met "aanhalingstekens", \\u en\nregels 😀</p>\n',
        source=SOURCE,
        tags=("één", "twee"),
        updated=moment("2024-11-01"),
        draft=False,
        suppliers=("leverancier",),
    )
    problems = [
        Problem(str(SOURCE), "script removed", field="body", line=7, severity="warning"),
        Problem(str(SOURCE), "plain"),
    ]
    return dataclasses.replace(post, **changes), problems


def read(record: bytes, key: str = KEY, source: Path = SOURCE) -> Loaded:
    framed = list(split(record))
    assert len(framed) == 1 and framed[0][3] == len(record)
    _, head, body, _ = framed[0]
    return decode(head, body, key, source)


def test_the_record_fields_are_the_post_fields() -> None:
    assert {*STORED_FIELDS, "body_html"} == {f.name for f in dataclasses.fields(Post)}


def test_a_record_reads_back_identical() -> None:
    original = loaded()
    again = read(encode(KEY, original))
    assert again == original and repr(again) == repr(original)
    post = again[0]
    assert post is not None and post.source is SOURCE
    assert post.date.tzinfo is AMSTERDAM and post.date.fold == 1
    assert post.date.isoformat() == "2024-10-27T02:30:00+01:00"
    assert post.updated is not None and post.updated.tzinfo is AMSTERDAM


def test_a_result_without_a_post_reads_back() -> None:
    problems = [Problem("x.md", "no title", field="title", line=1)]
    assert read(encode(KEY, (None, problems))) == (None, problems)


def test_what_cannot_read_back_the_same_is_not_written() -> None:
    utc = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(BadRecord):
        encode(KEY, loaded(date=utc))
    with pytest.raises(ValueError):
        encode(KEY, loaded(body_html="lone \ud800 surrogate"))
    with pytest.raises(BadRecord):
        encode("not a digest", loaded())


def edit_head(record: bytes, change: Callable[[dict[str, Any]], object]) -> bytes:
    """`record` with its JSON head changed, written with every non-ASCII character escaped."""
    head, rest = record.split(b"\n", 1)
    data = json.loads(head)
    change(data)
    return json.dumps(data, separators=(",", ":")).encode() + b"\n" + rest


def test_a_head_with_escapes_reads_back() -> None:
    record = edit_head(encode(KEY, loaded()), lambda data: None)
    assert b"\\u00c9" in record and read(record) == loaded()


def setter(where: str, name: str, value: Any) -> Callable[[dict[str, Any]], object]:
    def change(data: dict[str, Any]) -> None:
        target = data if where == "head" else data["post"] if where == "post" else data[where][0]
        target[name] = value

    return change


WRONG = {
    "title a number": setter("post", "title", 123),
    "date naive": setter("post", "date", "2024-01-04T10:15:00"),
    "date in UTC": setter("post", "date", "2024-01-04T09:15:00+00:00"),
    "date that Amsterdam skipped": setter("post", "date", "2024-03-31T02:30:00+01:00"),
    "date a number": setter("post", "date", 1704359700),
    "date nonsense": setter("post", "date", "yesterday"),
    "updated a list": setter("post", "updated", []),
    "tags a string": setter("post", "tags", "één"),
    "tags with a number": setter("post", "tags", ["één", 2]),
    "draft a number": setter("post", "draft", 0),
    "draft a string": setter("post", "draft", "false"),
    "lang unknown": setter("post", "lang", "de"),
    "slug a path": setter("post", "slug", "../../etc"),
    "source of another file": setter("post", "source", "/elsewhere.nl.md"),
    "extra field": setter("post", "extra", 1),
    "missing field": lambda data: data["post"].pop("summary"),
    "post a list": setter("head", "post", []),
    "no post but a body": setter("head", "post", None),
    "problems a dict": setter("head", "problems", {}),
    "problem line a string": setter("problems", "line", "7"),
    "problem line a bool": setter("problems", "line", True),
    "problem severity unknown": setter("problems", "severity", "fatal"),
    "problem field a number": setter("problems", "field", 3),
    "problem extra key": setter("problems", "extra", None),
    "another key": setter("head", "key", hashlib.sha256(b"other").hexdigest()),
    "lone surrogate": setter("post", "title", "\ud800"),
}


@pytest.mark.parametrize("wrong", list(WRONG))
def test_a_record_with_a_wrong_field_is_refused(wrong: str) -> None:
    record = edit_head(encode(KEY, loaded()), WRONG[wrong])
    with pytest.raises(BadRecord):
        read(record)


def test_a_body_that_is_not_utf8_is_refused() -> None:
    record = encode(KEY, loaded(body_html="abc"))
    with pytest.raises(BadRecord):
        read(record.replace(b"\nabc\n", b"\n\xed\xa0\x80\n"))  # an encoded lone surrogate


def test_the_head_must_be_json_all_through() -> None:
    record = encode(KEY, loaded())
    head, rest = record.split(b"\n", 1)
    with pytest.raises(BadRecord):
        read(head[:-1] + b"\n" + rest)  # its closing brace lost


def test_reading_stops_at_what_is_not_a_whole_record() -> None:
    first, second = encode(KEY, loaded()), encode(KEY, (None, []))
    assert [r[3] for r in split(first + second)] == [len(first), len(first) + len(second)]
    for damaged in (first[:-1], first[:40], first[:-1] + b"x", b"\x80\x05K\x01.", b"\n" + first):
        assert list(split(damaged + second)) == []
    assert list(split(b"")) == []
