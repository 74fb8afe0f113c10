"""Evidence synthesis: per-trial effects, random-effects meta-analysis and GRADE arithmetic.

Three layers, each small:

1. **Per-trial effects** of a binary outcome (relapse, flare) from the counts of a
   two-arm trial: risk ratio, risk difference and odds ratio with their intervals.  The
   arithmetic is :func:`igg4lib.stats.compare_proportions` (Wald intervals on the log
   scale for the ratios, Newcombe's hybrid score interval for the difference), called with
   the *treated* arm as group 1, so every ratio here is treated over control and every
   difference is treated minus control: below 1 (or below 0) favours the treatment when
   the outcome is a relapse.
2. **Random-effects meta-analysis** of log risk ratios (or any estimates with known
   variances) by :func:`statsmodels.stats.meta_analysis.combine_effects`:
   DerSimonian-Laird (``"DL"``) and Paule-Mandel (``"PM"``) are statsmodels' own.  REML
   is not offered by statsmodels, so its between-trial variance is found here by
   maximising the restricted likelihood with :func:`scipy.optimize.minimize_scalar`, and
   the pooled estimate is then computed with the same inverse-variance weights.  Every
   result carries the Wald interval, the Hartung-Knapp-Sidik-Jonkman (HKSJ) interval,
   tau-squared, I-squared (``tau2 / (tau2 + s2)`` with ``s2`` the typical within-trial
   variance, which equals ``(Q - df) / Q`` for DerSimonian-Laird, as metafor reports it)
   and a prediction interval ``mu ± t(k-2) * sqrt(tau2 + SE^2)``, which needs at least
   three trials.
3. **GRADE arithmetic**: the absolute effect per 1,000 patients from an assumed control
   risk and a risk ratio with its interval, and the certainty that remains after the
   downgrades.  The judgements themselves are data (``data/reference/grade_judgements``),
   each with its reason; only the arithmetic lives here.

Zero cells.  A trial with no events in one arm has an undefined log risk ratio; the
functions raise unless a continuity rule is stated (``continuity=0.5`` adds 0.5 to every
cell of that trial's table, Haldane-Anscombe).  A trial with no events in either arm
carries no information on a ratio scale and is always refused.

References: DerSimonian R, Laird N. Control Clin Trials 1986;7:177-88.  Veroniki AA et al.
Res Synth Methods 2016;7:55-79 (Paule-Mandel and REML).  IntHout J, Ioannidis JPA, Borm GF.
BMC Med Res Methodol 2014;14:25 (HKSJ).  Balshem H et al. J Clin Epidemiol
2011;64:401-6 (GRADE certainty levels).

Examples
--------
>>> eff = trial_effect("A", 7, 30, 11, 19)
>>> round(eff.risk_ratio, 2), round(eff.rr_ci_low, 2), round(eff.rr_ci_high, 2)
(0.4, 0.19, 0.86)
>>> absolute_effect(0.579, 0.40, 0.19, 0.86).describe()
'347 fewer per 1,000 (469 fewer to 81 fewer)'
>>> certainty("randomised", {"risk of bias": 1, "imprecision": 1})
'low'
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pydantic import BeforeValidator, InstanceOf
from scipy import optimize
from scipy import stats as _sps
from statsmodels.stats.meta_analysis import combine_effects

from igg4lib import stats
from igg4lib._validation import (
    MAX_PATIENTS,
    Count,
    FiniteFloat,
    Frame,
    InvalidArgument,
    Level,
    Patients,
    PositiveCount,
    PositiveFloat,
    PositivePatients,
    Probability,
    Rule,
    Text,
    check_frame,
    count_column,
    frame_schema,
    real_column,
    rows_at_most,
    text_column,
    validated,
)

__all__ = [
    "APPRECIABLE_BENEFIT",
    "APPRECIABLE_HARM",
    "DOMAINS",
    "LEVELS",
    "NOT_GRADED",
    "OIS_ALPHA",
    "OIS_MIN_INPUT",
    "OIS_POWER",
    "OIS_RRR",
    "PER_PATIENTS",
    "AbsoluteEffect",
    "InformationSize",
    "MetaAnalysis",
    "TrialEffect",
    "absolute_effect",
    "certainty",
    "imprecision_levels",
    "optimal_information_size",
    "pool_risk_ratios",
    "random_effects",
    "summary_of_findings",
    "trial_effect",
    "trial_effects",
]

Method = Literal["DL", "PM", "REML"]
METHODS: tuple[str, ...] = get_args(Method)

#: One of GRADE's five domains (:data:`DOMAINS`).
Domain = Literal["risk of bias", "inconsistency", "indirectness", "imprecision",
                 "publication bias"]
#: GRADE's five reasons to rate the certainty of a body of evidence down.
DOMAINS: tuple[str, ...] = get_args(Domain)
#: GRADE certainty levels, highest first.
LEVELS: tuple[str, ...] = ("high", "moderate", "low", "very low")
#: A GRADE study design: where the certainty starts.
Design = Literal["randomised", "observational"]
_START = {"randomised": 0, "observational": 2}
#: The certainty shown for a question that is deliberately not graded (for example because
#: its counts are unconfirmed).
NOT_GRADED = "not graded"
#: The optimal information size (OIS) of GRADE guideline 6 (Guyatt GH et al. J Clin
#: Epidemiol 2011;64:1283-93) is the number of patients an adequately powered single trial
#: would need: here for a relative risk reduction of :data:`OIS_RRR` from the control arm's
#: risk, two-sided alpha :data:`OIS_ALPHA` and power :data:`OIS_POWER`.
OIS_RRR = 0.25
OIS_ALPHA = 0.05
OIS_POWER = 0.8
#: GRADE's summary-of-findings denominator: absolute effects are events per this many patients.
PER_PATIENTS = 1000
#: GRADE guideline 6's rough guide to an appreciable benefit or harm: a risk ratio under
#: 0.75 or over 1.25.
APPRECIABLE_BENEFIT = 0.75
APPRECIABLE_HARM = 1.25
#: Iterations allowed to the Paule-Mandel estimate of tau-squared (statsmodels' default is
#: 50, too few when the estimates are far apart relative to their variances).
PM_MAX_ITERATIONS = 2000
#: The largest absolute log risk ratio :func:`pool_risk_ratios` accepts: no two-arm table
#: of at most :data:`~igg4lib._validation.MAX_PATIENTS` patients per arm gives a larger
#: one, even with the 0.5 continuity correction (the ratio is below ``2 * (n + 1)``).
MAX_ABS_LOG_RR = math.log(2 * (MAX_PATIENTS + 1))


# --------------------------------------------------------------------------------------
# per-trial effects
# --------------------------------------------------------------------------------------


#: The name of a trial or comparison: a non-empty string.
Label = Annotated[Text, at.MinLen(1)]
#: The one continuity rule offered: ``None`` (a zero cell is refused) or ``0.5``
#: (Haldane-Anscombe).
Continuity = Literal[0.5] | None
#: Levels of one GRADE downgrade (or upgrade): 0, 1 or 2.
Levels = Annotated[Count, at.Le(2)]


def _as_list(value: object) -> object:
    """A one-dimensional numpy array or pandas Series is read as the list of its values."""
    if isinstance(value, np.ndarray | pd.Series):
        return value.tolist()
    return value


#: Estimates of at least two trials, finite numbers (a list, tuple, array or Series).
Estimates = Annotated[Sequence[FiniteFloat], BeforeValidator(_as_list), at.MinLen(2)]
#: Sampling variances of at least two trials, finite numbers > 0.
Variances = Annotated[Sequence[PositiveFloat], BeforeValidator(_as_list), at.MinLen(2)]


@dataclass(frozen=True)
class TrialEffect:
    """Effects of one two-arm trial on a binary outcome, treated against control.

    Ratios are treated over control, the risk difference is treated minus control
    (fractions, not percent).  ``log_rr`` and ``var_log_rr`` are what a meta-analysis of
    risk ratios pools; they include the continuity correction when one was applied.
    """

    label: str
    events_treated: int
    n_treated: int
    events_control: int
    n_control: int
    risk_treated: float
    risk_control: float
    risk_ratio: float
    rr_ci_low: float
    rr_ci_high: float
    risk_difference: float
    rd_ci_low: float
    rd_ci_high: float
    odds_ratio: float
    or_ci_low: float
    or_ci_high: float
    log_rr: float
    var_log_rr: float
    level: float
    continuity: float | None


@validated(rules=[
    Rule("events_treated", lambda a: a["events_treated"] <= a["n_treated"],
         "at most n_treated ({n_treated})"),
    Rule("events_control", lambda a: a["events_control"] <= a["n_control"],
         "at most n_control ({n_control})"),
])
def trial_effect(
    label: Label,
    events_treated: Patients,
    n_treated: PositivePatients,
    events_control: Patients,
    n_control: PositivePatients,
    *,
    level: Level = 0.95,
    continuity: Continuity = None,
) -> TrialEffect:
    """Risk ratio, risk difference and odds ratio of one trial, with their intervals.

    Parameters
    ----------
    label
        Name of the comparison (shown in tables and plots).
    events_treated, n_treated
        Patients with the outcome, and patients, in the arm of interest.
    events_control, n_control
        The same in the control arm.
    level
        Confidence level of every interval.
    continuity
        ``None`` (default): a zero cell is an error.  ``0.5``: add 0.5 to every cell of a
        table with a zero cell before computing the ratios (not the risk difference).

    Returns
    -------
    TrialEffect

    Raises
    ------
    ValueError
        When an arm has no events (or only events) and no continuity rule is stated, or
        when neither arm has any event (or both have only events).

    Examples
    --------
    >>> e = trial_effect("Wang 2020", 6, 33, 14, 33)
    >>> round(e.risk_ratio, 3), round(e.risk_difference, 3)
    (0.429, -0.242)
    """
    lev = float(level)
    cont = None if continuity is None else 0.5
    res = stats.compare_proportions(
        events_treated, n_treated, events_control, n_control, lev,
        zero_cell_correction=cont is not None,
    )
    a, n1, c, n2 = res.x1, res.n1, res.x2, res.n2
    if (a == 0 and c == 0) or (a == n1 and c == n2):
        raise InvalidArgument(
            f"trial_effect: trial {label!r}: {'no' if a == 0 else 'every'} patient had the "
            f"outcome in both arms (events_treated {a} of n_treated {n1}, events_control {c} "
            f"of n_control {n2}); a ratio is undefined, so leave the trial out of a ratio "
            "analysis (its risk difference is 0)"
        )
    zero = min(a, n1 - a, c, n2 - c) == 0
    if zero and cont is None:
        raise InvalidArgument(
            f"trial_effect: trial {label!r} has a zero cell (events_treated {a} of n_treated "
            f"{n1}, events_control {c} of n_control {n2}); state a continuity rule "
            "(continuity=0.5) to compute its ratios"
        )
    k = cont if zero and cont is not None else 0.0
    fa, fb, fc, fd = a + k, n1 - a + k, c + k, n2 - c + k
    log_rr = math.log((fa / (fa + fb)) / (fc / (fc + fd)))
    var_log_rr = 1 / fa - 1 / (fa + fb) + 1 / fc - 1 / (fc + fd)
    assert res.risk_ratio is not None and res.rr_ci_low is not None
    assert res.odds_ratio is not None and res.or_ci_low is not None
    return TrialEffect(
        label=label,
        events_treated=a,
        n_treated=n1,
        events_control=c,
        n_control=n2,
        risk_treated=res.p1,
        risk_control=res.p2,
        risk_ratio=float(res.risk_ratio),
        rr_ci_low=float(res.rr_ci_low),
        rr_ci_high=float(res.rr_ci_high),
        risk_difference=res.risk_difference,
        rd_ci_low=res.rd_ci_low,
        rd_ci_high=res.rd_ci_high,
        odds_ratio=float(res.odds_ratio),
        or_ci_low=float(res.or_ci_low),
        or_ci_high=float(res.or_ci_high),
        log_rr=log_rr,
        var_log_rr=var_log_rr,
        level=lev,
        continuity=cont if zero else None,
    )


#: The columns :func:`trial_effects` reads: a label and the counts of both arms, with
#: events <= patients in each arm.
TRIALS_SCHEMA = frame_schema(
    {
        "label": text_column(),
        "events_treated": count_column(),
        "n_treated": count_column(minimum=1),
        "events_control": count_column(),
        "n_control": count_column(minimum=1),
    },
    checks=[rows_at_most("events_treated", "n_treated"),
            rows_at_most("events_control", "n_control")],
)


@validated(frames={"trials": TRIALS_SCHEMA})
def trial_effects(
    trials: Frame, *, level: Level = 0.95, continuity: Continuity = None
) -> pd.DataFrame:
    """:func:`trial_effect` for every row of ``trials``, as a tidy table.

    ``trials`` needs the columns ``label``, ``events_treated``, ``n_treated``,
    ``events_control`` and ``n_control``.  The result has one row per trial with the
    fields of :class:`TrialEffect`.

    >>> t = pd.DataFrame({"label": ["A", "B"], "events_treated": [7, 6],
    ...                   "n_treated": [30, 33], "events_control": [11, 14],
    ...                   "n_control": [19, 33]})
    >>> trial_effects(t)["risk_ratio"].round(3).tolist()
    [0.403, 0.429]
    """
    rows = []
    for index, r in zip(trials.index, trials.itertuples(index=False), strict=True):
        try:
            effect = trial_effect(
                str(r.label), int(r.events_treated), int(r.n_treated),
                int(r.events_control), int(r.n_control), level=level, continuity=continuity,
            )
        except InvalidArgument as exc:
            raise InvalidArgument(
                f"trial_effects: argument 'trials', row {index!r}: "
                f"{str(exc).removeprefix('trial_effect: ')}"
            ) from None
        rows.append(effect.__dict__)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# random-effects meta-analysis
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetaAnalysis:
    """A random-effects pooled estimate with its heterogeneity and intervals.

    All estimates are on the scale of the inputs (log risk ratios for
    :func:`pool_risk_ratios`; exponentiate them for ratios).  ``pi_low``/``pi_high`` are
    ``None`` with fewer than three trials, where a prediction interval has no degrees of
    freedom (``t`` with ``k - 2``).
    """

    method: str
    k: int
    labels: tuple[str, ...]
    weights: tuple[float, ...]
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    hksj_se: float
    hksj_ci_low: float
    hksj_ci_high: float
    tau2: float
    i2: float
    q: float
    q_df: int
    q_p_value: float
    pi_low: float | None
    pi_high: float | None
    level: float

    @property
    def hksj_factor(self) -> float:
        """The factor HKSJ multiplies the standard error by: ``sqrt(q / (k - 1))``.

        ``q`` is the generalised Q statistic with the random-effects weights.  The factor is
        below 1 when the trials agree more closely than chance predicts, so the HKSJ interval
        can be *narrower* than the Wald interval; what widens it then is only the *t*
        quantile with ``k - 1`` degrees of freedom.

        >>> ma = random_effects([-1.0, -1.0], [0.1, 0.2])
        >>> ma.hksj_factor
        0.0
        """
        return self.hksj_se / self.se

    @property
    def t_quantile(self) -> float:
        """The *t* quantile with ``k - 1`` degrees of freedom of the HKSJ interval."""
        return float(_sps.t.isf((1.0 - self.level) / 2, self.k - 1))

    @property
    def mhksj_ci(self) -> tuple[float, float]:
        """The modified HKSJ interval: the factor is floored at 1 (``max(1, factor)``).

        It is never narrower than the HKSJ interval, nor than ``estimate ± t * se``, so
        trials that agree closely cannot shrink it below the model-based standard error.

        >>> ma = random_effects([-1.0, -1.0], [0.1, 0.2])
        >>> lo, hi = ma.mhksj_ci
        >>> round(hi - lo, 3) == round(2 * ma.t_quantile * ma.se, 3)
        True
        """
        half = self.t_quantile * self.se * max(1.0, self.hksj_factor)
        return self.estimate - half, self.estimate + half

    def exp(self) -> dict[str, float | None]:
        """The estimate and every interval limit exponentiated (ratios from log ratios)."""
        keys = ("estimate", "ci_low", "ci_high", "hksj_ci_low", "hksj_ci_high",
                "pi_low", "pi_high")
        out: dict[str, float | None] = {}
        for key in keys:
            value = getattr(self, key)
            out[key] = None if value is None else math.exp(value)
        return out


def _reml_tau2(y: np.ndarray, v: np.ndarray) -> float:
    """REML between-trial variance (statsmodels offers DL and PM, not REML)."""

    def neg_restricted_loglik(tau2: float) -> float:
        w = 1.0 / (v + tau2)
        mu = np.sum(w * y) / np.sum(w)
        return 0.5 * (np.sum(np.log(v + tau2)) + math.log(np.sum(w))
                      + np.sum(w * (y - mu) ** 2))

    upper = max(10.0 * float(np.var(y, ddof=1)), 10.0 * float(v.max()), 1e-8)
    res = optimize.minimize_scalar(
        neg_restricted_loglik, bounds=(0.0, upper), method="bounded",
        options={"xatol": 1e-12, "maxiter": 1000},
    )
    tau2 = float(res.x)
    # The bounded search never returns the bound itself; snap a boundary optimum to 0.
    if neg_restricted_loglik(0.0) <= neg_restricted_loglik(tau2):
        return 0.0
    return tau2


@validated(rules=[
    Rule("variances", lambda a: len(a["variances"]) == len(a["estimates"]),
         "one variance per estimate (the same length as estimates)"),
    Rule("labels", lambda a: a["labels"] is None or len(a["labels"]) == len(a["estimates"]),
         "one label per estimate (the same length as estimates)"),
])
def random_effects(
    estimates: Estimates,
    variances: Variances,
    *,
    method: Method = "REML",
    labels: Sequence[Text] | None = None,
    level: Level = 0.95,
) -> MetaAnalysis:
    """Random-effects meta-analysis of ``k >= 2`` estimates with known variances.

    Parameters
    ----------
    estimates, variances
        One estimate (for example a log risk ratio) and its sampling variance (a finite
        number > 0) per trial; lists, tuples, one-dimensional arrays or Series.
    method
        Estimator of the between-trial variance tau-squared: ``"DL"``
        (DerSimonian-Laird), ``"PM"`` (Paule-Mandel) or ``"REML"``.
    labels
        Names of the trials (default ``"1"``, ``"2"``, ...).
    level
        Confidence level of every interval.

    Returns
    -------
    MetaAnalysis

    Examples
    --------
    >>> ma = random_effects([-0.9, -0.2, -0.85], [0.1, 0.05, 0.2], method="DL")
    >>> ma.k, round(ma.estimate, 3), ma.pi_low is not None
    (3, -0.578, True)
    """
    names = (tuple(str(i + 1) for i in range(len(estimates))) if labels is None
             else tuple(labels))
    return _random_effects(np.asarray(estimates, dtype=float),
                           np.asarray(variances, dtype=float), method, names, float(level))


def _random_effects(
    y: np.ndarray, v: np.ndarray, method: str, names: tuple[str, ...], lev: float
) -> MetaAnalysis:
    """The pooling itself, on validated input (finite estimates, variances > 0, k >= 2)."""
    k = int(y.size)
    alpha = 1.0 - lev

    sm_method = {"DL": "dl", "PM": "pm", "REML": "dl"}[method]
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        # statsmodels takes square roots of its own (possibly negative) DL moment
        # estimate; the warnings it raises then concern values not used below.
        warnings.simplefilter("ignore", RuntimeWarning)
        # Paule-Mandel is iterative; each Newton step from tau2 = 0 at most about doubles
        # tau2, so estimates far apart relative to their variances need more than
        # statsmodels' default 50 steps to converge (about 80 for a spread of 1e12 over
        # variances of 0.1).
        extra = {"maxiter": PM_MAX_ITERATIONS} if sm_method == "pm" else {}
        res = combine_effects(y, v, method_re=sm_method, alpha=alpha, **extra)
    q = float(res.q)
    w_fe = 1.0 / v
    raw_tau2 = float(res.tau2)
    if method == "REML":
        tau2 = _reml_tau2(y, v)
    else:
        # statsmodels 0.15 does not truncate the DerSimonian-Laird moment estimate at 0
        # (DerSimonian and Laird, and metafor, do): truncate here.
        tau2 = max(raw_tau2, 0.0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        w = 1.0 / (v + tau2)
        mu = float(np.sum(w * y) / np.sum(w))
        se = math.sqrt(1.0 / float(np.sum(w)))
        z = float(_sps.norm.isf(alpha / 2))
        # HKSJ: the weighted residual variance rescales the standard error, t with k-1 df.
        hksj_var = float(np.sum(w * (y - mu) ** 2) / ((k - 1) * np.sum(w)))
        hksj_se = math.sqrt(hksj_var)
        t_k1 = float(_sps.t.isf(alpha / 2, k - 1))
        s2 = (k - 1) * np.sum(w_fe) / (np.sum(w_fe) ** 2 - np.sum(w_fe**2))
        i2 = float(tau2 / (tau2 + s2))
    if not all(math.isfinite(x) for x in (q, tau2, mu, se, hksj_se, i2)):
        # finite input whose squares or reciprocals leave floating-point range
        raise InvalidArgument(
            "random_effects: arguments 'estimates' and 'variances': the estimates are too "
            "far apart (or the variances too small) to be pooled in floating-point "
            f"arithmetic; got estimates {y.tolist()} and variances {v.tolist()}"
        )
    if method != "REML" and raw_tau2 >= 0:
        # statsmodels computes the same quantities; agreeing here guards the formulas above.
        assert math.isclose(mu, float(res.mean_effect_re), rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(hksj_var, float(res.var_hksj_re), rel_tol=1e-9, abs_tol=1e-15)
    if k >= 3:
        t_k2 = float(_sps.t.isf(alpha / 2, k - 2))
        half = t_k2 * math.sqrt(tau2 + se**2)
        pi_low, pi_high = mu - half, mu + half
    else:
        pi_low = pi_high = None
    return MetaAnalysis(
        method=method,
        k=k,
        labels=names,
        weights=tuple(float(x) for x in w / np.sum(w)),
        estimate=mu,
        se=se,
        ci_low=mu - z * se,
        ci_high=mu + z * se,
        p_value=float(2 * _sps.norm.sf(abs(mu) / se)),
        hksj_se=hksj_se,
        hksj_ci_low=mu - t_k1 * hksj_se,
        hksj_ci_high=mu + t_k1 * hksj_se,
        tau2=tau2,
        i2=i2,
        q=q,
        q_df=k - 1,
        q_p_value=float(_sps.chi2.sf(q, k - 1)),
        pi_low=pi_low,
        pi_high=pi_high,
        level=lev,
    )


#: The columns :func:`pool_risk_ratios` reads from a table of :func:`trial_effects`: a
#: label, the log risk ratio and its variance (> 0), for at least two trials.
EFFECTS_SCHEMA = frame_schema(
    {
        "label": text_column(),
        "log_rr": real_column(minimum=-MAX_ABS_LOG_RR, maximum=MAX_ABS_LOG_RR),
        "var_log_rr": pa.Column(None, checks=[
            *real_column().checks,
            pa.Check(lambda s: s.astype("float64") > 0, error="a finite number > 0"),
        ]),
    },
    min_rows=2,
)


@validated
def pool_risk_ratios(
    effects: Frame | Annotated[Sequence[InstanceOf[TrialEffect]], at.MinLen(2)],
    *,
    method: Method = "REML",
    level: Level = 0.95,
) -> MetaAnalysis:
    """Random-effects pool of the log risk ratios of :func:`trial_effect` results.

    The studies keep the order of the rows (the order of a forest plot); the pooled
    estimate does not depend on that order.

    Accepts the list of :class:`TrialEffect` or the table from :func:`trial_effects`
    (columns ``label``, ``log_rr`` and ``var_log_rr``), for at least two trials.
    Exponentiate with :meth:`MetaAnalysis.exp` to read ratios.

    >>> effs = [trial_effect("A", 7, 30, 11, 19), trial_effect("B", 6, 33, 14, 33)]
    >>> round(pool_risk_ratios(effs, method="DL").exp()["estimate"], 3)
    0.414
    """
    if isinstance(effects, pd.DataFrame):
        table = effects
    else:
        table = pd.DataFrame([{"label": e.label, "log_rr": e.log_rr, "var_log_rr": e.var_log_rr}
                              for e in effects])
    check_frame("pool_risk_ratios", "effects", table, EFFECTS_SCHEMA)
    return _random_effects(
        table["log_rr"].to_numpy(dtype=float), table["var_log_rr"].to_numpy(dtype=float),
        method, tuple(table["label"].tolist()), float(level),
    )


# --------------------------------------------------------------------------------------
# GRADE arithmetic
# --------------------------------------------------------------------------------------


def _per1000(diff: float) -> str:
    n = round(abs(diff))
    if n == 0:
        return "0 fewer or more"
    return f"{n:,} {'fewer' if diff < 0 else 'more'}"


@dataclass(frozen=True)
class AbsoluteEffect:
    """Absolute effect per ``per`` patients from a control risk and a risk ratio.

    ``risk_control_per`` and ``risk_treated_per`` are events per ``per`` patients without
    and with the intervention; ``difference_per`` is treated minus control (negative:
    fewer events).  The difference limits are ``None`` when the ratio has no interval.
    """

    per: int
    risk_control_per: float
    risk_treated_per: float
    difference_per: float
    difference_low_per: float | None
    difference_high_per: float | None

    def describe(self) -> str:
        """GRADE's wording, e.g. ``'347 fewer per 1,000 (469 fewer to 81 fewer)'``."""
        head = f"{_per1000(self.difference_per)} per {self.per:,}"
        if self.difference_low_per is None or self.difference_high_per is None:
            return f"{head} (interval not available)"
        return (f"{head} ({_per1000(self.difference_low_per)} to "
                f"{_per1000(self.difference_high_per)})")


