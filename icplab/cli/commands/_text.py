"""Terminal-safe output: the one boundary every CLI printer writes through.

User-provided labels (levels, reasons, thesis names, metric labels, file names) reach the
terminal only through :func:`emit` (text) or :func:`emit_json` (``--format json``), so a
label holding an escape sequence (``\\x1b]0;title\\x07``, ``\\x1b[2J``) cannot retitle the
window, clear the screen or fake output.

Examples
--------
>>> term_safe("IT\\x1b[31m red")
'IT?[31m red'
>>> emit("IT\\x1b]0;evil\\x07 ok")
IT ]0;evil  ok
>>> emit("thesis 'x\\u202ey'")
thesis 'x?y'
>>> emit_json({"level": "IT\\x9b2J"})
{"level": "IT\\u009b2J"}
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from icplab.report.text import terminal

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Bidirectional controls (embeddings, overrides, isolates, marks): typed into an option
#: and echoed in an error they would reorder what the terminal shows ("Trojan source").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# JSON escapes C0 control characters itself; DEL and C1 (0x9b is a one-byte CSI) it leaves.
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f]")


def term_safe(value: Any) -> str:
    """``value`` as text with control characters (escape sequences, ...) replaced by ``?``."""
    return _CONTROL.sub("?", str(value))


def emit(text: Any = "", *, file: TextIO | None = None) -> None:
    """Print ``text`` with every control character but line feed and tab made harmless,
    and the scrubber's marks in the terminal language (``[E-Mail entfernt]``)."""
    from icplab.cli.terminal import masks_in_language

    shown = _BIDI.sub("?", terminal(text))
    print(masks_in_language(shown), file=file or sys.stdout, flush=True)


def emit_error(exc: BaseException) -> None:
    """Print an error on stderr in the terminal language: ``error: ...`` / ``Fehler: ...``,
    with every e-mail address and phone number scrubbed and control characters made
    harmless."""
    from icplab.cli.terminal import language, say
    from icplab.core.errors import render_error
    from icplab.data.personal import scrub_text  # no e-mail or phone in any message

    emit(f"{say('cli.error')}: {scrub_text(render_error(exc, language()))}", file=sys.stderr)


def json_text(payload: Any, *, indent: int | None = 2) -> str:
    """``payload`` as JSON (UTF-8 text kept) with DEL and C1 characters ``\\u``-escaped.

    Lossless: a JSON reader gets the very same strings back.

    Examples
    --------
    >>> json.loads(json_text({"x": "a\\x9bb"}))["x"] == "a\\x9bb"
    True
    """
    raw = json.dumps(payload, ensure_ascii=False, indent=indent, allow_nan=False)
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


def emit_json(payload: Any, *, indent: int | None = None, file: TextIO | None = None) -> None:
    """Print ``payload`` as terminal-safe JSON (:func:`json_text`)."""
    print(json_text(payload, indent=indent), file=file or sys.stdout)
