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
  computed as ``eosinophil_pct / 100 * leukocytes_1e9_per_l``, rounded to
  :data:`EOSINOPHIL_COUNT_DECIMALS` decimals before the comparison (a count exactly at the
  cut-off is not above it).
- **RI in the highest quartile.**  The quartile boundaries are not printed.  The cohort's
  RI had median 14 and interquartile range 10 to 18 (Table 1) and the fourth quartile's
  median was 21 (Table 3), so the default puts a patient in the top quartile when the RI
  is above the cohort's third quartile, 18 (``ri_above=18``), again an assumption.

Both assumed defaults are recorded with their reasoning in
``data/reference/induction_risk_cutoffs.csv``; a test pins :data:`DEFAULT_CUTOFFS` to it.
- **Five or more organs** is printed (``organs_at_least=5``); **dacryoadenitis** is a
  yes/no finding.

Every public function checks its arguments through :mod:`igg4lib._validation` and refuses bad
input with an error naming the argument (for a table, the column and row): a flag is
``True``/``False`` (not 1/0 or ``"False"``), a logistic outcome or exposure is 0/1 (an outcome
of 0.5 is refused, not truncated), a group table's counts are whole numbers with failures at
most the group size and each interval containing its risk.  Sizes are bounded so that a typing
error is refused at once: :data:`MAX_LEUKOCYTES_1E9_PER_L`, :data:`MAX_RI`,
:data:`MAX_ORGANS`, :data:`MAX_BOOTSTRAP` resamples and :data:`MAX_AUC_PATIENTS`.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pydantic import BeforeValidator, InstanceOf
from scipy import stats as _sps

from igg4lib import stats
from igg4lib._validation import (
    MAX_PATIENTS,
    Count,
    FiniteFloat,
    Frame,
    InvalidArgument,
    Level,
    Patients,
    Percent,
    PositiveCount,
    PositiveFloat,
    PositivePatients,
    Rule,
    Seed,
    StrictFlag,
    Text,
    Whole,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    rows_ordered,
    text_column,
    validated,
)

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
# argument types and bounds
# --------------------------------------------------------------------------------------

#: Largest leukocyte count accepted (x 10^9/L).  A bound against a count in the wrong unit
#: (cells per microlitre, e.g. 6000, instead of 6.0 x 10^9/L), not a clinical limit.
MAX_LEUKOCYTES_1E9_PER_L = 1_000.0
#: Largest responder index accepted.  A bound against typing errors, not a clinical limit:
#: it is far above every responder index in the book's sources and data.
MAX_RI = 300
#: Largest number of organs involved accepted.  A bound against typing errors, not a
#: clinical limit: it is far above every organ count in the book's sources and data.
MAX_ORGANS = 30
#: Largest number of bootstrap resamples of :func:`bootstrap_logistic`: each resample is one
#: logistic fit (tens of milliseconds), so this many take about a minute.
MAX_BOOTSTRAP = 2_000
#: Largest number of patients :func:`auc_delong` and :func:`grouped_auc` accept: the DeLong
#: components compare every event with every non-event.
MAX_AUC_PATIENTS = 5_000

#: A number of risk factors: 0 to 4.
FactorCount = Annotated[Count, at.Le(len(RISK_FACTORS))]
#: The lowest count at which GC plus an immunosuppressant is considered: 1 to 4.
Threshold = Annotated[Whole, at.Ge(1), at.Le(len(RISK_FACTORS))]
#: A baseline responder index: a whole number from 0 to :data:`MAX_RI`.
ResponderIndex = Annotated[Count, at.Le(MAX_RI)]
#: A number of organs involved: 1 to :data:`MAX_ORGANS`.
Organs = Annotated[Whole, at.Ge(1), at.Le(MAX_ORGANS)]
#: A blood cell count in x 10^9/L: > 0 and at most :data:`MAX_LEUKOCYTES_1E9_PER_L`.
CellCount = Annotated[PositiveFloat, at.Le(MAX_LEUKOCYTES_1E9_PER_L)]
#: A number of bootstrap resamples: 1 to :data:`MAX_BOOTSTRAP`.
BootstrapSize = Annotated[PositiveCount, at.Le(MAX_BOOTSTRAP)]
#: A label of a Fig 3c group.
GroupLabel = Literal["0", "1", "2", "3-4"]


def _as_list(value: object) -> object:
    """A one-dimensional numpy array or pandas Series as a list (other values unchanged)."""
    if isinstance(value, np.ndarray | pd.Series | pd.Index) and value.ndim == 1:
        return value.tolist()
    return value


#: Scores of patients: finite numbers (a list, tuple, 1-D array or Series).
Scores = Annotated[Sequence[FiniteFloat], BeforeValidator(_as_list),
                   at.MaxLen(MAX_AUC_PATIENTS)]
#: Outcomes of patients: 0/1 or False/True (a list, tuple, 1-D array or Series).
Outcomes = Annotated[Sequence[Literal[0, 1]], BeforeValidator(_as_list),
                     at.MaxLen(MAX_AUC_PATIENTS)]


def _present(series: pd.Series) -> pd.Series:
    return series[series.notna()]


