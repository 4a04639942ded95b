"""The rollout data: good data becomes models; every mistake gets file, line, field, message."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.content.rollout_fields import parse_when
from newsroom.core.errors import ContentError
from newsroom.core.models import When
from newsroom.loading.content import load_content
from paths import FIXTURES, REPO

VALID = """\
updated: 2019-10-31
suppliers:
  - id: alfa
    name: Alfa
    phases:
      - id: first
        institutions: first
        when: 2019-W47
        status: planned
"""


@pytest.fixture
def rollout_dir(content_dir: Path) -> Path:
    """The fixture content with the fixture rollout.yaml."""
    shutil.copy(FIXTURES / "rollout" / "rollout.yaml", content_dir / "rollout.yaml")
    return content_dir


def write_rollout(content_dir: Path, text: str) -> None:
    (content_dir / "rollout.yaml").write_text(text, encoding="utf-8")


def problems_for(content_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(content_dir)
    prefix = str(content_dir) + "/"
    return [str(p).removeprefix(prefix) for p in info.value.problems]


def test_fixture_rollout_becomes_models(rollout_dir: Path) -> None:
    rollout = load_content(rollout_dir).rollout
    assert rollout is not None
    assert rollout.updated == dt.date(2019, 11, 5)
    assert [s.id for s in rollout.suppliers] == ["alfa", "beta", "gamma"]
    alfa = rollout.supplier("alfa")
    assert alfa is not None and alfa.url == "https://alfa.example.org/"
    assert [(p.id, p.institutions, p.when.kind, p.status) for p in alfa.phases] == [
        ("first", "first", "day", "done"),
        ("remaining", "remaining", "after", "in-progress"),
    ]
    assert alfa.phases[0].note == {"nl": "Eerste school.", "en": "First school."}
    gamma = rollout.supplier("gamma")
    assert gamma is not None
    assert [p.when for p in gamma.phases] == [When("from", dt.date(2019, 12, 1)), When("unknown")]
    assert rollout.supplier("nope") is None
    assert [(c.id, c.who, c.status, c.post) for c in rollout.conditions] == [
        ("tests", "agency", "in-progress", None),
        ("mandate", "institutions", None, "eerste-bericht"),
    ]
    assert rollout.conditions[0].expected == When("week", dt.date(2019, 11, 18))


def test_history_becomes_a_chain_of_revisions(rollout_dir: Path) -> None:
    rollout = load_content(rollout_dir).rollout
    assert rollout is not None
    first = rollout.suppliers[0].phases[0]
    was_now = [(r.date, r.was, r.now) for r in first.history]
    assert was_now == [
        # 1 November was announced first, then week 46, now 18 November.
        (
            dt.date(2019, 10, 31),
            When("day", dt.date(2019, 11, 1)),
            When("week", dt.date(2019, 11, 11)),
        ),
        (
            dt.date(2019, 11, 5),
            When("week", dt.date(2019, 11, 11)),
            When("day", dt.date(2019, 11, 18)),
        ),
    ]
    assert first.history[1].note["en"] == "One more week later."
    assert [(r.supplier, r.phase) for r in rollout.revisions] == [("alfa", "first")] * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-11-18", When("day", dt.date(2019, 11, 18))),
        ("2019-W47", When("week", dt.date(2019, 11, 18))),
        ("2020-W01", When("week", dt.date(2019, 12, 30))),  # ISO week 1 of 2020 starts in 2019
        ("2020-W53", When("week", dt.date(2020, 12, 28))),
        ("from 2019-12-01", When("from", dt.date(2019, 12, 1))),
        ("after previous", When("after")),
        ("unknown", When("unknown")),
    ],
)
def test_every_kind_of_date(text: str, expected: When) -> None:
    assert parse_when(text) == expected


@pytest.mark.parametrize(
    "text", ["2019-W54", "2019-W00", "2019-W5", "2019-13-01", "from 2019-W47", "18 november", ""]
)
def test_dates_that_are_not_understood(text: str) -> None:
    assert parse_when(text) is None


def test_machine_readable_values_and_spans() -> None:
    week = When("week", dt.date(2019, 11, 18))
    assert week.datetime == "2019-W47"
    assert week.span == (dt.date(2019, 11, 18), dt.date(2019, 11, 25))  # Mon to next Mon
    day = When("day", dt.date(2019, 11, 1))
    assert day.datetime == "2019-11-01"
    assert day.span == (dt.date(2019, 11, 1), dt.date(2019, 11, 2))
    assert When("from", dt.date(2019, 12, 1)).datetime == "2019-12-01"
    assert When("after").datetime is None and When("after").span is None
    assert When("unknown").datetime is None


WHEN_HELP = (
    '(expected an exact day 2019-11-18, an ISO week 2019-W47, "from 2019-12-01", '
    '"after previous" or "unknown")'
)

BAD_CASES = [
    pytest.param(
        VALID.replace("2019-W47", "2019-W60"),
        'rollout.yaml:8: suppliers[1].phases[1].when: "2019-W60" is not a date this file '
        f"understands {WHEN_HELP}",
        id="bad-week",
    ),
    pytest.param(
        VALID.replace("2019-W47", "18 november"),
        'rollout.yaml:8: suppliers[1].phases[1].when: "18 november" is not a date this file '
        f"understands {WHEN_HELP}",
        id="prose-date",
    ),
    pytest.param(
        VALID.replace("2019-W47", "after previous"),
        'rollout.yaml:8: suppliers[1].phases[1].when: "after previous" only fits a phase that '
        "follows another",
        id="after-on-first-phase",
    ),
    pytest.param(
        VALID.replace("        when: 2019-W47\n", ""),
        f"rollout.yaml:6: suppliers[1].phases[1].when: is required and missing {WHEN_HELP}",
        id="when-missing",
    ),
    pytest.param(
        VALID.replace("status: planned", "status: busy"),
        'rollout.yaml:9: suppliers[1].phases[1].status: "busy" is not one of planned, '
        "expected, in-progress, done, delayed",
        id="bad-status",
    ),
    pytest.param(
        VALID.replace("institutions: first", "institutions: pilot"),
        'rollout.yaml:7: suppliers[1].phases[1].institutions: "pilot" is not one of first, '
        "remaining, all",
        id="bad-institutions",
    ),
    pytest.param(
        VALID.replace("        institutions: first\n", ""),
        "rollout.yaml:6: suppliers[1].phases[1].institutions: is required and missing "
        "(expected one of first, remaining, all)",
        id="institutions-missing",
    ),
    pytest.param(
        VALID.replace("    name: Alfa", "    name: Alfa\n    naam: Alfa"),
        "rollout.yaml:5: suppliers[1].naam: unknown field (known fields: id, name, url, phases)",
        id="unknown-supplier-field",
    ),
    pytest.param(
        VALID.replace("id: alfa", "id: Alfa BV"),
        'rollout.yaml:3: suppliers[1].id: "Alfa BV" may use only lowercase a-z, 0-9 and single '
        "hyphens",
        id="bad-id",
    ),
    pytest.param(
        VALID.replace("    name: Alfa\n", "    name: Alfa\n    url: alfa.nl\n"),
        'rollout.yaml:5: suppliers[1].url: "alfa.nl" is not a web address (expected https://…)',
        id="bad-url",
    ),
    pytest.param(
        VALID + VALID.split("suppliers:\n")[1],
        'rollout.yaml:10: suppliers[2].id: "alfa" is already used on line 3',
        id="duplicate-supplier",
    ),
    pytest.param(
        VALID + VALID.split("    phases:\n")[1],
        'rollout.yaml:10: suppliers[1].phases[2].id: "first" is already used on line 6',
        id="duplicate-phase",
    ),
    pytest.param(
        VALID.split("    phases:")[0],
        "rollout.yaml:3: suppliers[1].phases: is required and missing",
        id="phases-missing",
    ),
    pytest.param(
        VALID.split("    phases:")[0] + "    phases: []\n",
        "rollout.yaml:5: suppliers[1].phases: is empty (expected at least one item",
        id="phases-empty",
    ),
    pytest.param(
        VALID.split("    phases:")[0] + "    phases: 2019-W47\n",
        'rollout.yaml:5: suppliers[1].phases: "2019-W47" is not a list',
        id="phases-not-a-list",
    ),
    pytest.param(
        VALID.split("      - id: first")[0] + "      - 2019-W47\n",
        'rollout.yaml:6: suppliers[1].phases[1]: "2019-W47" is not a group of fields',
        id="phase-not-a-mapping",
    ),
    pytest.param(
        VALID.replace("updated: 2019-10-31\n", ""),
        "rollout.yaml:1: updated: is required and missing (expected a date YYYY-MM-DD",
        id="updated-missing",
    ),
    pytest.param(
        VALID.replace("updated: 2019-10-31", "updated: 31-10-2019"),
        'rollout.yaml:1: updated: "31-10-2019" is not an ISO date',
        id="updated-not-iso",
    ),
    pytest.param(
        VALID + "        note:\n          nl: Eerst.\n",
        "rollout.yaml:10: suppliers[1].phases[1].note: has no text for language 'en'",
        id="note-one-language",
    ),
    pytest.param(
        VALID + "        note:\n          nl: A\n          en: B\n          de: C\n",
        'rollout.yaml:10: suppliers[1].phases[1].note: unknown language "de"',
        id="note-unknown-language",
    ),
    pytest.param(
        VALID + "        history:\n          - when: 2019-11-01\n            changed: 2019-11-02\n",
        "rollout.yaml:12: suppliers[1].phases[1].history[1].changed: is after the schedule's "
        "'updated: 2019-10-31'",
        id="change-after-updated",
    ),
    pytest.param(
        VALID
        + "        history:\n          - when: 2019-11-01\n            changed: 2019-10-30\n"
        + "          - when: 2019-11-04\n            changed: 2019-10-29\n",
        "rollout.yaml:14: suppliers[1].phases[1].history[2].changed: is before the change above "
        "it (expected the oldest change first)",
        id="history-out-of-order",
    ),
    pytest.param(
        VALID
        + "        history:\n          - when: after previous\n            changed: 2019-10-30\n",
        'rollout.yaml:11: suppliers[1].phases[1].history[1].when: "after previous" only fits',
        id="history-after-previous",
    ),
    pytest.param(
        VALID + "        history:\n          - changed: 2019-10-30\n",
        "rollout.yaml:11: suppliers[1].phases[1].history[1].when: is required and missing",
        id="history-when-missing",
    ),
    pytest.param(
        VALID + "conditions:\n  - id: tests\n    who: duo\n    title: {nl: T, en: T}\n",
        'rollout.yaml:12: conditions[1].who: "duo" is not one of agency, institutions',
        id="condition-who",
    ),
    pytest.param(
        VALID + "conditions:\n  - id: tests\n    who: agency\n",
        "rollout.yaml:11: conditions[1].title: is required and missing (expected {nl: …, en: …})",
        id="condition-title-missing",
    ),
    pytest.param(
        VALID
        + "conditions:\n  - id: tests\n    who: agency\n    title: {nl: T, en: T}\n"
        + "    expected: volgende week\n",
        'rollout.yaml:14: conditions[1].expected: "volgende week" is not a date this file '
        "understands",
        id="condition-expected",
    ),
    pytest.param(
        VALID
        + "conditions:\n  - id: osr\n    who: institutions\n    title: {nl: T, en: T}\n"
        + "    post: geen-bericht\n",
        'rollout.yaml:14: conditions[1].post: there is no published post "geen-bericht"',
        id="condition-post-unknown",
    ),
    pytest.param(
        VALID + "extra: 1\n",
        "rollout.yaml:10: extra: unknown field (known fields: updated, suppliers, conditions)",
        id="unknown-top-field",
    ),
    pytest.param(
        VALID.replace("    name: Alfa", "    name: Alfa\n    name: Beta"),
        "rollout.yaml:5: name: appears twice (first on line 4); keep one",
        id="key-twice",
    ),
    pytest.param(
        VALID.replace("name: Alfa", "name: Alfa: de leverancier"),
        "rollout.yaml:4: YAML syntax error",
        id="yaml-syntax",
    ),
    pytest.param(
        "- somtoday\n- magister\n",
        "rollout.yaml:1: expected fields 'updated:', 'suppliers:' and 'conditions:'",
        id="not-a-mapping",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CASES)
def test_bad_rollout_gets_precise_message(content_dir: Path, text: str, expected: str) -> None:
    write_rollout(content_dir, text)
    problems = problems_for(content_dir)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems


def test_all_rollout_problems_at_once(content_dir: Path) -> None:
    write_rollout(
        content_dir,
        VALID.replace("status: planned", "status: klaar").replace("2019-W47", "week 47")
        + "conditions:\n  - id: x\n    who: iedereen\n    title: {nl: T, en: T}\n",
    )
    problems = problems_for(content_dir)
    assert [p.split(":")[1] for p in problems] == ["8", "9", "12"]


def test_a_site_without_rollout_data(content_dir: Path) -> None:
    assert not (content_dir / "rollout.yaml").exists()
    assert load_content(content_dir).rollout is None


def write_post(content_dir: Path, name: str, front: str, body: str = "Tekst.") -> None:
    (content_dir / "nieuws" / name).write_text(
        f"---\ntitle: P\ndate: 2019-10-31\n{front}---\n{body}\n", encoding="utf-8"
    )


def test_posts_name_known_suppliers(rollout_dir: Path) -> None:
    write_post(rollout_dir, "p.nl.md", "suppliers: [alfa, gamma]\n")
    posts = load_content(rollout_dir).posts
    assert next(p for p in posts if p.slug == "p").suppliers == ("alfa", "gamma")


def test_post_with_unknown_supplier(rollout_dir: Path) -> None:
    write_post(rollout_dir, "p.nl.md", "tags: [x]\nsuppliers: [alfa, somtodya]\n")
    assert problems_for(rollout_dir) == [
        'nieuws/p.nl.md:5: suppliers: unknown supplier "somtodya" (known suppliers in '
        "rollout.yaml: alfa, beta, gamma)"
    ]


def test_post_with_suppliers_but_no_rollout_data(content_dir: Path) -> None:
    write_post(content_dir, "p.nl.md", "suppliers: [alfa]\n")
    assert problems_for(content_dir) == [
        'nieuws/p.nl.md:4: suppliers: supplier "alfa" needs the rollout data, but there is no '
        "rollout.yaml in the content folder"
    ]


def test_schedule_marker_with_unknown_supplier(rollout_dir: Path) -> None:
    write_post(rollout_dir, "p.nl.md", "", "Tekst.\n\n[[schedule alfa]]\n\n[[schedule delta]]")
    assert problems_for(rollout_dir) == [
        'nieuws/p.nl.md:9: unknown supplier "delta" (known suppliers in rollout.yaml: '
        "alfa, beta, gamma)"
    ]


def test_broken_rollout_does_not_make_posts_wrong(rollout_dir: Path) -> None:
    write_post(rollout_dir, "p.nl.md", "suppliers: [alfa]\n", "Tekst.\n\n[[schedule alfa]]")
    text = (rollout_dir / "rollout.yaml").read_text(encoding="utf-8")
    write_rollout(rollout_dir, text.replace("status: done", "status: klaar"))
    # Only the rollout's own problem: not "unknown supplier" in every post that names one.
    assert problems_for(rollout_dir) == [
        'rollout.yaml:11: suppliers[1].phases[1].status: "klaar" is not one of planned, '
        "expected, in-progress, done, delayed"
    ]


def test_schedule_marker_without_rollout_data(content_dir: Path) -> None:
    write_post(content_dir, "p.nl.md", "", "Tekst.\n\n[[schedule]]")
    assert problems_for(content_dir) == [
        "nieuws/p.nl.md:7: [[schedule]] needs the rollout data, but there is no rollout.yaml"
    ]


def test_condition_post_must_be_published(rollout_dir: Path) -> None:
    text = (rollout_dir / "rollout.yaml").read_text(encoding="utf-8")
    write_rollout(rollout_dir, text.replace("post: eerste-bericht", "post: concept"))
    (problem,) = problems_for(rollout_dir)
    assert problem.startswith(
        'rollout.yaml:58: conditions[2].post: there is no published post "concept"'
    )
    # With drafts the draft post is published, so the link is fine.
    assert load_content(rollout_dir, drafts=True).rollout is not None


def test_repository_rollout_says_what_the_seed_says() -> None:
    rollout = load_content(REPO / "content").rollout
    assert rollout is not None
    week47 = When("week", dt.date(2019, 11, 18))
    schedule = {
        s.id: [(p.institutions, p.when, p.status) for p in s.phases] for s in rollout.suppliers
    }
    assert schedule == {
        # The source expects the first institutions in week 47 ("De verwachting is dat …"), and
        # Magister's others only if that goes well; every supplier starts with one institution.
        "somtoday": [("first", week47, "expected"), ("remaining", When("after"), "planned")],
        "magister": [("first", week47, "expected"), ("remaining", When("after"), "expected")],
        "eduarte": [
            ("first", week47, "expected"),
            ("remaining", When("from", dt.date(2019, 12, 1)), "planned"),
        ],
    }
    assert rollout.updated == dt.date(2019, 10, 31)  # the update was published 31 October
    # 1 November was announced first, for every phase.
    assert {(r.date, r.was) for r in rollout.revisions} == {
        (dt.date(2019, 10, 31), When("day", dt.date(2019, 11, 1)))
    }
    tests, mandate = rollout.conditions
    assert (tests.who, tests.expected) == ("agency", week47)
    assert (mandate.who, mandate.post) == ("institutions", "mandaat-softwareleverancier")


def test_build_stops_on_bad_rollout_and_keeps_output(content_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "site"
    command = [sys.executable, str(REPO / "freeze.py"), "--content", str(content_dir)]
    ok = subprocess.run([*command, "--output", str(output)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    write_rollout(content_dir, VALID.replace("status: planned", "status: busy"))
    failed = subprocess.run([*command, "--output", str(output)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert 'rollout.yaml:9: suppliers[1].phases[1].status: "busy" is not one of' in failed.stderr
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before


def test_alias_to_itself_is_a_problem(content_dir: Path) -> None:
    write_rollout(content_dir, "updated: 2019-10-31\nsuppliers: &s [*s]\n")
    assert problems_for(content_dir)[0] == (
        "rollout.yaml:2: a YAML alias refers to itself; write the value out"
    )


def test_nested_aliases_are_shared_not_copied(content_dir: Path) -> None:
    """Ten levels of ten aliases would be 10^10 copies; shared, it reads at once."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 11):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    write_rollout(content_dir, "\n".join(lines) + "\n")
    problems = problems_for(content_dir)
    assert len(problems) == 13  # eleven unknown fields, no updated, no suppliers
    assert any(p.startswith("rollout.yaml:11: a10: unknown field") for p in problems)
