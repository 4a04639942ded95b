"""Nested YAML (mappings in lists in mappings…) that remembers the line of every key and item.

`parse_yaml_mapping` in `front_matter` is enough for flat front matter; structured data such as
`rollout.yaml` needs line numbers deep inside, so messages can point at `when:` of the third
phase. Dates stay text (the same strict loader), so the checks give their own messages.
"""

from __future__ import annotations

from typing import Any

import yaml

from newsroom.content.fields import _show
from newsroom.content.front_matter import _StrictLoader, tag_problem, yaml_problem
from newsroom.core.errors import Problem


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
    problems: list[Problem] = []
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        value = None if node is None else _build(loader, node, path, problems, (), {})
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, path))
        value = None
    finally:
        loader.dispose()
    return value, problems


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: str,
    problems: list[Problem],
    parents: tuple[int, ...],
    built: dict[int, Any],
) -> Any:
    """Build a node's value; `built` shares the value of a node reached again through an alias
    (as PyYAML does), so nested aliases cannot blow up into exponentially many copies."""
    if id(node) in built:
        return built[id(node)]
    if id(node) in parents:  # an alias pointing at its own ancestor would never end
        problems.append(
            Problem(path, "a YAML alias refers to itself; write the value out", line=_line(node))
        )
        return None
    inside = (*parents, id(node))
    value = _build_new(loader, node, path, problems, inside, built)
    built[id(node)] = value
    return value


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _build_new(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: str,
    problems: list[Problem],
    inside: tuple[int, ...],
    built: dict[int, Any],
) -> Any:
    if node.tag not in (_MAP, _SEQ) and not isinstance(node, yaml.ScalarNode):
        # An explicit tag on a list or group (`!!python/object/new:… […]`): the loader below
        # would build a plain list and ignore it, so say what the tag would have asked for.
        problems.append(tag_problem(node.tag, path, _line(node)))
        return None
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap()
        mapping.line = _line(node)
        mapping.lines = {}
        for key_node, value_node in node.value:
            line = _line(key_node)
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                problems.append(Problem(path, f"field name {_show(key)} must be text", line=line))
                continue
            if key in mapping:
                problems.append(
                    Problem(
                        path,
                        f"appears twice (first on line {mapping.lines[key]}); keep one",
                        field=key,
                        line=line,
                    )
                )
                continue
            mapping[key] = _build(loader, value_node, path, problems, inside, built)
            mapping.lines[key] = line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = YamlList()
        items.line = _line(node)
        items.lines = []
        for item in node.value:
            items.append(_build(loader, item, path, problems, inside, built))
            items.lines.append(_line(item))
        return items
    return loader.construct_object(node, deep=True)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1
