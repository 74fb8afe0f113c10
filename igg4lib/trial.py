"""Statistics of a randomised trial with a binary outcome: the WInS maintenance trial.

The functions here take the published arm sizes and event counts (plain integers) and
return frozen dataclasses or tidy DataFrames:

- :func:`pairwise_comparisons`: every pair of arms compared with
  :func:`igg4lib.stats.compare_proportions`, plus a Holm adjustment of the p-values for
  the number of pairs;
- :func:`fragility_index`: the Fragility Index of a 2x2 result (Walsh et al. 2014);
- :func:`consistent_event_counts`: which whole counts of ``n`` a printed percentage can
  stand for, as a crude proportion or as a Kaplan-Meier estimate;
- :func:`beta_posterior`, :func:`risk_difference_posterior` and
  :func:`prior_sensitivity`: a conjugate beta-binomial re-analysis;
- :func:`noninferiority_power_closed_form`, :func:`noninferiority_sample_size` and
  :func:`simulate_noninferiority_power`: power and sample size of a future
  non-inferiority trial, by formula and by vectorised Monte Carlo simulation;
- :func:`simulate_relapse_times`, :func:`kaplan_meier_table` and :func:`logrank_tests`:
  a SIMULATED patient-level cohort (constant hazard matched to each arm's 18-month relapse
  proportion) for teaching Kaplan-Meier curves.  It is not trial data.

Bad input raises :class:`ValueError` naming the argument, the value and what was expected.

Reference: Walsh M et al. J Clin Epidemiol 2014;67:622-628 (Fragility Index); Holm S.
Scand J Stat 1979;6:65-70 (step-down adjustment); Gelman A et al. Bayesian Data Analysis,
3rd ed., 2013, ch. 2-3 (beta-binomial model); Chow SC, Shao J, Wang H. Sample Size
Calculations in Clinical Research, 2nd ed., 2008, section 4.2 (two proportions,
non-inferiority).

>>> fragility_index(25, 48, 6, 49)
10
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Annotated, Any, Literal

import annotated_types as at
import numpy as np
import pandas as pd
from pydantic import Strict
from scipy import integrate, special
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

from igg4lib import stats
from igg4lib._validation import (
    MAX_EXACT_TOTAL,
    MAX_SIMULATIONS,
    Decimals,
    ExactPatients,
    FiniteFloat,
    Frame,
    InvalidArgument,
    Level,
    NonNegativeFloat,
    OpenProbability,
    Patients,
    Percent,
    PositiveFloat,
    PositivePatients,
    Rule,
    Seed,
    Text,
    count_column,
    flag_column,
    frame_schema,
    pa,
    real_column,
    rows_at_most,
    text_column,
    validated,
)

__all__ = [
    "BetaPosterior",
    "DifferencePosterior",
    "EventCountReadings",
    "NonInferiorityPower",
    "analysis_counts",
    "beta_posterior",
    "consistent_event_counts",
    "fragility_index",
    "kaplan_meier_table",
    "logrank_tests",
    "noninferiority_power_closed_form",
    "noninferiority_sample_size",
    "pairwise_comparisons",
    "prior_sensitivity",
    "risk_difference_posterior",
    "sensitivity_to_count",
    "simulate_noninferiority_power",
    "simulate_relapse_times",
    "smallest_denominator",
]

#: Seed of every random draw in this module unless the caller passes another one.
DEFAULT_SEED = 20240501


# --------------------------------------------------------------------------- validation


#: A one-sided significance level of a non-inferiority test, in (0, 0.5).
OneSidedAlpha = Annotated[float, Strict(), at.Gt(0), at.Lt(0.5)]
#: A margin on the risk-difference scale, in (-1, 1).
Margin = Annotated[FiniteFloat, at.Gt(-1), at.Lt(1)]
#: Methods of :func:`statsmodels.stats.multitest.multipletests`.
AdjustMethod = Literal[
    "bonferroni", "sidak", "holm-sidak", "holm", "simes-hochberg", "hommel", "fdr_bh",
    "fdr_by", "fdr_tsbh", "fdr_tsbky",
]


def _arms_schema(a: Mapping[str, Any], *, min_rows: int = 2) -> pa.DataFrameSchema:
    return frame_schema(
        {a["label"]: text_column(unique=True), a["events"]: count_column(),
         a["n"]: count_column(minimum=1)},
        checks=[rows_at_most(a["events"], a["n"])],
        min_rows=min_rows,
    )


def _labels(a: Mapping[str, Any]) -> list[str]:
    return [str(v) for v in a["arms"][a["label"]]]


# --------------------------------------------------------------------------- pairwise


@validated(frames={"arms": _arms_schema})
def pairwise_comparisons(
    arms: Frame,
    *,
    label: Text = "arm",
    events: Text = "events",
    n: Text = "n",
    method: AdjustMethod = "holm",
) -> pd.DataFrame:
    """Compare every pair of arms and adjust the p-values for the number of pairs.

    Each pair is compared by :func:`igg4lib.stats.compare_proportions` (risk difference,
    risk ratio and odds ratio with 95% confidence intervals, number needed to treat,
    Fisher's exact and chi-square p-values).  The Fisher p-values of the pairs are then
    adjusted with the Holm step-down method: it controls the family-wise error rate under
    any dependence between the comparisons (the three pairs of a three-arm trial share
    arms, so they are dependent) and it rejects everything Bonferroni rejects, and
    sometimes more.  Confidence intervals are not adjusted.

    Parameters
    ----------
    arms
        One row per arm, in the order the comparisons should follow (the first arm of a
        pair is the one listed first).
    label, events, n
        Column names of the arm label, the number with the event and the arm size.
    method
        Any method of :func:`statsmodels.stats.multitest.multipletests`; ``"holm"``
        unless there is a reason for another.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``arm_1``, ``arm_2``, the fields of
        :class:`igg4lib.stats.ProportionComparison` (``x1``, ``n1``, ``x2``, ``n2``,
        ``p1``, ..., ``p_fisher``, ``p_chi2``), the number needed to treat flattened into
        ``nnt``, ``nnt_kind``, ``nnt_ci_low``, ``nnt_ci_high`` and ``nnt_text``, and
        ``p_fisher_adjusted`` (Holm).

    Reference: Holm S. A simple sequentially rejective multiple test procedure. Scand J
    Stat 1979;6:65-70.

    >>> arms = pd.DataFrame({"arm": ["A", "B", "C"], "events": [25, 7, 6], "n": [48, 49, 49]})
    >>> res = pairwise_comparisons(arms)
    >>> list(res["arm_1"] + " vs " + res["arm_2"])
    ['A vs B', 'A vs C', 'B vs C']
    >>> bool((res["p_fisher_adjusted"] >= res["p_fisher"]).all())
    True
    """
    labels = [str(v) for v in arms[label]]
    counts = [(lab, int(x), int(size))
              for lab, x, size in zip(labels, arms[events], arms[n], strict=True)]
    rows = []
    for (l1, x1, n1), (l2, x2, n2) in combinations(counts, 2):
        res = stats.compare_proportions(x1, n1, x2, n2)
        row: dict[str, object] = {"arm_1": l1, "arm_2": l2}
        row.update({k: v for k, v in asdict(res).items() if k != "nnt"})
        row.update({
            "nnt": res.nnt.value, "nnt_kind": res.nnt.kind, "nnt_ci_low": res.nnt.ci_low,
            "nnt_ci_high": res.nnt.ci_high, "nnt_text": res.nnt.describe(digits=1),
        })
        rows.append(row)
    out = pd.DataFrame(rows)
    out["p_fisher_adjusted"] = multipletests(out["p_fisher"].to_numpy(), method=method)[1]
    out.attrs["adjustment"] = method
    return out


# --------------------------------------------------------------------------- fragility


def _fisher_p(x1: int, n1: int, x2: int, n2: int) -> float:
    return float(sps.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative="two-sided")[1])


@validated(rules=[Rule("x1", lambda a: a["x1"] <= a["n1"], "at most n1 ({n1})"),
                  Rule("x2", lambda a: a["x2"] <= a["n2"], "at most n2 ({n2})")])
def fragility_index(
    x1: ExactPatients,
    n1: Annotated[ExactPatients, at.Ge(1)],
    x2: ExactPatients,
    n2: Annotated[ExactPatients, at.Ge(1)],
    alpha: OpenProbability = 0.05,
) -> int:
    """Fragility Index of a two-arm result with a binary outcome.

    Starting from the observed 2x2 table, patients in the arm with fewer events are
    changed, one at a time, from non-event to event (the arm size stays fixed), and the
    two-sided Fisher exact p-value is recomputed after each change.  The index is the
    number of changes needed for ``p >= alpha``.  A result that is not significant to
    begin with has index 0.

    Ties and unequal arms: when both arms have the same number of events, the arm with
    the lower event proportion is changed.  When the arm with fewer events has the
    *higher* proportion (possible only with unequal arm sizes), adding events to it would
    widen the difference, so the arm with the lower proportion is changed instead.

    Parameters
    ----------
    x1, n1, x2, n2
        Events and patients in arm 1 and arm 2.
    alpha
        Significance level, in (0, 1).

    Returns
    -------
    int
        The Fragility Index (0 when ``p >= alpha`` already).

    Reference: Walsh M, Srinathan SK, McAuley DF, et al. The statistical significance of
    randomized controlled trial results is frequently fragile: a case for a Fragility
    Index. J Clin Epidemiol 2014;67:622-628. doi:10.1016/j.jclinepi.2013.10.019

    >>> fragility_index(1, 100, 9, 100)  # 1/100 vs 9/100: one more event loses p < 0.05
    1
    >>> fragility_index(10, 100, 12, 100)  # not significant to begin with
    0
    """
    if _fisher_p(x1, n1, x2, n2) >= alpha:
        return 0
    # Which arm gains events: the one with fewer events, unless it has the higher risk.
    if x1 == x2:
        first = x1 / n1 <= x2 / n2
    else:
        first = x1 < x2
        if first and x1 / n1 > x2 / n2:
            first = False
        elif not first and x2 / n2 > x1 / n1:
            first = True
    index = 0
    while True:
        if first:
            if x1 == n1:  # pragma: no cover - cannot happen: the arm has the lower risk
                raise RuntimeError("fragility search ran out of non-events in arm 1")
            x1 += 1
        else:
            if x2 == n2:  # pragma: no cover
                raise RuntimeError("fragility search ran out of non-events in arm 2")
            x2 += 1
        index += 1
        if _fisher_p(x1, n1, x2, n2) >= alpha:
            return index


# --------------------------------------------------------------------------- 14.2%


@dataclass(frozen=True)
class EventCountReadings:
    """Whole event counts a printed percentage of ``n`` patients can stand for."""

    printed_pct: float
    n: int
    decimals: int
    #: counts x with round(100 x / n, decimals) == printed (a crude proportion)
    crude_counts: tuple[int, ...]
    #: counts x with 100 x / n truncated (not rounded) to ``decimals`` == printed
    truncated_counts: tuple[int, ...]
    #: event counts that a Kaplan-Meier estimate with censoring could turn into the printed
    #: value: the estimate is never below x / n, so x / n must not exceed the printed value
    kaplan_meier_max_events: int
    #: the count whose percentage is closest to the printed one
    nearest_count: int
    nearest_pct: float


@validated
def consistent_event_counts(
    printed_pct: Percent, n: Annotated[ExactPatients, at.Ge(1)], decimals: Decimals = 1
) -> EventCountReadings:
    """Which whole counts out of ``n`` a percentage printed to ``decimals`` places allows.

    A crude proportion ``x / n`` printed to one decimal must round to the printed value.
    A Kaplan-Meier estimate of the cumulative incidence with ``x`` observed events is at
    least ``x / n`` (censored patients stay in the denominator only while followed), so
    it can equal the printed value only if ``x / n`` is no larger than it.

    Reference: Kaplan EL, Meier P. J Am Stat Assoc 1958;53:457-481 (the product-limit
    estimator, whose complement is never below the crude proportion of events).

    >>> r = consistent_event_counts(14.2, 49)
    >>> r.crude_counts, r.truncated_counts, r.nearest_count, r.kaplan_meier_max_events
    ((), (7,), 7, 6)
    >>> consistent_event_counts(52.1, 48).crude_counts
    (25,)
    """
    pct = printed_pct
    scale = 10**decimals
    half = 0.5 / scale
    # Exact comparisons in integer arithmetic avoid floating-point rounding surprises.
    printed_units = round(pct * scale)
    crude, truncated = [], []
    for x in range(n + 1):
        value_units = 100 * scale * x  # = pct * scale * n for this x
        # rounded: |100 x / n - pct| <= half  (ties counted as consistent)
        if abs(value_units - printed_units * n) * 2 <= n:
            crude.append(x)
        if printed_units * n <= value_units < (printed_units + 1) * n:
            truncated.append(x)
    km_max = math.floor((pct + half) * n / 100 + 1e-12)
    # strictly below the rounding upper bound
    while km_max > 0 and 100 * km_max / n >= pct + half:
        km_max -= 1
    nearest = min(range(n + 1), key=lambda x: (abs(100 * x / n - pct), x))
    return EventCountReadings(
        printed_pct=pct,
        n=n,
        decimals=decimals,
        crude_counts=tuple(crude),
        truncated_counts=tuple(truncated),
        kaplan_meier_max_events=min(km_max, n),
        nearest_count=nearest,
        nearest_pct=100 * nearest / n,
    )


@validated(
    frames={"arms": lambda a: frame_schema({
        a["label"]: text_column(unique=True),
        a["n"]: count_column(minimum=1, maximum=MAX_EXACT_TOTAL),
        a["pct"]: real_column(minimum=0, maximum=100)})},
    rules=[
        Rule("override", lambda a: set(a["override"] or {}) <= set(_labels(a)),
             "names of arms in arms[label]"),
        Rule("override", lambda a: all(
            x <= int(size) for lab, size in zip(_labels(a), a["arms"][a["n"]], strict=True)
            for x in [(a["override"] or {}).get(lab, 0)]),
            "event counts no larger than their arm's size"),
    ],
)
def analysis_counts(
    arms: Frame,
    *,
    label: Text = "label",
    n: Text = "n_randomised",
    pct: Text = "relapse_percent",
    override: Mapping[str, Patients] | None = None,
) -> pd.DataFrame:
    """Whole event counts to analyse, derived from printed percentages, with their basis.

    For each arm, the count whose percentage of ``n`` rounds to the printed value is used
    when there is exactly one.  When the printed value fits no whole count, the nearest
    count is used and the basis says so.  ``override`` maps an arm label to another count
    (for sensitivity analyses); its basis is then ``"override"``.

    Returns
    -------
    pandas.DataFrame
        ``arm``, ``n``, ``events``, ``printed_pct``, ``analysed_pct`` and ``basis``.

    >>> arms = pd.DataFrame({"label": ["A", "B"], "n_randomised": [48, 49],
    ...                      "relapse_percent": [52.1, 14.2]})
    >>> analysis_counts(arms)[["arm", "events", "basis"]].values.tolist()
    [['A', 25, 'exact'], ['B', 7, 'nearest (no whole count rounds to the printed value)']]
    """
    override = dict(override or {})
    labels = [str(v) for v in arms[label]]
    rows = []
    for lab, size, printed in zip(labels, arms[n], arms[pct], strict=True):
        size = int(size)
        readings = consistent_event_counts(float(printed), size)
        if lab in override:
            x = override[lab]
            basis = "override"
        elif len(readings.crude_counts) == 1:
            x, basis = readings.crude_counts[0], "exact"
        else:
            x = readings.nearest_count
            basis = "nearest (no whole count rounds to the printed value)"
        rows.append({"arm": lab, "n": size, "events": x, "printed_pct": float(printed),
                     "analysed_pct": 100 * x / size, "basis": basis})
    return pd.DataFrame(rows)


@validated
def smallest_denominator(printed_pct: Percent, decimals: Decimals = 1) -> tuple[int, int]:
    """Smallest ``n`` (and its count ``x``) with ``100 x / n`` rounding to ``printed_pct``.

    >>> smallest_denominator(14.2)
    (15, 106)
    >>> smallest_denominator(50.0)
    (1, 2)
    """
    pct = printed_pct
    n = 1
    while True:
        crude = consistent_event_counts(pct, n, decimals).crude_counts
        if crude:
            return crude[0], n
        n += 1


@validated(
    frames={"arms": _arms_schema},
    rules=[
        Rule("arm", lambda a: a["arm"] in _labels(a), "one of the arms in arms[label]"),
        Rule("reference", lambda a: a["reference"] is None or (
            a["reference"] in _labels(a) and a["reference"] != a["arm"]),
            "another arm of arms[label]"),
        Rule("counts", lambda a: max(a["counts"]) <= int(
            a["arms"][a["n"]][[lab == a["arm"] for lab in _labels(a)]].iloc[0]),
            "event counts no larger than the arm's size"),
    ],
)
def sensitivity_to_count(
    arms: Frame,
    arm: Text,
    counts: Annotated[Sequence[Patients], at.MinLen(1)],
    *,
    label: Text = "arm",
    events: Text = "events",
    n: Text = "n",
    reference: Text | None = None,
    margin: Margin = 0.2,
) -> pd.DataFrame:
    """Re-run the key analyses with other event counts for one arm.

    For each count in ``counts`` the arm's events are replaced, and the comparison of the
    ``reference`` arm (default: the first row) against ``arm`` is recomputed: risk
    difference with its 95% CI, NNT, Fisher p (raw and Holm-adjusted over all pairs), the
    fragility index, and the posterior probability (uniform priors) that the risk in the
    reference arm exceeds the risk in ``arm`` by more than ``margin``.

    >>> arms = pd.DataFrame({"arm": ["A", "B", "C"], "events": [25, 7, 6], "n": [48, 49, 49]})
    >>> sensitivity_to_count(arms, "B", [6, 7, 8])["events"].tolist()
    [6, 7, 8]
    """
    labels = [str(v) for v in arms[label]]
    ref = labels[0] if reference is None else reference
    if ref == arm:
        raise InvalidArgument(
            f"sensitivity_to_count: argument 'reference' got {ref!r}; expected another arm "
            "than arm (pass reference when arm is the first arm)"
        )
    rows = []
    for x in counts:
        alt = arms.copy()
        alt.loc[alt[label].astype(str) == arm, events] = x
        pairs = pairwise_comparisons(alt, label=label, events=events, n=n)
        hit = pairs[((pairs["arm_1"] == ref) & (pairs["arm_2"] == arm))
                    | ((pairs["arm_1"] == arm) & (pairs["arm_2"] == ref))].iloc[0]
        sign = 1.0 if hit["arm_1"] == ref else -1.0
        xr = int(alt.loc[alt[label].astype(str) == ref, events].iloc[0])
        nr = int(alt.loc[alt[label].astype(str) == ref, n].iloc[0])
        na = int(alt.loc[alt[label].astype(str) == arm, n].iloc[0])
        rd_lo, rd_hi = sorted((sign * hit["rd_ci_low"], sign * hit["rd_ci_high"]))
        rows.append({
            "events": int(x), "n": na, "risk_pct": 100 * x / na,
            # "+ 0.0" turns a negative zero (equal risks, reversed arms) into 0.0
            "risk_difference": sign * hit["risk_difference"] + 0.0, "rd_ci_low": rd_lo,
            "rd_ci_high": rd_hi, "nnt_text": stats.compare_proportions(xr, nr, int(x), na)
            .nnt.describe(digits=1),
            "p_fisher": hit["p_fisher"], "p_fisher_adjusted": hit["p_fisher_adjusted"],
            "fragility_index": fragility_index(xr, nr, int(x), na),
            "prob_exceeds_margin": risk_difference_posterior(
                xr, nr, int(x), na, margin=margin).prob_exceeds_margin,
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- Bayesian


@dataclass(frozen=True)
class BetaPosterior:
    """Beta posterior of one arm's event probability under a Beta(prior_a, prior_b) prior."""

    events: int
    n: int
    prior_a: float
    prior_b: float
    a: float
    b: float
    mean: float
    cri_low: float
    cri_high: float
    level: float


@validated(rules=[Rule("x", lambda a: a["x"] <= a["n"], "at most n ({n})")])
def beta_posterior(
    x: Patients,
    n: PositivePatients,
    prior_a: PositiveFloat = 1.0,
    prior_b: PositiveFloat = 1.0,
    level: Level = 0.95,
) -> BetaPosterior:
    """Conjugate Beta posterior of an event probability after ``x`` events in ``n``.

    The posterior is Beta(prior_a + x, prior_b + n - x); the credible interval is
    equal-tailed.

    Reference: Gelman A et al. Bayesian Data Analysis, 3rd ed. CRC Press 2013, section 2.4.

    >>> p = beta_posterior(6, 49)
    >>> p.a, p.b, round(p.mean, 4)
    (7.0, 44.0, 0.1373)
    """
    a, b = prior_a + x, prior_b + n - x
    dist = sps.beta(a, b)
    tail = (1 - level) / 2
    return BetaPosterior(
        events=x, n=n, prior_a=prior_a, prior_b=prior_b, a=a, b=b,
        mean=a / (a + b), cri_low=float(dist.ppf(tail)), cri_high=float(dist.ppf(1 - tail)),
        level=level,
    )


@dataclass(frozen=True)
class DifferencePosterior:
    """Posterior of the risk difference p1 - p2 under independent beta posteriors."""

    arm_1: BetaPosterior
    arm_2: BetaPosterior
    margin: float
    #: P(p1 - p2 > margin | data), by numerical integration (no simulation error)
    prob_exceeds_margin: float
    mean: float
    cri_low: float
    cri_high: float
    draws: int
    seed: int


def _prob_difference_exceeds(post1: BetaPosterior, post2: BetaPosterior, m: float) -> float:
    """P(p1 - p2 > m) for independent Beta posteriors, by numerical integration."""
    a1, b1, a2, b2 = post1.a, post1.b, post2.a, post2.b
    lo, hi = max(0.0, -m), min(1.0, 1.0 - m)
    if lo >= hi:  # pragma: no cover - excluded by the margin check
        return 0.0
    log_norm = special.betaln(a2, b2)

    def integrand(q: float) -> float:
        # Beta(a2, b2) density at q times P(p1 > q + m); scipy.special is much faster than
        # frozen scipy.stats distributions inside quad.
        if q <= 0.0 or q >= 1.0:
            return 0.0
        log_pdf = (a2 - 1) * math.log(q) + (b2 - 1) * math.log1p(-q) - log_norm
        return math.exp(log_pdf) * float(special.betaincc(a1, b1, min(q + m, 1.0)))

    # Integrate over the bulk of arm 2's posterior, where the integrand lives.
    pts = [float(v) for v in sps.beta.ppf([1e-6, 0.5, 1 - 1e-6], a2, b2) if lo < v < hi]
    prob, _ = integrate.quad(integrand, lo, hi, points=pts or None, limit=200,
                             epsabs=1e-10, epsrel=1e-10)
    prob += float(special.betainc(a2, b2, lo))  # q < lo (margin < 0): p1 > q + m surely
    return min(max(float(prob), 0.0), 1.0)


@validated(rules=[Rule("x1", lambda a: a["x1"] <= a["n1"], "at most n1 ({n1})"),
                  Rule("x2", lambda a: a["x2"] <= a["n2"], "at most n2 ({n2})")])
def risk_difference_posterior(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    *,
    prior_a: PositiveFloat = 1.0,
    prior_b: PositiveFloat = 1.0,
    margin: Margin = 0.0,
    level: Level = 0.95,
    draws: Annotated[int, Strict(), at.Ge(1000), at.Le(MAX_SIMULATIONS)] = 200_000,
    seed: Seed = DEFAULT_SEED,
) -> DifferencePosterior:
    """Posterior of p1 - p2 and the probability that it exceeds ``margin``.

    Both arms get the same Beta(prior_a, prior_b) prior, independently.  The probability
    ``P(p1 - p2 > margin)`` is computed by one-dimensional numerical integration,
    ``integral of f2(q) * (1 - F1(q + margin)) dq``, so it carries no simulation error;
    the credible interval of the difference comes from ``draws`` seeded Monte Carlo draws.

    With arm 1 = withdraw GC+IM and arm 2 = keep the IM, ``prob_exceeds_margin`` is the
    probability that keeping the IM lowers 18-month relapse by more than ``margin``.

    Reference: Gelman A et al. Bayesian Data Analysis, 3rd ed. 2013, section 3.4
    (independent beta posteriors of two binomial proportions).

    >>> r = risk_difference_posterior(25, 48, 7, 49, margin=0.2)
    >>> 0.9 < r.prob_exceeds_margin < 1.0
    True
    """
    m = margin
    post1 = beta_posterior(x1, n1, prior_a, prior_b, level)
    post2 = beta_posterior(x2, n2, prior_a, prior_b, level)
    prob = _prob_difference_exceeds(post1, post2, m)
    rng = np.random.default_rng(seed)
    diff = rng.beta(post1.a, post1.b, draws) - rng.beta(post2.a, post2.b, draws)
    tail = (1 - level) / 2
    low, high = np.quantile(diff, [tail, 1 - tail])
    return DifferencePosterior(
        arm_1=post1, arm_2=post2, margin=m, prob_exceeds_margin=float(prob),
        mean=post1.mean - post2.mean, cri_low=float(low), cri_high=float(high),
        draws=draws, seed=seed,
    )


#: Priors for the sensitivity analysis: name -> (a, b), the same prior for both arms.
DEFAULT_PRIORS: Mapping[str, tuple[float, float]] = {
    "uniform Beta(1, 1)": (1.0, 1.0),
    "Jeffreys Beta(0.5, 0.5)": (0.5, 0.5),
    "sceptical Beta(6, 14), worth 20 patients per arm": (6.0, 14.0),
    "strongly sceptical Beta(15, 35), worth 50 patients per arm": (15.0, 35.0),
}


@validated(rules=[Rule("x1", lambda a: a["x1"] <= a["n1"], "at most n1 ({n1})"),
                  Rule("x2", lambda a: a["x2"] <= a["n2"], "at most n2 ({n2})")])
def prior_sensitivity(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    *,
    priors: Annotated[Mapping[str, tuple[PositiveFloat, PositiveFloat]], at.MinLen(1)]
    | None = None,
    margins: Annotated[Sequence[Margin], at.MinLen(1)] = (0.0, 0.1, 0.2),
    seed: Seed = DEFAULT_SEED,
) -> pd.DataFrame:
    """Posterior summaries of p1 - p2 under several priors and margins (a tidy table).

    The default priors are flat (uniform, Jeffreys) or *sceptical*: the same informative
    prior for both arms, centred on a 30% relapse risk, which pulls the two arms towards
    each other and so against a difference.  Their weight is ``a + b`` patients per arm.

    >>> t = prior_sensitivity(25, 48, 7, 49, margins=(0.0,))
    >>> list(t.columns)
    ['prior', 'prior_a', 'prior_b', 'margin', 'prob_exceeds_margin', 'mean', 'cri_low', 'cri_high']
    """
    priors = DEFAULT_PRIORS if priors is None else priors
    rows = []
    for name, (a, b) in priors.items():
        # The credible interval does not depend on the margin: simulate it once per prior.
        r = risk_difference_posterior(x1, n1, x2, n2, prior_a=a, prior_b=b,
                                      margin=float(margins[0]), seed=seed)
        for m in margins:
            rows.append({
                "prior": name, "prior_a": float(a), "prior_b": float(b), "margin": float(m),
                "prob_exceeds_margin": _prob_difference_exceeds(r.arm_1, r.arm_2, float(m)),
                "mean": r.mean, "cri_low": r.cri_low, "cri_high": r.cri_high,
            })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- power


@dataclass(frozen=True)
class NonInferiorityPower:
    """Power of a non-inferiority comparison of two event proportions."""

    p_control: float
    p_experimental: float
    margin: float
    n_control: int
    n_experimental: int
    alpha_one_sided: float
    power: float
    #: Monte Carlo standard error of ``power`` (0 for the closed form)
    mc_standard_error: float
    n_sims: int
    method: str


@validated
def noninferiority_power_closed_form(
    p_control: OpenProbability,
    p_experimental: OpenProbability,
    n_per_arm: PositivePatients,
    margin: OpenProbability,
    alpha: OneSidedAlpha = 0.025,
) -> NonInferiorityPower:
    """Normal-approximation power of a non-inferiority test of two event proportions.

    The outcome is harmful (relapse), so the experimental strategy is non-inferior when
    ``p_experimental - p_control < margin``.  The test rejects H0: difference >= margin
    when the Wald statistic ``(d - margin) / se`` is below ``-z(1 - alpha)``; its power is
    ``Phi((margin - delta) / sigma - z(1 - alpha))`` with ``delta`` the true difference and
    ``sigma`` its standard error at the true proportions.

    Reference: Chow SC, Shao J, Wang H. Sample Size Calculations in Clinical Research,
    2nd ed. Chapman & Hall/CRC 2008, section 4.2.

    >>> round(noninferiority_power_closed_form(0.12, 0.12, 200, 0.10).power, 3)
    0.868
    """
    pc, pe, m, a, n = p_control, p_experimental, margin, alpha, n_per_arm
    sigma = math.sqrt(pc * (1 - pc) / n + pe * (1 - pe) / n)
    power = float(sps.norm.cdf((m - (pe - pc)) / sigma - sps.norm.ppf(1 - a)))
    return NonInferiorityPower(pc, pe, m, n, n, a, power, 0.0, 0, "closed form (normal)")


@validated(rules=[Rule(
    "margin", lambda a: a["p_experimental"] - a["p_control"] < a["margin"],
    "a margin above p_experimental - p_control; otherwise no sample size gives "
    "non-inferiority",
)])
def noninferiority_sample_size(
    p_control: OpenProbability,
    p_experimental: OpenProbability,
    margin: OpenProbability,
    alpha: OneSidedAlpha = 0.025,
    power: OpenProbability = 0.8,
) -> int:
    """Patients per arm for a non-inferiority test of two proportions (normal formula).

    ``n = (z(1 - alpha) + z(power))^2 * (pc(1 - pc) + pe(1 - pe)) / (margin - delta)^2``,
    rounded up.

    Reference: Chow SC, Shao J, Wang H. Sample Size Calculations in Clinical Research,
    2nd ed. 2008, section 4.2.

    >>> noninferiority_sample_size(0.12, 0.12, 0.10)
    166
    """
    pc, pe, m, a, pw = p_control, p_experimental, margin, alpha, power
    delta = pe - pc
    z = sps.norm.ppf(1 - a) + sps.norm.ppf(pw)
    n = z**2 * (pc * (1 - pc) + pe * (1 - pe)) / (m - delta) ** 2
    return math.ceil(n - 1e-9)


@validated
def simulate_noninferiority_power(
    p_control: OpenProbability,
    p_experimental: OpenProbability,
    n_per_arm: PositivePatients | Annotated[Sequence[PositivePatients], at.MinLen(1)],
    margin: OpenProbability,
    alpha: OneSidedAlpha = 0.025,
    n_sims: Annotated[int, Strict(), at.Ge(100), at.Le(MAX_SIMULATIONS)] = 100_000,
    seed: Seed = DEFAULT_SEED,
) -> pd.DataFrame:
    """Monte Carlo power of the Wald non-inferiority test, vectorised over trials and sizes.

    For each arm size, ``n_sims`` trials are simulated at once (one binomial draw per arm
    and trial, as numpy arrays), the Wald statistic is computed for all of them, and the
    power is the proportion of trials that reject H0: ``pe - pc >= margin``.  A trial with
    a zero standard error (no events, or only events, in both arms) rejects when its
    observed difference is below the margin.

    Returns
    -------
    pandas.DataFrame
        One row per arm size: ``n_per_arm``, ``power_simulated``, ``mc_standard_error``,
        ``power_closed_form`` (normal formula, for comparison), ``n_sims``.

    >>> df = simulate_noninferiority_power(0.12, 0.12, [100, 200], 0.10, n_sims=20_000)
    >>> list(df["n_per_arm"])
    [100, 200]
    """
    pc, pe, m, a = p_control, p_experimental, margin, alpha
    sizes = [n_per_arm] if isinstance(n_per_arm, int) else list(n_per_arm)
    rng = np.random.default_rng(seed)
    z_crit = sps.norm.ppf(1 - a)
    rows = []
    for n in sizes:
        xc = rng.binomial(n, pc, n_sims)
        xe = rng.binomial(n, pe, n_sims)
        hat_c, hat_e = xc / n, xe / n
        d = hat_e - hat_c
        se = np.sqrt(hat_c * (1 - hat_c) / n + hat_e * (1 - hat_e) / n)
        safe_se = np.where(se > 0, se, 1.0)
        z = np.where(se > 0, (d - m) / safe_se, np.where(d < m, -np.inf, np.inf))
        reject = z < -z_crit
        power = float(reject.mean())
        rows.append({
            "n_per_arm": n,
            "power_simulated": power,
            "mc_standard_error": math.sqrt(power * (1 - power) / n_sims),
            "power_closed_form": noninferiority_power_closed_form(pc, pe, n, m, a).power,
            "n_sims": n_sims,
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- simulation

#: Columns of a (simulated) cohort, as :func:`simulate_relapse_times` returns it.
_COHORT = frame_schema({"arm": text_column(), "time_months": real_column(minimum=0),
                        "relapsed": flag_column()})


@validated(frames={"arms": lambda a: frame_schema(
    {a["label"]: text_column(), a["n"]: count_column(minimum=1),
     a["risk"]: real_column(minimum=0, maximum=1)},
    checks=[pa.Check(lambda df: df[a["risk"]].astype("float64") < 1,
                     error=f"{a['risk']} < 1 (a risk of 1 has no finite hazard)")])})
def simulate_relapse_times(
    arms: Frame,
    *,
    label: Text = "arm",
    n: Text = "n",
    risk: Text = "risk_18m",
    horizon_months: PositiveFloat = 18.0,
    seed: Seed = DEFAULT_SEED,
) -> pd.DataFrame:
    """SIMULATE patient-level relapse times, one constant hazard per arm (not trial data).

    Each arm's hazard is chosen so that the 18-month relapse probability equals the
    arm's published proportion: ``hazard = -ln(1 - risk) / horizon``.  Every simulated
    patient gets an exponential relapse time; those beyond the horizon are censored at
    the horizon (administrative censoring, no loss to follow-up).  The same seed gives
    the same cohort.

    Returns
    -------
    pandas.DataFrame
        ``synthetic_patient_id``, ``arm``, ``time_months``, ``relapsed`` and
        ``hazard_per_month``; ``attrs["synthetic"]`` is True.

    >>> arms = pd.DataFrame({"arm": ["A"], "n": [48], "risk_18m": [25 / 48]})
    >>> sim = simulate_relapse_times(arms)
    >>> len(sim), sim.attrs["synthetic"], float(sim["time_months"].max()) <= 18.0
    (48, True, True)
    """
    horizon = horizon_months
    rng = np.random.default_rng(seed)
    frames = []
    for lab, size, r in zip(arms[label], arms[n], arms[risk], strict=True):
        size, r = int(size), float(r)
        hazard = -math.log1p(-r) / horizon
        t = rng.exponential(1 / hazard, size)
        frames.append(pd.DataFrame({
            "arm": str(lab),
            "time_months": np.minimum(t, horizon),
            "relapsed": t <= horizon,
            "hazard_per_month": hazard,
        }))
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "synthetic_patient_id", [f"SIM-{i + 1:03d}" for i in range(len(out))])
    out.attrs = {"synthetic": True, "title": "SIMULATED relapse times (not trial data)"}
    return out


@validated(frames={"cohort": _COHORT})
def kaplan_meier_table(
    cohort: Frame,
    times: Annotated[Sequence[NonNegativeFloat], at.MinLen(1)] = (6.0, 12.0, 18.0),
) -> pd.DataFrame:
    """Kaplan-Meier relapse-free probability per arm at given times (lifelines).

    >>> arms = pd.DataFrame({"arm": ["A"], "n": [48], "risk_18m": [25 / 48]})
    >>> kaplan_meier_table(simulate_relapse_times(arms), times=[18.0]).columns.tolist()
    ['arm', 'time_months', 'relapse_free', 'ci_low', 'ci_high', 'cumulative_relapse']
    """
    from lifelines import KaplanMeierFitter

    rows = []
    for arm, grp in cohort.groupby("arm", sort=False):
        kmf = KaplanMeierFitter(label=str(arm))
        kmf.fit(grp["time_months"], event_observed=grp["relapsed"])
        ci = kmf.confidence_interval_survival_function_
        for t in times:
            s = float(kmf.survival_function_at_times(t).iloc[0])
            idx = ci.index[ci.index <= t].max()
            rows.append({
                "arm": str(arm), "time_months": float(t), "relapse_free": s,
                "ci_low": float(ci.loc[idx].iloc[0]), "ci_high": float(ci.loc[idx].iloc[1]),
                "cumulative_relapse": 1 - s,
            })
    return pd.DataFrame(rows)


@validated(frames={"cohort": _COHORT})
def logrank_tests(cohort: Frame) -> pd.DataFrame:
    """Global and pairwise log-rank tests of a (simulated) cohort, via lifelines.

    Returns one row for the global test across all arms and one per pair, with the
    chi-square statistic, degrees of freedom and p-value.

    >>> arms = pd.DataFrame({"arm": ["A", "B"], "n": [48, 49], "risk_18m": [0.52, 0.12]})
    >>> logrank_tests(simulate_relapse_times(arms))["comparison"].tolist()
    ['all arms', 'A vs B']
    """
    from lifelines.statistics import logrank_test, multivariate_logrank_test

    glob = multivariate_logrank_test(cohort["time_months"], cohort["arm"], cohort["relapsed"])
    rows = [{"comparison": "all arms", "chi2": float(glob.test_statistic),
             "df": int(glob.degrees_of_freedom), "p": float(glob.p_value)}]
    labels = list(dict.fromkeys(cohort["arm"]))
    for a, b in combinations(labels, 2):
        ga, gb = cohort[cohort["arm"] == a], cohort[cohort["arm"] == b]
        res = logrank_test(ga["time_months"], gb["time_months"], ga["relapsed"], gb["relapsed"])
        rows.append({"comparison": f"{a} vs {b}", "chi2": float(res.test_statistic), "df": 1,
                     "p": float(res.p_value)})
    return pd.DataFrame(rows)