@validated(rules=[
    Rule("rr_low", lambda a: a["rr_low"] is not None or a["rr_high"] is None,
         "a number when rr_high is given (give both rr_low and rr_high, or neither)"),
    Rule("rr_high", lambda a: a["rr_high"] is not None or a["rr_low"] is None,
         "a number when rr_low is given (give both rr_low and rr_high, or neither)"),
    Rule("rr_low", lambda a: a["rr_low"] is None or a["rr_low"] <= a["risk_ratio"],
         "at most risk_ratio ({risk_ratio}): rr_low <= risk_ratio <= rr_high is required"),
    Rule("rr_high", lambda a: a["rr_high"] is None or a["risk_ratio"] <= a["rr_high"],
         "at least risk_ratio ({risk_ratio}): rr_low <= risk_ratio <= rr_high is required"),
])
def absolute_effect(
    control_risk: Probability,
    risk_ratio: PositiveFloat,
    rr_low: PositiveFloat | None = None,
    rr_high: PositiveFloat | None = None,
    *,
    per: PositiveCount = PER_PATIENTS,
) -> AbsoluteEffect:
    """Events per ``per`` patients with and without the intervention, GRADE style.

    The risk with the intervention is ``control_risk * risk_ratio`` (capped at 1), and the
    interval of the difference comes from the limits of the ratio applied to the same
    control risk, as GRADE's summary-of-findings tables do.

    Parameters
    ----------
    control_risk
        Assumed risk without the intervention (a fraction).
    risk_ratio, rr_low, rr_high
        Relative effect and, optionally, both limits of its interval.
    per
        Denominator of the absolute effect (1,000 by GRADE convention).

    >>> e = absolute_effect(0.5, 0.5, 0.25, 1.0)
    >>> e.difference_per, e.difference_low_per, e.difference_high_per
    (-250.0, -375.0, 0.0)
    """
    p0, rr = float(control_risk), float(risk_ratio)
    p1 = min(p0 * rr, 1.0)
    if rr_low is not None and rr_high is not None:
        lo, hi = float(rr_low), float(rr_high)
        d_lo = per * (min(p0 * lo, 1.0) - p0)
        d_hi = per * (min(p0 * hi, 1.0) - p0)
    else:
        d_lo = d_hi = None
    return AbsoluteEffect(
        per=int(per),
        risk_control_per=per * p0,
        risk_treated_per=per * p1,
        difference_per=per * (p1 - p0),
        difference_low_per=d_lo,
        difference_high_per=d_hi,
    )


