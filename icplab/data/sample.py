"""A seeded generator of realistic German B2B outreach logs with planted true effects.

The generator draws every prospect from a known model, so tests and benchmarks can check
that icplab recovers the truth. :func:`planted_rates` gives the true rates of every
industry x size band x message x salutation cell.

The model (reply on the logit scale, reference cell 50-199 / zeitersparnis / sie):

- industry base reply rates: IT 18 %, Logistik 19 %, Maschinenbau 12 %,
  Finanzdienstleister 10 %, Gesundheitswesen 14 %, Handel 8 %;
- size band: 1-49 -0.10, 50-199 0, 200-499 -0.25, 500+ -0.60;
- message angle ``fehlerrate`` vs ``zeitersparnis``: +0.15 (Maschinenbau +0.40);
- salutation ``du`` vs ``sie`` differs by industry: IT +0.35, Handel +0.20, Logistik +0.10,
  Gesundheitswesen -0.20, Maschinenbau -0.30, Finanzdienstleister -0.40;
- funnel: meeting | reply 62 %; qualified | meeting 65 %; deal | qualified by industry
  (IT 28 %, Logistik 25 %, Maschinenbau 20 %, Finanzdienstleister 18 %,
  Gesundheitswesen 15 %, Handel 12 %).

Examples
--------
>>> raw = generate_outreach(200, seed=1)
>>> len(raw), raw["prospect_id"].is_unique
(200, True)
>>> truth = planted_rates()
>>> row = truth[(truth.industry == "IT") & (truth.size_band == "50-199")
...             & (truth.messaging == "zeitersparnis") & (truth.salutation == "sie")]
>>> round(float(row.reply_rate.iloc[0]), 3)
0.18
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import expit, logit

from icplab.core.schema import SizeBands

INDUSTRY_SHARE: dict[str, float] = {
    "IT": 0.22,
    "Logistik": 0.20,
    "Maschinenbau": 0.18,
    "Handel": 0.15,
    "Finanzdienstleister": 0.13,
    "Gesundheitswesen": 0.12,
}
BASE_REPLY: dict[str, float] = {
    "IT": 0.18,
    "Logistik": 0.19,
    "Maschinenbau": 0.12,
    "Finanzdienstleister": 0.10,
    "Gesundheitswesen": 0.14,
    "Handel": 0.08,
}
SIZE_SHARE: dict[str, float] = {"1-49": 0.35, "50-199": 0.35, "200-499": 0.18, "500+": 0.12}
SIZE_EFFECT: dict[str, float] = {"1-49": -0.10, "50-199": 0.0, "200-499": -0.25, "500+": -0.60}
SIZE_RANGE: dict[str, tuple[int, int]] = {
    "1-49": (5, 49),
    "50-199": (50, 199),
    "200-499": (200, 499),
    "500+": (500, 5000),
}
MESSAGING = ("zeitersparnis", "fehlerrate")
FEHLERRATE_EFFECT: dict[str, float] = {"Maschinenbau": 0.40}
FEHLERRATE_DEFAULT = 0.15
DU_EFFECT: dict[str, float] = {
    "IT": 0.35,
    "Handel": 0.20,
    "Logistik": 0.10,
    "Gesundheitswesen": -0.20,
    "Maschinenbau": -0.30,
    "Finanzdienstleister": -0.40,
}
MEETING_GIVEN_REPLY = 0.62
QUALIFIED_GIVEN_MEETING = 0.65
DEAL_GIVEN_QUALIFIED: dict[str, float] = {
    "IT": 0.28,
    "Logistik": 0.25,
    "Maschinenbau": 0.20,
    "Finanzdienstleister": 0.18,
    "Gesundheitswesen": 0.15,
    "Handel": 0.12,
}
CAMPAIGNS = (
    ("2026-q1-pilot", "2026-01-12", "2026-03-01"),
    ("2026-q2-scale", "2026-03-02", "2026-05-29"),
)
REJECTION_REASONS = ("kein Budget", "kein Bedarf", "falscher Ansprechpartner", "Timing")
#: The day the bundled sample is exported; its third campaign is still running then.
SNAPSHOT = "2026-09-30"
#: The campaign that is still running on the snapshot day: name and first send day.
RUNNING_CAMPAIGN = ("2026-q3-running", "2026-07-01")
#: Reply lag (days after the first touch): log-normal, median 3 days, sigma 0.9, in whole
#: days (at least 1), truncated at 21 days, so every reply lands inside the 28-day window.
REPLY_LAG = (3.0, 0.9, 21)
#: Meeting-booking lag (days after the reply): log-normal, median 4 days, sigma 0.7, in
#: whole days (at least 0), truncated at 14 days (reply + meeting <= 35 < 42-day window).
MEETING_LAG = (4.0, 0.7, 14)
#: Days after the meeting until qualification and the deal are known.
DECISION_LAG = 30
#: Qualification lag (days after the meeting): log-normal, median 5 days, sigma 0.6, whole
#: days, truncated at 14 days.
QUALIFIED_LAG = (5.0, 0.6, 14)
#: Deal lag (days after qualification) by company size: log-normal, sigma 0.5, median
#: 6 days below 500 employees and 12 days from 500 (a longer sales cycle), truncated at
#: 16 days, so meeting -> deal <= 30 = DECISION_LAG and every deal lands inside the 90-day
#: deal window.
DEAL_LAG = {"small": (6.0, 0.5, 16), "large": (12.0, 0.5, 16)}
_FIRST = (
    "Anna",
    "Lukas",
    "Marie",
    "Jonas",
    "Sophie",
    "Felix",
    "Lena",
    "Paul",
    "Clara",
    "Jan",
    "Miriam",
    "Tobias",
    "Julia",
    "Stefan",
    "Katrin",
    "Matthias",
    "Jörg",
    "Sören",
)
_LAST = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
)
_COMPANY = (
    "Nordlicht",
    "Alpenwerk",
    "Rheintal",
    "Spreewerk",
    "Elbkontor",
    "Isarsoft",
    "Mainlogistik",
    "Harzmetall",
    "Bodensee",
    "Weserport",
    "Donautech",
    "Ostseedaten",
)
_FORM = ("GmbH", "AG", "GmbH & Co. KG", "KG", "SE")


def reply_probability(
    industry: np.ndarray, size_band: np.ndarray, messaging: np.ndarray, salutation: np.ndarray
) -> np.ndarray:
    """True reply probability of each prospect under the planted model."""
    ind = pd.Series(industry)
    eta = logit(ind.map(BASE_REPLY).to_numpy(dtype="float64"))
    eta = eta + pd.Series(size_band).map(SIZE_EFFECT).to_numpy(dtype="float64")
    fehler = ind.map(FEHLERRATE_EFFECT).fillna(FEHLERRATE_DEFAULT).to_numpy(dtype="float64")
    eta = eta + np.where(np.asarray(messaging) == "fehlerrate", fehler, 0.0)
    du = ind.map(DU_EFFECT).to_numpy(dtype="float64")
    eta = eta + np.where(np.asarray(salutation) == "du", du, 0.0)
    return expit(eta)


def planted_rates() -> pd.DataFrame:
    """True rates of every industry x size_band x messaging x salutation cell.

    Returns
    -------
    pandas.DataFrame
        Columns ``industry``, ``size_band``, ``messaging``, ``salutation``,
        ``reply_rate``, ``meeting_rate`` (of contacted), ``qualified_rate`` (of
        contacted) and ``deal_rate`` (deals of qualified leads).
    """
    idx = pd.MultiIndex.from_product(
        [list(INDUSTRY_SHARE), list(SIZE_SHARE), list(MESSAGING), ["du", "sie"]],
        names=["industry", "size_band", "messaging", "salutation"],
    )
    cells = idx.to_frame(index=False)
    reply = reply_probability(
        cells["industry"].to_numpy(),
        cells["size_band"].to_numpy(),
        cells["messaging"].to_numpy(),
        cells["salutation"].to_numpy(),
    )
    cells["reply_rate"] = reply
    cells["meeting_rate"] = reply * MEETING_GIVEN_REPLY
    cells["qualified_rate"] = cells["meeting_rate"] * QUALIFIED_GIVEN_MEETING
    cells["deal_rate"] = cells["industry"].map(DEAL_GIVEN_QUALIFIED).astype("float64")
    return cells


def planted_segment_rates(by: tuple[str, ...] = ("industry", "size_band")) -> pd.DataFrame:
    """True rates of coarser segments, with message and salutation split 50/50 as drawn.

    Examples
    --------
    >>> t = planted_segment_rates(("salutation",))
    >>> sorted(t["salutation"])
    ['du', 'sie']
    """
    cells = planted_rates()
    w_ind = cells["industry"].map(INDUSTRY_SHARE) * cells["size_band"].map(SIZE_SHARE)
    cells = cells.assign(weight=w_ind, qualified_w=w_ind * cells["qualified_rate"])
    grouped = cells.groupby(list(by), sort=True)
    out = pd.DataFrame(
        {
            "reply_rate": grouped.apply(
                lambda g: np.average(g.reply_rate, weights=g.weight), include_groups=False
            ),
            "meeting_rate": grouped.apply(
                lambda g: np.average(g.meeting_rate, weights=g.weight), include_groups=False
            ),
            "deal_rate": grouped.apply(
                lambda g: np.average(g.deal_rate, weights=g.qualified_w), include_groups=False
            ),
        }
    )
    return out.reset_index()


def generate_outreach(
    n_rows: int = 15_000,
    seed: int = 7,
    *,
    null: bool = False,
    running: int = 0,
    snapshot: str = SNAPSHOT,
) -> pd.DataFrame:
    """Draw a raw row-level outreach log, as an export file would hold it.

    Parameters
    ----------
    n_rows
        Number of prospects.
    seed
        Seed of the random generator; the same seed gives the same log.
    null
        When true, every prospect replies with 10 % probability regardless of segment
        (no cell meets the 15 % reply target): data for null-effect tests.
    running
        Number of extra prospects in a third campaign that is still running on
        ``snapshot`` (:func:`add_running_campaign`): their responses after the snapshot
        are not in the log yet. 0 (default): no such campaign.
    snapshot
        The day the log is exported (ISO date), for the running campaign.

    Returns
    -------
    pandas.DataFrame
        Columns ``prospect_id``, ``campaign``, ``sent_at`` (ISO date), ``industry``,
        ``employees``, ``region``, ``channel``, ``messaging``, ``salutation`` (``Du`` /
        ``Sie``), ``opened``, ``replied``, ``meeting``, ``qualified``, ``deal`` (1/0),
        ``deal_value`` (EUR, empty without a deal), ``rejection_reason``, fake personal
        data ``email``, ``name``, ``company``, ``phone``, and the response times
        ``replied_at`` / ``meeting_at`` (ISO dates, empty without a reply / meeting;
        :func:`add_response_times`).
    """
    if n_rows < 1:
        raise ValueError("n_rows must be at least 1")
    rng = np.random.default_rng(seed)
    industries = np.array(list(INDUSTRY_SHARE))
    industry = industries[rng.choice(len(industries), n_rows, p=list(INDUSTRY_SHARE.values()))]
    bands = np.array(list(SIZE_SHARE))
    band = bands[rng.choice(len(bands), n_rows, p=list(SIZE_SHARE.values()))]
    lo = pd.Series(band).map({k: v[0] for k, v in SIZE_RANGE.items()}).to_numpy(dtype="float64")
    hi = pd.Series(band).map({k: v[1] for k, v in SIZE_RANGE.items()}).to_numpy(dtype="float64")
    employees = np.floor(np.exp(rng.uniform(np.log(lo), np.log(hi + 1)))).astype("int64")
    employees = np.clip(employees, lo.astype("int64"), hi.astype("int64"))
    messaging = np.array(MESSAGING)[rng.integers(0, 2, n_rows)]
    salutation = np.array(["du", "sie"])[rng.integers(0, 2, n_rows)]

    p_reply = (
        np.full(n_rows, 0.10) if null else reply_probability(industry, band, messaging, salutation)
    )
    replied = rng.random(n_rows) < p_reply
    meeting = replied & (rng.random(n_rows) < MEETING_GIVEN_REPLY)
    qualified = meeting & (rng.random(n_rows) < QUALIFIED_GIVEN_MEETING)
    p_deal = pd.Series(industry).map(DEAL_GIVEN_QUALIFIED).to_numpy(dtype="float64")
    deal = qualified & (rng.random(n_rows) < p_deal)
    opened = replied | (rng.random(n_rows) < 0.55)
    size_factor = np.sqrt(employees / 50.0)
    deal_value = np.where(
        deal,
        np.round(
            rng.lognormal(np.log(DEAL_VALUE_MEDIAN), DEAL_VALUE_LOG_SD, n_rows) * size_factor, -2
        ),
        np.nan,
    )

    # Campaigns run one after the other; sent_at spreads over each campaign's weeks.
    in_second = rng.random(n_rows) < 0.6
    starts = np.array([np.datetime64(c[1]) for c in CAMPAIGNS])
    ends = np.array([np.datetime64(c[2]) for c in CAMPAIGNS])
    k = in_second.astype(int)
    span = (ends[k] - starts[k]).astype("int64")
    sent = starts[k] + (rng.random(n_rows) * (span + 1)).astype("int64").astype("timedelta64[D]")
    campaign = np.array([c[0] for c in CAMPAIGNS])[k]

    ids = np.arange(1, n_rows + 1)
    first = np.array(_FIRST)[rng.integers(0, len(_FIRST), n_rows)]
    last = np.array(_LAST)[rng.integers(0, len(_LAST), n_rows)]
    comp = np.array(_COMPANY)[rng.integers(0, len(_COMPANY), n_rows)]
    form = np.array(_FORM)[rng.integers(0, len(_FORM), n_rows)]
    id_str = pd.Series(ids).astype(str).str.zfill(7)
    first_s, last_s, comp_s = pd.Series(first), pd.Series(last), pd.Series(comp)
    slug = comp_s.str.lower() + id_str.str[-4:]
    email = (
        first_s.str.lower()
        + "."
        + last_s.str.lower().str.replace("ü", "ue").str.replace("ö", "oe")
        + "@"
        + slug
        + ".example"
    )
    phone = "+49 30 " + pd.Series(rng.integers(1_000_000, 9_999_999, n_rows)).astype(str)
    rejection = np.where(
        meeting & ~qualified,
        np.array(REJECTION_REASONS)[rng.integers(0, len(REJECTION_REASONS), n_rows)],
        "",
    )
    regions = np.array(["DE", "AT", "CH"])[rng.choice(3, n_rows, p=[0.75, 0.15, 0.10])]
    channels = np.array(["email", "linkedin", "phone"])[rng.choice(3, n_rows, p=[0.7, 0.25, 0.05])]

    order = np.argsort(sent, kind="stable")
    raw = pd.DataFrame(
        {
            "prospect_id": "P" + id_str,
            "campaign": campaign,
            "sent_at": pd.Series(sent).dt.strftime("%Y-%m-%d"),
            "industry": industry,
            "employees": employees,
            "region": regions,
            "channel": channels,
            "messaging": messaging,
            "salutation": np.where(salutation == "du", "Du", "Sie"),
            "opened": opened.astype(int),
            "replied": replied.astype(int),
            "meeting": meeting.astype(int),
            "qualified": qualified.astype(int),
            "deal": deal.astype(int),
            "deal_value": deal_value,
            "rejection_reason": rejection,
            "email": email,
            "name": first_s + " " + last_s,
            "company": comp_s + " " + pd.Series(form),
            "phone": phone,
        }
    )
    raw = raw.iloc[order].reset_index(drop=True)
    raw = plant_reply_classes_and_reasons(raw, seed)
    raw = add_response_times(raw, seed)
    if running > 0:
        raw = add_running_campaign(raw, running, seed, null=null, snapshot=snapshot)
    return raw


# -- reply quality, rejection reasons, value: planted from their own random stream ---------

#: Random stream of the reply classes and rejection reasons: ``default_rng([seed, 12])``,
#: separate from the main stream, so every other column stays as it was.
EXTRAS_STREAM = 12
#: Class of a reply that did not lead to a meeting, by message angle (a reply that led to a
#: meeting is always ``positive``). ``fehlerrate`` provokes more replies, but more of them
#: are "no interest": it must not win on positive replies.
REPLY_CLASS_GIVEN_NO_MEETING: dict[str, dict[str, float]] = {
    "zeitersparnis": {
        "positive": 0.15,
        "not_now": 0.30,
        "negative": 0.30,
        "unsubscribe": 0.10,
        "auto": 0.15,
    },
    "fehlerrate": {
        "positive": 0.05,
        "not_now": 0.10,
        "negative": 0.55,
        "unsubscribe": 0.15,
        "auto": 0.15,
    },
}
#: Rejection reason of a rejected lead (a meeting not qualified), by industry, in the
#: order of :data:`REJECTION_REASONS` (kein Budget, kein Bedarf, falscher Ansprechpartner,
#: Timing).
REJECTION_BY_INDUSTRY: dict[str, tuple[float, float, float, float]] = {
    "IT": (0.15, 0.20, 0.15, 0.50),
    "Logistik": (0.20, 0.15, 0.45, 0.20),
    "Maschinenbau": (0.30, 0.30, 0.20, 0.20),
    "Handel": (0.55, 0.20, 0.10, 0.15),
    "Finanzdienstleister": (0.15, 0.45, 0.25, 0.15),
    "Gesundheitswesen": (0.25, 0.25, 0.30, 0.20),
}
#: Median of a deal's value (EUR) at 50 employees; log-sd 0.5; value grows with
#: sqrt(employees / 50) (drawn in :func:`generate_outreach`).
DEAL_VALUE_MEDIAN = 9000.0
DEAL_VALUE_LOG_SD = 0.5


def plant_reply_classes_and_reasons(raw: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Add ``reply_class`` and draw ``rejection_reason`` by industry, from their own stream.

    Uses ``np.random.default_rng([seed, EXTRAS_STREAM])``, so the other columns (and their
    planted truth) are untouched. ``reply_class`` is empty without a reply, ``positive``
    for a reply that led to a meeting, else drawn from
    :data:`REPLY_CLASS_GIVEN_NO_MEETING` by message angle; ``rejection_reason`` of a
    rejected lead comes from :data:`REJECTION_BY_INDUSTRY`.

    Examples
    --------
    >>> raw = generate_outreach(400, seed=3)
    >>> sorted(set(raw["reply_class"]) - {""})[:2]
    ['auto', 'negative']
    >>> bool((raw.loc[raw["meeting"] == 1, "reply_class"] == "positive").all())
    True
    """
    rng = np.random.default_rng([seed, EXTRAS_STREAM])
    n = len(raw)
    replied = raw["replied"].to_numpy() == 1
    meeting = raw["meeting"].to_numpy() == 1
    rejected = meeting & (raw["qualified"].to_numpy() == 0)
    classes = np.array(list(REPLY_CLASS_GIVEN_NO_MEETING["zeitersparnis"]))
    u = rng.random(n)
    cls = np.full(n, "", dtype=object)
    for angle, probs in REPLY_CLASS_GIVEN_NO_MEETING.items():
        rows = replied & ~meeting & (raw["messaging"].to_numpy() == angle)
        cum = np.cumsum([probs[c] for c in classes])
        cls[rows] = classes[np.minimum(np.searchsorted(cum, u[rows], side="right"), 4)]
    cls[meeting] = "positive"
    v = rng.random(n)
    reasons = np.full(n, "", dtype=object)
    for industry, shares in REJECTION_BY_INDUSTRY.items():
        rows = rejected & (raw["industry"].to_numpy() == industry)
        cum = np.cumsum(shares)
        idx = np.minimum(np.searchsorted(cum, v[rows], side="right"), len(shares) - 1)
        reasons[rows] = np.array(REJECTION_REASONS)[idx]
    out = raw.assign(rejection_reason=reasons)
    out.insert(out.columns.get_loc("replied") + 1, "reply_class", cls)
    return out


