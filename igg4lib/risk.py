"""The four-factor count score for failed remission induction under glucocorticoids alone.

In the PUMCH prospective cohort, four baseline characteristics were associated with failure
of remission induction among the 77 patients treated with glucocorticoid (GC) monotherapy
(univariate logistic regression, Table 3): eosinophilia, a baseline IgG4-RD responder index
(RI) in the highest quartile, five or more organs involved, and dacryoadenitis.  Figure 3c
grouped the patients by how many of the four they had (0, 1, 2, 3-4) and printed each
group's failure percentage; the authors suggested GC plus an immunosuppressant (IM) for
patients with "more than three" factors, while the figure's top group is three *or* four.

What the paper does not print, and this module therefore makes an explicit parameter
(:class:`RiskCutoffs`):

- **Eosinophilia.**  No cut-off is given.  The default, an assumption of the book, is the
  definition of a report on eosinophilia in IgG4-RD patients of the same hospital: a
  blood eosinophil count above 0.5 x 10^9/L.
  Table 1 of the paper reports eosinophils as a percentage of leukocytes, so the count is
  computed as ``eosinophil_pct / 100 * leukocytes_1e9_per_l``.
- **RI in the highest quartile.**  The quartile boundaries are not printed.  The cohort's
  RI had median 14 and interquartile range 10 to 18 (Table 1) and the fourth quartile's
  median was 21 (Table 3), so the default puts a patient in the top quartile when the RI
  is above the cohort's third quartile, 18 (``ri_above=18``), again an assumption.

Both assumed defaults are recorded with their reasoning in
``data/reference/induction_risk_cutoffs.csv``; a test pins :data:`DEFAULT_CUTOFFS` to it.
- **Five or more organs** is printed (``organs_at_least=5``); **dacryoadenitis** is a
  yes/no finding.

Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 1, Table 3, Fig 3c).

Examples
--------
>>> risk_factor_count(eosinophil_pct=12.0, leukocytes_1e9_per_l=6.0, ri=21,
...                   n_organs=5, dacryoadenitis=False)
3
>>> treatment_advice(3).consider_combination
True
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats as _sps

from igg4lib import stats

__all__ = [
    "DEFAULT_CUTOFFS",
    "FACTOR_LABELS",
    "RISK_FACTORS",
    "AreaUnderCurve",
    "FailureRisk",
    "RiskCutoffs",
    "RiskFactors",
    "RulePerformance",
    "TreatmentAdvice",
    "all_combinations",
    "auc_delong",
    "bootstrap_logistic",
    "calculator_html",
    "calculator_widget",
    "calibration_table",
    "count_group",
    "events_per_variable",
    "failure_risk",
    "grouped_auc",
    "logistic_odds_ratios",
    "risk_factor_count",
    "risk_factors",
    "risk_groups_table",
    "rule_performance",
    "score_frame",
    "summarise_bootstrap",
    "treatment_advice",
]

#: The four risk factors, in the order the paper lists them.
RISK_FACTORS: tuple[str, ...] = (
    "eosinophilia",
    "ri_top_quartile",
    "five_or_more_organs",
    "dacryoadenitis",
)

#: Labels for tables and figures.
FACTOR_LABELS: dict[str, str] = {
    "eosinophilia": "Eosinophilia",
    "ri_top_quartile": "RI in the highest quartile",
    "five_or_more_organs": "Five or more organs involved",
    "dacryoadenitis": "Dacryoadenitis",
}

#: Count groups of Fig 3c: label -> (lowest count, highest count).
COUNT_GROUPS: dict[str, tuple[int, int]] = {"0": (0, 0), "1": (1, 1), "2": (2, 2), "3-4": (3, 4)}


# --------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------


def _real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {value!r} ({type(value).__name__})")
    v = float(value)
    if math.isnan(v):
        raise ValueError(f"{name} is missing (NaN); expected a measured value")
    if math.isinf(v):
        raise ValueError(f"{name} must be finite; got {value}")
    return v


def _whole(name: str, value: object) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number; got {value!r} (bool)")
    v = _real(name, value)
    if not v.is_integer():
        raise ValueError(f"{name} must be a whole number; got {value}")
    return int(v)


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral) and value in (0, 1):
        return bool(value)
    raise TypeError(f"{name} must be True or False (or 1/0); got {value!r}")


# --------------------------------------------------------------------------------------
# cut-offs
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskCutoffs:
    """Where each continuous finding becomes a risk factor.

    Attributes
    ----------
    eosinophils_above_1e9_per_l
        Eosinophilia when the blood eosinophil count is *above* this (x 10^9/L).  Default
        0.5, the definition of a report on eosinophilia in IgG4-RD patients of the same
        hospital; the cohort paper gives none, so this is an assumption of the book
        (``data/reference/induction_risk_cutoffs.csv``, pinned by a test).
    ri_above
        RI in the highest quartile when the baseline RI is *above* this.  Default 18, the
        cohort's third quartile (Table 1: median 14, IQR 10-18); the paper prints no
        quartile boundaries, so this too is an assumption of the book.
    organs_at_least
        "Many organs" when at least this many organs are involved.  Default 5, as printed.

    >>> RiskCutoffs(ri_above=17).ri_above
    17
    >>> RiskCutoffs(eosinophils_above_1e9_per_l=-1)
    Traceback (most recent call last):
    ...
    ValueError: eosinophils_above_1e9_per_l must be > 0 (x 10^9/L); got -1
    """

    eosinophils_above_1e9_per_l: float = 0.5
    ri_above: int = 18
    organs_at_least: int = 5

    def __post_init__(self) -> None:
        eos = _real("eosinophils_above_1e9_per_l", self.eosinophils_above_1e9_per_l)
        if eos <= 0:
            raise ValueError(
                f"eosinophils_above_1e9_per_l must be > 0 (x 10^9/L); "
                f"got {self.eosinophils_above_1e9_per_l}"
            )
        ri = _whole("ri_above", self.ri_above)
        if ri < 0:
            raise ValueError(f"ri_above must be a responder-index value >= 0; got {ri}")
        organs = _whole("organs_at_least", self.organs_at_least)
        if organs < 2:
            raise ValueError(f"organs_at_least must be >= 2 organs; got {organs}")


#: The defaults defended in the module notes.
DEFAULT_CUTOFFS = RiskCutoffs()


# --------------------------------------------------------------------------------------
# the count
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskFactors:
    """Which of the four risk factors a patient has."""

    eosinophilia: bool
    ri_top_quartile: bool
    five_or_more_organs: bool
    dacryoadenitis: bool

    @property
    def count(self) -> int:
        """Number of risk factors present (0 to 4)."""
        return sum(getattr(self, name) for name in RISK_FACTORS)


def _check_patient(
    eosinophil_pct: object,
    leukocytes_1e9_per_l: object,
    ri: object,
    n_organs: object,
    dacryoadenitis: object,
) -> tuple[float, float, int, int, bool]:
    pct = _real("eosinophil_pct", eosinophil_pct)
    if not 0.0 <= pct <= 100.0:
        raise ValueError(
            f"eosinophil_pct must be a percentage of leukocytes between 0 and 100; got {pct:g}"
        )
    wbc = _real("leukocytes_1e9_per_l", leukocytes_1e9_per_l)
    if wbc <= 0:
        raise ValueError(f"leukocytes_1e9_per_l must be > 0 (x 10^9/L); got {wbc:g}")
    ri_v = _whole("ri", ri)
    if ri_v < 0:
        raise ValueError(f"ri (IgG4-RD responder index) must be >= 0; got {ri_v}")
    organs = _whole("n_organs", n_organs)
    if organs < 1:
        raise ValueError(
            f"n_organs must be at least 1 (IgG4-RD involves at least one organ); got {organs}"
        )
    dacryo = _flag("dacryoadenitis", dacryoadenitis)
    return pct, wbc, ri_v, organs, dacryo


def risk_factors(
    *,
    eosinophil_pct: float,
    leukocytes_1e9_per_l: float,
    ri: int,
    n_organs: int,
    dacryoadenitis: bool,
    cutoffs: RiskCutoffs = DEFAULT_CUTOFFS,
) -> RiskFactors:
    """Classify one patient's baseline findings into the four risk factors.

    Parameters
    ----------
    eosinophil_pct
        Blood eosinophils as a percentage of leukocytes (0-100).
    leukocytes_1e9_per_l
        Leukocyte count (x 10^9/L, > 0); with ``eosinophil_pct`` it gives the eosinophil
        count compared with ``cutoffs.eosinophils_above_1e9_per_l``.
    ri
        Baseline IgG4-RD responder index (whole number >= 0).
    n_organs
        Number of organs involved (whole number >= 1).
    dacryoadenitis
        Lacrimal gland involvement.
    cutoffs
        The thresholds (see :class:`RiskCutoffs`).

    Returns
    -------
    RiskFactors

    Raises
    ------
    ValueError
        Naming the field, the value and the expected range, e.g. for a negative organ
        count or an eosinophil percentage over 100.

    Examples
    --------
    >>> f = risk_factors(eosinophil_pct=10, leukocytes_1e9_per_l=5.0, ri=18,
    ...                  n_organs=4, dacryoadenitis=True)
    >>> f.eosinophilia, f.ri_top_quartile, f.five_or_more_organs, f.count
    (False, False, False, 1)

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 3).
    """
    pct, wbc, ri_v, organs, dacryo = _check_patient(
        eosinophil_pct, leukocytes_1e9_per_l, ri, n_organs, dacryoadenitis
    )
    if not isinstance(cutoffs, RiskCutoffs):
        raise TypeError(f"cutoffs must be a RiskCutoffs; got {type(cutoffs).__name__}")
    eos_count = pct / 100.0 * wbc
    return RiskFactors(
        eosinophilia=eos_count > cutoffs.eosinophils_above_1e9_per_l,
        ri_top_quartile=ri_v > cutoffs.ri_above,
        five_or_more_organs=organs >= cutoffs.organs_at_least,
        dacryoadenitis=dacryo,
    )


def risk_factor_count(
    *,
    eosinophil_pct: float,
    leukocytes_1e9_per_l: float,
    ri: int,
    n_organs: int,
    dacryoadenitis: bool,
    cutoffs: RiskCutoffs = DEFAULT_CUTOFFS,
) -> int:
    """Number of the four risk factors (0 to 4) one patient has.

    Same arguments as :func:`risk_factors`; use :func:`score_frame` for a table of
    patients.

    >>> risk_factor_count(eosinophil_pct=3.0, leukocytes_1e9_per_l=6.0, ri=10,
    ...                   n_organs=2, dacryoadenitis=False)
    0
    >>> risk_factor_count(eosinophil_pct=120, leukocytes_1e9_per_l=6.0, ri=10,
    ...                   n_organs=2, dacryoadenitis=False)
    Traceback (most recent call last):
    ...
    ValueError: eosinophil_pct must be a percentage of leukocytes between 0 and 100; got 120

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c).
    """
    return risk_factors(
        eosinophil_pct=eosinophil_pct,
        leukocytes_1e9_per_l=leukocytes_1e9_per_l,
        ri=ri,
        n_organs=n_organs,
        dacryoadenitis=dacryoadenitis,
        cutoffs=cutoffs,
    ).count


#: Columns :func:`score_frame` reads.
PATIENT_COLUMNS: tuple[str, ...] = (
    "eosinophil_pct",
    "leukocytes_1e9_per_l",
    "ri",
    "n_organs",
    "dacryoadenitis",
)


def score_frame(
    frame: pd.DataFrame,
    cutoffs: RiskCutoffs = DEFAULT_CUTOFFS,
    *,
    missing_eosinophils: Literal["raise", "absent"] = "raise",
) -> pd.DataFrame:
    """Add the four risk-factor flags and their count to a table of patients.

    Parameters
    ----------
    frame
        One row per patient with the columns of :data:`PATIENT_COLUMNS`.
    cutoffs
        The thresholds (see :class:`RiskCutoffs`).
    missing_eosinophils
        What to do with a row whose eosinophil percentage or leukocyte count is missing:
        ``"raise"`` (default) refuses it; ``"absent"`` counts eosinophilia as absent, which
        is how a count score is scored when the test was not done, and records the row in
        the ``eosinophils_missing`` column.  Any other missing value always raises.

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with boolean columns for each of :data:`RISK_FACTORS`,
        ``eosinophils_missing`` and the integer ``risk_factor_count``.

    Raises
    ------
    ValueError
        For a missing column, a missing value, or any value :func:`risk_factors` rejects;
        the message names the column, the row and the value.

    Examples
    --------
    >>> df = pd.DataFrame({"eosinophil_pct": [12.0, None], "leukocytes_1e9_per_l": [6.0, None],
    ...                    "ri": [21, 9], "n_organs": [6, 2], "dacryoadenitis": [True, False]})
    >>> score_frame(df, missing_eosinophils="absent")["risk_factor_count"].tolist()
    [4, 0]

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c).
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    missing_cols = [c for c in PATIENT_COLUMNS if c not in frame.columns]
    if missing_cols:
        raise ValueError(
            f"frame is missing column(s) {missing_cols}; expected {list(PATIENT_COLUMNS)}"
        )
    if missing_eosinophils not in ("raise", "absent"):
        raise ValueError(
            f"missing_eosinophils must be 'raise' or 'absent'; got {missing_eosinophils!r}"
        )
    rows = []
    for idx, row in frame.iterrows():
        eos_missing = pd.isna(row["eosinophil_pct"]) or pd.isna(row["leukocytes_1e9_per_l"])
        if eos_missing and missing_eosinophils == "raise":
            raise ValueError(
                f"row {idx}: eosinophil_pct or leukocytes_1e9_per_l is missing; pass "
                "missing_eosinophils='absent' to count eosinophilia as absent"
            )
        for col in ("ri", "n_organs", "dacryoadenitis"):
            if pd.isna(row[col]):
                raise ValueError(f"row {idx}: {col} is missing; expected a value")
        try:
            flags = risk_factors(
                eosinophil_pct=50.0 if eos_missing else _py(row["eosinophil_pct"]),
                leukocytes_1e9_per_l=1.0 if eos_missing else _py(row["leukocytes_1e9_per_l"]),
                ri=_py(row["ri"]),
                n_organs=_py(row["n_organs"]),
                dacryoadenitis=_py(row["dacryoadenitis"]),
                cutoffs=cutoffs,
            )
        except (ValueError, TypeError) as exc:
            raise type(exc)(f"row {idx}: {exc}") from None
        values = {name: getattr(flags, name) for name in RISK_FACTORS}
        if eos_missing:
            values["eosinophilia"] = False
        values["eosinophils_missing"] = bool(eos_missing)
        rows.append(values)
    out = frame.copy()
    flags_df = pd.DataFrame(rows, index=frame.index, columns=[*RISK_FACTORS, "eosinophils_missing"])
    for col in flags_df.columns:
        out[col] = flags_df[col].astype(bool)
    out["risk_factor_count"] = flags_df[list(RISK_FACTORS)].sum(axis=1).astype(int)
    return out