def _is_binary(value: object) -> bool:
    if isinstance(value, bool | np.bool_):
        return True
    return isinstance(value, numbers.Real) and value in (0, 1)


def _binary_column(*, nullable: bool = False, required: bool = True) -> pa.Column:
    """A column of 0/1 or False/True (0.5, 2 or the string 'False' are refused)."""
    check = pa.Check(lambda s: _present(s).map(_is_binary).astype(bool),
                     error="0 or 1 (or False/True)")
    return pa.Column(None, checks=[check], nullable=nullable, required=required)


def _label_kind(value: object) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool | np.bool_):
        return "flag"
    if isinstance(value, numbers.Real) and math.isfinite(value):
        return "number"
    return "other"


def _same_kind(series: pd.Series) -> pd.Series:
    kinds = series.map(_label_kind)
    usual = kinds[kinds != "other"].mode()
    return kinds == (usual.iloc[0] if len(usual) else "text")


def _label_column() -> pa.Column:
    """A column of group labels: all text, all True/False or all finite numbers."""
    check = pa.Check(_same_kind, error="labels of one kind (all text, all True/False or all "
                     "finite numbers)")
    return pa.Column(None, checks=[check], nullable=False)


def _odds_ratio_column() -> pa.Column:
    """Odds ratios of bootstrap fits: >= 0, inf under separation, NaN for a failed fit."""
    expected = "an odds ratio >= 0 (inf under separation, NaN for a failed fit)"
    checks = [
        pa.Check(lambda s: pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s),
                 element_wise=False, error=f"{expected} (column of numbers)"),
        pa.Check(lambda s: _present(s).astype("float64") >= 0, error=expected),
    ]
    return pa.Column(None, checks=checks, nullable=True)


def _positive_column(*, maximum: float, nullable: bool) -> pa.Column:
    """A column of finite numbers > 0 and <= ``maximum`` (NaN allowed if ``nullable``)."""
    column = real_column(maximum=maximum, nullable=nullable)
    column.checks.append(pa.Check(lambda s: _present(s).astype("float64") > 0,
                                  error=f"a number > 0 and <= {maximum:g}"))
    return column


#: Columns of the group table of :func:`risk_groups_table`.
_GROUP_COLUMNS = {
    "group": text_column(unique=True),
    "min_count": count_column(maximum=len(RISK_FACTORS)),
    "max_count": count_column(maximum=len(RISK_FACTORS)),
    "n_patients": count_column(minimum=1),
    "failures": count_column(),
    "risk": real_column(minimum=0, maximum=1),
    "ci_low": real_column(minimum=0, maximum=1),
    "ci_high": real_column(minimum=0, maximum=1),
}


#: Relative tolerance of ``risk == failures / n_patients`` in a group table: the table of
#: :func:`risk_groups_table` stores the quotient itself, so only floating-point rounding
#: is forgiven (a risk rounded to printed digits is refused).
RISK_RTOL = 1e-9


def _risk_is_proportion(df: pd.DataFrame) -> pd.Series:
    """Per row: ``risk`` equals ``failures / n_patients`` (to :data:`RISK_RTOL`); a row
    whose values are missing or not numbers is left to the columns' own checks."""
    risk = pd.to_numeric(df["risk"], errors="coerce").astype("float64")
    failures = pd.to_numeric(df["failures"], errors="coerce").astype("float64")
    n = pd.to_numeric(df["n_patients"], errors="coerce").astype("float64")
    share = failures / n.where(n > 0)
    unknown = risk.isna() | share.isna()
    return unknown | ((risk - share).abs() <= RISK_RTOL * share.abs() + 1e-15)


def _groups_schema(*columns: str) -> pa.DataFrameSchema:
    """The group table as a function reads it: the ``columns`` it needs, checked."""
    pairs = [pair for pair in (("min_count", "max_count"), ("failures", "n_patients"),
                               ("ci_low", "risk"), ("risk", "ci_high"))
             if set(pair) <= set(columns)]
    checks = [rows_ordered(*pairs)] if pairs else []
    if {"risk", "failures", "n_patients"} <= set(columns):
        checks.append(pa.Check(_risk_is_proportion,
                               error="risk = failures / n_patients in every row"))
    return frame_schema({c: _GROUP_COLUMNS[c] for c in columns}, checks=checks)


#: The group table as :func:`failure_risk` and the calculators read it: each group's size,
#: failures and risk (``failures / n_patients``) with its interval (which must contain it).
RISK_GROUPS_SCHEMA = _groups_schema("group", "n_patients", "failures", "risk", "ci_low",
                                    "ci_high")