def _sqrt_size_mean(lo: float, hi: float) -> float:
    """E[sqrt(employees / 50)] for employees log-uniform on [lo, hi + 1) (as drawn)."""
    a, b = np.log(lo), np.log(hi + 1)
    return float((np.exp(0.5 * b) - np.exp(0.5 * a)) / (0.5 * (b - a)) / np.sqrt(50.0))


def planted_value(by: tuple[str, ...] = ("industry", "size_band")) -> pd.DataFrame:
    """True value figures per segment (message and salutation mixed 50/50 as drawn).

    Returns
    -------
    pandas.DataFrame
        ``by...``, ``deal_per_contact`` (true P(deal) per contact), ``mean_deal_value``
        (EUR, true mean value of a deal: median x exp(sd^2 / 2) x E[sqrt(employees / 50)],
        ignoring the rounding to EUR 100) and ``value_per_contact`` (their product).

    Examples
    --------
    >>> t = planted_value().set_index(["industry", "size_band"])
    >>> round(float(t.loc[("IT", "500+"), "value_per_contact"]), -1)
    930.0
    """
    cells = planted_rates()
    w = cells["industry"].map(INDUSTRY_SHARE) * cells["size_band"].map(SIZE_SHARE)
    deal_pc = cells["qualified_rate"] * cells["deal_rate"]
    size_mean = {k: _sqrt_size_mean(*v) for k, v in SIZE_RANGE.items()}
    mdv = DEAL_VALUE_MEDIAN * np.exp(DEAL_VALUE_LOG_SD**2 / 2) * cells["size_band"].map(size_mean)
    cells = cells.assign(w=w, dpc=w * deal_pc, vpc=w * deal_pc * mdv)
    g = cells.groupby(list(by), sort=True)[["w", "dpc", "vpc"]].sum()
    out = pd.DataFrame(
        {
            "deal_per_contact": g["dpc"] / g["w"],
            "mean_deal_value": g["vpc"] / g["dpc"],
            "value_per_contact": g["vpc"] / g["w"],
        }
    )
    return out.reset_index()