def _py(value: object) -> object:
    """numpy/pandas scalar -> plain Python scalar (so type checks see int/float/bool)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


# --------------------------------------------------------------------------------------
# risk by count
# --------------------------------------------------------------------------------------


def count_group(count: int) -> str:
    """The Fig 3c group a risk-factor count falls in: ``"0"``, ``"1"``, ``"2"`` or ``"3-4"``.

    >>> [count_group(k) for k in range(5)]
    ['0', '1', '2', '3-4', '3-4']
    >>> count_group(5)
    Traceback (most recent call last):
    ...
    ValueError: count must be a number of risk factors between 0 and 4; got 5
    """
    k = _whole("count", count)
    if not 0 <= k <= 4:
        raise ValueError(f"count must be a number of risk factors between 0 and 4; got {k}")
    for label, (lo, hi) in COUNT_GROUPS.items():
        if lo <= k <= hi:
            return label
    raise AssertionError("unreachable")  # pragma: no cover


def risk_groups_table(n_patients: Mapping[str, int], failures: Mapping[str, int]) -> pd.DataFrame:
    """Tidy table of the Fig 3c groups: size, failures, proportion and Wilson 95% CI.

    Parameters
    ----------
    n_patients, failures
        Keyed by the group labels ``"0"``, ``"1"``, ``"2"``, ``"3-4"`` (every one needed).

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``min_count``, ``max_count``, ``n_patients``, ``failures``,
        ``risk``, ``ci_low``, ``ci_high`` (fractions).

    >>> t = risk_groups_table({"0": 36, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 3, "1": 3, "2": 5, "3-4": 5})
    >>> t["risk"].round(3).tolist()
    [0.083, 0.143, 0.385, 0.714]

    Reference: Wilson EB. J Am Stat Assoc 1927;22:209-12.
    """
    rows = []
    for label, (lo, hi) in COUNT_GROUPS.items():
        if label not in n_patients or label not in failures:
            raise ValueError(
                f"n_patients and failures need every group {list(COUNT_GROUPS)}; "
                f"missing {label!r}"
            )
        w = stats.wilson_ci(failures[label], n_patients[label])
        rows.append(
            {
                "group": label,
                "min_count": lo,
                "max_count": hi,
                "n_patients": w.n,
                "failures": w.x,
                "risk": w.estimate,
                "ci_low": w.ci_low,
                "ci_high": w.ci_high,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class FailureRisk:
    """Observed failure of GC-alone induction in the Fig 3c group a count falls in.

    ``risk``, ``ci_low`` and ``ci_high`` are fractions; the interval is Wilson's 95%
    interval on the ``failures`` out of ``n_patients`` the estimate rests on.
    """

    count: int
    group: str
    n_patients: int
    failures: int
    risk: float
    ci_low: float
    ci_high: float

    def describe(self) -> str:
        """One line for a reader, e.g. ``'38% (18% to 64%), 5 of 13 patients'``."""
        return (
            f"{100 * self.risk:.0f}% ({100 * self.ci_low:.0f}% to {100 * self.ci_high:.0f}%), "
            f"{self.failures} of {self.n_patients} patients"
        )


def failure_risk(count: int, groups: pd.DataFrame) -> FailureRisk:
    """Failure risk for a patient with ``count`` risk factors, from the published groups.

    The risk is the observed proportion in the patient's Fig 3c group with its Wilson 95%
    interval; it is an in-sample estimate from one centre, not a validated prediction.

    Parameters
    ----------
    count
        Number of risk factors (0-4).
    groups
        The group table of :func:`risk_groups_table` (in the book, built from the
        reconstruction of Fig 3c).

    Examples
    --------
    >>> g = risk_groups_table({"0": 36, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 3, "1": 3, "2": 5, "3-4": 5})
    >>> failure_risk(4, g).describe()
    '71% (36% to 92%), 5 of 7 patients'

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c).
    """
    label = count_group(count)
    if not isinstance(groups, pd.DataFrame) or "group" not in groups.columns:
        raise TypeError("groups must be the DataFrame returned by risk_groups_table")
    missing = [c for c in ("n_patients", "failures", "risk", "ci_low", "ci_high")
               if c not in groups.columns]
    if missing:
        raise ValueError(f"groups is missing column(s) {missing} (use risk_groups_table)")
    match = groups.loc[groups["group"] == label]
    if len(match) != 1:
        raise ValueError(f"groups must hold exactly one row for group {label!r}; got {len(match)}")
    row = match.iloc[0]
    return FailureRisk(
        count=int(count),
        group=label,
        n_patients=int(row["n_patients"]),
        failures=int(row["failures"]),
        risk=float(row["risk"]),
        ci_low=float(row["ci_low"]),
        ci_high=float(row["ci_high"]),
    )


# --------------------------------------------------------------------------------------
# the recommendation
# --------------------------------------------------------------------------------------

_CAVEATS: tuple[str, ...] = (
    "The factors come from univariate analyses of a small glucocorticoid-alone group at one "
    "centre; no multivariable model and no external validation support the score.",
    "The paper's text says 'more than three' factors, but its figure groups three and four "
    "factors together; the threshold of three follows the figure.",
    "The cut-offs for eosinophilia and for the top RI quartile are not printed in the paper; "
    "the ones used here are assumptions.",
    "The failure risks are observed proportions in small groups; read the interval, not the "
    "point estimate.",
    "The recommendation to add an immunosuppressant was not tested in a randomised trial of "
    "patients selected by this score.",
)


@dataclass(frozen=True)
class TreatmentAdvice:
    """What the paper's recommendation says for a count, with the caveats that go with it."""

    count: int
    threshold: int
    consider_combination: bool
    advice: str
    caveats: tuple[str, ...] = field(default=_CAVEATS)


