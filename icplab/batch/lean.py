"""Imports of the batch processes without work that no report uses.

``nbformat`` (needed by papermill and nbconvert) imports ``jsonschema``, whose format
checkers import the optional package ``rfc3987_syntax`` when it is installed; that package
compiles about 40 Lark grammars at import, 1.5 s of CPU in every process that reads a
notebook (the runner and each worker). Notebook validation never checks an IRI format, so
:func:`import_notebook_stack` imports ``jsonschema`` with that package hidden and then
makes it importable again: only ``jsonschema``'s two IRI format checkers are missing in
the process, everything else is unchanged.
"""

from __future__ import annotations

import importlib
import sys

#: The optional package whose import ``jsonschema`` is spared (see the module docstring).
SLOW_OPTIONAL = "rfc3987_syntax"


def import_notebook_stack() -> bool:
    """Import ``jsonschema`` without compiling ``rfc3987_syntax``'s grammars.

    Does nothing when ``jsonschema`` or that package is already imported (or not
    installed). Returns whether the package was spared.

    Examples
    --------
    >>> import_notebook_stack() in (True, False)
    True
    >>> import jsonschema  # imported either way
    """
    if "jsonschema" in sys.modules or SLOW_OPTIONAL in sys.modules:
        return False
    sys.modules[SLOW_OPTIONAL] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        importlib.import_module("jsonschema")
    except ImportError:
        return False
    finally:
        if sys.modules.get(SLOW_OPTIONAL, 0) is None:
            del sys.modules[SLOW_OPTIONAL]
    return True


def preload_publishing() -> None:
    """Import what publishing a run needs (the index page, HTML export, workbook).

    The runner calls it in a thread while the workers execute notebooks, so the index and
    ``tables.xlsx`` do not wait for these imports after the last report.
    """
    import_notebook_stack()
    importlib.import_module("icplab.report.index_page")
    importlib.import_module("icplab.report.spreadsheet")
    importlib.import_module("icplab.report.tables")
