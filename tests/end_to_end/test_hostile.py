"""A corpus of broken and hostile content: every case gets one precise message, or is made safe.

Broken cases (`BROKEN`): the build stops with status 1, the message names the exact file, line
and field, and the previous output is byte-identical afterwards. Most run in-process through
the command's own `main`; a representative subset runs `freeze.py` as a subprocess.

Hostile but valid cases (`HOSTILE`): the build succeeds, and no page, feed, sitemap or calendar
carries a script, an event attribute or a `javascript:` address; removed HTML is reported as a
warning naming the file and the field.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import icalendar
import pytest

from newsroom.build.site import build
from newsroom.commands.freeze import main
from newsroom.core.errors import ContentError
from newsroom.loading import documents
from paths import FIXTURES, REPO
from site_safety import site_problems
from trees import tree_digest

Setup = Callable[[Path, Path], None]
"""(content folder, a scratch folder outside it) -> changes the content for a case."""


@dataclass(frozen=True)
class Case:
    """One broken input and the message it must produce."""

    id: str
    files: dict[str, str | bytes | Setup]  # path inside content/ -> text, bytes or a setup
    file: str  # the file the message names, inside content/
    line: int | None
    field: str | None
    says: str  # a fragment of the message
    subprocess: bool = False  # run freeze.py as a subprocess

    @property
    def prefix(self) -> str:
        """What the message line starts with after the content folder: file, line, field."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}:" + (f" {self.field}:" if self.field else "")


def post(front: str, body: str = "Tekst.\n") -> str:
    return f"---\n{front}---\n{body}"


def symlink_outside(name: str) -> Setup:
    def setup(content: Path, scratch: Path) -> None:
        target = scratch / "geheim.md"
        target.write_text(post("title: Geheim\ndate: 2019-01-01\n"), encoding="utf-8")
        (content / name).unlink(missing_ok=True)
        (content / name).symlink_to(target)

    return setup


def folder_link_outside(name: str) -> Setup:
    def setup(content: Path, scratch: Path) -> None:
        target = scratch / "elders"
        target.mkdir()
        (target / "geheim.nl.md").write_text(post("title: G\ndate: 2019-01-01\n"), "utf-8")
        (content / name).symlink_to(target, target_is_directory=True)

    return setup


def fifo_instead(content: Path, scratch: Path) -> None:
    path = content / "site.yaml"
    path.unlink()
    os.mkfifo(path)  # reading it would wait for a writer for ever


def folder_instead(content: Path, scratch: Path) -> None:
    path = content / "site.yaml"
    path.unlink()
    path.mkdir()


def removed(content: Path, scratch: Path) -> None:
    (content / "site.yaml").unlink()


OK = "title: X\ndate: 2019-10-31\n"
# Nested aliases: nine to the eighth power items if anything copied them out.
LAUGHS = (
    "[&a [x, x, x, x, x, x, x, x, x], "
    + ", ".join(
        f"&{name} [{', '.join([f'*{prev}'] * 9)}]"
        for prev, name in zip("abcdefg", "bcdefgh", strict=True)
    )
    + "]"
)
ROLLOUT = (
    "updated: 2019-11-05\nsuppliers:\n  - id: alfa\n    name: Alfa\n    phases:\n"
    "      - id: first\n        institutions: first\n        when: {when}\n"
    "        status: planned\n"
)
GOOD_ROLLOUT = ROLLOUT.format(when="2019-11-18")

IMAGE = {"bestanden/x.png": b"\x89PNG\r\n\x1a\n"}  # what the payloads' images show
# Images written as HTML are refused (the alt check and the copies without metadata need the
# Markdown syntax); these would otherwise only be made safe by the sanitiser.
IMG_XSS = [
    # An image that exists: a broken link would be refused before the sanitiser's turn.
    '<img src=../bestanden/x.png onerror="alert(1)">',
    "<img src=`javascript:alert(1)`>",
]


def _body(payloads: list[str]) -> str:
    return "\n\n".join(f"Alinea {n}: {payload}" for n, payload in enumerate(payloads))


