"""Every number the forensics chapter (``chapters/forensics.md``) states, and its tables.

The chapter recovers the data behind the cohort paper's Table 3 and Fig 3c: the 2x2
tables behind printed odds ratios (:mod:`igg4lib.reconstruct`), the Fig 3c group sizes, the
integer program that tests whether all of them can describe the same patients and builds a
synthetic cohort (:mod:`igg4lib.riskcohort`), and what that cohort says about univariable
and multivariable analysis. The accounts of Fig 3c and of the eosinophilia denominator are
taken from :mod:`igg4lib.readings`.

>>> f = facts()
>>> f["forensics_all_feasible"], f["forensics_meas_feasible"]
('infeasible', 'feasible')
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
import scipy.stats
from pydantic import AfterValidator, InstanceOf

from igg4lib import data, reconstruct, risk
from igg4lib import riskcohort as rc
from igg4lib._validation import (
    Frame,
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
from igg4lib.book import _reading_lines, display
from igg4lib.book import format as fmt

__all__ = [
    "FOUR",
    "binary_rows_table",
    "bootstrap_table",
    "cohort_checks_table",
    "facts",
    "fig3c_inputs",
    "fig3c_solutions_table",
    "instance_table",
    "levels_table",
    "matching_tests",
    "multivariable_table",
    "refit_table",
    "two_by_two_table",
]

#: The four factors of the score as predictors of one multivariable model.
FOUR: dict[str, None] = {name: None for name in risk.RISK_FACTORS}

_TEST_NAMES = {
    "fisher_2x2": "Fisher's exact test", "yates_2x2": "Yates' corrected chi-square",
    "chi2_2x2": "Pearson's chi-square", "chi2_kx2": "the 4x2 chi-square",
    "ffh_kx2": "the Fisher-Freeman-Halton test", "trend": "the trend test",
    "linear_by_linear": "the linear-by-linear test",
}

_GROUPS = {"GC monotherapy": "GC alone", "GC + IM combination therapy": "GC + IM"}


# ---------------------------------------------------------------------- the input accepted
#
# Each table reads a result of igg4lib (reconstruct, riskcohort, risk); its schema names the
# columns it reads and what they must hold, so that a bad value is refused by name instead
# of printed ("nan", "inf", a negative count, "17 of 12").


def _numbers(df: pd.DataFrame, *columns: str) -> tuple[pd.Series, list[pd.Series]]:
    """The rows in which every one of ``columns`` is present and a number, and the columns
    as floats (NaN where not)."""
    values = [pd.to_numeric(df[c], errors="coerce").astype("float64") if c in df
              else pd.Series(math.nan, index=df.index) for c in columns]
    usable = pd.Series(True, index=df.index)
    for v in values:
        usable &= v.notna()
    return usable, values


#: The normal quantile of a 95% Wald interval.
_Z95 = float(scipy.stats.norm.ppf(0.975))


def _same_odds_ratio(df: pd.DataFrame) -> pd.Series:
    """The odds ratio and its 95% Wald interval are those of the row's cells."""
    usable, (a, b, c, d, odds, low, high) = _numbers(df, "a", "b", "c", "d", "odds_ratio",
                                                     "ci_low", "ci_high")
    with np.errstate(divide="ignore", invalid="ignore"):
        log_or = np.log(a) + np.log(d) - np.log(b) - np.log(c)
        se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
        same = pd.Series(True, index=df.index)
        for shown, computed in ((odds, log_or), (low, log_or - _Z95 * se),
                                (high, log_or + _Z95 * se)):
            value = np.exp(computed)
            same &= np.isfinite(value) & ((value - shown).abs() <= 1e-9 * value.abs())
    return ~usable | same


def _cells_add_up(df: pd.DataFrame) -> pd.Series:
    """Patients and failures both given or both missing; the four cells all given or all
    missing; given cells add up to the patients (a + b + c + d) and failures (a + c)."""
    both = df["patients"].isna() == df["failures"].isna() if {"patients", "failures"} <= set(
        df) else pd.Series(True, index=df.index)
    cells = [df[c].isna() for c in "abcd" if c in df]
    all_or_none = pd.Series(True, index=df.index)
    for missing in cells[1:]:
        all_or_none &= missing == cells[0]
    usable, (a, b, c, d, n, k) = _numbers(df, "a", "b", "c", "d", "patients", "failures")
    sums = ~usable | ((a + b + c + d == n) & (a + c == k))
    return both & all_or_none & sums