def treatment_advice(count: int, *, threshold: int = 3) -> TreatmentAdvice:
    """The cohort paper's recommendation for a patient with ``count`` risk factors.

    Parameters
    ----------
    count
        Number of risk factors (0-4).
    threshold
        Lowest count at which GC plus an immunosuppressant is to be considered.  Default 3,
        the lower edge of Fig 3c's top group ("3-4"); ``threshold=4`` reads the text's
        "more than three" literally.

    Returns
    -------
    TreatmentAdvice
        ``consider_combination``, a sentence of advice and the caveats.

    Examples
    --------
    >>> treatment_advice(2).consider_combination, treatment_advice(3).consider_combination
    (False, True)
    >>> treatment_advice(3, threshold=4).consider_combination
    False

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Discussion, Conclusions).
    """
    k = _whole("count", count)
    if not 0 <= k <= 4:
        raise ValueError(f"count must be a number of risk factors between 0 and 4; got {k}")
    t = _whole("threshold", threshold)
    if not 1 <= t <= 4:
        raise ValueError(f"threshold must be between 1 and 4 risk factors; got {t}")
    combine = k >= t
    if combine:
        text = (
            f"{k} of 4 risk factors (threshold {t}): the cohort paper suggests considering "
            "a glucocorticoid plus an immunosuppressant from the start."
        )
    else:
        text = (
            f"{k} of 4 risk factors (threshold {t}): below the threshold at which the cohort "
            "paper suggests adding an immunosuppressant."
        )
    return TreatmentAdvice(count=k, threshold=t, consider_combination=combine, advice=text)


