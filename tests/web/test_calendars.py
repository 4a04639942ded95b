"""Calendars parsed back with `icalendar`, checked event by event; stable and reproducible."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from newsroom.build.site import build
from newsroom.content.catalogs import load_catalogs
from newsroom.loading.content import load_content
from newsroom.web.app import create_app
from newsroom.web.calendars import calendar_bytes
from paths import FIXTURES, REPO

UTC = dt.UTC


@pytest.fixture
def rollout_dir(content_dir: Path) -> Path:
    shutil.copy(FIXTURES / "rollout" / "rollout.yaml", content_dir / "rollout.yaml")
    return content_dir


@pytest.fixture
def client(rollout_dir: Path):
    return create_app({"CONTENT_DIR": str(rollout_dir), "TESTING": True}).test_client()


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(calendar: Calendar) -> list[dict]:
    """Each event's properties as plain Python values, in file order."""
    found = []
    for event in calendar.walk("VEVENT"):
        found.append(
            {
                "uid": str(event["UID"]),
                "start": event.decoded("DTSTART"),
                "end": event.decoded("DTEND"),
                "stamp": event.decoded("DTSTAMP"),
                "summary": str(event["SUMMARY"]),
                "description": str(event.get("DESCRIPTION", "")),
                "url": str(event["URL"]),
                "status": str(event["STATUS"]),
                "transp": str(event["TRANSP"]),
                "sequence": int(event["SEQUENCE"]),
            }
        )
    return found


def test_calendar_of_every_milestone(client) -> None:
    response = client.get("/en/schedule.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = parse(response.data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Newsroom//Rollout schedule//EN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Test news – Schedule"
    # The schedule's `updated` day (not the build time) at noon in Amsterdam: 11:00 UTC in winter.
    stamp = dt.datetime(2019, 11, 5, 11, tzinfo=UTC)
    base = "https://test.example.org/en/schedule/"
    assert events(calendar) == [
        {
            "uid": "phase.alfa.first.en@test.example.org",
            "start": dt.date(2019, 11, 18),
            "end": dt.date(2019, 11, 19),
            "stamp": stamp,
            "summary": "Alfa: first institution",
            "description": "First school.\nStatus: done\nAnnounced before: was 1 November "
            "2019, now week of 11 November 2019; was week of 11 November 2019, now 18 November "
            "2019",
            "url": base + "alfa/",
            "status": "CONFIRMED",
            "transp": "TRANSPARENT",
            "sequence": 2,
        },
        # Alfa's remaining institutions come "after that": no date, no event.
        {
            "uid": "phase.beta.all.en@test.example.org",
            "start": dt.date(2019, 11, 18),  # the week: Monday …
            "end": dt.date(2019, 11, 25),  # … to Sunday, the end being exclusive
            "stamp": stamp,
            "summary": "Beta: all institutions",
            "description": "Status: delayed",
            "url": base + "beta/",
            "status": "TENTATIVE",
            "transp": "TRANSPARENT",
            "sequence": 0,
        },
        {
            "uid": "phase.gamma.first.en@test.example.org",
            "start": dt.date(2019, 12, 1),
            "end": dt.date(2019, 12, 2),
            "stamp": stamp,
            "summary": "Gamma: first institution from 1 December 2019",
            "description": "Status: planned",
            "url": base + "gamma/",
            "status": "TENTATIVE",
            "transp": "TRANSPARENT",
            "sequence": 0,
        },
        # Gamma's remaining institutions: "to be announced", no event.
        {
            "uid": "condition.tests.en@test.example.org",
            "start": dt.date(2019, 11, 18),
            "end": dt.date(2019, 11, 25),
            "stamp": stamp,
            "summary": "Expected: Tests",
            "description": "Status: in progress",
            "url": base,
            "status": "CONFIRMED",
            "transp": "TRANSPARENT",
            "sequence": 0,
        },
    ]


def test_all_day_events_are_dates_not_times(client) -> None:
    raw = client.get("/nl/planning.ics").data.decode("utf-8")
    assert "DTSTART;VALUE=DATE:20191118\r\n" in raw
    assert "DTEND;VALUE=DATE:20191125\r\n" in raw
    assert "DTSTAMP:20191105T110000Z\r\n" in raw
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))  # folded (RFC 5545)


