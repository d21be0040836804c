"""How a key of ``icplab.toml`` is declared, and the check of a parsed file against it.

A key is a :class:`Leaf`: what its value must be (a note, so the message exists in every
language), an example, the test, a JSON-schema fragment, its default, its help text and
the :class:`~icplab.core.config.Config` attribute it sets. Tables are :class:`Table`
(exactly these keys), ``Table({"*": spec})`` (a table of named sub-tables), :class:`Array`
(an array of tables), a tuple of alternative shapes (by TOML type), or :data:`FREE` (any
keys; its values are checked by their parser). The declaration itself is
:data:`icplab.core.config_keys.KNOWN_KEYS`; :func:`check` walks it.

Examples
--------
>>> alpha = number(0, 1, example="0.05")
>>> print(alpha.problem("[stats] alpha", "abc"))
[stats] alpha must be a number between 0 and 1 (e.g. alpha = 0.05), got "abc"
>>> alpha.problem("[stats] alpha", 0.1) is None
True
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from icplab.core.errors import ConfigError
from icplab.core.notes import Note

CONFIG_FILENAME = "icplab.toml"

#: A table whose keys are free (user-defined names); its values are checked by its parser.
FREE = "free"
#: A key without a default (required where its table is given, or simply unset).
NO_DEFAULT: Any = type("NoDefault", (), {"__repr__": lambda self: "NO_DEFAULT"})()


@dataclass(frozen=True)
class Leaf:
    """One key: what its value must be, an example, the test, and what it means.

    ``what`` completes "must be ..."; ``example`` is a valid value written as TOML;
    ``schema`` the value's JSON schema; ``help`` the English sentence of the docs;
    ``default`` the value when the key is not given (``default_text``: how the docs show
    it, when not as the TOML of ``default``); ``attr`` the attribute it sets (on
    ``Config``, or on the dataclass of its table) and ``convert`` how the checked value
    becomes that attribute.
    """

    what: Note
    example: str
    test: Callable[[Any], bool]
    schema: Mapping[str, Any] = field(default_factory=dict)
    help: str = ""
    default: Any = NO_DEFAULT
    default_text: str | None = None
    attr: str | None = None
    convert: Callable[[Any], Any] | None = None

    def about(self, help: str, **changes: Any) -> Leaf:
        """This leaf for one key: its help text and, e.g., its default and attribute."""
        return replace(self, help=help, **changes)

    def problem(self, label: str, value: Any) -> Note | None:
        """``None`` when ``value`` fits, else a message naming ``label``."""
        if self.test(value):
            return None
        key = label.rsplit(" ", 1)[-1].rsplit(".", 1)[-1]
        return Note(
            "config.must_be",
            label=label,
            what=self.what,
            key=key,
            example=self.example,
            got=shown(value),
        )

    def value(self, raw: Any) -> Any:
        """The attribute's value from a checked raw value (the default when absent)."""
        if raw is None:
            return None if self.default is NO_DEFAULT else self.default
        return self.convert(raw) if self.convert else raw


class Table(dict[str, Any]):
    """A table with exactly these keys (``{"*": spec}``: named sub-tables), with help.

    ``of``: the dataclass its keys' attributes belong to, when not ``Config``.
    """

    def __init__(self, keys: Mapping[str, Any], help: str = "", of: str | None = None) -> None:
        super().__init__(keys)
        self.help = help
        self.of = of


class Array(list[Any]):
    """An array of tables (``[[name]]``) whose entries have the keys of its one item."""

    def __init__(self, item: Mapping[str, Any], help: str = "") -> None:
        super().__init__([item])
        self.help = help