def _is_flag(value: object) -> bool:
    return isinstance(value, bool | np.bool_)


def _compatible_is_within(df: pd.DataFrame) -> pd.Series:
    usable, (low, exact, high) = _numbers(df, "fig3c_min", "from_factor_tables", "fig3c_max")
    flags = df["compatible"] if "compatible" in df else pd.Series(True, index=df.index)
    is_flag = flags.map(_is_flag).astype(bool)
    return ~(usable & is_flag) | (flags.astype(object) == ((low <= exact) & (exact <= high)))


#: The levels of each table of :class:`igg4lib.riskcohort.CohortTargets`, as
#: :func:`~igg4lib.riskcohort.check_cohort` writes them (text).
_LEVELS: dict[str, tuple[str, ...]] = {
    table: tuple(map(str, levels)) for table, levels in (
        ("eosinophilia", rc.EOS_LEVELS), ("ri_quartile", rc.RI_LEVELS),
        ("organs", rc.ORGAN_LEVELS), ("dacryoadenitis", rc.DACRYO_LEVELS),
        ("groups", tuple(risk.COUNT_GROUPS)))
}


def _level_of_its_table(df: pd.DataFrame) -> pd.Series:
    """Each level is one of its table's levels (an unknown table is left to its column)."""
    if "table" not in df or "level" not in df:
        return pd.Series(True, index=df.index)
    return pd.Series([t not in _LEVELS or v in _LEVELS[t]
                      for t, v in zip(df["table"], df["level"], strict=True)],
                     index=df.index, dtype=bool)


def _exact_is_equal(df: pd.DataFrame) -> pd.Series:
    usable, (tn, tf, cn, cf) = _numbers(df, "target_patients", "target_failures",
                                        "cohort_patients", "cohort_failures")
    flags = df["exact"] if "exact" in df else pd.Series(True, index=df.index)
    is_flag = flags.map(_is_flag).astype(bool)
    return ~(usable & is_flag) | (flags.astype(object) == ((tn == cn) & (tf == cf)))


def _match_is_same_text(df: pd.DataFrame) -> pd.Series:
    if not {"printed", "recomputed", "match"} <= set(df):
        return pd.Series(True, index=df.index)
    is_flag = df["match"].map(_is_flag).astype(bool)
    same = df["printed"].astype(object) == df["recomputed"].astype(object)
    return ~is_flag | (df["match"].astype(object) == same)


_MATCHES = {f"matches_{k}": flag_column() for k in _TEST_NAMES}

#: The 2x2 tables of :func:`igg4lib.reconstruct.tables_from_odds_ratio` (a search may find
#: none): the four cells and the odds ratio recomputed from them with its interval.
_TWO_BY_TWO = frame_schema(
    {**{c: count_column() for c in "abcd"},
     **{c: real_column(minimum=0) for c in ("odds_ratio", "ci_low", "ci_high")}},
    checks=[rows_ordered(("ci_low", "odds_ratio", "ci_high")),
            pa.Check(_same_odds_ratio,
                     error="the odds ratio of the row's cells, a·d / (b·c), and its 95% Wald "
                           "interval")],
    min_rows=0,
)

#: The rows of :func:`igg4lib.riskcohort.binary_row_reconstructions`.
_BINARY_ROWS = frame_schema(
    {"group": text_column(isin=list(_GROUPS)), "label": text_column(),
     **{c: count_column(nullable=True) for c in ("patients", "failures", "a", "b", "c", "d")},
     **{c: text_column() for c in ("printed", "recomputed", "status")}},
    checks=[rows_at_most("failures", "patients"),
            pa.Check(_cells_add_up,
                     error="patients and failures both given or both missing, the cells a, b, "
                           "c, d all given or all missing, and a + b + c + d = patients, "
                           "a + c = failures")],
)

#: One solution of :func:`igg4lib.reconstruct.risk_count_groups` per row (a search may find
#: none): the Fig 3c groups' sizes and failures and the p-values the table shows.
_SOLUTIONS = frame_schema(
    {**{f"{x}_{g}": count_column() for g in risk.COUNT_GROUPS for x in ("n", "f")},
     **{f"p_{t}": real_column(minimum=0, maximum=1)
        for t in ("fisher_2x2", "yates_2x2", "chi2_2x2")}},
    checks=[rows_ordered(*((f"f_{g}", f"n_{g}") for g in risk.COUNT_GROUPS))],
    min_rows=0,
)

