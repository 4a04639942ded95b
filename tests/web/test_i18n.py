"""Interface texts: complete catalogs, in sync with the templates and code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from newsroom.content.catalogs import catalog_path
from newsroom.core.models import LANGUAGES
from newsroom.web.i18n import format_day
from paths import REPO


def catalogs():
    for lang in LANGUAGES:
        path = catalog_path(REPO / "translations", lang)
        if path.exists():
            with path.open("rb") as handle:
                yield lang, read_po(handle)


def test_there_is_a_dutch_catalog() -> None:
    assert "nl" in dict(catalogs())


def test_catalogs_have_no_untranslated_or_fuzzy_entries() -> None:
    for lang, catalog in catalogs():
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{lang}: untranslated: {message.id!r}"
            assert not message.fuzzy, f"{lang}: fuzzy: {message.id!r}"


def test_catalogs_match_the_templates_and_code(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(pot),
            ".",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        wanted = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id
        }
    for lang, catalog in catalogs():
        have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
        assert wanted - have == set(), f"{lang}: run `make update-messages` and translate"
        assert have - wanted == set(), f"{lang}: obsolete entries; run `make update-messages`"


def test_dates_are_written_per_language() -> None:
    import datetime as dt

    day = dt.date(2019, 10, 31)
    assert format_day(day, "nl") == "31 oktober 2019"
    assert format_day(day, "en") == "31 October 2019"
