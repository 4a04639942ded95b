"""A deterministic benchmark corpus: N translation pairs of realistic posts in the content contract.

Each pair is one Dutch and one English post with the same slug, 400-800 words each, with
headings, numbered and bulleted lists, a table, links, bold and italic; about 30 tags; dates
spread over fifteen years. The repository's own `content/` (site settings, rollout data, pages)
and its few real posts are copied beside the generated ones (the rollout data links to
them), so the benchmark builds what the real site builds.

The same N always gives byte-identical files (a seeded random generator, no clock).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

FIRST_DAY = dt.date(2010, 1, 4)
LAST_DAY = dt.date(2024, 12, 20)

# (Dutch, English) tag names: about 30, some with accents and spaces like real ones.
TAGS = [
    ("livegang", "go-live"),
    ("planning", "planning"),
    ("mandaat", "mandate"),
    ("OSR", "OSR"),
    ("softwareleveranciers", "software suppliers"),
    ("aansluiten", "connecting"),
    ("BRON", "BRON"),
    ("RIO", "RIO"),
    ("opleidingen", "programmes"),
    ("instellingen", "institutions"),
    ("privacy", "privacy"),
    ("beveiliging", "security"),
    ("storing", "outage"),
    ("onderhoud", "maintenance"),
    ("webinar", "webinar"),
    ("handleiding", "manual"),
    ("wetgeving", "legislation"),
    ("bekostiging", "funding"),
    ("examens", "exams"),
    ("leerlingen", "pupils"),
    ("mbo", "vocational education"),
    ("vo", "secondary education"),
    ("koppelvlak", "interface"),
    ("testomgeving", "test environment"),
    ("productie", "production"),
    ("veelgestelde vragen", "frequently asked questions"),
    ("regio", "region"),
    ("samenwerking", "cooperation"),
    ("evaluatie", "evaluation"),
    ("Één loket", "One desk"),
]

NL_WORDS = (
    "de het een en van in op met voor aan bij door over naar uit om als dat die dit deze "
    "wij jullie zij instelling instellingen school scholen leverancier leveranciers aansluiting "
    "registratie opleiding opleidingen gegevens koppeling planning productie test testen week "
    "maand jaar datum melding bericht vraag vragen antwoord overzicht afspraak afspraken "
    "voorbereiding uitvoering controle stap stappen werkwijze overgang verandering nieuwe oude "
    "eerste tweede laatste belangrijk duidelijk gereed klaar mogelijk nodig snel zorgvuldig "
    "binnenkort inmiddels daarna eerder later altijd soms vaak samen verder ook nog al wel niet "
    "geen meer minder veel weinig goed beter gaan komen kunnen moeten willen zullen worden zijn "
    "hebben doen maken zien weten geven nemen vinden houden brengen sturen ontvangen aanleveren "
    "controleren verwerken aanpassen invoeren registreren mandateren aansluiten informeren "
    "publiceren starten afronden plannen overleggen ondersteunen helpdesk webinar handleiding "
    "omgeving systeem applicatie berichtenverkeer foutmelding oplossing verbetering wijziging"
).split()

EN_WORDS = (
    "the a an and of in on with for at by through about to from as that which this these "
    "we you they institution institutions school schools supplier suppliers connection "
    "registration programme programmes data link planning production test tests week month "
    "year date notice message question questions answer overview agreement agreements "
    "preparation execution check step steps approach transition change new old first second "
    "last important clear ready done possible needed quickly carefully soon meanwhile then "
    "earlier later always sometimes often together further also still already indeed not no "
    "more less many few good better go come can must want will become be have do make see "
    "know give take find keep bring send receive deliver verify process adjust enter register "
    "mandate connect inform publish start finish plan consult support helpdesk webinar manual "
    "environment system application messaging error solution improvement amendment"
).split()

HEADINGS = {
    "nl": [
        "Wat verandert er",
        "Wat moet u doen",
        "Planning",
        "Achtergrond",
        "Veelgestelde vragen",
        "Meer informatie",
        "Stappen voor instellingen",
        "Gevolgen voor leveranciers",
    ],
    "en": [
        "What changes",
        "What you need to do",
        "Planning",
        "Background",
        "Frequently asked questions",
        "More information",
        "Steps for institutions",
        "What it means for suppliers",
    ],
}

TABLE_HEAD = {
    "nl": ("Leverancier", "Fase", "Datum"),
    "en": ("Supplier", "Phase", "Date"),
}
PHASES = {
    "nl": ["voorbereiding", "test", "eerste instelling", "alle instellingen", "afgerond"],
    "en": ["preparation", "test", "first institution", "all institutions", "done"],
}
SUPPLIER_NAMES = ["Somtoday", "Magister", "Eduarte", "Dexter", "Esis", "Cumlaude"]


@dataclass(frozen=True, slots=True)
class Pair:
    """One generated translation pair (the same facts in both languages)."""

    number: int
    slug: str
    date: dt.datetime
    tags: tuple[int, ...]
    suppliers: tuple[str, ...]
    updated: dt.date | None
    with_summary: bool


def supplier_ids(content_dir: Path) -> list[str]:
    """Supplier ids from the rollout data if the repository has it (shape-tolerant)."""
    path = content_dir / "rollout.yaml"
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = data.get("suppliers", []) if isinstance(data, dict) else []
    if isinstance(found, dict):
        return sorted(str(key) for key in found)
    ids = []
    for item in found:
        if isinstance(item, dict) and "id" in item:
            ids.append(str(item["id"]))
    return ids


def pairs(count: int, suppliers: list[str], seed: int = 2019) -> Iterator[Pair]:
    """The pairs, oldest first, with dates spread evenly (plus jitter) over fifteen years."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    for number in range(count):
        day = FIRST_DAY + dt.timedelta(days=span * number // max(count, 1))
        date = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45))))
        tags = tuple(sorted(rng.sample(range(len(TAGS)), rng.randint(1, 4))))
        chosen: tuple[str, ...] = ()
        if suppliers and rng.random() < 0.2:
            chosen = tuple(sorted(rng.sample(suppliers, min(len(suppliers), rng.randint(1, 2)))))
        updated = day + dt.timedelta(days=rng.randint(1, 30)) if rng.random() < 0.15 else None
        slug = f"bericht-{number + 1:05d}-{rng.choice(NL_WORDS[20:])}"
        yield Pair(number, slug, date, tags, chosen, updated, rng.random() < 0.5)


