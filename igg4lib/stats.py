"""Proportions, their intervals and the effect measures of a 2x2 table.

The functions take counts and return frozen result objects, in the style of
:mod:`scipy.stats` results.  The arithmetic is done by :mod:`scipy.stats` and
:mod:`statsmodels`; only the bookkeeping that neither offers (zero cells, the number needed
to treat and its interval) is written here.

Conventions
-----------
Two groups are compared as *group 1 against group 2*.  Group 1 is the comparator (for
example glucocorticoid monotherapy), group 2 the treatment of interest (glucocorticoid plus
an immunosuppressant), and an *event* is an undesirable outcome (failure, relapse).

- The risk difference is ``p1 - p2``; the risk ratio ``p1 / p2`` and the odds ratio
  ``odds1 / odds2`` compare group 1 with group 2, matching the cell order of
  :func:`odds_ratio_ci` (exposed events, exposed non-events, unexposed events, unexposed
  non-events) with group 1 as the exposed group.
- **Number needed to treat.**  ``1 / |p1 - p2|``.  When group 2 has fewer events
  (``p1 > p2``) it is a number needed to treat for one patient to *benefit* (NNTB) from
  receiving treatment 2 instead of 1; when group 2 has more events it is a number needed to
  treat for one patient to be *harmed* (NNTH).  Its confidence interval is the reciprocal of
  the risk-difference interval.  When that interval includes zero the set of compatible NNTs
  runs from an NNTH through infinity to an NNTB, and is written as Altman (1998) recommends,
  e.g. ``NNTB 10 (NNTH 20 to ∞ to NNTB 5)``.  When the risks are equal the NNT is infinite.
- **Zero cells.**  With a zero cell the Wald interval on the log scale has an infinite
  standard error.  A ratio whose denominator is zero is reported as ``math.inf`` and one
  whose numerator is zero as ``0.0``; a ratio that is 0/0 (no events at all, or events in
  every patient) is undefined and reported as ``None``.  The Wald interval of a ratio with
  any zero cell is ``None`` on both ends, never NaN.  Pass ``zero_cell_correction=True`` to
  add 0.5 to every cell of a table that has a zero cell (Haldane-Anscombe) and get finite
  estimates instead; the result records that the correction was applied.
- The chi-square test is undefined when a row or column of the table is empty (an
  expected count is zero); its p-values are then ``None``.  Fisher's exact test is always
  defined.

References: Altman DG. Confidence intervals for the number needed to treat. BMJ
1998;317:1309-12.  Newcombe RG. Interval estimation for the difference between independent
proportions. Stat Med 1998;17:873-90.

Examples
--------
>>> res = compare_proportions(16, 77, 10, 138)
>>> round(res.p1, 3), round(res.p2, 3)
(0.208, 0.072)
>>> round(res.p_fisher, 3)
0.008
>>> res.nnt.describe(digits=1)
'NNTB 7.4 (4.1 to 24.2)'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats as _sps
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from igg4lib._validation import (
    Level,
    Patients,
    PositivePatients,
    Rule,
    StrictFlag,
    validated,
)

__all__ = [
    "NumberNeededToTreat",
    "OddsRatio",
    "Proportion",
    "ProportionComparison",
    "compare_proportions",
    "odds_ratio_ci",
    "wilson_ci",
]


# --------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------


_EVENTS_1 = Rule("x1", lambda a: a["x1"] <= a["n1"], "at most n1 ({n1})")
_EVENTS_2 = Rule("x2", lambda a: a["x2"] <= a["n2"], "at most n2 ({n2})")


def _z(level: float) -> float:
    return float(_sps.norm.ppf(0.5 + level / 2.0))


# --------------------------------------------------------------------------------------
# one proportion
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proportion:
    """A proportion ``x / n`` with its Wilson score interval."""

    x: int
    n: int
    estimate: float
    ci_low: float
    ci_high: float
    level: float
    method: str = "Wilson score"


@validated(rules=[Rule("x", lambda a: a["x"] <= a["n"], "at most n ({n})")])
def wilson_ci(x: Patients, n: PositivePatients, level: Level = 0.95) -> Proportion:
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    x
        Number of events (0 <= x <= n).
    n
        Number of patients (>= 1).
    level
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    Proportion
        ``estimate = x / n`` with ``ci_low`` and ``ci_high`` (fractions, not percent).

    Examples
    --------
    >>> r = wilson_ci(16, 77)
    >>> round(r.estimate, 4), round(r.ci_low, 4), round(r.ci_high, 4)
    (0.2078, 0.1322, 0.3112)
    >>> wilson_ci(0, 10).ci_low
    0.0

    Reference: Wilson EB. J Am Stat Assoc 1927;22:209-12.
    """
    xi, ni, lev = x, n, level
    low, high = proportion_confint(xi, ni, alpha=1.0 - lev, method="wilson")
    # statsmodels can return -1e-17 or 1+1e-16 at the boundaries; clip to [0, 1].
    low = 0.0 if xi == 0 else float(min(max(low, 0.0), 1.0))
    high = 1.0 if xi == ni else float(min(max(high, 0.0), 1.0))
    return Proportion(x=xi, n=ni, estimate=xi / ni, ci_low=low, ci_high=high, level=lev)


