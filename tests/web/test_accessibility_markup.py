"""The accessible structure of every page of the built site, read from the HTML files.

The browser tests (tests/browser/) run axe-core on each kind of page; these checks cover every
single page, including what axe does not judge: heading order, dates in <time>, link texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import html

from paths import REPO

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december "
    "January February March April May June July August September October November December"
).split()
DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}\b")
# Link texts that mean nothing out of context (a screen reader lists links on their own).
VAGUE = {"lees meer", "meer", "hier", "klik hier", "read more", "more", "here", "click here"}
VAGUE |= {"rss", "atom", "link", "pdf"}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(path: Path):
    return html.fromstring(path.read_bytes())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def site_pages(frozen_repo: Path) -> list[tuple[str, object]]:
    found = [(str(p.relative_to(frozen_repo)), parse(p)) for p in pages(frozen_repo)]
    assert len(found) > 30
    return found


def test_every_page_has_a_language_and_one_h1_and_ordered_headings(site_pages) -> None:
    for name, root in site_pages:
        assert root.get("lang") in ("nl", "en"), name
        levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1 and levels[0] == 1, f"{name}: headings {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} is followed by h{after}"


def test_every_page_has_landmarks_and_a_skip_link_first(site_pages) -> None:
    for name, root in site_pages:
        (main,) = root.xpath("//main")
        assert main.get("id") == "main", name
        if name == "index.html":  # the language-choice page: nothing to skip
            continue
        first = root.xpath("//body//a[@href]")[0]
        assert "skip-link" in first.get("class", "") and first.get("href") == "#main", name
        assert len(root.xpath("//header")) == 1 and len(root.xpath("//footer")) == 1, name
        for nav in root.xpath("//nav"):
            assert nav.get("aria-label"), f"{name}: a nav without aria-label"
        # Where the reader is: the menu's item, or the header's link to the search page.
        current = root.xpath(
            "//nav[@aria-label]//a[@aria-current='page'] | //header//a[@aria-current='page']"
        )
        assert current or "404" in name, name


def test_tables_have_captions_and_header_scopes(site_pages) -> None:
    tables = 0
    for name, root in site_pages:
        for table in root.iter("table"):
            tables += 1
            assert table.find("caption") is not None, f"{name}: a table without caption"
            for th in table.iter("th"):
                assert th.get("scope") in ("col", "row", "colgroup", "rowgroup"), (
                    name,
                    text_of(th),
                )
    assert tables > 0


def test_every_date_is_in_a_time_element(site_pages) -> None:
    times = 0
    for name, root in site_pages:
        for time in root.iter("time"):
            times += 1
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})", time.get("datetime", "")), (
                name,
                html.tostring(time),
            )
            time.drop_tree()  # what is left must hold no date
        body = root.find("body")
        assert DATE.findall(text_of(body)) == [], f"{name}: a date outside <time>"
    assert times > 0


def test_link_texts_make_sense_alone(site_pages) -> None:
    for name, root in site_pages:
        for link in root.xpath("//a[@href]"):
            words = text_of(link).strip(" .:·").lower()
            assert words and words not in VAGUE, f"{name}: link text {words!r} ({link.get('href')})"
            if link.get("target") == "_blank":
                assert "noopener" in link.get("rel", "").split(), f"{name}: {link.get('href')}"


def test_the_other_language_is_marked(site_pages) -> None:
    for name, root in site_pages:
        lang = root.get("lang")
        for link in root.xpath("//nav[contains(@class, 'lang-switch')]//a"):
            other = link.get("hreflang")
            assert other and other != lang, name
            marked = link.get("lang") or link.getparent().get("lang")
            assert marked == other, f"{name}: the switcher's text is not marked lang={other}"


def test_footer_links_the_contact_from_site_yaml(site_pages) -> None:
    contact = yaml.safe_load((REPO / "content" / "site.yaml").read_text("utf-8"))["contact"]
    for name, root in site_pages:
        if name == "index.html":
            continue
        hrefs = root.xpath("//footer//a/@href")
        assert contact[root.get("lang")] in hrefs, name


STATEMENT = {"nl": "nl/toegankelijkheid/index.html", "en": "en/accessibility/index.html"}
# What the statement must say: the standard, and each way the site is really tested.
MUST_SAY = {
    "nl": [
        "WCAG 2.2",
        "Lighthouse",
        "200 procent",
        "AA",
        "axe-core",
        "Nu Html Checker",
        "toetsenbord",
        "360",
        "nginx",
        "afdrukken",
        "contact",
    ],
    "en": [
        "WCAG 2.2",
        "Lighthouse",
        "200 percent",
        "AA",
        "axe-core",
        "Nu Html Checker",
        "keyboard",
        "360",
        "nginx",
        "print",
        "contact",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_accessibility_statement_names_the_standard_tests_and_contact(frozen_repo, lang) -> None:
    root = parse(frozen_repo / STATEMENT[lang])
    text = text_of(root.xpath("//main")[0])
    missing = [words for words in MUST_SAY[lang] if words.lower() not in text.lower()]
    assert missing == []
    contact = yaml.safe_load((REPO / "content" / "site.yaml").read_text("utf-8"))["contact"]
    assert contact[lang] in root.xpath("//main//a/@href")


# The government's model: each part, in the page's language, from content/accessibility.yaml.
MODEL = {
    "nl": [
        "Toegankelijkheidsverklaring",
        "Organisatie DUO – Dienst Uitvoering Onderwijs",
        "Website Nieuws RIO-vo (https://rio-vo.example.org/)",
        "Nalevingsstatus Status C: eerste maatregelen genomen",
        "Datum van deze verklaring 30 november 2026",
        "Hoe de site is onderzocht",
        "Daarom staat in deze verklaring niet dat de site voldoet.",
        "Bekende problemen en wat wij eraan doen Nog geen onderzoek door mensen.",
        "U krijgt binnen 5 werkdagen antwoord.",
        "Het register van toegankelijkheidsverklaringen van de overheid",
    ],
    "en": [
        "Accessibility statement",
        "Organisation DUO – Education Executive Agency",
        "Website RIO-vo news (https://rio-vo.example.org/)",
        "Compliance status Status C: first measures taken",
        "Date of this statement 30 November 2026",
        "How the site was evaluated",
        "so this statement does not claim that the site complies.",
        "Known problems and what we do about them No evaluation by people yet.",
        "You get an answer within 5 working days.",
        "The register of accessibility statements of the Dutch government",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_accessibility_statement_follows_the_model(frozen_repo, lang) -> None:
    root = parse(frozen_repo / STATEMENT[lang])
    section = root.xpath("//section[@class='statement']")[0]
    text = " ".join(text_of(section).split())
    missing = [words for words in MODEL[lang] if words not in text]
    assert missing == [], text
    assert "https://www.toegankelijkheidsverklaring.nl/register" in section.xpath(".//a/@href")
    assert section.xpath(".//time/@datetime") == ["2026-11-30"]
    # Never a claim of full compliance: status A is refused without an audit report.
    assert "voldoet volledig" not in text and "fully compliant" not in text