@dataclass(frozen=True)
class InformationSize:
    """The optimal information size for a control risk and a relative risk reduction.

    ``patients`` is the total of both arms (equal arms) an adequately powered trial would
    randomise; ``events`` the events it would expect (control risk and the reduced risk in
    one arm each).
    """

    control_risk: float
    treated_risk: float
    patients_per_arm: int
    patients: int
    events: int


#: Smallest control risk, relative risk reduction, alpha or power (and distance of each from
#: 1) that :func:`optimal_information_size` accepts: a bound against overflow, far from any
#: value a GRADE judgement uses.
OIS_MIN_INPUT = 1e-6


@validated
def optimal_information_size(
    control_risk: Probability,
    *,
    rrr: Probability = OIS_RRR,
    alpha: Probability = OIS_ALPHA,
    power: Probability = OIS_POWER,
) -> InformationSize:
    """GRADE's optimal information size: the patients one adequately powered trial needs.

    The usual sample size of a two-arm trial comparing two proportions (normal
    approximation, equal arms): ``n = (z_(1-alpha/2) + z_power)^2 (p0 q0 + p1 q1) /
    (p0 - p1)^2`` per arm, rounded up, with ``p1 = p0 (1 - rrr)``.

    >>> ois = optimal_information_size(0.5)
    >>> ois.patients_per_arm, ois.patients
    (244, 488)
    """
    p0, r, a, pw = float(control_risk), float(rrr), float(alpha), float(power)
    for name, value in (("control_risk", p0), ("rrr", r), ("alpha", a), ("power", pw)):
        if not OIS_MIN_INPUT <= value <= 1.0 - OIS_MIN_INPUT:
            raise InvalidArgument(
                f"optimal_information_size: argument {name!r} got {value!r}; expected a "
                f"number from {OIS_MIN_INPUT:g} to {1.0 - OIS_MIN_INPUT:g} (a tinier value "
                "makes the sample size overflow)"
            )
    p1 = p0 * (1.0 - r)
    z = float(_sps.norm.isf(a / 2)) + float(_sps.norm.ppf(pw))
    per_arm = math.ceil(z**2 * (p0 * (1 - p0) + p1 * (1 - p1)) / (p0 - p1) ** 2)
    return InformationSize(control_risk=p0, treated_risk=p1, patients_per_arm=per_arm,
                           patients=2 * per_arm,
                           events=math.ceil(per_arm * (p0 + p1)))


