"""The one YAML walker: values with the line of every key and item, and a problem per mistake."""

from __future__ import annotations

import pytest

from newsroom.content import yaml_lines, yaml_loader
from newsroom.content.yaml_lines import YamlList, YamlMap, parse_yaml_mapping, parse_yaml_tree
from newsroom.core.errors import Problem

NESTED = """\
updated: 2019-10-31
suppliers:
  - id: alfa
    phases:
      - id: first
        when: 2019-W47
"""


def test_nested_values_know_their_lines() -> None:
    tree, problems = parse_yaml_tree(NESTED, "r.yaml")
    assert problems == []
    assert isinstance(tree, YamlMap)
    assert tree == {
        "updated": "2019-10-31",  # dates stay text
        "suppliers": [{"id": "alfa", "phases": [{"id": "first", "when": "2019-W47"}]}],
    }
    suppliers = tree["suppliers"]
    assert isinstance(suppliers, YamlList)
    assert (tree.lines, suppliers.lines) == ({"updated": 1, "suppliers": 2}, [3])
    phase = suppliers[0]["phases"][0]
    assert (phase.line, phase.lines) == (5, {"id": 5, "when": 6})


def test_mapping_lines_count_from_the_first_line() -> None:
    fields, lines, problems = parse_yaml_mapping("title: X\ntags: [a, b]\n", "p.md", 2)
    assert (fields, lines, problems) == (
        {"title": "X", "tags": ["a", "b"]},
        {"title": 2, "tags": 3},
        [],
    )


def messages(problems: list[Problem]) -> list[tuple[int | None, str | None, str]]:
    return [(p.line, p.field, p.message.split(":")[0]) for p in problems]


def test_a_field_that_cannot_be_read_is_left_out_and_named() -> None:
    text = "title: !!python/object/apply:os.system [ls]\ndate: !!int tien\nsummary: S\n"
    fields, lines, problems = parse_yaml_mapping(text, "p.md", 2)
    assert (fields, lines) == ({"summary": "S"}, {"summary": 4})
    assert messages(problems) == [
        (2, "title", "the YAML tag '!!python/object/apply"),
        (
            3,
            "date",
            "the value does not fit its YAML tag '!!int' (remove the '!…' part, or put the "
            "value in quotes)",
        ),
    ]


def test_deep_problems_keep_their_place_and_the_walk_goes_on() -> None:
    text = "a:\n  - !!python/name:os.system ''\n  - {x: 1, x: 2}\nb: *nowhere\n"
    assert messages(parse_yaml_tree(text, "r.yaml")[1]) == [(4, None, "YAML syntax error")]
    tree, problems = parse_yaml_tree(text.replace("*nowhere", "ok"), "r.yaml")
    assert messages(problems) == [
        (2, None, "the YAML tag '!!python/name"),
        (3, "x", "appears twice (first on line 3); keep one"),
    ]
    assert tree == {"a": [None, {"x": 1}], "b": "ok"}


def test_keys_must_be_text_and_merge_keys_are_refused() -> None:
    text = "? [a, b]\n: 1\n2019: x\n<<: {c: 1}\nd: 4\n"
    fields, _, problems = parse_yaml_mapping(text, "p.md")
    assert fields == {"d": 4}
    assert messages(problems) == [
        (1, None, "field name a list must be text"),
        (3, None, "field name 2019 must be text"),
        (4, None, "YAML merge keys ('<<"),
    ]


def test_aliases_are_shared_and_a_loop_is_a_problem() -> None:
    tree, problems = parse_yaml_tree("a: &x [1, 2]\nb: *x\n", "r.yaml")
    assert problems == [] and tree["a"] is tree["b"]
    fields, _, problems = parse_yaml_mapping("tags: &t [*t]\n", "p.md")
    assert fields == {}
    assert messages(problems) == [(1, "tags", "a YAML alias refers to itself; write the value out")]


def test_front_matter_must_be_a_mapping() -> None:
    assert parse_yaml_mapping("", "p.md") == ({}, {}, [])
    _, _, problems = parse_yaml_mapping("- a\n- b\n", "p.md", 2)
    assert messages(problems) == [(2, None, "expected fields written as 'name")]


DEEP = "are nested more than 20 levels deep"


def test_deep_nesting_is_a_problem_not_a_recursion_error() -> None:
    for opening in "[{":
        fields, _, problems = parse_yaml_mapping(f"date: x\ntitle: {opening * 5000}\n", "p.md", 2)
        assert fields == {}
        assert [(p.line, p.field) for p in problems] == [(3, "title")]
        assert DEEP in problems[0].message
        assert "expected at most 20 levels" in problems[0].message


