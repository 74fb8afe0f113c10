"""A synthetic patient-level GC-monotherapy cohort built by integer programming.

The cohort paper prints, for the 77 patients treated with glucocorticoids alone, odds ratios
for each risk factor (Table 3) and the failure percentage by number of risk factors
(Fig 3c).  :mod:`igg4lib.reconstruct` recovers the counts behind them.  This module asks
whether one set of 77 patients can carry *all* those counts at once, and builds such a set.

Patients are summarised by *cells*: every combination of

- eosinophilia: ``"yes"``, ``"no"`` or ``"missing"`` (not measured),
- baseline RI quartile: 1 to 4,
- organs involved: ``"1-2"``, ``"3-4"`` or ``">=5"``,
- dacryoadenitis: False / True,
- outcome: induction failure False / True,

and the unknowns are the number of patients in each of the 144 cells.  Each reconstructed
table is a set of linear equalities on those numbers, so the question is an integer
program, solved with :func:`scipy.optimize.milp` (HiGHS):

1. *Feasibility*: every factor table **and** the Fig 3c groups exactly.  If HiGHS reports
   the program infeasible, no cohort of patients can reproduce all the printed numbers
   under the same definitions, and :func:`factor_instance_bounds` gives the arithmetic a
   reader can check by hand.
2. *Closest cohort*: every factor table exactly (so univariate odds ratios are reproduced)
   and the Fig 3c group-by-outcome counts as close as possible (least total absolute
   deviation); among those, the cohort nearest (least absolute deviation) to conditional
   independence of the factors given the outcome.

Patient-level values (eosinophil percentage and leukocyte count, RI, organ count) are then
drawn inside each cell's category from a seeded generator, so the output is deterministic.

Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 2, Table 3, Fig 3c);
Huangfu Q, Hall JAJ. Parallelizing the dual revised simplex method. Math Prog Comp 2018.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pydantic import AfterValidator, InstanceOf
from scipy.optimize import Bounds, LinearConstraint, milp

from igg4lib import data, reconstruct, risk, stats
from igg4lib._validation import (
    MAX_PATIENTS,
    Count,
    ExactPatients,
    FiniteFloat,
    Frame,
    InvalidArgument,
    Patients,
    Rule,
    Seed,
    StrictFlag,
    Text,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    text_column,
    validated,
)

__all__ = [
    "EOS_LEVELS",
    "ORGAN_LEVELS",
    "RI_QUARTILE_MAX",
    "CohortSolution",
    "CohortTargets",
    "analysis_frame",
    "binary_row_reconstructions",
    "build_cohort",
    "category_tables",
    "check_cohort",
    "cohort_descriptor",
    "factor_instance_bounds",
    "fig3c_groups",
    "format_like",
    "patients_from_cells",
    "published_targets",
    "ri_quartile",
    "solve_cells",
    "table3_refit",
    "write_cohort",
]

EOS_LEVELS: tuple[str, ...] = ("yes", "no", "missing")
RI_LEVELS: tuple[int, ...] = (1, 2, 3, 4)
ORGAN_LEVELS: tuple[str, ...] = ("1-2", "3-4", ">=5")
DACRYO_LEVELS: tuple[bool, ...] = (False, True)
OUTCOME_LEVELS: tuple[bool, ...] = (False, True)

#: Highest RI in quartiles 1-3 of the whole cohort (Table 1: median 14, IQR 10-18).  The
#: quartile boundaries are an assumption stated in the chapter; quartile 4 is RI > 18,
#: which is also the default ``ri_above`` of :class:`igg4lib.risk.RiskCutoffs`.
RI_QUARTILE_MAX: tuple[int, ...] = (10, 14, 18)

#: Seed of the generator that draws patient-level values inside the cells.
SEED = 20180065

#: Plausibility limits of the patient columns (guards against typing and unit errors, not
#: clinical thresholds): the same as :mod:`igg4lib.risk`'s, which scores these columns.
MAX_RI = risk.MAX_RI
MAX_ORGANS = risk.MAX_ORGANS
MAX_LEUKOCYTES_1E9_PER_L = risk.MAX_LEUKOCYTES_1E9_PER_L
#: Most patients a synthetic cohort holds: identifiers run from ``SYN-001`` to ``SYN-999``.
MAX_SYNTHETIC_PATIENTS = 999
#: Most single-row odds-ratio checks :func:`category_tables` makes after its first search
#: (each level without a printed size tries every size and failure count).
MAX_LEVEL_CHECKS = 200_000

Counts = Mapping[object, tuple[int, int]]  # level -> (patients, failures)
#: A baseline responder index: a whole number from 0 to :data:`MAX_RI`.
ResponderIndex = Annotated[Count, at.Le(MAX_RI)]


def _quartile(ri: float) -> int:
    for q, upper in enumerate(RI_QUARTILE_MAX, start=1):
        if ri <= upper:
            return q
    return 4


@validated
def ri_quartile(ri: ResponderIndex) -> int:
    """Cohort RI quartile (1-4) of a baseline RI, with the boundaries of Table 1.

    >>> [ri_quartile(v) for v in (10, 11, 14, 15, 18, 19)]
    [1, 2, 2, 3, 3, 4]
    """
    return _quartile(ri)


def _organ_level(n_organs: int) -> str:
    return "1-2" if n_organs <= 2 else ("3-4" if n_organs <= 4 else ">=5")


def _same_kind(key: object, level: object) -> bool:
    """Whether a level key is of the kind of the levels (True is not the RI quartile 1)."""
    if isinstance(level, bool):
        return isinstance(key, bool | np.bool_)
    if isinstance(level, int):
        return isinstance(key, int | np.integer) and not isinstance(key, bool | np.bool_)
    return isinstance(key, str)


def _failures_within(pair: tuple[int, int]) -> tuple[int, int]:
    if pair[1] > pair[0]:
        raise ValueError("(patients, failures) with failures <= patients")
    return pair


#: A target count: (patients, failures), whole numbers with 0 <= failures <= patients.
_Pair = Annotated[tuple[Patients, Patients], AfterValidator(_failures_within)]
#: A target table: level -> (patients, failures); which levels is checked by a rule.
_Table = Mapping[Any, _Pair]
_TARGET_LEVELS = {
    "eosinophilia": EOS_LEVELS,
    "ri_quartile": RI_LEVELS,
    "organs": ORGAN_LEVELS,
    "dacryoadenitis": DACRYO_LEVELS,
    "groups": tuple(risk.COUNT_GROUPS),
}


def _levels_rule(field_name: str) -> Rule:
    levels = _TARGET_LEVELS[field_name]
    return Rule(
        field_name,
        lambda a: set(a[field_name]) == set(levels)
        and all(_same_kind(k, levels[0]) for k in a[field_name]),
        f"exactly the levels {', '.join(sorted(map(repr, levels)))} (keys of that kind)",
    )


def _patients(table: Mapping[Any, tuple[int, int]]) -> int:
    return sum(n for n, _ in table.values())


def _totals(table: Mapping[Any, tuple[int, int]]) -> tuple[int, int]:
    return _patients(table), sum(f for _, f in table.values())


def _group_total_expected(a: Mapping[str, Any]) -> tuple[int, int]:
    if a["groups_measured_only"]:
        (n_y, f_y), (n_n, f_n) = a["eosinophilia"]["yes"], a["eosinophilia"]["no"]
        return n_y + n_n, f_y + f_n
    return _totals(a["dacryoadenitis"])


@validated(name="CohortTargets", rules=[
    *(_levels_rule(f) for f in _TARGET_LEVELS),
    *(Rule(f, lambda a, f=f: _patients(a[f]) <= MAX_PATIENTS,
           f"at most MAX_PATIENTS = {MAX_PATIENTS:,} patients in the table")
      for f in _TARGET_LEVELS),
    *(Rule(f, lambda a, f=f: _totals(a[f]) == _totals(a["dacryoadenitis"]),
           "the same (patients, failures) totals as every other factor table")
      for f in ("eosinophilia", "ri_quartile", "organs")),
    Rule("groups", lambda a: _totals(a["groups"]) == _group_total_expected(a),
         "(patients, failures) totals equal to those of the patients the groups describe "
         "(with measured eosinophils when groups_measured_only, else all patients)"),
])
def _check_targets(eosinophilia: _Table, ri_quartile: _Table, organs: _Table,
                   dacryoadenitis: _Table, groups: _Table,
                   groups_measured_only: StrictFlag) -> None:
    """The content of :class:`CohortTargets`, checked by the validation layer."""


@dataclass(frozen=True)
class CohortTargets:
    """The counts a synthetic cohort must reproduce; each maps level -> (patients, failures).

    Attributes
    ----------
    eosinophilia
        Levels ``"yes"``, ``"no"``, ``"missing"``.
    ri_quartile
        Levels 1-4.
    organs
        Levels ``"1-2"``, ``"3-4"``, ``">=5"``.
    dacryoadenitis
        Levels False, True.
    groups
        Fig 3c groups ``"0"``, ``"1"``, ``"2"``, ``"3-4"``.
    groups_measured_only
        True when the Fig 3c groups describe only the patients whose eosinophils were
        measured (complete cases); False when they describe every patient, a missing
        eosinophil value counting as no eosinophilia.

    The content is checked when the targets are made (``InvalidArgument``, naming the
    field): exactly the levels above, counts that are whole numbers with
    0 <= failures <= patients, at most ``MAX_PATIENTS`` patients per table, the same
    patients in every factor table and groups that add up to the patients they describe.
    """

    eosinophilia: Counts
    ri_quartile: Counts
    organs: Counts
    dacryoadenitis: Counts
    groups: Counts
    groups_measured_only: bool = False

    def __post_init__(self) -> None:
        _check_targets(self.eosinophilia, self.ri_quartile, self.organs, self.dacryoadenitis,
                       self.groups, self.groups_measured_only)

    @property
    def n_patients(self) -> int:
        return sum(n for n, _ in self.dacryoadenitis.values())

    @property
    def n_failures(self) -> int:
        return sum(f for _, f in self.dacryoadenitis.values())


# --------------------------------------------------------------------------------------
# the frames the functions accept
# --------------------------------------------------------------------------------------


def _positive_leukocytes(df: pd.DataFrame) -> pd.Series | bool:
    try:
        return ~(df["leukocytes_1e9_per_l"].astype("float64") <= 0)
    except (KeyError, TypeError, ValueError):
        return True  # reported by the column checks


def _synthetic_ids(df: pd.DataFrame) -> pd.Series | bool:
    try:
        return df["patient_id"].map(
            lambda v: isinstance(v, str) and re.fullmatch(r"SYN-[0-9]{3}", v) is not None
        ).astype(bool)
    except KeyError:
        return True  # reported as a missing column


def _patients_schema(*, ids: bool = False, synthetic_ids: bool = False) -> pa.DataFrameSchema:
    """Patient rows as :func:`igg4lib.risk.score_frame` reads them, with the outcome."""
    columns = {
        "eosinophil_pct": real_column(nullable=True, minimum=0, maximum=100),
        "leukocytes_1e9_per_l": real_column(nullable=True, minimum=0,
                                            maximum=MAX_LEUKOCYTES_1E9_PER_L),
        "ri": count_column(maximum=MAX_RI),
        "n_organs": count_column(minimum=1, maximum=MAX_ORGANS),
        "dacryoadenitis": flag_column(),
        "induction_failure": flag_column(),
    }
    checks = [pa.Check(_positive_leukocytes, error="leukocytes_1e9_per_l > 0 in every row")]
    if ids:
        columns = {"patient_id": text_column(unique=True), **columns}
    if synthetic_ids:
        checks.append(pa.Check(_synthetic_ids, error="patient_id of the form SYN-001"))
    return frame_schema(columns, checks=checks)


def _cells_total(df: pd.DataFrame) -> bool:
    try:
        return 1 <= float(df["n"].astype("float64").sum()) <= MAX_SYNTHETIC_PATIENTS
    except (KeyError, TypeError, ValueError):
        return True  # reported by the column checks


#: Cells as :func:`solve_cells` returns them (one row per non-empty cell).
_CELLS = frame_schema({
    "eosinophilia": text_column(isin=EOS_LEVELS),
    "ri_quartile": count_column(minimum=1, maximum=4),
    "organs": text_column(isin=ORGAN_LEVELS),
    "dacryoadenitis": flag_column(),
    "failure": flag_column(),
    "n": count_column(),
}, min_rows=0)
#: Cells to draw patients from: at least one and at most ``MAX_SYNTHETIC_PATIENTS``.
_DRAWN_CELLS = frame_schema(
    dict(_CELLS.columns),
    checks=[pa.Check(_cells_total, element_wise=False,
                     error=f"from 1 to {MAX_SYNTHETIC_PATIENTS} patients in all (sum of n)")],
)
#: Rows of :func:`analysis_frame` as :func:`table3_refit` fits them.
_ANALYSIS = frame_schema({
    "failure": count_column(maximum=1),
    "eosinophilia": count_column(nullable=True, maximum=1),
    "ri_quartile": count_column(minimum=1, maximum=4),
    "organ_band": text_column(isin=ORGAN_LEVELS),
    "dacryoadenitis": count_column(maximum=1),
})
#: The ``induction_risk_factors`` data set, as far as :func:`table3_refit` reads it.
_TABLE3 = frame_schema({
    "group": text_column(),
    "row_type": text_column(),
    "label": text_column(),
    "section": text_column(nullable=True),
    "printed": text_column(nullable=True),
})


def _scored(func: str, patients: pd.DataFrame, cutoffs: risk.RiskCutoffs) -> pd.DataFrame:
    """:func:`igg4lib.risk.score_frame` on the patients; a refusal names ``patients``."""
    try:
        return risk.score_frame(patients, cutoffs, missing_eosinophils="absent")
    except (TypeError, ValueError) as exc:
        raise InvalidArgument(f"{func}: argument 'patients': {exc}") from None


# --------------------------------------------------------------------------------------
# from the published tables to targets
# --------------------------------------------------------------------------------------


def _first_search(a: Mapping[str, Any]) -> tuple[int, int, int, int | None]:
    """(max_total, min_total, max_events, n_exposed) of the first level's margin search."""
    sizes, first = a["sizes"] or {}, next(iter(a["estimates"]))
    if first in sizes and a["reference"] in sizes:
        pair = sizes[first] + sizes[a["reference"]]
        return pair, pair, a["n_events"], sizes[first]
    return a["n_total"], 2, a["n_events"], sizes.get(first)


