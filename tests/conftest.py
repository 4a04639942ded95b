"""Fixtures: the app over the test content, its client, and a frozen copy of the site; which
tests are slow (`make test-fast` leaves them out; `make test` and CI run everything)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from edits import make_corpus
from newsroom.build.site import build
from newsroom.web.app import create_app
from paths import FIXTURES, REPO, TESTS

# The editors' texts are Dutch unless NEWSROOM_LANG says otherwise; most tests read them in
# English (this process and the commands they start), the tests of the Dutch texts unset it.
os.environ["NEWSROOM_LANG"] = "en"


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of the fixture content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", target)
    return target


@pytest.fixture
def app(content_dir: Path):
    return create_app({"CONTENT_DIR": str(content_dir), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def frozen(content_dir: Path, tmp_path: Path) -> Path:
    """The fixture site, built into a temporary folder."""
    output = tmp_path / "out"
    build(content_dir, output)
    return output


@pytest.fixture(scope="session")
def frozen_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built once per test session."""
    output = tmp_path_factory.mktemp("repo-site") / "build"
    build(REPO / "content", output)
    return output


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small benchmark corpus: 12 pairs beside the repository's own content."""
    return make_corpus(tmp_path / "content")


SLOW = (
    "browser/",  # a real Chromium per page kind and language
    "builds/test_nginx.py",  # a real nginx
    "builds/test_html_valid.py",  # the Nu Html Checker (Java)
    "builds/test_rebuilds.py",  # builds of a corpus, again and again
    "builds/test_edit_sequences.py",
    "web/test_preview_follows.py",  # the preview on the development server, following edits
    "builds/test_output_folder.py",
    "builds/test_frozen_flask_fence.py::test_without",  # whole builds through the fallback
    "loading/test_cache_builds.py",  # builds of a corpus with a damaged cache
    "builds/test_search_index.py::test_a_",  # the search index over several builds
    "builds/test_search_index.py::test_no_search",
    "builds/test_search_index.py::test_freeze_no_search",
    "builds/test_search_index.py::test_two_indexes",
    "builds/test_build_images.py::test_an_image_is_processed_once",  # four builds
    "builds/test_build_images.py::test_two_clean_builds",
    "builds/test_build_images.py::test_a_20000",  # a build in a process of its own
    "content/test_image_checks.py::test_a_missing_image_stops",
    "content/test_image_checks.py::test_image_problems_stop",
    "builds/test_search_index.py::test_shards_",  # the index in shards, over several builds
    "builds/test_search_index.py::test_an_edit",
    "builds/test_search_index.py::test_more_and_fewer",
    "builds/test_freezer_answers.py",  # every page asked twice
    "end_to_end/",  # the hostile corpus and the property tests
    "commands/test_freeze_command.py::test_a_killed_build",  # freeze.py killed mid-build
    "commands/test_progress.py::test_freeze_ends_with_a_summary_line",
    "web/test_sharing.py::test_a_new_title_draws",  # three builds
    "commands/test_watch.py::test_every_edit",  # freeze.py --watch through a session of edits
    "commands/test_watch.py::test_ctrl_c",  # and Ctrl-C in the middle of a rebuild
    "commands/test_watch.py::test_a_scheduled",  # waits for the next minute
    "commands/test_watch_kept.py",  # the watch in-process, a clean build after each edit
)
"""Tests (paths under tests/, or the start of a node id) that take seconds each."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        where = item.path.relative_to(TESTS).as_posix() + "::" + item.name
        if where.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