#: The group table as :func:`rule_performance` reads it.
RULE_GROUPS_SCHEMA = _groups_schema("group", "min_count", "max_count", "n_patients", "failures")
#: The group table as :func:`grouped_auc` reads it: each group's score (its ``min_count``,
#: unique, which orders the groups whatever the order of the rows), size and failures.
AUC_GROUPS_SCHEMA = _groups_schema("min_count", "n_patients", "failures")
AUC_GROUPS_SCHEMA = AUC_GROUPS_SCHEMA.update_column("min_count", unique=True)


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

    Each field is checked when the cut-offs are made (a number > 0 and at most
    :data:`MAX_LEUKOCYTES_1E9_PER_L`; a whole RI from 0 to :data:`MAX_RI`; 2 to
    :data:`MAX_ORGANS` organs).

    >>> RiskCutoffs(ri_above=17).ri_above
    17
    >>> try:
    ...     RiskCutoffs(eosinophils_above_1e9_per_l=-1)
    ... except ValueError as exc:
    ...     print(exc)
    RiskCutoffs: argument 'eosinophils_above_1e9_per_l' got -1; expected a value > 0
    """

    eosinophils_above_1e9_per_l: float = 0.5
    ri_above: int = 18
    organs_at_least: int = 5

    def __post_init__(self) -> None:
        _check_cutoffs(self.eosinophils_above_1e9_per_l, self.ri_above, self.organs_at_least)


def _cutoff_fields(
    eosinophils_above_1e9_per_l: CellCount,
    ri_above: ResponderIndex,
    organs_at_least: Annotated[Whole, at.Ge(2), at.Le(MAX_ORGANS)],
) -> None:
    """The checks of :class:`RiskCutoffs` (its errors are reported under its name)."""


_cutoff_fields.__name__ = "RiskCutoffs"
_check_cutoffs = validated(_cutoff_fields)


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

    def describe(self) -> str:
        """The factors present, in words, for a reader.

        >>> RiskFactors(True, False, False, True).describe()
        '2 of 4 risk factors: eosinophilia, dacryoadenitis'
        >>> RiskFactors(False, False, False, False).describe()
        '0 of 4 risk factors: none'
        """
        present = [_lower_first(FACTOR_LABELS[name]) for name in RISK_FACTORS
                   if getattr(self, name)]
        return (f"{self.count} of {len(RISK_FACTORS)} risk factors: "
                + (", ".join(present) if present else "none"))


@validated
def risk_factors(
    *,
    eosinophil_pct: Percent,
    leukocytes_1e9_per_l: CellCount,
    ri: ResponderIndex,
    n_organs: Organs,
    dacryoadenitis: StrictFlag,
    cutoffs: InstanceOf[RiskCutoffs] = DEFAULT_CUTOFFS,
) -> RiskFactors:
    """Classify one patient's baseline findings into the four risk factors.

    Parameters
    ----------
    eosinophil_pct
        Blood eosinophils as a percentage of leukocytes (0-100).
    leukocytes_1e9_per_l
        Leukocyte count (x 10^9/L, > 0 and at most :data:`MAX_LEUKOCYTES_1E9_PER_L`); with
        ``eosinophil_pct`` it gives the eosinophil count compared with
        ``cutoffs.eosinophils_above_1e9_per_l``.
    ri
        Baseline IgG4-RD responder index (whole number from 0 to :data:`MAX_RI`).
    n_organs
        Number of organs involved (whole number from 1 to :data:`MAX_ORGANS`).
    dacryoadenitis
        Lacrimal gland involvement (``True`` or ``False``; not 1/0 or a string).
    cutoffs
        The thresholds (see :class:`RiskCutoffs`).

    Returns
    -------
    RiskFactors

    Raises
    ------
    ValueError
        Naming the field, the value and the expected range, e.g. for a negative organ
        count or an eosinophil percentage over 100 (an
        :class:`~igg4lib._validation.InvalidArgument`, also a ``TypeError``).

    Examples
    --------
    >>> f = risk_factors(eosinophil_pct=10, leukocytes_1e9_per_l=5.0, ri=18,
    ...                  n_organs=4, dacryoadenitis=True)
    >>> f.eosinophilia, f.ri_top_quartile, f.five_or_more_organs, f.count
    (False, False, False, 1)

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 3).
    """
    return _classify(eosinophil_pct, leukocytes_1e9_per_l, ri, n_organs, dacryoadenitis, cutoffs)


#: Decimals (of 10^9/L) the eosinophil count is rounded to before it is compared with the
#: cut-off, so a count that is exactly the cut-off in decimal arithmetic (5% of 6.0 x 10^9/L
#: is 0.30) is not read as 0.30000000000000004 and counted as above it.
EOSINOPHIL_COUNT_DECIMALS = 6


def _eosinophilia(pct: Any, wbc: Any, cutoffs: RiskCutoffs) -> Any:
    """Eosinophilia: the count ``pct / 100 * wbc``, rounded to
    :data:`EOSINOPHIL_COUNT_DECIMALS`, is above the cut-off (a number or an array; the one
    comparison :func:`risk_factors` and :func:`score_frame` share).

    >>> bool(_eosinophilia(5.0, 6.0, RiskCutoffs(eosinophils_above_1e9_per_l=0.3)))
    False
    """
    count = np.round(np.asarray(pct, dtype="float64") / 100.0 * np.asarray(wbc, dtype="float64"),
                     EOSINOPHIL_COUNT_DECIMALS)
    return count > cutoffs.eosinophils_above_1e9_per_l


def _classify(pct: float, wbc: float, ri: int, n_organs: int, dacryoadenitis: bool,
              cutoffs: RiskCutoffs) -> RiskFactors:
    return RiskFactors(
        eosinophilia=bool(_eosinophilia(pct, wbc, cutoffs)),
        ri_top_quartile=ri > cutoffs.ri_above,
        five_or_more_organs=n_organs >= cutoffs.organs_at_least,
        dacryoadenitis=dacryoadenitis,
    )


@validated
def risk_factor_count(
    *,
    eosinophil_pct: Percent,
    leukocytes_1e9_per_l: CellCount,
    ri: ResponderIndex,
    n_organs: Organs,
    dacryoadenitis: StrictFlag,
    cutoffs: InstanceOf[RiskCutoffs] = DEFAULT_CUTOFFS,
) -> int:
    """Number of the four risk factors (0 to 4) one patient has.

    Same arguments as :func:`risk_factors`; use :func:`score_frame` for a table of
    patients.

    >>> risk_factor_count(eosinophil_pct=3.0, leukocytes_1e9_per_l=6.0, ri=10,
    ...                   n_organs=2, dacryoadenitis=False)
    0
    >>> try:
    ...     risk_factor_count(eosinophil_pct=120, leukocytes_1e9_per_l=6.0, ri=10,
    ...                       n_organs=2, dacryoadenitis=False)
    ... except ValueError as exc:
    ...     print(exc)
    risk_factor_count: argument 'eosinophil_pct' got 120; expected a value <= 100

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c).
    """
    return _classify(eosinophil_pct, leukocytes_1e9_per_l, ri, n_organs, dacryoadenitis,
                     cutoffs).count


#: Columns :func:`score_frame` reads.
PATIENT_COLUMNS: tuple[str, ...] = (
    "eosinophil_pct",
    "leukocytes_1e9_per_l",
    "ri",
    "n_organs",
    "dacryoadenitis",
)


#: The table of patients :func:`score_frame` reads (eosinophil values may be missing; what
#: a missing one means is the ``missing_eosinophils`` argument's choice).
PATIENTS_SCHEMA = frame_schema(
    {
        "eosinophil_pct": real_column(minimum=0, maximum=100, nullable=True),
        "leukocytes_1e9_per_l": _positive_column(maximum=MAX_LEUKOCYTES_1E9_PER_L,
                                                 nullable=True),
        "ri": count_column(maximum=MAX_RI),
        "n_organs": count_column(minimum=1, maximum=MAX_ORGANS),
        "dacryoadenitis": flag_column(),
    }
)


@validated(frames={"frame": PATIENTS_SCHEMA})
def score_frame(
    frame: Frame,
    cutoffs: InstanceOf[RiskCutoffs] = DEFAULT_CUTOFFS,
    *,
    missing_eosinophils: Literal["raise", "absent"] = "raise",
) -> pd.DataFrame:
    """Add the four risk-factor flags and their count to a table of patients.

    Parameters
    ----------
    frame
        One row per patient with the columns of :data:`PATIENT_COLUMNS`, holding what
        :func:`risk_factors` accepts (``dacryoadenitis`` True/False).
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
    pct = frame["eosinophil_pct"].astype("float64")
    wbc = frame["leukocytes_1e9_per_l"].astype("float64")
    eos_missing = (pct.isna() | wbc.isna()).to_numpy(bool)
    if eos_missing.any() and missing_eosinophils == "raise":
        idx = frame.index[eos_missing][0]
        raise InvalidArgument(
            f"score_frame: argument 'frame', row {idx}: eosinophil_pct or "
            "leukocytes_1e9_per_l is missing; pass missing_eosinophils='absent' to count "
            "eosinophilia as absent"
        )
    # the same arithmetic as risk_factors, row by row
    flags = {
        "eosinophilia": _eosinophilia(pct.to_numpy(), wbc.to_numpy(), cutoffs) & ~eos_missing,
        "ri_top_quartile": (frame["ri"].astype("float64") > cutoffs.ri_above).to_numpy(bool),
        "five_or_more_organs": (frame["n_organs"].astype("float64")
                                >= cutoffs.organs_at_least).to_numpy(bool),
        "dacryoadenitis": frame["dacryoadenitis"].astype(bool).to_numpy(bool),
        "eosinophils_missing": eos_missing,
    }
    out = frame.copy()
    flags_df = pd.DataFrame(flags, index=frame.index)
    for col in flags_df.columns:
        out[col] = flags_df[col].astype(bool)
    out["risk_factor_count"] = flags_df[list(RISK_FACTORS)].sum(axis=1).astype(int)
    return out


