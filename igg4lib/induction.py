"""Remission induction in IgG4-RD: the three therapeutic goals at month 6.

Wang et al. (2018) defined the remission-induction stage as the first 6 months of
treatment and called induction successful only when all three goals were met at month 6:

1. the IgG4-RD responder index (RI) fell by **at least 50%** from baseline;
2. the glucocorticoid (GC) dose was tapered to a maintenance dose, **prednisone
   <= 10 mg/day** (other glucocorticoids converted to the prednisone-equivalent dose);
3. there was **no relapse** during GC tapering (within the 6 months).

Failing any one goal is failure of remission induction.  Both boundaries belong to the
goal: a decline of exactly 50% meets goal 1 and exactly 10 mg/day meets goal 2.

:func:`assess_induction` classifies one patient; :func:`assess_cohort` does the same for a
DataFrame of patients and returns a tidy frame; :func:`outcome_table` counts the month-6
outcomes per treatment group (the outcome rows of the paper's Table 2).
:func:`prednisone_equivalent` converts a dose of another glucocorticoid with the table in
``data/reference/glucocorticoid_equivalents.csv``.

Reference: Wang L et al. Arthritis Res Ther 2018;20:65, doi:10.1186/s13075-018-1567-2
(Methods, "Therapeutic goals of remission induction").

Examples
--------
>>> r = assess_induction(ri_baseline=12, ri_month6=6, gc_dose_mg_per_day_month6=10,
...                      relapsed_by_month6=False)
>>> r.success, r.failed_goals
(True, ())
>>> assess_induction(12, 7, 12.5, False).failed_goals
('ri_decline_below_50pct', 'gc_not_tapered')
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

__all__ = [
    "BASELINE_SECTIONS",
    "GC_MAINTENANCE_MAX_MG_PER_DAY",
    "GOALS",
    "GOAL_LABELS",
    "RI_DECLINE_TARGET",
    "InductionAssessment",
    "assess_cohort",
    "assess_induction",
    "baseline_balance",
    "compare_with_published",
    "glucocorticoid_equivalents",
    "outcome_family",
    "outcome_table",
    "prednisone_equivalent",
    "protocol",
    "to_prednisone_equivalent",
]

#: Goal 1: the RI must fall by at least this fraction of its baseline value.
RI_DECLINE_TARGET: float = 0.5
#: Goal 2: the month-6 prednisone-equivalent dose must be at most this (mg/day).
GC_MAINTENANCE_MAX_MG_PER_DAY: float = 10.0

#: Names of the three ways to fail, in the order of the paper's goals.
GOALS: tuple[str, str, str] = (
    "ri_decline_below_50pct",
    "gc_not_tapered",
    "relapse_during_taper",
)
#: Row labels as the paper's Table 2 prints them (outcomes at month 6).
GOAL_LABELS: dict[str, str] = {
    "ri_decline_below_50pct": "RI reduction <50%",
    "gc_not_tapered": "Failure of GC tapering",
    "relapse_during_taper": "Relapse",
    "failure": "Failure of remission induction",
}

# Prednisone-equivalent doses are rounded to this many decimals, so that a converted dose
# that is 10 mg/day in exact arithmetic (e.g. 8 mg methylprednisolone) is not read as
# 10.000000000000002 and misclassified at the boundary.
_DOSE_DECIMALS = 6


@dataclass(frozen=True)
class InductionAssessment:
    """Outcome of remission induction for one patient at month 6.

    Attributes
    ----------
    success
        True when all three goals are met.
    failed_goals
        Names from :data:`GOALS` of the goals not met, in the paper's order.
    ri_decline_fraction
        ``(ri_baseline - ri_month6) / ri_baseline``; negative when the RI rose.
    ri_goal_met, gc_goal_met, relapse_goal_met
        Each goal separately.
    """

    success: bool
    failed_goals: tuple[str, ...]
    ri_decline_fraction: float
    ri_goal_met: bool
    gc_goal_met: bool
    relapse_goal_met: bool


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def _number(name: str, value: object, *, positive: bool) -> float:
    expected = "a number > 0" if positive else "a number >= 0"
    if _is_missing(value):
        raise ValueError(f"{name} is missing ({value!r}); expected {expected}")
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} is {value!r}; expected a finite number")
    if positive and x <= 0:
        raise ValueError(f"{name} is {value!r}; expected {expected}")
    if x < 0:
        raise ValueError(f"{name} is {value!r}; expected {expected}")
    return x


def _flag(name: str, value: object) -> bool:
    if _is_missing(value):
        raise ValueError(f"{name} is missing ({value!r}); expected True or False")
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def _failed(ri_ok: bool, gc_ok: bool, relapse_ok: bool) -> tuple[str, ...]:
    return tuple(g for g, ok in zip(GOALS, (ri_ok, gc_ok, relapse_ok), strict=True) if not ok)


def assess_induction(
    ri_baseline: float,
    ri_month6: float,
    gc_dose_mg_per_day_month6: float,
    relapsed_by_month6: bool,
) -> InductionAssessment:
    """Classify remission induction at month 6 by the three goals of Wang et al. (2018).

    Parameters
    ----------
    ri_baseline
        IgG4-RD responder index before treatment; must be > 0 (a decline from 0 is undefined).
    ri_month6
        RI at the end of the 6-month induction stage, >= 0.  The paper counted the *largest*
        reduction during follow-up (Table 2, footnote a), so pass the lowest RI reached by
        month 6 if a relapse has pushed the RI back up.
    gc_dose_mg_per_day_month6
        Glucocorticoid dose at month 6 as prednisone-equivalent mg/day, >= 0 (convert other
        glucocorticoids with :func:`prednisone_equivalent`).
    relapsed_by_month6
        True if the patient relapsed during GC tapering within the 6 months.

    Returns
    -------
    InductionAssessment

    Raises
    ------
    ValueError
        A value is missing (None or NaN), infinite, negative, or ``ri_baseline`` is 0;
        the message names the argument.
    TypeError
        A value has the wrong type (e.g. a string dose, or 1 instead of True).

    Examples
    --------
    A decline of exactly 50% and a dose of exactly 10 mg/day both meet their goals:

    >>> assess_induction(20, 10, 10.0, False).success
    True
    >>> assess_induction(20, 11, 10.0, True).failed_goals
    ('ri_decline_below_50pct', 'relapse_during_taper')
    >>> assess_induction(0, 0, 5, False)
    Traceback (most recent call last):
    ...
    ValueError: ri_baseline is 0; expected a number > 0

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Methods).
    """
    b = _number("ri_baseline", ri_baseline, positive=True)
    m = _number("ri_month6", ri_month6, positive=False)
    dose = _number("gc_dose_mg_per_day_month6", gc_dose_mg_per_day_month6, positive=False)
    relapsed = _flag("relapsed_by_month6", relapsed_by_month6)
    # "decline >= 50%" is m <= b/2; written as 2m <= b it is exact in floating point.
    ri_ok = 2.0 * m <= b
    gc_ok = round(dose, _DOSE_DECIMALS) <= GC_MAINTENANCE_MAX_MG_PER_DAY
    relapse_ok = not relapsed
    failed = _failed(ri_ok, gc_ok, relapse_ok)
    return InductionAssessment(
        success=not failed,
        failed_goals=failed,
        ri_decline_fraction=(b - m) / b,
        ri_goal_met=ri_ok,
        gc_goal_met=gc_ok,
        relapse_goal_met=relapse_ok,
    )


def _column(frame: pd.DataFrame, name: str, argument: str) -> pd.Series:
    if name not in frame.columns:
        raise ValueError(
            f"{argument}: column {name!r} is not in the frame; columns are {list(frame.columns)}"
        )
    return frame[name]


def _bad_row(frame: pd.DataFrame, mask: pd.Series, column: str, expected: str) -> None:
    if bool(mask.any()):
        idx = mask[mask].index[0]
        value = frame.at[idx, column]
        idx = idx.item() if isinstance(idx, np.generic) else idx
        value = value.item() if isinstance(value, np.generic) else value
        raise ValueError(
            f"{column} is {value!r} in row {idx!r} ({int(mask.sum())} bad row(s)); "
            f"expected {expected}"
        )


def _numeric(frame: pd.DataFrame, column: str, *, positive: bool) -> np.ndarray:
    raw = frame[column]
    if raw.dtype == bool or str(raw.dtype) == "boolean":
        raise TypeError(f"{column} must be numeric, got dtype {raw.dtype}")
    values = pd.to_numeric(raw, errors="coerce").astype("float64")
    expected = "a number > 0" if positive else "a number >= 0"
    _bad_row(frame, values.isna(), column, f"{expected} (missing or not a number)")
    _bad_row(frame, ~np.isfinite(values), column, "a finite number")
    bad = values <= 0 if positive else values < 0
    _bad_row(frame, bad, column, expected)
    return values.to_numpy()


def assess_cohort(
    frame: pd.DataFrame,
    *,
    ri_baseline: str = "ri_baseline",
    ri_month6: str = "ri_month6",
    gc_dose_mg_per_day_month6: str = "gc_dose_mg_per_day_month6",
    relapsed_by_month6: str = "relapsed_by_month6",
    keep: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """Classify every patient of a DataFrame (the vectorised :func:`assess_induction`).

    Parameters
    ----------
    frame
        One row per patient.
    ri_baseline, ri_month6, gc_dose_mg_per_day_month6, relapsed_by_month6
        Names of the columns holding the four inputs of :func:`assess_induction` (the dose
        as prednisone-equivalent mg/day; see :func:`to_prednisone_equivalent`).
    keep
        Further columns copied to the result first (e.g. ``["patient_id", "treatment"]``).

    Returns
    -------
    pandas.DataFrame
        Same index and row order as ``frame``: the ``keep`` columns, then
        ``ri_decline_fraction``, one boolean column per goal *failed* (named as in
        :data:`GOALS`), ``failed_goals`` (names joined by ``";"``, empty when none) and
        ``success``.

    Raises
    ------
    ValueError
        A named column is absent, or a value is missing, negative or (for the baseline RI)
        zero; the message names the column, the row and the value.

    Examples
    --------
    >>> df = pd.DataFrame({"ri_baseline": [12, 12], "ri_month6": [6, 7],
    ...                    "gc_dose_mg_per_day_month6": [10.0, 12.5],
    ...                    "relapsed_by_month6": [False, True]})
    >>> out = assess_cohort(df)
    >>> out["success"].tolist()
    [True, False]
    >>> out.loc[1, "failed_goals"]
    'ri_decline_below_50pct;gc_not_tapered;relapse_during_taper'
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    names = {
        "ri_baseline": ri_baseline,
        "ri_month6": ri_month6,
        "gc_dose_mg_per_day_month6": gc_dose_mg_per_day_month6,
        "relapsed_by_month6": relapsed_by_month6,
    }
    for argument, column in names.items():
        _column(frame, column, argument)
    for column in keep:
        _column(frame, column, "keep")
    b = _numeric(frame, ri_baseline, positive=True)
    m = _numeric(frame, ri_month6, positive=False)
    dose = _numeric(frame, gc_dose_mg_per_day_month6, positive=False)
    flags = frame[relapsed_by_month6]
    _bad_row(frame, flags.isna(), relapsed_by_month6, "True or False (missing)")
    not_bool = ~flags.map(lambda v: isinstance(v, bool | np.bool_))
    _bad_row(frame, not_bool, relapsed_by_month6, "True or False")
    relapsed = flags.astype(bool).to_numpy()

    ri_fail = ~(2.0 * m <= b)
    gc_fail = ~(np.round(dose, _DOSE_DECIMALS) <= GC_MAINTENANCE_MAX_MG_PER_DAY)
    out = frame.loc[:, list(keep)].copy()
    out["ri_decline_fraction"] = (b - m) / b
    out[GOALS[0]] = ri_fail
    out[GOALS[1]] = gc_fail
    out[GOALS[2]] = relapsed
    failed = np.stack([ri_fail, gc_fail, relapsed], axis=1)
    out["failed_goals"] = [";".join(g for g, f in zip(GOALS, row, strict=True) if f)
                           for row in failed]
    out["success"] = ~failed.any(axis=1)
    return out


