"""The editors' texts are Dutch, or English with NEWSROOM_LANG=en (issue 19); messages an editor
can act on: which part of a date is wrong, where a file is not UTF-8 and what the character is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsroom.commands.cli import check_command, new_post_command
from newsroom.content.editor_texts import editor_language
from paths import REPO


@pytest.fixture
def dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default: no NEWSROOM_LANG at all."""
    monkeypatch.delenv("NEWSROOM_LANG", raising=False)


def write_post(content_dir: Path, text: str | bytes) -> Path:
    path = content_dir / "nieuws" / "nieuw.nl.md"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def check_lines(content_dir: Path) -> list[str]:
    result = CliRunner().invoke(check_command, ["--content", str(content_dir)])
    return result.output.splitlines()


def test_the_language_is_dutch_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSROOM_LANG", raising=False)
    assert editor_language() == "nl"
    for value, lang in [("en", "en"), ("en_GB.UTF-8", "en"), ("nl", "nl"), ("fr", "nl")]:
        monkeypatch.setenv("NEWSROOM_LANG", value)
        assert editor_language() == lang


@pytest.mark.parametrize(
    ("date", "english", "dutch_text"),
    [
        ("2026-11-31", "November has 30 days", "november heeft 30 dagen"),
        ("2025-02-29", "February 2025 has 28 days", "februari 2025 heeft 28 dagen"),
        ("2026-13-01", "there is no month 13", "maand 13 bestaat niet"),
        ("2026-11-30 24:00", "there is no hour 24", "uur 24 bestaat niet"),
    ],
)
def test_an_impossible_date_says_which_part_is_wrong(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, date: str, english: str, dutch_text: str
) -> None:
    path = write_post(content_dir, f"---\ntitle: Nieuw\ndate: {date}\n---\nTekst.\n")
    assert f'  error, line 3: date: "{date}" is not a date: {english}' in "\n".join(
        check_lines(content_dir)
    )
    monkeypatch.delenv("NEWSROOM_LANG")
    lines = check_lines(content_dir)
    assert str(path) in lines
    assert f'  fout, regel 3: date: "{date}" is geen datum: {dutch_text}' in "\n".join(lines)