#: The bounds of :func:`igg4lib.riskcohort.factor_instance_bounds`.
_BOUNDS = frame_schema(
    {"outcome": text_column(isin=["non-failure", "failure"], unique=True),
     **{c: count_column() for c in ("from_factor_tables", "fig3c_min", "fig3c_max")},
     "compatible": flag_column()},
    checks=[rows_at_most("fig3c_min", "fig3c_max"),
            pa.Check(_compatible_is_within,
                     error="compatible = (fig3c_min <= from_factor_tables <= fig3c_max)")],
)

#: The checks of :func:`igg4lib.riskcohort.check_cohort`.
_CHECKS = frame_schema(
    {"table": text_column(isin=list(_LEVELS)), "level": text_column(),
     **{c: count_column() for c in ("target_patients", "target_failures", "cohort_patients",
                                    "cohort_failures")},
     "exact": flag_column()},
    checks=[rows_ordered(("target_failures", "target_patients"),
                         ("cohort_failures", "cohort_patients")),
            pa.Check(_level_of_its_table,
                     error="a level of its table (eosinophilia: yes, no, missing; ri_quartile: "
                           "1 to 4; organs: 1-2, 3-4, >=5; dacryoadenitis: True, False; "
                           "groups: 0, 1, 2, 3-4)"),
            pa.Check(_exact_is_equal, error="exact = (the target counts equal the cohort's)")],
)

#: The refit of :func:`igg4lib.riskcohort.table3_refit`.
_REFIT = frame_schema(
    {"predictor": text_column(), "level": text_column(),
     "n_patients": count_column(minimum=1), "n_events": count_column(),
     "printed": text_column(), "recomputed": text_column(), "match": flag_column()},
    checks=[rows_at_most("n_events", "n_patients"),
            pa.Check(_match_is_same_text,
                     error="match = (printed is the same text as recomputed)")],
)

_PREDICTOR = text_column(isin=list(risk.FACTOR_LABELS))

#: The fit of :func:`igg4lib.risk.logistic_odds_ratios` with the four factors.
_FIT = frame_schema(
    {"predictor": _PREDICTOR,
     **{c: real_column(minimum=0) for c in ("odds_ratio", "ci_low", "ci_high")},
     "p_value": real_column(minimum=0, maximum=1)},
    checks=[rows_ordered(("ci_low", "odds_ratio", "ci_high"))],
)

#: The summary of :func:`igg4lib.risk.summarise_bootstrap`.
_SUMMARY = frame_schema(
    {"predictor": _PREDICTOR,
     **{c: real_column(minimum=0) for c in ("median", "p2_5", "p97_5")},
     "problem_share": real_column(minimum=0, maximum=1)},
    checks=[rows_ordered(("p2_5", "median", "p97_5"))],
)


def _matching_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    """A search without a solution (no rows) needs no columns; else the ``matches_*``."""
    if arguments["solutions"].empty:
        return frame_schema({}, min_rows=0)
    return frame_schema(_MATCHES)


def _printed_p(text: str) -> str:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", text)
    if not m or float(m[1]) > 1:
        raise ValueError("a printed p-value from 0 to 1, such as '0.001'")
    return text


#: A p-value as printed in the paper (its number only), such as ``"0.001"``.
PrintedP = Annotated[Text, AfterValidator(_printed_p)]
#: Words naming a finding or a set of patients.
Words = Annotated[Text, at.MinLen(1)]


@validated(frames={"solutions": _matching_schema})
def matching_tests(solutions: Frame) -> str:
    """The tests whose p-value rounds to the printed one, for the first solution, in words.

    ``solutions`` is the result of :func:`igg4lib.reconstruct.risk_count_groups`; without
    rows (no solution) it needs no columns.

    >>> matching_tests(pd.DataFrame())
    'none of the candidate tests (no solution)'
    """
    if solutions.empty:
        return "none of the candidate tests (no solution)"
    hits = [v for k, v in _TEST_NAMES.items() if bool(solutions[f"matches_{k}"].iloc[0])]
    if not hits:
        return "none of the candidate tests"
    return hits[0] if len(hits) == 1 else ", ".join(hits[:-1]) + " and " + hits[-1]