# --------------------------------------------------------------------------- value tests
def is_number(v: Any) -> bool:
    """A finite int or float, never a boolean."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def is_whole(v: Any) -> bool:
    """A whole number (``2.0`` counts)."""
    return is_number(v) and float(v).is_integer()


def is_scalar(v: Any) -> bool:
    """A TOML value that is not a list or a table."""
    return isinstance(v, (str, int, float, bool, date))


def is_date(v: Any) -> bool:
    """A TOML date or an ISO date string (an empty string: no date)."""
    if isinstance(v, date):
        return True
    if not isinstance(v, str):
        return False
    if not v.strip():
        return True
    try:
        strict_date(v)
    except ValueError:
        return False
    return True


def strict_date(text: str) -> date:
    """An ISO date (or datetime: its day) read whole: trailing text is an error.

    Examples
    --------
    >>> strict_date("2026-09-30"), strict_date(" 2026-09-30T08:00 ")
    (datetime.date(2026, 9, 30), datetime.date(2026, 9, 30))
    >>> strict_date("2026-09-30garbage")
    Traceback (most recent call last):
    ValueError: not an ISO date: '2026-09-30garbage'
    """
    text = str(text).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"not an ISO date: {text[:40]!r}") from None


# --------------------------------------------------------------------------- leaf makers
def number(lo: float | None = None, hi: float | None = None, *, example: str) -> Leaf:
    """A finite number (never a boolean), ``lo < v < hi`` where given (bounds open)."""
    schema: dict[str, Any] = {"type": "number"}
    if lo is not None:
        schema["exclusiveMinimum"] = lo
    if hi is not None:
        schema["exclusiveMaximum"] = hi
    if lo is not None and hi is not None:
        what = Note("config.what.between", lo=lo, hi=hi)
    elif lo == 0:
        what = Note("config.what.positive")
    else:
        what = Note("config.what.number")
    return Leaf(
        what,
        example,
        lambda v: is_number(v) and (lo is None or v > lo) and (hi is None or v < hi),
        schema,
        convert=float,
    )


def whole(lo: int, *, example: str) -> Leaf:
    """A whole number >= ``lo`` (``2.0`` counts, a boolean does not)."""
    return Leaf(
        Note("config.what.whole", lo=lo),
        example,
        lambda v: is_whole(v) and v >= lo,
        {"type": "integer", "minimum": lo},
        convert=int,
    )


def _any_case(word: str) -> str:
    r"""A regular expression matching ``word`` in any case.

    Examples
    --------
    >>> _any_case("bh-2")
    '[Bb][Hh]\\-2'
    """
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


def text(choices: Sequence[str] = (), *, example: str, nonempty: bool = False) -> Leaf:
    """A string; with ``choices`` one of them (case-insensitive)."""
    if choices:
        # any case, as an ECMA-262 pattern (editors compile it in JavaScript: no (?i))
        pattern = "^(" + "|".join(_any_case(c) for c in choices) + ")$"
        return Leaf(
            Note("config.what.one_of", choices=tuple(choices)),
            example,
            lambda v: isinstance(v, str) and v.lower() in choices,
            {"type": "string", "pattern": pattern, "examples": list(choices)},
            convert=lambda v: str(v).lower(),
        )
    if nonempty:
        return Leaf(
            Note("config.what.nonempty"),
            example,
            lambda v: isinstance(v, str) and bool(v),
            {"type": "string", "minLength": 1},
            convert=str,
        )
    return Leaf(
        Note("config.what.string"), example, lambda v: isinstance(v, str), {"type": "string"}
    )


def to_date(value: Any) -> date | None:
    """A checked TOML date value as a date (``None`` or an empty string: no date).

    Examples
    --------
    >>> to_date("2026-09-30T08:00"), to_date(""), to_date(None)
    (datetime.date(2026, 9, 30), None, None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return strict_date(str(value))


FLAG = Leaf(Note("config.what.flag"), "true", lambda v: isinstance(v, bool), {"type": "boolean"})
DATE = Leaf(
    Note("config.what.date"),
    '"2026-09-30"',
    is_date,
    {"type": "string", "pattern": r"^\s*(\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?)?\s*$"},
    convert=to_date,
)
SCALAR_SCHEMA: dict[str, Any] = {"type": ["string", "number", "boolean"]}


# --------------------------------------------------------------------------- messages
def shown(value: Any, limit: int = 60) -> str:
    """``value`` as TOML would write it (a table as "a table"), cut to ``limit`` characters.

    Examples
    --------
    >>> shown("abc"), shown(True), shown([200, 50]), shown({"a": 1})
    ('"abc"', 'true', '[200, 50]', 'a table')
    """
    if isinstance(value, Mapping):
        return Note("config.got_table")
    if isinstance(value, bool):
        out = "true" if value else "false"
    elif isinstance(value, str):
        out = toml_string(value)
    elif isinstance(value, list):
        out = "[" + ", ".join(shown(v, limit) for v in value) + "]"
    else:
        out = str(value)
    return out if len(out) <= limit else out[: limit - 1] + "\u2026"


def toml_string(value: Any) -> str:
    r"""``value`` as a TOML basic string, written by a TOML writer (:mod:`tomli_w`).

    Quotes, backslashes, line breaks and every control character are escaped. Use this
    for every string icplab writes into a TOML file by hand, so a quote or a newline in a
    level name cannot break it or inject keys.

    Examples
    --------
    >>> print(toml_string('Han"del\n[stats]'))
    "Han\"del\n[stats]"
    >>> import tomllib
    >>> tomllib.loads("x = " + toml_string('a"b\nc\x7f'))["x"] == 'a"b\nc\x7f'
    True
    """
    import tomli_w

    return tomli_w.dumps({"x": str(value)}, multiline_strings=False)[len("x = ") :].rstrip("\n")


def close_match(name: Any, known: Any) -> str | None:
    """The known name closest to ``name``, when one is close enough (a typo)."""
    match = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return match[0] if match else None


def _hint(name: Any, known: Any, code: str) -> str:
    match = close_match(name, known)
    return Note(code, match=match) if match else ""


def problems_error(problems: Sequence[Note], where: str) -> ConfigError:
    """One :class:`ConfigError` naming every problem of the file ``where``."""
    file = Path(where).name
    if len(problems) == 1:
        return ConfigError(Note("config.one_problem", where=where, problem=problems[0], file=file))
    lines: Note = Note("config.line", problem=problems[-1])
    for p in reversed(problems[:-1]):
        lines = Note("config.lines", problem=p, rest=lines)
    return ConfigError(
        Note("config.problems", where=where, count=len(problems), file=file, lines=lines)
    )


def check(raw: Mapping[str, Any], spec: Mapping[str, Any], where: str) -> None:
    """Raise :class:`ConfigError` naming every way ``raw`` breaks ``spec`` (all at once)."""
    problems: list[Note] = []
    walk(raw, spec, (), problems)
    if problems:
        raise problems_error(problems, where)


#: A path into the parsed config: table and key names, and 0-based indexes of array items.
KeyPath = tuple[str | int, ...]


def label(path: KeyPath, table: bool = False) -> str:
    """How a key or table reads in a message.

    Examples
    --------
    >>> label(("stats", "alpha")), label(("stats",), table=True)
    ('[stats] alpha', '[stats]')
    >>> label(("theses", 1, "where")), label(("reports", "plan"), table=True)
    ('[[theses]] #2 where', '[reports.plan]')
    """
    items = [i for i, p in enumerate(path) if isinstance(p, int)]
    if items:
        j = items[-1]
        rest = ".".join(str(p) for p in path[j + 1 :])
        head = f"[[{'.'.join(str(p) for p in path[:j])}]] #{int(path[j]) + 1}"
        return f"{head} {rest}" if rest else head
    names = [str(p) for p in path]
    if table or len(names) == 1:
        return f"[{'.'.join(names)}]"
    return f"[{'.'.join(names[:-1])}] {names[-1]}"


def _shape(spec: Any) -> Note:
    """What a table-like spec expects, for "must be ..." messages."""
    if isinstance(spec, list):
        return Note("config.what.array")
    if isinstance(spec, Leaf):
        return spec.what
    return Note("config.what.table")


def _fits(value: Any, alt: Any) -> bool:
    if isinstance(alt, list):
        return isinstance(value, list)
    if isinstance(alt, (dict, str)):
        return isinstance(value, Mapping)
    return not isinstance(value, (list, Mapping))


def walk(value: Any, spec: Any, path: KeyPath, problems: list[Note]) -> None:
    """Append to ``problems`` every way ``value`` (at ``path``) breaks ``spec``."""
    if isinstance(spec, Leaf):
        problem = spec.problem(label(path), value)
        if problem:
            problems.append(problem)
        return
    if isinstance(spec, tuple):
        for alt in spec:
            if _fits(value, alt):
                walk(value, alt, path, problems)
                return
        shapes: Note = _shape(spec[-1])
        for alt in reversed(spec[:-1]):
            shapes = Note("config.or", first=_shape(alt), second=shapes)
        problems.append(
            Note(
                "config.must_be_shape", label=label(path, table=True), what=shapes, got=shown(value)
            )
        )
        return
    if isinstance(spec, list):
        if not isinstance(value, list):
            dotted = ".".join(str(p) for p in path)
            problems.append(Note("config.not_array", path=dotted, got=shown(value)))
            return
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                walk(item, spec[0], (*path, i), problems)
            else:
                problems.append(
                    Note(
                        "config.must_be_shape",
                        label=label((*path, i)),
                        what=_shape({}),
                        got=shown(item),
                    )
                )
        return
    if not isinstance(value, Mapping):
        problems.append(
            Note(
                "config.must_be_shape",
                label=label(path, table=True),
                what=_shape({}),
                got=shown(value),
            )
        )
        return
    if spec == FREE:
        return
    if set(spec) == {"*"}:
        for name, sub in value.items():
            walk(sub, spec["*"], (*path, str(name)), problems)
        return
    _unknown(value, spec, path, problems)
    for k, sub in value.items():
        if k in spec:
            walk(sub, spec[k], (*path, str(k)), problems)


def _unknown(
    value: Mapping[str, Any], spec: Mapping[str, Any], path: KeyPath, problems: list[Note]
) -> None:
    unknown = [k for k in value if k not in spec]
    if not path:
        for k in unknown:
            problems.append(
                Note(
                    "config.unknown_table",
                    table=str(k),
                    hint=_hint(k, spec, "config.hint_table"),
                    known=tuple(f"[{t}]" for t in spec),
                )
            )
    elif unknown:
        problems.append(
            Note(
                "config.unknown_keys",
                label=label(path, table=True),
                keys=tuple(repr(str(k)) for k in unknown),
                hint=_hint(unknown[0], spec, "config.hint_key"),
                allowed=tuple(sorted(spec)),
            )
        )