def outcome_table(assessed: pd.DataFrame, group: str = "treatment") -> pd.DataFrame:
    """Count the month-6 outcomes per group, as in the outcome rows of Table 2.

    Parameters
    ----------
    assessed
        The result of :func:`assess_cohort` with the ``group`` column kept.
    group
        Column that defines the groups (e.g. ``"treatment"``).

    Returns
    -------
    pandas.DataFrame
        Tidy: one row per group and outcome with ``outcome`` (a name of :data:`GOALS` or
        ``"failure"``), ``label`` (as Table 2 prints it), ``count``, ``n`` (patients in
        the group) and ``percent``.

    Examples
    --------
    >>> df = pd.DataFrame({"treatment": ["GC", "GC"], "ri_baseline": [12, 12],
    ...                    "ri_month6": [6, 7], "gc_dose_mg_per_day_month6": [10.0, 5.0],
    ...                    "relapsed_by_month6": [False, False]})
    >>> t = outcome_table(assess_cohort(df, keep=["treatment"]))
    >>> t.loc[t.outcome == "failure", ["count", "n", "percent"]].to_numpy().tolist()
    [[1.0, 2.0, 50.0]]
    """
    needed = [group, *GOALS, "success"]
    missing = [c for c in needed if c not in assessed.columns]
    if missing:
        raise ValueError(
            f"assessed lacks column(s) {missing}; pass the result of assess_cohort "
            f"with keep=[{group!r}]"
        )
    rows = []
    for key, sub in assessed.groupby(group, sort=False):
        n = len(sub)
        counts = {g: int(sub[g].sum()) for g in GOALS}
        counts["failure"] = int((~sub["success"]).sum())
        for outcome in ("ri_decline_below_50pct", "relapse_during_taper", "gc_not_tapered",
                        "failure"):
            rows.append(
                {
                    group: key,
                    "outcome": outcome,
                    "label": GOAL_LABELS[outcome],
                    "count": counts[outcome],
                    "n": n,
                    "percent": 100.0 * counts[outcome] / n,
                }
            )
    return pd.DataFrame(rows)


