"""Markup: Markdown to safe HTML (Python-Markdown with our extensions, the sanitiser), with
placeholders for the links and blocks that depend on the page they appear in."""