# --------------------------------------------------------------------------------------
# risk by count
# --------------------------------------------------------------------------------------


@validated
def count_group(count: FactorCount) -> str:
    """The Fig 3c group a risk-factor count falls in: ``"0"``, ``"1"``, ``"2"`` or ``"3-4"``.

    >>> [count_group(k) for k in range(5)]
    ['0', '1', '2', '3-4', '3-4']
    >>> count_group(5)
    Traceback (most recent call last):
    ...
    igg4lib._validation.InvalidArgument: count_group: argument 'count' got 5; expected a value <= 4
    """
    return _count_group(count)


def _count_group(count: int) -> str:
    for label, (lo, hi) in COUNT_GROUPS.items():
        if lo <= count <= hi:
            return label
    raise AssertionError("unreachable")  # pragma: no cover


def _every_group(mapping: Mapping[str, int]) -> bool:
    return set(mapping) == set(COUNT_GROUPS)


@validated(rules=[
    Rule("n_patients", lambda a: _every_group(a["n_patients"]),
         "a count for every group 0, 1, 2 and 3-4"),
    Rule("failures", lambda a: _every_group(a["failures"]),
         "a count for every group 0, 1, 2 and 3-4"),
    Rule("failures", lambda a: all(a["failures"][g] <= a["n_patients"][g] for g in COUNT_GROUPS),
         "at most n_patients in every group"),
])
def risk_groups_table(
    n_patients: Mapping[GroupLabel, PositivePatients], failures: Mapping[GroupLabel, Patients]
) -> pd.DataFrame:
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


