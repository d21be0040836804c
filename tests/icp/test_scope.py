"""The one options object of the ICP entry points (icplab/icp/scope.py) and its builder
(icplab.api.scope_of)."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

import icplab
from icplab.api import scope_of
from icplab.core.config import Config, Range, Thesis
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.compare import compare_all, compare_result
from icplab.icp.costs import unit_economics
from icplab.icp.cycle import cycle
from icplab.icp.funnel import funnel
from icplab.icp.next_batch import next_batch
from icplab.icp.plan import plan
from icplab.icp.reasons import reasons
from icplab.icp.refine import refine
from icplab.icp.scope import Scope
from icplab.icp.verdicts import check, check_all
from icplab.stats.inference import Inference

ENTRY_POINTS = [
    compare_result,
    compare_all,
    check,
    check_all,
    refine,
    next_batch,
    funnel,
    cycle,
    reasons,
    plan,
    unit_economics,
]


@pytest.fixture(scope="module")
def log():
    return validate_frame(generate_outreach(2000, seed=11), source="scope.csv")


@pytest.mark.parametrize("func", ENTRY_POINTS, ids=lambda f: f.__name__)
def test_every_entry_point_takes_one_scope_and_not_the_four_keywords(func):
    params = inspect.signature(func).parameters
    assert "scope" in params
    assert not {"where", "config", "as_of", "inference"} & set(params)


def test_defaults_are_the_workspace_s_then_today():
    assert Scope().day() == date.today()
    assert Scope(config=Config(as_of=date(2026, 3, 1))).day() == date(2026, 3, 1)
    assert Scope(config=Config(as_of=date(2026, 3, 1)), as_of="2026-09-30").day() == date(
        2026, 9, 30
    )
    assert Scope(config=None).config == Config()
    assert Scope().judged_by() == Inference.fixed()
    on = Config(sequential=True, sequential_tuning=700.0)
    assert Scope(config=on).judged_by() == Inference("sequential", 700.0)
    assert Scope(config=on, inference=Inference.fixed()).judged_by() == Inference.fixed()


def test_scope_of_reads_the_contract_options_once():
    cfg = Config(sequential=True)
    s = scope_of(cfg, where=["industry=IT,Logistik", "employees=50-199"], as_of="2026-09-30")
    assert s.config is cfg and s.as_of == "2026-09-30"
    assert s.where == {"industry": ("IT", "Logistik"), "employees": Range(50, 199)}
    assert s.judged_by().kind == "sequential"
    assert scope_of(cfg, sequential=False).judged_by().kind == "fixed"
    # the API's dict form and the CLI's strings give the same filters; no filter is None
    assert scope_of(Config(), where={"industry": "IT"}).where == {"industry": ("IT",)}
    assert scope_of(Config(), where=[]).where is None and scope_of(None).where is None


def test_scope_where_narrows_a_thesis_and_keeps_its_since(log):
    since = date(2026, 4, 1)
    thesis = Thesis("it", "IT answers", {"industry": ("IT",)}, since)
    narrowed = Thesis(
        "it", "IT answers", {"industry": ("IT",), "messaging": ("fehlerrate",)}, since
    )
    cfg = Config()
    got = check(
        log, thesis, ["reply_rate"], Scope({"messaging": ("fehlerrate",)}, cfg, "2026-12-31")
    )
    want = check(log, narrowed, ["reply_rate"], Scope(config=cfg, as_of="2026-12-31"))
    assert got.to_dict() == want.to_dict()
    assert got.n < check(log, thesis, ["reply_rate"], Scope(config=cfg, as_of="2026-12-31")).n
    # the public API narrows a thesis the same way (with its since), as the CLI does
    api = icplab.check(
        log,
        thesis,
        where={"messaging": "fehlerrate"},
        metric="reply_rate",
        config=cfg,
        as_of="2026-12-31",
    )
    assert api.to_dict() == want.to_dict()


def test_scope_where_is_the_segment_of_an_adhoc_check(log):
    cfg, where = Config(), {"industry": ("Logistik",)}
    by_scope = check(log, None, ["reply_rate"], Scope(where, cfg), name="segment")
    by_target = check(log, where, ["reply_rate"], Scope(config=cfg), name="segment")
    assert by_scope.to_dict() == by_target.to_dict()
    direct = log.frame[log.frame["industry"] == "Logistik"]
    assert by_scope.n == int(direct["contacted"].sum())


def test_check_all_judges_every_thesis_on_the_one_inference(log):
    cfg = Config.from_toml_text(
        '[[theses]]\nname = "it"\nwhere = { industry = ["IT"] }\n'
        '[[theses]]\nname = "handel"\nwhere = { industry = ["Handel"] }'
    )
    results = check_all(log, Scope(config=cfg, inference=Inference.sequential()), ["reply_rate"])
    assert [r.thesis for r in results] == ["it", "handel"]
    assert {r.inference for r in results} == {"sequential"}
    one = check(log, "handel", ["reply_rate"], Scope(config=cfg, inference=Inference.sequential()))
    assert results[1].to_dict() == one.to_dict()
