"""The one YAML walker: values with the line of every key and item, and a problem per mistake."""

from __future__ import annotations

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


def test_libyaml_and_pure_python_read_the_same() -> None:
    """The walker reads with libyaml (fast) and falls back to the pure-Python parser on text
    libyaml cannot read: values, lines and every problem's message are the pure parser's."""
    from newsroom.content import yaml_lines

    if yaml_lines._FastLoader is None:  # PyYAML built without libyaml: nothing to compare
        return
    for text in BOTH_PARSERS:
        fast = yaml_lines._Walker(text, "f.yaml", 3, fields=True)
        assert isinstance(fast.loader, yaml_lines._FastLoader)
        pure = yaml_lines._Walker(text, "f.yaml", 3, fields=True)
        pure.loader = yaml_lines._StrictLoader(text)
        (fast_value, fast_problems), (pure_value, pure_problems) = fast.read(), pure.read()
        assert fast_value == pure_value, text
        assert fast_problems == pure_problems, text
        assert getattr(fast_value, "lines", None) == getattr(pure_value, "lines", None), text
