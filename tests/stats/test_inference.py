"""The inference object: Wilson or the confidence sequence, made once from flag or config."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.proportion import proportion_confint

from icplab.api import inference_of
from icplab.core.config import Config
from icplab.icp.disclosure import FIXED_NOTE, inference_for, inference_note
from icplab.stats.inference import Inference
from icplab.stats.sequential import DEFAULT_RATE_TUNING, DEFAULT_TUNING, sequential_interval


def test_fixed_interval_is_wilson() -> None:
    s, n = np.array([0, 7, 160, 400]), np.array([20, 50, 840, 400])
    lo, hi = Inference.fixed().rate_interval(s, n, alpha=0.1)
    ref_lo, ref_hi = proportion_confint(s, n, alpha=0.1, method="wilson")
    np.testing.assert_allclose(lo, ref_lo, atol=1e-12)
    np.testing.assert_allclose(hi, ref_hi, atol=1e-12)


def test_sequential_interval_is_the_rate_sequence_and_wider() -> None:
    s, n = np.array([7, 160]), np.array([50, 840])
    lo, hi = Inference.sequential().rate_interval(s, n)
    ref = sequential_interval(s, n, alpha=0.05, tuning=DEFAULT_RATE_TUNING)
    np.testing.assert_allclose(lo, ref[0])
    np.testing.assert_allclose(hi, ref[1])
    wlo, whi = proportion_confint(s, n, method="wilson")
    assert (lo < wlo).all() and (hi > whi).all()


def test_inference_for_precedence() -> None:
    on = Config(sequential=True, sequential_tuning=500.0)
    assert inference_for(Config()) == Inference.fixed()
    assert inference_for(on) == Inference("sequential", 500.0)
    given = Inference.fixed()
    assert inference_for(on, given) is given


def test_api_turns_the_switch_into_the_inference() -> None:
    on = Config(sequential=True, sequential_tuning=500.0)
    assert inference_of(on) == Inference("sequential", 500.0)
    assert inference_of(on, False) == Inference.fixed()
    assert inference_of(Config(), True) == Inference("sequential", float(DEFAULT_TUNING))
    assert inference_of(Config(sequential_tuning=700.0), True).tuning == 700.0


def test_note_and_kind() -> None:
    assert inference_note(Inference.fixed()) == FIXED_NOTE
    assert inference_note(Inference.sequential()).code == "disclosure.sequential"
    with pytest.raises(ValueError):
        Inference("bayesian")  # type: ignore[arg-type]


def test_judgements_take_the_inference_object_and_only_the_api_the_switch() -> None:
    """Inside the package the inference is one object (in the judgement's ``Scope``);
    ``sequential=`` is the API's alone."""
    import inspect

    import icplab
    from icplab.icp.compare import compare_all, compare_result
    from icplab.icp.next_batch import next_batch
    from icplab.icp.refine import refine
    from icplab.icp.verdicts import check, check_all

    for inner in (compare_result, compare_all, check, check_all, refine, next_batch):
        params = inspect.signature(inner).parameters
        assert "scope" in params and "sequential" not in params, inner.__name__
        assert "inference" not in params, inner.__name__  # it travels in the scope
    for outer in (icplab.compare, icplab.check, icplab.refine, icplab.next_batch):
        assert "sequential" in inspect.signature(outer).parameters, outer.__name__
