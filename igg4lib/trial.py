"""Statistics of a randomised trial with a binary outcome: the WInS maintenance trial.

The functions here take the published arm sizes and event counts (plain integers) and
return frozen dataclasses or tidy DataFrames:

- :func:`pairwise_comparisons`: every pair of arms compared with
  :func:`igg4lib.stats.compare_proportions`, plus a Holm adjustment of the p-values for
  the number of pairs;
- :func:`fragility_index` (and :func:`fragility_indices` for every pair): the Fragility
  Index of a 2x2 result (Walsh et al. 2014);
- :func:`consistent_event_counts` (and :func:`event_count_readings` for every arm): which
  whole counts of ``n`` a printed percentage can stand for, as a crude proportion or as a
  Kaplan-Meier estimate;
- :func:`arm_risks`: each arm's event percentage with its Wilson interval;
- :func:`beta_posterior`, :func:`risk_difference_posterior` and
  :func:`prior_sensitivity`: a conjugate beta-binomial re-analysis;
- :func:`noninferiority_power_closed_form`, :func:`noninferiority_sample_size` and
  :func:`simulate_noninferiority_power`: power and sample size of a future
  non-inferiority trial, by formula and by vectorised Monte Carlo simulation;
- :func:`simulate_relapse_times`, :func:`kaplan_meier_table`, :func:`numbers_at_risk` and
  :func:`logrank_tests`:
  a SIMULATED patient-level cohort (constant hazard matched to each arm's 18-month relapse
  proportion) for teaching Kaplan-Meier curves.  It is not trial data.

Every public function is checked by :mod:`igg4lib._validation`: bad input raises
:class:`~igg4lib._validation.InvalidArgument` (a ``ValueError`` and a ``TypeError``) naming the
argument (for a DataFrame, the column and row), the value and what was expected.  Sizes that
drive a search, an enumeration or a simulation have upper bounds (:data:`MAX_FRAGILITY_TOTAL`,
:data:`~igg4lib._validation.MAX_EXACT_TOTAL`, :data:`~igg4lib._validation.MAX_SIMULATIONS`,
:data:`MAX_NODES`), so an absurd size is refused at once instead of running for minutes.

Reference: Walsh M et al. J Clin Epidemiol 2014;67:622-628 (Fragility Index); Holm S.
Scand J Stat 1979;6:65-70 (step-down adjustment); Gelman A et al. Bayesian Data Analysis,
3rd ed., 2013, ch. 2-3 (beta-binomial model); Chow SC, Shao J, Wang H. Sample Size
Calculations in Clinical Research, 2nd ed., 2008, section 4.2 (two proportions,
non-inferiority).

>>> fragility_index(25, 48, 6, 49)
10
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Annotated, Any, Literal

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pydantic import InstanceOf
from scipy import integrate, optimize, special
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

from igg4lib import stats
from igg4lib._validation import (
    MAX_EXACT_TOTAL,
    MAX_PATIENTS,
    MAX_SEARCH_TOTAL,
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
    Simulations,
    StrictFlag,
    Text,
    Whole,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    rows_at_most,
    text_column,
    validated,
)

__all__ = [
    "MAX_FRAGILITY_TOTAL",
    "MAX_NODES",
    "MAX_PRIOR_SD_LOG_OR",
    "WINS_READINGS",
    "BetaPosterior",
    "DifferencePosterior",
    "EffectPriorPosterior",
    "EventCountReadings",
    "NonInferiorityPower",
    "analysis_counts",
    "arm_risks",
    "beta_posterior",
    "consistent_event_counts",
    "difference_cdf",
    "difference_quantile",
    "event_count_readings",
    "fragility_index",
    "fragility_indices",
    "kaplan_meier_table",
    "logrank_tests",
    "noninferiority_margin_table",
    "noninferiority_power_closed_form",
    "noninferiority_sample_size",
    "numbers_at_risk",
    "pairwise_comparisons",
    "prior_sensitivity",
    "risk_difference_posterior",
    "sceptical_effect_posterior",
    "sceptical_prior_sd",
    "sensitivity_to_count",
    "simulate_noninferiority_power",
    "simulate_relapse_times",
    "smallest_denominator",
    "wins_analysis_counts",
]

#: Seed of every random draw in this module unless the caller passes another one.
DEFAULT_SEED = 20240501

#: Index name of every table of simulated trials or patients: the label travels with the
#: table into every view of it (rounded, sliced, displayed).
SIMULATED_INDEX = "SIMULATED (not trial data)"


# --------------------------------------------------------------------------- validation

#: Largest number of patients in the two arms of a Fragility Index together: the search
#: recomputes Fisher's exact test after every changed patient, so its time grows with the
#: square of the trial size (about 2 s at this size).
MAX_FRAGILITY_TOTAL = MAX_SEARCH_TOTAL
#: Largest SD of the sceptical normal prior on the log odds ratio: an SD of 100 is already
#: flat over every odds ratio a trial can show (larger ones overflow the prior's range).
MAX_PRIOR_SD_LOG_OR = 100.0
#: Largest number of Gauss-Legendre nodes per axis of the sceptical posterior's grid (the
#: grid has ``nodes`` x ``nodes`` points; 400 takes a few seconds).
MAX_NODES = 400

#: A risk difference or a margin on the risk scale, strictly between -1 and 1.
RiskDifference = Annotated[FiniteFloat, at.Gt(-1), at.Lt(1)]
#: Smallest one-sided significance level accepted: below it ``1 - alpha`` rounds to 1 in
#: floating point long before it reaches 0, and the normal quantile becomes infinite.
MIN_ONE_SIDED_ALPHA = 1e-6
#: A one-sided significance level, from :data:`MIN_ONE_SIDED_ALPHA` to below 0.5.
OneSidedAlpha = Annotated[FiniteFloat, at.Ge(MIN_ONE_SIDED_ALPHA), at.Lt(0.5)]
#: Bounds of a parameter of a Beta prior, in pseudo-patients: below ``MIN_BETA_PRIOR`` the
#: prior puts all its weight on 0 or 1 in floating point, above ``MAX_BETA_PRIOR`` it
#: outweighs any data set by far and the posterior's quantiles are not finite.
MIN_BETA_PRIOR = 1e-3
MAX_BETA_PRIOR = 1e6
#: A parameter of a Beta prior: from :data:`MIN_BETA_PRIOR` to :data:`MAX_BETA_PRIOR`.
BetaPrior = Annotated[FiniteFloat, at.Ge(MIN_BETA_PRIOR), at.Le(MAX_BETA_PRIOR)]
#: Smallest SD of the sceptical prior on the log odds ratio: at it the prior already forces
#: OR = 1 to many digits; far below it (a subnormal SD) its density overflows.
MIN_PRIOR_SD_LOG_OR = 1e-6
#: Shortest horizon of simulated relapse times, in months (a constant hazard over a shorter
#: one overflows).
MIN_HORIZON_MONTHS = 0.1
#: An arm size whose every count is enumerated: 1 to :data:`MAX_EXACT_TOTAL`.
EnumeratedArm = Annotated[ExactPatients, at.Ge(1)]
#: A number of simulated trials per arm size: 100 (a power estimate needs that many) to
#: :data:`MAX_SIMULATIONS`.
TrialSimulations = Annotated[Simulations, at.Ge(100)]
#: The multiple-testing adjustments of :func:`statsmodels.stats.multitest.multipletests`.
Adjustment = Literal["bonferroni", "sidak", "holm-sidak", "holm", "simes-hochberg", "hommel",
                     "fdr_bh", "fdr_by", "fdr_tsbh", "fdr_tsbky"]
#: Margins on the risk scale: at least one, each strictly between -1 and 1.
Margins = Annotated[Sequence[RiskDifference], at.MinLen(1)]
#: Times after randomisation (months): at least one, each finite and >= 0.
Times = Annotated[Sequence[NonNegativeFloat], at.MinLen(1)]

_EVENTS_1 = Rule("x1", lambda a: a["x1"] <= a["n1"], "at most n1 ({n1})")
_EVENTS_2 = Rule("x2", lambda a: a["x2"] <= a["n2"], "at most n2 ({n2})")


def _arm_columns(a: Mapping[str, object], *, min_rows: int = 1,
                 unique: bool = True) -> pa.DataFrameSchema:
    """Schema of an arm table: a label, an event count and an arm size per row."""
    return frame_schema(
        {a["label"]: text_column(unique=unique), a["events"]: count_column(),
         a["n"]: count_column(minimum=1)},
        checks=[rows_at_most(a["events"], a["n"])], min_rows=min_rows,
    )


def _places(value: float) -> int:
    """Decimal places of a number as Python prints it (its shortest repr, trailing zeros
    dropped): ``10.05`` has 2, ``14.2`` has 1, ``13.0`` has 0."""
    if not math.isfinite(value):
        return 0  # refused by the range checks, not here
    exponent = decimal.Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _rounds_to(x: int, n: int, printed_units: int, scale: int) -> bool:
    """Whether ``100 x / n`` printed to ``log10(scale)`` places can read ``printed_units /
    scale`` percent: within half a unit of the last place, ties counted as consistent
    (either rounding direction of a tie could have printed it).  Integer arithmetic, so no
    floating-point rounding surprise."""
    return abs(100 * scale * x - printed_units * n) * 2 <= n


def _printed_to_decimals(argument: str) -> Rule:
    """Rule: the percentage ``argument`` has at most ``decimals`` decimal places, so it can
    be a value printed to ``decimals`` places (a finer one would be rounded silently)."""
    return Rule(argument, lambda a: _places(a[argument]) <= a["decimals"],
                "a percentage printed to at most decimals ({decimals}) decimal places")


#: Decimal places of the printed percentages in a published arm table.
_TABLE_DECIMALS = 1


def _printed_percent_column(*, nullable: bool = False) -> pa.Column:
    """A column of percentages (0-100) printed to at most one decimal place: every count
    derived from it is checked at one decimal, so a finer value is refused, not rounded."""
    column = real_column(nullable=nullable, minimum=0.0, maximum=100.0)

    def printed(s: pd.Series) -> pd.Series:
        values = pd.to_numeric(s, errors="coerce").astype("float64")
        return values.map(lambda v: v != v or _places(v) <= _TABLE_DECIMALS).astype(bool)

    column.checks.append(pa.Check(
        printed, error=f"a percentage printed to at most {_TABLE_DECIMALS} decimal place"))
    return column


def _printed_columns(a: Mapping[str, object]) -> pa.DataFrameSchema:
    """Schema of a published arm table: a label, an arm size and a printed percentage."""
    return frame_schema({
        a["label"]: text_column(unique=True),
        a["n"]: count_column(minimum=1, maximum=MAX_EXACT_TOTAL),
        a["pct"]: _printed_percent_column(),
    })


def _open_risk_column() -> pa.Column:
    """A column of risks strictly between 0 and 1."""
    column = real_column(minimum=0.0, maximum=1.0)
    column.checks.append(pa.Check(
        lambda s: pd.to_numeric(s, errors="coerce").between(0.0, 1.0, inclusive="neither"),
        error="a risk strictly between 0 and 1"))
    return column


def _total_at_most(columns: Sequence[str], maximum: int, what: str) -> pa.Check:
    """Frame-level rule: the sum of ``columns`` is at most ``maximum`` in every row."""
    def test(df: pd.DataFrame) -> pd.Series | bool:
        if any(c not in df for c in columns):
            return True  # reported as a missing column
        try:
            return sum(df[c].astype("float64") for c in columns).fillna(0.0) <= maximum
        except (TypeError, ValueError):
            return True  # reported by the column checks
    return pa.Check(test, error=f"{' + '.join(columns)} at most {maximum:,} ({what})")


#: The columns of a cohort of patients followed for relapse (one row per patient).
_COHORT = frame_schema({"arm": text_column(), "time_months": real_column(minimum=0.0),
                        "relapsed": flag_column()})


def _cohort_of_arms(minimum: int) -> pa.DataFrameSchema:
    def test(df: pd.DataFrame) -> bool:
        return "arm" not in df or df["arm"].nunique() >= minimum
    return frame_schema(_COHORT.columns,
                        checks=[pa.Check(test, error=f"at least {minimum} arms in column 'arm'")])


def _posterior_ok(post: BetaPosterior) -> bool:
    return all(math.isfinite(v) and v > 0 for v in (post.a, post.b))


_POSTERIORS = [
    Rule(name, lambda a, name=name: _posterior_ok(a[name]),
         "a Beta posterior with finite parameters a > 0 and b > 0")
    for name in ("post1", "post2")
]


# --------------------------------------------------------------------------- pairwise


@validated(frames={"arms": lambda a: _arm_columns(a, min_rows=2)})
def pairwise_comparisons(
    arms: Frame,
    *,
    label: Text = "arm",
    events: Text = "events",
    n: Text = "n",
    method: Adjustment = "holm",
) -> pd.DataFrame:
    """Compare every pair of arms and adjust the p-values for the number of pairs.

    The order of the rows of ``arms`` is the order of the comparisons: each pair is the
    earlier arm against the later one (``arm_1`` minus ``arm_2``), so rows in another
    order give the same pairs the other way round, each labelled by its arms.

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
        One row per arm (at least two), in the order the comparisons should follow (the
        first arm of a pair is the one listed first); labels unique, events <= n.
    label, events, n
        Column names of the arm label, the number with the event and the arm size.
    method
        A method of :func:`statsmodels.stats.multitest.multipletests` (:data:`Adjustment`);
        ``"holm"`` unless there is a reason for another.

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