def _superscript_power(value: float) -> str:
    mantissa, exponent = f"{value:.2e}".split("e")
    sup = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{sup}"


def _or_ci(odds_ratio: float, low: float, high: float) -> str:
    return f"{odds_ratio:.2f} ({low:.2f} to {high:.2f})"


@validated
def fig3c_inputs() -> tuple[tuple[str, ...], str]:
    """The four printed Fig 3c percentages and the printed p-value (its number only)."""
    fig3c = data.load("induction_risk_groups")
    pcts = tuple(fig3c.loc[fig3c["quantity"] == "failure percent", "printed"])
    p_text = str(fig3c.loc[fig3c["quantity"] == "p-value", "printed"].iloc[0]).split("=")[-1]
    return pcts, p_text.strip()


# ---------------------------------------------------------------------- tables for people


@validated(frames={"tables": _TWO_BY_TWO})
def two_by_two_table(tables: Frame, *, exposure: Words):
    """The 2x2 table(s) found by :func:`igg4lib.reconstruct.tables_from_odds_ratio`.

    Each row's ``odds_ratio``, ``ci_low`` and ``ci_high`` must be those its cells give (the
    table says "recomputed"); a search that found no table gives a table without rows.

    >>> t = reconstruct.tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16,
    ...                                        n_exposed=35)
    >>> two_by_two_table(t, exposure="dacryoadenitis").data.columns[0]
    'Failed, with dacryoadenitis'
    """
    shown = tables.assign(or_ci=[_or_ci(r.odds_ratio, r.ci_low, r.ci_high)
                                 for r in tables.itertuples()])
    return display.table(
        shown,
        {"a": f"Failed, with {exposure}", "b": f"Not failed, with {exposure}",
         "c": f"Failed, without {exposure}", "d": f"Not failed, without {exposure}",
         "or_ci": "Odds ratio (95% CI), recomputed"},
        caption=f"Every 2x2 table of patients that reproduces the printed odds ratio for "
        f"{exposure} and both limits",
    )


@validated(frames={"rows": _BINARY_ROWS})
def binary_rows_table(rows: Frame):
    """The reconstruction of every binary row of Table 3 (both treatment groups).

    ``rows`` is the result of :func:`igg4lib.riskcohort.binary_row_reconstructions`: where a
    table was recovered its cells add up to the patients and failures analysed.
    """
    shown = rows.assign(
        group=rows["group"].map(_GROUPS),
        analysed=[f"{int(r.failures)} of {int(r.patients)}" if pd.notna(r.patients) else "–"
                  for r in rows.itertuples()],
        cells=[f"{int(r.a)} / {int(r.b)} / {int(r.c)} / {int(r.d)}" if pd.notna(r.a) else "–"
               for r in rows.itertuples()],
        recomputed=rows["recomputed"].replace("", "–"),
    )
    return display.table(
        shown,
        {"group": "Treatment", "label": "Row of Table 3", "analysed": "Failed of analysed",
         "cells": "Table a / b / c / d", "printed": "Printed OR (95% CI)",
         "recomputed": "Recomputed OR (95% CI)", "status": "Status"},
        caption="Table 3 row by row: the 2x2 table behind each printed odds ratio "
        "(a, b: failed and not failed with the finding; c, d: without it)",
    )


@validated
def levels_table(targets: InstanceOf[rc.CohortTargets]):
    """Patients and failures per RI quartile and organ band (GC alone), as reconstructed."""
    rows = [{"level": f"RI, quartile {q}", "patients": n, "failures": f}
            for q, (n, f) in targets.ri_quartile.items()]
    rows += [{"level": f"Organs involved: {band.replace('>=', '≥ ')}", "patients": n,
              "failures": f} for band, (n, f) in targets.organs.items()]
    return display.table(
        pd.DataFrame(rows),
        {"level": "Category", "patients": "Patients", "failures": "Failed induction"},
        caption="The categorical factors of Table 3 recovered as patients and failures per "
        "level (glucocorticoid alone)",
    )


def _p_fine(value: object) -> str:
    """A p-value with enough digits to see how it rounds (0.00055, not "< 0.001")."""
    return f"{float(value):.5f}"