@validated(rules=[
    Rule("rr_high", lambda a: a["rr_low"] <= a["rr_high"], "at least rr_low ({rr_low})"),
])
def imprecision_levels(
    rr_low: PositiveFloat, rr_high: PositiveFloat, patients: PositiveCount,
    ois_patients: PositiveCount,
) -> int:
    """The levels to rate down for imprecision by the book's reading of GRADE's guidance.

    The interval comes first (GRADE guidance 34): an interval that includes no effect and
    an appreciable benefit (risk ratio under :data:`APPRECIABLE_BENEFIT`) or an appreciable
    harm (over :data:`APPRECIABLE_HARM`) gives one level, both gives two.  Then the
    optimal information size (GRADE guideline 6): fewer patients than the OIS gives one
    more level, also when the interval excludes no effect (a large effect from a small
    body of evidence may be an overestimate).  At most two levels.

    >>> imprecision_levels(0.19, 0.84, 49, 200), imprecision_levels(0.5, 3.0, 97, 600)
    (1, 2)
    >>> imprecision_levels(0.5, 0.7, 900, 600)
    0
    """
    lo, hi = float(rr_low), float(rr_high)
    levels = 0
    if lo < 1.0 < hi:
        levels += int(lo < APPRECIABLE_BENEFIT) + int(hi > APPRECIABLE_HARM)
    if patients < ois_patients:
        levels += 1
    return min(levels, 2)


