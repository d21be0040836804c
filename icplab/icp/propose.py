"""The next thesis from a refinement: ``refine --propose`` (CONTRACT section 5).

:func:`propose_thesis` turns the ``icp`` cells of a :class:`~icplab.icp.refine.RefineResult`
into versioned ``[[theses]]`` with ``since`` set to the day after the data ends, so a
proposed ICP is confirmed on new contacts only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import Config, Range, toml_comment
from icplab.core.schema import ordered_levels
from icplab.icp.refine_result import RefineResult


@dataclass(frozen=True)
class ThesisProposal:
    """The proposed next ICP as versioned theses, with a change log."""

    theses: tuple[dict[str, Any], ...]
    changes: tuple[dict[str, Any], ...]

    def to_toml(self) -> str:
        """The theses as ``[[theses]]`` tables, written by a TOML writer, then the change log.

        The theses are one dict given to :func:`tomli_w.dumps`, so a level name holding
        quotes, line breaks or ``[metrics...]`` stays one string value; the change log
        follows as ``#`` comment lines with line breaks and control characters escaped.

        Examples
        --------
        >>> import tomllib
        >>> t = {"name": "x", "statement": "s", "statement_en": "s",
        ...      "where": {"industry": ['Han"del\\n[metrics.reply_rate]\\ntarget = 0.01']}}
        >>> parsed = tomllib.loads(ThesisProposal((t,), ()).to_toml())
        >>> sorted(parsed), parsed["theses"][0]["where"]["industry"]
        (['theses'], ['Han"del\\n[metrics.reply_rate]\\ntarget = 0.01'])
        """
        import tomli_w

        keys = ("name", "statement", "statement_en", "since")
        theses = [
            {**{k: str(t[k]) for k in keys if t.get(k)}, "where": self._where(t["where"])}
            for t in self.theses
        ]
        lines = [tomli_w.dumps({"theses": theses}).strip()] if theses else []
        if self.changes:
            lines.append("\n# Changes against the current thesis:")
            lines += [
                f"#   {toml_comment(c['change'])}: {toml_comment(c['cell'])} "
                f"({toml_comment(c['reason'])})"
                for c in self.changes
            ]
        return "\n".join(lines).strip() + "\n"

    @staticmethod
    def _where(where: Mapping[str, Any]) -> dict[str, list[Any]]:
        """``where`` with plain Python values: an int range stays two ints, levels strings."""
        out: dict[str, list[Any]] = {}
        for k, v in where.items():
            if (
                isinstance(v, list)
                and len(v) == 2
                and all(isinstance(x, (int, np.integer)) for x in v)
            ):
                out[str(k)] = [int(v[0]), int(v[1])]
            else:
                out[str(k)] = [str(x) for x in v]
        return out


def propose_thesis(
    result: RefineResult,
    *,
    current: Any = None,
    config: Config | None = None,
    version: int | None = None,
) -> ThesisProposal:
    """Turn the ``icp`` cells into theses (one per industry with contiguous size bands).

    Each proposed thesis carries ``since`` = the day after the data ends (its last
    ``sent_at``; without dates, the day after ``as_of``), so it is confirmed on new
    contacts, never on the data that suggested it.

    ``current`` (a :class:`icplab.core.config.Thesis`) gives the change log: cells added,
    dropped (in the current thesis but not in ICP) and still open, each with its numbers.
    """
    version = version or 2
    end = result.data_end or result.as_of or date.today()
    stand = result.as_of or date.today()
    since = date.fromordinal(end.toordinal() + 1).isoformat()
    icp = result.cells_in("icp")
    theses = []
    by = result.by
    if {"industry", "size_band"} <= set(by) and not icp.empty:
        bands = _band_edges(config)
        for industry, sizes in _contiguous_runs(icp, bands):
            lo, hi = _span(sizes, bands)
            size_txt = f"{lo}-{hi}" if hi is not None else f"{lo}+"
            slug = f"{industry.lower()}-{size_txt.replace('+', 'plus')}"
            where: dict[str, Any] = {"industry": [industry]}
            if lo is not None:
                where["employees"] = [lo, hi if hi is not None else 10**9]
            theses.append(
                {
                    "name": f"icp-v{version}-{slug}",
                    "statement": f"{industry} mit {size_txt} Mitarbeitenden erreicht das Ziel {result.metric.name} >= {result.target * 100:.0f} % (Stand {stand:%d.%m.%Y})",
                    "statement_en": f"{industry} companies with {size_txt} employees meet the {result.metric.name} target of {result.target:.0%} (as of {stand:%Y-%m-%d})",
                    "where": where,
                    "since": since,
                }
            )
    changes = []
    if current is not None:
        inside = _cells_inside(result.cells, current.where, config)
        for _, r in result.cells.iterrows():
            cell = " ".join(str(r[c]) for c in by)
            was = bool(inside.loc[_])
            ev = f"{r['rate']:.1%} of {int(r['n'])}, CI [{r['ci_low']:.1%}, {r['ci_high']:.1%}]"
            if r["list"] == "icp" and not was:
                changes.append({"change": "added", "cell": cell, "reason": ev})
            elif was and r["list"] == "not_icp":
                changes.append({"change": "dropped", "cell": cell, "reason": ev})
            elif was and r["list"] == "icp":
                changes.append({"change": "kept", "cell": cell, "reason": ev})
            elif was and r["list"] in ("candidates", "untested"):
                changes.append({"change": "still open", "cell": cell, "reason": ev})
    return ThesisProposal(tuple(theses), tuple(changes))


def _contiguous_runs(icp: pd.DataFrame, bands) -> list[tuple[str, list[str]]]:
    """Per industry, runs of adjacent size bands (a gap starts a new thesis)."""
    runs = []
    for industry in ordered_levels(icp["industry"].unique()):
        sizes = ordered_levels(icp.loc[icp["industry"] == industry, "size_band"].unique())
        pos = [bands.labels.index(x) if x in bands.labels else -1 for x in sizes]
        run: list[str] = []
        for k, (label, i) in enumerate(zip(sizes, pos, strict=True)):
            if run and (i < 0 or pos[k - 1] < 0 or i != pos[k - 1] + 1):
                runs.append((industry, run))
                run = []
            run.append(label)
        runs.append((industry, run))
    return runs


def _band_edges(config: Config | None):
    from icplab.core.schema import SizeBands

    return config.size_bands if config else SizeBands()


def _span(sizes: Sequence[str], bands) -> tuple[int | None, int | None]:
    try:
        ranges = [bands.range_of(s) for s in sizes]
    except ValueError:
        return None, None
    return min(r[0] for r in ranges), (
        None if any(r[1] is None for r in ranges) else max(r[1] for r in ranges)
    )


def _cells_inside(
    cells: pd.DataFrame, where: Mapping[str, Any], config: Config | None
) -> pd.Series:
    bands = _band_edges(config)
    mask = pd.Series(True, index=cells.index)
    for col, v in where.items():
        if isinstance(v, Range) and col == "employees" and "size_band" in cells.columns:

            def inside(label: str, v=v) -> bool:
                try:
                    lo, hi = bands.range_of(label)
                except ValueError:
                    return False
                return lo >= v.lo and (v.hi is None or (hi is not None and hi <= v.hi))

            mask &= cells["size_band"].map(inside)
        elif col in cells.columns and not isinstance(v, Range):
            mask &= cells[col].str.casefold().isin([x.casefold() for x in v])
    return mask
