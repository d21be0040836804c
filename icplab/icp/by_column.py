"""The ``--by`` column of a segmented output: derived, present and not identifying.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"industry": ["IT"], "contacted": [1]})
>>> list(by_column(frame, "industry", "funnel").columns)
['industry', 'contacted']
>>> by_column(frame, "region", "funnel")
Traceback (most recent call last):
...
icplab.core.errors.UsageError: cannot show the funnel by 'region': no such column. Available: contacted, industry.
"""

from __future__ import annotations

import pandas as pd

from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.data.counts import with_derived
from icplab.data.personal import refuse_identifying


def by_column(frame: pd.DataFrame, by: str, doing: str, also: str = "") -> pd.DataFrame:
    """``frame`` with ``by`` derived (e.g. ``month``), checked to exist and not to identify.

    Parameters
    ----------
    frame
        Row-level log or count table.
    by
        The column to break the output down by.
    doing
        The command, for the error (``funnel``, ``cycle``, ``reasons``: the catalogue's
        ``by.doing.*``).
    also
        Text appended to the list of available columns (e.g. ``", month"``).

    Raises
    ------
    UsageError
        ``by`` is no column of ``frame`` (the available ones are named), or identifies
        people (:func:`icplab.data.personal.refuse_identifying`).
    """
    frame = with_derived(frame, by)
    if by not in frame.columns:
        columns = ", ".join(sorted(map(str, frame.columns))) + also
        raise UsageError(
            Note("by.no_column", doing=Note(f"by.doing.{doing}"), by=by, columns=columns)
        )
    refuse_identifying(frame, by)
    return frame
