"""Commands: `freeze.py`'s build and the editors' commands (new-post, check)."""
