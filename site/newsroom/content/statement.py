"""Read and check the accessibility statement `content/accessibility.yaml`.

The statement follows the Dutch government's model (toegankelijkheidsverklaring): the
organisation, the website, a compliance status A–E, the date of the statement, how the site was
evaluated (and the report), the known problems with their plan, how to report a problem and how
soon an answer comes, and the register of statements. The file is optional; the
`[[accessibility-statement]]` block needs it. Every problem is collected with its line, e.g.
`content/accessibility.yaml:7: status: "F" is not one of A, B, C, D, E`.

Honesty is checked too: status A (fully compliant) or B (partially compliant) needs the report
of an evaluation by people (`report:`); automated tests alone never establish either.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from newsroom.content.fields import clean_text
from newsroom.content.rollout_fields import RolloutFields
from newsroom.content.sources import read_text
from newsroom.content.yaml_lines import YamlMap, parse_yaml_tree
from newsroom.core.errors import Problem
from newsroom.core.models import (
    COMPLIANCE_STATUSES,
    LANGUAGES,
    AccessibilityStatement,
    KnownIssue,
)

FILE_NAME = "accessibility.yaml"
BLOCK = "accessibility-statement"

TOP_FIELDS = (
    "organisation",
    "status",
    "date",
    "evaluation",
    "report",
    "known_issues",
    "response_days",
    "register",
)
ISSUE_FIELDS = ("title", "plan", "fixed_by")
AUDITED = ("A", "B")
"""The statuses only an evaluation by people (a manual audit against every criterion) shows."""


def load_statement(content_dir: Path, problems: list[Problem]) -> AccessibilityStatement | None:
    """Read `accessibility.yaml` in `content_dir` (None when there is none, or on problems)."""
    path = content_dir / FILE_NAME
    if not path.exists():
        return None
    shown = str(path)
    text = read_text(path, problems, root=content_dir)
    if text is None:
        return None
    tree, found = parse_yaml_tree(clean_text(text), shown)
    problems.extend(found)
    if found:
        return None
    if not isinstance(tree, YamlMap):
        problems.append(
            Problem(
                shown,
                "expected the fields of the statement, 'status:', 'date:' and the others "
                "(see docs/content.md)",
                line=1,
            )
        )
        return None
    before = len(problems)
    top = RolloutFields(shown, tree, problems, "")
    top.unknown(TOP_FIELDS)
    organisation = top.per_language("organisation", LANGUAGES, required=True)
    status = top.choice("status", COMPLIANCE_STATUSES)
    date = top.day("date")
    evaluation = top.per_language("evaluation", LANGUAGES, required=True)
    report = _web_address(top, "report", required=False)
    register = _web_address(top, "register", required=True)
    response_days = top.whole_number("response_days")
    if response_days is None and "response_days" not in tree:
        top.problem("response_days", "is required and missing (expected e.g. 5)")
    if status in AUDITED and report is None:
        top.problem(
            "status",
            f'"{status}" needs the report of an evaluation by people (report: https://…): '
            "automated tests alone never show that a site complies (use C until it is audited)",
        )
    issues = []
    for position, data in top.mappings("known_issues"):
        fields = RolloutFields(shown, data, problems, f"known_issues[{position}].")
        fields.unknown(ISSUE_FIELDS)
        title = fields.per_language("title", LANGUAGES, required=True)
        plan = fields.per_language("plan", LANGUAGES, required=True)
        fixed_by = fields.day("fixed_by", required=False)
        issues.append(KnownIssue(title, plan, fixed_by))
    if len(problems) > before or None in (status, date, register, response_days):
        return None
    assert status is not None and date is not None and register is not None
    assert response_days is not None
    return AccessibilityStatement(
        organisation=organisation,
        status=status,
        date=date,
        evaluation=evaluation,
        response_days=response_days,
        register=register,
        report=report,
        issues=tuple(issues),
    )


def _web_address(fields: RolloutFields, key: str, required: bool) -> str | None:
    value = fields.text(key, required=required)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fields.problem(key, f'"{value}" is not a web address (expected https://…)')
        return None
    return value


def check_statement_marker(argument: str | None, data: object) -> str | None:
    """`[[accessibility-statement]]` takes no argument."""
    if argument is not None:
        return f"[[{BLOCK} {argument}]]: this block takes no argument (expected [[{BLOCK}]] alone)"
    return None


def statement_block_problems(
    content_dir: Path, bodies: list[tuple[str, str]], statement: AccessibilityStatement | None
) -> list[Problem]:
    """A `[[accessibility-statement]]` block with no statement to show: one problem per
    document that uses it. `bodies`: (path, rendered HTML with placeholders)."""
    if statement is not None or (content_dir / FILE_NAME).exists():
        return []  # shown, or the file's own problems are reported already
    marker = f'data-block="{BLOCK}"'
    return [
        Problem(
            path,
            f"[[{BLOCK}]] needs the statement in {content_dir / FILE_NAME} (see docs/content.md)",
            field="body",
        )
        for path, html in bodies
        if marker in html
    ]