@validated
def fig3c_solutions_table(solutions: Annotated[Mapping[Words, Frame], at.MinLen(1)], *,
                          p_printed: PrintedP):
    """Each solution of the Fig 3c search, labelled by the patients it was searched over.

    ``solutions`` maps words naming the patients searched over to the result of
    :func:`igg4lib.reconstruct.risk_count_groups` (a search may find no solution). p-values
    are shown to five decimals, so that a reader can see which of them round to the printed
    ``p_printed``.
    """
    for who, sol in solutions.items():
        check_frame("fig3c_solutions_table", f"solutions[{who!r}]", sol, _SOLUTIONS)
    rows = []
    for who, sol in solutions.items():
        for r in sol.to_dict("records"):
            rows.append({"who": who, **{g: f"{int(r[f'f_{g}'])} of {int(r[f'n_{g}'])}"
                                        for g in risk.COUNT_GROUPS},
                         "fisher": r["p_fisher_2x2"], "yates": r["p_yates_2x2"],
                         "chi2": r["p_chi2_2x2"]})
    columns = ["who", *risk.COUNT_GROUPS, "fisher", "yates", "chi2"]
    return display.table(
        pd.DataFrame(rows, columns=columns),
        {"who": "Searched over", "0": "Failed, no factor", "1": "Failed, 1 factor",
         "2": "Failed, 2 factors", "3-4": "Failed, 3 or 4 factors",
         "fisher": "p, Fisher (0-1 vs 2-4)", "yates": "p, Yates", "chi2": "p, Pearson"},
        formats={"fisher": _p_fine, "yates": _p_fine, "chi2": _p_fine},
        caption="The splits of the patients into Fig 3c's groups that round to the printed "
        f"percentages, with the p-values of three tests (the paper prints p = {p_printed})",
    )


@validated(frames={"bounds": _BOUNDS})
def instance_table(bounds: Frame):
    """Factor instances implied by the factor tables against what Fig 3c allows."""
    shown = bounds.assign(
        outcome=bounds["outcome"].map({"non-failure": "Did not fail", "failure": "Failed"}),
        fig3c=[f"{lo} to {hi}" for lo, hi in zip(bounds["fig3c_min"], bounds["fig3c_max"],
                                                 strict=True)],
        compatible=bounds["compatible"].map({True: "yes", False: "no"}))
    return display.table(
        shown,
        {"outcome": "Patients who", "from_factor_tables": "Factor instances, factor tables",
         "fig3c": "Factor instances Fig 3c allows", "compatible": "Compatible"},
        caption="Risk-factor instances (one per factor per patient) if Fig 3c described all "
        "patients on glucocorticoids alone",
    )


@validated(frames={"checks": _CHECKS})
def cohort_checks_table(checks: Frame):
    """Target counts against the synthetic cohort's counts (SYNTHETIC)."""
    shown = checks.assign(
        table=checks["table"].str.replace("_", " "),
        level=checks["level"].astype(str).str.replace(">=", "≥ "),
        target=[f"{int(f)} of {int(n)}" for f, n in zip(checks["target_failures"],
                                               checks["target_patients"], strict=True)],
        cohort=[f"{int(f)} of {int(n)}" for f, n in zip(checks["cohort_failures"],
                                               checks["cohort_patients"], strict=True)],
        exact=checks["exact"].map({True: "yes", False: "no"}))
    return display.table(
        shown,
        {"table": "Table", "level": "Level", "target": "Target (failed of patients)",
         "cohort": "Synthetic cohort", "exact": "Exact"},
        caption="Every reconstructed count against the synthetic patients scored by "
        "igg4lib.risk",
        label="SYNTHETIC",
    )


@validated(frames={"refit": _REFIT})
def refit_table(refit: Frame):
    """Table 3 refitted on the synthetic patients, beside the printed values (SYNTHETIC)."""
    shown = refit.assign(
        predictor=refit["predictor"].str.replace("_", " ").str.replace("ri ", "RI "),
        level=refit["level"].astype(str).str.replace(">=", "≥ "),
        analysed=[f"{int(e)} of {int(n)}" for e, n in zip(refit["n_events"], refit["n_patients"],
                                                strict=True)],
        match=refit["match"].map({True: "yes", False: "no"}))
    return display.table(
        shown,
        {"predictor": "Factor", "level": "Level", "analysed": "Failed of analysed",
         "printed": "Printed OR (95% CI)", "recomputed": "Refitted OR (95% CI)",
         "match": "Same text"},
        caption="Univariate logistic regressions of Table 3 refitted on the synthetic patients",
        label="SYNTHETIC",
    )


