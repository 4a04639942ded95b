"""Lighthouse (npm `lighthouse`, pinned in tests/package.json) on the built site, over HTTP.

Home, a post, the schedule and a supplier page, in both languages, against Debian's Chromium:
accessibility 100, SEO 100, best practices at least 95. The reports (JSON and HTML) are written
to `.cache/lighthouse/` (outside `build/`, ignored by git). With CI=true a missing Lighthouse,
Node.js or Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browsing import PAGE_KINDS, REPO, required

from chromium import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = REPO / "tests" / "node_modules" / ".bin" / "lighthouse"
REPORTS = REPO / ".cache" / "lighthouse"
CATEGORIES = ("accessibility", "seo", "best-practices")
MINIMUM = {"accessibility": 1.0, "seo": 1.0, "best-practices": 0.95}
KINDS = ("home", "post", "schedule", "supplier")
PAGES = [(kind, lang, PAGE_KINDS[kind][lang]) for kind in KINDS for lang in ("nl", "en")]


@pytest.fixture(scope="session")
def lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        required(f"Lighthouse not found at {LIGHTHOUSE} (cd tests && npm ci)")
    if shutil.which("node") is None:
        required("Node.js is not installed (apt-get install nodejs)")
    if not Path(CHROMIUM).exists():
        required(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return LIGHTHOUSE


def run_lighthouse(lighthouse: Path, url: str, name: str, tmp_path: Path) -> dict:
    """Run Lighthouse on `url`; the reports go to .cache/lighthouse/<name>.report.{json,html}."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    stem = REPORTS / name
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "HOME": str(tmp_path)}
    completed = subprocess.run(
        [
            str(lighthouse),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output=html",
            f"--output-path={stem}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(Path(f"{stem}.report.json").read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that did not score full marks, for the failure message."""
    ids = [ref["id"] for ref in report["categories"][category]["auditRefs"] if ref["weight"]]
    return [
        f"{report['audits'][i]['id']}: {report['audits'][i]['title']}"
        for i in ids
        if report["audits"][i].get("score") not in (None, 1)
    ]


@pytest.mark.parametrize(
    ("kind", "lang", "path"), PAGES, ids=[f"{kind} ({lang})" for kind, lang, _ in PAGES]
)
def test_lighthouse_scores(lighthouse, site, tmp_path, kind, lang, path) -> None:
    name = f"{kind}-{lang}"
    report = run_lighthouse(lighthouse, site.url(path), name, tmp_path)
    assert report["lighthouseVersion"] == "12.2.3"
    assert not report.get("runtimeError"), report.get("runtimeError")
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    low = {c: s for c, s in scores.items() if s is None or s < MINIMUM[c]}
    problems = {c: failing_audits(report, c) for c in low}
    assert low == {}, f"{kind} ({lang}) {path}: {scores}; {problems}"
