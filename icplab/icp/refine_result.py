"""The result of a refinement: its cells, their lists, and the JSON of ``refine``.

:class:`RefineResult` is built by :func:`icplab.icp.refine.refine`; its
:meth:`~RefineResult.to_dict` is the JSON object of CONTRACT section 5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.metrics import Metric
from icplab.icp.disclosure import Disclosure, finite, inference_note
from icplab.stats.means import NormalPrior
from icplab.stats.pooling import BetaPrior
from icplab.stats.selective import METHOD as SELECTIVE_METHOD

LISTS: tuple[str, ...] = ("icp", "candidates", "not_icp", "untested")
DEFAULT_BY: tuple[str, ...] = ("industry", "size_band")


@dataclass(frozen=True)
class RefineResult:
    """Cells of a refinement with their evidence and list.

    ``cells`` columns: the ``by`` columns, ``contacts``, ``n``, ``successes``, ``rate``,
    ``estimate``, ``ci_low``, ``ci_high``, ``post_low``, ``post_high``, ``prob_meets``,
    ``verdict`` and ``list``.
    """

    metric: Metric
    target: float
    by: tuple[str, ...]
    cells: pd.DataFrame
    prior: BetaPrior | NormalPrior
    min_contacts: int
    recommendations: tuple[dict[str, Any], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    sequential: bool = False
    as_of: date | None = None
    maturing: int = 0
    data_end: date | None = None
    #: The denominator column actually used (``meeting`` after deal_rate's fallback).
    denominator: str = ""
    disclosure: Disclosure = field(default_factory=Disclosure)

    @property
    def inference(self) -> str:
        """``fixed`` or ``sequential``."""
        return "sequential" if self.sequential else "fixed"

    @property
    def maturity(self) -> str:
        """``checked``, ``unknown`` or ``off`` (CONTRACT section 2)."""
        return self.disclosure.maturity

    def cells_in(self, name: str) -> pd.DataFrame:
        return self.cells[self.cells["list"] == name]

    def to_frame(self) -> pd.DataFrame:
        """One row per cell (the columns listed above), as a tidy DataFrame."""
        return self.cells.reset_index(drop=True).copy()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of CONTRACT section 5 (plus ``recommendations``, ``prior``, ``notes``)."""
        segs = []
        for _, r in self.cells.iterrows():
            seg: dict[str, Any] = {c: str(r[c]) for c in self.by}
            seg.update(
                n=int(r["n"]),
                rate=_num(r["rate"]),
                estimate=_num(r["estimate"]),
                ci_low=_num(r["ci_low"]),
                ci_high=_num(r["ci_high"]),
                verdict=str(r["verdict"]),
                in_icp=bool(r["list"] == "icp"),
                below_target_so_far=bool(r.get("below_target_so_far", False)),
            )
            segs.append(seg)
        out: dict[str, Any] = {"metric": self.metric.name, "target": self.target, "segments": segs}
        out["denominator"] = self.denominator or self.metric.denominator
        for name in LISTS:
            out[name] = [{c: str(r[c]) for c in self.by} for _, r in self.cells_in(name).iterrows()]
        out["recommendations"] = list(self.recommendations)
        out["prior"] = {
            "mean": _num(self.prior.mean),
            "strength": _num(getattr(self.prior, "strength", None)),
            "method": self.prior.method,
        }
        out["min_contacts"] = self.min_contacts
        out["notes"] = list(self.notes)
        out["inference"] = self.inference
        out["inference_note"] = inference_note(bool(self.sequential))
        out["interval_method"] = (
            "value metric: two-part (hurdle) log-scale interval, selective Bonferroni over the cells"
            if self.metric.is_mean
            else "always-valid confidence sequences, Bonferroni over the cells"
            if self.sequential
            else SELECTIVE_METHOD
        )
        out["as_of"] = (self.as_of or date.today()).isoformat()
        out["maturing"] = int(self.maturing)
        out.update(self.disclosure.to_dict())
        return finite(out)


def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)