def _first_search_tables(a: Mapping[str, Any]) -> int:
    top, bottom, events, exposed = _first_search(a)
    return reconstruct._tables_in_search(top, bottom, events, exposed)


@validated(rules=[
    Rule("reference", lambda a: a["reference"] not in a["estimates"],
         "a level without an odds ratio of its own (not a key of estimates)"),
    Rule("estimates", lambda a: all(lo <= orr <= hi for orr, lo, hi in a["estimates"].values()),
         "(odds_ratio, ci_low, ci_high) with ci_low <= odds_ratio <= ci_high for every level"),
    Rule("sizes", lambda a: set(a["sizes"] or {}) <= {a["reference"], *a["estimates"]},
         "sizes of the reference ({reference}) and the levels of estimates only"),
    Rule("sizes", lambda a: sum((a["sizes"] or {}).values()) <= a["n_total"],
         "sizes adding up to at most n_total ({n_total})"),
    Rule("sizes", lambda a: all(v < a["n_total"] for v in (a["sizes"] or {}).values()),
         "each size less than n_total ({n_total}): the other levels need patients too"),
    Rule("n_events", lambda a: a["n_events"] <= a["n_total"], "at most n_total ({n_total})"),
    Rule("n_total", lambda a: _first_search_tables(a) <= reconstruct.MAX_SEARCH_TABLES,
         "a first search of at most reconstruct.MAX_SEARCH_TABLES candidate tables (give the "
         "sizes of the reference and the first level, or fewer patients)"),
])
def category_tables(
    estimates: Annotated[Mapping[Text, reconstruct.PrintedEstimate], at.MinLen(1)],
    *,
    reference: Text,
    n_total: reconstruct.TableTotal,
    n_events: reconstruct.PositiveExact,
    sizes: Mapping[Text, Annotated[ExactPatients, at.Ge(1)]] | None = None,
) -> pd.DataFrame:
    """Every set of (patients, failures) per level of a categorical factor fitting Table 3.

    A categorical factor (RI quartile, organ-count band) is printed as one odds ratio per
    non-reference level, each against the same reference level.  Each odds ratio alone is
    a 2x2 table (:func:`igg4lib.reconstruct.tables_from_odds_ratio`); jointly the tables
    must share the reference level's counts and add up to the cohort.

    Parameters
    ----------
    estimates
        Level -> printed (odds ratio, CI low, CI high), every level except the reference.
    reference
        Name of the reference level.
    n_total, n_events
        Patients and failures across all levels.
    sizes
        Level -> number of patients, where printed (e.g. Table 2's organ bands).

    The searches are bounded: the first by ``reconstruct.MAX_SEARCH_TABLES`` candidate
    tables, the checks of the other levels by :data:`MAX_LEVEL_CHECKS`.

    Returns
    -------
    pandas.DataFrame
        One row per joint solution with columns ``n_<level>`` and ``f_<level>``
        (reference first); empty if none.

    Examples
    --------
    >>> t = category_tables({"3-4": (2.86, 0.69, 11.93), ">=5": (9.67, 1.74, 53.84)},
    ...                     reference="1-2", n_total=77, n_events=16,
    ...                     sizes={"1-2": 32, "3-4": 35, ">=5": 10})
    >>> t.to_dict("records")
    [{'n_1-2': 32, 'f_1-2': 3, 'n_3-4': 35, 'f_3-4': 8, 'n_>=5': 10, 'f_>=5': 5}]

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 3).
    """
    sizes = dict(sizes or {})
    levels = list(estimates)
    first = levels[0]
    # 1. candidates for the reference from the first level (margins searched when unknown)
    top, bottom, events, exposed = _first_search(
        {"estimates": estimates, "reference": reference, "n_total": n_total,
         "n_events": n_events, "sizes": sizes})
    cand = reconstruct.search_margins(
        *estimates[first], max_total=top, min_total=bottom, max_events=events, n_exposed=exposed
    )
    partial: list[dict[str, int]] = []
    for row in cand.itertuples(index=False):
        n_ref, f_ref = row.c + row.d, row.c
        if reference in sizes and n_ref != sizes[reference]:
            continue
        partial.append(
            {f"n_{reference}": n_ref, f"f_{reference}": f_ref,
             f"n_{first}": row.a + row.b, f"f_{first}": row.a}
        )
    per_partial = sum(
        (1 if level in sizes else n_total) * (n_events + 1) for level in levels[1:]
    )
    if len(partial) * per_partial > MAX_LEVEL_CHECKS:
        raise InvalidArgument(
            f"category_tables: arguments 'n_total' ({n_total}) and 'estimates' leave "
            f"{len(partial)} candidates for the reference level and {len(partial) * per_partial:,}"
            f" checks of the other levels; expected at most MAX_LEVEL_CHECKS = "
            f"{MAX_LEVEL_CHECKS:,} (give the levels' sizes)"
        )
    # 2. every other level against the same reference counts
    for level in levels[1:]:
        orr, lo, hi = (float(v) for v in estimates[level])
        extended = []
        for sol in partial:
            n_ref, f_ref = sol[f"n_{reference}"], sol[f"f_{reference}"]
            used_n = sum(v for k, v in sol.items() if k.startswith("n_"))
            used_f = sum(v for k, v in sol.items() if k.startswith("f_"))
            sizes_to_try = [sizes[level]] if level in sizes else range(1, n_total - used_n + 1)
            for n_k in sizes_to_try:
                for f_k in range(0, min(n_k, n_events - used_f) + 1):
                    # the tables of reconstruct.tables_from_odds_ratio with these margins
                    found = reconstruct._fit(orr, lo, hi, n_k + n_ref, f_k + f_ref,
                                             np.array([n_k]), 2)
                    if found is not None and ((found["a"] == f_k) & (found["c"] == f_ref)).any():
                        extended.append({**sol, f"n_{level}": n_k, f"f_{level}": f_k})
        partial = extended
    columns = [f"{s}_{lev}" for lev in (reference, *levels) for s in ("n", "f")]
    done = [
        sol for sol in partial
        if sum(sol[f"n_{lev}"] for lev in (reference, *levels)) == n_total
        and sum(sol[f"f_{lev}"] for lev in (reference, *levels)) == n_events
    ]
    return pd.DataFrame(done, columns=columns)


