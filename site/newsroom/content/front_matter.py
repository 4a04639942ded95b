"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsroom.content.editor_texts import _
from newsroom.content.yaml_lines import parse_yaml_mapping
from newsroom.core.errors import Problem


@dataclass(frozen=True, slots=True)
class Document:
    """Front matter fields (with the line of each key) and the Markdown body."""

    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int  # line number of the body's first line in the file


def parse_document(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Read `---` front matter and the body from a file's text (already decoded)."""
    all_lines = text.split("\n")
    if not all_lines or all_lines[0].strip() != "---":
        return None, [
            Problem(
                path,
                _(
                    "no front matter: the file must start with a line '---', then fields such "
                    "as 'title: …' and 'date: 2019-10-31', then another line '---'"
                ),
                line=1,
            )
        ]
    for index in range(1, len(all_lines)):
        if all_lines[index].rstrip() in ("---", "..."):
            end = index
            break
    else:
        return None, [
            Problem(
                path,
                _("the front matter is not closed: add a line '---' after the last field"),
                line=1,
            )
        ]
    yaml_text = "\n".join(all_lines[1:end])
    fields, lines, problems = parse_yaml_mapping(yaml_text, path, first_line=2)
    body = "\n".join(all_lines[end + 1 :])
    return Document(fields, lines, body, end + 2), problems
