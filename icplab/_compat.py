"""Old import paths of the flat 0.1 package, kept for notebooks in existing workspaces.

``import icplab.notebook_kit`` (or ``from icplab import report_content``) still works: a
small import hook maps each old module name to its module in the layered package, so both
names refer to the same module object. New code imports the layered paths.

Examples
--------
>>> import icplab.notebook_kit, icplab.report.notebook_kit
>>> icplab.notebook_kit is icplab.report.notebook_kit
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType

#: Old module name -> module in the layered package. ``icplab.load``, ``icplab.compare`` and
#: ``icplab.refine`` are not here: those names are the public API functions now.
OLD_PATHS: dict[str, str] = {
    "icplab.errors": "icplab.core.errors",
    "icplab.schema": "icplab.core.schema",
    "icplab.metrics": "icplab.core.metrics",
    "icplab.config": "icplab.core.config",
    "icplab.counts": "icplab.data.counts",
    "icplab.summary": "icplab.data.summary",
    "icplab.sample": "icplab.data.sample",
    "icplab.proportions": "icplab.stats.proportions",
    "icplab.multiplicity": "icplab.stats.multiplicity",
    "icplab.sequential": "icplab.stats.sequential",
    "icplab.planning": "icplab.stats.planning",
    "icplab.srm": "icplab.stats.srm",
    "icplab.pooling": "icplab.stats.pooling",
    "icplab.model": "icplab.stats.model",
    "icplab.verdicts": "icplab.icp.verdicts",
    "icplab.lock": "icplab.icp.lock",
    "icplab.report_summary": "icplab.report.summary",
    "icplab.notebook_kit": "icplab.report.notebook_kit",
    "icplab.report_content": "icplab.report.content",
    "icplab.plots": "icplab.report.plots",
    "icplab.export": "icplab.report.export",
    "icplab.index_page": "icplab.report.index_page",
    "icplab.runner": "icplab.batch.runner",
    "icplab._worker": "icplab.batch.worker",
    "icplab.commands": "icplab.cli.commands",
}


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """The target module is already executed."""


class OldPathFinder(importlib.abc.MetaPathFinder):
    """Resolves an old flat module name (or a name below ``icplab.commands``) to its new module."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> ModuleSpec | None:
        new = OLD_PATHS.get(fullname)
        if new is None and fullname.startswith("icplab.commands."):
            new = "icplab.cli.commands." + fullname.removeprefix("icplab.commands.")
        if new is None:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(new))


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, OldPathFinder) for f in sys.meta_path):
        sys.meta_path.append(OldPathFinder())