@validated(frames={"fit": _FIT})
def multivariable_table(fit: Frame):
    """One logistic model with the four factors together (SYNTHETIC)."""
    shown = fit.assign(predictor=fit["predictor"].map(risk.FACTOR_LABELS),
                       or_ci=[_or_ci(r.odds_ratio, r.ci_low, r.ci_high)
                              for r in fit.itertuples()])
    return display.table(
        shown,
        {"predictor": "Factor", "or_ci": "Adjusted OR (95% CI)", "p_value": "p"},
        formats={"p_value": "p"},
        caption="The four factors in one multivariable logistic model on the synthetic "
        "patients",
        label="SYNTHETIC",
    )


@validated(frames={"summary": _SUMMARY})
def bootstrap_table(summary: Frame):
    """Spread of the multivariable odds ratios over bootstrap resamples (SIMULATED)."""
    def big(v: object) -> str:
        v = float(v)
        return _superscript_power(v) if v >= 1000 or v < 0.01 else f"{v:.2f}"

    shown = summary.assign(predictor=summary["predictor"].map(risk.FACTOR_LABELS))
    return display.table(
        shown,
        {"predictor": "Factor", "median": "Median OR", "p2_5": "2.5th percentile",
         "p97_5": "97.5th percentile", "problem_share": "Resamples with a problem fit"},
        formats={"median": big, "p2_5": big, "p97_5": big, "problem_share": "percent"},
        caption="Bootstrap of the synthetic patients: how far the adjusted odds ratios move",
        label="SIMULATED",
    )


# ---------------------------------------------------------------------------------- facts