def all_combinations(groups: pd.DataFrame, *, threshold: int = 3) -> pd.DataFrame:
    """Every one of the 16 combinations of the four factors with its risk and advice.

    Returns
    -------
    pandas.DataFrame
        One row per combination: a boolean column per risk factor, ``risk_factor_count``,
        ``group``, ``n_patients``, ``failures``, ``risk``, ``ci_low``, ``ci_high`` and
        ``consider_combination``; sorted by count, then by the factors.

    >>> g = risk_groups_table({"0": 36, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 3, "1": 3, "2": 5, "3-4": 5})
    >>> t = all_combinations(g)
    >>> len(t), int(t["consider_combination"].sum())
    (16, 5)
    """
    rows = []
    for bits in range(16):
        present = {name: bool(bits >> (3 - i) & 1) for i, name in enumerate(RISK_FACTORS)}
        k = sum(present.values())
        fr = failure_risk(k, groups)
        rows.append(
            {
                **present,
                "risk_factor_count": k,
                "group": fr.group,
                "n_patients": fr.n_patients,
                "failures": fr.failures,
                "risk": fr.risk,
                "ci_low": fr.ci_low,
                "ci_high": fr.ci_high,
                "consider_combination": treatment_advice(
                    k, threshold=threshold
                ).consider_combination,
            }
        )
    out = pd.DataFrame(rows)
    order = ["risk_factor_count", *RISK_FACTORS]
    asc = [True] + [False] * len(RISK_FACTORS)
    return out.sort_values(order, ascending=asc, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class RulePerformance:
    """How a rule "treat when the count is at least ``threshold``" sorts the Fig 3c patients.

    ``sensitivity`` is the share of failures the rule flags, ``specificity`` the share of
    patients without failure it leaves unflagged, each with Wilson's 95% interval.
    """

    threshold: int
    flagged: int
    n_patients: int
    failures_flagged: int
    failures_missed: int
    sensitivity: stats.Proportion
    specificity: stats.Proportion

    def describe(self) -> str:
        """One line for a reader."""
        se, sp = self.sensitivity, self.specificity
        return (
            f"{self.threshold} or more factors: flags {self.flagged} of {self.n_patients} "
            f"patients; sensitivity {100 * se.estimate:.0f}% ({100 * se.ci_low:.0f}% to "
            f"{100 * se.ci_high:.0f}%), specificity {100 * sp.estimate:.0f}% "
            f"({100 * sp.ci_low:.0f}% to {100 * sp.ci_high:.0f}%)"
        )


def rule_performance(groups: pd.DataFrame, *, threshold: int = 3) -> RulePerformance:
    """Sensitivity and specificity of "count at least ``threshold``" over the Fig 3c groups.

    A group counts as flagged when its lowest count reaches the threshold, so with the
    paper's groups (0, 1, 2, 3-4) a threshold of 4 cannot be evaluated: the top group mixes
    three and four factors.

    >>> g = risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 2, "1": 3, "2": 5, "3-4": 5})
    >>> r = rule_performance(g, threshold=3)
    >>> r.flagged, r.failures_flagged, r.failures_missed
    (7, 5, 10)
    >>> rule_performance(g, threshold=4)
    Traceback (most recent call last):
    ...
    ValueError: threshold 4 splits a group (3-4); the groups allow thresholds [1, 2, 3]

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c).
    """
    t = _whole("threshold", threshold)
    for col in ("min_count", "max_count", "n_patients", "failures"):
        if col not in groups.columns:
            raise ValueError(f"groups is missing column {col!r} (use risk_groups_table)")
    allowed = sorted(int(v) for v in groups["min_count"] if int(v) > 0)
    split = groups.loc[(groups["min_count"] < t) & (groups["max_count"] >= t)]
    if len(split) or t not in allowed:
        where = f" ({split['group'].iloc[0]})" if len(split) else ""
        raise ValueError(
            f"threshold {t} splits a group{where}; the groups allow thresholds {allowed}"
        )
    flagged = groups.loc[groups["min_count"] >= t]
    n_all, f_all = int(groups["n_patients"].sum()), int(groups["failures"].sum())
    n_flag, f_flag = int(flagged["n_patients"].sum()), int(flagged["failures"].sum())
    non_events = n_all - f_all
    return RulePerformance(
        threshold=t,
        flagged=n_flag,
        n_patients=n_all,
        failures_flagged=f_flag,
        failures_missed=f_all - f_flag,
        sensitivity=stats.wilson_ci(f_flag, f_all),
        specificity=stats.wilson_ci(non_events - (n_flag - f_flag), non_events),
    )


# --------------------------------------------------------------------------------------
# discrimination
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaUnderCurve:
    """Area under the ROC curve (the c statistic) with DeLong's 95% interval."""

    auc: float
    se: float
    ci_low: float
    ci_high: float
    n_events: int
    n_non_events: int
    level: float


def auc_delong(score: object, outcome: object, level: float = 0.95) -> AreaUnderCurve:
    """AUC of a score for a binary outcome, with DeLong's standard error.

    Ties count one half (the Mann-Whitney convention), which matters for a score with only
    five values.  The interval is ``AUC ± z·SE`` clipped to [0, 1].  scipy gives the AUC
    (through the Mann-Whitney U statistic) but no DeLong variance, so the structural
    components are computed here.

    Parameters
    ----------
    score
        Higher means higher predicted risk (array-like of numbers).
    outcome
        1/True for the event, 0/False otherwise (array-like, same length).
    level
        Confidence level.

    Examples
    --------
    >>> r = auc_delong([0, 1, 1, 2, 3, 0, 0, 1], [0, 0, 1, 1, 1, 0, 1, 0])
    >>> round(r.auc, 3), r.n_events
    (0.75, 4)

    Reference: DeLong ER et al. Biometrics 1988;44:837-45.
    """
    s = np.asarray(score, dtype=float)
    y = np.asarray(outcome)
    if s.ndim != 1 or y.ndim != 1 or len(s) != len(y):
        raise ValueError(
            f"score and outcome must be 1-D and of equal length; got {s.shape} and {y.shape}"
        )
    if np.isnan(s).any():
        raise ValueError("score contains missing values (NaN); expected a score for everyone")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("outcome must hold only 0/1 (or False/True)")
    y = y.astype(bool)
    pos, neg = s[y], s[~y]
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError(
            f"outcome needs both events and non-events; got {len(pos)} events, {len(neg)} non"
        )
    lev = float(level)
    if not 0 < lev < 1:
        raise ValueError(f"level must be strictly between 0 and 1; got {level}")
    # psi(x, y) = 1 if x > y, 1/2 if tied, 0 otherwise
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    auc = float(psi.mean())
    u_check = _sps.mannwhitneyu(pos, neg, alternative="two-sided").statistic
    assert abs(u_check / (len(pos) * len(neg)) - auc) < 1e-12
    v10 = psi.mean(axis=1)
    v01 = psi.mean(axis=0)
    var = v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg)
    se = float(math.sqrt(var))
    z = float(_sps.norm.ppf(0.5 + lev / 2))
    return AreaUnderCurve(
        auc=auc,
        se=se,
        ci_low=max(0.0, auc - z * se),
        ci_high=min(1.0, auc + z * se),
        n_events=len(pos),
        n_non_events=len(neg),
        level=lev,
    )