# --------------------------------------------------------------------------------------
# ratios with Wald intervals on the log scale
# --------------------------------------------------------------------------------------


def _ratio(num: float, den: float) -> float | None:
    if den == 0:
        return None if num == 0 else math.inf
    return num / den


def _log_wald(
    estimate: float | None, se: float | None, z: float
) -> tuple[float | None, float | None]:
    if estimate is None or se is None or estimate in (0.0, math.inf):
        return None, None
    centre = math.log(estimate)
    return math.exp(centre - z * se), math.exp(centre + z * se)


@dataclass(frozen=True)
class OddsRatio:
    """An odds ratio of a 2x2 table with its Wald interval on the log scale.

    ``odds_ratio`` is ``math.inf`` or ``0.0`` when a zero cell makes it so, and ``None``
    when it is 0/0; ``ci_low``/``ci_high``/``se_log`` are ``None`` whenever a cell is zero
    (unless ``zero_cell_correction`` was applied).
    """

    a: int
    b: int
    c: int
    d: int
    odds_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    se_log: float | None
    level: float
    zero_cell_correction: bool
    method: str = "Wald on the log scale"


@validated(
    rules=[
        Rule("a", lambda v: v["a"] + v["b"] >= 1, "a + b (the exposed row) >= 1"),
        Rule("c", lambda v: v["c"] + v["d"] >= 1, "c + d (the unexposed row) >= 1"),
    ]
)
def odds_ratio_ci(
    a: Patients,
    b: Patients,
    c: Patients,
    d: Patients,
    level: Level = 0.95,
    *,
    zero_cell_correction: StrictFlag = False,
) -> OddsRatio:
    """Odds ratio ``(a d) / (b c)`` of a 2x2 table with a Wald confidence interval.

    Cells: ``a`` exposed with the event, ``b`` exposed without, ``c`` unexposed with,
    ``d`` unexposed without.  The interval is ``exp(log OR ± z·SE)`` with
    ``SE = sqrt(1/a + 1/b + 1/c + 1/d)``, which is also what univariate logistic regression
    on a binary exposure reports.

    Parameters
    ----------
    a, b, c, d
        Non-negative counts; the exposed row (a + b) and the unexposed row (c + d) must
        each hold at least one patient.
    level
        Confidence level, strictly between 0 and 1.
    zero_cell_correction
        If True and any cell is zero, add 0.5 to every cell (Haldane-Anscombe).

    Returns
    -------
    OddsRatio

    Examples
    --------
    >>> r = odds_ratio_ci(16, 61, 10, 128)
    >>> round(r.odds_ratio, 2), round(r.ci_low, 2), round(r.ci_high, 2)
    (3.36, 1.44, 7.83)
    >>> odds_ratio_ci(0, 12, 16, 49).odds_ratio, odds_ratio_ci(0, 12, 16, 49).ci_low
    (0.0, None)

    Reference: Woolf B. Ann Hum Genet 1955;19:251-3.
    """
    cells = [a, b, c, d]
    lev = level
    corrected = bool(zero_cell_correction) and min(cells) == 0
    fa, fb, fc, fd = (float(v) + (0.5 if corrected else 0.0) for v in cells)
    estimate = _ratio(fa * fd, fb * fc)
    se = math.sqrt(1 / fa + 1 / fb + 1 / fc + 1 / fd) if min(fa, fb, fc, fd) > 0 else None
    low, high = _log_wald(estimate, se, _z(lev))
    return OddsRatio(
        a=cells[0],
        b=cells[1],
        c=cells[2],
        d=cells[3],
        odds_ratio=estimate,
        ci_low=low,
        ci_high=high,
        se_log=se,
        level=lev,
        zero_cell_correction=corrected,
    )


# --------------------------------------------------------------------------------------
# number needed to treat
# --------------------------------------------------------------------------------------


def _fmt(value: float, digits: int) -> str:
    return "∞" if math.isinf(value) else f"{value:.{digits}f}"