@cache
def _facts() -> dict[str, object]:
    t1 = data.load("induction_baseline").set_index("label")
    t2 = data.load("induction_by_treatment").set_index("label")
    t3 = data.load("induction_risk_factors")
    outcome = t2.loc["Failure of remission induction"]
    n_gc, n_gc_fail = int(outcome["gc_group_size"]), int(outcome["gc_count"])
    f: dict[str, object] = {"forensics_n_gc": n_gc, "forensics_n_gc_fail": n_gc_fail}

    # one row at a time
    rows = rc.binary_row_reconstructions()
    f["forensics_rows_estimates"] = int((rows["printed"] != "NA").sum())
    f["forensics_rows_unique_full"] = int(
        (rows["status"] == "unique with the full margins").sum())
    f["forensics_rows_unique_missing"] = int(rows["status"].str.startswith("unique once").sum())
    f["forensics_rows_not_identified"] = int(
        rows["status"].str.contains("not identified|no table").sum())
    f["forensics_rows_reproduced"] = int((rows["recomputed"] == rows["printed"]).sum())
    eos_rec = rows.loc[(rows["group"] == "GC monotherapy")
                       & (rows["label"] == "Eosinophilia")].iloc[0]
    f["forensics_eos_analysed"] = int(eos_rec["patients"])
    f["forensics_eos_missing"] = n_gc - int(eos_rec["patients"])
    f["forensics_eos_missing_fail"] = n_gc_fail - int(eos_rec["failures"])
    f.update(_reading_lines("forensics_account_eosinophilia", "eosinophilia-denominator"))

    # categorical factors
    targets = rc.published_targets()
    n_q4, f_q4 = targets.ri_quartile[4]
    f["forensics_n_q4"], f["forensics_f_q4"] = n_q4, f_q4
    f["forensics_q4_share_pct"] = 100 * n_q4 / n_gc

    # Fig 3c
    pcts, p_text = fig3c_inputs()
    n_meas = targets.eosinophilia["yes"][0] + targets.eosinophilia["no"][0]
    f_meas = targets.eosinophilia["yes"][1] + targets.eosinophilia["no"][1]
    strict = (pcts[0].replace("%", ".0%"), *pcts[1:])

    def search(p: tuple, n: int, k: int) -> pd.DataFrame:
        return reconstruct.risk_count_groups(p, n_total=n, n_events=k, p_printed=p_text)

    sol_all, sol_meas = search(pcts, n_gc, n_gc_fail), search(pcts, n_meas, f_meas)
    f["forensics_sol_all"], f["forensics_sol_meas"] = len(sol_all), len(sol_meas)
    f["forensics_sol_all_strict"] = len(search(strict, n_gc, n_gc_fail))
    f["forensics_sol_meas_strict"] = len(search(strict, n_meas, f_meas))
    f["forensics_g0_all_n"] = int(sol_all["n_0"].iloc[0])
    f["forensics_g0_all_f"] = int(sol_all["f_0"].iloc[0])
    f["forensics_g0_all_pct"] = fmt.percent(f["forensics_g0_all_f"], f["forensics_g0_all_n"])
    f["forensics_g0_meas_n"] = int(sol_meas["n_0"].iloc[0])
    f["forensics_g0_meas_f"] = int(sol_meas["f_0"].iloc[0])
    f["forensics_g0_printed"] = pcts[0]
    f["forensics_g0_strict"] = strict[0]
    f["forensics_p_tests_all"] = matching_tests(sol_all)
    f["forensics_p_tests_meas"] = matching_tests(sol_meas)
    f["forensics_n_meas"], f["forensics_f_meas"] = n_meas, f_meas
    f.update(_reading_lines("forensics_account_fig3c", "fig3c-groups"))

    all_targets = rc.published_targets(groups_measured_only=False)
    bounds = rc.factor_instance_bounds(all_targets).set_index("outcome")
    f["forensics_inst_nf"] = int(bounds.at["non-failure", "from_factor_tables"])
    f["forensics_inst_nf_max"] = int(bounds.at["non-failure", "fig3c_max"])
    f["forensics_inst_f"] = int(bounds.at["failure", "from_factor_tables"])
    f["forensics_inst_f_max"] = int(bounds.at["failure", "fig3c_max"])
    sol_all_cells, sol_meas_cells = rc.solve_cells(all_targets), rc.solve_cells(targets)
    f["forensics_all_feasible"] = "feasible" if sol_all_cells.exact_feasible else "infeasible"
    f["forensics_all_dev"] = int(sol_all_cells.fig3c_deviation)
    f["forensics_meas_feasible"] = (
        "feasible" if sol_meas_cells.exact_feasible else "infeasible")

    # the synthetic cohort
    ri = t1.loc["IgG4-RD RI"]
    f["forensics_ri_median"], f["forensics_ri_q1"], f["forensics_ri_q3"] = (
        int(ri["median"]), int(ri["q1"]), int(ri["q3"]))
    cohort = data.load("synthetic_gc_risk_cohort")
    checks = rc.check_cohort(cohort, targets)
    f["forensics_checks_exact"] = int(checks["exact"].sum())
    f["forensics_checks_total"] = len(checks)
    analysis = rc.analysis_frame(cohort)
    refit = rc.table3_refit(analysis, t3)
    f["forensics_fits_match"], f["forensics_fits_total"] = int(refit["match"].sum()), len(refit)
    f["forensics_synth_three"] = int((analysis["risk_factor_count"] == 3).sum())
    f["forensics_synth_four"] = int((analysis["risk_factor_count"] == 4).sum())

    # univariable and multivariable
    multi = risk.logistic_odds_ratios(analysis, "failure", FOUR)
    f["forensics_epv"] = risk.events_per_variable(int(multi["n_events"].iloc[0]), len(FOUR))
    boot = risk.bootstrap_logistic(analysis, "failure", FOUR, n_boot=200, seed=2018)
    summary = risk.summarise_bootstrap(boot).set_index("predictor")
    f["forensics_boot_n"] = int(boot["replicate"].nunique())
    f["forensics_boot_problem_pct"] = float(
        100 * boot.groupby("replicate")["problem"].any().mean())
    f["forensics_boot_organs_low"] = float(summary.at["five_or_more_organs", "p2_5"])
    f["forensics_boot_organs_high"] = _superscript_power(
        float(summary.at["five_or_more_organs", "p97_5"]))
    groups = rc.fig3c_groups()
    cc = analysis.dropna(subset=["risk_factor_count"])
    f["forensics_auc"] = risk.grouped_auc(groups).auc
    f["forensics_auc_synth"] = risk.auc_delong(cc["risk_factor_count"].astype(int),
                                               cc["failure"]).auc
    return f


@validated
def facts() -> dict[str, object]:
    """The forensics chapter's facts, keyed ``forensics_...``."""
    return dict(_facts())