def test_a_file_that_is_not_utf8_names_line_column_and_character(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Saved as Windows-1252: "é" is the one byte 0xe9.
    write_post(content_dir, "---\ntitle: Nieuw\ndate: 2019-10-01\n---\nHet café\n".encode("cp1252"))
    assert (
        "  error, line 5: is not UTF-8 text: the character on line 5, column 8 cannot be read "
        '(probably "é"); save the file as UTF-8 in your editor'
    ) in check_lines(content_dir)
    monkeypatch.delenv("NEWSROOM_LANG")
    assert (
        "  fout, regel 5: is geen UTF-8-tekst: het teken op regel 5, kolom 8 is niet te lezen "
        '(waarschijnlijk "é"); sla het bestand in je teksteditor op als UTF-8'
    ) in check_lines(content_dir)


def test_deep_nesting_is_a_problem_in_both_languages(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_post(content_dir, "---\ntitle: " + "[" * 5000 + "\ndate: 2019-10-01\n---\nTekst.\n")
    assert (
        "  error, line 2: title: lists or groups ('[…]', '{…}' or indented lines) are nested "
        "more than 20 levels deep; expected at most 20 levels (put a text that starts with '[' "
        "or '{' in quotes)"
    ) in check_lines(content_dir)
    monkeypatch.delenv("NEWSROOM_LANG")
    assert (
        "  fout, regel 2: title: lijsten of groepen ('[…]', '{…}' of ingesprongen regels) zijn "
        "meer dan 20 niveaus diep genest; verwacht ten hoogste 20 niveaus (zet een tekst die met "
        "'[' of '{' begint tussen aanhalingstekens)"
    ) in check_lines(content_dir)


def test_check_speaks_dutch_and_json_keeps_its_codes(content_dir: Path, dutch: None) -> None:
    write_post(content_dir, "---\ntitle: Nieuw\ndate: 31-11-2026\n---\nTekst.\n")
    lines = check_lines(content_dir)
    assert lines[-1] == (
        "4 berichten gecontroleerd: 1 fout en 5 waarschuwingen in 6 bestanden; los de fouten op "
        "voor je publiceert."
    )
    assert "Vertalingen: 1 van 4 berichten compleet in het Nederlands en Engels." in lines
    assert any(
        line.startswith("  waarschuwing: translation: heeft geen vertaling") for line in lines
    )
    result = CliRunner().invoke(check_command, ["--format", "json", "--content", str(content_dir)])
    problem = next(p for p in json.loads(result.output)["problems"] if p["field"] == "date")
    assert (problem["severity"], problem["field"]) == ("error", "date")  # codes stay English
    assert problem["message"].startswith('"31-11-2026" is geen geldige datum (verwacht een datum')


def test_counts_say_posts_in_both_lines(content_dir: Path) -> None:
    lines = check_lines(content_dir)
    # Both count posts (slugs), not files: 5 files, 4 posts, 1 of them in both languages.
    assert lines[-1].startswith("Checked 4 posts: ")
    assert "Translations: 1 of 4 posts complete in Dutch and English." in lines


def test_new_post_asks_in_dutch(content_dir: Path, dutch: None) -> None:
    result = CliRunner().invoke(
        new_post_command, ["--content", str(content_dir)], input="Een titel\nnl\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "Titel: " in result.output
    assert "Taal van het bericht (nl = Nederlands, en = Engels)" in result.output
    assert "Tags, met komma's ertussen (mag leeg)" in result.output
    assert "content/nieuws/een-titel.nl.md is gemaakt" in result.output


def test_the_build_stops_in_dutch(content_dir: Path, tmp_path: Path) -> None:
    write_post(content_dir, "---\ntitle: Nieuw\ndate: 2026-11-31\n---\nTekst.\n")
    env = {k: v for k, v in os.environ.items() if k != "NEWSROOM_LANG"}
    done = subprocess.run(
        [
            sys.executable,
            "freeze.py",
            "--content",
            str(content_dir),
            "--output",
            str(tmp_path / "o"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Bouwen gestopt: 1 probleem in de inhoud. Er is niets veranderd aan de gebouwde site.\n"
    )
    assert 'nieuw.nl.md:3: date: "2026-11-31" is geen datum: november heeft 30 dagen' in done.stderr


def _run(args: list[str], dutch_texts: bool, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSROOM_LANG"}
    if not dutch_texts:
        env["NEWSROOM_LANG"] = "en"
    return subprocess.run(
        args, cwd=REPO, env=env, input=stdin, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("dutch_texts", "says", "not_says"),
    [
        (
            True,
            ["gebruik: freeze.py", "opties:", "toon deze hulptekst en stop", "map met de inhoud"],
            ["usage:", "options:", "show this help message", "content folder"],
        ),
        (
            False,
            ["usage: freeze.py", "options:", "show this help message and exit", "content folder"],
            ["gebruik:", "hulptekst"],
        ),
    ],
)
def test_freeze_help_is_in_the_editors_language(
    dutch_texts: bool, says: list[str], not_says: list[str]
) -> None:
    done = _run([sys.executable, "freeze.py", "--help"], dutch_texts)
    assert done.returncode == 0, done.stderr
    for text in says:
        assert text in done.stdout, done.stdout
    for text in not_says:
        assert text not in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("dutch_texts", "line"),
    [
        (True, "freeze.py: fout: onbekende argumenten: --bogus"),
        (False, "freeze.py: error: unrecognized arguments: --bogus"),
    ],
)
def test_a_wrong_option_of_freeze_is_said_in_the_editors_language(
    dutch_texts: bool, line: str
) -> None:
    done = _run([sys.executable, "freeze.py", "--bogus"], dutch_texts)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == line


FLASK = str(Path(sys.executable).parent / "flask")


@pytest.mark.parametrize(("dutch_texts", "line"), [(True, "Afgebroken."), (False, "Aborted!")])
def test_stopping_new_post_at_a_prompt_is_said_in_the_editors_language(
    content_dir: Path, dutch_texts: bool, line: str
) -> None:
    # No answer to the first question (Ctrl-D): click stops the command.
    command = [FLASK, "--app", "newsroom", "new-post", "--content", str(content_dir)]
    done = _run(command, dutch_texts, stdin="")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == line, done.stderr


def test_a_wrong_answer_to_a_prompt_is_said_in_dutch(content_dir: Path, dutch: None) -> None:
    result = CliRunner().invoke(
        new_post_command, ["--content", str(content_dir)], input="Een titel\nde\nnl\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "Fout: 'de' is niet een van 'nl', 'en'." in result.output


def test_removed_html_is_named_in_the_editors_language(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = '---\ntitle: Nieuw\ndate: 2019-10-01\n---\n<script>x()</script><p onclick="y()">T</p>\n'
    write_post(content_dir, text)
    english = "\n".join(check_lines(content_dir))
    assert "  warning, line 5: body: <script> element removed: the site allows" in english
    assert "  warning, line 5: body: onclick attribute on <p> removed: the site" in english
    monkeypatch.delenv("NEWSROOM_LANG")
    dutch_lines = "\n".join(check_lines(content_dir))
    assert "  waarschuwing, regel 5: body: element <script> weggehaald: de site" in dutch_lines
    assert "  waarschuwing, regel 5: body: attribuut onclick op <p> weggehaald" in dutch_lines
