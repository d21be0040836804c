"""argparse in the terminal language: its own words ("usage:", "options", "invalid
choice", ...) from the catalogue.

argparse writes its words through gettext (``_("usage: ")``): they are message ids, made
for a translation catalogue. :func:`argparse_language` puts ours in place for the length
of one call: each message id argparse knows (:data:`MESSAGE_IDS`) is looked up under its
``cli.argparse.*`` code in the terminal language's catalogue; English is the message id
itself, so English output is argparse's own, byte for byte. The terminal language must be
chosen before the parser is built (``-h``'s help is written then).

Examples
--------
>>> import argparse
>>> from icplab.cli.terminal import set_language
>>> set_language("de")
>>> with argparse_language():
...     print(argparse.ArgumentParser(prog="icplab").format_usage().strip())
Aufruf: icplab [-h]
>>> set_language("en")
>>> argparse.ArgumentParser(prog="icplab").format_usage().strip()
'usage: icplab [-h]'
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from icplab.cli.terminal import language
from icplab.core.catalogue import messages

#: argparse's message ids (Python 3.11 to 3.13) -> their catalogue code.
MESSAGE_IDS: dict[str, str] = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "the following arguments are required: %s": "cli.argparse.required",
    "one of the arguments %s is required": "cli.argparse.one_of",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "ignored explicit argument %r": "cli.argparse.ignored",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected %s argument": "cli.argparse.expected_n",
    "expected %s arguments": "cli.argparse.expected_ns",
}


def gettext(message: str) -> str:
    """argparse's ``message`` in the terminal language (a message id we do not know, and
    ``None``, as it is)."""
    code = MESSAGE_IDS.get(message) if isinstance(message, str) else None
    if code is None:
        return message
    return messages(language()).get(code, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message id in the terminal language (English plural rule,
    which German shares)."""
    return gettext(singular if n == 1 else plural)


@contextmanager
def argparse_language() -> Iterator[None]:
    """argparse speaks the terminal language inside the ``with`` block (and its own
    English again after it)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