@validated(rules=[
    _EVENTS_1, _EVENTS_2,
    Rule("n1", lambda a: a["n1"] + a["n2"] <= MAX_FRAGILITY_TOTAL,
         f"n1 + n2 (here {{n1}} + {{n2}}) at most {MAX_FRAGILITY_TOTAL:,}: the search "
         "recomputes Fisher's exact test after every changed patient"),
])
def fragility_index(
    x1: Patients, n1: PositivePatients, x2: Patients, n2: PositivePatients,
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
        Events and patients in arm 1 and arm 2 (``n1 + n2`` at most
        :data:`MAX_FRAGILITY_TOTAL`).
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



_PAIRS = frame_schema(
    {"arm_1": text_column(), "arm_2": text_column(), "x1": count_column(),
     "n1": count_column(minimum=1), "x2": count_column(), "n2": count_column(minimum=1)},
    checks=[rows_at_most("x1", "n1"), rows_at_most("x2", "n2"),
            _total_at_most(("n1", "n2"), MAX_FRAGILITY_TOTAL, "MAX_FRAGILITY_TOTAL")],
)


@validated(frames={"pairs": _PAIRS})
def fragility_indices(pairs: Frame, alpha: OpenProbability = 0.05) -> pd.DataFrame:
    """The fragility index of every pair of :func:`pairwise_comparisons` (a tidy table).

    ``pairs`` needs the columns ``arm_1``, ``arm_2``, ``x1``, ``n1``, ``x2`` and ``n2`` of
    :func:`pairwise_comparisons`.  Returns one row per pair: ``arm_1``, ``arm_2`` and
    ``fragility_index`` (:func:`fragility_index` of ``x1`` of ``n1`` against ``x2`` of
    ``n2`` at ``alpha``).

    >>> arms = pd.DataFrame({"arm": ["A", "B", "C"], "events": [25, 7, 6], "n": [48, 49, 49]})
    >>> fragility_indices(pairwise_comparisons(arms))["fragility_index"].tolist()
    [9, 10, 0]
    """
    return pd.DataFrame({
        "arm_1": pairs["arm_1"].astype(str).to_list(),
        "arm_2": pairs["arm_2"].astype(str).to_list(),
        "fragility_index": [
            fragility_index(int(r.x1), int(r.n1), int(r.x2), int(r.n2), alpha=alpha)
            for r in pairs.itertuples()
        ],
    })

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


@validated(rules=[_printed_to_decimals("printed_pct")])
def consistent_event_counts(
    printed_pct: Percent, n: EnumeratedArm, decimals: Decimals = 1
) -> EventCountReadings:
    """Which whole counts out of ``n`` a percentage printed to ``decimals`` places allows.

    Every count from 0 to ``n`` is tried, so ``n`` is at most
    :data:`~igg4lib._validation.MAX_EXACT_TOTAL`; ``decimals`` is 0 to 3, and
    ``printed_pct`` has at most ``decimals`` decimal places (``10.05`` with ``decimals=1``
    is refused: it was not printed to one place, and rounding it would change the question).

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
    pct = float(printed_pct)
    scale = 10**decimals
    half = 0.5 / scale
    # Exact comparisons in integer arithmetic avoid floating-point rounding surprises.
    printed_units = round(pct * scale)
    crude, truncated = [], []
    for x in range(n + 1):
        value_units = 100 * scale * x  # = pct * scale * n for this x
        # rounded: |100 x / n - pct| <= half  (ties counted as consistent)
        if _rounds_to(x, n, printed_units, scale):
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



@validated(frames={"arms": _printed_columns})
def event_count_readings(
    arms: Frame,
    *,
    label: Text = "label",
    n: Text = "n_randomised",
    pct: Text = "relapse_percent",
) -> pd.DataFrame:
    """:func:`consistent_event_counts` for every arm of a published table (a tidy table).

    ``arms`` has one row per arm: a unique label, the arm size (1 to
    :data:`~igg4lib._validation.MAX_EXACT_TOTAL`) and the printed percentage (0 to 100, at
    most one decimal place: each is read as printed to one place).

    Returns one row per arm: ``arm``, ``printed_pct``, ``n``, ``crude_counts`` (a tuple,
    empty when no whole count rounds to the printed value), ``nearest_count`` and
    ``kaplan_meier_max_events``.

    >>> arms = pd.DataFrame({"label": ["A", "B"], "n_randomised": [48, 49],
    ...                      "relapse_percent": [52.1, 14.2]})
    >>> event_count_readings(arms)[["crude_counts", "kaplan_meier_max_events"]].values.tolist()
    [[(25,), 25], [(), 6]]
    """
    rows = []
    for lab, size, printed in zip(arms[label], arms[n], arms[pct], strict=True):
        fit = consistent_event_counts(float(printed), int(size))
        rows.append({"arm": str(lab), "printed_pct": fit.printed_pct, "n": fit.n,
                     "crude_counts": fit.crude_counts, "nearest_count": fit.nearest_count,
                     "kaplan_meier_max_events": fit.kaplan_meier_max_events})
    return pd.DataFrame(rows)

#: Basis of a count that is the only whole count whose percentage rounds to the printed one.
BASIS_ONLY_COUNT = "only whole count consistent with the printed percentage"
#: Basis of a count taken from the book's adopted reading of an ambiguous percentage.
BASIS_READING = "book's reading (see readings)"
#: Basis of a count set by hand for a sensitivity analysis.
BASIS_OVERRIDE = "override (sensitivity analysis)"

#: The book's reading of each WInS arm whose printed percentage fits no whole count:
#: arm label -> question in :mod:`igg4lib.readings`.
WINS_READINGS: Mapping[str, str] = {"withdraw GC but maintain IM": "wins-arm2-relapses"}


def _labels(a: Mapping[str, object]) -> list[str]:
    return [str(v) for v in a["arms"][a["label"]]]


def _sizes(a: Mapping[str, object]) -> dict[str, int]:
    return dict(zip(_labels(a), (int(v) for v in a["arms"][a["n"]]), strict=True))


@validated(
    frames={"arms": _printed_columns},
    rules=[
        Rule("readings", lambda a: set(a["readings"] or {}) <= set(_labels(a)),
             "keys among the arm labels in column {label!r} of arms"),
        Rule("override", lambda a: set(a["override"] or {}) <= set(_labels(a)),
             "keys among the arm labels in column {label!r} of arms"),
        Rule("override", lambda a: all(x <= _sizes(a)[k] for k, x in (a["override"] or {}).items()),
             "counts at most the arm's size in column {n!r} of arms"),
    ],
)
def analysis_counts(
    arms: Frame,
    *,
    label: Text = "label",
    n: Text = "n_randomised",
    pct: Text = "relapse_percent",
    readings: Mapping[Text, Text] | None = None,
    override: Mapping[Text, Patients] | None = None,
) -> pd.DataFrame:
    """Whole event counts to analyse, inferred from printed percentages, with an honest basis.

    None of these counts is printed in the sources: each is inferred.  Each printed
    percentage in column ``pct`` is read as printed to one decimal place, so a value with
    more places (``10.05``) is refused rather than rounded.

    - When exactly one whole count of the arm rounds to the printed percentage, it is used,
      with basis :data:`BASIS_ONLY_COUNT` (consistent with the percentage, not published).
    - When no whole count (or more than one) does, the count is the one the book adopted in
      :mod:`igg4lib.readings`: ``readings`` maps the arm label to the question, and the
      basis is :data:`BASIS_READING`.  Without a reading for such an arm, a ValueError
      says so: the count is never re-derived here in another way.
    - ``override`` maps an arm label to another count, for sensitivity analyses (basis
      :data:`BASIS_OVERRIDE`).

    Returns
    -------
    pandas.DataFrame
        ``arm``, ``n``, ``events``, ``printed_pct``, ``analysed_pct``, ``basis`` and
        ``reading`` (the question in :mod:`igg4lib.readings`, empty when none was needed).

    >>> arms = pd.DataFrame({"label": ["A", "withdraw GC but maintain IM"],
    ...                      "n_randomised": [48, 49], "relapse_percent": [52.1, 14.2]})
    >>> res = analysis_counts(arms, readings=WINS_READINGS)
    >>> res["events"].tolist(), res["basis"].tolist() == [BASIS_ONLY_COUNT, BASIS_READING]
    ([25, 7], True)
    """
    from igg4lib import readings as book_readings

    override = dict(override or {})
    chosen = dict(readings or {})
    labels = [str(v) for v in arms[label]]
    rows = []
    for lab, size, printed in zip(labels, arms[n], arms[pct], strict=True):
        size = int(size)
        fits = consistent_event_counts(float(printed), size).crude_counts
        question = ""
        if lab in override:
            x, basis = override[lab], BASIS_OVERRIDE
        elif lab in chosen:
            question = chosen[lab]
            try:
                adopted = book_readings.adopted(question)
            except (KeyError, ValueError) as exc:
                raise InvalidArgument(
                    f"analysis_counts: argument 'readings' got {question!r} for arm {lab!r}; "
                    f"expected a question of igg4lib.readings with an adopted reading ({exc})"
                ) from None
            if adopted.events is None or adopted.n != size:
                raise InvalidArgument(
                    f"analysis_counts: argument 'readings': the adopted reading of "
                    f"{question!r} must give a count out of {size} patients for arm {lab!r} "
                    f"(column {n!r} of arms); got {adopted.events} of {adopted.n}"
                )
            x, basis = adopted.events, BASIS_READING
        elif len(fits) == 1:
            x, basis = fits[0], BASIS_ONLY_COUNT
        else:
            raise InvalidArgument(
                f"analysis_counts: argument 'arms', arm {lab!r}: {len(fits)} whole counts of "
                f"{size} round to {printed}%; name the book's reading of it in argument "
                "'readings' ({arm: question}, igg4lib.readings)"
            )
        rows.append({"arm": lab, "n": size, "events": x, "printed_pct": float(printed),
                     "analysed_pct": 100 * x / size, "basis": basis, "reading": question})
    return pd.DataFrame(rows)


@validated
def wins_analysis_counts() -> pd.DataFrame:
    """The WInS arms with the counts the book analyses (data set ``wins_trial_arms``).

    >>> wins_analysis_counts()["events"].tolist()
    [25, 7, 6]
    """
    from igg4lib import data

    arms = data.load("wins_trial_arms")
    return analysis_counts(arms, readings=WINS_READINGS)


@validated(frames={"counts": lambda a: _arm_columns(a, unique=False)})
def arm_risks(
    counts: Frame, *, label: Text = "arm", events: Text = "events", n: Text = "n",
    level: Level = 0.95,
) -> pd.DataFrame:
    """Each arm's event percentage with its Wilson interval, added to the arm table.

    Returns ``counts`` with ``relapse_pct``, ``ci_low_pct`` and ``ci_high_pct`` (percent of
    the arm, :func:`igg4lib.stats.wilson_ci` at ``level``) appended.

    >>> arms = pd.DataFrame({"arm": ["A"], "events": [25], "n": [48]})
    >>> arm_risks(arms)[["relapse_pct", "ci_low_pct", "ci_high_pct"]].round(1).values.tolist()
    [[52.1, 38.3, 65.5]]
    """
    cis = [stats.wilson_ci(int(x), int(size), level=level)
           for x, size in zip(counts[events], counts[n], strict=True)]
    return counts.assign(
        relapse_pct=[100 * c.estimate for c in cis],
        ci_low_pct=[100 * c.ci_low for c in cis],
        ci_high_pct=[100 * c.ci_high for c in cis],
    )



@validated(rules=[_printed_to_decimals("printed_pct")])
def smallest_denominator(printed_pct: Percent, decimals: Decimals = 1) -> tuple[int, int]:
    """Smallest ``n`` (and its count ``x``) with ``100 x / n`` rounding to ``printed_pct``.

    The same rounding rule as :func:`consistent_event_counts` (ties count as consistent),
    tested for each ``n`` in constant time: the whole counts that round to the printed value
    form an interval, so only its smallest member is checked.  ``n = 100 * 10**decimals``
    always fits, so the search stops there at the latest (``decimals`` is 0 to 3;
    ``printed_pct`` has at most ``decimals`` decimal places).

    >>> smallest_denominator(14.2)
    (15, 106)
    >>> smallest_denominator(50.0)
    (1, 2)
    """
    scale = 10**decimals
    printed_units = round(float(printed_pct) * scale)
    for n in range(1, 100 * scale + 1):
        # smallest x with |100 scale x - printed_units n| * 2 <= n (integer arithmetic)
        x = max(0, -((n - 2 * printed_units * n) // (200 * scale)))
        if x <= n and _rounds_to(x, n, printed_units, scale):
            return x, n
    raise AssertionError("unreachable: x = printed_units fits n = 100 * scale")  # pragma: no cover


def _size_of(a: Mapping[str, object], arm: str) -> int:
    frame = a["arms"]
    return int(frame.loc[frame[a["label"]].astype(str) == arm, a["n"]].iloc[0])


def _reference(a: Mapping[str, object]) -> str:
    return _labels(a)[0] if a["reference"] is None else a["reference"]


@validated(
    frames={"arms": lambda a: _arm_columns(a, min_rows=2)},
    rules=[
        Rule("arm", lambda a: a["arm"] in _labels(a),
             "one of the arm labels in column {label!r} of arms"),
        Rule("reference", lambda a: _reference(a) in _labels(a) and _reference(a) != a["arm"],
             "another arm's label in column {label!r} of arms (not arm {arm!r})"),
        Rule("counts", lambda a: max(a["counts"]) <= _size_of(a, a["arm"]),
             "event counts at most the size of arm {arm!r} (column {n!r} of arms)"),
        Rule("arms", lambda a: _size_of(a, a["arm"]) + _size_of(a, _reference(a))
             <= MAX_FRAGILITY_TOTAL,
             f"the two compared arms together at most {MAX_FRAGILITY_TOTAL:,} patients "
             "(MAX_FRAGILITY_TOTAL, for the fragility index)"),
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
    margin: RiskDifference = 0.2,
    arm_minus_reference: StrictFlag = False,
) -> pd.DataFrame:
    """Re-run the key analyses with other event counts for one arm.

    The order of the rows matters only for the default ``reference``, the arm of the
    first row; pass ``reference`` to name it.

    For each count in ``counts`` the arm's events are replaced, and the comparison of the
    ``reference`` arm (default: the first row) against ``arm`` is recomputed: risk
    difference with its 95% CI, NNT, Fisher p (raw and Holm-adjusted over all pairs), the
    fragility index, and the posterior probability (uniform priors) that the difference
    exceeds ``margin``.

    The difference is ``reference minus arm`` by default and ``arm minus reference`` with
    ``arm_minus_reference=True``; the column ``difference`` says which, so a table never
    leaves its sign to be guessed.

    >>> arms = pd.DataFrame({"arm": ["A", "B", "C"], "events": [25, 7, 6], "n": [48, 49, 49]})
    >>> sensitivity_to_count(arms, "B", [6, 7, 8])["events"].tolist()
    [6, 7, 8]
    >>> sensitivity_to_count(arms, "B", [7], reference="C", arm_minus_reference=True)[
    ...     "difference"].item()
    'B minus C'
    """
    labels = [str(v) for v in arms[label]]
    ref = labels[0] if reference is None else reference
    rows = []
    for x in counts:
        alt = arms.copy()
        alt.loc[alt[label].astype(str) == arm, events] = x
        pairs = pairwise_comparisons(alt, label=label, events=events, n=n)
        hit = pairs[((pairs["arm_1"] == ref) & (pairs["arm_2"] == arm))
                    | ((pairs["arm_1"] == arm) & (pairs["arm_2"] == ref))].iloc[0]
        sign = 1.0 if hit["arm_1"] == ref else -1.0
        if arm_minus_reference:
            sign = -sign
        xr = int(alt.loc[alt[label].astype(str) == ref, events].iloc[0])
        nr = int(alt.loc[alt[label].astype(str) == ref, n].iloc[0])
        na = int(alt.loc[alt[label].astype(str) == arm, n].iloc[0])
        rd_lo, rd_hi = sorted((sign * hit["rd_ci_low"], sign * hit["rd_ci_high"]))
        pair = ((int(x), na), (xr, nr))
        first, second = pair if arm_minus_reference else pair[::-1]
        rows.append({
            "events": int(x), "n": na, "risk_pct": 100 * x / na,
            "difference": f"{arm} minus {ref}" if arm_minus_reference else f"{ref} minus {arm}",
            # "+ 0.0" turns a negative zero (equal risks, reversed arms) into 0.0
            "risk_difference": sign * hit["risk_difference"] + 0.0, "rd_ci_low": rd_lo,
            "rd_ci_high": rd_hi, "nnt_text": stats.compare_proportions(xr, nr, int(x), na)
            .nnt.describe(digits=1),
            "p_fisher": hit["p_fisher"], "p_fisher_adjusted": hit["p_fisher_adjusted"],
            "fragility_index": fragility_index(xr, nr, int(x), na),
            "prob_exceeds_margin": risk_difference_posterior(
                *first, *second, margin=margin).prob_exceeds_margin,
        })
    out = pd.DataFrame(rows)
    out.attrs["margin"] = float(margin)
    return out


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
    x: Patients, n: PositivePatients, prior_a: BetaPrior = 1.0, prior_b: BetaPrior = 1.0,
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
    """Posterior of the risk difference p1 - p2 under independent beta posteriors.

    Every number is computed from the exact distribution of the difference of two
    independent beta variables by numerical integration (no simulation).
    """

    arm_1: BetaPosterior
    arm_2: BetaPosterior
    margin: float
    #: P(p1 - p2 > margin | data)
    prob_exceeds_margin: float
    mean: float
    #: equal-tailed credible interval of p1 - p2 (quantiles found by root-finding)
    cri_low: float
    cri_high: float
    level: float


_QUAD = {"limit": 200, "epsabs": 1e-12, "epsrel": 1e-10}


def _prob_difference_exceeds(post1: BetaPosterior, post2: BetaPosterior, m: float) -> float:
    """P(p1 - p2 > m) for independent Beta posteriors, by numerical integration.

    ``P = integral over q of f2(q) * P(p1 > q + m) dq`` with ``f2`` the density of arm 2's
    posterior; the integrand is evaluated with :mod:`scipy.special` (regularised incomplete
    beta function), and quad's absolute error bound is below 1e-10.
    """
    a1, b1, a2, b2 = post1.a, post1.b, post2.a, post2.b
    if m <= -1.0:
        return 1.0
    if m >= 1.0:
        return 0.0
    lo, hi = max(0.0, -m), min(1.0, 1.0 - m)
    log_norm = special.betaln(a2, b2)

    def integrand(q: float) -> float:
        if q <= 0.0 or q >= 1.0:
            return 0.0
        log_pdf = (a2 - 1) * math.log(q) + (b2 - 1) * math.log1p(-q) - log_norm
        return math.exp(log_pdf) * float(special.betaincc(a1, b1, min(q + m, 1.0)))

    # Break the range at arm 2's quantiles so that quad sees where the integrand lives.
    pts = sorted({float(v) for v in sps.beta.ppf([1e-8, 0.01, 0.5, 0.99, 1 - 1e-8], a2, b2)
                  if lo < v < hi})
    prob, _ = integrate.quad(integrand, lo, hi, points=pts or None, **_QUAD)
    prob += float(special.betainc(a2, b2, lo))  # q < lo (margin < 0): p1 > q + m surely
    return min(max(float(prob), 0.0), 1.0)


@validated(rules=_POSTERIORS)
def difference_cdf(
    d: Annotated[FiniteFloat, at.Ge(-1), at.Le(1)],
    post1: InstanceOf[BetaPosterior],
    post2: InstanceOf[BetaPosterior],
) -> float:
    """P(p1 - p2 <= d) for independent Beta posteriors (numerical integration, no simulation).

    ``d`` is a difference of two risks, in [-1, 1]; ``post1`` and ``post2`` are
    :class:`BetaPosterior` objects (from :func:`beta_posterior`).

    >>> flat = beta_posterior(0, 0 + 1, 1.0, 1.0)  # Beta(1, 2)
    >>> round(difference_cdf(0.0, flat, flat), 6)   # symmetric: half the mass below zero
    0.5
    """
    return 1.0 - _prob_difference_exceeds(post1, post2, float(d))


@validated(rules=_POSTERIORS)
def difference_quantile(
    q: OpenProbability, post1: InstanceOf[BetaPosterior], post2: InstanceOf[BetaPosterior]
) -> float:
    """The ``q`` quantile of p1 - p2: the root of ``difference_cdf(d) = q`` (Brent's method).

    ``q`` is strictly between 0 and 1; the search is bounded (at most 200 steps on [-1, 1]).

    >>> u = beta_posterior(0, 1, 1.0, 1.0)  # Beta(1, 2)
    >>> round(difference_quantile(0.5, u, u), 6)
    0.0
    """
    return float(optimize.brentq(lambda d: 1.0 - _prob_difference_exceeds(post1, post2, d) - q,
                                 -1.0, 1.0, xtol=1e-10, rtol=1e-12, maxiter=200))


@validated(rules=[_EVENTS_1, _EVENTS_2])
def risk_difference_posterior(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    *,
    prior_a: BetaPrior = 1.0,
    prior_b: BetaPrior = 1.0,
    margin: RiskDifference = 0.0,
    level: Level = 0.95,
) -> DifferencePosterior:
    """Posterior of p1 - p2, its credible interval and the probability that it exceeds ``margin``.

    Both arms get the same Beta(prior_a, prior_b) prior, independently.  The probability
    ``P(p1 - p2 > margin)`` is the integral ``f2(q) * (1 - F1(q + margin)) dq``
    (:func:`difference_cdf`); the equal-tailed credible interval is found by root-finding
    on that distribution function (:func:`difference_quantile`).  Nothing is simulated.

    With arm 1 = withdraw GC+IM and arm 2 = keep the IM, ``prob_exceeds_margin`` is the
    probability that keeping the IM lowers 18-month relapse by more than ``margin``.

    Reference: Gelman A et al. Bayesian Data Analysis, 3rd ed. 2013, section 3.4
    (independent beta posteriors of two binomial proportions); Brent RP. Algorithms for
    Minimization without Derivatives. 1973 (root-finding).

    >>> r = risk_difference_posterior(25, 48, 7, 49, margin=0.2)
    >>> 0.9 < r.prob_exceeds_margin < 1.0, r.cri_low < r.mean < r.cri_high
    (True, True)
    """
    m = float(margin)
    post1 = beta_posterior(x1, n1, prior_a, prior_b, level)
    post2 = beta_posterior(x2, n2, prior_a, prior_b, level)
    tail = (1 - post1.level) / 2
    return DifferencePosterior(
        arm_1=post1, arm_2=post2, margin=m,
        prob_exceeds_margin=_prob_difference_exceeds(post1, post2, m),
        mean=post1.mean - post2.mean,
        cri_low=difference_quantile(tail, post1, post2),
        cri_high=difference_quantile(1 - tail, post1, post2),
        level=post1.level,
    )


#: Priors on each arm's risk for the sensitivity analysis: name -> (a, b), the same prior
#: for both arms.  The last two are *informative priors on each arm's risk*, centred on a
#: 30% relapse risk; they are not priors on the treatment effect (see
#: :func:`sceptical_effect_posterior` for that).
DEFAULT_PRIORS: Mapping[str, tuple[float, float]] = {
    "uniform Beta(1, 1)": (1.0, 1.0),
    "Jeffreys Beta(0.5, 0.5)": (0.5, 0.5),
    "informative Beta(6, 14) on each arm's risk, worth 20 patients": (6.0, 14.0),
    "strongly informative Beta(15, 35) on each arm's risk, worth 50 patients": (15.0, 35.0),
}


@validated(rules=[_EVENTS_1, _EVENTS_2])
def prior_sensitivity(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    *,
    priors: Annotated[Mapping[Text, tuple[BetaPrior, BetaPrior]], at.MinLen(1)]
    | None = None,
    margins: Margins = (0.0, 0.1, 0.2),
    with_interval: StrictFlag = True,
) -> pd.DataFrame:
    """Posterior summaries of p1 - p2 under several priors on each arm's risk (a tidy table).

    The default priors are flat (uniform, Jeffreys) or *informative on each arm's risk*:
    the same Beta prior for both arms, centred on a 30% relapse risk, worth ``a + b``
    patients per arm.  Such a prior pulls each arm towards 30%; it is not a prior on the
    treatment effect, and it shrinks the difference only as a side effect.  A sceptical
    prior on the effect itself is :func:`sceptical_effect_posterior`.

    ``with_interval=False`` skips the credible interval (its columns are then NaN), which
    makes a fine grid of margins fast.

    >>> t = prior_sensitivity(25, 48, 7, 49, margins=(0.0,))
    >>> list(t.columns)
    ['prior', 'prior_a', 'prior_b', 'margin', 'prob_exceeds_margin', 'mean', 'cri_low', 'cri_high']
    """
    priors = DEFAULT_PRIORS if priors is None else priors
    rows = []
    for name, (a, b) in priors.items():
        post1 = beta_posterior(x1, n1, a, b)
        post2 = beta_posterior(x2, n2, a, b)
        if with_interval:
            low = difference_quantile(0.025, post1, post2)
            high = difference_quantile(0.975, post1, post2)
        else:
            low = high = float("nan")
        for m in margins:
            rows.append({
                "prior": name, "prior_a": float(a), "prior_b": float(b), "margin": float(m),
                "prob_exceeds_margin": _prob_difference_exceeds(post1, post2, float(m)),
                "mean": post1.mean - post2.mean, "cri_low": low, "cri_high": high,
            })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- sceptical prior


@validated
def sceptical_prior_sd(
    or_bound: Annotated[FiniteFloat, at.Gt(1)],
    prob: Annotated[OpenProbability, at.Ge(0.01)] = 0.95
) -> float:
    """SD of a normal prior on the log odds ratio, centred on 0 (no effect), that puts
    probability ``prob`` on odds ratios between ``1 / or_bound`` and ``or_bound``.

    >>> round(sceptical_prior_sd(2.0), 4)
    0.3537
    """
    return math.log(or_bound) / float(sps.norm.ppf(0.5 + prob / 2))


@dataclass(frozen=True)
class EffectPriorPosterior:
    """Posterior of a two-arm comparison under a sceptical normal prior on the log odds ratio.

    The prior is centred on no difference: ``log OR ~ N(0, prior_sd_log_or^2)``, with the
    odds ratio of arm 1 against arm 2; arm 2's risk gets a Beta(1, 1) prior, independently.
    """

    x1: int
    n1: int
    x2: int
    n2: int
    prior_sd_log_or: float
    #: the central 95% range of the prior odds ratio
    prior_or_low: float
    prior_or_high: float
    #: P(OR > 1 | data) = P(p1 > p2 | data)
    prob_or_above_1: float
    or_median: float
    or_cri_low: float
    or_cri_high: float
    rd_cri_low: float
    rd_cri_high: float
    #: (margin, P(p1 - p2 > margin | data)) for each margin asked for
    prob_exceeds: tuple[tuple[float, float], ...]
    level: float

    def prob_exceeds_margin(self, margin: float) -> float:
        """P(p1 - p2 > margin) for one of the margins the posterior was computed for."""
        for m, p in self.prob_exceeds:
            if math.isclose(m, float(margin), abs_tol=1e-12):
                return p
        raise ValueError(
            f"margin {margin!r} was not computed; "
            f"expected one of {[m for m, _ in self.prob_exceeds]}"
        )


class _LogOddsRatioPosterior:
    """Joint posterior of (u, t): u = logit of arm 2's risk, t = log OR of arm 1 vs arm 2.

    Integrals are computed by tensor Gauss-Legendre quadrature on a box of +-12 posterior
    standard deviations around the mode (the log posterior is concave, so the mass outside
    is negligible).  For a region ``t > threshold(u)`` the inner nodes are mapped onto
    ``[threshold(u), upper end]`` for each outer node, so the boundary is integrated exactly
    rather than approximated by a step.
    """

    def __init__(self, x1: int, n1: int, x2: int, n2: int, sd: float, nodes: int) -> None:
        self.x1, self.n1, self.x2, self.n2, self.sd = x1, n1, x2, n2, sd
        # Beta(1, 1) prior on p2 and the Jacobian dp2/du give p2^(x2+1) (1-p2)^(n2-x2+1).
        self.a2, self.m2 = x2 + 1.0, n2 + 2.0
        res = optimize.minimize(lambda v: -self.log_kernel(v[0], v[1]), x0=np.zeros(2),
                                method="Nelder-Mead",
                                options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 5000})
        u0, t0 = (float(v) for v in res.x)
        p2, p1 = special.expit(u0), special.expit(u0 + t0)
        h_uu = self.m2 * p2 * (1 - p2) + n1 * p1 * (1 - p1)
        h_tt = n1 * p1 * (1 - p1) + 1 / sd**2
        h_ut = n1 * p1 * (1 - p1)
        cov = np.linalg.inv(np.array([[h_uu, h_ut], [h_ut, h_tt]]))
        su, st = math.sqrt(cov[0, 0]), math.sqrt(cov[1, 1])
        self.u_lo, self.u_hi = u0 - 12 * su, u0 + 12 * su
        self.t_lo, self.t_hi = t0 - 12 * st, t0 + 12 * st
        self.shift = -float(res.fun)
        self.gx, self.gw = np.polynomial.legendre.leggauss(nodes)
        self.u, self.wu = self._nodes(self.u_lo, self.u_hi)
        self.total = self._mass(lambda u: np.full_like(u, self.t_lo))

    def log_kernel(self, u: np.ndarray | float, t: np.ndarray | float) -> np.ndarray | float:
        return (self.a2 * u - self.m2 * np.logaddexp(0.0, u)
                + self.x1 * (u + t) - self.n1 * np.logaddexp(0.0, u + t)
                - 0.5 * (t / self.sd) ** 2)

    def _nodes(
        self, lo: np.ndarray | float, hi: np.ndarray | float
    ) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = np.asarray(lo, float), np.asarray(hi, float)
        half = (hi - lo)[..., None] / 2
        return (lo[..., None] + half * (self.gx + 1)), half * self.gw

    def _mass(self, threshold) -> float:
        """Integral of the kernel over {t > threshold(u)} inside the box."""
        lo = np.clip(threshold(self.u), self.t_lo, self.t_hi)
        t, wt = self._nodes(lo, np.full_like(lo, self.t_hi))
        dens = np.exp(self.log_kernel(self.u[:, None], t) - self.shift)
        return float(np.sum(self.wu * np.sum(wt * dens, axis=1)))

    def prob_log_or_above(self, value: float) -> float:
        return min(max(self._mass(lambda u: np.full_like(u, value)) / self.total, 0.0), 1.0)

    def prob_rd_above(self, m: float) -> float:
        """P(p1 - p2 > m): p1 > p2 + m  <=>  t > logit(p2 + m) - u."""
        def threshold(u: np.ndarray) -> np.ndarray:
            target = special.expit(u) + m
            out = np.where(target >= 1.0, np.inf, -np.inf)
            inside = (target > 0.0) & (target < 1.0)
            out[inside] = special.logit(target[inside]) - u[inside]
            return out

        return min(max(self._mass(threshold) / self.total, 0.0), 1.0)

    def quantile(self, prob_above, q: float, lo: float, hi: float) -> float:
        return float(optimize.brentq(lambda v: (1.0 - prob_above(v)) - q, lo, hi,
                                     xtol=1e-10, rtol=1e-12, maxiter=200))


@validated(rules=[_EVENTS_1, _EVENTS_2])
def sceptical_effect_posterior(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    *,
    prior_sd_log_or: Annotated[PositiveFloat, at.Ge(MIN_PRIOR_SD_LOG_OR),
                               at.Le(MAX_PRIOR_SD_LOG_OR)],
    margins: Margins = (0.0, 0.1, 0.2),
    level: Level = 0.95,
    nodes: Annotated[Whole, at.Ge(20), at.Le(MAX_NODES)] = 160,
) -> EffectPriorPosterior:
    """Posterior of arm 1 against arm 2 under a sceptical prior on the treatment effect.

    The prior is on the effect itself and centred on no difference: the log odds ratio of
    arm 1 against arm 2 is normal with mean 0 and SD ``prior_sd_log_or`` (choose it with
    :func:`sceptical_prior_sd`; at most :data:`MAX_PRIOR_SD_LOG_OR`); arm 2's risk has a
    uniform prior, independently.  The posterior has no closed form, so it is integrated
    numerically on a two-dimensional Gauss-Legendre grid (``nodes`` x ``nodes``, ``nodes``
    from 20 to :data:`MAX_NODES`) and quantiles are found by root-finding; nothing is
    simulated.

    Returns the probability that arm 1's risk exceeds arm 2's (OR > 1), the probability
    that the risk difference p1 - p2 exceeds each margin, and credible intervals of the
    odds ratio and of the risk difference.

    Reference: Spiegelhalter DJ, Freedman LS, Parmar MKB. Bayesian approaches to
    randomized trials. J R Stat Soc A 1994;157:357-416 (sceptical priors).

    >>> r = sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=sceptical_prior_sd(2.0))
    >>> r.or_cri_low < r.or_median < r.or_cri_high, r.prob_or_above_1 > 0.9
    (True, True)
    """
    sd = prior_sd_log_or
    post = _LogOddsRatioPosterior(x1, n1, x2, n2, sd, nodes)
    tail = (1 - level) / 2
    z = float(sps.norm.ppf(0.975))
    t_q = [post.quantile(post.prob_log_or_above, q, post.t_lo, post.t_hi)
           for q in (tail, 0.5, 1 - tail)]
    rd_q = [post.quantile(post.prob_rd_above, q, -1 + 1e-12, 1 - 1e-12)
            for q in (tail, 1 - tail)]
    return EffectPriorPosterior(
        x1=x1, n1=n1, x2=x2, n2=n2, prior_sd_log_or=sd,
        prior_or_low=math.exp(-z * sd), prior_or_high=math.exp(z * sd),
        prob_or_above_1=post.prob_log_or_above(0.0),
        or_median=math.exp(t_q[1]), or_cri_low=math.exp(t_q[0]), or_cri_high=math.exp(t_q[2]),
        rd_cri_low=rd_q[0], rd_cri_high=rd_q[1],
        prob_exceeds=tuple((float(m), post.prob_rd_above(float(m))) for m in margins),
        level=level,
    )


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


def _ni_size(a: Mapping[str, Any]) -> float:
    """The unrounded sample size of :func:`noninferiority_sample_size` (inf if none)."""
    gap = a["margin"] - (a["p_experimental"] - a["p_control"])
    if gap <= 0:
        return math.inf
    z = float(sps.norm.ppf(1 - a["alpha"]) + sps.norm.ppf(a["power"]))
    pc, pe = a["p_control"], a["p_experimental"]
    with np.errstate(all="ignore"):
        n = z**2 * (pc * (1 - pc) + pe * (1 - pe)) / gap**2 if gap**2 > 0 else math.inf
    return n if math.isfinite(n) else math.inf


@validated(rules=[Rule(
    "margin", lambda a: a["p_experimental"] - a["p_control"] < a["margin"],
    "above p_experimental - p_control ({p_experimental} - {p_control}); otherwise no "
    "sample size gives non-inferiority"), Rule(
    "margin", lambda a: _ni_size(a) <= MAX_PATIENTS,
    f"far enough above p_experimental - p_control that at most MAX_PATIENTS = "
    f"{MAX_PATIENTS:,} patients per arm are needed")])
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


def _number_of_sizes(sizes: int | Sequence[int]) -> int:
    return 1 if isinstance(sizes, int) else len(sizes)


@validated(rules=[Rule(
    "n_sims", lambda a: a["n_sims"] * _number_of_sizes(a["n_per_arm"]) <= MAX_SIMULATIONS,
    f"n_sims times the number of arm sizes at most {MAX_SIMULATIONS:,} simulated trials "
    "(MAX_SIMULATIONS)")])
def simulate_noninferiority_power(
    p_control: OpenProbability,
    p_experimental: OpenProbability,
    n_per_arm: PositivePatients | Annotated[Sequence[PositivePatients], at.MinLen(1)],
    margin: OpenProbability,
    alpha: OneSidedAlpha = 0.025,
    n_sims: TrialSimulations = 100_000,
    seed: Seed = DEFAULT_SEED,
) -> pd.DataFrame:
    """Monte Carlo power of the Wald non-inferiority test, vectorised over trials and sizes.

    For each arm size, ``n_sims`` trials are simulated at once (one binomial draw per arm
    and trial, as numpy arrays), the Wald statistic is computed for all of them, and the
    power is the proportion of trials that reject H0: ``pe - pc >= margin``.  A trial with
    a zero standard error (no events, or only events, in both arms) rejects when its
    observed difference is below the margin.

    ``n_sims`` is at least 100, and ``n_sims`` times the number of arm sizes at most
    :data:`~igg4lib._validation.MAX_SIMULATIONS`.

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
    out = pd.DataFrame(rows)
    out.index.name = SIMULATED_INDEX
    return out


def _experimental(a: Mapping[str, object]) -> float:
    return a["p_control"] if a["p_experimental"] is None else a["p_experimental"]


@validated(rules=[
    Rule("margins", lambda a: min(a["margins"]) > _experimental(a) - a["p_control"],
         "margins above p_experimental - p_control; otherwise no sample size gives "
         "non-inferiority"),
    Rule("n_sims", lambda a: a["n_sims"] * len(a["margins"]) <= MAX_SIMULATIONS,
         f"n_sims times the number of margins at most {MAX_SIMULATIONS:,} simulated trials "
         "(MAX_SIMULATIONS)"),
])
def noninferiority_margin_table(
    p_control: OpenProbability,
    margins: Annotated[Sequence[OpenProbability], at.MinLen(1)],
    *,
    p_experimental: OpenProbability | None = None,
    alpha: OneSidedAlpha = 0.025,
    n_sims: TrialSimulations = 100_000,
    seed: Seed = DEFAULT_SEED,
) -> pd.DataFrame:
    """What each non-inferiority margin accepts, and what it costs in patients.

    For each margin: the true relapse risk at the margin (``p_control + margin``; the
    margin declares acceptable any true risk below it, and a strategy whose true risk is
    at the margin is declared non-inferior only at the one-sided ``alpha`` rate), the
    patients per arm and in all for 80% and 90% power (:func:`noninferiority_sample_size`),
    and a SIMULATED check of the power at the 80% size
    (:func:`simulate_noninferiority_power`, ``n_sims`` trials, seeded).  A margin whose
    80% size exceeds :data:`~igg4lib._validation.MAX_PATIENTS` per arm is refused.

    >>> t = noninferiority_margin_table(0.12, [0.10, 0.05], n_sims=2000)
    >>> t[["margin_points", "accepted_relapse_pct", "n_per_arm_80"]].values.tolist()
    [[10.0, 22.0, 166.0], [5.0, 17.0, 664.0]]
    """
    pc = p_control
    pe = pc if p_experimental is None else p_experimental
    rows = []
    for m in margins:
        sizes = {power: _ni_size({"p_control": pc, "p_experimental": pe, "margin": m,
                                  "alpha": alpha, "power": power}) for power in (0.8, 0.9)}
        if max(sizes.values()) > MAX_PATIENTS:
            n80 = sizes[0.8]
            shown = f"{math.ceil(n80 - 1e-9):,}" if math.isfinite(n80) else "not finite"
            raise InvalidArgument(
                f"noninferiority_margin_table: argument 'margins' got {m!r}; expected a "
                f"margin whose 80% and 90% sample sizes (80%: {shown} per arm) are at most "
                f"{MAX_PATIENTS:,} (MAX_PATIENTS)")
        n80 = noninferiority_sample_size(pc, pe, m, alpha=alpha, power=0.8)
        n90 = noninferiority_sample_size(pc, pe, m, alpha=alpha, power=0.9)
        sim = simulate_noninferiority_power(pc, pe, n80, m, alpha=alpha, n_sims=n_sims,
                                            seed=seed)
        rows.append({
            "margin_points": 100 * m, "accepted_relapse_pct": 100 * (pc + m),
            "n_per_arm_80": n80, "n_total_80": 2 * n80,
            "n_per_arm_90": n90, "n_total_90": 2 * n90,
            "power_at_n80_SIMULATED": float(sim["power_simulated"].iloc[0]),
        })
    out = pd.DataFrame(rows)
    out.attrs = {"simulated_columns": ["power_at_n80_SIMULATED"], "n_sims": n_sims}
    return out


# --------------------------------------------------------------------------- simulation


def _simulation_arms(a: Mapping[str, object]) -> pa.DataFrameSchema:
    return frame_schema(
        {a["label"]: text_column(), a["n"]: count_column(minimum=1),
         a["risk"]: _open_risk_column()},
        checks=[pa.Check(lambda df: a["n"] not in df
                         or pd.to_numeric(df[a["n"]], errors="coerce").sum() <= MAX_PATIENTS,
                         element_wise=False,
                         error=f"at most {MAX_PATIENTS:,} simulated patients in all "
                               f"(column {a['n']!r}, MAX_PATIENTS)")],
    )


@validated(frames={"arms": _simulation_arms})
def simulate_relapse_times(
    arms: Frame,
    *,
    label: Text = "arm",
    n: Text = "n",
    risk: Text = "risk_18m",
    horizon_months: Annotated[PositiveFloat, at.Ge(MIN_HORIZON_MONTHS)] = 18.0,
    seed: Seed = DEFAULT_SEED,
) -> pd.DataFrame:
    """SIMULATE patient-level relapse times, one constant hazard per arm (not trial data).

    Each arm's hazard is chosen so that the relapse probability at ``horizon_months``
    equals the arm's risk in column ``risk``: ``hazard = -ln(1 - risk) / horizon_months``.
    The default column name ``risk_18m`` and the default horizon of 18 months go together
    (the WInS trial's 18-month proportions); with another horizon, the risks are read as
    risks at that horizon.  Every simulated patient gets an exponential relapse time; those
    beyond the horizon are censored at the horizon (administrative censoring, no loss to
    follow-up).  The same seed gives
    the same cohort.  ``arms`` has one row per arm: a label, a size (at most
    :data:`~igg4lib._validation.MAX_PATIENTS` patients in all) and a risk strictly between
    0 and 1.

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
    out.index.name = SIMULATED_INDEX
    return out


def _followed_to(a: Mapping[str, object]) -> float:
    """The shortest last follow-up time of any arm of ``cohort`` (months)."""
    cohort = a["cohort"]
    return float(cohort.groupby("arm", sort=False)["time_months"].max().min())


@validated(frames={"cohort": _COHORT}, rules=[Rule(
    "times", lambda a: max(a["times"]) <= _followed_to(a),
    "times at most the last follow-up time (column 'time_months' of cohort) of every arm; "
    "no estimate exists beyond it")])
def kaplan_meier_table(cohort: Frame, times: Times = (6.0, 12.0, 18.0)) -> pd.DataFrame:
    """Kaplan-Meier relapse-free probability per arm at given times (lifelines).

    ``cohort`` has one row per patient: ``arm`` (a label), ``time_months`` (>= 0) and
    ``relapsed`` (True or False), as :func:`simulate_relapse_times` returns.  Every time in
    ``times`` is at most the last follow-up time of every arm: beyond it the estimate is
    not defined (lifelines would repeat the last value), so such a time is refused.

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
    return _label_if_simulated(pd.DataFrame(rows), cohort)


@validated(frames={"cohort": _COHORT})
def numbers_at_risk(cohort: Frame, times: Times) -> pd.DataFrame:
    """Patients of each arm still at risk (followed and event-free) at each time.

    A patient is at risk at ``t`` when their time is at least ``t`` (the convention of a
    Kaplan-Meier plot's numbers-at-risk row, and of lifelines' event tables). Returns one
    row per arm and time: ``arm``, ``time_months``, ``at_risk``; labelled SIMULATED when the
    cohort is.

    >>> arms = pd.DataFrame({"arm": ["A"], "n": [48], "risk_18m": [25 / 48]})
    >>> nar = numbers_at_risk(simulate_relapse_times(arms), times=[0.0, 18.0])
    >>> nar["at_risk"].tolist(), nar.index.name
    ([48, 18], 'SIMULATED (not trial data)')
    """
    rows = [
        {"arm": str(arm), "time_months": float(t),
         "at_risk": int((grp["time_months"] >= float(t)).sum())}
        for arm, grp in cohort.groupby("arm", sort=False)
        for t in times
    ]
    return _label_if_simulated(pd.DataFrame(rows), cohort)



@validated(frames={"cohort": _cohort_of_arms(2)})
def logrank_tests(cohort: Frame) -> pd.DataFrame:
    """Global and pairwise log-rank tests of a (simulated) cohort, via lifelines.

    The order of the rows names each pairwise comparison ("A vs B": arms in order of
    first appearance); the statistics do not depend on the order of the rows.

    Returns one row for the global test across all arms and one per pair, with the
    chi-square statistic, degrees of freedom and p-value.  ``cohort`` is as for
    :func:`kaplan_meier_table`, with at least two arms.

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
    return _label_if_simulated(pd.DataFrame(rows), cohort)


def _label_if_simulated(table: pd.DataFrame, cohort: pd.DataFrame) -> pd.DataFrame:
    """Name the index SIMULATED when the cohort is simulated, so every view of the table says so."""
    if cohort.attrs.get("synthetic") or cohort.index.name == SIMULATED_INDEX:
        table.index.name = SIMULATED_INDEX
        table.attrs = {"synthetic": True}
    return table