@dataclass(frozen=True)
class NumberNeededToTreat:
    """Number needed to treat (group 2 instead of group 1) with Altman's interval.

    Attributes
    ----------
    value
        ``1 / |p1 - p2|`` (``math.inf`` when the risks are equal).
    kind
        ``"NNTB"`` when group 2 has fewer events, ``"NNTH"`` when it has more,
        ``"none"`` when the risks are equal.
    risk_difference, rd_ci_low, rd_ci_high
        ``p1 - p2`` and its interval, from which the NNT and its limits are derived.
    ci_includes_infinity
        True when the risk-difference interval includes 0: the compatible NNTs then run
        from ``nnth_limit`` (harm) through infinity to ``nntb_limit`` (benefit).
    nntb_limit, nnth_limit
        The NNTB and NNTH ends of the interval (``None`` where that side is absent).
        Without infinity in the interval both ends are of one kind and are given by
        ``ci_low`` and ``ci_high`` as well.
    ci_low, ci_high
        Ends of the NNT interval when it does not include infinity (smaller first);
        ``None`` when it does.
    """

    value: float
    kind: Literal["NNTB", "NNTH", "none"]
    risk_difference: float
    rd_ci_low: float
    rd_ci_high: float
    ci_includes_infinity: bool
    nntb_limit: float | None
    nnth_limit: float | None
    ci_low: float | None
    ci_high: float | None

    def describe(self, digits: int = 1) -> str:
        """The NNT and its interval in Altman's (1998) notation.

        >>> compare_proportions(10, 100, 10, 100).nnt.describe()
        'NNT ∞ (NNTH 11.5 to ∞ to NNTB 11.5)'
        """
        head = "NNT ∞" if self.kind == "none" else f"{self.kind} {_fmt(self.value, digits)}"
        if self.ci_includes_infinity:
            parts = []
            if self.nnth_limit is not None:
                parts.append(f"NNTH {_fmt(self.nnth_limit, digits)}")
            parts.append("∞")
            if self.nntb_limit is not None:
                parts.append(f"NNTB {_fmt(self.nntb_limit, digits)}")
            return f"{head} ({' to '.join(parts)})"
        assert self.ci_low is not None and self.ci_high is not None
        return f"{head} ({_fmt(self.ci_low, digits)} to {_fmt(self.ci_high, digits)})"


def _nnt(rd: float, low: float, high: float) -> NumberNeededToTreat:
    kind: Literal["NNTB", "NNTH", "none"]
    kind = "NNTB" if rd > 0 else ("NNTH" if rd < 0 else "none")
    value = math.inf if rd == 0 else 1.0 / abs(rd)
    includes_inf = low <= 0.0 <= high
    if includes_inf:
        nntb = 1.0 / high if high > 0 else None
        nnth = 1.0 / abs(low) if low < 0 else None
        return NumberNeededToTreat(value, kind, rd, low, high, True, nntb, nnth, None, None)
    near, far = (high, low) if high > 0 else (low, high)  # near: larger |rd| -> smaller NNT
    ci_low, ci_high = 1.0 / abs(near), 1.0 / abs(far)
    if kind == "NNTB":
        return NumberNeededToTreat(value, kind, rd, low, high, False, ci_low, None, ci_low, ci_high)
    return NumberNeededToTreat(value, kind, rd, low, high, False, None, ci_low, ci_low, ci_high)


# --------------------------------------------------------------------------------------
# two proportions
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProportionComparison:
    """Everything a 2x2 comparison of two proportions reports (group 1 vs group 2).

    Ratios are ``math.inf``/``0.0`` when a zero cell makes them so and ``None`` when they
    are 0/0; their intervals are ``None`` when a cell is zero (see the module notes).
    """

    x1: int
    n1: int
    x2: int
    n2: int
    p1: float
    p1_ci_low: float
    p1_ci_high: float
    p2: float
    p2_ci_low: float
    p2_ci_high: float
    risk_difference: float
    rd_ci_low: float
    rd_ci_high: float
    rd_method: str
    risk_ratio: float | None
    rr_ci_low: float | None
    rr_ci_high: float | None
    odds_ratio: float | None
    or_ci_low: float | None
    or_ci_high: float | None
    p_fisher: float
    p_chi2: float | None
    p_chi2_yates: float | None
    nnt: NumberNeededToTreat
    level: float
    zero_cell_correction: bool