def _only(frame: pd.DataFrame, what: str) -> pd.Series:
    if len(frame) != 1:
        raise ValueError(f"{what}: expected exactly one reconstruction; found {len(frame)}")
    return frame.iloc[0]


#: Table 3's labels of the RI quartiles and organ bands -> the levels of the analysis frame
#: (rows are matched by these labels, never by their position in the table).
_QUARTILE_WORDS = {"First": 1, "Second": 2, "Third": 3, "Fourth": 4}
_ORGAN_LABELS = {"1 ~ 2": "1-2", "3 ~ 4": "3-4", "≥ 5": ">=5"}


def _ri_quartile(label: object) -> int | None:
    """The quartile a Table 3 RI label names ("Second quartile (median 13)" -> 2)."""
    words = str(label).split()
    if len(words) >= 2 and words[1] == "quartile":
        return _QUARTILE_WORDS.get(words[0])
    return None


def _printed_of(estimates: pd.DataFrame, predictor: str, level: str) -> object:
    """The printed odds ratio of Table 3 for one level of one predictor, found by label."""
    if predictor == "eosinophilia":
        rows = estimates.loc[estimates["label"] == "Eosinophilia"]
    elif predictor == "dacryoadenitis":
        rows = estimates.loc[estimates["label"] == "Dacryoadenitis"]
    elif predictor == "ri_quartile":
        rows = estimates.loc[(estimates["section"] == "RI")
                             & (estimates["label"].map(_ri_quartile) == int(level))]
    else:
        rows = estimates.loc[(estimates["section"] == "Number of organs involved")
                             & (estimates["label"].map(_ORGAN_LABELS) == level)]
    if len(rows) != 1:
        raise ValueError(f"{predictor} row (level {level}): expected exactly one GC "
                         f"monotherapy estimate row, found by its label; found {len(rows)}")
    return rows.iloc[0]["printed"]


