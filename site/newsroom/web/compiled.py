"""Compiled templates kept for the process: each app (the watch makes one per rebuild, the
tests many) compiles a template only if no app with the same Jinja settings compiled the same
source before.

Jinja's own bytecode cache API: a template is found by its name and file, and its code is
used only when the checksum of the source it was compiled from matches the file's now, so an
edited template is compiled again. What else the code depends on (the delimiters, whitespace
settings, extensions, filters and tests, and the i18n extension's new-style gettext) is the
key of the cache, so apps with other settings never share code.
"""

from __future__ import annotations

from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by name and file, with the checksum of their source."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._code.clear()


_caches: dict[str, MemoryBytecodeCache] = {}


def compiled_templates(env: Environment) -> MemoryBytecodeCache:
    """The cache shared by every environment of the process with `env`'s settings."""
    settings = repr(
        (
            sorted(env.extensions),
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            getattr(env, "newstyle_gettext", None),
            getattr(env.autoescape, "__qualname__", env.autoescape),
            sorted(env.filters),
            sorted(env.tests),
            type(env).__qualname__,
            env.code_generator_class.__qualname__,
        )
    )
    return _caches.setdefault(settings, MemoryBytecodeCache())
