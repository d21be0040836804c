"""Own Wilson interval and pooled z-test against statsmodels' implementations.

Run: ``.venv/bin/python benchmarks/bench_stats_impl.py``. The contract's figures could come
from ``statsmodels.stats.proportion.proportion_confint(method="wilson")`` and
``proportions_ztest``; the tests compare ours with those on fixed and random inputs. This
script measures what calling statsmodels would cost a command: the one-off import (every
``icplab compare`` / ``check`` is a fresh process) and the computation itself.
"""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np


def import_cost(module: str, repeat: int = 5) -> float:
    """Extra seconds a fresh process spends importing ``module`` after numpy and pandas."""

    def run(code: str) -> float:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            best = min(best, time.perf_counter() - t0)
        return best

    return run(f"import numpy, pandas, {module}") - run("import numpy, pandas")


def main() -> None:
    from statsmodels.stats.proportion import proportion_confint, proportions_ztest

    from icplab.stats.proportions import two_proportion_pvalue, wilson_interval

    rng = np.random.default_rng(1)
    n = rng.integers(10, 5000, 10_000)
    s = rng.binomial(n, 0.15)

    def best(fn, repeat: int = 5) -> float:
        t = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            t = min(t, time.perf_counter() - t0)
        return t

    t_own = best(lambda: wilson_interval(s, n))
    t_sm = best(lambda: proportion_confint(s, n, method="wilson"))
    lo, hi = wilson_interval(s, n)
    slo, shi = proportion_confint(s, n, method="wilson")
    assert np.allclose(lo, slo) and np.allclose(hi, shi)
    pairs = 200
    t_zown = best(
        lambda: [two_proportion_pvalue(s[i], n[i], s[i + 1], n[i + 1]) for i in range(pairs)]
    )
    t_zsm = best(
        lambda: [proportions_ztest([s[i], s[i + 1]], [n[i], n[i + 1]]) for i in range(pairs)]
    )
    print(f"Wilson, 10,000 intervals: own {t_own * 1e3:6.2f} ms, statsmodels {t_sm * 1e3:6.2f} ms")
    print(
        f"pooled z, {pairs} tests:  own {t_zown * 1e3:6.2f} ms, statsmodels {t_zsm * 1e3:6.2f} ms"
    )
    for mod in ("scipy.special", "scipy.stats", "statsmodels.stats.proportion"):
        print(f"import cost in a fresh process: {mod:30s} {import_cost(mod):5.2f} s")


if __name__ == "__main__":
    main()