def compare_with_published(recovered: pd.DataFrame, table2: pd.DataFrame,
                           group: str = "treatment") -> pd.DataFrame:
    """Set the counts of :func:`outcome_table` beside the counts Table 2 prints.

    Parameters
    ----------
    recovered
        The result of :func:`outcome_table` (groups named ``"GC"`` and ``"GC+IM"``).
    table2
        The data set ``induction_by_treatment``.
    group
        The group column of ``recovered``.

    Returns
    -------
    pandas.DataFrame
        ``recovered`` with ``published`` (the printed count of the same row and group) and
        ``match`` (whether the two agree).

    Examples
    --------
    >>> from igg4lib import data
    >>> t2 = data.load("induction_by_treatment")
    >>> mine = pd.DataFrame({"treatment": ["GC", "GC+IM"], "outcome": ["failure"] * 2,
    ...                      "label": ["Failure of remission induction"] * 2,
    ...                      "count": [16, 9], "n": [77, 138], "percent": [20.8, 6.5]})
    >>> compare_with_published(mine, t2)[["published", "match"]].to_numpy().tolist()
    [[16, True], [10, False]]
    """
    prefix = {"GC": "gc", "GC+IM": "gcim"}
    needed = [group, "label", "count"]
    missing = [c for c in needed if c not in recovered.columns]
    if missing:
        raise ValueError(f"recovered lacks column(s) {missing}; pass the result of outcome_table")
    unknown = sorted(set(recovered[group]) - set(prefix))
    if unknown:
        raise ValueError(f"recovered[{group!r}] has group(s) {unknown}; expected 'GC' or 'GC+IM'")
    rows = table2.set_index("label")
    absent = sorted(set(recovered["label"]) - set(rows.index))
    if absent:
        raise ValueError(f"table2 lacks row(s) {absent}; expected induction_by_treatment")
    out = recovered.copy()
    out["published"] = [int(rows.at[label, f"{prefix[g]}_count"])
                        for label, g in zip(out["label"], out[group], strict=True)]
    out["match"] = out["count"].astype(int) == out["published"]
    return out