def _gc_rows(table3: pd.DataFrame, section: str | None) -> pd.DataFrame:
    rows = table3.loc[table3["group"] == "GC monotherapy"]
    if section is None:
        return rows
    return rows.loc[rows["section"] == section]


def _printed(row: pd.Series) -> tuple[float, float, float]:
    return float(row["odds_ratio"]), float(row["ci_low"]), float(row["ci_high"])


@cache
def _published_factor_tables() -> tuple:
    """Reconstruct the four factor tables from Tables 2 and 3 (cached: it takes seconds)."""
    t2 = data.load("induction_by_treatment")
    t3 = data.load("induction_risk_factors")

    def t2_row(label: str) -> pd.Series:
        return _only(t2.loc[t2["label"] == label], f"Table 2 row {label!r}")

    outcome = t2_row("Failure of remission induction")
    n_total, n_events = int(outcome["gc_group_size"]), int(outcome["gc_count"])

    eos_row = _only(_gc_rows(t3, None).loc[lambda d: d["label"] == "Eosinophilia"],
                    "Table 3 eosinophilia")
    eos = reconstruct.search_margins(*_printed(eos_row), max_total=n_total,
                                     max_events=n_events, min_total=2)
    e = _only(eos, "eosinophilia 2x2 table")
    eosinophilia = {
        "yes": (int(e.a + e.b), int(e.a)),
        "no": (int(e.c + e.d), int(e.c)),
        "missing": (n_total - int(e.n_total), n_events - int(e.n_events)),
    }

    ri_rows = _gc_rows(t3, "RI")
    ri_est = {str(_ri_quartile(row.label)): (float(row.odds_ratio), float(row.ci_low),
                                             float(row.ci_high))
              for row in ri_rows.itertuples(index=False) if row.row_type == "estimate"}
    ri = _only(category_tables(ri_est, reference="1", n_total=n_total, n_events=n_events),
               "RI quartile tables")
    ri_quartiles = {q: (int(ri[f"n_{q}"]), int(ri[f"f_{q}"])) for q in RI_LEVELS}

    organ_labels = _ORGAN_LABELS
    organ_sizes = {v: int(t2_row(k)["gc_count"]) for k, v in organ_labels.items()}
    org_rows = _gc_rows(t3, "Number of organs involved")
    org_est = {
        organ_labels[row.label]: (float(row.odds_ratio), float(row.ci_low), float(row.ci_high))
        for row in org_rows.itertuples(index=False)
        if row.row_type == "estimate"
    }
    org = _only(category_tables(org_est, reference="1-2", n_total=n_total, n_events=n_events,
                                sizes=organ_sizes), "organ-band tables")
    organs = {lev: (int(org[f"n_{lev}"]), int(org[f"f_{lev}"])) for lev in ORGAN_LEVELS}

    dac_row = _only(_gc_rows(t3, "Organ involvement").loc[
        lambda d: d["label"] == "Dacryoadenitis"], "Table 3 dacryoadenitis")
    n_dac = int(t2_row("Dacryoadenitis")["gc_count"])
    d = _only(reconstruct.tables_from_odds_ratio(*_printed(dac_row), n_total=n_total,
                                                 n_events=n_events, n_exposed=n_dac),
              "dacryoadenitis 2x2 table")
    dacryo = {True: (int(d.a + d.b), int(d.a)), False: (int(d.c + d.d), int(d.c))}

    return n_total, n_events, eosinophilia, ri_quartiles, organs, dacryo


@validated
def published_targets(*, groups_measured_only: StrictFlag = True) -> CohortTargets:
    """Reconstruct every target table from the published data sets.

    Totals and the organ-band and dacryoadenitis group sizes come from Table 2
    (``induction_by_treatment``), odds ratios from Table 3 (``induction_risk_factors``) and
    the Fig 3c percentages and p-value from ``induction_risk_groups``; the counts are
    recovered with :mod:`igg4lib.reconstruct` and must be unique.

    Parameters
    ----------
    groups_measured_only
        True: the Fig 3c groups are reconstructed over the patients whose eosinophils were
        measured (the eosinophilia row of Table 3 shows how many); False: over all
        patients.

    Raises
    ------
    ValueError
        If any reconstruction is not unique (the message says which).
    """
    n_total, n_events, eosinophilia, ri_quartiles, organs, dacryo = (
        copy.deepcopy(x) for x in _published_factor_tables()
    )
    fig = data.load("induction_risk_groups")
    pcts = fig.loc[fig["quantity"] == "failure percent"].sort_values("risk_factors_min")
    p_row = _only(fig.loc[fig["quantity"] == "p-value"], "Fig 3c p-value")
    p_text = str(p_row["printed"]).split("=")[-1].strip()
    if groups_measured_only:
        g_total = eosinophilia["yes"][0] + eosinophilia["no"][0]
        g_events = eosinophilia["yes"][1] + eosinophilia["no"][1]
    else:
        g_total, g_events = n_total, n_events
    sols = reconstruct.risk_count_groups(
        tuple(pcts["printed"]), n_total=g_total, n_events=g_events, p_printed=p_text,
        labels=tuple(risk.COUNT_GROUPS),
    )
    matches = sols.filter(like="matches_").any(axis=1) if len(sols) else sols
    g = _only(sols.loc[matches] if len(sols) else sols, "Fig 3c groups")
    groups = {lab: (int(g[f"n_{lab}"]), int(g[f"f_{lab}"])) for lab in risk.COUNT_GROUPS}
    return CohortTargets(
        eosinophilia=eosinophilia,
        ri_quartile=ri_quartiles,
        organs=organs,
        dacryoadenitis=dacryo,
        groups=groups,
        groups_measured_only=groups_measured_only,
    )


@validated
def fig3c_groups(*, groups_measured_only: StrictFlag = True) -> pd.DataFrame:
    """The Fig 3c groups the score rests on: size, failures and risk with its Wilson CI.

    The counts are the reconstruction of :func:`published_targets` (by default over the
    patients with a measured eosinophil count, the book's reading ``fig3c-groups`` in
    :mod:`igg4lib.readings`), tabulated by :func:`igg4lib.risk.risk_groups_table`.

    >>> g = fig3c_groups()
    >>> g["n_patients"].tolist(), g["failures"].tolist()
    ([25, 21, 13, 7], [2, 3, 5, 5])
    """
    groups = published_targets(groups_measured_only=groups_measured_only).groups
    return risk.risk_groups_table({g: n for g, (n, _) in groups.items()},
                                  {g: f for g, (_, f) in groups.items()})


