"""Where the tests find the repository and their data."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
SCHEMAS = TESTS / "schemas"
NODE_MODULES = TESTS / "node_modules"