@cache
def _equivalents() -> dict[str, float]:
    from igg4lib import data

    table = data.load("glucocorticoid_equivalents")
    return dict(zip(table["agent"], table["equivalent_dose_mg"].astype(float), strict=True))


def glucocorticoid_equivalents() -> pd.DataFrame:
    """Return the conversion table (``data/reference/glucocorticoid_equivalents.csv``).

    >>> t = glucocorticoid_equivalents()
    >>> float(t.set_index("agent").at["methylprednisolone", "equivalent_dose_mg"])
    4.0
    """
    from igg4lib import data

    return data.load("glucocorticoid_equivalents")


def _agent_dose(agent: str) -> float:
    table = _equivalents()
    key = agent.strip().lower() if isinstance(agent, str) else agent
    if key not in table:
        raise ValueError(
            f"agent is {agent!r}; expected one of {sorted(table)} "
            "(data/reference/glucocorticoid_equivalents.csv)"
        )
    return table[key]


def prednisone_equivalent(dose_mg_per_day: float, agent: str) -> float:
    """Convert a daily dose of a glucocorticoid to the prednisone-equivalent dose (mg/day).

    ``prednisone mg = dose * 5 / equivalent_dose_mg(agent)``, where the equivalent dose is
    the amount of the agent with the anti-inflammatory effect of 5 mg prednisone (from
    ``data/reference/glucocorticoid_equivalents.csv``).  The result is rounded to 6
    decimals so that exact equivalents land exactly on the 10 mg/day boundary.

    Parameters
    ----------
    dose_mg_per_day
        Daily dose of ``agent`` in mg, >= 0.
    agent
        Name as in the table (case-insensitive), e.g. ``"methylprednisolone"``.

    Examples
    --------
    >>> prednisone_equivalent(8, "methylprednisolone")
    10.0
    >>> prednisone_equivalent(1.5, "dexamethasone")
    10.0
    >>> prednisone_equivalent(10, "budesonide")
    Traceback (most recent call last):
    ...
    ValueError: agent is 'budesonide'; expected one of ['betamethasone', 'cortisone', \
'dexamethasone', 'hydrocortisone', 'methylprednisolone', 'prednisolone', 'prednisone', \
'triamcinolone'] (data/reference/glucocorticoid_equivalents.csv)

    Reference: conventional anti-inflammatory equivalents; see the data set's sources.
    """
    dose = _number("dose_mg_per_day", dose_mg_per_day, positive=False)
    equivalent = _agent_dose(agent)
    return round(dose * 5.0 / equivalent, _DOSE_DECIMALS)