@validated(frames={"groups": RISK_GROUPS_SCHEMA})
def failure_risk(count: FactorCount, groups: Frame) -> FailureRisk:
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
    return _failure_risk(count, groups, "failure_risk")


def _failure_risk(count: int, groups: pd.DataFrame, func: str) -> FailureRisk:
    """:func:`failure_risk` on a checked group table (``func`` names the caller in errors)."""
    label = _count_group(count)
    match = groups.loc[groups["group"] == label]
    if len(match) != 1:
        raise InvalidArgument(
            f"{func}: argument 'groups' must hold exactly one row for group {label!r} "
            f"(the group of {count} risk factors); got {len(match)}"
        )
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


@validated
def treatment_advice(count: FactorCount, *, threshold: Threshold = 3) -> TreatmentAdvice:
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
    return _advice(count, threshold)


def _advice(k: int, t: int) -> TreatmentAdvice:
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


@validated(frames={"groups": RISK_GROUPS_SCHEMA})
def all_combinations(groups: Frame, *, threshold: Threshold = 3) -> pd.DataFrame:
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
        fr = _failure_risk(k, groups, "all_combinations")
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
                "consider_combination": _advice(k, threshold).consider_combination,
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


def _totals(groups: pd.DataFrame) -> tuple[int, int]:
    return int(groups["n_patients"].sum()), int(groups["failures"].sum())


#: Rules of a group table whose patients are pooled (a total, events and non-events).
_POOLED_GROUPS = (
    Rule("groups", lambda a: _totals(a["groups"])[0] <= MAX_PATIENTS,
         f"at most {MAX_PATIENTS} patients in all groups together"),
    Rule("groups", lambda a: 0 < _totals(a["groups"])[1] < _totals(a["groups"])[0],
         "both failures and patients without failure (all groups together)"),
)


