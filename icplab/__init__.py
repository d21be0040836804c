"""icplab: test ICP hypotheses on B2B cold-outreach data, from counts, honestly.

>>> import icplab
>>> sorted(icplab.DEFAULT_METRICS)
['deal_rate', 'meeting_rate', 'reply_rate']
"""

from icplab import _compat
from icplab.core.config import Config, Thesis
from icplab.core.errors import IcpLabError, InputError
from icplab.core.metrics import DEFAULT_METRICS, Metric
from icplab.data.counts import apply_where, counts, parse_where
from icplab.data.load import OutreachData, load

_compat.install()

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_METRICS",
    "Config",
    "IcpLabError",
    "InputError",
    "Metric",
    "OutreachData",
    "Thesis",
    "__version__",
    "apply_where",
    "counts",
    "load",
    "parse_where",
]
