"""YAML that remembers the line of every key and item, and says what is wrong where.

One walker reads all of the editors' YAML: front matter and `site.yaml` (a mapping of fields,
`parse_yaml_mapping`) and `rollout.yaml` (nested data, `parse_yaml_tree`), so messages can point
at `when:` of the third phase. Dates stay text (the loader leaves out YAML's timestamps), so
the field checks give their own messages. A value that cannot be read becomes a problem and
the walk goes on, so one pass reports every such mistake.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import yaml

from newsroom.content.editor_texts import _
from newsroom.content.fields import shown_value
from newsroom.content.yaml_loader import MAX_DEPTH, TOO_DEEP, TooDeep, single_node
from newsroom.core.errors import Problem

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class YamlMap(dict[str, Any]):
    """A mapping with `line` (where it starts) and `lines` (the line of each key)."""

    line: int
    lines: dict[str, int]


class YamlList(list[Any]):
    """A list with `line` (where it starts) and `lines` (the line of each item)."""

    line: int
    lines: list[int]


def parse_yaml_tree(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse a whole YAML file; mappings and lists come back as YamlMap and YamlList."""
    return _Walker(text, path, 1, fields=False).read()


def parse_yaml_mapping(
    text: str, path: str, first_line: int = 1
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """Parse YAML text that must be a mapping; return fields, key lines and problems.

    `first_line` is the file line of the text's first line, so messages point into the file.
    A field whose value cannot be read is left out, and its problems name the field.
    """
    value, problems = _Walker(text, path, first_line, fields=True).read()
    if not isinstance(value, YamlMap):
        return {}, {}, problems
    return value, value.lines, problems


class _Walker:
    """Builds the values of one document's nodes, collecting problems with their lines."""

    def __init__(self, text: str, path: str, first_line: int, fields: bool) -> None:
        self.text = text
        self.loader: Any = None  # the loader that read the text (see `single_node`)
        self.path = path
        self.first_line = first_line
        self.fields = fields  # the document is a mapping of fields (front matter, site.yaml)
        self.problems: list[Problem] = []
        # Each node's value, shared when an alias reaches the node again (as PyYAML does), so
        # nested aliases cannot blow up into exponentially many copies.
        self.built: dict[int, Any] = {}
        self.deep_fields: set[str | None] = set()  # fields already reported as too deep

    def read(self) -> tuple[Any, list[Problem]]:
        try:
            node, self.loader = single_node(self.text)
            if node is None:
                return None, self.problems
            if self.fields and not isinstance(node, yaml.MappingNode):
                self.problem("expected fields written as 'name: value', one per line", node)
                return None, self.problems
            return self.value(node, ()), self.problems
        except TooDeep as exc:
            self.problems.append(self.too_deep(exc.path, exc.mark.line))
            return None, self.problems
        except yaml.YAMLError as exc:  # the text is no YAML at all: nothing was built
            self.problems.append(yaml_problem(exc, self.path, self.first_line))
            return None, self.problems
        finally:
            if self.loader is not None:
                self.loader.dispose()

    def too_deep(self, path: tuple[str | int | None, ...], line: int) -> Problem:
        """Name the field: a document of fields names its field, a tree the path of its keys."""
        path = path[1:]  # the first step is the document itself
        named = [n for n, step in enumerate(path) if isinstance(step, str)]
        if self.fields:
            field = str(path[0]) if path else None
        else:
            field = _path_text(path[: named[-1] + 1]) if named else None
        return Problem(
            self.path,
            _(
                "lists or groups ('[…]', '{…}' or indented lines) are nested more than "
                "%(depth)s levels deep; expected at most %(depth)s levels (put a text that "
                "starts with '[' or '{' in quotes)",
                depth=MAX_DEPTH,
            ),
            field=field,
            line=self.first_line + line,
        )

    def problem(self, message: str, node: yaml.Node) -> None:
        self.problems.append(Problem(self.path, message, line=self.line(node)))

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def value(self, node: yaml.Node, parents: tuple[int, ...]) -> Any:
        if id(node) in self.built:
            return self.built[id(node)]
        if id(node) in parents:  # an alias pointing at its own ancestor would never end
            self.problem("a YAML alias refers to itself; write the value out", node)
            return None
        inside = (*parents, id(node))
        if node.tag == TOO_DEEP:
            problem = self.too_deep(self.loader.too_deep[id(node)], node.start_mark.line)
            if problem.field not in self.deep_fields:  # a chain of aliases: one problem
                self.deep_fields.add(problem.field)
                self.problems.append(problem)
            value: Any = None
        elif isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            value = self.mapping(node, inside)
        elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            value = self.sequence(node, inside)
        elif isinstance(node, yaml.ScalarNode):
            value = self.scalar(node)
        else:
            # An explicit tag on a list or group (`!!python/object/new:… […]`, `!!set`): say
            # what the tag would have asked for, instead of building a plain list.
            self.problems.append(tag_problem(node.tag, self.path, self.line(node)))
            value = None
        self.built[id(node)] = value
        return value

    def mapping(self, node: yaml.MappingNode, inside: tuple[int, ...]) -> YamlMap:
        mapping = YamlMap()
        mapping.line = self.line(node)
        mapping.lines = {}
        top_fields = self.fields and len(inside) == 1
        for key_node, value_node in node.value:
            line = self.line(key_node)
            before = len(self.problems)
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: shown, not built
                key: Any = [] if isinstance(key_node, yaml.SequenceNode) else {}
            else:
                key = self.scalar(key_node)
                if len(self.problems) > before:
                    continue  # e.g. a merge key `<<:`
            if not isinstance(key, str):
                self.problem(_("field name %(key)s must be text", key=shown_value(key)), key_node)
                continue
            if key in mapping:
                self.problems.append(
                    Problem(
                        self.path,
                        _(
                            "appears twice (first on line %(line)s); keep one",
                            line=mapping.lines[key],
                        ),
                        field=key,
                        line=line,
                    )
                )
                continue
            value = self.value(value_node, inside)
            if top_fields and len(self.problems) > before:
                # A field that cannot be read is left out, and its problems name it.
                self.problems[before:] = [
                    problem if problem.field else replace(problem, field=key)
                    for problem in self.problems[before:]
                ]
                continue
            mapping[key] = value
            mapping.lines[key] = line
        return mapping

    def sequence(self, node: yaml.SequenceNode, inside: tuple[int, ...]) -> YamlList:
        items = YamlList()
        items.line = self.line(node)
        items.lines = []
        for item in node.value:
            items.append(self.value(item, inside))
            items.lines.append(self.line(item))
        return items

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:  # e.g. a `!!python/…` tag
            self.problems.append(yaml_problem(exc, self.path, self.first_line))
        except (ValueError, KeyError, AttributeError):  # e.g. `!!int ten`, `!!bool maybe`
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(
                _(
                    "the value does not fit its YAML tag '%(tag)s' (remove the '!…' part, or "
                    "put the value in quotes)",
                    tag=shown,
                ),
                node,
            )
        return None


def _path_text(path: tuple[str | int | None, ...]) -> str:
    """`suppliers[1].phases[2].when`, the way the rollout checks name a nested field."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step + 1}]"
        elif step is not None:
            text += f".{step}" if text else step
    return text


_UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '([^']*)'")


def tag_problem(tag: str, path: str, line: int) -> Problem:
    """A YAML tag such as `!!python/object:…`: the safe loader builds no objects."""
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(
        path,
        _(
            "the YAML tag '%(tag)s' is not allowed: values are plain text, numbers, dates, "
            "true/false and lists (remove the '!…' part, or put the value in quotes)",
            tag=shown,
        ),
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
                _("a quoted value is not closed: add the closing quote (\" or ') at its end"),
                line=first_line + exc.context_mark.line,
            )
        tag = _UNKNOWN_TAG.search(what)
        if tag and tag[1] == "tag:yaml.org,2002:merge":
            return Problem(
                path,
                _("YAML merge keys ('<<:') are not supported; write the fields out"),
                line=line,
            )
        if tag:
            return tag_problem(tag[1], path, line)
        return Problem(
            path,
            _(
                "YAML syntax error: %(what)s (check colons, quotes and indentation; a value "
                "containing ': ' or starting with a quote needs quotes around it)",
                what=what,
            ),
            line=line,
        )
    return Problem(path, f"YAML error: {exc}", line=line)
