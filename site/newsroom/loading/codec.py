"""One cache record: a post file's load result (its `Post` or nothing, and its problems)
under its key, as data only, checked field by field when read back.

A record is a line of JSON, the head (the key, the body's length in bytes, the post's other
fields, the problems), then the post's HTML body as raw UTF-8 and a newline:

    {"key":"<64 hex>","body":<bytes>,"post":{…}|null,"problems":[{…}]}\\n<body>\\n

The body is most of the bytes (nine tenths in the benchmark): kept out of the JSON, it needs
no escaping and no parsing, only a strict UTF-8 decoding. A record is accepted only when
every field has the type and form a fresh load gives; anything else is a miss, so the post
is loaded again. Dates come back in exactly the `AMSTERDAM` zone a fresh load uses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from newsroom.content.dates import AMSTERDAM
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES, ChangeNote, Post
from newsroom.core.slugs import SLUG

Loaded = tuple[Post | None, list[Problem]]
Chunk = bytes | memoryview
SEVERITIES = ("error", "warning")
PROBLEM_FIELDS = ("path", "message", "field", "line", "severity")
_HEAD_KEYS = frozenset(("key", "body", "post", "problems"))
_PROBLEM_KEYS = frozenset(PROBLEM_FIELDS)
_KEY = re.compile(r"[0-9a-f]{64}")
_START = re.compile(rb'\{"key":"([0-9a-f]{64})","body":(0|[1-9][0-9]{0,9}),')
"""How `encode` starts every head: a reader finds the key and where the record ends unparsed."""


class BadRecord(ValueError):
    """A record that is not what `encode` writes: it counts as missing."""


def _text(value: Any) -> str:
    if type(value) is not str:
        raise BadRecord("not a string")
    return value


def _slug(value: Any) -> str:
    if not SLUG.fullmatch(_text(value)):
        raise BadRecord("not a slug")
    return value


def _lang(value: Any) -> str:
    if type(value) is not str or value not in LANGUAGES:
        raise BadRecord("not a language")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise BadRecord("not a list")
    return tuple(_text(item) for item in value)


def _moment(value: Any) -> dt.datetime:
    """A date as `encode` wrote it: its ISO form with the offset. Only the canonical form of
    a moment that exists in Amsterdam is accepted (the fold of an autumn hour included)."""
    try:
        parsed = dt.datetime.fromisoformat(_text(value))
        # (A naive time would be taken as the machine's local time: refused, not converted.)
        moment = parsed.astimezone(AMSTERDAM) if parsed.tzinfo is not None else None
    except (ValueError, OverflowError, OSError) as error:
        raise BadRecord("not a date") from error
    if moment is None or moment.isoformat() != value:
        raise BadRecord("not a date in Amsterdam")
    return moment


def _maybe_moment(value: Any) -> dt.datetime | None:
    return None if value is None else _moment(value)


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise BadRecord("not true or false")
    return value


def _changes(value: Any) -> tuple[ChangeNote, ...]:
    """Change notes as `_plain` writes them: `[date, note_html, date_only]` each."""
    if type(value) is not list:
        raise BadRecord("not a list")
    notes = []
    for item in value:
        if type(item) is not list or len(item) != 3:
            raise BadRecord("not a change note")
        notes.append(ChangeNote(_moment(item[0]), _text(item[1]), _flag(item[2])))
    return tuple(notes)


STORED_FIELDS: dict[str, Callable[[Any], Any]] = {
    "slug": _slug,
    "lang": _lang,
    "title": _text,
    "date": _moment,
    "summary": _text,
    "source": _text,  # must be the path of the file the record is of (see `decode`)
    "tags": _texts,
    "updated": _maybe_moment,
    "draft": _flag,
    "suppliers": _texts,
    "changes": _changes,
    "date_only": _flag,
    "updated_date_only": _flag,
}
"""Every field of `Post` in the head (all but `body_html`, which follows it) and how its JSON
value is checked and turned back; a test holds these in step with `Post`."""


def _plain(value: Any) -> Any:
    """A field's value as JSON data (the inverse of its `STORED_FIELDS` entry)."""
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        if not (isinstance(zone, ZoneInfo) and zone.key == AMSTERDAM.key):
            raise BadRecord("a date outside Amsterdam's zone")
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, ChangeNote):
        return [_plain(value.date), value.note_html, value.date_only]
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def encode(key: str, loaded: Loaded) -> bytes:
    """The record of `loaded` under `key`. Raises BadRecord (or ValueError) for what it
    cannot write so that it reads back the same."""
    post, problems = loaded
    if not _KEY.fullmatch(key):
        raise BadRecord("not a key")
    body = b"" if post is None else post.body_html.encode()  # strict: no lone surrogates
    head = {
        "key": key,
        "body": len(body),
        "post": None if post is None else {n: _plain(getattr(post, n)) for n in STORED_FIELDS},
        "problems": [{name: getattr(p, name) for name in PROBLEM_FIELDS} for p in problems],
    }
    line = json.dumps(head, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    record = line + b"\n" + body + b"\n"
    source = post.source if post is not None else Path()
    framed = next(split(record), None)
    if framed != (key, line, body, len(record)) or decode(line, body, key, source) != loaded:
        raise BadRecord("does not read back the same")
    return record


def split(data: bytes) -> Iterator[tuple[str, memoryview, memoryview, int]]:
    """The whole records at the start of `data`, unparsed: each one's key, head, body (views
    of `data`, not copies) and where it ends. It stops at anything else (a torn last record,
    foreign bytes): past that, where a record starts is not known."""
    view = memoryview(data)
    position = 0
    while position < len(data):
        newline = data.find(b"\n", position)
        start = _START.match(data, position, newline) if newline >= 0 else None
        if start is None:
            return
        end = newline + 1 + int(start[2])
        if data[end : end + 1] != b"\n":
            return
        yield start[1].decode(), view[position:newline], view[newline + 1 : end], end + 1
        position = end + 1


def _problem(value: Any) -> Problem:
    if type(value) is not dict or value.keys() != _PROBLEM_KEYS:
        raise BadRecord("not a problem")
    line, field, severity = value["line"], value["field"], value["severity"]
    if not (line is None or type(line) is int) or severity not in SEVERITIES:
        raise BadRecord("not a problem")
    return Problem(
        _text(value["path"]),
        _text(value["message"]),
        None if field is None else _text(field),
        line,
        _text(severity),
    )


def decode(head: Chunk, body: Chunk, key: str, source: Path) -> Loaded:
    """The load result a record (its head and body, as `split` gives them) holds under `key`
    for the file at `source`; BadRecord unless the record is exactly what `encode` could
    have written for that file.

    (The key covers the path, so a record of another file is not ours; and the post gets
    `source` itself, as a fresh load does, instead of a path parsed again.)"""
    try:
        text = str(head, "utf-8")  # strict UTF-8, whatever json would guess
        record = json.loads(text)
        if "\\u" in text:
            # An escaped lone surrogate makes a string no page can be written with.
            json.dumps(record, ensure_ascii=False).encode()
        body_html = str(body, "utf-8")  # strict: raw bytes never make a lone surrogate
    except (ValueError, RecursionError) as error:
        raise BadRecord("not JSON and UTF-8") from error
    if type(record) is not dict or record.keys() != _HEAD_KEYS:
        raise BadRecord("not a record")
    if record["key"] != key or record["body"] != len(body) or type(record["body"]) is not int:
        raise BadRecord("not this record")
    if type(record["problems"]) is not list:
        raise BadRecord("no problems list")
    fields = record["post"]
    if fields is None:
        if body:
            raise BadRecord("a body without a post")
        post = None
    elif type(fields) is not dict or fields.keys() != STORED_FIELDS.keys():
        raise BadRecord("not a post")
    elif fields["source"] != str(source):
        raise BadRecord("a post of another file")
    else:
        values = {name: check(fields[name]) for name, check in STORED_FIELDS.items()}
        post = Post(**{**values, "body_html": body_html, "source": source})
    return post, [_problem(value) for value in record["problems"]]
