"""The accessibility statement `content/accessibility.yaml`: the government's model, checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsroom.content.statement import load_statement
from newsroom.core.errors import ContentError
from newsroom.loading.content import load_content
from paths import REPO

VALID = """\
organisation:
  nl: DUO
  en: DUO
status: C
date: 2026-11-30
evaluation:
  nl: Automatisch getest.
  en: Tested automatically.
known_issues:
  - title: {nl: Probleem, en: Problem}
    plan: {nl: Plan, en: Plan}
    fixed_by: 2027-03-01
response_days: 5
register: https://www.toegankelijkheidsverklaring.nl/register
"""


def load(tmp_path: Path, text: str):
    (tmp_path / "accessibility.yaml").write_text(text, encoding="utf-8")
    problems: list = []
    return load_statement(tmp_path, problems), [str(p) for p in problems]


def test_valid_statement_loads(tmp_path: Path) -> None:
    statement, problems = load(tmp_path, VALID)
    assert problems == []
    assert statement is not None
    assert (statement.status, statement.date.isoformat(), statement.response_days) == (
        "C",
        "2026-11-30",
        5,
    )
    assert statement.issues[0].fixed_by.isoformat() == "2027-03-01"
    assert statement.report is None


def test_no_file_no_statement(tmp_path: Path) -> None:
    problems: list = []
    assert load_statement(tmp_path, problems) is None and problems == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("status: C", "status: F", ':4: status: "F" is not one of A, B, C, D, E'),
        ("status: C", "status: c", ':4: status: "c" is not one of A, B, C, D, E'),
        ("date: 2026-11-30", "date: 30-11-2026", ":5: date: "),
        ("date: 2026-11-30", "date: 2026-02-30", ":5: date: "),
        ("    fixed_by: 2027-03-01", "    fixed_by: soon", ":12: known_issues[1].fixed_by: "),
        ("response_days: 5", "response_days: many", ":13: response_days: "),
        ("response_days: 5\n", "", ": response_days: is required and missing"),
        ("register: https", "register: www", ':14: register: "www://'),
        ("  en: Tested automatically.\n", "", ":6: evaluation: has no text for language 'en'"),
        ("    plan: {nl: Plan, en: Plan}\n", "", ":10: known_issues[1].plan: is required"),
        ("status: C", "status: C\nscore: 100", ":5: score: "),
    ],
)
def test_bad_statement_gets_a_precise_message(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in VALID
    statement, problems = load(tmp_path, VALID.replace(old, new))
    assert statement is None
    assert len(problems) == 1, problems
    assert problems[0].startswith(str(tmp_path / "accessibility.yaml")), problems
    assert expected in problems[0], problems


@pytest.mark.parametrize("status", ["A", "B"])
def test_full_or_partial_compliance_needs_an_audit_report(tmp_path: Path, status: str) -> None:
    """Automated tests alone never make a site 'fully' or 'partially compliant'."""
    statement, problems = load(tmp_path, VALID.replace("status: C", f"status: {status}"))
    assert statement is None
    assert len(problems) == 1
    assert f':4: status: "{status}" needs the report of an evaluation by people' in problems[0]
    audited = VALID.replace("status: C", f"status: {status}\nreport: https://example.nl/audit.pdf")
    statement, problems = load(tmp_path, audited)
    assert problems == [] and statement is not None and statement.status == status


def test_the_block_needs_the_statement(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "accessibility.yaml").unlink()
    with pytest.raises(ContentError) as caught:
        load_content(content)
    text = str(caught.value)
    assert re.search(
        r"toegankelijkheid\.nl\.md: body: \[\[accessibility-statement\]\] needs the statement", text
    ), text


def test_the_block_takes_no_argument(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    page = content / "paginas" / "toegankelijkheid.en.md"
    page.write_text(
        page.read_text().replace("[[accessibility-statement]]", "[[accessibility-statement x]]")
    )
    with pytest.raises(ContentError) as caught:
        load_content(content)
    assert "this block takes no argument" in str(caught.value)