def test_supplier_calendar_has_only_its_phases_in_its_language(client) -> None:
    response = client.get("/nl/planning/gamma.ics")
    assert response.mimetype == "text/calendar"
    calendar = parse(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "Planning (Gamma)"
    assert [(e["uid"], e["summary"]) for e in events(calendar)] == [
        ("phase.gamma.first.nl@test.example.org", "Gamma: eerste instelling vanaf 1 december 2019")
    ]
    assert client.get("/nl/planning/delta.ics").status_code == 404


def test_dutch_calendar_is_in_dutch(client) -> None:
    (alfa, *_rest) = events(parse(client.get("/nl/planning.ics").data))
    assert alfa["summary"] == "Alfa: eerste instelling"
    assert alfa["description"].startswith("Eerste school.\nStatus: afgerond\nEerder aangekondigd: ")
    assert "was 1 november 2019, nu week van 11 november 2019" in alfa["description"]


def test_pages_link_to_their_calendars(client) -> None:
    schedule = client.get("/en/schedule/").text
    assert '<a href="../schedule.ics" type="text/calendar" download>' in schedule
    supplier = client.get("/nl/planning/alfa/").text
    assert '<a href="../alfa.ics" type="text/calendar" download>' in supplier
    assert (
        '<link rel="alternate" type="text/calendar" title="Agenda (.ics)" '
        'href="https://test.example.org/nl/planning/alfa.ics">' in supplier
    )


def test_ics_is_known_as_text_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine without /etc/mime.types (Python's own table has no .ics), the app
    teaches `mimetypes` the calendar type that Frozen-Flask and the views read."""
    from newsroom.web.app import register_mime_types

    monkeypatch.setattr(mimetypes, "_db", mimetypes.MimeTypes())  # Python's table only
    assert mimetypes.guess_type("planning.ics")[0] is None
    register_mime_types()
    assert mimetypes.guess_type("planning.ics")[0] == "text/calendar"


def uids_and_starts(path: Path) -> dict[str, dt.date]:
    return {e["uid"]: e["start"] for e in events(parse(path.read_bytes()))}


def test_builds_are_identical_and_uids_survive_edits(rollout_dir: Path, tmp_path: Path) -> None:
    first, second, edited = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    build(rollout_dir, first)
    build(rollout_dir, second)
    calendars = sorted(str(p.relative_to(first)) for p in first.rglob("*.ics"))
    assert calendars == [
        "en/schedule.ics",
        "en/schedule/alfa.ics",
        "en/schedule/beta.ics",
        "en/schedule/gamma.ics",
        "nl/planning.ics",
        "nl/planning/alfa.ics",
        "nl/planning/beta.ics",
        "nl/planning/gamma.ics",
    ]
    # The whole site with a schedule, calendars included, is byte-identical between builds.
    files = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(second)) for p in second.rglob("*") if p.is_file())
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path
    # Move Beta a week and reword it: the event keeps its UID, with the new date.
    yaml = rollout_dir / "rollout.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = text.replace(
        "        when: 2019-W47\n        status: delayed",
        "        when: 2019-W48\n        status: delayed\n        note: {nl: Later., en: Later.}",
    )
    yaml.write_text(text, encoding="utf-8")
    build(rollout_dir, edited)
    before = uids_and_starts(first / "en/schedule.ics")
    after = uids_and_starts(edited / "en/schedule.ics")
    assert before.keys() == after.keys()
    assert after["phase.beta.all.en@test.example.org"] == dt.date(2019, 11, 25)
    assert before["phase.beta.all.en@test.example.org"] == dt.date(2019, 11, 18)


def test_repository_calendar_says_what_the_seed_says() -> None:
    content = load_content(REPO / "content")
    assert content.rollout is not None
    data = calendar_bytes(
        content.rollout,
        "nl",
        load_catalogs(REPO / "translations")["nl"],
        name="Planning",
        host="rio-vo.example.org",
        page_url=lambda supplier: f"https://rio-vo.example.org/nl/planning/{supplier or ''}",
    )
    found = [(e["summary"], e["start"], e["end"]) for e in events(parse(data))]
    week47 = (dt.date(2019, 11, 18), dt.date(2019, 11, 25))
    assert found == [
        ("Somtoday: eerste instelling (verwacht)", *week47),
        ("Magister: eerste instelling (verwacht)", *week47),
        ("Eduarte: eerste instelling (verwacht)", *week47),
        (
            "Eduarte: overige instellingen vanaf 1 december 2019",
            dt.date(2019, 12, 1),
            dt.date(2019, 12, 2),
        ),
        ("Verwacht: Beveiligingstesten (hacktesten) bij DUO", *week47),
    ]
    assert re.search(rb"UID:phase\.magister\.first\.nl@rio-vo\.example\.org\r\n", data)
