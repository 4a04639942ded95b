"""The gettext catalogs: parsed once per process while their files are unchanged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from newsroom.content.catalogs import catalog_path, forget_catalogs, load_catalogs
from paths import REPO


def test_a_catalog_is_parsed_again_only_when_its_file_changed(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    shutil.copytree(REPO / "translations", folder)
    first = load_catalogs(folder)
    assert load_catalogs(folder)["nl"] is first["nl"]  # unchanged: the parsed one
    assert first["nl"].gettext("News") == "Nieuws"

    dutch = catalog_path(folder, "nl")
    text = dutch.read_text(encoding="utf-8")
    changed = text.replace('msgid "News"\nmsgstr "', 'msgid "News"\nmsgstr "(anders) ', 1)
    assert changed != text
    dutch.write_text(changed, encoding="utf-8")
    again = load_catalogs(folder)
    assert again["nl"].gettext("News").startswith("(anders) ")

    # Written again with the same size and times (a clock too coarse to tell): a watcher
    # that saw the change has the catalogs forgotten, and they are parsed again.
    info = dutch.stat()
    dutch.write_text(changed.replace("(anders) ", "(ANDERS) ", 1), encoding="utf-8")
    os.utime(dutch, ns=(info.st_atime_ns, info.st_mtime_ns))
    forget_catalogs()
    assert load_catalogs(folder)["nl"].gettext("News").startswith("(ANDERS) ")
