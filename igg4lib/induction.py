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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pydantic import InstanceOf

from igg4lib._validation import (
    Frame,
    InvalidArgument,
    NonNegativeFloat,
    PositiveFloat,
    PositivePatients,
    Rule,
    StrictFlag,
    Text,
    check_frame,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    rows_at_most,
    rows_ordered,
    text_column,
    validated,
)

__all__ = [
    "BASELINE_SECTIONS",
    "GC_MAINTENANCE_MAX_MG_PER_DAY",
    "GOALS",
    "GOAL_LABELS",
    "MAX_DOSE_MG_PER_DAY",
    "MAX_RI",
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


#: Largest responder index accepted (as in :mod:`igg4lib.activity`): the instrument's totals
#: stay far below it, so a larger value is a typing or unit error.
MAX_RI: float = 1000.0
#: Largest daily glucocorticoid dose accepted, in mg of the agent or of prednisone equivalent:
#: far above any regimen (a 1 g pulse of methylprednisolone is 1,250 mg of prednisone), so
#: a larger value is a typing or unit error.
MAX_DOSE_MG_PER_DAY: float = 10_000.0

#: Smallest baseline responder index (a decline from 0 is undefined, and from a positive RI
#: below it, which no sum of whole points gives, the percentage fall overflows).
MIN_RI_BASELINE: float = 0.01
#: A baseline responder index: a finite number from :data:`MIN_RI_BASELINE` to
#: :data:`MAX_RI`.
RiBaseline = Annotated[PositiveFloat, at.Ge(MIN_RI_BASELINE), at.Le(MAX_RI)]
#: A responder index at follow-up: a finite number from 0 to :data:`MAX_RI`.
RiValue = Annotated[NonNegativeFloat, at.Le(MAX_RI)]
#: A daily glucocorticoid dose in mg: a finite number from 0 to :data:`MAX_DOSE_MG_PER_DAY`.
Dose = Annotated[NonNegativeFloat, at.Le(MAX_DOSE_MG_PER_DAY)]
#: A name of a column of a DataFrame argument.
ColumnName = Annotated[Text, at.MinLen(1)]


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


def _failed(ri_ok: bool, gc_ok: bool, relapse_ok: bool) -> tuple[str, ...]:
    return tuple(g for g, ok in zip(GOALS, (ri_ok, gc_ok, relapse_ok), strict=True) if not ok)


@validated
def assess_induction(
    ri_baseline: RiBaseline,
    ri_month6: RiValue,
    gc_dose_mg_per_day_month6: Dose,
    relapsed_by_month6: StrictFlag,
) -> InductionAssessment:
    """Classify remission induction at month 6 by the three goals of Wang et al. (2018).

    Parameters
    ----------
    ri_baseline
        IgG4-RD responder index before treatment; must be > 0 (a decline from 0 is undefined)
        and at most :data:`MAX_RI`.
    ri_month6
        RI at the end of the 6-month induction stage, from 0 to :data:`MAX_RI`.  The paper
        counted the *largest* reduction during follow-up (Table 2, footnote a), so pass the
        lowest RI reached by month 6 if a relapse has pushed the RI back up.
    gc_dose_mg_per_day_month6
        Glucocorticoid dose at month 6 as prednisone-equivalent mg/day, from 0 to
        :data:`MAX_DOSE_MG_PER_DAY` (convert other glucocorticoids with
        :func:`prednisone_equivalent`).
    relapsed_by_month6
        True if the patient relapsed during GC tapering within the 6 months (``True`` or
        ``False``; not 1/0 or a string).

    Returns
    -------
    InductionAssessment

    Raises
    ------
    igg4lib._validation.InvalidArgument
        (a ``ValueError`` and a ``TypeError``) A value is missing (None or NaN), infinite,
        negative, above its bound, of the wrong type (a string dose, 1 instead of True), or
        ``ri_baseline`` is 0; the message names the argument.

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
    igg4lib._validation.InvalidArgument: assess_induction: argument 'ri_baseline' got 0; \
expected a value > 0

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Methods).
    """
    b, m, dose = float(ri_baseline), float(ri_month6), float(gc_dose_mg_per_day_month6)
    relapsed = relapsed_by_month6
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


def _positive_real_column(maximum: float) -> pa.Column:
    """A column of finite numbers > 0 and at most ``maximum``."""
    column = real_column(maximum=maximum)

    def positive(series: pd.Series) -> pd.Series:
        return pd.to_numeric(series[series.notna()], errors="coerce") > 0

    column.checks.append(pa.Check(positive, error=f"a finite number > 0 and <= {maximum:g}"))
    return column


def _cohort_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    columns: dict[str, pa.Column] = {}
    columns[arguments["ri_baseline"]] = real_column(minimum=MIN_RI_BASELINE, maximum=MAX_RI)
    columns[arguments["ri_month6"]] = real_column(minimum=0, maximum=MAX_RI)
    columns[arguments["gc_dose_mg_per_day_month6"]] = real_column(
        minimum=0, maximum=MAX_DOSE_MG_PER_DAY)
    columns[arguments["relapsed_by_month6"]] = flag_column()
    return frame_schema(columns)


@validated(frames={"frame": _cohort_schema}, rules=[
    Rule("keep", lambda a: set(a["keep"]) <= set(a["frame"].columns), "names of columns of frame"),
])
def assess_cohort(
    frame: Frame,
    *,
    ri_baseline: ColumnName = "ri_baseline",
    ri_month6: ColumnName = "ri_month6",
    gc_dose_mg_per_day_month6: ColumnName = "gc_dose_mg_per_day_month6",
    relapsed_by_month6: ColumnName = "relapsed_by_month6",
    keep: Sequence[ColumnName] = (),
) -> pd.DataFrame:
    """Classify every patient of a DataFrame (the vectorised :func:`assess_induction`).

    Parameters
    ----------
    frame
        One row per patient (at least one).
    ri_baseline, ri_month6, gc_dose_mg_per_day_month6, relapsed_by_month6
        Names of the columns holding the four inputs of :func:`assess_induction` (the dose
        as prednisone-equivalent mg/day; see :func:`to_prednisone_equivalent`), with the
        same ranges; the relapse column holds True or False.
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
    igg4lib._validation.InvalidArgument
        (a ``ValueError`` and a ``TypeError``) A named column is absent, or a value is
        missing, of the wrong type, negative, above its bound or (for the baseline RI) zero;
        the message names the argument, the column, the row and the value.

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
    b = frame[ri_baseline].astype("float64").to_numpy()
    m = frame[ri_month6].astype("float64").to_numpy()
    dose = frame[gc_dose_mg_per_day_month6].astype("float64").to_numpy()
    relapsed = frame[relapsed_by_month6].astype(bool).to_numpy()

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


def _is_flag(value: object) -> bool:
    return isinstance(value, bool | np.bool_)


def _success_matches_goals(df: pd.DataFrame) -> pd.Series | bool:
    """``success`` is True exactly when no goal failed (rows with a non-flag are reported by
    the column checks)."""
    if any(c not in df for c in (*GOALS, "success")):
        return True  # reported as a missing column
    flags = df[[*GOALS, "success"]]
    checkable = flags.map(_is_flag).all(axis=1)
    failed = flags[list(GOALS)].astype(bool).any(axis=1)
    return ~checkable | (flags["success"].astype(bool) == ~failed)


def _assessed_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    columns = {goal: flag_column() for goal in (*GOALS, "success")}
    columns[arguments["group"]] = pa.Column(None, nullable=False)
    return frame_schema(columns, checks=[pa.Check(
        _success_matches_goals, error="success True exactly when no goal failed")])


@validated(frames={"assessed": _assessed_schema})
def outcome_table(assessed: Frame, group: ColumnName = "treatment") -> pd.DataFrame:
    """Count the month-6 outcomes per group, as in the outcome rows of Table 2.

    Parameters
    ----------
    assessed
        The result of :func:`assess_cohort` with the ``group`` column kept: the goal columns
        of :data:`GOALS` and ``success`` (True or False, ``success`` exactly when no goal
        failed) and the ``group`` column, with a group for every patient (a missing group is
        refused, never dropped).
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
    rows = []
    for key, sub in assessed.groupby(group, sort=False, dropna=False):
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


#: Group names of :func:`outcome_table` -> prefix of their columns in Table 2.
_TABLE2_PREFIX = {"GC": "gc", "GC+IM": "gcim"}


def _recovered_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    """The columns of an outcome table that are compared are required; the others are
    checked when present (they are copied to the result)."""
    return frame_schema({
        arguments["group"]: text_column(isin=list(_TABLE2_PREFIX)),
        "label": text_column(isin=list(GOAL_LABELS.values())),
        "count": count_column(),
        "outcome": text_column(isin=[*GOALS, "failure"], required=False),
        "n": count_column(minimum=1, required=False),
        "percent": real_column(minimum=0, maximum=100, required=False),
    }, checks=[rows_at_most("count", "n")])


def _has_values(columns: Sequence[str], rows: Callable[[pd.DataFrame], pd.Series]
                ) -> Callable[[pd.DataFrame], pd.Series | bool]:
    """Frame-level check: the ``rows`` a function reads have a value in every one of
    ``columns`` (columns that are absent are reported as missing)."""
    def test(df: pd.DataFrame) -> pd.Series | bool:
        if any(c not in df for c in columns):
            return True
        try:
            used = rows(df).fillna(False).astype(bool)
        except (KeyError, TypeError, ValueError):
            return True  # reported by the column checks
        return ~used | df[list(columns)].notna().all(axis=1)

    return test


def _table2_counts_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    recovered = arguments["recovered"]
    labels = set(recovered["label"]) if "label" in recovered else set()
    return frame_schema({
        "label": text_column(unique=True),
        "gc_count": count_column(nullable=True),
        "gcim_count": count_column(nullable=True),
    }, checks=[pa.Check(
        _has_values(["gc_count", "gcim_count"], lambda df: df["label"].isin(labels)),
        error="gc_count and gcim_count in every row recovered names")])


@validated(frames={"recovered": _recovered_schema, "table2": _table2_counts_schema})
def compare_with_published(recovered: Frame, table2: Frame,
                           group: ColumnName = "treatment") -> pd.DataFrame:
    """Set the counts of :func:`outcome_table` beside the counts Table 2 prints.

    Parameters
    ----------
    recovered
        The result of :func:`outcome_table`: the ``group`` column (groups named ``"GC"``
        and ``"GC+IM"``), ``label`` and ``count`` are compared; ``outcome``, ``n`` and
        ``percent``, if present, are checked too (count <= n) and copied to the result.
    table2
        The data set ``induction_by_treatment`` (``label``, ``gc_count``, ``gcim_count``):
        a row for every label of ``recovered``, with both counts.
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
    prefix = _TABLE2_PREFIX
    rows = table2.set_index("label")
    absent = sorted(set(recovered["label"]) - set(rows.index))
    if absent:
        raise InvalidArgument(
            f"compare_with_published: argument 'table2' lacks row(s) {absent}; expected "
            "induction_by_treatment, with a row for every label of recovered"
        )
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


@validated
def glucocorticoid_equivalents() -> pd.DataFrame:
    """Return the conversion table (``data/reference/glucocorticoid_equivalents.csv``).

    >>> t = glucocorticoid_equivalents()
    >>> float(t.set_index("agent").at["methylprednisolone", "equivalent_dose_mg"])
    4.0
    """
    from igg4lib import data

    return data.load("glucocorticoid_equivalents")


def _agent_dose(agent: str, function: str, argument: str, row: str = "") -> float:
    """The equivalent dose of ``agent`` (a string); an unknown agent is refused by name."""
    table = _equivalents()
    key = agent.strip().lower()
    if key not in table:
        raise InvalidArgument(
            f"{function}: argument {argument!r}{row} got {agent!r}; expected one of "
            f"{sorted(table)} (data/reference/glucocorticoid_equivalents.csv)"
        )
    return table[key]


@validated
def prednisone_equivalent(dose_mg_per_day: Dose, agent: Text) -> float:
    """Convert a daily dose of a glucocorticoid to the prednisone-equivalent dose (mg/day).

    ``prednisone mg = dose * 5 / equivalent_dose_mg(agent)``, where the equivalent dose is
    the amount of the agent with the anti-inflammatory effect of 5 mg prednisone (from
    ``data/reference/glucocorticoid_equivalents.csv``).  The result is rounded to 6
    decimals so that exact equivalents land exactly on the 10 mg/day boundary.

    Parameters
    ----------
    dose_mg_per_day
        Daily dose of ``agent`` in mg, from 0 to :data:`MAX_DOSE_MG_PER_DAY`.
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
    igg4lib._validation.InvalidArgument: prednisone_equivalent: argument 'agent' got \
'budesonide'; expected one of ['betamethasone', 'cortisone', 'dexamethasone', \
'hydrocortisone', 'methylprednisolone', 'prednisolone', 'prednisone', 'triamcinolone'] \
(data/reference/glucocorticoid_equivalents.csv)

    Reference: conventional anti-inflammatory equivalents; see the data set's sources.
    """
    equivalent = _agent_dose(agent, "prednisone_equivalent", "agent")
    return round(float(dose_mg_per_day) * 5.0 / equivalent, _DOSE_DECIMALS)


#: The doses of :func:`to_prednisone_equivalent`, as a one-column frame.
_DOSES = frame_schema({"doses": real_column(minimum=0, maximum=MAX_DOSE_MG_PER_DAY)}, min_rows=0)
#: Its agents, as a one-column frame.
_AGENTS = frame_schema({"agents": text_column()}, min_rows=0)


@validated(rules=[Rule("agents", lambda a: len(a["agents"]) == len(a["doses"]),
                       "as many values as doses ({doses.size})")])
def to_prednisone_equivalent(doses: InstanceOf[pd.Series], agents: InstanceOf[pd.Series]
                             ) -> pd.Series:
    """Vectorised :func:`prednisone_equivalent` over two aligned Series.

    ``doses`` holds daily doses in mg (finite numbers from 0 to
    :data:`MAX_DOSE_MG_PER_DAY`), ``agents`` the name of the agent of each dose; both have
    the same length. The result has the index of ``doses``.

    >>> to_prednisone_equivalent(pd.Series([8.0, 7.5]),
    ...                          pd.Series(["methylprednisolone", "prednisone"])).tolist()
    [10.0, 7.5]
    """
    name = "to_prednisone_equivalent"
    check_frame(name, "doses", doses.to_frame("doses"), _DOSES)
    check_frame(name, "agents", agents.to_frame("agents"), _AGENTS)
    factors = [5.0 / _agent_dose(a, name, "agents", f", row {i!r}")
               for i, a in zip(agents.index.tolist(), agents.tolist(), strict=True)]
    values = [round(float(d) * f, _DOSE_DECIMALS)
              for d, f in zip(doses.tolist(), factors, strict=True)]
    return pd.Series(values, index=doses.index, name="gc_dose_mg_per_day_month6",
                     dtype="float64")



# --------------------------------------------------------------------------------------
# the protocol as printed, baseline balance by size, the outcome family
# --------------------------------------------------------------------------------------


@cache
def _protocol() -> pd.DataFrame:
    from igg4lib import data

    return data.load("induction_protocol").set_index("item")


@validated
def protocol(item: Text) -> float:
    """A number of the cohort's Methods (enrolment, regimen, goals), from ``induction_protocol``.

    >>> protocol("goal_prednisone_max_mg") == GC_MAINTENANCE_MAX_MG_PER_DAY
    True
    >>> protocol("dose")
    Traceback (most recent call last):
    ...
    igg4lib._validation.InvalidArgument: protocol: argument 'item' got 'dose'; expected an \
item of data/published/induction_protocol.csv such as 'enrolled'

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Methods).
    """
    table = _protocol()
    if item not in table.index:
        raise InvalidArgument(
            f"protocol: argument 'item' got {item!r}; expected an item of "
            "data/published/induction_protocol.csv such as 'enrolled'"
        )
    value = table.at[item, "value"]
    if pd.isna(value):
        raise InvalidArgument(
            f"protocol: argument 'item' got {item!r}, which has no numeric value (it is "
            "printed as text); expected an item with a number"
        )
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


def _standardised(difference: float, spread: float) -> float:
    """``difference / spread``; with no spread in either group (both proportions 0 or 1,
    both IQRs 0) 0 when the groups agree and an infinite difference (with its sign) when
    they do not."""
    if spread > 0:
        return float(difference / spread)
    return 0.0 if difference == 0 else math.copysign(math.inf, float(difference))


#: Statistics of the rows of Table 2.
_STATISTICS = ("n (%)", "ratio", "median (Q1 Q3)", "heading")
#: Largest median or quartile of a baseline row accepted (an age, a duration or a
#: laboratory value in its unit; none comes near it, so a larger value is a typing error).
MAX_SUMMARY_VALUE = 1e6
_ARMS = ("gc", "gcim")


def _baseline_rows(df: pd.DataFrame) -> pd.Series:
    return df["section"].isin(BASELINE_SECTIONS) & (df["statistic"] != "heading")


def _rows_of(statistic: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: _baseline_rows(df) & (df["statistic"] == statistic)


def _numbers(df: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(df[column], errors="coerce").astype("float64")


def _quartiles_ordered(prefix: str = "") -> pa.Check:
    """Frame-level rule: ``q1 <= median <= q3`` (columns named with ``prefix``, e.g.
    ``"gc_"``) in every row where all three are given."""
    return rows_ordered((f"{prefix}q1", f"{prefix}median", f"{prefix}q3"))


def _ratio_possible(prefix: str) -> pa.Check:
    ratio, size = f"{prefix}_ratio", f"{prefix}_group_size"

    def test(df: pd.DataFrame) -> pd.Series | bool:
        if ratio not in df or size not in df:
            return True
        r, n = _numbers(df, ratio), _numbers(df, size)
        return (r <= n - 1) | r.isna() | n.isna()

    return pa.Check(test, error=f"{ratio} at most {size} - 1 (men to one woman) in every row")


def _counts_schema(*, outcome: bool) -> dict[str, pa.Column]:
    columns = {}
    for prefix in _ARMS:
        columns[f"{prefix}_count"] = count_column(nullable=True)
        columns[f"{prefix}_group_size"] = count_column(minimum=1, nullable=True)
    columns["section"] = text_column()
    columns["label"] = text_column() if outcome else text_column(unique=True)
    return columns


#: The columns each statistic of a baseline row needs, beyond its section, label,
#: statistic, printed values and group sizes.
_NEEDS = {
    "n (%)": [f"{p}_count" for p in _ARMS],
    "ratio": [f"{p}_ratio" for p in _ARMS],
    "median (Q1 Q3)": [f"{p}_{q}" for p in _ARMS for q in ("median", "q1", "q3")],
}


def _balance_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    """Table 2 as :func:`baseline_balance` reads it: the columns of a statistic are needed
    when a row of that statistic is present (a table of yes/no rows needs no medians)."""
    table2 = arguments["table2"]
    present = set(table2["statistic"].dropna()) if "statistic" in table2 else set(_NEEDS)
    columns = {
        **_counts_schema(outcome=False),
        "statistic": text_column(isin=_STATISTICS),
        **{f"{p}_printed": text_column(nullable=True) for p in _ARMS},
        **{f"{p}_ratio": real_column(minimum=0, nullable=True) for p in _ARMS},
        **{f"{p}_{q}": real_column(minimum=0, maximum=MAX_SUMMARY_VALUE, nullable=True)
           for p in _ARMS for q in ("median", "q1", "q3")},
    }
    for statistic, needed in _NEEDS.items():
        if statistic not in present:
            for column in needed:
                if column not in table2:
                    del columns[column]
    checks = [
        pa.Check(_has_values([f"{p}_{c}" for p in _ARMS for c in ("printed", "group_size")],
                             _baseline_rows),
                 error="gc_printed, gcim_printed and both group sizes in every baseline row"),
        *(pa.Check(_has_values(needed, _rows_of(statistic)),
                   error=f"{', '.join(needed)} in every baseline row of statistic "
                         f"{statistic!r}")
          for statistic, needed in _NEEDS.items() if statistic in present),
        *(rows_at_most(f"{p}_count", f"{p}_group_size") for p in _ARMS),
        *(_quartiles_ordered(f"{p}_") for p in _ARMS if "median (Q1 Q3)" in present),
        *(_ratio_possible(p) for p in _ARMS if "ratio" in present),
    ]
    return frame_schema(columns, checks=checks)


@validated(frames={"table2": _balance_schema})
def baseline_balance(
    table2: Frame,
    *,
    denominators: Mapping[Text, tuple[PositivePatients, PositivePatients]] | None = None,
) -> pd.DataFrame:
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

    With no spread in either group (both proportions 0 or 1, or both IQRs 0) the difference
    is 0 when the groups agree and infinite (with its sign) when they do not.

    Parameters
    ----------
    table2
        The data set ``induction_by_treatment`` (Table 2 of the cohort paper): every
        baseline row carries the values its statistic needs (counts within the group sizes,
        ratios a group of that size can have, ordered non-negative quartiles).
    denominators
        Optional ``{label: (n_gc, n_gcim)}`` replacing the group sizes for baseline rows of
        statistic ``n (%)`` whose percentage implies fewer patients (the allergy row; see
        ``igg4lib.readings``); each at least the row's count and at most its group's size.

    The ratio, median and quartile columns are needed only when ``table2`` has baseline
    rows of that statistic.

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
    denominators = dict(denominators or {})
    counted = table2[_rows_of("n (%)")(table2)].set_index("label")
    unknown = sorted(set(denominators) - set(counted.index))
    if unknown:
        raise InvalidArgument(
            f"baseline_balance: argument 'denominators' names row(s) {unknown} not in table2 "
            "as a baseline row of statistic 'n (%)'; expected labels of such rows"
        )
    for label, sizes in denominators.items():
        counts = (int(counted.at[label, "gc_count"]), int(counted.at[label, "gcim_count"]))
        groups = (int(counted.at[label, "gc_group_size"]),
                  int(counted.at[label, "gcim_group_size"]))
        if any(n < x for x, n in zip(counts, sizes, strict=True)):
            raise InvalidArgument(
                f"baseline_balance: argument 'denominators' got {sizes} for {label!r}; "
                f"expected denominators at least the row's counts {counts}"
            )
        if any(n > g for g, n in zip(groups, sizes, strict=True)):
            raise InvalidArgument(
                f"baseline_balance: argument 'denominators' got {sizes} for {label!r}; "
                f"expected denominators at most the group sizes {groups} (a denominator "
                "counts the patients of the group with the item recorded)"
            )
    rows = []
    for r in table2.itertuples(index=False):
        if r.section not in BASELINE_SECTIONS or r.statistic == "heading":
            continue
        if r.statistic == "n (%)":
            n1, n2 = denominators.get(r.label, (r.gc_group_size, r.gcim_group_size))
            p1, p2 = r.gc_count / n1, r.gcim_count / n2
            smd, method = _standardised(p1 - p2, _pooled(p1, p2)), "proportions"
        elif r.statistic == "ratio":
            p1, p2 = r.gc_ratio / (1 + r.gc_ratio), r.gcim_ratio / (1 + r.gcim_ratio)
            smd, method = _standardised(p1 - p2, _pooled(p1, p2)), "proportions (share of men)"
        else:  # "median (Q1 Q3)", the one statistic left (the schema allows no other)
            s1 = (r.gc_q3 - r.gc_q1) / _IQR_PER_SD
            s2 = (r.gcim_q3 - r.gcim_q1) / _IQR_PER_SD
            smd = _standardised(r.gc_median - r.gcim_median, math.sqrt((s1**2 + s2**2) / 2))
            method = "approximate, from medians and IQRs"
        rows.append({"section": r.section, "label": r.label, "gc": r.gc_printed,
                     "gcim": r.gcim_printed, "smd": float(smd), "abs_smd": abs(float(smd)),
                     "method": method})
    out = pd.DataFrame(rows)
    return out.sort_values("abs_smd", ascending=False, kind="stable").reset_index(drop=True)


def _outcome_rows(df: pd.DataFrame) -> pd.Series:
    return df["section"] == "Outcomes at month 6"


_FAMILY_TABLE2 = frame_schema(
    {**_counts_schema(outcome=True), "p_printed": text_column(nullable=True)},
    checks=[
        pa.Check(_has_values(["gc_count", "gc_group_size", "gcim_count", "gcim_group_size",
                              "p_printed"], _outcome_rows),
                 error="both counts, both group sizes and p_printed in every row of section "
                       "'Outcomes at month 6'"),
        *(rows_at_most(f"{p}_count", f"{p}_group_size") for p in _ARMS),
    ],
)


@validated(frames={"table2": _FAMILY_TABLE2})
def outcome_family(table2: Frame) -> pd.DataFrame:
    """The family of outcome tests of Table 2, with Holm-adjusted p-values.

    ``table2`` is the data set ``induction_by_treatment``; its rows of section ``Outcomes at
    month 6`` need both counts (within the group sizes) and the printed p-value.

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

    rows = table2.loc[_outcome_rows(table2)]
    if rows.empty:
        raise InvalidArgument(
            "outcome_family: argument 'table2' has no rows in section 'Outcomes at month 6'; "
            "expected induction_by_treatment"
        )
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