@validated(frames={"analysis": _ANALYSIS, "table3": _TABLE3})
def table3_refit(analysis: Frame, table3: Frame | None = None) -> pd.DataFrame:
    """Refit Table 3's univariate regressions of the four factors on patient rows.

    Fits one logistic regression per factor (eosinophilia; RI quartiles against the first;
    organ bands against one or two organs; dacryoadenitis), as the paper did, and sets each
    odds ratio and interval beside the printed one at the printed precision.

    Parameters
    ----------
    analysis
        Patient rows from :func:`analysis_frame`.
    table3
        The ``induction_risk_factors`` data set (loaded when not given).

    Returns
    -------
    pandas.DataFrame
        ``predictor``, ``level``, ``n_patients``, ``n_events``, ``printed``, ``recomputed``
        and ``match`` (printed and recomputed text identical).
    """
    t3 = data.load("induction_risk_factors") if table3 is None else table3
    gc3 = t3.loc[t3["group"] == "GC monotherapy"]
    try:
        fits = pd.concat(
            [risk.logistic_odds_ratios(analysis, "failure", {"eosinophilia": None}),
             risk.logistic_odds_ratios(analysis, "failure", {"ri_quartile": 1}),
             risk.logistic_odds_ratios(analysis, "failure", {"organ_band": "1-2"}),
             risk.logistic_odds_ratios(analysis, "failure", {"dacryoadenitis": None})],
            ignore_index=True)
    except (TypeError, ValueError) as exc:
        raise InvalidArgument(f"table3_refit: argument 'analysis': {exc}") from None
    estimates = gc3.loc[gc3["row_type"] == "estimate"]
    try:
        printed = [_printed_of(estimates, str(r.predictor), str(r.level))
                   for r in fits.itertuples()]
        triples = [_split_printed_or(text) for text in printed]
    except ValueError as exc:
        raise InvalidArgument(f"table3_refit: argument 'table3': {exc}") from None
    recomputed = []
    for r, (p_or, p_lo, p_hi) in zip(fits.itertuples(), triples, strict=True):
        recomputed.append(f"{format_like(r.odds_ratio, p_or)} ({format_like(r.ci_low, p_lo)}, "
                          f"{format_like(r.ci_high, p_hi)})")
    out = fits[["predictor", "level", "n_patients", "n_events"]].copy()
    out["printed"] = [str(t) for t in printed]
    out["recomputed"] = recomputed
    out["match"] = out["printed"] == out["recomputed"]
    return out


@validated
def format_like(value: FiniteFloat, printed: Text) -> str:
    """Format ``value`` with as many decimals as the printed number ``printed`` shows.

    >>> format_like(9.6667, "9.67"), format_like(0.0096, "0.01"), format_like(1.0, "1")
    ('9.67', '0.01', '1')
    """
    text = printed.strip()
    if not _PRINTED_NUMBER.fullmatch(text):
        raise InvalidArgument(
            f"format_like: argument 'printed' got {printed!r}; expected a printed number such "
            "as '9.67'"
        )
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{value:.{decimals}f}"


_PRINTED_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _split_printed_or(printed: object) -> tuple[str, str, str]:
    """``"7.27 (2.05, 25.74)"`` -> the three printed numbers."""
    head, _, rest = str(printed).partition(" (")
    parts = (head, *rest.rstrip(")").split(", "))
    if len(parts) != 3 or not all(_PRINTED_NUMBER.fullmatch(x.strip()) for x in parts):
        raise ValueError(f"expected a printed estimate such as '7.27 (2.05, 25.74)'; "
                         f"got {printed!r}")
    return parts[0].strip(), parts[1].strip(), parts[2].strip()


@validated
def binary_row_reconstructions(*, max_missing: Count = 20) -> pd.DataFrame:
    """Try to recover the 2x2 table behind every binary row of Table 3, in both groups.

    For each row the search first uses the full margins (the group's patients and failures
    from Table 2, and the exposed-group size where Table 2 prints it; sex from the printed
    male:female ratio).  When no table fits, it searches smaller totals, down to
    ``max_missing`` patients fewer (at most the smaller group's size minus 2), because
    patients without the measurement drop out of a univariate regression.  The search is
    :func:`igg4lib.reconstruct.table3_binary_rows`; this function orders its rows group by
    group and adds the recomputed OR and CI.

    Returns
    -------
    pandas.DataFrame
        One row per Table 3 row and group: ``group``, ``label``, ``exposed_known`` (size
        of the exposed group if printed), ``solutions_full`` (tables with the full
        margins), ``solutions_searched`` (tables over smaller totals, searched only when
        ``solutions_full`` is 0), ``patients``, ``failures``, ``a``, ``b``, ``c``, ``d``
        (for the first solution, missing when none), ``printed``, ``recomputed`` (the
        first solution's OR and CI at the printed precision) and ``status``.
    """
    try:
        rows = reconstruct.table3_binary_rows(max_missing=max_missing)
    except InvalidArgument as exc:
        raise InvalidArgument(f"binary_row_reconstructions: {exc}") from None
    # group by group, each in the order of reconstruct.TABLE3_BINARY_LABELS
    order = {label: i for i, label in enumerate(reconstruct.TABLE3_BINARY_LABELS)}
    groups = {"GC monotherapy": 0, "GC + IM combination therapy": 1}
    rows = rows.assign(_g=rows["group"].map(groups), _l=rows["label"].map(order))
    rows = rows.sort_values(["_g", "_l"], kind="stable", ignore_index=True)
    recomputed = []
    for r in rows.itertuples():
        if pd.isna(r.patients):
            recomputed.append("")
            continue
        o = stats.odds_ratio_ci(int(r.a), int(r.b), int(r.c), int(r.d))
        p_or, p_lo, p_hi = _split_printed_or(r.printed)
        recomputed.append(
            f"{format_like(o.odds_ratio, p_or)} ({format_like(o.ci_low, p_lo)}, "
            f"{format_like(o.ci_high, p_hi)})"
        )
    rows["recomputed"] = recomputed
    columns = [
        "group", "label", "exposed_known", "solutions_full", "solutions_searched",
        "patients", "failures", "a", "b", "c", "d", "printed", "recomputed", "status",
    ]
    return rows[columns]


# --------------------------------------------------------------------------------------
# the arithmetic a reader can check by hand
# --------------------------------------------------------------------------------------


