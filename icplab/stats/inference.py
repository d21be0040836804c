"""The inference a result is judged with: fixed-horizon or always-valid (CONTRACT section 3).

One :class:`Inference` is made once, from the workspace's ``[stats] sequential`` (and
``sequential_tuning``) or from the caller's ``sequential=`` / ``--sequential``, and handed
down to every statistic instead of a boolean flag. Its :attr:`~Inference.kind` is the
``"inference"`` field of every JSON output.

Examples
--------
>>> Inference.fixed().kind, Inference.sequential().kind
('fixed', 'sequential')
>>> Inference.of(True, tuning=500).tuning
500.0
>>> lo, hi = Inference.fixed().rate_interval(160, 840)
>>> round(float(lo), 3), round(float(hi), 3)
(0.165, 0.218)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from icplab.stats.proportions import wilson_interval
from icplab.stats.sequential import DEFAULT_RATE_TUNING, DEFAULT_TUNING, sequential_interval

#: The two kinds, as the JSON outputs name them.
KINDS: tuple[str, ...] = ("fixed", "sequential")


@dataclass(frozen=True)
class Inference:
    """Fixed-horizon (Wilson, Newcombe, z / Fisher) or sequential (confidence sequences).

    Parameters
    ----------
    kind
        ``"fixed"`` or ``"sequential"``.
    tuning
        Sample size at which the difference sequences are tightest (``[stats]
        sequential_tuning``, :data:`icplab.stats.sequential.DEFAULT_TUNING`).
    rate_tuning
        The same for the sequences of one rate
        (:data:`icplab.stats.sequential.DEFAULT_RATE_TUNING`).
    """

    kind: Literal["fixed", "sequential"] = "fixed"
    tuning: float = float(DEFAULT_TUNING)
    rate_tuning: float = float(DEFAULT_RATE_TUNING)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"inference kind must be one of {KINDS}, got {self.kind!r}")

    @classmethod
    def fixed(cls) -> Inference:
        """Fixed-horizon inference: valid for one look."""
        return cls("fixed")

    @classmethod
    def sequential(cls, tuning: float = DEFAULT_TUNING) -> Inference:
        """Always-valid inference: confidence sequences, safe under daily looks."""
        return cls("sequential", float(tuning))

    @classmethod
    def of(cls, sequential: bool, tuning: float = DEFAULT_TUNING) -> Inference:
        """The inference a ``sequential`` switch names (``tuning`` only matters when on)."""
        return cls.sequential(tuning) if sequential else cls.fixed()

    @property
    def is_sequential(self) -> bool:
        """Whether intervals are confidence sequences."""
        return self.kind == "sequential"

    def rate_interval(
        self, successes: ArrayLike, n: ArrayLike, alpha: float = 0.05
    ) -> tuple[np.ndarray, np.ndarray]:
        """The two-sided ``1 - alpha`` interval of a rate: Wilson, or the confidence sequence.

        Examples
        --------
        >>> lo, hi = Inference.sequential().rate_interval(160, 840)
        >>> round(float(lo), 3), round(float(hi), 3)
        (0.152, 0.234)
        """
        if self.is_sequential:
            return sequential_interval(successes, n, alpha=alpha, tuning=self.rate_tuning)
        lo, hi = wilson_interval(successes, n, 1.0 - alpha)
        return np.asarray(lo, dtype="float64"), np.asarray(hi, dtype="float64")


#: The default: fixed-horizon statistics (the CLI without configuration).
FIXED = Inference.fixed()
