"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from newsroom.content.fields import _show
from newsroom.core.errors import Problem

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so we can check them with good messages."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '([^']*)'")


def tag_problem(tag: str, path: str, line: int) -> Problem:
    """A YAML tag such as `!!python/object:…`: the safe loader builds no objects."""
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(
        path,
        f"the YAML tag '{shown}' is not allowed: values are plain text, numbers, "
        "dates, true/false and lists (remove the '!…' part, or put the value in quotes)",
        line=line,
    )


def yaml_problem(exc: yaml.YAMLError, path: str, first_line: int = 1) -> Problem:
    """One message for a YAML error; `first_line` is the file line of the YAML's first line."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    if isinstance(exc, yaml.MarkedYAMLError):
        what = exc.problem or exc.context or "cannot be read"
        if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
            # The end of the file is where the reader noticed; the quote is where it went wrong.
            return Problem(
                path,
                "a quoted value is not closed: add the closing quote (\" or ') at its end",
                line=first_line + exc.context_mark.line,
            )
        tag = _UNKNOWN_TAG.search(what)
        if tag and tag[1] == "tag:yaml.org,2002:merge":
            return Problem(
                path,
                "YAML merge keys ('<<:') are not supported; write the fields out",
                line=line,
            )
        if tag:
            return tag_problem(tag[1], path, line)
        return Problem(
            path,
            f"YAML syntax error: {what} (check colons, quotes and indentation; "
            "a value containing ': ' or starting with a quote needs quotes around it)",
            line=line,
        )
    return Problem(path, f"YAML error: {exc}", line=line)


@dataclass(frozen=True, slots=True)
class Document:
    """Front matter fields (with the line of each key) and the Markdown body."""

    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int  # line number of the body's first line in the file


def parse_yaml_mapping(
    text: str, path: str, first_line: int = 1
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """Parse YAML text that must be a mapping; return fields, key lines and problems.

    `first_line` is the file line of the text's first line, so messages point into the file.
    """
    problems: list[Problem] = []
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return fields, lines, problems
        if not isinstance(node, yaml.MappingNode):
            problems.append(
                Problem(
                    path,
                    "expected fields written as 'name: value', one per line",
                    line=first_line + node.start_mark.line,
                )
            )
            return fields, lines, problems
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                problems.append(Problem(path, f"field name {_show(key)} must be text", line=line))
                continue
            if key in fields:
                problems.append(
                    Problem(
                        path,
                        f"appears twice (first on line {lines[key]}); keep one",
                        field=key,
                        line=line,
                    )
                )
                continue
            try:
                fields[key] = loader.construct_object(value_node, deep=True)
            except yaml.constructor.ConstructorError as exc:  # e.g. a `!!python/…` tag
                problems.append(replace(yaml_problem(exc, path, first_line), field=key))
                continue
            lines[key] = line
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, path, first_line))
    finally:
        loader.dispose()
    return fields, lines, problems


def parse_document(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Read `---` front matter and the body from a file's text (already decoded)."""
    all_lines = text.split("\n")
    if not all_lines or all_lines[0].strip() != "---":
        return None, [
            Problem(
                path,
                "no front matter: the file must start with a line '---', then fields such as "
                "'title: …' and 'date: 2019-10-31', then another line '---'",
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
                "the front matter is not closed: add a line '---' after the last field",
                line=1,
            )
        ]
    yaml_text = "\n".join(all_lines[1:end])
    fields, lines, problems = parse_yaml_mapping(yaml_text, path, first_line=2)
    body = "\n".join(all_lines[end + 1 :])
    return Document(fields, lines, body, end + 2), problems