# --------------------------------------------------------------------------------------
# logistic regression on patient-level data
# --------------------------------------------------------------------------------------


def _fit_logit(y: np.ndarray, x: pd.DataFrame) -> tuple[object, list[str]]:
    """Fit a logistic model with statsmodels; return the result and the warnings raised.

    Warnings (perfect separation, non-convergence) are recorded and returned rather than
    printed: with few events they are findings to report, not noise.
    """
    import warnings

    import statsmodels.api as sm

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = sm.Logit(y, sm.add_constant(x.astype(float), has_constant="add"))
        result = model.fit(disp=False, maxiter=200, method="newton")
    return result, [f"{w.category.__name__}: {w.message}" for w in caught]


def _exp(value: float) -> float:
    """exp() that returns inf (an unbounded limit under separation) instead of overflowing."""
    v = float(value)
    return math.inf if v > 700 else (0.0 if v < -700 else math.exp(v))


def logistic_odds_ratios(
    frame: pd.DataFrame,
    outcome: str,
    predictors: Mapping[str, object | None],
    *,
    level: float = 0.95,
) -> pd.DataFrame:
    """Odds ratios with Wald intervals from one logistic model (statsmodels ``Logit``).

    Parameters
    ----------
    frame
        One row per patient; rows with a missing value in the outcome or any predictor
        are dropped (complete cases), and the number used is reported.
    outcome
        Name of the 0/1 (or boolean) outcome column.
    predictors
        Column name -> reference level.  ``None`` means the column is a 0/1 (boolean)
        exposure; otherwise the column is categorical and each other level is compared
        with the reference (treatment coding), as in Table 3.
    level
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        One row per coefficient: ``predictor``, ``level``, ``odds_ratio``, ``ci_low``,
        ``ci_high``, ``p_value``, ``n_patients``, ``n_events`` and ``warnings`` (what
        statsmodels warned about while fitting, e.g. separation; empty when nothing).

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1, 0] * 10 + [0] * 10, "x": [1, 1, 0, 0] * 5 + [0] * 10})
    >>> r = logistic_odds_ratios(df, "y", {"x": None})
    >>> round(float(r["odds_ratio"].iloc[0]), 3)  # (5 x 15) / (5 x 5)
    3.0

    Reference: statsmodels Logit; Table 3 of Wang L et al. Arthritis Res Ther 2018;20:65.
    """
    if outcome not in frame.columns:
        raise ValueError(f"outcome column {outcome!r} is not in frame")
    unknown = [c for c in predictors if c not in frame.columns]
    if unknown:
        raise ValueError(f"predictor column(s) {unknown} are not in frame")
    if not predictors:
        raise ValueError("predictors must name at least one column")
    cols = [outcome, *predictors]
    data = frame[cols].dropna()
    y = data[outcome].astype(int).to_numpy()
    if not set(np.unique(y)) <= {0, 1}:
        raise ValueError(f"outcome {outcome!r} must hold only 0/1 or False/True")
    design = {}
    for col, ref in predictors.items():
        if ref is None:
            design[col] = data[col].astype(int)
        else:
            levels = [v for v in pd.unique(data[col]) if v != ref]
            if ref not in set(data[col]):
                raise ValueError(f"reference level {ref!r} does not occur in column {col!r}")
            for lev in sorted(levels, key=str):
                design[f"{col}={lev}"] = (data[col] == lev).astype(int)
    x = pd.DataFrame(design, index=data.index)
    result, caught = _fit_logit(y, x)
    ci = np.asarray(result.conf_int(alpha=1 - level))
    params = np.asarray(result.params)
    pvalues = np.asarray(result.pvalues)
    rows = []
    for i, name in enumerate(x.columns, start=1):
        pred, _, lev = name.partition("=")
        rows.append(
            {
                "predictor": pred,
                "level": lev if lev else "yes",
                "odds_ratio": _exp(params[i]),
                "ci_low": _exp(ci[i, 0]),
                "ci_high": _exp(ci[i, 1]),
                "p_value": float(pvalues[i]),
                "n_patients": len(y),
                "n_events": int(y.sum()),
                "warnings": "; ".join(caught),
            }
        )
    return pd.DataFrame(rows)