@validated(frames={"groups": RULE_GROUPS_SCHEMA}, rules=_POOLED_GROUPS)
def rule_performance(groups: Frame, *, threshold: Threshold = 3) -> RulePerformance:
    """Sensitivity and specificity of "count at least ``threshold``" over the Fig 3c groups.

    A group counts as flagged when its lowest count reaches the threshold, so with the
    paper's groups (0, 1, 2, 3-4) a threshold of 4 cannot be evaluated: the top group mixes
    three and four factors.

    >>> g = risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 2, "1": 3, "2": 5, "3-4": 5})
    >>> r = rule_performance(g, threshold=3)
    >>> r.flagged, r.failures_flagged, r.failures_missed
    (7, 5, 10)
    >>> try:
    ...     rule_performance(g, threshold=4)
    ... except ValueError as exc:
    ...     print(exc)
    rule_performance: argument 'threshold': 4 splits a group (3-4); the groups allow [1, 2, 3]

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c).
    """
    t = threshold
    allowed = sorted(int(v) for v in groups["min_count"] if int(v) > 0)
    split = groups.loc[(groups["min_count"] < t) & (groups["max_count"] >= t)]
    if len(split) or t not in allowed:
        where = f" ({split['group'].iloc[0]})" if len(split) else ""
        raise InvalidArgument(
            f"rule_performance: argument 'threshold': {t} splits a group{where}; the groups "
            f"allow {allowed}"
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


@validated(rules=[
    Rule("outcome", lambda a: len(a["outcome"]) == len(a["score"]),
         "one value per patient, as many as score has (equal length)"),
])
def auc_delong(score: Scores, outcome: Outcomes, level: Level = 0.95) -> AreaUnderCurve:
    """AUC of a score for a binary outcome, with DeLong's standard error.

    Ties count one half (the Mann-Whitney convention), which matters for a score with only
    five values.  The interval is ``AUC ± z·SE`` clipped to [0, 1].  scipy gives the AUC
    (through the Mann-Whitney U statistic) but no DeLong variance, so the structural
    components are computed here.

    Parameters
    ----------
    score
        Higher means higher predicted risk: finite numbers (a list, tuple, 1-D array or
        Series of at most :data:`MAX_AUC_PATIENTS`).
    outcome
        1/True for the event, 0/False otherwise (same length); at least two events and two
        non-events, which DeLong's variance needs.
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
    y = np.asarray(outcome).astype(bool)
    pos, neg = s[y], s[~y]
    if len(pos) < 2 or len(neg) < 2:
        raise InvalidArgument(
            f"auc_delong: argument 'outcome' needs both events and non-events, at least two "
            f"of each (DeLong's variance); got {len(pos)} events, {len(neg)} non-events"
        )
    return _delong(pos, neg, level)


def _delong(pos: np.ndarray, neg: np.ndarray, lev: float) -> AreaUnderCurve:
    """:func:`auc_delong` from the scores of the events and of the non-events."""
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


def _model_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    """The columns a logistic model reads: a 0/1 outcome, 0/1 exposures (reference ``None``)
    and categorical predictors; missing values are allowed (complete cases are used)."""
    columns = {arguments["outcome"]: _binary_column(nullable=True)}
    for col, ref in arguments["predictors"].items():
        if col not in columns:  # an unknown predictor is named by its own rule
            columns[col] = (_binary_column(nullable=True, required=False) if ref is None
                            else pa.Column(None, nullable=True, required=False))
    return frame_schema(columns)


#: Rules of the arguments of a logistic model.
_MODEL_RULES = (
    Rule("predictors", lambda a: all(c in a["frame"].columns for c in a["predictors"]),
         "names of columns of frame"),
    Rule("predictors", lambda a: a["outcome"] not in a["predictors"],
         "predictors other than the outcome column ({outcome!r})"),
)

#: A mapping of predictor columns to their reference level (``None`` for a 0/1 exposure).
Predictors = Annotated[Mapping[Text, Any], at.MinLen(1)]


def _complete_cases(func: str, frame: pd.DataFrame, outcome: str,
                    predictors: Mapping[str, object]) -> pd.DataFrame:
    data = frame[[outcome, *predictors]].dropna()
    if data.empty:
        raise InvalidArgument(
            f"{func}: argument 'frame' has no row with the outcome and every predictor present "
            f"(columns {[outcome, *predictors]})"
        )
    return data


@validated(frames={"frame": _model_schema}, rules=_MODEL_RULES)
def logistic_odds_ratios(
    frame: Frame,
    outcome: Text,
    predictors: Predictors,
    *,
    level: Level = 0.95,
) -> pd.DataFrame:
    """Odds ratios with Wald intervals from one logistic model (statsmodels ``Logit``).

    Parameters
    ----------
    frame
        One row per patient; rows with a missing value in the outcome or any predictor
        are dropped (complete cases), and the number used is reported.
    outcome
        Name of the 0/1 (or boolean) outcome column; any other value (0.5, 2, the string
        ``"False"``) is refused, not truncated.
    predictors
        Column name -> reference level.  ``None`` means the column is a 0/1 (boolean)
        exposure (other values are refused); otherwise the column is categorical and each
        other level is compared with the reference (treatment coding), as in Table 3.
        Among the complete cases each predictor must vary and none may be determined by
        the others (the design matrix with the intercept has full column rank); a
        predictor that takes one value, or collinear ones such as a factor and one of its
        own levels, are refused naming them.
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
    data = _complete_cases("logistic_odds_ratios", frame, outcome, predictors)
    return _odds_ratios(data, outcome, predictors, level, "logistic_odds_ratios")


def _check_design(x: pd.DataFrame, predictors: Mapping[str, object], func: str) -> None:
    """Refuse a design that cannot be fitted or whose odds ratios would mean nothing.

    Among the complete cases every predictor must vary (a 0/1 exposure with both values, a
    categorical one with a level besides its reference), and the design matrix with the
    intercept must have full column rank: collinear predictors (one a copy of a level of
    another, or levels that add up to another) would otherwise split one effect between
    them or make the information matrix singular.
    """
    def owner(column: str) -> str:
        return column.partition("=")[0]

    constant = [col for col in predictors
                if not any(owner(c) == col for c in x.columns)
                or any(x[c].nunique() < 2 for c in x.columns if owner(c) == col)]
    if constant:
        raise InvalidArgument(
            f"{func}: argument 'predictors': {', '.join(map(repr, constant))} takes one value "
            f"only among the {len(x)} complete cases; expected predictors that vary"
        )
    matrix = np.column_stack([np.ones(len(x)), x.to_numpy(float)])
    rank = int(np.linalg.matrix_rank(matrix))
    if rank == matrix.shape[1]:
        return
    vt = np.linalg.svd(matrix, full_matrices=True)[2]
    null = vt[rank:]
    involved = [c for i, c in enumerate(x.columns, start=1) if np.abs(null[:, i]).max() > 1e-8]
    names = list(dict.fromkeys(owner(c) for c in involved))
    raise InvalidArgument(
        f"{func}: argument 'predictors': {', '.join(map(repr, names))} are collinear among "
        f"the {len(x)} complete cases (design columns {', '.join(involved)} with the "
        f"intercept have rank {rank} of {matrix.shape[1]}, so their odds ratios are not "
        "identified); expected predictors none of which is determined by the others"
    )


def _odds_ratios(data: pd.DataFrame, outcome: str, predictors: Mapping[str, object],
                 level: float, func: str) -> pd.DataFrame:
    """:func:`logistic_odds_ratios` on checked complete cases."""
    y = data[outcome].astype(int).to_numpy()
    design = {}
    for col, ref in predictors.items():
        if ref is None:
            design[col] = data[col].astype(int)
        else:
            levels = [v for v in pd.unique(data[col]) if v != ref]
            if ref not in set(data[col]):
                raise InvalidArgument(
                    f"{func}: argument 'predictors': reference level {ref!r} does not occur in "
                    f"column {col!r} (among the complete cases)"
                )
            for lev in sorted(levels, key=str):
                design[f"{col}={lev}"] = (data[col] == lev).astype(int)
    x = pd.DataFrame(design, index=data.index)
    _check_design(x, predictors, func)
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


@validated
def events_per_variable(n_events: Patients, n_parameters: PositivePatients) -> float:
    """Events per estimated coefficient (intercept excluded).

    >>> events_per_variable(16, 4)
    4.0

    Reference: Peduzzi P et al. J Clin Epidemiol 1996;49:1373-9.
    """
    return n_events / n_parameters


def _calibration_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    return frame_schema({
        arguments["predicted"]: real_column(minimum=0, maximum=1),
        arguments["outcome"]: _binary_column(),
        arguments["group"]: _label_column(),
    })


@validated(frames={"frame": _calibration_schema}, rules=[
    Rule("group", lambda a: len({a["predicted"], a["outcome"], a["group"]}) == 3,
         "a column other than predicted ({predicted!r}) and outcome ({outcome!r})"),
    Rule("frame", lambda a: len(a["frame"]) <= MAX_PATIENTS, f"at most {MAX_PATIENTS} rows"),
])
def calibration_table(
    frame: Frame, *, predicted: Text, outcome: Text, group: Text
) -> pd.DataFrame:
    """Mean predicted risk against observed proportion (Wilson 95% CI), by group.

    Parameters
    ----------
    frame
        One row per patient, no missing values in the three columns below.
    predicted
        Column of predicted risks (fractions from 0 to 1).
    outcome
        Column of outcomes, 0/1 or False/True.
    group
        Column of group labels (all text, all True/False or all numbers).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``n_patients``, ``events``, ``predicted``, ``observed``, ``ci_low``,
        ``ci_high``.

    >>> df = pd.DataFrame({"g": [0, 0, 1, 1], "p": [0.1, 0.1, 0.6, 0.6], "y": [0, 0, 1, 0]})
    >>> calibration_table(df, predicted="p", outcome="y", group="g")["observed"].tolist()
    [0.0, 0.5]
    """
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


@validated(frames={"frame": _model_schema}, rules=_MODEL_RULES)
def bootstrap_logistic(
    frame: Frame,
    outcome: Text,
    predictors: Predictors,
    *,
    n_boot: BootstrapSize = 500,
    seed: Seed = 2018,
) -> pd.DataFrame:
    """Refit a logistic model on bootstrap resamples to show how stable it is.

    The resamples draw rows by position from the seeded generator, so the order of the
    rows is part of which resamples are drawn: rows in another order give another set of
    resamples from the same distribution.

    Each resample draws the patients with replacement (``numpy.random.default_rng(seed)``)
    and refits :func:`logistic_odds_ratios`.  With few events some resamples have a
    factor level with no events or no non-events (separation): the maximum-likelihood
    odds ratio is then infinite or zero, and statsmodels warns; those fits are flagged, not
    dropped.  A resample whose design cannot be fitted (a predictor that no longer varies,
    or predictors that became collinear) is flagged too, with no odds ratio (NaN).

    Parameters
    ----------
    frame, outcome, predictors
        As for :func:`logistic_odds_ratios`.
    n_boot
        Number of resamples, 1 to :data:`MAX_BOOTSTRAP`.
    seed
        Seed of the generator (a whole number; ``None`` is refused).

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
    data = _complete_cases("bootstrap_logistic", frame, outcome, predictors)
    data = data.reset_index(drop=True)
    fitted = _odds_ratios(data, outcome, predictors, 0.95, "bootstrap_logistic")
    expected = [(r.predictor, r.level) for r in fitted.itertuples(index=False)]
    rng = np.random.default_rng(seed)
    rows = []
    for rep in range(n_boot):
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
            fit = _odds_ratios(sample, outcome, predictors, 0.95, "bootstrap_logistic")
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


@validated(frames={"groups": RISK_GROUPS_SCHEMA})
def calculator_widget(groups: Frame, *, threshold: Threshold = 3) -> Any:
    """An ipywidgets calculator: tick risk factors, read the risk and the advice.

    For live notebooks only (the rendered book shows :func:`all_combinations` instead).
    Returns an ``ipywidgets.VBox``; its output is refreshed on every change.  ``groups`` is
    the table of :func:`risk_groups_table` (a row for every group, checked at once, not
    when a box is ticked) and ``threshold`` as for :func:`treatment_advice`.
    """
    import ipywidgets as widgets

    risks = {k: _failure_risk(k, groups, "calculator_widget")
             for k in range(len(RISK_FACTORS) + 1)}

    boxes = {
        name: widgets.Checkbox(value=False, description=FACTOR_LABELS[name], indent=False)
        for name in RISK_FACTORS
    }
    out = widgets.HTML()

    def refresh(_: object = None) -> None:
        k = sum(box.value for box in boxes.values())
        fr = risks[k]
        adv = _advice(k, threshold)
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


def _css_name(text: str) -> bool:
    return text[:1].isalpha() and all(c.isalnum() or c == "-" for c in text)


@validated(frames={"groups": RISK_GROUPS_SCHEMA}, rules=[
    Rule("prefix", lambda a: _css_name(a["prefix"]),
         "letters, digits and hyphens starting with a letter"),
])
def calculator_html(
    groups: Frame,
    *,
    threshold: Threshold = 3,
    cutoffs: InstanceOf[RiskCutoffs] = DEFAULT_CUTOFFS,
    prefix: Text = "risk-calc",
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
    >>> try:
    ...     calculator_html(g, prefix="my calc")
    ... except ValueError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    calculator_html: argument 'prefix' got 'my calc' (str); expected letters, digits and
    hyphens starting with a letter

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Fig 3c, Conclusions).
    """
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
        fr = _failure_risk(k, groups, "calculator_html")
        adv = _advice(k, threshold)
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


def _percentile(values: np.ndarray, q: float) -> float:
    """numpy's (linear) percentile of sorted ``values``, also when some are infinite.

    numpy interpolates towards an infinite value as ``inf - inf`` and answers NaN; the
    limit is infinite, and a percentile that falls exactly on a finite value is that value.
    """
    if np.isfinite(values).all():
        return float(np.percentile(values, q))
    h = (len(values) - 1) * q / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(values) - 1)
    if h == lo or values[hi] == values[lo]:
        return float(values[lo])
    return float(values[lo] + (h - lo) * (values[hi] - values[lo]))