BROKEN = [
    # --- front matter and YAML -----------------------------------------------------------
    Case("no-front-matter", {"nieuws/x.nl.md": "Tekst.\n"}, "nieuws/x.nl.md", 1, None,
         "no front matter", subprocess=True),
    Case("unclosed-front-matter", {"nieuws/x.nl.md": "---\ntitle: X\nTekst.\n"},
         "nieuws/x.nl.md", 1, None, "the front matter is not closed"),
    Case("colon-in-value", {"nieuws/x.nl.md": post("title: Let op: nu\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, None, "YAML syntax error: mapping values are not allowed here"),
    Case("tab-indent", {"nieuws/x.nl.md": post("title: X\n\tdate: 2019-10-31\n")},
         "nieuws/x.nl.md", 3, None, "YAML syntax error"),
    Case("unclosed-quote", {"nieuws/x.nl.md": post('title: "X\ndate: 2019-10-31\n')},
         "nieuws/x.nl.md", 2, None, "a quoted value is not closed"),
    Case("undefined-alias", {"nieuws/x.nl.md": post("title: *kop\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, None, "found undefined alias 'kop'"),
    Case("python-object-tag",
         {"nieuws/x.nl.md": post("date: 2019-10-31\n"
                                 "title: !!python/object/apply:os.system [ls]\n")},
         "nieuws/x.nl.md", 3, "title",
         "the YAML tag '!!python/object/apply:os.system' is not allowed", subprocess=True),
    Case("python-name-tag",
         {"nieuws/x.nl.md": post("title: !!python/name:os.system ''\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "the YAML tag '!!python/name:os.system' is not allowed"),
    Case("custom-tag", {"nieuws/x.nl.md": post("title: !include x.yaml\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "the YAML tag '!include' is not allowed"),
    Case("merge-key", {"nieuws/x.nl.md": post("<<: {title: X}\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, None, "YAML merge keys ('<<:') are not supported"),
    Case("front-matter-list", {"nieuws/x.nl.md": post("- title\n- date\n")},
         "nieuws/x.nl.md", 2, None, "expected fields written as 'name: value'"),
    Case("front-matter-scalar", {"nieuws/x.nl.md": post("gewoon een zin\n")},
         "nieuws/x.nl.md", 2, None, "expected fields written as 'name: value'"),
    Case("number-as-key", {"nieuws/x.nl.md": post(OK + "2019: X\n")},
         "nieuws/x.nl.md", 4, None, "field name 2019 must be text"),
    Case("duplicate-key", {"nieuws/x.nl.md": post(OK + "title: Y\n")},
         "nieuws/x.nl.md", 4, "title", "appears twice (first on line 2); keep one"),
    Case("unknown-field", {"nieuws/x.nl.md": post(OK + "tittle: Y\n")},
         "nieuws/x.nl.md", 4, "tittle", "unknown field (known fields: title, date"),
    Case("title-missing", {"nieuws/x.nl.md": post("date: 2019-10-31\n")},
         "nieuws/x.nl.md", None, "title", "is required and missing (expected text)"),
    Case("deep-brackets", {"nieuws/x.nl.md": post("date: 2019-10-31\ntitle: " + "[" * 5000 + "\n")},
         "nieuws/x.nl.md", 3, "title", "are nested more than 20 levels deep", subprocess=True),
    Case("deep-braces", {"nieuws/x.nl.md": post("title: " + "{" * 5000 + "\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "are nested more than 20 levels deep"),
    Case("deep-aliases", {"nieuws/x.nl.md": post(
         OK + "tags: [&a0 [x]" + "".join(f", &a{n} [*a{n - 1}]" for n in range(1, 30)) + "]\n")},
         "nieuws/x.nl.md", 4, "tags", "are nested more than 20 levels deep"),
    Case("billion-laughs", {"nieuws/x.nl.md": post(f"title: {LAUGHS}\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "a list is not text"),
    # --- wrong types, field by field ---------------------------------------------------------
    Case("title-number", {"nieuws/x.nl.md": post("title: 2019\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title",
         '2019 is not text (expected text; put it in quotes: title: "2019")', subprocess=True),
    Case("title-list", {"nieuws/x.nl.md": post("title: [a, b]\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "a list is not text"),
    Case("title-bool", {"nieuws/x.nl.md": post("title: yes\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "true is not text"),
    Case("title-group", {"nieuws/x.nl.md": post("title: {nl: X}\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "a group of fields is not text"),
    Case("title-empty", {"nieuws/x.nl.md": post('title: ""\ndate: 2019-10-31\n')},
         "nieuws/x.nl.md", 2, "title", "is empty (expected text)"),
    Case("title-binary", {"nieuws/x.nl.md": post("title: !!binary aGFsbG8=\ndate: 2019-10-31\n")},
         "nieuws/x.nl.md", 2, "title", "is not text"),
    Case("date-impossible", {"nieuws/x.nl.md": post("title: X\ndate: 2019-13-45\n")},
         "nieuws/x.nl.md", 3, "date", '"2019-13-45" is not a date: there is no month 13',
         subprocess=True),
    Case("date-dutch-order", {"nieuws/x.nl.md": post("title: X\ndate: 31-10-2019\n")},
         "nieuws/x.nl.md", 3, "date",
         '"31-10-2019" is not an ISO date (expected a date YYYY-MM-DD'),
    Case("date-bad-hour", {"nieuws/x.nl.md": post("title: X\ndate: 2019-10-31 25:00\n")},
         "nieuws/x.nl.md", 3, "date", '"2019-10-31 25:00" is not a date: there is no hour 25'),
    Case("date-number", {"nieuws/x.nl.md": post("title: X\ndate: 20191031\n")},
         "nieuws/x.nl.md", 3, "date", "20191031 is not an ISO date"),
    Case("date-list", {"nieuws/x.nl.md": post("title: X\ndate: [2019-10-31]\n")},
         "nieuws/x.nl.md", 3, "date", "a list is not an ISO date"),
    Case("date-missing", {"nieuws/x.nl.md": post("title: X\n")},
         "nieuws/x.nl.md", None, "date", "is required and missing"),
    Case("tags-text", {"nieuws/x.nl.md": post(OK + "tags: livegang\n")},
         "nieuws/x.nl.md", 4, "tags",
         '"livegang" is not a list (expected a list such as tags: [livegang])', subprocess=True),
    Case("tags-nested", {"nieuws/x.nl.md": post(OK + "tags: [a, [b]]\n")},
         "nieuws/x.nl.md", 4, "tags", "item a list is not text"),
    Case("tags-empty-item", {"nieuws/x.nl.md": post(OK + 'tags: [a, ""]\n')},
         "nieuws/x.nl.md", 4, "tags", "has an empty item"),
    Case("draft-word", {"nieuws/x.nl.md": post(OK + "draft: misschien\n")},
         "nieuws/x.nl.md", 4, "draft", '"misschien" is not true or false'),
    Case("draft-number", {"nieuws/x.nl.md": post(OK + "draft: 1\n")},
         "nieuws/x.nl.md", 4, "draft", "1 is not true or false"),
    Case("updated-before-date", {"nieuws/x.nl.md": post(OK + "updated: 2019-10-01\n")},
         "nieuws/x.nl.md", 4, "updated", "is before the post's date"),
    Case("updated-garbage", {"nieuws/x.nl.md": post(OK + "updated: gisteren\n")},
         "nieuws/x.nl.md", 4, "updated", '"gisteren" is not an ISO date'),
    Case("summary-group", {"nieuws/x.nl.md": post(OK + "summary: {a: b}\n")},
         "nieuws/x.nl.md", 4, "summary", "a group of fields is not text"),
    Case("suppliers-without-rollout", {"nieuws/x.nl.md": post(OK + "suppliers: [alfa]\n")},
         "nieuws/x.nl.md", 4, "suppliers", 'supplier "alfa" needs the rollout data'),
    Case("page-menu-text", {"paginas/x.nl.md": post("title: X\nmenu: eerste\n")},
         "paginas/x.nl.md", 3, "menu", '"eerste" is not a whole number of at least 1'),
    Case("page-slug-capitals", {"paginas/x.nl.md": post("title: X\nslug: Over Ons\n")},
         "paginas/x.nl.md", 3, "slug", '"Over Ons" may use only lowercase'),
    # --- the body ------------------------------------------------------------------------------
    Case("h1-in-body", {"nieuws/x.nl.md": post(OK, "# Nog een titel\n")},
         "nieuws/x.nl.md", 5, None, "the text has a level-1 heading"),
    Case("empty-body", {"nieuws/x.nl.md": post(OK, "\n\n")},
         "nieuws/x.nl.md", 5, None, "the post has no text below the front matter"),
    Case("unknown-block", {"nieuws/x.nl.md": post(OK, "Tekst.\n\n[[script alert]]\n")},
         "nieuws/x.nl.md", 7, None, 'unknown block "[[script]]"'),
    # --- images written as HTML: refused, to be written in Markdown ----------------------------
    Case("raw-img", {"nieuws/x.nl.md": post(OK, 'Tekst.\n\n<img src="../bestanden/x.png" '
                                                'alt="Een foto">\n'), **IMAGE},
         "nieuws/x.nl.md", 7, "image", "an image written in HTML (<img …>) is not allowed",
         subprocess=True),
    *[Case(f"raw-img-xss-{n}", {"nieuws/x.nl.md": post(OK, _body(["Tekst.", payload])), **IMAGE},
           "nieuws/x.nl.md", 7, "image", "an image written in HTML (<img …>) is not allowed")
      for n, payload in enumerate(IMG_XSS)],
    Case("raw-img-in-page", {"paginas/x.nl.md": post("title: X\n", "Zie <IMG SRC='a.png'>\n")},
         "paginas/x.nl.md", 4, "image", "an image written in HTML (<img …>) is not allowed"),
    Case("raw-img-in-change-note", {"nieuws/x.nl.md": post(
         OK + "changes:\n  - date: 2019-11-01\n    note: Nu met <img src='https://x.nl/a.png'>\n")},
         "nieuws/x.nl.md", 6, "changes[1].note",
         "an image written in HTML (<img …>) is not allowed"),
    # --- encodings, sizes, links, names ------------------------------------------------------
    Case("latin-1", {"nieuws/x.nl.md": b"---\ntitle: Caf\xe9\ndate: 2019-10-31\n---\nT.\n"},
         "nieuws/x.nl.md", 2, None,
         'is not UTF-8 text: the character on line 2, column 11 cannot be read (probably "é")',
         subprocess=True),
    Case("utf-16", {"nieuws/x.nl.md": post(OK).encode("utf-16")},
         "nieuws/x.nl.md", 1, None, "is not UTF-8 text: the character on line 1, column 1"),
    Case("too-large", {"nieuws/x.nl.md": post(OK, "Tekst. " * 150_000)},
         "nieuws/x.nl.md", None, None, "is 1,050,034 bytes, more than the limit of 1,000,000"),
    Case("symlink-out-of-content", {"nieuws/x.nl.md": symlink_outside("nieuws/x.nl.md")},
         "nieuws/x.nl.md", None, "file", "is a symbolic link to", subprocess=True),
    Case("site-yaml-symlink", {"site.yaml": symlink_outside("site.yaml")},
         "site.yaml", None, "file", "outside the content folder"),
    Case("folder-link-out-of-content", {"nieuws/extern": folder_link_outside("nieuws/extern")},
         "nieuws/extern", None, "file", "is a symbolic link to"),
    Case("download-link-out-of-content", {"bestanden/wachtwoorden.txt": symlink_outside(
         "bestanden/wachtwoorden.txt")},
         "bestanden/wachtwoorden.txt", None, "file", "outside the content folder",
         subprocess=True),
    Case("site-yaml-pipe", {"site.yaml": fifo_instead},
         "site.yaml", None, None, "is not a regular file (expected a text file)"),
    Case("site-yaml-folder", {"site.yaml": folder_instead},
         "site.yaml", None, None, "is not a regular file (expected a text file)"),
    Case("site-yaml-missing", {"site.yaml": removed}, "site.yaml", None, None, "file not found"),
    Case("slug-with-capitals", {"nieuws/Mijn_Bericht.nl.md": post(OK)},
         "nieuws/Mijn_Bericht.nl.md", None, "file name", 'slug "Mijn_Bericht" may use only'),
    Case("unknown-language", {"nieuws/x.de.md": post(OK)},
         "nieuws/x.de.md", None, "file name", 'language "de" is not one of nl, en'),
    Case("no-language", {"nieuws/x.md": post(OK)},
         "nieuws/x.md", None, "file name", "must be <slug>.<language>.md"),
    Case("duplicate-slug", {"nieuws/2019/eerste-bericht.nl.md": post(OK)},
         "nieuws/eerste-bericht.nl.md", None, "file name",
         'slug "eerste-bericht" is already used in language "nl" by'),
    Case("page-address-is-a-section", {"paginas/x.nl.md": post("title: X\nslug: nieuws\n")},
         "paginas/x.nl.md", 3, "slug", '"nieuws" is the address of a section of the site'),
    Case("page-addresses-collide", {"paginas/x.nl.md": post("title: X\nslug: hulp\n")},
         "paginas/x.nl.md", 3, "slug", '"hulp" is already the address of'),
    # --- the site settings ----------------------------------------------------------------------
    Case("base-url-javascript",
         {"site.yaml": "title: {nl: T, en: T}\nbase_url: javascript:alert(1)\n"},
         "site.yaml", 2, "base_url", '"javascript:alert(1)" is not a web address'),
    Case("page-size-text",
         {"site.yaml": "title: {nl: T, en: T}\nbase_url: https://x.nl/\npage_size: tien\n"},
         "site.yaml", 3, "page_size", '"tien" is not a whole number of at least 1'),
    Case("site-title-text", {"site.yaml": "title: Nieuws\nbase_url: https://x.nl/\n"},
         "site.yaml", 1, "title", '"Nieuws" is not per language (expected {nl: …, en: …})'),
    Case("site-yaml-tag",
         {"site.yaml": "title: {nl: T, en: T}\nbase_url: !!python/object:x.Y {}\n"},
         "site.yaml", 2, "base_url", "the YAML tag '!!python/object:x.Y' is not allowed"),
    Case("site-yaml-deep", {"site.yaml": "title: {nl: T, en: T}\nbase_url: " + "[" * 60 + "]" * 60},
         "site.yaml", 2, "base_url", "are nested more than 20 levels deep", subprocess=True),
    Case("site-yaml-latin-1", {"site.yaml": b"title: {nl: Caf\xe9, en: T}\n"},
         "site.yaml", 1, None,
         'is not UTF-8 text: the character on line 1, column 16 cannot be read (probably "é")'),
    # --- the rollout data -------------------------------------------------------------------------
    Case("rollout-week-60", {"rollout.yaml": ROLLOUT.format(when="2019-W60")},
         "rollout.yaml", 8, "suppliers[1].phases[1].when", '"2019-W60" is not a date'),
    Case("rollout-syntax", {"rollout.yaml": GOOD_ROLLOUT + "  - id: [\n"},
         "rollout.yaml", 11, None, "YAML syntax error"),
    Case("rollout-python-tag",
         {"rollout.yaml": ROLLOUT.format(when="!!python/object/new:os.system [ls]")},
         "rollout.yaml", 8, None, "the YAML tag '!!python/object/new:os.system' is not allowed",
         subprocess=True),
    Case("rollout-deep", {"rollout.yaml": GOOD_ROLLOUT.replace("Alfa", "[" * 5000 + "]" * 5000)},
         "rollout.yaml", 4, "suppliers[1].name", "are nested more than 20 levels deep",
         subprocess=True),
    Case("rollout-bad-id",
         {"rollout.yaml": GOOD_ROLLOUT.replace("id: alfa", "id: '<script>'")},
         "rollout.yaml", 3, "suppliers[1].id", '"<script>" may use only lowercase'),
    Case("rollout-status", {"rollout.yaml": GOOD_ROLLOUT.replace("planned", "klaar")},
         "rollout.yaml", 9, "suppliers[1].phases[1].status", '"klaar" is not one of planned'),
    Case("rollout-url-javascript",
         {"rollout.yaml": GOOD_ROLLOUT.replace("Alfa", "Alfa\n    url: javascript:alert(1)")},
         "rollout.yaml", 5, "suppliers[1].url", '"javascript:alert(1)" is not a web address'),
]  # fmt: skip


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An earlier good build every broken case tries to replace, and its digest."""
    output = tmp_path_factory.mktemp("hostile") / "build"
    build(FIXTURES / "content", output)
    return output, tree_digest(output)


def apply(case_files: dict[str, str | bytes | Setup], content: Path, scratch: Path) -> None:
    for name, value in case_files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        elif isinstance(value, str):
            path.write_text(value, encoding="utf-8")
        else:
            value(content, scratch)


@pytest.mark.parametrize("case", BROKEN, ids=[case.id for case in BROKEN])
def test_broken_content_gets_one_precise_message(
    case: Case,
    tmp_path: Path,
    previous: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    output, before = previous
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    apply(case.files, content, tmp_path)
    content_before = tree_digest(content)
    arguments = ["--content", str(content), "--output", str(output)]
    if case.subprocess:
        done = subprocess.run(
            [sys.executable, "freeze.py", *arguments],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        status, stderr = done.returncode, done.stderr
    else:
        status = main(arguments)
        stderr = capsys.readouterr().err
    assert status == 1, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith(str(content))]
    assert len(lines) == 1, stderr  # exactly one problem, the one this case is about
    assert lines[0].startswith(f"{content}/{case.prefix} "), lines[0]
    assert case.says in lines[0], lines[0]
    assert tree_digest(output) == before  # the previous build, byte for byte
    assert tree_digest(content) == content_before  # the content folder is never written


# --- hostile but valid: built, made safe, reported ---------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="jav&#x09;ascript:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example/"><input name="q" onfocus="alert(1)" autofocus></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)"></style></math>',
    '<details open ontoggle="alert(1)">x</details>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href='javascript:alert(1)//'>",
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1);//<</script>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<a href=' javascript:alert(1)'>x</a>",
    '<!--<img src="--><img src=../bestanden/x.png onerror=alert(1)//">',
]
MARKDOWN_XSS = [
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "![x](javascript:alert(1))",
    '[klik](data:text/html,<script>alert(1)</script> "t")',
    'Tekst\n{: onclick="alert(1)" }',
    "[klik][ref]\n\n[ref]: javascript:alert(1)",
    '<https://x.nl/" onmouseover="alert(1)>',
]


@dataclass(frozen=True)
class Hostile:
    id: str
    files: dict[str, str | bytes | Setup] = field(default_factory=dict)
    warns: str | None = None  # the file a body warning must name, inside content/


HOSTILE = [
    Hostile(
        "xss-cheat-sheet-in-body",
        {"nieuws/x.nl.md": post(OK, _body(XSS)), **IMAGE},
        "nieuws/x.nl.md",
    ),
    Hostile("markdown-links-in-body", {"nieuws/x.nl.md": post(OK, _body(MARKDOWN_XSS))},
            "nieuws/x.nl.md"),
    Hostile("xss-in-page-body", {"paginas/x.nl.md": post("title: X\n", _body(XSS[:6])), **IMAGE},
            "paginas/x.nl.md"),
    Hostile("xss-in-title-summary-tags", {"nieuws/x.nl.md": post(
        "title: '<script>alert(1)</script>\"><img src=x onerror=alert(1)>'\n"
        "summary: '</title><script>alert(1)</script>'\n"
        "tags: ['<svg onload=alert(1)>', 'javascript:alert(1)']\ndate: 2019-10-31\n")}),
    Hostile("xss-in-page-title", {"paginas/x.nl.md": post(
        "title: '<iframe src=javascript:alert(1)>'\nmenu: 2\nfooter: 2\n")}),
    Hostile("xss-in-site-settings", {"site.yaml": (
        "title: {nl: '<script>alert(1)</script>', en: '<img src=x onerror=alert(1)>'}\n"
        "description: {nl: '\"><script>alert(1)</script>', en: x}\n"
        "organisation: {nl: '<b onmouseover=alert(1)>O</b>', en: O}\n"
        "base_url: https://test.example.org/\n")}),
    Hostile("xss-in-rollout-data", {"rollout.yaml": (
        "updated: 2019-11-05\nsuppliers:\n  - id: alfa\n"
        "    name: '<script>alert(1)</script>'\n"
        "    url: 'https://x.nl/\"><script>alert(1)</script>'\n    phases:\n"
        "      - id: first\n        institutions: first\n        when: 2019-11-18\n"
        "        status: planned\n"
        "        note: {nl: '<img src=x onerror=alert(1)>', en: '<svg onload=alert(1)>'}\n"
        "conditions:\n  - id: tests\n    who: agency\n"
        "    title: {nl: '<a href=\"javascript:alert(1)\">x</a>', en: '<script>x</script>'}\n"
        "    expected: 2019-W47\n")}),
    Hostile("control-characters-everywhere", {"nieuws/x.nl.md": post(
        'title: "Tit\\x00el\\x1b[31m \\uFFFE"\nsummary: "a\\x08b"\ntags: ["t\\x7fag"]\n'
        "date: 2019-10-31\n", "Tekst\x01 met\x0b stuurtekens\x1f.\n")}),
]  # fmt: skip


def hostile(case_id: str) -> Hostile:
    return next(case for case in HOSTILE if case.id == case_id)


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_content_is_made_harmless(case: Hostile, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    apply(case.files, content, tmp_path)
    output = tmp_path / "build"
    result = build(content, output)
    assert site_problems(output) == []
    body_warnings = [w for w in result.warnings if w.field == "body"]
    if case.warns:
        assert body_warnings, "removed HTML must be reported"
        assert {w.path for w in body_warnings} == {str(content / case.warns)}
        assert all(w.line is not None for w in body_warnings)
    else:
        assert body_warnings == []


def test_hostile_titles_show_as_text(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    apply(hostile("xss-in-title-summary-tags").files, content, tmp_path)
    output = tmp_path / "build"
    build(content, output)
    page = (output / "nl" / "nieuws" / "x" / "index.html").read_text(encoding="utf-8")
    assert (
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>"
        in page
    )
    feed = (output / "nl" / "nieuws" / "feed.xml").read_text(encoding="utf-8")
    assert "&amp;lt;script&amp;gt;alert(1)" in feed  # RSS titles are HTML: escaped twice


def test_calendar_text_cannot_start_events_of_its_own(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    (content / "rollout.yaml").write_text(
        GOOD_ROLLOUT.replace(
            "name: Alfa", 'name: "Alfa\\r\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:nep; x, y"'
        ),
        encoding="utf-8",
    )
    output = tmp_path / "build"
    build(content, output)
    calendar = icalendar.Calendar.from_ical((output / "nl" / "planning" / "alfa.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "Alfa\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:nep; x, y" in str(events[0]["SUMMARY"])


def test_control_characters_never_reach_the_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    apply(hostile("control-characters-everywhere").files, content, tmp_path)
    output = tmp_path / "build"
    build(content, output)
    page = (output / "nl" / "nieuws" / "x" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Titel[31m</h1>" in page
    assert "Tekst met stuurtekens." in page


def test_one_title_typed_two_ways_is_one_tag(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    composed, decomposed = "Één", "E\u0301e\u0301n"
    assert composed != decomposed
    for name, tag in (("a", composed), ("b", decomposed)):
        (content / "nieuws" / f"{name}.nl.md").write_text(
            post(f"title: {tag} ding\ndate: 2019-10-31\ntags: [{tag}]\n"), encoding="utf-8"
        )
    output = tmp_path / "build"
    build(content, output)
    tag_page = (output / "nl" / "onderwerpen" / "een" / "index.html").read_text(encoding="utf-8")
    assert tag_page.count("Één ding") == 2
    assert decomposed not in tag_page
    tags = (output / "nl" / "onderwerpen" / "index.html").read_text(encoding="utf-8")
    assert tags.count(">Één<") == 1


def test_a_tree_full_of_broken_files_reports_every_one(tmp_path: Path) -> None:
    """Every broken post of the corpus at once: one message each, all in one run."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    posts = [
        case
        for case in BROKEN
        if set(case.files) == {"nieuws/x.nl.md"} and not callable(case.files["nieuws/x.nl.md"])
    ]
    for number, case in enumerate(posts):
        value = case.files["nieuws/x.nl.md"]
        assert not callable(value)
        name = content / "nieuws" / f"x{number}.nl.md"
        name.write_bytes(value if isinstance(value, bytes) else value.encode("utf-8"))
    with pytest.raises(ContentError) as raised:
        build(content, tmp_path / "build")
    assert {p.path for p in raised.value.problems} == {
        str(content / "nieuws" / f"x{n}.nl.md") for n in range(len(posts))
    }
    assert not os.path.exists(tmp_path / "build")


def test_text_that_takes_too_long_to_render_is_a_problem_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long run of `[` makes Python-Markdown take minutes (8,000 of them: about 6 s here);
    past the limit the build names the file and the line instead of hanging."""
    monkeypatch.setattr(documents, "RENDER_SECONDS", 0.3)
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    body = "Inleiding.\n\nEerste regel.\n\n" + "[[" * 4000 + "\n"
    pasted = post("title: Geplakt\ndate: 2019-05-01\n", body)
    (content / "nieuws" / "geplakt.nl.md").write_text(pasted, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(content, tmp_path / "build", jobs=1)
    (problem,) = raised.value.problems
    assert (problem.path, problem.field) == (str(content / "nieuws" / "geplakt.nl.md"), "body")
    assert problem.line == pasted.split("\n").index("[[" * 4000) + 1
    assert "more than 0.3 seconds" in str(problem) and "'['" in str(problem)
    assert not (tmp_path / "build").exists()