def events_per_variable(n_events: int, n_parameters: int) -> float:
    """Events per estimated coefficient (intercept excluded).

    >>> events_per_variable(16, 4)
    4.0

    Reference: Peduzzi P et al. J Clin Epidemiol 1996;49:1373-9.
    """
    e = _whole("n_events", n_events)
    p = _whole("n_parameters", n_parameters)
    if e < 0:
        raise ValueError(f"n_events must be >= 0; got {e}")
    if p < 1:
        raise ValueError(f"n_parameters must be >= 1; got {p}")
    return e / p


def calibration_table(
    frame: pd.DataFrame, *, predicted: str, outcome: str, group: str
) -> pd.DataFrame:
    """Mean predicted risk against observed proportion (Wilson 95% CI), by group.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``n_patients``, ``events``, ``predicted``, ``observed``, ``ci_low``,
        ``ci_high``.

    >>> df = pd.DataFrame({"g": [0, 0, 1, 1], "p": [0.1, 0.1, 0.6, 0.6], "y": [0, 0, 1, 0]})
    >>> calibration_table(df, predicted="p", outcome="y", group="g")["observed"].tolist()
    [0.0, 0.5]
    """
    for col in (predicted, outcome, group):
        if col not in frame.columns:
            raise ValueError(f"column {col!r} is not in frame")
    rows = []
    for key, sub in frame.groupby(group, sort=True):
        events = int(sub[outcome].astype(int).sum())
        w = stats.wilson_ci(events, len(sub))
        rows.append(
            {
                "group": key,
                "n_patients": len(sub),
                "events": events,
                "predicted": float(sub[predicted].mean()),
                "observed": w.estimate,
                "ci_low": w.ci_low,
                "ci_high": w.ci_high,
            }
        )
    return pd.DataFrame(rows)


def bootstrap_logistic(
    frame: pd.DataFrame,
    outcome: str,
    predictors: Mapping[str, object | None],
    *,
    n_boot: int = 500,
    seed: int = 2018,
) -> pd.DataFrame:
    """Refit a logistic model on bootstrap resamples to show how stable it is.

    Each resample draws the patients with replacement (``numpy.random.default_rng(seed)``)
    and refits :func:`logistic_odds_ratios`.  With few events some resamples have a
    factor level with no events or no non-events (separation): the maximum-likelihood
    odds ratio is then infinite or zero, and statsmodels warns; those fits are flagged, not
    dropped.

    Returns
    -------
    pandas.DataFrame
        One row per resample and coefficient: ``replicate``, ``predictor``, ``level``,
        ``odds_ratio`` and ``problem`` (True when the fit warned or a cell was empty).

    >>> df = pd.DataFrame({"y": [1, 0, 1, 0, 0, 0, 1, 0] * 3, "x": [1, 1, 0, 0, 1, 0, 1, 0] * 3})
    >>> b = bootstrap_logistic(df, "y", {"x": None}, n_boot=5, seed=1)
    >>> len(b), list(b.columns)
    (5, ['replicate', 'predictor', 'level', 'odds_ratio', 'problem'])

    Reference: Efron B, Tibshirani RJ. An Introduction to the Bootstrap. 1993.
    """
    n = _whole("n_boot", n_boot)
    if n < 1:
        raise ValueError(f"n_boot must be >= 1; got {n}")
    data = frame[[outcome, *predictors]].dropna().reset_index(drop=True)
    expected = [
        (r.predictor, r.level)
        for r in logistic_odds_ratios(data, outcome, predictors).itertuples(index=False)
    ]
    rng = np.random.default_rng(seed)
    rows = []
    for rep in range(n):
        sample = data.iloc[rng.integers(0, len(data), len(data))].reset_index(drop=True)
        y = sample[outcome].astype(int)
        empty = False
        for col, ref in predictors.items():
            levels = [1] if ref is None else [v for v in data[col].unique() if v != ref]
            for lev in levels:
                cell = sample[col] == lev
                if y[cell].nunique() < 2:
                    empty = True
        try:
            fit = logistic_odds_ratios(sample, outcome, predictors)
        except (ValueError, np.linalg.LinAlgError):
            for col, lev in expected:
                rows.append({"replicate": rep, "predictor": col, "level": lev,
                             "odds_ratio": math.nan, "problem": True})
            continue
        for r in fit.itertuples(index=False):
            rows.append(
                {
                    "replicate": rep,
                    "predictor": r.predictor,
                    "level": r.level,
                    "odds_ratio": r.odds_ratio,
                    "problem": bool(empty or r.warnings),
                }
            )
    return pd.DataFrame(rows, columns=["replicate", "predictor", "level", "odds_ratio",
                                       "problem"])


