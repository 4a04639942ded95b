"""The schedule pages, supplier pages, home summary and [[schedule]] block, in both languages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.support import NullTranslations

from newsroom.content.catalogs import load_catalogs
from newsroom.core.models import Revision, When
from newsroom.web.app import create_app
from newsroom.web.schedule_text import revision_text, status_text, when_text
from paths import FIXTURES, REPO

TABLE = re.compile(r'<table class="schedule-table">.*?</table>', re.S)
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture
def rollout_dir(content_dir: Path) -> Path:
    shutil.copy(FIXTURES / "rollout" / "rollout.yaml", content_dir / "rollout.yaml")
    post = content_dir / "nieuws" / "planning-bericht"
    (post.with_suffix(".nl.md")).write_text(
        "---\ntitle: Planningbericht\ndate: 2019-11-05\nsuppliers: [alfa]\n---\n"
        "Alles:\n\n[[schedule]]\n\nAlleen Alfa:\n\n[[schedule alfa]]\n",
        encoding="utf-8",
    )
    (post.with_suffix(".en.md")).write_text(
        "---\ntitle: Schedule post\ndate: 2019-11-05\nsuppliers: [alfa]\n---\n"
        "Everything:\n\n[[schedule]]\n\nOnly Alfa:\n\n[[schedule alfa]]\n",
        encoding="utf-8",
    )
    return content_dir


@pytest.fixture
def client(rollout_dir: Path):
    return create_app({"CONTENT_DIR": str(rollout_dir), "TESTING": True}).test_client()


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.text


def tables(page: str, url: str) -> list[str]:
    """The schedule tables of a page, with every link resolved to an absolute path."""
    return [
        HREF.sub(lambda m: f'href="{urljoin(url, m[1])}"', table) for table in TABLE.findall(page)
    ]


def cells(table: str) -> list[list[str]]:
    """The text of each row's cells (tags dropped, white space collapsed)."""
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", "", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def translations() -> dict[str, NullTranslations]:
    return load_catalogs(REPO / "translations")


@pytest.mark.parametrize(
    ("when", "nl", "en"),
    [
        (When("day", dt.date(2019, 11, 18)), "18 november 2019", "18 November 2019"),
        (
            When("week", dt.date(2019, 11, 18)),
            "week van 18 november 2019",
            "week of 18 November 2019",
        ),
        (
            When("from", dt.date(2019, 12, 1)),
            "vanaf 1 december 2019",
            "from 1 December 2019",
        ),
        (When("after"), "daarna", "after that"),
        (When("unknown"), "nog niet bekend", "to be announced"),
    ],
)
def test_every_kind_of_date_in_words(when: When, nl: str, en: str) -> None:
    catalogs = translations()
    assert when_text(when, "nl", catalogs["nl"]) == nl
    assert when_text(when, "en", catalogs["en"]) == en


def test_statuses_and_revisions_in_words() -> None:
    catalogs = translations()
    assert [
        status_text(s, catalogs["nl"]) for s in ("planned", "in-progress", "done", "delayed")
    ] == [
        "gepland",
        "bezig",
        "afgerond",
        "uitgesteld",
    ]
    assert status_text("in-progress", catalogs["en"]) == "in progress"
    revision = Revision(
        dt.date(2019, 10, 31),
        "somtoday",
        "all",
        When("day", dt.date(2019, 11, 1)),
        When("week", dt.date(2019, 11, 18)),
    )
    assert revision_text(revision, "nl", catalogs["nl"]) == (
        "was 1 november 2019, nu week van 18 november 2019"
    )
    assert revision_text(revision, "en", catalogs["en"]) == (
        "was 1 November 2019, now week of 18 November 2019"
    )


@pytest.mark.parametrize(
    ("url", "lang"),
    [
        ("/nl/planning/", "nl"),
        ("/en/schedule/", "en"),
        ("/nl/planning/alfa/", "nl"),
        ("/en/schedule/gamma/", "en"),
    ],
)
def test_schedule_pages_in_their_language(client, url: str, lang: str) -> None:
    assert f'<html lang="{lang}">' in get(client, url)