def planted_reasons() -> pd.DataFrame:
    """True shares of the rejection reasons by industry (tidy: industry, reason, share)."""
    rows = [
        {"industry": ind, "reason": r, "share": s}
        for ind, probs in REJECTION_BY_INDUSTRY.items()
        for r, s in zip(REJECTION_REASONS, probs, strict=True)
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- response times (issue 9)


def _truncated_lognormal_days(
    rng: np.random.Generator, n: int, median: float, sigma: float, cap: int, floor: int
) -> np.ndarray:
    """Whole days ``max(floor, ceil(X))`` with ``X`` log-normal truncated at ``cap``."""
    dist = stats.lognorm(sigma, scale=median)
    u = rng.random(n) * dist.cdf(cap)
    days = np.ceil(dist.ppf(u)).astype("int64")
    return np.clip(days, floor, cap)


def add_response_times(raw: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Add ``replied_at`` and ``meeting_at`` to a generated log (a separate random stream).

    Lags: :data:`REPLY_LAG` after ``sent_at``, then :data:`MEETING_LAG` after the reply.
    Both are truncated inside the default maturity windows, so on mature contacts the
    planted rates are the rates within the window. Drawn from
    ``np.random.default_rng([seed, 1])``: every other column stays exactly as before.

    Examples
    --------
    >>> raw = generate_outreach(300, seed=2)
    >>> lag = pd.to_datetime(raw["replied_at"]) - pd.to_datetime(raw["sent_at"])
    >>> bool(lag.dropna().dt.days.between(1, 21).all())
    True
    >>> bool((raw["replied_at"] != "").sum() == raw["replied"].sum())
    True
    """
    rng = np.random.default_rng([seed, 1])
    n = len(raw)
    sent = pd.to_datetime(raw["sent_at"]).to_numpy().astype("datetime64[D]")
    reply_lag = _truncated_lognormal_days(rng, n, *REPLY_LAG, floor=1)
    meeting_lag = _truncated_lognormal_days(rng, n, *MEETING_LAG, floor=0)
    replied_at = sent + reply_lag.astype("timedelta64[D]")
    meeting_at = replied_at + meeting_lag.astype("timedelta64[D]")
    fmt = np.datetime_as_string
    out = raw.copy()
    out["replied_at"] = np.where(raw["replied"].to_numpy() == 1, fmt(replied_at), "")
    out["meeting_at"] = np.where(raw["meeting"].to_numpy() == 1, fmt(meeting_at), "")
    # qualification and deal dates: their own stream, so every column above stays the same
    rng_deal = np.random.default_rng([seed, 4])
    qual_lag = _truncated_lognormal_days(rng_deal, n, *QUALIFIED_LAG, floor=0)
    small = _truncated_lognormal_days(rng_deal, n, *DEAL_LAG["small"], floor=1)
    large = _truncated_lognormal_days(rng_deal, n, *DEAL_LAG["large"], floor=1)
    employees = pd.to_numeric(raw["employees"], errors="coerce").fillna(0).to_numpy()
    deal_lag = np.where(employees >= 500, large, small)
    qualified_at = meeting_at + qual_lag.astype("timedelta64[D]")
    deal_at = qualified_at + deal_lag.astype("timedelta64[D]")
    if "qualified" in raw:
        out["qualified_at"] = np.where(raw["qualified"].to_numpy() == 1, fmt(qualified_at), "")
    if "deal" in raw:
        out["deal_at"] = np.where(raw["deal"].to_numpy() == 1, fmt(deal_at), "")
    return out


def add_running_campaign(
    raw: pd.DataFrame, rows: int, seed: int, *, null: bool = False, snapshot: str = SNAPSHOT
) -> pd.DataFrame:
    """Append a campaign that is still running on ``snapshot``, as exported that day.

    Its prospects are drawn from the same planted model (a separate random stream,
    ``[seed, 2]``), sent between :data:`RUNNING_CAMPAIGN`'s first day and ``snapshot``;
    every response that comes after ``snapshot`` is not in the log yet (reply, meeting,
    and qualification/deal :data:`DECISION_LAG` days after the meeting). So recent
    contacts look worse than they are until they mature: exactly what the maturity
    windows handle. The existing rows are unchanged.

    Examples
    --------
    >>> raw = generate_outreach(500, seed=3, running=200)
    >>> int((raw["campaign"] == RUNNING_CAMPAIGN[0]).sum()), raw["prospect_id"].is_unique
    (200, True)
    >>> bool(pd.to_datetime(raw["replied_at"]).max() <= pd.Timestamp(SNAPSHOT))
    True
    """
    sub_seed = int(np.random.SeedSequence([seed, 2]).generate_state(1)[0])
    extra = generate_outreach(rows, seed=sub_seed, null=null)
    rng = np.random.default_rng([seed, 3])
    first, end = np.datetime64(RUNNING_CAMPAIGN[1]), np.datetime64(snapshot)
    span = int((end - first).astype("int64"))
    sent_old = pd.to_datetime(extra["sent_at"]).to_numpy().astype("datetime64[D]")
    sent = first + rng.integers(0, span + 1, rows).astype("timedelta64[D]")
    shift = sent - sent_old
    extra["sent_at"] = np.datetime_as_string(sent)
    for col in ("replied_at", "meeting_at", "qualified_at", "deal_at"):
        if col not in extra:
            continue
        has = extra[col].to_numpy() != ""
        moved = np.where(
            has,
            pd.to_datetime(extra[col].where(has, None)).to_numpy().astype("datetime64[D]"),
            sent,
        ) + np.where(has, shift, np.timedelta64(0, "D"))
        extra[col] = np.where(has, np.datetime_as_string(moved), "")
    replied_seen = (extra["replied_at"] != "") & (pd.to_datetime(extra["replied_at"]) <= end)
    meeting_day = pd.to_datetime(extra["meeting_at"])
    meeting_seen = replied_seen & (extra["meeting_at"] != "") & (meeting_day <= end)
    decided = meeting_seen & (meeting_day + pd.Timedelta(days=DECISION_LAG) <= end)
    extra["replied"] = np.where(replied_seen, extra["replied"], 0)
    extra["replied_at"] = np.where(replied_seen, extra["replied_at"], "")
    if "reply_class" in extra:
        extra["reply_class"] = np.where(replied_seen, extra["reply_class"], "")
    extra["meeting"] = np.where(meeting_seen, extra["meeting"], 0)
    extra["meeting_at"] = np.where(meeting_seen, extra["meeting_at"], "")
    for col in ("qualified", "deal"):
        extra[col] = np.where(decided, extra[col], 0)
        if f"{col}_at" in extra:
            extra[f"{col}_at"] = np.where(decided, extra[f"{col}_at"], "")
    extra["deal_value"] = np.where(decided, extra["deal_value"], np.nan)
    extra["rejection_reason"] = np.where(decided, extra["rejection_reason"], "")
    extra["campaign"] = RUNNING_CAMPAIGN[0]
    ids = np.arange(len(raw) + 1, len(raw) + rows + 1)
    extra["prospect_id"] = "P" + pd.Series(ids).astype(str).str.zfill(7)
    extra = extra.iloc[np.argsort(sent, kind="stable")]
    return pd.concat([raw, extra], ignore_index=True)


def aggregate_sample(raw: pd.DataFrame) -> pd.DataFrame:
    """The aggregated form of a generated log: counts by campaign, industry, size band,
    message and salutation (no personal data).

    Examples
    --------
    >>> agg = aggregate_sample(generate_outreach(500, seed=3))
    >>> int(agg["contacted"].sum())
    500
    """
    frame = raw.assign(
        size_band=SizeBands().assign(raw["employees"]).astype(str),
        salutation=raw["salutation"].str.lower(),
        contacted=1,
    )
    by = ["campaign", "industry", "size_band", "messaging", "salutation"]
    cols = ["contacted", "replied", "meeting", "qualified", "deal"]
    return frame.groupby(by, sort=True)[cols].sum().reset_index()


GERMAN_HEADERS: dict[str, str] = {
    "prospect_id": "Prospect_ID",
    "campaign": "Kampagne",
    "industry": "Branche",
    "employees": "Mitarbeiter",
    "messaging": "Botschaft",
    "salutation": "Anrede",
    "replied": "Antwort",
    "meeting": "Termin",
    "qualified": "Qualifiziert",
    "deal": "Abschluss",
    "deal_value": "Auftragswert",
    "rejection_reason": "Ablehnungsgrund",
    "email": "E-Mail",
    "name": "Name",
    "company": "Firma",
    "phone": "Telefon",
}


def to_german_export(raw: pd.DataFrame) -> pd.DataFrame:
    """The log as a German Excel export would hold it: German headers, ja/nein values."""
    out = raw.rename(columns=GERMAN_HEADERS)
    for col in ("Antwort", "Termin", "Qualifiziert", "Abschluss"):
        out[col] = np.where(out[col].astype(int) == 1, "ja", "nein")
    if "opened" in out.columns:
        out["opened"] = np.where(out["opened"].astype(int) == 1, "x", "")
    return out