def calculator_widget(groups: pd.DataFrame, *, threshold: int = 3):
    """An ipywidgets calculator: tick risk factors, read the risk and the advice.

    For live notebooks only (the rendered book shows :func:`all_combinations` instead).
    Returns an ``ipywidgets.VBox``; its output is refreshed on every change.
    """
    import ipywidgets as widgets

    boxes = {
        name: widgets.Checkbox(value=False, description=FACTOR_LABELS[name], indent=False)
        for name in RISK_FACTORS
    }
    out = widgets.HTML()

    def refresh(_: object = None) -> None:
        k = sum(box.value for box in boxes.values())
        fr = failure_risk(k, groups)
        adv = treatment_advice(k, threshold=threshold)
        caveats = "".join(f"<li>{c}</li>" for c in adv.caveats)
        out.value = (
            f"<p><b>{k} risk factor{'s' if k != 1 else ''}</b>: observed failure "
            f"{fr.describe()} (Wilson 95% CI, group {fr.group}).</p>"
            f"<p>{adv.advice}</p><details><summary>Caveats</summary><ul>{caveats}</ul>"
            "</details>"
        )

    for box in boxes.values():
        box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([*boxes.values(), out])


_GROUP_WORDS: dict[str, str] = {
    "0": "no risk factor",
    "1": "one risk factor",
    "2": "two risk factors",
    "3-4": "three or four risk factors",
}

_CALCULATOR_CSS = """
.{p}{{border:1px solid rgba(127,127,127,.6);border-radius:.4rem;
  padding:.75rem 1rem;margin:1rem 0;max-width:42rem;color:inherit}}
.{p} fieldset{{border:0;margin:0;padding:0;min-width:0}}
.{p} legend{{font-weight:600;padding:0;margin:0 0 .5rem 0;font-size:1rem}}
.{p}-grid{{display:grid;grid-template-columns:auto 1fr;gap:.15rem .6rem;align-items:start}}
.{p} input[type=checkbox]{{width:1.3rem;height:1.3rem;margin:.35rem 0 0 0}}
.{p} input[type=checkbox]:focus-visible{{outline:3px solid currentColor;outline-offset:2px}}
.{p} label{{padding:.3rem 0;cursor:pointer;line-height:1.4}}
.{p}-note{{display:block;font-size:.9em}}
.{p}-answers{{grid-column:1/-1;margin-top:.5rem}}
.{p}-answer{{display:none;background:rgba(127,127,127,.12);color:inherit;
  border-left:.3rem solid currentColor;padding:.5rem .75rem;border-radius:.2rem}}
.{p}-answer p{{margin:.25rem 0}}
.{p}-reset{{grid-column:1/-1;justify-self:start;margin-top:.6rem;padding:.35rem .9rem;
  font:inherit;color:inherit;background:transparent;border:1px solid currentColor;
  border-radius:.3rem;cursor:pointer}}
.{p}-caveats{{margin:.75rem 0 0 0}}
.{p}-caveats summary{{cursor:pointer;font-weight:600}}
.{p}-caveats ul{{margin:.4rem 0 0 1.1rem;padding:0}}
"""


def _factor_label(name: str, cutoffs: RiskCutoffs) -> tuple[str, str]:
    """(label, note) of one check box: the factor in words and how it is defined."""
    if name == "eosinophilia":
        return ("Eosinophilia",
                f"blood eosinophils above {cutoffs.eosinophils_above_1e9_per_l:g} × 10⁹/L "
                "(a cut-off assumed by the book; the paper gives none)")
    if name == "ri_top_quartile":
        return ("Responder index in the highest quartile",
                f"baseline IgG4-RD RI above {cutoffs.ri_above} (a cut-off assumed by the book; "
                "the paper gives none)")
    if name == "five_or_more_organs":
        return ("Five or more organs involved",
                f"at least {cutoffs.organs_at_least} organs, as printed in the paper")
    return ("Dacryoadenitis", "lacrimal gland involvement")