@validated
def certainty(
    design: Design, downgrades: Mapping[Domain, Levels], upgrades: Levels = 0
) -> str:
    """GRADE certainty of a body of evidence from its design and judgements.

    Randomised trials start at ``high``, observational studies at ``low``; each level of
    downgrade (0, 1 or 2 per domain of :data:`DOMAINS`) moves one level down, each
    upgrade one level up, within ``high`` ... ``very low``.

    >>> certainty("observational", {"risk of bias": 1})
    'very low'
    >>> certainty("randomised", {d: 0 for d in DOMAINS})
    'high'
    """
    total = sum(downgrades.values())
    index = _START[design] + total - upgrades
    return LEVELS[min(max(index, 0), len(LEVELS) - 1)]


#: The columns :func:`summary_of_findings` reads from ``questions``: a unique question id,
#: its design and, optionally, why it is not graded (missing or empty: it is graded).
QUESTIONS_SCHEMA = frame_schema({
    "question": text_column(unique=True),
    "design": text_column(isin=get_args(Design)),
    "not_graded": text_column(nullable=True, required=False),
})
#: The columns :func:`summary_of_findings` reads from ``judgements``: one row per question
#: and domain, with the levels of downgrade (0-2) and the reason.
JUDGEMENTS_SCHEMA = frame_schema({
    "question": text_column(),
    "domain": text_column(isin=DOMAINS),
    "downgrade": count_column(maximum=2),
    "reason": text_column(),
})


