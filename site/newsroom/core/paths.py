"""Where the project's own folders are: templates, static files, catalogs, default content."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
"""The repository root: `site/newsroom/core/` lives three folders below it."""