def _lower_first(label: str) -> str:
    """A label inside a sentence: lower-case first letter, acronyms (RI, IgG4) kept.

    >>> _lower_first("Responder index in the highest quartile"), _lower_first("RI above 18")
    ('responder index in the highest quartile', 'RI above 18')
    """
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def calculator_html(
    groups: pd.DataFrame,
    *,
    threshold: int = 3,
    cutoffs: RiskCutoffs = DEFAULT_CUTOFFS,
    prefix: str = "risk-calc",
) -> str:
    """A risk calculator for a static web page: no kernel, no script, no request to a server.

    Four labelled check boxes in a ``<fieldset>``, followed by one answer for each of the 16
    combinations of the four factors; a CSS rule per combination (``:checked`` and
    ``:not(:checked)`` with the sibling combinator ``~``) shows the answer that matches the
    ticked boxes. A reset button (a plain ``<input type="reset">``) clears the boxes, and
    the caveats sit in a ``<details>`` element. Without CSS every answer is shown, each
    naming its combination, so the page still reads correctly. Text colour is inherited
    from the output area and backgrounds are a translucent grey tint, so the contrast is the
    page's own in light and dark mode.

    Parameters
    ----------
    groups
        The Fig 3c group table of :func:`risk_groups_table`.
    threshold
        Lowest count at which the paper's suggestion (GC plus an immunosuppressant) applies;
        see :func:`treatment_advice`.
    cutoffs
        The thresholds named in the labels (see :class:`RiskCutoffs`).
    prefix
        Prefix of every id and class (letters, digits and hyphens), so the block cannot
        clash with the rest of the page.

    Returns
    -------
    str
        A self-contained HTML fragment (a ``<style>`` block and a ``<form>``).

    Examples
    --------
    >>> g = risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 2, "1": 3, "2": 5, "3-4": 5})
    >>> page = calculator_html(g)
    >>> page.count('class="risk-calc-answer"'), page.count('type="checkbox"')
    (16, 4)
    >>> "<script" in page, "http" in page
    (False, False)
    >>> calculator_html(g, prefix="my calc")
    Traceback (most recent call last):
    ...
    ValueError: prefix must be letters, digits and hyphens starting with a letter; got 'my calc'

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c, Conclusions).
    """
    if not (isinstance(prefix, str) and prefix[:1].isalpha()
            and all(c.isalnum() or c == "-" for c in prefix)):
        raise ValueError(
            f"prefix must be letters, digits and hyphens starting with a letter; got {prefix!r}"
        )
    if not isinstance(cutoffs, RiskCutoffs):
        raise TypeError(f"cutoffs must be a RiskCutoffs; got {type(cutoffs).__name__}")
    p = prefix
    ids = {name: f"{p}-{name.replace('_', '-')}" for name in RISK_FACTORS}
    boxes = []
    for name in RISK_FACTORS:
        label, note = _factor_label(name, cutoffs)
        boxes.append(
            f'<input type="checkbox" id="{ids[name]}" name="{name}">'
            f'<label for="{ids[name]}">{html.escape(label)}'
            f'<span class="{p}-note">{html.escape(note)}</span></label>'
        )
    answers, rules = [], []
    for bits in range(16):
        present = [bool(bits >> (3 - i) & 1) for i in range(len(RISK_FACTORS))]
        k = sum(present)
        fr = failure_risk(k, groups)
        adv = treatment_advice(k, threshold=threshold)
        names = [_lower_first(FACTOR_LABELS[n]) for n, on in zip(RISK_FACTORS, present, strict=True)
                 if on]
        which = ", ".join(names) if names else "none of the four"
        code = "".join("1" if on else "0" for on in present)
        suggestion = (
            "<strong>The paper suggests considering a glucocorticoid plus an "
            "immunosuppressant from the start.</strong>"
            if adv.consider_combination
            else "Below the paper's threshold for adding an immunosuppressant "
            f"({adv.threshold} or more factors)."
        )
        answers.append(
            f'<div class="{p}-answer" id="{p}-a{code}">'
            f"<p><strong>{k} of 4 risk factors</strong> ({html.escape(which)}).</p>"
            f"<p>In the paper's patients with {_GROUP_WORDS[fr.group]}, induction with a "
            f"glucocorticoid alone failed in <strong>{100 * fr.risk:.0f}%</strong> "
            f"(95% CI {100 * fr.ci_low:.0f}% to {100 * fr.ci_high:.0f}%): "
            f"{fr.failures} of {fr.n_patients} patients.</p>"
            f"<p>{suggestion}</p></div>"
        )
        chain = " ~ ".join(
            f"#{ids[n]}{':checked' if on else ':not(:checked)'}"
            for n, on in zip(RISK_FACTORS, present, strict=True)
        )
        rules.append(f"{chain} ~ .{p}-answers #{p}-a{code}{{display:block}}")
    caveats = "".join(f"<li>{html.escape(c)}</li>" for c in _CAVEATS)
    return (
        f"<style>{_CALCULATOR_CSS.format(p=p)}" + "\n".join(rules) + "</style>"
        f'<form class="{p}" aria-label="Risk calculator">'
        f"<fieldset><legend>Tick the risk factors the patient has at baseline</legend>"
        f'<div class="{p}-grid">' + "".join(boxes)
        + f'<div class="{p}-answers" aria-live="polite">' + "".join(answers) + "</div>"
        f'<input type="reset" class="{p}-reset" value="Clear all boxes">'
        "</div></fieldset>"
        f'<details class="{p}-caveats"><summary>Caveats that go with every answer</summary>'
        f"<ul>{caveats}</ul></details></form>"
    )


def summarise_bootstrap(boot: pd.DataFrame) -> pd.DataFrame:
    """Median and 2.5th/97.5th percentiles of each bootstrap odds ratio, and problem share.

    >>> b = pd.DataFrame({"replicate": [0, 1, 2], "predictor": ["x"] * 3, "level": ["yes"] * 3,
    ...                   "odds_ratio": [1.0, 2.0, 4.0], "problem": [False, True, False]})
    >>> summarise_bootstrap(b)[["median", "problem_share"]].to_dict("records")
    [{'median': 2.0, 'problem_share': 0.3333333333333333}]
    """
    rows = []
    for (pred, lev), sub in boot.groupby(["predictor", "level"], sort=False):
        ors = sub["odds_ratio"].dropna().to_numpy(float)
        if len(ors) == 0:
            raise ValueError(f"no bootstrap fit of {pred}={lev} succeeded; nothing to summarise")
        rows.append(
            {
                "predictor": pred,
                "level": lev,
                "median": float(np.median(ors)),
                "p2_5": float(np.percentile(ors, 2.5)),
                "p97_5": float(np.percentile(ors, 97.5)),
                "problem_share": float(sub["problem"].mean()),
            }
        )
    return pd.DataFrame(rows)


def grouped_auc(groups: pd.DataFrame, level: float = 0.95) -> AreaUnderCurve:
    """AUC of the grouped score (group order 0, 1, 2, ...) from group sizes and failures.

    The count score only ranks patients by group, so its AUC (ties counted one half) is
    fixed by the group-by-outcome table: no patient-level data are needed.

    >>> g = risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 2, "1": 3, "2": 5, "3-4": 5})
    >>> round(grouped_auc(g).auc, 3)
    0.776

    Reference: DeLong ER et al. Biometrics 1988;44:837-45.
    """
    for col in ("n_patients", "failures"):
        if col not in groups.columns:
            raise ValueError(f"groups is missing column {col!r}")
    n = groups["n_patients"].astype(int).to_numpy()
    f = groups["failures"].astype(int).to_numpy()
    score = np.repeat(np.arange(len(groups)), n)
    outcome = np.concatenate([np.r_[np.ones(fi), np.zeros(ni - fi)] for fi, ni in
                              zip(f, n, strict=True)])
    return auc_delong(score, outcome, level)