def to_prednisone_equivalent(doses: pd.Series, agents: pd.Series) -> pd.Series:
    """Vectorised :func:`prednisone_equivalent` over two aligned Series.

    >>> to_prednisone_equivalent(pd.Series([8.0, 7.5]),
    ...                          pd.Series(["methylprednisolone", "prednisone"])).tolist()
    [10.0, 7.5]
    """
    if len(doses) != len(agents):
        raise ValueError(
            f"doses has {len(doses)} values but agents has {len(agents)}; expected equal lengths"
        )
    values = [
        prednisone_equivalent(d, a)
        for d, a in zip(doses.tolist(), agents.tolist(), strict=True)
    ]
    return pd.Series(values, index=doses.index, name="gc_dose_mg_per_day_month6",
                     dtype="float64")



# --------------------------------------------------------------------------------------
# the protocol as printed, baseline balance by size, the outcome family
# --------------------------------------------------------------------------------------


@cache
def _protocol() -> pd.DataFrame:
    from igg4lib import data

    return data.load("induction_protocol").set_index("item")


def protocol(item: str) -> float:
    """A number of the cohort's Methods (enrolment, regimen, goals), from ``induction_protocol``.

    >>> protocol("goal_prednisone_max_mg") == GC_MAINTENANCE_MAX_MG_PER_DAY
    True
    >>> protocol("dose")
    Traceback (most recent call last):
    ...
    ValueError: item is 'dose'; expected an item of data/published/induction_protocol.csv \
such as 'enrolled'

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Methods).
    """
    table = _protocol()
    if not isinstance(item, str) or item not in table.index:
        raise ValueError(
            f"item is {item!r}; expected an item of data/published/induction_protocol.csv "
            "such as 'enrolled'"
        )
    value = table.at[item, "value"]
    if pd.isna(value):
        raise ValueError(f"item {item!r} has no numeric value (it is printed as text)")
    return float(value)


