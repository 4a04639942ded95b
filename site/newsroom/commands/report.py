"""The check's result for people (grouped by file, one line per problem) and for tools (JSON)."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from newsroom.checks.run import CheckResult
from newsroom.checks.versions import language_name
from newsroom.content.editor_texts import N_, _, ngettext
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES

SEVERITIES = {"error": N_("error"), "warning": N_("warning")}
STATUSES = {
    "source": N_("source"),
    "translated": N_("translated"),
    "outdated": N_("outdated"),
    "draft": N_("draft"),
    "missing": N_("missing"),
}
"""The words the text report uses for the JSON's codes (which stay as they are)."""


def problem_line(problem: Problem) -> str:
    severity = _(SEVERITIES[problem.severity])
    where = _(", line %(line)s", line=problem.line) if problem.line is not None else ""
    field = f"{problem.field}: " if problem.field else ""
    return f"  {severity}{where}: {field}{problem.message}"


def summary_line(result: CheckResult) -> str:
    files = len({p.path for p in result.problems})
    errors = ngettext("%(num)s error", "%(num)s errors", len(result.errors))
    warnings = ngettext("%(num)s warning", "%(num)s warnings", len(result.warnings))
    in_files = ngettext("in %(num)s file", "in %(num)s files", files)
    found = (
        _("%(errors)s and %(warnings)s %(files)s", errors=errors, warnings=warnings, files=in_files)
        if result.problems
        else _("no problems")
    )
    verdict = (
        _("fix the errors before you publish")
        if result.errors
        else _("the content is ready to build")
    )
    posts = ngettext("Checked %(num)s post", "Checked %(num)s posts", result.posts)
    return f"{posts}: {found}; {verdict}."


def format_text(result: CheckResult) -> str:
    """Problems grouped by file, the translation report, and a summary line."""
    out: list[str] = []
    for path, problems in groupby(result.problems, key=lambda p: p.path):
        out.append(path)
        out += [problem_line(p) for p in problems]
        out.append("")
    rows = result.translations
    complete = sum(1 for row in rows if row.complete)
    out.append(
        ngettext(
            "Translations: %(complete)s of %(num)s post complete in %(languages)s.",
            "Translations: %(complete)s of %(num)s posts complete in %(languages)s.",
            len(rows),
            complete=complete,
            languages=_(" and ").join(language_name(lang) for lang in LANGUAGES),
        )
    )
    incomplete = [row for row in rows if not row.complete]
    width = max((len(row.slug) for row in incomplete), default=0)
    for row in incomplete:
        states = "  ".join(f"{lang}: {_(STATUSES[row.status(lang)]):<10}" for lang in LANGUAGES)
        out.append(f"  {row.slug:<{width}}  {states}".rstrip())
    out.append("")
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def as_data(result: CheckResult) -> dict[str, Any]:
    """The same as `format_text`, as plain data."""

    def version(row, lang: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        post = row.version(lang)
        data: dict[str, Any] = {"status": row.status(lang)}
        if post is not None:
            data.update(
                file=str(post.source),
                title=post.title,
                date=post.date.isoformat(),
                updated=post.updated.isoformat() if post.updated else None,
                changes=[change.date.isoformat() for change in post.changes],
                draft=post.draft,
            )
        return data

    return {
        "content": str(result.content_dir),
        "summary": {
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "files": len({p.path for p in result.problems}),
            "posts": result.posts,  # slugs, as in "Checked 4 posts" and the translations
            "ok": not result.errors,
        },
        "problems": [
            {
                "file": p.path,
                "line": p.line,
                "field": p.field,
                "severity": p.severity,
                "message": p.message,
            }
            for p in result.problems
        ],
        "translations": [
            {
                "slug": row.slug,
                "source": row.source.lang,
                "complete": row.complete,
                "languages": {lang: version(row, lang) for lang in LANGUAGES},
            }
            for row in result.translations
        ],
        "page_translations": [
            {
                "slug": row.slug,
                "complete": row.complete,
                "languages": {
                    lang: {"status": row.status(lang)}
                    | ({"file": str(page.source), "title": page.title} if page else {})
                    for lang in LANGUAGES
                    for page in [row.version(lang)]
                },
            }
            for row in result.page_translations
        ],
    }


def format_json(result: CheckResult) -> str:
    return json.dumps(as_data(result), ensure_ascii=False, indent=2)
