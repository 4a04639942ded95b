"""The editors' commands: `flask --app newsroom new-post` and `flask --app newsroom check`."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsroom.build.site import build
from newsroom.commands.cli import check_command, new_post_command
from newsroom.content.dates import AMSTERDAM
from newsroom.core.errors import ContentError
from newsroom.loading.content import load_content
from newsroom.web.app import create_app
from paths import FIXTURES, REPO

FLASK = str(Path(sys.executable).parent / "flask")


def new_post(content_dir: Path, *args: str, input: str | None = None):  # noqa: A002
    return CliRunner().invoke(new_post_command, [*args, "--content", str(content_dir)], input=input)


def check(content_dir: Path, *args: str):
    return CliRunner().invoke(check_command, [*args, "--content", str(content_dir)])


# new-post


def test_new_post_writes_a_file_that_loads_and_builds(content_dir: Path, tmp_path: Path) -> None:
    result = new_post(content_dir, "--title", "Één update", "--lang", "nl", "--tags", "a, Bé")
    assert result.exit_code == 0, result.output
    path = content_dir / "nieuws" / "een-update.nl.md"
    assert path.is_file()
    assert "een-update.nl.md" in result.output
    post = next(p for p in load_content(content_dir, drafts=True).posts if p.slug == "een-update")
    assert post.title == "Één update"
    assert post.lang == "nl"
    assert post.tags == ("a", "Bé")
    assert post.date.date() == dt.datetime.now(AMSTERDAM).date()
    assert post.draft  # a new post starts as a draft
    output = tmp_path / "site"
    build(content_dir, output, drafts=True)
    page = (output / "nl/nieuws/een-update/index.html").read_text(encoding="utf-8")
    assert "<h1>Één update</h1>" in page


def test_new_post_without_drafts_flag_stays_out_of_the_build(
    content_dir: Path, tmp_path: Path
) -> None:
    assert new_post(content_dir, "--title", "Later", "--lang", "en").exit_code == 0
    build(content_dir, tmp_path / "site")
    assert not (tmp_path / "site/en/news/later").exists()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Één update", "een-update"),
        ("Café — crème brûlée!", "cafe-creme-brulee"),
        ("  RIO-vo: livegang op 1 november?  ", "rio-vo-livegang-op-1-november"),
        ("Ökonomie & Übergang", "okonomie-ubergang"),
        ("Naïeve coördinatie", "naieve-coordinatie"),
    ],
)
def test_new_post_folds_the_title_into_a_slug(content_dir: Path, title: str, slug: str) -> None:
    result = new_post(content_dir, "--title", title, "--lang", "nl")
    assert result.exit_code == 0, result.output
    assert (content_dir / "nieuws" / f"{slug}.nl.md").is_file()
    loaded = load_content(content_dir, drafts=True)
    assert title.strip() in {p.title for p in loaded.posts}  # quoted where YAML needs it


def test_new_post_refuses_to_overwrite(content_dir: Path) -> None:
    path = content_dir / "nieuws" / "eerste-bericht.nl.md"
    before = path.read_bytes()
    result = new_post(content_dir, "--title", "Eerste bericht", "--lang", "nl")
    assert result.exit_code == 1
    assert "eerste-bericht.nl.md already exists; nothing was written" in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_new_post_refuses_a_slug_taken_in_a_subfolder(content_dir: Path) -> None:
    (content_dir / "nieuws" / "2019").mkdir()
    (content_dir / "nieuws" / "2019" / "oud.nl.md").write_text("---\n", encoding="utf-8")
    result = new_post(content_dir, "--title", "Oud", "--lang", "nl")
    assert result.exit_code == 1
    assert not (content_dir / "nieuws" / "oud.nl.md").exists()


def test_new_post_refuses_a_title_without_letters(content_dir: Path) -> None:
    result = new_post(content_dir, "--title", "?!", "--lang", "nl")
    assert result.exit_code == 1
    assert "no letters or digits" in result.output


def test_new_post_asks_for_what_the_options_do_not_give(content_dir: Path) -> None:
    result = new_post(content_dir, input="Gevraagde titel\nen\nplanning, OSR\n")
    assert result.exit_code == 0, result.output
    assert "Title" in result.output and "Language" in result.output
    post = next(
        p for p in load_content(content_dir, drafts=True).posts if p.slug == "gevraagde-titel"
    )
    assert (post.lang, post.tags) == ("en", ("planning", "OSR"))


def test_translation_starts_from_the_original(content_dir: Path) -> None:
    original = (content_dir / "nieuws" / "tweede-bericht.nl.md").read_text(encoding="utf-8")
    result = new_post(content_dir, "--translation-of", "tweede-bericht", "--title", "Second")
    assert result.exit_code == 0, result.output
    text = (content_dir / "nieuws" / "tweede-bericht.en.md").read_text(encoding="utf-8")
    assert "> Alleen in het Nederlands." in text
    assert "TO DO: translate the text below (from tweede-bericht.nl.md)" in text
    assert "Alleen in het Nederlands." in original
    post = next(
        p for p in load_content(content_dir, drafts=True).posts if p.key == ("en", "tweede-bericht")
    )
    assert post.title == "Second"
    assert post.tags == ("livegang",)  # the original's tags


def test_translation_into_dutch_has_a_dutch_to_do(content_dir: Path) -> None:
    shutil.move(
        content_dir / "nieuws" / "eerste-bericht.nl.md", content_dir / "eerste-bericht.nl.md"
    )
    result = new_post(content_dir, "--translation-of", "eerste-bericht", "--title", "Eerste")
    assert result.exit_code == 0, result.output
    text = (content_dir / "nieuws" / "eerste-bericht.nl.md").read_text(encoding="utf-8")
    assert "TE DOEN: vertaal de tekst hieronder (uit eerste-bericht.en.md)" in text
    assert "tags: [OSR, Mandate]" in text


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("bestaat-niet", 'no post "bestaat-niet"'),
        ("eerste-bericht", "already exists in en, nl"),
        ("../../etc/passwd", "is not a slug"),
        ("", "which post? Give its slug"),  # make translation without SLUG=
    ],
)
def test_translation_of_what_cannot_be_translated(
    content_dir: Path, slug: str, message: str
) -> None:
    files_before = sorted(content_dir.rglob("*"))
    result = new_post(content_dir, "--translation-of", slug, "--title", "X")
    assert result.exit_code == 1
    assert message in result.output
    assert sorted(content_dir.rglob("*")) == files_before


def test_new_post_needs_a_content_folder(tmp_path: Path) -> None:
    result = new_post(tmp_path / "nowhere", "--title", "X", "--lang", "nl")
    assert result.exit_code == 1
    assert "no content folder here" in result.output
    assert list(tmp_path.iterdir()) == []


# check

CHECK_FIXTURE = FIXTURES / "check"

# Every problem the fixture tree was made to contain: (file, line, field, severity, text).
EXPECTED = [
    ("bron.en.md", None, "translation", "warning", "is older than the Dutch version"),
    ("bron.en.md", 3, "date", "warning", "differs from the Dutch version's (2019-10-01"),
    ("bron.en.md", 4, "tags", "warning", 'did you mean "planning"?'),
    ("bron.en.md", 6, "link", "error", 'there is no post "tweede" in English'),
    ("bron.en.md", 6, "link", "warning", '"bron.nl.md" is the Dutch version'),
    ("bron.nl.md", 5, "tags", "warning", '"Plánning" differs only in case or accents'),
    ("bron.nl.md", 9, "link", "error", 'there is no post "bestaat-niet" in Dutch'),
    ("bron.nl.md", 10, "link", "warning", '"ontwerp.nl.md" is a draft'),
    ("bron.nl.md", 11, "image", "error", '"ontbreekt.png" is not in'),
    ("bron.nl.md", 13, "link", "error", 'there is no page "geen-pagina" in Dutch'),
    ("bron.nl.md", 14, "link", "warning", '"/nl/nieuws/" starts with "/"'),
    ("bron.nl.md", 15, "link", "error", '"elders.txt": no such file'),
    ("bron.nl.md", 16, "link", "warning", 'no heading with the id "bestaat-niet"'),
    ("kapot.nl.md", 3, "date", "error", '"31-10-2019" is not an ISO date'),
    ("ontwerp.nl.md", None, "translation", "warning", "has no English translation"),
    ("tweede.nl.md", None, "translation", "warning", "has no English translation"),
    ("site.yaml", 7, "base_url", "warning", "https://test.example.org/ is a placeholder address"),
]


def test_check_finds_every_problem_in_the_fixture_tree() -> None:
    result = check(CHECK_FIXTURE, "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)["problems"]
    assert len(found) == len(EXPECTED)
    for (name, line, field, severity, text), problem in zip(EXPECTED, found, strict=True):
        assert Path(problem["file"]).name == name
        assert (problem["line"], problem["field"], problem["severity"]) == (
            line,
            field,
            severity,
        ), problem
        assert text in problem["message"]


def test_check_text_is_grouped_by_file_with_a_summary() -> None:
    result = check(CHECK_FIXTURE)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    headers = [line for line in lines if line.startswith(str(CHECK_FIXTURE))]
    assert [Path(h).name for h in headers] == [
        "bron.en.md",
        "bron.nl.md",
        "kapot.nl.md",
        "ontwerp.nl.md",
        "tweede.nl.md",
        "site.yaml",
    ]
    problem_lines = [line for line in lines if line.startswith(("  error", "  warning"))]
    assert len(problem_lines) == len(EXPECTED)
    assert "  error, line 3: date: " in result.output
    assert lines[-1] == (
        "Checked 4 posts: 6 errors and 11 warnings in 6 files; fix the errors before you publish."
    )


def test_check_translation_report() -> None:
    data = json.loads(check(CHECK_FIXTURE, "--format", "json").output)
    rows = {row["slug"]: row for row in data["translations"]}
    assert set(rows) == {"bron", "tweede", "derde", "ontwerp"}
    assert rows["bron"]["languages"]["nl"]["status"] == "source"
    assert rows["bron"]["languages"]["en"]["status"] == "outdated"
    assert rows["tweede"]["languages"]["en"] == {"status": "missing"}
    assert rows["derde"]["complete"] is True
    assert rows["ontwerp"]["languages"]["nl"]["draft"] is True
    text = check(CHECK_FIXTURE).output
    assert "Translations: 1 of 4 posts complete in Dutch and English." in text
    assert "  bron     nl: source      en: outdated" in text


def test_check_json_matches_the_text(content_dir: Path) -> None:
    data = json.loads(check(CHECK_FIXTURE, "--format", "json").output)
    assert data["summary"] == {
        "errors": 6,
        "warnings": 11,
        "files": 6,
        "posts": 4,
        "ok": False,
    }


def test_check_warnings_alone_do_not_fail(content_dir: Path) -> None:
    # The fixture content has posts without a translation: warnings, exit status 0.
    result = check(content_dir)
    assert result.exit_code == 0, result.output
    assert "0 errors and" in result.output
    assert "tweede-bericht.nl.md" in result.output
    assert "has no English translation" in result.output


def test_check_accepts_the_repository_content() -> None:
    result = check(REPO / "content", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert data["summary"]["errors"] == 0
    assert data["summary"]["posts"] >= 2  # posts, each in Dutch and English


def test_flask_check_reports_broken_content_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CHECK_FIXTURE, broken)
    with pytest.raises(ContentError):  # the app itself cannot be made from this content
        create_app({"CONTENT_DIR": str(broken)})
    env = {**os.environ, "NEWSROOM_CONTENT": str(broken)}
    result = subprocess.run(
        [FLASK, "--app", "newsroom", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{broken}/nieuws/kapot.nl.md\n  error, line 3: date:" in result.stdout
    result = subprocess.run(
        [FLASK, "--app", "newsroom", "check", "--format", "json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(result.stdout)["summary"]["errors"] == 6


def test_flask_check_reports_deep_nesting_as_a_content_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    (content / "nieuws" / "diep.nl.md").write_text(
        "---\ntitle: " + "[" * 5000 + "\ndate: 2019-10-31\n---\nTekst.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [FLASK, "--app", "newsroom", "check"],
        cwd=REPO,
        env={**os.environ, "NEWSROOM_CONTENT": str(content)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "RecursionError" not in result.stdout + result.stderr
    assert f"{content}/nieuws/diep.nl.md\n  error, line 2: title: lists or groups" in result.stdout


def test_flask_check_runs_from_the_repository_root() -> None:
    result = subprocess.run(
        [FLASK, "--app", "newsroom", "check"],
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if k != "NEWSROOM_CONTENT"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("Checked ")


def test_check_finds_the_text_new_post_started_with(content_dir: Path) -> None:
    assert new_post(content_dir, "--title", "Halfaf", "--lang", "nl").exit_code == 0
    translated = new_post(content_dir, "--translation-of", "halfaf", "--title", "Half done")
    assert translated.exit_code == 0
    result = check(content_dir, "--format", "json")
    assert result.exit_code == 0, result.output  # drafts: reminders only
    found = [
        (Path(p["file"]).name, p["line"], p["severity"])
        for p in json.loads(result.output)["problems"]
        if p["field"] == "body"
    ]
    assert found == [
        ("halfaf.en.md", 6, "warning"),
        ("halfaf.en.md", 8, "warning"),
        ("halfaf.nl.md", 6, "warning"),
    ]
    english = content_dir / "nieuws" / "halfaf.en.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8"
    )
    result = check(content_dir)
    assert result.exit_code == 1  # published with its to-do line: an error
    assert "  error, line 5: body: still has the text new-post started it with" in result.output


def test_make_post_asks_and_writes(content_dir: Path) -> None:
    """`make post` (what EDITING.md tells editors to type) asks for the title, language, tags."""
    result = subprocess.run(
        ["make", "--no-print-directory", "post"],
        cwd=REPO,
        env={**os.environ, "NEWSROOM_CONTENT": str(content_dir)},
        input="Één update via make\nen\nplanning\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = content_dir / "nieuws" / "een-update-via-make.en.md"
    assert f"Created {path}" in result.stdout
    post = next(p for p in load_content(content_dir, drafts=True).posts if p.source == path)
    assert (post.title, post.lang, post.tags, post.draft) == (
        "Één update via make",
        "en",
        ("planning",),
        True,
    )