class _Writer:
    """Sentences and blocks of Markdown in one language, from a seeded generator."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.lang = lang
        self.rng = rng
        self.words = NL_WORDS if lang == "nl" else EN_WORDS
        self.count = 0  # words written so far

    def sentence(self, low: int = 8, high: int = 18, marks: bool = True) -> str:
        size = self.rng.randint(low, high)
        words = [self.rng.choice(self.words) for _ in range(size)]
        self.count += size
        if marks:
            roll = self.rng.random()
            at = self.rng.randrange(size)
            if roll < 0.15:
                words[at] = f"**{words[at]}**"
            elif roll < 0.3:
                words[at] = f"*{words[at]}*"
            elif roll < 0.38:
                words[at] = f"[{words[at]}](https://www.duo.nl/{self.rng.choice(self.words)}/)"
            elif roll < 0.42:
                words[at] = f"'{words[at]}'"
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice(".....?!")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def bullets(self, numbered: bool) -> str:
        lines = []
        for index in range(self.rng.randint(3, 6)):
            marker = f"{index + 1}." if numbered else "-"
            lines.append(f"{marker} {self.sentence(3, 10)}")
        return "\n".join(lines)

    def table(self, date: dt.date) -> str:
        head = TABLE_HEAD[self.lang]
        rows = [f"| {' | '.join(head)} |", "| --- | --- | --- |"]
        for name in self.rng.sample(SUPPLIER_NAMES, self.rng.randint(2, 4)):
            when = date + dt.timedelta(days=self.rng.randint(0, 120))
            rows.append(f"| {name} | {self.rng.choice(PHASES[self.lang])} | {when.isoformat()} |")
        self.count += 3 * (len(rows) - 2)
        return "\n".join(rows)


def body(pair: Pair, lang: str) -> str:
    """400-800 words of Markdown: paragraphs, two headings, both kinds of list, a table."""
    rng = random.Random(f"{pair.slug}/{lang}")
    writer = _Writer(lang, rng)
    target = rng.randint(380, 730)  # list markers and table cells add a few tokens
    headings = rng.sample(HEADINGS[lang], 3)
    blocks = [writer.paragraph(), writer.paragraph(), f"## {headings[0]}", writer.paragraph()]
    blocks += [writer.bullets(numbered=True), f"## {headings[1]}", writer.paragraph()]
    blocks += [writer.bullets(numbered=False), writer.table(pair.date.date())]
    blocks += [f"### {headings[2]}"]
    paragraph: list[str] = []
    while writer.count < target:  # fill up sentence by sentence, so the length stays in range
        paragraph.append(writer.sentence())
        if len(paragraph) == 4:
            blocks.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        blocks.append(" ".join(paragraph))
    return "\n\n".join(blocks) + "\n"


def front_matter(pair: Pair, lang: str) -> str:
    rng = random.Random(f"{pair.slug}/{lang}/title")
    words = NL_WORDS if lang == "nl" else EN_WORDS
    title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 7))).capitalize()
    tags = ", ".join(_yaml_text(TAGS[i][0 if lang == "nl" else 1]) for i in pair.tags)
    lines = [
        "---",
        f"title: {_yaml_text(title + f' ({pair.number + 1})')}",
        f"date: {pair.date:%Y-%m-%d %H:%M}",
    ]
    if pair.with_summary:
        summary = _Writer(lang, rng).sentence(10, 25, marks=False)
        lines.append(f"summary: {_yaml_text(summary)}")
    lines.append(f"tags: [{tags}]")
    if pair.updated:
        lines.append(f"updated: {pair.updated.isoformat()}")
    if pair.suppliers:
        lines.append(f"suppliers: [{', '.join(pair.suppliers)}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(count: int, target: Path, source_content: Path = REPO / "content") -> list[Path]:
    """Write `count` pairs into `target/nieuws/bench/` beside a copy of the site's own data.

    Returns the generated post files (Dutch, English, Dutch, ...), oldest pair first.
    """
    if target.exists():
        shutil.rmtree(target)
    # The real posts come along: the rollout data links to them.
    shutil.copytree(source_content, target)
    folder = target / "nieuws" / "bench"
    folder.mkdir(parents=True)
    written = []
    for pair in pairs(count, supplier_ids(source_content)):
        for lang in ("nl", "en"):
            path = folder / f"{pair.slug}.{lang}.md"
            path.write_text(front_matter(pair, lang) + body(pair, lang), encoding="utf-8")
            written.append(path)
    return written


def word_count(path: Path) -> int:
    """Words in a post's body (after the front matter), for checking the corpus."""
    text = path.read_text(encoding="utf-8")
    return len(text.split("---\n", 2)[2].split())