#: Row sections of Table 2 that describe the patients before treatment.
BASELINE_SECTIONS = (
    "Baseline",
    "Number of organs involved",
    "Organ involvement",
    "Laboratory tests at baseline",
)
#: Standard deviation of a normal distribution in units of its interquartile range.
_IQR_PER_SD = 2 * 0.6744897501960817


def _pooled(p1: float, p2: float) -> float:
    return math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2)


def baseline_balance(table2: pd.DataFrame, *, denominators: dict | None = None) -> pd.DataFrame:
    """Standardised differences (GC alone minus GC+IM) of every baseline row of Table 2.

    Baseline imbalance in a non-randomised comparison is a matter of *size*, not of chance:
    the groups are what they are, and a p-value per row only asks whether a difference
    this large could arise by chance, which is not the question. The standardised
    difference puts every row on one scale:

    - a yes/no row (n (%)): ``(p1 - p2) / sqrt((p1 q1 + p2 q2) / 2)``;
    - the sex ratio: the same, with the share of men ``r / (1 + r)``;
    - a median (Q1, Q3) row: ``(median1 - median2) / sqrt((s1^2 + s2^2) / 2)`` with each
      standard deviation approximated as ``IQR / 1.349`` (exact only for normal data, so
      for skewed laboratory values this is a rough size, labelled ``approximate``).

    Parameters
    ----------
    table2
        The data set ``induction_by_treatment`` (Table 2 of the cohort paper).
    denominators
        Optional ``{label: (n_gc, n_gcim)}`` replacing the group sizes for rows whose
        percentage implies fewer patients (the allergy row; see ``igg4lib.readings``).

    Returns
    -------
    pandas.DataFrame
        One row per baseline row: ``section``, ``label``, ``gc``, ``gcim`` (as printed),
        ``smd`` (GC alone minus GC+IM), ``abs_smd``, ``method`` (``proportions`` or
        ``approximate, from medians and IQRs``), sorted by ``abs_smd``, largest first.

    Examples
    --------
    >>> from igg4lib import data
    >>> b = baseline_balance(data.load("induction_by_treatment"))
    >>> round(float(b.set_index("label").at["Retroperitoneal fibrosis", "smd"]), 2)
    -0.4

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 2).
    """
    if not isinstance(table2, pd.DataFrame):
        raise TypeError(f"table2 must be a DataFrame (induction_by_treatment), got {table2!r}")
    needed = {"section", "label", "statistic", "gc_printed", "gcim_printed"}
    if not needed <= set(table2.columns):
        raise ValueError(f"table2 lacks columns {sorted(needed - set(table2.columns))}")
    denominators = dict(denominators or {})
    unknown = set(denominators) - set(table2["label"])
    if unknown:
        raise ValueError(f"denominators name rows not in table2: {sorted(unknown)}")
    rows = []
    for r in table2.itertuples(index=False):
        if r.section not in BASELINE_SECTIONS or r.statistic == "heading":
            continue
        if r.statistic == "n (%)":
            n1, n2 = denominators.get(r.label, (r.gc_group_size, r.gcim_group_size))
            p1, p2 = r.gc_count / n1, r.gcim_count / n2
            smd, method = (p1 - p2) / _pooled(p1, p2), "proportions"
        elif r.statistic == "ratio":
            p1, p2 = r.gc_ratio / (1 + r.gc_ratio), r.gcim_ratio / (1 + r.gcim_ratio)
            smd, method = (p1 - p2) / _pooled(p1, p2), "proportions (share of men)"
        elif r.statistic == "median (Q1 Q3)":
            s1 = (r.gc_q3 - r.gc_q1) / _IQR_PER_SD
            s2 = (r.gcim_q3 - r.gcim_q1) / _IQR_PER_SD
            smd = (r.gc_median - r.gcim_median) / math.sqrt((s1**2 + s2**2) / 2)
            method = "approximate, from medians and IQRs"
        else:
            raise ValueError(f"row {r.label!r} has statistic {r.statistic!r}; expected "
                             "'n (%)', 'ratio' or 'median (Q1 Q3)'")
        rows.append({"section": r.section, "label": r.label, "gc": r.gc_printed,
                     "gcim": r.gcim_printed, "smd": float(smd), "abs_smd": abs(float(smd)),
                     "method": method})
    out = pd.DataFrame(rows)
    return out.sort_values("abs_smd", ascending=False, kind="stable").reset_index(drop=True)