def test_unknown_supplier_page_is_404(client) -> None:
    assert client.get("/nl/planning/delta/").status_code == 404
    assert client.get("/en/schedule/alfa/extra/").status_code == 404


def test_schedule_table_is_accessible(client) -> None:
    page = get(client, "/nl/planning/")
    (table,) = TABLE.findall(page)
    assert "<caption>Aansluitplanning per softwareleverancier</caption>" in table
    assert re.findall(r'<th scope="col">([^<]+)</th>', table) == [
        "Leverancier",
        "Instellingen",
        "Wanneer",
        "Status",
    ]
    # One row group per supplier, its header spanning its phases.
    assert re.findall(r'<th scope="rowgroup" rowspan="(\d)"><a href="([^"]+)">', table) == [
        ("2", "alfa/"),
        ("1", "beta/"),
        ("2", "gamma/"),
    ]
    # Cells carry their column's name, shown as a label when the table stacks on phones.
    assert table.count('data-label="Wanneer"') == 5


def test_every_kind_of_date_on_the_schedule_page(client) -> None:
    nl = cells(TABLE.findall(get(client, "/nl/planning/"))[0])
    en = cells(TABLE.findall(get(client, "/en/schedule/"))[0])
    assert nl[1:] == [
        ["Alfa", "eerste instelling", "18 november 2019", "afgerond"],
        ["overige instellingen", "daarna", "bezig"],
        ["Beta", "alle instellingen", "week van 18 november 2019", "uitgesteld"],
        ["Gamma", "eerste instelling", "vanaf 1 december 2019", "gepland"],
        ["overige instellingen", "nog niet bekend", "gepland"],
    ]
    assert en[1:] == [
        ["Alfa", "first institution", "18 November 2019", "done"],
        ["remaining institutions", "after that", "in progress"],
        ["Beta", "all institutions", "week of 18 November 2019", "delayed"],
        ["Gamma", "first institution", "from 1 December 2019", "planned"],
        ["remaining institutions", "to be announced", "planned"],
    ]
    page = get(client, "/en/schedule/")
    assert '<time datetime="2019-11-18">18 November 2019</time>' in page
    assert '<time datetime="2019-W47">week of 18 November 2019</time>' in page
    assert '<time datetime="2019-12-01">from 1 December 2019</time>' in page
    assert "<time datetime" not in page.split("after that")[0].rsplit("<td", 1)[1]


@pytest.mark.parametrize(
    ("post_url", "schedule_url", "supplier_url"),
    [
        ("/nl/nieuws/planning-bericht/", "/nl/planning/", "/nl/planning/alfa/"),
        ("/en/news/planning-bericht/", "/en/schedule/", "/en/schedule/alfa/"),
    ],
)
def test_embedded_tables_equal_the_pages_tables(
    client, post_url: str, schedule_url: str, supplier_url: str
) -> None:
    whole, alfa = tables(get(client, post_url), post_url)
    (schedule,) = tables(get(client, schedule_url), schedule_url)
    (supplier,) = tables(get(client, supplier_url), supplier_url)
    assert whole == schedule
    assert alfa == supplier
    assert len(cells(alfa)) == 3  # the header row and Alfa's two phases


def test_revisions_on_the_supplier_page(client) -> None:
    nl = get(client, "/nl/planning/alfa/")
    changes = re.findall(r'<ul class="revision-list">(.*?)</ul>', nl, re.S)[0]
    items = [
        " ".join(re.sub(r"<[^>]+>", "", li).split())
        for li in re.findall(r"<li>(.*?)</li>", changes, re.S)
    ]
    assert items == [  # newest first
        "5 november 2019: eerste instelling: was week van 11 november 2019, nu 18 november 2019. "
        "Nog een week later.",
        "31 oktober 2019: eerste instelling: was 1 november 2019, nu week van 11 november 2019",
    ]
    en = get(client, "/en/schedule/alfa/")
    assert (
        'was <time datetime="2019-11-01">1 November 2019</time>, now '
        '<time datetime="2019-W46">week of 11 November 2019</time>' in en
    )
    # The schedule page lists every change, naming the supplier.
    schedule = get(client, "/en/schedule/")
    assert "Changes to the schedule" in schedule
    assert schedule.count('<a href="alfa/">Alfa</a>, first institution: was') == 2
    assert 'Schedule last changed on <time datetime="2019-11-05">5 November 2019</time>' in schedule