#: The table of :func:`bootstrap_logistic`, as :func:`summarise_bootstrap` reads it.
BOOTSTRAP_SCHEMA = frame_schema({
    "replicate": count_column(),
    "predictor": text_column(),
    "level": text_column(),
    "odds_ratio": _odds_ratio_column(),
    "problem": flag_column(),
})


@validated(frames={"boot": BOOTSTRAP_SCHEMA})
def summarise_bootstrap(boot: Frame) -> pd.DataFrame:
    """Median and 2.5th/97.5th percentiles of each bootstrap odds ratio, and problem share.

    ``boot`` is the table of :func:`bootstrap_logistic`: odds ratios >= 0, infinite under
    separation and missing (NaN) for a failed fit, which is left out of the percentiles
    but counted in the problem share.

    >>> b = pd.DataFrame({"replicate": [0, 1, 2], "predictor": ["x"] * 3, "level": ["yes"] * 3,
    ...                   "odds_ratio": [1.0, 2.0, 4.0], "problem": [False, True, False]})
    >>> summarise_bootstrap(b)[["median", "problem_share"]].to_dict("records")
    [{'median': 2.0, 'problem_share': 0.3333333333333333}]
    """
    rows = []
    for (pred, lev), sub in boot.groupby(["predictor", "level"], sort=False):
        ors = np.sort(sub["odds_ratio"].dropna().to_numpy(float))
        if len(ors) == 0:
            raise InvalidArgument(
                f"summarise_bootstrap: argument 'boot' has no odds ratio of {pred}={lev} (no "
                "bootstrap fit succeeded); nothing to summarise"
            )
        rows.append(
            {
                "predictor": pred,
                "level": lev,
                "median": float(np.median(ors)),
                "p2_5": _percentile(ors, 2.5),
                "p97_5": _percentile(ors, 97.5),
                "problem_share": float(sub["problem"].mean()),
            }
        )
    return pd.DataFrame(rows)