def outcome_family(table2: pd.DataFrame) -> pd.DataFrame:
    """The family of outcome tests of Table 2, with Holm-adjusted p-values.

    The family is the month-6 outcome rows only (failure of induction and its three
    component goals): baseline rows describe who the groups were, not what treatment did,
    and do not belong in an error family. Each p-value is recomputed by two-sided Fisher's
    exact test from the printed counts; the Holm step-down adjustment controls the
    family-wise error rate over these rows.

    Returns
    -------
    pandas.DataFrame
        ``label``, ``gc`` and ``gcim`` (``"x/n"``), ``p_printed``, ``p_fisher``,
        ``p_holm``, in the order of Table 2.

    Examples
    --------
    >>> from igg4lib import data
    >>> f = outcome_family(data.load("induction_by_treatment")).set_index("label")
    >>> len(f), round(float(f.at["Failure of remission induction", "p_holm"]), 3)
    (4, 0.031)

    Reference: Holm S. Scand J Stat 1979;6:65-70; Wang L et al. 2018 (Table 2).
    """
    from statsmodels.stats.multitest import multipletests

    from igg4lib import stats

    if not isinstance(table2, pd.DataFrame) or "section" not in table2.columns:
        raise TypeError("table2 must be the DataFrame induction_by_treatment")
    rows = table2.loc[table2["section"] == "Outcomes at month 6"]
    if rows.empty:
        raise ValueError("table2 has no rows in section 'Outcomes at month 6'")
    p = [
        stats.compare_proportions(int(r.gc_count), int(r.gc_group_size),
                                  int(r.gcim_count), int(r.gcim_group_size)).p_fisher
        for r in rows.itertuples(index=False)
    ]
    holm = multipletests(p, method="holm")[1]
    return pd.DataFrame({
        "label": rows["label"].to_numpy(),
        "gc": [f"{int(r.gc_count)}/{int(r.gc_group_size)}" for r in rows.itertuples()],
        "gcim": [f"{int(r.gcim_count)}/{int(r.gcim_group_size)}" for r in rows.itertuples()],
        "p_printed": rows["p_printed"].astype(str).to_numpy(),
        "p_fisher": p,
        "p_holm": [float(x) for x in holm],
    })