def test_supplier_page_lists_what_to_do_and_its_posts(client) -> None:
    page = get(client, "/nl/planning/alfa/")
    assert "<h1>Planning voor Alfa</h1>" in page
    assert '<a href="https://alfa.example.org/">Website van Alfa</a>' in page
    todo = page.split('<h2 id="todo">')[1].split("</section>")[0]
    assert "Wat instellingen die Alfa gebruiken, moeten doen" in todo
    assert '<a href="../../nieuws/eerste-bericht/">Mandaat</a>' in todo
    waits = page.split('<h2 id="waits">')[1].split("</section>")[0]
    assert "Testen" in waits and 'verwacht <time datetime="2019-W47">' in waits
    assert "status: bezig" in waits
    news = page.split('<h2 id="news">')[1].split("</section>")[0]
    assert re.findall(r'class="post-item-title"><a [^>]+>([^<]+)<', news) == ["Planningbericht"]
    other = get(client, "/nl/planning/beta/")
    assert "Planningbericht" not in other.split('<h2 id="news">')[1]
    assert "Er is nog geen nieuws." in other.split('<h2 id="news">')[1]


def test_condition_links_to_the_post_in_the_other_language_when_missing(
    rollout_dir: Path,
) -> None:
    text = (rollout_dir / "rollout.yaml").read_text(encoding="utf-8")
    (rollout_dir / "rollout.yaml").write_text(
        text.replace("post: eerste-bericht", "post: tweede-bericht"), encoding="utf-8"
    )
    client = create_app({"CONTENT_DIR": str(rollout_dir)}).test_client()
    page = get(client, "/en/schedule/")
    assert '<a href="../../nl/nieuws/tweede-bericht/" hreflang="nl">Mandate</a>' in page


def test_home_shows_the_rollout_above_the_news(client) -> None:
    page = get(client, "/nl/")
    summary = page.index('<h2 id="rollout-summary">De planning in het kort</h2>')
    assert summary < page.index('<h2 id="latest">')
    text = " ".join(re.sub(r"<[^>]+>", "", page[summary : page.index('<h2 id="latest">')]).split())
    assert (
        "Alfa: eerste instelling op 18 november 2019 (afgerond); "
        "overige instellingen daarna (bezig)" in text
    )
    assert "Gamma: eerste instelling vanaf 1 december 2019 (gepland)" in text
    assert "Testen: verwacht in de week van 18 november 2019 (bezig)" in text
    assert '<a href="planning/">De volledige planning</a>' in page


def test_navigation_has_the_schedule_after_news(client) -> None:
    page = get(client, "/en/schedule/")
    nav = page.split('<nav class="site-nav"')[1].split("</nav>")[0]
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert labels[labels.index("News") + 1] == "Schedule"
    assert '<a href="./" aria-current="page">Schedule</a>' in nav
    supplier = get(client, "/nl/planning/gamma/").split('<nav class="site-nav"')[1]
    assert '<a href="../" aria-current="page">Planning</a>' in supplier


def test_language_switcher_and_sitemap(client) -> None:
    page = get(client, "/nl/planning/gamma/")
    assert '<a href="../../../en/schedule/gamma/" hreflang="en" lang="en">' in page
    sitemap = get(client, "/sitemap.xml")
    for path in ("nl/planning/", "en/schedule/", "nl/planning/alfa/", "en/schedule/gamma/"):
        assert f"<loc>https://test.example.org/{path}</loc>" in sitemap


def test_a_site_without_rollout_data_has_no_schedule(app) -> None:
    client = app.test_client()
    home = get(client, "/nl/")
    assert "rollout-summary" not in home and "planning/" not in home
    assert client.get("/nl/planning/").status_code == 404