@validated(frames={"questions": QUESTIONS_SCHEMA, "judgements": JUDGEMENTS_SCHEMA})
def summary_of_findings(questions: Frame, judgements: Frame) -> pd.DataFrame:
    """Certainty per question, with every downgrade and its reason, from the judgement data.

    ``questions`` needs ``question`` and ``design`` (``randomised`` or ``observational``);
    ``judgements`` one row per question and domain with ``downgrade`` (0-2) and
    ``reason``.  Every question must be judged on all five domains, unless ``questions``
    has a ``not_graded`` column whose text for that question is non-empty: such a question
    is reported with certainty :data:`NOT_GRADED`, ``downgrades`` missing and that text as
    its reason, and may be judged on some domains only (each at most once).  Returns one
    row per question: ``question``, ``certainty``, ``downgrades`` (total levels) and
    ``reasons`` (the non-zero judgements, ``domain (-n): reason`` joined by ``"; "``).
    """
    rows = []
    for q in questions.itertuples(index=False):
        judged = judgements[judgements["question"] == q.question]
        domains = judged["domain"].tolist()
        why_not = getattr(q, "not_graded", None)
        if isinstance(why_not, str) and why_not.strip():
            if len(set(domains)) != len(domains):
                raise InvalidArgument(
                    f"summary_of_findings: argument 'judgements': question {q.question!r} "
                    f"(not graded in argument 'questions') may be judged at most once on "
                    f"each of {list(DOMAINS)}; got {domains}"
                )
            rows.append({"question": q.question, "certainty": NOT_GRADED,
                         "downgrades": None, "reasons": f"not graded: {why_not.strip()}"})
            continue
        if sorted(domains) != sorted(DOMAINS):
            raise InvalidArgument(
                f"summary_of_findings: argument 'judgements': question {q.question!r} "
                f"(graded in argument 'questions') must be judged once on each of "
                f"{list(DOMAINS)}; got {domains}"
            )
        downs = {r.domain: int(r.downgrade) for r in judged.itertuples(index=False)}
        reasons = [f"{r.domain} (-{int(r.downgrade)}): {r.reason}"  # in GRADE's domain order
                   for r in sorted(judged.itertuples(index=False),
                                   key=lambda r: DOMAINS.index(r.domain))
                   if int(r.downgrade) > 0]
        rows.append({
            "question": q.question,
            "certainty": certainty(str(q.design), downs),
            "downgrades": sum(downs.values()),
            "reasons": "; ".join(reasons) if reasons else "none",
        })
    return pd.DataFrame(rows)