@validated(rules=[_EVENTS_1, _EVENTS_2])
def compare_proportions(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    level: Level = 0.95,
    *,
    rd_method: Literal["newcombe", "wald"] = "newcombe",
    zero_cell_correction: StrictFlag = False,
) -> ProportionComparison:
    """Compare two independent proportions ``x1/n1`` (group 1) and ``x2/n2`` (group 2).

    Parameters
    ----------
    x1, n1
        Events and patients in group 1 (the comparator).
    x2, n2
        Events and patients in group 2 (the treatment of interest).
    level
        Confidence level of every interval, strictly between 0 and 1.
    rd_method
        Interval for the risk difference: ``"newcombe"`` (hybrid Wilson score, Newcombe's
        method 10; the default, good coverage for small counts) or ``"wald"``.
    zero_cell_correction
        If True and a cell of the 2x2 table is zero, add 0.5 to every cell before
        computing the risk ratio and odds ratio (not the risk difference or the tests).

    Returns
    -------
    ProportionComparison
        Both proportions with Wilson intervals; risk difference ``p1 - p2``; risk ratio
        and odds ratio (group 1 over group 2) with Wald intervals on the log scale;
        two-sided Fisher exact p; Pearson chi-square p without and with Yates' continuity
        correction; the NNT (see :class:`NumberNeededToTreat`).

    Examples
    --------
    >>> r = compare_proportions(16, 77, 10, 138)
    >>> round(r.risk_difference, 3), round(r.rd_ci_low, 3), round(r.rd_ci_high, 3)
    (0.135, 0.041, 0.244)
    >>> round(r.risk_ratio, 2), round(r.rr_ci_low, 2), round(r.rr_ci_high, 2)
    (2.87, 1.37, 6.01)
    >>> round(r.p_chi2, 4), round(r.p_chi2_yates, 4)
    (0.0035, 0.0069)
    >>> compare_proportions(3, 20, 0, 20).risk_ratio
    inf

    Reference: Altman DG. BMJ 1998;317:1309-12 (NNT); Newcombe RG. Stat Med
    1998;17:873-90 (risk-difference interval).
    """
    a, n1i, c, n2i, lev = x1, n1, x2, n2, level
    b, d = n1i - a, n2i - c
    z = _z(lev)
    w1 = wilson_ci(a, n1i, lev)
    w2 = wilson_ci(c, n2i, lev)
    rd = a / n1i - c / n2i

    sm_method = "newcomb" if rd_method == "newcombe" else "wald"
    rd_low, rd_high = confint_proportions_2indep(
        a, n1i, c, n2i, method=sm_method, compare="diff", alpha=1.0 - lev
    )
    rd_low, rd_high = float(max(rd_low, -1.0)), float(min(rd_high, 1.0))

    corrected = bool(zero_cell_correction) and min(a, b, c, d) == 0
    fa, fb, fc, fd = (float(v) + (0.5 if corrected else 0.0) for v in (a, b, c, d))
    rr = _ratio(fa / (fa + fb), fc / (fc + fd))
    rr_se = math.sqrt(1 / fa - 1 / (fa + fb) + 1 / fc - 1 / (fc + fd)) if min(fa, fc) > 0 else None
    rr_low, rr_high = _log_wald(rr, rr_se, z)
    orr = odds_ratio_ci(a, b, c, d, lev, zero_cell_correction=zero_cell_correction)

    table = np.array([[a, b], [c, d]])
    p_fisher = float(_sps.fisher_exact(table, alternative="two-sided").pvalue)
    if table.sum(axis=0).min() == 0:  # no events, or events in everyone: chi-square undefined
        p_chi2 = p_yates = None
    else:
        p_chi2 = float(_sps.chi2_contingency(table, correction=False).pvalue)
        p_yates = float(_sps.chi2_contingency(table, correction=True).pvalue)

    return ProportionComparison(
        x1=a,
        n1=n1i,
        x2=c,
        n2=n2i,
        p1=w1.estimate,
        p1_ci_low=w1.ci_low,
        p1_ci_high=w1.ci_high,
        p2=w2.estimate,
        p2_ci_low=w2.ci_low,
        p2_ci_high=w2.ci_high,
        risk_difference=rd,
        rd_ci_low=rd_low,
        rd_ci_high=rd_high,
        rd_method=rd_method,
        risk_ratio=rr,
        rr_ci_low=rr_low,
        rr_ci_high=rr_high,
        odds_ratio=orr.odds_ratio,
        or_ci_low=orr.ci_low,
        or_ci_high=orr.ci_high,
        p_fisher=p_fisher,
        p_chi2=p_chi2,
        p_chi2_yates=p_yates,
        nnt=_nnt(rd, rd_low, rd_high),
        level=lev,
        zero_cell_correction=corrected,
    )