@validated
def factor_instance_bounds(targets: InstanceOf[CohortTargets]) -> pd.DataFrame:
    """Compare the factor tables with what the Fig 3c groups can hold.

    Summing the risk-factor count over patients gives the number of *factor instances*.
    The factor tables fix it exactly (patients with eosinophilia + patients in the top RI
    quartile + ...); the Fig 3c groups only bound it, because their top group holds three
    *or* four factors.  If the exact number lies outside the bounds, no cohort can satisfy
    both (a missing eosinophil value counts as no eosinophilia, as in the score).

    Returns
    -------
    pandas.DataFrame
        One row per outcome (``non-failure``, ``failure``) with ``from_factor_tables``,
        ``fig3c_min``, ``fig3c_max`` and ``compatible``.

    Raises
    ------
    ValueError
        When the groups describe only patients with measured eosinophils (the other factors
        are then not known exactly within those patients, so there is no exact count).
    """
    if targets.groups_measured_only:
        raise InvalidArgument(
            "factor_instance_bounds: argument 'targets': targets.groups_measured_only is True: "
            "the factor tables do not fix the number of factor instances among the measured "
            "patients; use solve_cells instead"
        )
    rows = []
    for outcome, label in ((False, "non-failure"), (True, "failure")):

        def n_of(counts: tuple[int, int], outcome: bool = outcome) -> int:
            n, f = counts
            return f if outcome else n - f

        exact = (
            n_of(targets.eosinophilia["yes"])
            + n_of(targets.ri_quartile[4])
            + n_of(targets.organs[">=5"])
            + n_of(targets.dacryoadenitis[True])
        )
        lo = hi = 0
        for group, (kmin, kmax) in risk.COUNT_GROUPS.items():
            m = n_of(targets.groups[group])
            lo += kmin * m
            hi += kmax * m
        rows.append(
            {
                "outcome": label,
                "from_factor_tables": exact,
                "fig3c_min": lo,
                "fig3c_max": hi,
                "compatible": lo <= exact <= hi,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# the integer program
# --------------------------------------------------------------------------------------

CELL_COLUMNS = ("eosinophilia", "ri_quartile", "organs", "dacryoadenitis", "failure")


def _cells() -> list[tuple[str, int, str, bool, bool]]:
    return list(
        itertools.product(EOS_LEVELS, RI_LEVELS, ORGAN_LEVELS, DACRYO_LEVELS, OUTCOME_LEVELS)
    )


def _cell_count(cell: tuple[str, int, str, bool, bool]) -> int:
    eos, q, organs, dacryo, _ = cell
    return int(eos == "yes") + int(q == 4) + int(organs == ">=5") + int(dacryo)


@validated(name="CohortSolution", frames={"cells": _CELLS})
def _check_solution(exact_feasible: StrictFlag, fig3c_deviation: Count, cells: Frame,
                    exact_status: Text) -> None:
    """The fields of :class:`CohortSolution`, checked by the validation layer."""


@dataclass(frozen=True)
class CohortSolution:
    """Result of :func:`solve_cells`.

    Attributes
    ----------
    exact_feasible
        Whether one cohort satisfies every factor table and the Fig 3c groups exactly.
    fig3c_deviation
        Least total absolute deviation from the Fig 3c group-by-outcome counts among
        cohorts that reproduce every factor table exactly (0 when ``exact_feasible``).
    cells
        One row per non-empty cell: the columns of ``CELL_COLUMNS`` and ``n``.
    exact_status
        HiGHS's message for the exact program.
    """

    exact_feasible: bool
    fig3c_deviation: int
    cells: pd.DataFrame
    exact_status: str

    def __post_init__(self) -> None:
        _check_solution(self.exact_feasible, self.fig3c_deviation, self.cells,
                        self.exact_status)


def _margin_rows(cells: list, targets: CohortTargets) -> tuple[np.ndarray, np.ndarray]:
    rows: list[np.ndarray] = []
    rhs: list[int] = []
    specs = (
        (0, targets.eosinophilia),
        (1, targets.ri_quartile),
        (2, targets.organs),
        (3, targets.dacryoadenitis),
    )
    for pos, table in specs:
        for level, (n, f) in table.items():
            for outcome, value in ((True, f), (False, n - f)):
                row = np.array(
                    [1.0 if c[pos] == level and c[4] == outcome else 0.0 for c in cells]
                )
                rows.append(row)
                rhs.append(value)
    return np.array(rows), np.array(rhs, dtype=float)


def _group_rows(cells: list, targets: CohortTargets) -> tuple[np.ndarray, np.ndarray]:
    rows, rhs = [], []
    for group, (kmin, kmax) in risk.COUNT_GROUPS.items():
        n, f = targets.groups[group]
        for outcome, value in ((True, f), (False, n - f)):
            rows.append(
                np.array(
                    [
                        1.0
                        if kmin <= _cell_count(c) <= kmax
                        and c[4] == outcome
                        and not (targets.groups_measured_only and c[0] == "missing")
                        else 0.0
                        for c in cells
                    ]
                )
            )
            rhs.append(value)
    return np.array(rows), np.array(rhs, dtype=float)


def _independence_target(cells: list, targets: CohortTargets) -> np.ndarray:
    """Expected cell sizes if the four factors were independent given the outcome."""
    out = np.zeros(len(cells))
    tables = (targets.eosinophilia, targets.ri_quartile, targets.organs, targets.dacryoadenitis)
    n_by_outcome = {True: targets.n_failures, False: targets.n_patients - targets.n_failures}
    for i, c in enumerate(cells):
        y = c[4]
        value = float(n_by_outcome[y])
        for pos, table in enumerate(tables):
            n, f = table[c[pos]]
            value *= (f if y else n - f) / n_by_outcome[y]
        out[i] = value
    return out


@validated
def solve_cells(targets: InstanceOf[CohortTargets]) -> CohortSolution:
    """Solve the integer programs described in the module notes.

    Returns
    -------
    CohortSolution

    Examples
    --------
    >>> t = CohortTargets(
    ...     eosinophilia={"yes": (2, 1), "no": (2, 0), "missing": (0, 0)},
    ...     ri_quartile={1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (1, 1)},
    ...     organs={"1-2": (2, 0), "3-4": (1, 0), ">=5": (1, 1)},
    ...     dacryoadenitis={False: (2, 0), True: (2, 1)},
    ...     groups={"0": (1, 0), "1": (2, 0), "2": (0, 0), "3-4": (1, 1)})
    >>> s = solve_cells(t)
    >>> s.exact_feasible, s.fig3c_deviation, int(s.cells["n"].sum())
    (True, 0, 4)

    The targets count at most ``MAX_PATIENTS`` patients per table (checked by
    :class:`CohortTargets`); HiGHS solves such programs within seconds.

    Reference: scipy.optimize.milp (HiGHS).
    """
    cells = _cells()
    nc = len(cells)
    a_m, b_m = _margin_rows(cells, targets)
    a_g, b_g = _group_rows(cells, targets)
    ng = len(b_g)

    # 1. exact: factor tables and Fig 3c groups
    exact = milp(
        c=np.zeros(nc),
        constraints=[LinearConstraint(a_m, b_m, b_m), LinearConstraint(a_g, b_g, b_g)],
        integrality=np.ones(nc),
        bounds=Bounds(0, np.inf),
    )
    exact_ok = exact.status == 0

    # 2a. factor tables exact, Fig 3c as close as possible: x (nc), d+ (ng), d- (ng)
    nv = nc + 2 * ng
    a_m2 = np.hstack([a_m, np.zeros((len(b_m), 2 * ng))])
    a_g2 = np.hstack([a_g, -np.eye(ng), np.eye(ng)])
    cost = np.concatenate([np.zeros(nc), np.ones(2 * ng)])
    stage1 = milp(
        c=cost,
        constraints=[LinearConstraint(a_m2, b_m, b_m), LinearConstraint(a_g2, b_g, b_g)],
        integrality=np.ones(nv),
        bounds=Bounds(0, np.inf),
    )
    if stage1.status != 0:
        raise InvalidArgument(
            "solve_cells: argument 'targets': the factor tables alone admit no cohort (they "
            f"disagree on the patients or failures in some level); HiGHS says: {stage1.message}"
        )
    deviation = round(stage1.fun)

    # 2b. same, deviation fixed at its minimum, nearest to conditional independence:
    # variables x (nc), d+ (ng), d- (ng), u (nc) with u >= |x - target|
    target = _independence_target(cells, targets)
    pad = np.zeros((len(b_m), nc))
    cons = [
        LinearConstraint(np.hstack([a_m2, pad]), b_m, b_m),
        LinearConstraint(np.hstack([a_g2, np.zeros((ng, nc))]), b_g, b_g),
        LinearConstraint(
            np.concatenate([np.zeros(nc), np.ones(2 * ng), np.zeros(nc)])[None, :],
            deviation,
            deviation,
        ),
        # u - x >= -target  and  u + x >= target
        LinearConstraint(
            np.hstack([-np.eye(nc), np.zeros((nc, 2 * ng)), np.eye(nc)]), -target, np.inf
        ),
        LinearConstraint(
            np.hstack([np.eye(nc), np.zeros((nc, 2 * ng)), np.eye(nc)]), target, np.inf
        ),
    ]
    integrality = np.concatenate([np.ones(nv), np.zeros(nc)])
    stage2 = milp(
        c=np.concatenate([np.zeros(nv), np.ones(nc)]),
        constraints=cons,
        integrality=integrality,
        bounds=Bounds(0, np.inf),
    )
    if stage2.status != 0:  # pragma: no cover - stage 1 proved a solution exists
        raise RuntimeError(f"HiGHS failed on the second stage: {stage2.message}")
    x = np.round(stage2.x[:nc]).astype(int)
    frame = pd.DataFrame(cells, columns=list(CELL_COLUMNS))
    frame["n"] = x
    frame = frame.loc[frame["n"] > 0].reset_index(drop=True)
    return CohortSolution(
        exact_feasible=exact_ok,
        fig3c_deviation=int(deviation),
        cells=frame,
        exact_status=str(exact.message),
    )


# --------------------------------------------------------------------------------------
# from cells to patients
# --------------------------------------------------------------------------------------

# Support of the RI inside each quartile, weighted towards the quartile medians of
# Table 3 (7, 13, 16, 21).
_RI_SUPPORT: dict[int, tuple[tuple[int, ...], tuple[float, ...]]] = {
    1: ((4, 5, 6, 7, 8, 9, 10), (1, 1, 2, 3, 2, 2, 2)),
    2: ((11, 12, 13, 14), (1, 2, 3, 2)),
    3: ((15, 16, 17, 18), (2, 3, 2, 2)),
    4: ((19, 20, 21, 22, 23, 24, 26, 28), (2, 3, 3, 2, 2, 1, 1, 1)),
}
_ORGAN_SUPPORT: dict[str, tuple[tuple[int, ...], tuple[float, ...]]] = {
    "1-2": ((1, 2), (1, 1)),
    "3-4": ((3, 4), (3, 2)),
    ">=5": ((5, 6, 7), (3, 2, 1)),
}


def _draw(rng: np.random.Generator, support: tuple) -> int:
    values, weights = support
    p = np.asarray(weights, dtype=float)
    return int(rng.choice(values, p=p / p.sum()))


def _eosinophils(
    rng: np.random.Generator, level: str, cutoff: float
) -> tuple[float | None, float | None]:
    """Eosinophil percentage and leukocyte count on the cell's side of the cut-off.

    Shapes are chosen to resemble the GC group of Table 2 (eosinophils median 3.3%,
    quartiles 1.7% and 6.2%); they are not fitted to it.
    """
    if level == "missing":
        return None, None
    wbc = round(float(np.clip(rng.normal(7.5, 1.6), 3.8, 13.0)), 1)
    threshold_pct = 100.0 * cutoff / wbc
    if level == "yes":
        pct = round(threshold_pct + 0.2 + float(rng.gamma(2.0, 2.5)), 1)
    else:
        pct = round(min(0.95 * threshold_pct, 0.3 + float(rng.gamma(2.0, 1.1))), 1)
    return pct, wbc


@validated(frames={"cells": _DRAWN_CELLS}, rules=[
    Rule("cutoffs", lambda a: a["cutoffs"].ri_above == RI_QUARTILE_MAX[-1],
         f"cut-offs with ri_above = {RI_QUARTILE_MAX[-1]}, the top quartile boundary, for "
         "the cells to mean what they say"),
    Rule("cutoffs", lambda a: a["cutoffs"].organs_at_least == 5,
         "cut-offs with organs_at_least = 5, the lower end of the organ band '>=5'"),
])
def patients_from_cells(
    cells: Frame,
    *,
    cutoffs: InstanceOf[risk.RiskCutoffs] = risk.DEFAULT_CUTOFFS,
    seed: Seed = SEED,
) -> pd.DataFrame:
    """Turn cell counts into one row per synthetic patient with plausible values.

    The seeded generator draws the values of the patients in the order of the rows of
    ``cells``: rows in another order give other synthetic patients with the same counts.

    Values are drawn inside each cell's category from ``numpy.random.default_rng(seed)``:
    the eosinophil percentage and leukocyte count so that the eosinophil count falls on
    the cell's side of ``cutoffs.eosinophils_above_1e9_per_l``, the RI inside the cell's
    quartile (weighted towards Table 3's quartile medians) and the organ count inside the
    cell's band.  Rows are then shuffled and numbered ``SYN-001`` ... (so at most
    :data:`MAX_SYNTHETIC_PATIENTS` patients in all).  ``cutoffs`` must keep the RI and organ
    boundaries of the cells (``ri_above`` 18, ``organs_at_least`` 5).

    Returns
    -------
    pandas.DataFrame
        Columns ``patient_id``, ``eosinophil_pct``, ``leukocytes_1e9_per_l``, ``ri``,
        ``n_organs``, ``dacryoadenitis``, ``induction_failure``.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for cell in cells.itertuples(index=False):
        for _ in range(int(cell.n)):
            pct, wbc = _eosinophils(rng, cell.eosinophilia, cutoffs.eosinophils_above_1e9_per_l)
            n_organs = _draw(rng, _ORGAN_SUPPORT[cell.organs])
            rows.append(
                {
                    "eosinophil_pct": pct,
                    "leukocytes_1e9_per_l": wbc,
                    "ri": _draw(rng, _RI_SUPPORT[cell.ri_quartile]),
                    "n_organs": n_organs,
                    "dacryoadenitis": bool(cell.dacryoadenitis),
                    "induction_failure": bool(cell.failure),
                }
            )
    frame = pd.DataFrame(rows)
    order = rng.permutation(len(frame))
    frame = frame.iloc[order].reset_index(drop=True)
    frame.insert(0, "patient_id", [f"SYN-{i:03d}" for i in range(1, len(frame) + 1)])
    frame["eosinophil_pct"] = frame["eosinophil_pct"].astype("float64")
    frame["leukocytes_1e9_per_l"] = frame["leukocytes_1e9_per_l"].astype("float64")
    return frame


# --------------------------------------------------------------------------------------
# checking a cohort against its targets
# --------------------------------------------------------------------------------------


@validated(frames={"patients": _patients_schema()})
def check_cohort(
    patients: Frame,
    targets: InstanceOf[CohortTargets],
    cutoffs: InstanceOf[risk.RiskCutoffs] = risk.DEFAULT_CUTOFFS,
) -> pd.DataFrame:
    """Recount every target table from patient rows, through :func:`igg4lib.risk.score_frame`.

    Returns
    -------
    pandas.DataFrame
        One row per table level: ``table``, ``level``, ``target_patients``,
        ``target_failures``, ``cohort_patients``, ``cohort_failures`` and ``exact``.
    """
    scored = _scored("check_cohort", patients, cutoffs)
    eos = np.where(
        scored["eosinophils_missing"], "missing", np.where(scored["eosinophilia"], "yes", "no")
    )
    levels = {
        "eosinophilia": pd.Series(eos, index=scored.index),
        "ri_quartile": scored["ri"].map(_quartile),
        "organs": scored["n_organs"].map(_organ_level),
        "dacryoadenitis": scored["dacryoadenitis"].astype(bool),
        "groups": scored["risk_factor_count"].map(risk.count_group),
    }
    fail = scored["induction_failure"].astype(bool)
    measured = ~scored["eosinophils_missing"].astype(bool)
    rows = []
    for table, series in levels.items():
        for level, (n, f) in getattr(targets, table).items():
            mask = series == level
            if table == "groups" and targets.groups_measured_only:
                mask = mask & measured
            cn, cf = int(mask.sum()), int((mask & fail).sum())
            rows.append(
                {
                    "table": table,
                    "level": str(level),
                    "target_patients": n,
                    "target_failures": f,
                    "cohort_patients": cn,
                    "cohort_failures": cf,
                    "exact": (cn, cf) == (n, f),
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------

NAME = "synthetic_gc_risk_cohort"


@validated
def cohort_descriptor(
    solution: InstanceOf[CohortSolution], *, groups_measured_only: StrictFlag = True
) -> dict:
    """Frictionless resource descriptor of the synthetic cohort (labelled synthetic)."""
    n_patients = int(solution.cells["n"].sum())
    how = (
        "exactly reproduces the counts behind the Table 3 odds ratios of the four risk "
        "factors (eosinophilia, RI quartile, organ-count band, dacryoadenitis) and "
    )
    over = (
        "over the patients with a measured eosinophil count (complete cases)"
        if groups_measured_only
        else "over all patients"
    )
    if solution.exact_feasible:
        how += f"the reconstructed Fig 3c groups {over}."
    else:
        how += (
            f"comes as close to the reconstructed Fig 3c groups {over} as any cohort can "
            "(no cohort reproduces both exactly; least total absolute deviation "
            f"{solution.fig3c_deviation} patients)."
        )
    return {
        "name": NAME,
        "path": f"synthetic/{NAME}.csv",
        "title": "SYNTHETIC glucocorticoid-monotherapy cohort for the risk-factor score",
        "description": (
            f"SYNTHETIC teaching data, not real patients: {n_patients} invented patients "
            "treated with glucocorticoids alone, built by integer programming "
            "(igg4lib.riskcohort) so that it " + how + " Eosinophil values are empty where "
            "the reconstruction shows they were not measured. Values inside each category are "
            "drawn from a seeded generator. "
            "Regenerate with `python -m igg4lib.riskcohort`."
        ),
        "synthetic": True,
        "sources": [{"title": "Wang et al. 2018 (aggregates the cohort is built to match)",
                     "bibkey": "wang2018"}],
        "schema": {
            "fields": [
                {"name": "patient_id", "type": "string",
                 "description": "Identifier of a SYNTHETIC patient",
                 "constraints": {"required": True, "unique": True, "pattern": "^SYN-[0-9]{3}$"}},
                {"name": "eosinophil_pct", "type": "number", "unit": "% of leukocytes",
                 "description": "Blood eosinophils at baseline (synthetic); empty = not measured",
                 "constraints": {"minimum": 0, "maximum": 100}},
                {"name": "leukocytes_1e9_per_l", "type": "number", "unit": "10^9/L",
                 "description": "Leukocyte count at baseline (synthetic); empty = not measured",
                 "constraints": {"minimum": 0}},
                {"name": "ri", "type": "integer", "unit": "points",
                 "description": "Baseline IgG4-RD responder index (synthetic)",
                 "constraints": {"required": True, "minimum": 0}},
                {"name": "n_organs", "type": "integer", "unit": "organs",
                 "description": "Number of organs involved at baseline (synthetic)",
                 "constraints": {"required": True, "minimum": 1}},
                {"name": "dacryoadenitis", "type": "boolean",
                 "description": "Lacrimal gland involvement at baseline (synthetic)",
                 "constraints": {"required": True}},
                {"name": "induction_failure", "type": "boolean",
                 "description": "Failure of remission induction at month 6 (synthetic)",
                 "constraints": {"required": True}},
            ],
            "primaryKey": ["patient_id"],
            "missingValues": [""],
        },
    }


#: Columns of the synthetic cohort file, in the order of its descriptor.
_CSV_COLUMNS = ("patient_id", "eosinophil_pct", "leukocytes_1e9_per_l", "ri", "n_organs",
                "dacryoadenitis", "induction_failure")


def _csv_text(patients: pd.DataFrame) -> str:
    out = patients.copy()
    for col in ("dacryoadenitis", "induction_failure"):
        out[col] = out[col].map({True: "true", False: "false"})
    for col in ("eosinophil_pct", "leukocytes_1e9_per_l"):
        out[col] = out[col].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    return out.to_csv(index=False, lineterminator="\n")


@validated(frames={"patients": _patients_schema(ids=True, synthetic_ids=True)})
def write_cohort(
    patients: Frame,
    solution: InstanceOf[CohortSolution],
    folder: Text | Path,
    *,
    groups_measured_only: StrictFlag = True,
) -> tuple[Path, Path]:
    """Write ``NAME.csv`` and ``NAME.resource.json`` into ``folder``; return both paths.

    The CSV holds the columns of the descriptor's schema, in its order (identifiers
    ``SYN-001`` ...); other columns of ``patients`` are not written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"{NAME}.csv"
    json_path = folder / f"{NAME}.resource.json"
    csv_path.write_text(_csv_text(patients[list(_CSV_COLUMNS)]), encoding="utf-8")
    json_path.write_text(
        json.dumps(
            cohort_descriptor(solution, groups_measured_only=groups_measured_only),
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return csv_path, json_path


@validated(rules=[
    Rule("targets", lambda a: a["targets"] is None
         or a["targets"].n_patients <= MAX_SYNTHETIC_PATIENTS,
         f"targets of at most MAX_SYNTHETIC_PATIENTS = {MAX_SYNTHETIC_PATIENTS} patients"),
])
def build_cohort(
    targets: InstanceOf[CohortTargets] | None = None, *, seed: Seed = SEED
) -> tuple[pd.DataFrame, CohortSolution, CohortTargets]:
    """Targets (default: :func:`published_targets`) -> integer program -> patients.

    Returns ``(patients, solution, targets)``; the patients are SYNTHETIC (at most
    :data:`MAX_SYNTHETIC_PATIENTS`).
    """
    targets = published_targets() if targets is None else targets
    solution = solve_cells(targets)
    patients = patients_from_cells(solution.cells, seed=seed)
    return patients, solution, targets


@validated(frames={"patients": _patients_schema(ids=True)})
def analysis_frame(
    patients: Frame, cutoffs: InstanceOf[risk.RiskCutoffs] = risk.DEFAULT_CUTOFFS
) -> pd.DataFrame:
    """Patient rows with the analysis variables of Table 3 and the score.

    Adds ``eosinophilia`` (missing where eosinophils were not measured, so that a
    regression uses complete cases as the paper's did), ``ri_quartile`` (1-4),
    ``organ_band`` (``"1-2"``, ``"3-4"``, ``">=5"``), the score's flags and
    ``risk_factor_count`` (missing where eosinophils were not measured) and
    ``failure`` (0/1).
    """
    scored = _scored("analysis_frame", patients, cutoffs)
    out = pd.DataFrame(index=scored.index)
    out["patient_id"] = scored["patient_id"]
    missing = scored["eosinophils_missing"].astype(bool)
    out["eosinophilia"] = scored["eosinophilia"].astype("Int64").mask(missing)
    out["ri_quartile"] = scored["ri"].map(_quartile)
    out["ri_top_quartile"] = scored["ri_top_quartile"].astype(int)
    out["organ_band"] = scored["n_organs"].map(_organ_level)
    out["five_or_more_organs"] = scored["five_or_more_organs"].astype(int)
    out["dacryoadenitis"] = scored["dacryoadenitis"].astype(int)
    out["risk_factor_count"] = scored["risk_factor_count"].astype("Int64").mask(missing)
    out["failure"] = scored["induction_failure"].astype(int)
    return out


def _main(argv: list[str]) -> int:
    import sys

    folder = Path(argv[0]) if argv else data.DATA_DIR / "synthetic"
    patients, solution, targets = build_cohort()
    paths = write_cohort(patients, solution, folder,
                         groups_measured_only=targets.groups_measured_only)
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stdout)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_main(sys.argv[1:]))