@validated(frames={"groups": AUC_GROUPS_SCHEMA}, rules=[
    Rule("groups", lambda a: _totals(a["groups"])[0] <= MAX_AUC_PATIENTS,
         f"at most {MAX_AUC_PATIENTS} patients in all groups together"),
    Rule("groups", lambda a: 2 <= _totals(a["groups"])[1] <= _totals(a["groups"])[0] - 2,
         "at least two failures and two patients without failure (DeLong's variance)"),
])
def grouped_auc(groups: Frame, level: Level = 0.95) -> AreaUnderCurve:
    """AUC of the grouped score from group sizes and failures.

    The count score only ranks patients by group, so its AUC (ties counted one half) is
    fixed by the group-by-outcome table: no patient-level data are needed.  The groups are
    ranked by their ``min_count`` (the lowest count of the group), not by the order of the
    rows: a table in any row order gives the same AUC.

    >>> g = risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
    ...                       {"0": 2, "1": 3, "2": 5, "3-4": 5})
    >>> round(grouped_auc(g).auc, 3)
    0.776

    Reference: DeLong ER et al. Biometrics 1988;44:837-45.
    """
    ordered = groups.sort_values("min_count", kind="stable")
    n = ordered["n_patients"].astype(int).to_numpy()
    f = ordered["failures"].astype(int).to_numpy()
    score = np.repeat(np.arange(len(ordered)), n).astype(float)
    outcome = np.concatenate([np.r_[np.ones(fi), np.zeros(ni - fi)] for fi, ni in
                              zip(f, n, strict=True)]).astype(bool)
    return _delong(score[outcome], score[~outcome], level)