def test_nesting_up_to_the_limit_is_read() -> None:
    fields, _, problems = parse_yaml_mapping("title: " + "[" * 19 + "]" * 19 + "\n", "p.md")
    assert problems == []
    assert str(fields["title"]).count("[") == 19
    _, _, problems = parse_yaml_mapping("title: " + "[" * 20 + "]" * 20 + "\n", "p.md")
    assert [p.field for p in problems] == ["title"]


def test_deep_indentation_and_aliases_count_too() -> None:
    indented = "".join(f"{'  ' * n}k{n}:\n" for n in range(300)) + "  " * 300 + "x\n"
    tree, problems = parse_yaml_tree(indented, "r.yaml")
    for n in range(20):
        tree = tree[f"k{n}"]
    assert tree is None  # the value of k19 nests too deeply: left out
    assert [(p.line, p.field) for p in problems] == [(21, ".".join(f"k{n}" for n in range(20)))]
    aliases = "[&a0 [x]" + "".join(f", &a{n} [*a{n - 1}]" for n in range(1, 300)) + "]"
    tree, problems = parse_yaml_tree(f"chain: {aliases}\n", "r.yaml")
    assert [(p.line, p.field) for p in problems] == [(1, "chain")]
    assert DEEP in problems[0].message


def test_deep_nesting_in_a_tree_names_the_path_of_keys() -> None:
    text = "suppliers:\n  - id: a\n    name: " + "{" * 5000 + "\n"
    _, problems = parse_yaml_tree(text, "r.yaml")
    assert [(p.line, p.field) for p in problems] == [(3, "suppliers[1].name")]


def test_a_deep_value_that_is_closed_is_skipped_and_the_rest_is_read() -> None:
    text = "title: " + "[" * 60 + "]" * 60 + "\ndate: 2019-10-31\n"
    fields, lines, problems = parse_yaml_mapping(text, "p.md", 2)
    assert (fields, lines) == ({"date": "2019-10-31"}, {"date": 3})
    assert [(p.line, p.field) for p in problems] == [(2, "title")]


# Documents that exercise the walker: values of every kind, aliases, tags, and mistakes.
BOTH_PARSERS = [
    NESTED,
    "title: X\ntags: [a, b]\ndate: 2024-01-02 10:00\ndraft: yes\nmenu: 3\nn: ~\n",
    "a: &x {b: [1, 2.5, 'q']}\nc: *x\nd: !!python/object:os.system x\n",
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "title: X\n  broken: indentation\n",
    'title: "not closed\n',
    "a: 1\na: 2\n[x]: 3\n<<: {b: 1}\n",
    "- item\nkey: value\n",
    "a: !!int ten\nb: !!set {x}\n",
]


def test_libyaml_and_pure_python_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walker reads with libyaml (fast) and falls back to the pure-Python parser on text
    libyaml cannot read or that nests near the limit: values, lines and every problem's
    message are the pure parser's."""
    assert yaml_loader.FastLoader is not None  # PyYAML's wheels bring libyaml: the speed needs it
    deep = [
        "title: " + "[" * 19 + "]" * 19 + "\n",
        "title: " + "[" * 60 + "]" * 60 + "\ndate: 2019-10-31\n",
        "title: " + "{" * 2000 + "\n",
        "chain: [&a0 [x]" + "".join(f", &a{n} [*a{n - 1}]" for n in range(1, 40)) + "]\n",
        "".join(f"{'  ' * n}k{n}:\n" for n in range(40)) + "  " * 40 + "x\n",
    ]
    for text in BOTH_PARSERS + deep:
        fast_value, fast_problems = yaml_lines._Walker(text, "f.yaml", 3, fields=True).read()
        with monkeypatch.context() as pure_only:
            pure_only.setattr(yaml_loader, "FastLoader", None)
            pure_value, pure_problems = yaml_lines._Walker(text, "f.yaml", 3, fields=True).read()
        assert fast_value == pure_value, text
        assert fast_problems == pure_problems, text
        assert getattr(fast_value, "lines", None) == getattr(pure_value, "lines", None), text


def test_libyaml_reads_what_nests_little_and_the_pure_parser_the_rest() -> None:
    loaders = {}
    for name, text in [("plain", NESTED), ("deep", "t: " + "[" * 19 + "]" * 19 + "\n")]:
        node, loader = yaml_loader.single_node(text)
        loaders[name] = type(loader)
        loader.dispose()
    assert loaders == {"plain": yaml_loader.FastLoader, "deep": yaml_loader.StrictLoader}
