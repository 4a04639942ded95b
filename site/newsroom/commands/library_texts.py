"""argparse's and click's own texts ("usage:", "Aborted!", "is not one of …") in the editors'
language, through our catalogs.

Both libraries translate their texts with the `gettext` module's `_`/`ngettext`, looked up in
their own modules at the moment a text is shown: `speak_editors_language` puts our catalog's
functions there. The texts an editor can meet (help, a wrong or missing option, a wrong answer
to a prompt, Ctrl-C) are listed below so that `make update-messages` puts them in the catalog;
any other text stays English. Only the commands call it, in their own processes.
"""

from __future__ import annotations

import argparse
import importlib

from newsroom.content.editor_texts import translations


def N_(text: str) -> str:  # noqa: N802 (the name pybabel looks for)
    """Marks a library's text for the catalogs."""
    return text


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a library's text with a plural for the catalogs (pybabel looks for ngettext)."""
    return singular, plural


ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)
CLICK_TEXTS = (
    N_("Aborted!"),
    N_("Error: {message}"),
    N_("Error: invalid input"),
    N_("Usage:"),
    N_("Options"),
    N_("Show this message and exit."),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing option"),
    N_("Missing argument"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("directory"),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} does not exist."),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    ),
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
)
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def _gettext(text: str) -> str:
    return translations().gettext(text)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return translations().ngettext(singular, plural, count)


def speak_editors_language(click: bool = False) -> None:
    """Have argparse (and click, when asked) show their texts in the editors' language."""
    modules = [argparse]
    if click:
        modules += [importlib.import_module(f"click.{name}") for name in _CLICK_MODULES]
    for module in modules:
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
