"""The check's result for people (grouped by file, one line per problem) and for tools (JSON)."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from newsroom.checks.run import LANGUAGE_NAMES, CheckResult
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def problem_line(problem: Problem) -> str:
    where = f", line {problem.line}" if problem.line is not None else ""
    field = f"{problem.field}: " if problem.field else ""
    return f"  {problem.severity}{where}: {field}{problem.message}"


def summary_line(result: CheckResult) -> str:
    files = len({p.path for p in result.problems})
    found = (
        f"{_plural(len(result.errors), 'error')} and {_plural(len(result.warnings), 'warning')} "
        f"in {_plural(files, 'file')}"
        if result.problems
        else "no problems"
    )
    verdict = (
        "fix the errors before you publish" if result.errors else "the content is ready to build"
    )
    return f"Checked {_plural(result.posts, 'post')}: {found}; {verdict}."


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
        f"Translations: {complete} of {_plural(len(rows), 'post')} complete in "
        f"{' and '.join(LANGUAGE_NAMES[lang] for lang in LANGUAGES)}."
    )
    incomplete = [row for row in rows if not row.complete]
    width = max((len(row.slug) for row in incomplete), default=0)
    for row in incomplete:
        states = "  ".join(f"{lang}: {row.status(lang):<10}" for lang in LANGUAGES)
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
                draft=post.draft,
            )
        return data

    return {
        "content": str(result.content_dir),
        "summary": {
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "files": len({p.path for p in result.problems}),
            "posts": result.posts,
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