def test_repository_site_shows_the_same_dates_everywhere(frozen_repo: Path) -> None:
    """The livegang post, the schedule page and each supplier page: one source, same rows."""
    for lang, news, section in (("nl", "nieuws", "planning"), ("en", "news", "schedule")):
        post_url = f"/{lang}/{news}/update-livegang/"
        schedule_url = f"/{lang}/{section}/"
        post = (frozen_repo / lang / news / "update-livegang" / "index.html").read_text()
        schedule = (frozen_repo / lang / section / "index.html").read_text()
        (embedded,) = tables(post, post_url)
        (table,) = tables(schedule, schedule_url)
        assert embedded == table
        rows = cells(table)[1:]
        for supplier in ("somtoday", "magister", "eduarte"):
            page = (frozen_repo / lang / section / supplier / "index.html").read_text()
            (own,) = tables(page, f"/{lang}/{section}/{supplier}/")
            assert all(row in rows for row in cells(own)[1:])
    nl = cells(tables((frozen_repo / "nl/planning/index.html").read_text(), "/nl/planning/")[0])
    assert nl[1:] == [
        ["Somtoday", "eerste instelling", "week van 18 november 2019", "verwacht"],
        ["overige instellingen", "daarna", "gepland"],
        ["Magister", "eerste instelling", "week van 18 november 2019", "verwacht"],
        ["overige instellingen", "daarna", "verwacht"],
        ["Eduarte", "eerste instelling", "week van 18 november 2019", "verwacht"],
        ["overige instellingen", "vanaf 1 december 2019", "gepland"],
    ]
    # The overview list in the post is gone: only the generated table says it.
    post = (frozen_repo / "nl/nieuws/update-livegang/index.html").read_text()
    assert "rest vanaf 1 december" not in post
    supplier = (frozen_repo / "nl/planning/magister/index.html").read_text()
    assert (
        'was <time datetime="2019-11-01">1 november 2019</time>, nu '
        '<time datetime="2019-W47">week van 18 november 2019</time>' in supplier
    )


def test_expected_dates_say_so_in_every_place(frozen_repo: Path) -> None:
    """What the source only expects is 'verwacht' / 'expected' wherever the schedule appears."""

    def text(path: str) -> str:
        html = (frozen_repo / path).read_text(encoding="utf-8")
        return " ".join(re.sub(r"<[^>]+>", "", html).split())

    home = text("nl/index.html")
    assert (
        "Somtoday: eerste instelling in de week van 18 november 2019 (verwacht); "
        "overige instellingen daarna (gepland)" in home
    )
    assert "Magister: eerste instelling in de week van 18 november 2019 (verwacht)" in home
    # A condition's expected date is not also "(gepland)": that contradicted itself.
    assert "Beveiligingstesten (hacktesten) bij DUO: verwacht in de week van 18 november" in home
    assert "(gepland)" not in home.split("Beveiligingstesten")[1].split("Planning laatst")[0]
    assert "Somtoday: first institution in the week of 18 November 2019 (expected)" in text(
        "en/index.html"
    )
    for path, word in (
        ("nl/planning/index.html", "verwacht"),
        ("nl/planning/magister/index.html", "verwacht"),
        ("nl/nieuws/update-livegang/index.html", "verwacht"),
        ("en/schedule/index.html", "expected"),
        ("en/schedule/somtoday/index.html", "expected"),
        ("en/news/update-livegang/index.html", "expected"),
    ):
        html = (frozen_repo / path).read_text(encoding="utf-8")
        assert f'<span class="status status-expected">{word}</span>' in html, path
    magister = text("nl/planning/magister/index.html")
    assert "eerste instelling (week van 18 november 2019, verwacht)" in magister
    # "after previous" in a list of changes says after what.
    assert "was 1 november 2019, nu nadat de eerste instelling is aangesloten" in magister
    assert "was 1 November 2019, now after the first institution has connected" in text(
        "en/schedule/magister/index.html"
    )
    schedule = text("nl/planning/index.html")
    assert "Door DUO · verwacht in de week van 18 november 2019" in schedule
    assert "zeer waarschijnlijk in de week van 18 november afgerond" in schedule
    assert "By DUO · expected in the week of 18 November 2019" in text("en/schedule/index.html")
    calendar = (frozen_repo / "en/schedule.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Magister: first institution (expected)" in calendar
