"""Recover the counts behind published summaries: which tables could have produced them?

A paper prints an odds ratio with its confidence interval, or a handful of percentages and
a p-value, but not the counts.  When the margins are known (group size, number of events)
only a few tables are compatible with the printed numbers, and they can be listed by brute
force.  The searches provided:

- :func:`tables_from_odds_ratio`: every 2x2 table whose Wald odds ratio and 95% interval
  round to the printed values (for one row of a table of univariate odds ratios),
  :func:`search_margins`, which repeats it over smaller totals when the full margins give
  nothing (patients with a missing value drop out of a univariate regression), and
  :func:`table3_binary_rows`, which runs both on every binary row of Wang 2018 Table 3
  with the margins of its Table 2;
- :func:`risk_count_groups`: every split of a cohort into groups whose failure percentages,
  total and grouped p-value agree with what was printed (Wang 2018, Fig 3c), with the
  p-value of each candidate test so that one can see which test the paper used.

Exact arithmetic (binomial coefficients, :mod:`math`) is used for the Fisher-Freeman-Halton
test because scipy offers an exact test only for 2x2 tables; everything else comes from
:mod:`scipy.stats` or :mod:`igg4lib.stats`.

Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Table 3 and Fig 3c are the worked
examples).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Annotated, Any

import annotated_types as at
import numpy as np
import pandas as pd
from scipy import stats as _sps

from igg4lib import data
from igg4lib._validation import (
    MAX_EXACT_TOTAL,
    MAX_SEARCH_TOTAL,
    Count,
    Decimals,
    ExactPatients,
    FiniteFloat,
    InvalidArgument,
    NonNegativeFloat,
    Patients,
    PositiveCount,
    PositivePatients,
    Rule,
    Text,
    validated,
)

__all__ = [
    "MAX_FFH_TABLES",
    "MAX_GROUPS",
    "MAX_GROUP_CANDIDATES",
    "MAX_GROUP_SOLUTIONS",
    "MAX_SEARCH_FITS",
    "MAX_SEARCH_TABLES",
    "MAX_SPLITS",
    "TABLE3_BINARY_LABELS",
    "TABLE3_EXPOSED_IN_TABLE2",
    "TABLE3_EXPOSED_UNKNOWN",
    "TABLE_COLUMNS",
    "cochran_armitage_p",
    "fisher_freeman_halton_p",
    "percent_matches",
    "risk_count_groups",
    "search_margins",
    "table3_binary_rows",
    "tables_from_category_odds_ratios",
    "tables_from_odds_ratio",
]

#: Columns of the frame returned by :func:`tables_from_odds_ratio`.
TABLE_COLUMNS = [
    "a",
    "b",
    "c",
    "d",
    "n_total",
    "n_events",
    "n_exposed",
    "odds_ratio",
    "ci_low",
    "ci_high",
    "p_wald",
]
_Z95 = float(_sps.norm.ppf(0.975))



#: Largest number of candidate 2x2 tables one search evaluates
#: (:func:`tables_from_odds_ratio`, :func:`search_margins`; about twenty million tables a
#: second once they are in one block, so well under a second).
MAX_SEARCH_TABLES = 10_000_000
#: Largest number of margins (pairs of a total and an event count) :func:`search_margins`
#: fits.  Each is one vectorised fit with a fixed cost of about 30 microseconds however few
#: tables it holds, so the number of margins, not of tables, drives the time of a wide
#: search: this many take about 1.5 seconds when no table fits and, measured with
#: :data:`MAX_SEARCH_TABLES` tables of which millions fit, about 4 seconds at most.
MAX_SEARCH_FITS = 50_000
#: Largest number of tables the Fisher-Freeman-Halton test enumerates (exact integer
#: arithmetic: a few seconds at most).
MAX_FFH_TABLES = 500_000
#: Largest number of splits of the events over categories that
#: :func:`tables_from_category_odds_ratios` tries (a few seconds at most).
MAX_SPLITS = 200_000
#: Most groups :func:`risk_count_groups` splits a cohort into.
MAX_GROUPS = 8
#: Largest number of partial group splits :func:`risk_count_groups` may have to try (the
#: candidates of every group but the last, multiplied); more means the printed percentages
#: are too coarse for the cohort's size to identify anything.
MAX_GROUP_CANDIDATES = 2_000_000
#: Largest number of group splits :func:`risk_count_groups` lists (each gets seven tests);
#: more means the printed numbers identify nothing.
MAX_GROUP_SOLUTIONS = 1_000

#: Patients in a searched 2x2 table: at least 2 (one exposed, one not), at most
#: :data:`~igg4lib._validation.MAX_EXACT_TOTAL`.
TableTotal = Annotated[ExactPatients, at.Ge(2)]
#: Events in a searched table or a group search: a count up to ``MAX_EXACT_TOTAL``.
PositiveExact = Annotated[ExactPatients, at.Ge(1)]
#: A printed (odds ratio, CI low, CI high) triple.
PrintedEstimate = tuple[NonNegativeFloat, NonNegativeFloat, NonNegativeFloat]


def _interval_rules() -> list[Rule]:
    return [
        Rule("ci_low", lambda a: a["ci_low"] <= a["odds_ratio"],
             "ci_low <= odds_ratio ({odds_ratio}) <= ci_high"),
        Rule("ci_high", lambda a: a["odds_ratio"] <= a["ci_high"],
             "ci_low <= odds_ratio ({odds_ratio}) <= ci_high"),
    ]


def _tables_in_search(
    top: int, bottom: int, max_events: int, n_exposed: int | None
) -> int:
    """Number of candidate tables :func:`search_margins` evaluates (its loops, counted)."""
    count = 0
    for total in range(bottom, top + 1):
        exposed = total - 1 if n_exposed is None else int(n_exposed < total)
        m = min(max_events, total - 1)
        count += exposed * (m * (m + 1) // 2 + m)
    return count


def _fits_in_search(top: int, bottom: int, max_events: int, n_exposed: int | None) -> int:
    """Number of margins (total, events) :func:`search_margins` fits (its loops, counted)."""
    return sum(min(max_events, total - 1) for total in range(bottom, top + 1)
               if n_exposed is None or n_exposed < total)


def _margin_search_fits(a: Mapping[str, Any]) -> int:
    bottom = a["max_total"] if a["min_total"] is None else a["min_total"]
    return _fits_in_search(a["max_total"], bottom, a["max_events"], a["n_exposed"])


def _one_search_tables(a: Mapping[str, Any]) -> int:
    exposed = a["n_total"] - 1 if a["n_exposed"] is None else 1
    return exposed * (a["n_events"] + 1)


def _margin_search_tables(a: Mapping[str, Any]) -> int:
    bottom = a["max_total"] if a["min_total"] is None else a["min_total"]
    return _tables_in_search(a["max_total"], bottom, a["max_events"], a["n_exposed"])


def _rounds_to(values: np.ndarray, printed: float, decimals: int) -> np.ndarray:
    """True where ``values`` rounds to ``printed`` at ``decimals`` (ties accepted)."""
    half = 0.5 * 10.0 ** (-decimals)
    return np.abs(values - printed) <= half * (1 + 1e-9)


#: Candidate tables evaluated at once by :func:`_fit` (bounds its memory).
_BLOCK = 1_000_000


def _fit(
    orr: float,
    lo: float,
    hi: float,
    total: int,
    events: int,
    exposed_values: np.ndarray,
    dec: int,
) -> pd.DataFrame | None:
    """Vectorised core of :func:`tables_from_odds_ratio` (None when nothing fits)."""
    found = _fit_arrays(orr, lo, hi, total, events, exposed_values, dec)
    return None if found is None else _tables_frame([found])


def _fit_arrays(
    orr: float,
    lo: float,
    hi: float,
    total: int,
    events: int,
    exposed_values: np.ndarray,
    dec: int,
) -> dict[str, np.ndarray] | None:
    """The tables of one margin that fit, as arrays (None when nothing fits).

    Large searches are cut into blocks of exposed-group sizes so memory stays small; the
    rows found are the same.  Arrays, not a DataFrame, so that a search over many margins
    (:func:`search_margins`) builds one frame at the end instead of one per margin.
    """
    rows = max(1, _BLOCK // (events + 1))
    if len(exposed_values) > rows:
        parts = [_fit_arrays(orr, lo, hi, total, events, exposed_values[i:i + rows], dec)
                 for i in range(0, len(exposed_values), rows)]
        found = [part for part in parts if part is not None]
        if not found:
            return None
        return {k: np.concatenate([part[k] for part in found]) for k in found[0]}
    # every (n_exposed, a) pair at once: rows are n_exposed, columns are a
    m = exposed_values[:, None].astype(float)
    a = np.arange(0, events + 1, dtype=float)[None, :]
    b, c = m - a, events - a
    d = total - m - c
    keep = (a > 0) & (b > 0) & (c > 0) & (d > 0)
    m, a, b, c, d = (np.broadcast_to(x, keep.shape)[keep] for x in (m, a, b, c, d))
    log_or = np.log(a * d / (b * c))
    se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    est, low, high = np.exp(log_or), np.exp(log_or - _Z95 * se), np.exp(log_or + _Z95 * se)
    ok = _rounds_to(est, orr, dec) & _rounds_to(low, lo, dec) & _rounds_to(high, hi, dec)
    if not ok.any():
        return None
    return {"a": a[ok], "b": b[ok], "c": c[ok], "d": d[ok],
            "n_total": np.full(int(ok.sum()), total), "n_events": np.full(int(ok.sum()), events),
            "n_exposed": m[ok], "odds_ratio": est[ok], "ci_low": low[ok], "ci_high": high[ok],
            "z": log_or[ok] / se[ok]}


def _tables_frame(parts: Sequence[dict[str, np.ndarray]]) -> pd.DataFrame:
    """The rows of :func:`_fit_arrays` as one frame of :data:`TABLE_COLUMNS`, margins in
    the order given.  Within a margin the rows are already sorted by ``n_exposed`` and
    ``a``: :func:`_fit_arrays` reads its grid row by row (``n_exposed``), each row by ``a``,
    and its blocks in increasing ``n_exposed``."""
    got = {k: np.concatenate([part[k] for part in parts]) if len(parts) > 1 else parts[0][k]
           for k in parts[0]}
    return pd.DataFrame(
        {
            **{k: got[k].astype(int) for k in ("a", "b", "c", "d", "n_total", "n_events",
                                               "n_exposed")},
            "odds_ratio": got["odds_ratio"],
            "ci_low": got["ci_low"],
            "ci_high": got["ci_high"],
            "p_wald": 2 * _sps.norm.sf(np.abs(got["z"])),
        },
        columns=TABLE_COLUMNS,
    )


@validated(rules=[
    *_interval_rules(),
    Rule("n_events", lambda a: a["n_events"] <= a["n_total"], "at most n_total ({n_total})"),
    Rule("n_exposed", lambda a: a["n_exposed"] is None or a["n_exposed"] < a["n_total"],
         "less than n_total ({n_total}): someone must be unexposed"),
    Rule("n_total", lambda a: _one_search_tables(a) <= MAX_SEARCH_TABLES,
         f"a search of at most MAX_SEARCH_TABLES = {MAX_SEARCH_TABLES:,} candidate tables, "
         "(n_total - 1) x (n_events + 1) when n_exposed is not given"),
])
def tables_from_odds_ratio(
    odds_ratio: NonNegativeFloat,
    ci_low: NonNegativeFloat,
    ci_high: NonNegativeFloat,
    *,
    n_total: TableTotal,
    n_events: ExactPatients,
    n_exposed: PositiveCount | None = None,
    decimals: Decimals = 2,
) -> pd.DataFrame:
    """Every 2x2 table with the given margins whose Wald OR and 95% CI round to the printed values.

    Cells follow :func:`igg4lib.stats.odds_ratio_ci`: ``a`` exposed with the event, ``b``
    exposed without, ``c`` unexposed with, ``d`` unexposed without.  The odds ratio is
    ``a d / (b c)`` and the interval ``exp(log OR ± 1.96 SE)`` with
    ``SE = sqrt(1/a + 1/b + 1/c + 1/d)``, which is exactly what univariate logistic
    regression on a binary factor reports.  Tables with a zero cell are skipped (their Wald
    interval is infinite, and papers print them as not applicable).

    Parameters
    ----------
    odds_ratio, ci_low, ci_high
        The printed odds ratio and 95% limits.
    n_total
        Patients in the analysis (exposed + unexposed).
    n_events
        Patients with the event among them.
    n_exposed
        Patients with the factor, if known; otherwise every value from 1 to ``n_total - 1``
        is tried.
    decimals
        Decimals the paper rounds to.  A printed ``34.6`` or ``1`` at ``decimals=2`` is
        read as 34.60 or 1.00 (trailing zeros dropped).

    The search evaluates ``(n_total - 1) x (n_events + 1)`` tables when ``n_exposed`` is
    not given (``n_events + 1`` otherwise); at most :data:`MAX_SEARCH_TABLES`, with
    ``n_total`` up to ``MAX_EXACT_TOTAL``.

    Returns
    -------
    pandas.DataFrame
        One row per compatible table, columns :data:`TABLE_COLUMNS` (unrounded OR, limits
        and the two-sided Wald p-value), sorted by ``n_exposed`` and ``a``.  Empty when no
        table fits.

    Examples
    --------
    Dacryoadenitis under glucocorticoid monotherapy, Wang 2018 Table 3 (OR 3.39, 1.05 to
    10.99), with Table 2's margins (77 patients, 16 failures, 35 with dacryoadenitis):

    >>> t = tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16, n_exposed=35)
    >>> t[["a", "b", "c", "d"]].to_dict("records")
    [{'a': 11, 'b': 24, 'c': 5, 'd': 37}]
    >>> round(float(t.p_wald.iloc[0]), 3)
    0.042

    Reference: Woolf B. Ann Hum Genet 1955;19:251-3 (log odds ratio interval).
    """
    exposed_values = np.arange(1, n_total) if n_exposed is None else np.array([n_exposed])
    found = _fit(float(odds_ratio), float(ci_low), float(ci_high), n_total, n_events,
                 exposed_values, decimals)
    return pd.DataFrame(columns=TABLE_COLUMNS) if found is None else found


@validated(rules=[
    *_interval_rules(),
    Rule("min_total", lambda a: a["min_total"] is None or a["min_total"] <= a["max_total"],
         "at most max_total ({max_total})"),
    Rule("n_exposed", lambda a: a["n_exposed"] is None or a["n_exposed"] < a["max_total"],
         "less than max_total ({max_total}): someone must be unexposed"),
    Rule("max_total", lambda a: _margin_search_tables(a) <= MAX_SEARCH_TABLES,
         f"a search of at most MAX_SEARCH_TABLES = {MAX_SEARCH_TABLES:,} candidate tables "
         "over the totals min_total to max_total and events up to max_events: narrow the "
         "range or give n_exposed"),
    Rule("max_total", lambda a: _margin_search_fits(a) <= MAX_SEARCH_FITS,
         f"a search of at most MAX_SEARCH_FITS = {MAX_SEARCH_FITS:,} margins (a total from "
         "min_total to max_total with 1 to max_events events, fewer than the total, each "
         "fitted once): narrow the range of totals or lower max_events"),
])
def search_margins(
    odds_ratio: NonNegativeFloat,
    ci_low: NonNegativeFloat,
    ci_high: NonNegativeFloat,
    *,
    max_total: TableTotal,
    max_events: PositiveExact,
    min_total: TableTotal | None = None,
    n_exposed: PositiveCount | None = None,
    decimals: Decimals = 2,
) -> pd.DataFrame:
    """Tables compatible with a printed OR and CI when the analysed margins are uncertain.

    Repeats :func:`tables_from_odds_ratio` for every total from ``max_total`` down to
    ``min_total`` and every event count from 1 to ``max_events`` (but never more events
    than the total allows), for example to find how many patients a univariate regression
    must have dropped for missing data.  Pass ``n_exposed`` to fix the number with the
    factor (otherwise it is free).
    The candidate tables over all those margins, and the margins themselves (one fit each,
    which is what a wide search spends its time on), are counted first and the call is
    refused when there are more than :data:`MAX_SEARCH_TABLES` tables or
    :data:`MAX_SEARCH_FITS` margins.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`tables_from_odds_ratio` for every margin that has any, with
        a ``missing`` column ``= max_total - n_total`` and ``events_missing =
        max_events - n_events``, sorted so the smallest departure from the full margins
        comes first.

    Examples
    --------
    Eosinophilia under glucocorticoid monotherapy (Wang 2018 Table 3: 7.27, 2.05 to
    25.74) fits no table of 77 patients with 16 failures; the nearest margins drop 11:

    >>> s = search_margins(7.27, 2.05, 25.74, max_total=77, max_events=16, min_total=60)
    >>> s[["a", "b", "c", "d", "missing", "events_missing"]].to_dict("records")
    [{'a': 10, 'b': 11, 'c': 5, 'd': 40, 'missing': 11, 'events_missing': 1}]
    """
    top, ev = max_total, max_events
    bottom = top if min_total is None else min_total
    orr, lo, hi = float(odds_ratio), float(ci_low), float(ci_high)
    frames = []
    for total in range(top, bottom - 1, -1):
        if n_exposed is not None and n_exposed >= total:
            continue
        exposed_values = np.arange(1, total) if n_exposed is None else np.array([n_exposed])
        for events in range(min(ev, total - 1), 0, -1):
            found = _fit_arrays(orr, lo, hi, total, events, exposed_values, decimals)
            if found is not None:
                frames.append(found)
    if not frames:
        return pd.DataFrame(columns=[*TABLE_COLUMNS, "missing", "events_missing"])
    out = _tables_frame(frames)
    out["missing"] = top - out["n_total"]
    out["events_missing"] = ev - out["n_events"]
    # already in the order promised: totals from max_total down (missing ascending), event
    # counts from max_events down, and each margin's rows by n_exposed and a
    return out


# --------------------------------------------------------------------------------------
# Wang 2018 Table 3: the binary rows, with the margins of Table 2
# --------------------------------------------------------------------------------------

#: Binary Table 3 rows whose exposed-group size Table 2 prints (Table 3 label -> Table 2
#: label).
TABLE3_EXPOSED_IN_TABLE2 = {
    "Allergy history": "Allergy history",
    "Mikulicz’s disease": "Mikulicz’s disease",
    "Dacryoadenitis": "Dacryoadenitis",
    "Sialoadenitis": "Sialoadenitis",
    "Autoimmune pancreatitis": "Autoimmune pancreatitis",
    "Sclerosing cholangitis": "Sclerosing cholangitis",
    "Retroperitoneal fibrosis": "Retroperitoneal fibrosis",
    "Lung disease": "Lung disease",
}
#: Binary Table 3 rows whose exposed-group size is printed nowhere (every value is tried).
TABLE3_EXPOSED_UNKNOWN = (
    "Disease duration (≥12 months)",
    "Eosinophilia",
    "Elevation of ESR",
    "Elevation of CRP",
    "GC tapered before week 4",
)
#: Every binary row of Table 3: male sex (men from the Table 2 sex ratio), then the rows
#: of :data:`TABLE3_EXPOSED_IN_TABLE2`, then those of :data:`TABLE3_EXPOSED_UNKNOWN`.
TABLE3_BINARY_LABELS = ("Male sex", *TABLE3_EXPOSED_IN_TABLE2, *TABLE3_EXPOSED_UNKNOWN)

#: Treatment groups of the cohort paper and the column prefix Table 2 uses for each.
_TABLE2_PREFIX = {"GC monotherapy": "gc", "GC + IM combination therapy": "gcim"}


def _split_from_ratio(ratio: float, n: int) -> int:
    """Number in the first group when ``n`` patients split in a printed ratio ``r:1``."""
    fits = [m for m in range(1, n) if round(m / (n - m), 2) == round(ratio, 2)]
    if len(fits) != 1:
        raise ValueError(f"ratio {ratio}:1 of {n} patients fits {len(fits)} splits; expected 1")
    return fits[0]


def _status(rec: dict[str, object], n_total: int, n_events: int, max_missing: int) -> str:
    """The outcome of one row's search in words (``rec`` is a row of the result)."""
    full = int(rec["solutions_full"])
    found = full or int(rec["solutions_searched"])
    if found == 0:
        return f"no table within {max_missing} missing patients"
    if full == 1:
        return "unique with the full margins"
    if full > 1:
        return f"{found} tables with the full margins"
    if found == 1:
        gone_f = n_events - int(rec["failures"])
        return (
            f"unique once {n_total - int(rec['patients'])} patients "
            f"({gone_f} failure{'' if gone_f == 1 else 's'}) are missing"
        )
    return f"{found} tables over smaller totals: not identified"


@validated
def table3_binary_rows(*, max_missing: Count = 20) -> pd.DataFrame:
    """Recover the 2x2 table behind every binary row of Wang 2018 Table 3, in both groups.

    Each row's margins come from Table 2 (``induction_by_treatment``): the group's patients
    and failures of remission induction, and the size of the exposed group where Table 2
    prints it (men from the printed male:female ratio; the organ and allergy counts).  The
    search first uses those full margins (:func:`tables_from_odds_ratio`).  When no table
    fits, it repeats over smaller totals, down to ``max_missing`` patients fewer
    (:func:`search_margins`), because patients without the measurement drop out of a
    univariate regression.

    Parameters
    ----------
    max_missing
        How many patients the search over smaller totals may drop: a whole number from 0
        to the smaller group's size minus 2 (a table needs two patients).

    Returns
    -------
    pandas.DataFrame
        One row per binary Table 3 row and group (the labels of
        :data:`TABLE3_BINARY_LABELS`), in the order of ``induction_risk_factors``:

        - ``location``, ``group``, ``label``, ``row_type``, ``printed``, ``p_printed``: as
          transcribed (rows that are not ``"estimate"`` are not searched);
        - ``n_total``, ``n_events``: the group's patients and failures (Table 2);
        - ``exposed_known``: size of the exposed group if printed, and ``exposed_source``
          (``"sex ratio"``, ``"Table 2"`` or ``"not printed"``);
        - ``solutions_full``: tables with the full margins; ``solutions_searched``: tables
          over smaller totals (searched only when ``solutions_full`` is 0);
          ``solutions_same_margins``: tables sharing the first one's total and failures;
        - ``patients``, ``failures``, ``a``, ``b``, ``c``, ``d``, ``odds_ratio``,
          ``ci_low``, ``ci_high``, ``p_wald``: the first table found (missing when none);
        - ``p_wald_full``: the Wald p of every full-margin table (a tuple, empty when none);
        - ``status``: the outcome in words.

    Raises
    ------
    TypeError, ValueError
        When ``max_missing`` is not a whole number from 0 to the smaller group's size
        minus 2.

    Examples
    --------
    Dacryoadenitis under glucocorticoid monotherapy: one table with the full margins, and
    eosinophilia: none, until 11 patients (one with a failure) are dropped:

    >>> t = table3_binary_rows().set_index(["group", "label"])
    >>> dacryo = t.loc[("GC monotherapy", "Dacryoadenitis")]
    >>> [int(dacryo[k]) for k in "abcd"], dacryo.status
    ([11, 24, 5, 37], 'unique with the full margins')
    >>> t.loc[("GC monotherapy", "Eosinophilia"), "status"]
    'unique once 11 patients (1 failure) are missing'

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65 (Tables 2 and 3).
    """
    t2 = data.load("induction_by_treatment").set_index("label")
    t3 = data.load("induction_risk_factors")
    outcome = t2.loc["Failure of remission induction"]
    smallest = min(int(outcome[f"{prefix}_group_size"]) for prefix in _TABLE2_PREFIX.values())
    if max_missing > smallest - 2:
        raise InvalidArgument(
            f"table3_binary_rows: argument 'max_missing' got {max_missing}; expected at most "
            f"{smallest - 2} (the smaller group has {smallest} patients and a table needs 2)"
        )
    sex = t2.loc["Sex (male:female)"]
    rows = []
    for r in t3[t3["label"].isin(TABLE3_BINARY_LABELS)].itertuples():
        prefix = _TABLE2_PREFIX[r.group]
        n_total = int(outcome[f"{prefix}_group_size"])
        n_events = int(outcome[f"{prefix}_count"])
        exposed: int | None
        if r.label == "Male sex":
            exposed, source = _split_from_ratio(float(sex[f"{prefix}_ratio"]), n_total), "sex ratio"
        elif r.label in TABLE3_EXPOSED_IN_TABLE2:
            exposed = int(t2.loc[TABLE3_EXPOSED_IN_TABLE2[r.label], f"{prefix}_count"])
            source = "Table 2"
        else:
            exposed, source = None, "not printed"
        rec: dict[str, object] = {
            "location": r.location, "group": r.group, "label": r.label,
            "row_type": r.row_type, "printed": str(r.printed), "p_printed": str(r.p_printed),
            "n_total": n_total, "n_events": n_events, "exposed_known": exposed,
            "exposed_source": source, "solutions_full": 0, "solutions_searched": 0,
            "solutions_same_margins": 0, "patients": None, "failures": None,
            "a": None, "b": None, "c": None, "d": None, "odds_ratio": np.nan,
            "ci_low": np.nan, "ci_high": np.nan, "p_wald": np.nan, "p_wald_full": (),
            "status": "not applicable (a category without failures)",
        }
        rows.append(rec)
        if r.row_type != "estimate":
            continue
        est = (float(r.odds_ratio), float(r.ci_low), float(r.ci_high))
        found = tables_from_odds_ratio(
            *est, n_total=n_total, n_events=n_events, n_exposed=exposed
        )
        rec["solutions_full"] = len(found)
        rec["p_wald_full"] = tuple(float(p) for p in found["p_wald"])
        if len(found) == 0:
            found = search_margins(
                *est, max_total=n_total, max_events=n_events,
                min_total=n_total - max_missing, n_exposed=exposed,
            )
            rec["solutions_searched"] = len(found)
        if len(found):
            first = found.iloc[0]
            rec.update({k: int(first[k]) for k in ("a", "b", "c", "d")})
            rec["patients"], rec["failures"] = int(first["n_total"]), int(first["n_events"])
            rec.update({k: float(first[k]) for k in ("odds_ratio", "ci_low", "ci_high", "p_wald")})
            same = (found["n_total"] == first["n_total"]) & (
                found["n_events"] == first["n_events"]
            )
            rec["solutions_same_margins"] = int(same.sum())
        rec["status"] = _status(rec, n_total, n_events, max_missing)
    out = pd.DataFrame(rows)
    for col in ("exposed_known", "patients", "failures", "a", "b", "c", "d"):
        out[col] = out[col].astype("Int64")
    return out


# --------------------------------------------------------------------------------------
# Fig 3c: groups by number of risk factors
# --------------------------------------------------------------------------------------


_NUMBER = re.compile(r"\s*(\d+(?:\.(\d+))?)\s*")


def _printed_percent(func: str, argument: str, text: object) -> tuple[float, int]:
    """Value and decimals of a printed percentage (``"14.3%"``, ``"8"``): 0% to 100%."""
    m = re.fullmatch(r"\s*(\d+(?:\.(\d+))?)\s*%?\s*", text) if isinstance(text, str) else None
    if not m or float(m[1]) > 100:
        raise InvalidArgument(
            f"{func}: argument {argument!r} got {text!r}; expected a percentage from 0% to "
            "100% as printed, such as '14.3%'"
        )
    return float(m[1]), len(m[2] or "")


def _printed_p(func: str, argument: str, text: str) -> tuple[float, int]:
    """Value and decimals of a printed p-value (``"0.001"``): a number from 0 to 1."""
    m = _NUMBER.fullmatch(text)
    if not m or float(m[1]) > 1:
        raise InvalidArgument(
            f"{func}: argument {argument!r} got {text!r}; expected a printed p-value from 0 "
            "to 1 such as '0.001'"
        )
    return float(m[1]), len(m[2] or "")


@validated(rules=[Rule("count", lambda a: a["count"] <= a["n"], "at most n ({n})")])
def percent_matches(count: Patients, n: PositivePatients, printed: Text) -> bool:
    """True when ``100 * count / n`` rounds to a printed percentage at its printed precision.

    A printed percentage above 100% is refused, not compared.

    >>> percent_matches(16, 77, "20.8%"), percent_matches(7, 49, "14.2%")
    (True, False)
    """
    value, dec = _printed_percent("percent_matches", "printed", printed)
    return bool(_rounds_to(np.array([100.0 * count / n]), value, dec)[0])


def _ffh_tables(ns: Sequence[int], events: int) -> int:
    """Tables the Fisher-Freeman-Halton enumeration visits (all groups but the last)."""
    return math.prod(min(n, events) + 1 for n in ns[:-1])


@cache
def _ffh_null(ns: tuple[int, ...], events: int) -> tuple[tuple[tuple[int, ...], float], ...]:
    total = sum(ns)
    denom = math.comb(total, events)
    combs = [[math.comb(n, k) for k in range(min(n, events) + 1)] for n in ns]
    out = []
    ranges = [range(0, min(n, events) + 1) for n in ns[:-1]]
    for head in itertools.product(*ranges):
        last = events - sum(head)
        if 0 <= last <= ns[-1]:
            f = (*head, last)
            prob = math.prod(c[k] for c, k in zip(combs, f, strict=True)) / denom
            out.append((f, prob))
    return tuple(out)


def _ffh_p(fs: tuple[int, ...], ns: tuple[int, ...]) -> float:
    null = _ffh_null(ns, sum(fs))
    observed = dict(null)[fs]
    return float(min(1.0, sum(p for _, p in null if p <= observed * (1 + 1e-7))))


#: Group counts of a k x 2 table: at least two groups.
GroupEvents = Annotated[Sequence[ExactPatients], at.MinLen(2)]
GroupSizes = Annotated[Sequence[PositiveExact], at.MinLen(2)]


def _same_length(a: Mapping[str, Any]) -> bool:
    return len(a["events"]) == len(a["sizes"])


def _events_within_sizes(a: Mapping[str, Any]) -> bool:
    return all(f <= n for f, n in zip(a["events"], a["sizes"], strict=False))


@validated(rules=[
    Rule("events", _same_length, "one count per group of sizes ({sizes})"),
    Rule("events", _events_within_sizes, "events[i] <= sizes[i] in every group ({sizes})"),
    Rule("sizes", lambda a: sum(a["sizes"]) <= MAX_SEARCH_TOTAL,
         f"at most MAX_SEARCH_TOTAL = {MAX_SEARCH_TOTAL:,} patients in all (exact arithmetic "
         "on whole numbers)"),
    Rule("sizes", lambda a: _ffh_tables(a["sizes"], sum(a["events"])) <= MAX_FFH_TABLES,
         f"an enumeration of at most MAX_FFH_TABLES = {MAX_FFH_TABLES:,} tables (the "
         "product over all groups but the last of min(size, events) + 1)"),
])
def fisher_freeman_halton_p(events: GroupEvents, sizes: GroupSizes) -> float:
    """Exact Fisher-Freeman-Halton p-value of a k x 2 table (events out of sizes per group).

    Sums the probabilities (multivariate hypergeometric, margins fixed) of every table no
    more probable than the observed one.  For k = 2 it equals Fisher's exact test.  The
    enumeration is bounded: at most :data:`MAX_FFH_TABLES` tables and
    ``MAX_SEARCH_TOTAL`` patients.

    >>> from scipy.stats import fisher_exact
    >>> p = fisher_freeman_halton_p([16, 10], [77, 138])
    >>> bool(abs(p - fisher_exact([[16, 61], [10, 128]]).pvalue) < 1e-12)
    True

    Reference: Freeman GH, Halton JH. Biometrika 1951;38:141-9.
    """
    return _ffh_p(tuple(events), tuple(sizes))


#: Largest absolute score of a group in :func:`cochran_armitage_p` (the statistic squares
#: sums of scores times counts; beyond it they overflow).
MAX_SCORE = 1e6


def _trend_p(f: np.ndarray, n: np.ndarray, s: np.ndarray) -> tuple[float, float] | None:
    """The two trend p-values, or None when the statistic is undefined."""
    total, pbar = n.sum(), f.sum() / n.sum()
    t = float(np.sum(s * (f - n * pbar)))
    var = pbar * (1 - pbar) * float(np.sum(n * s**2) - np.sum(n * s) ** 2 / total)
    if var <= 0:
        return None
    chi2 = t * t / var
    return float(_sps.chi2.sf(chi2, 1)), float(_sps.chi2.sf(chi2 * (total - 1) / total, 1))


@validated(rules=[
    Rule("events", _same_length, "one count per group of sizes ({sizes})"),
    Rule("events", _events_within_sizes, "events[i] <= sizes[i] in every group ({sizes})"),
    Rule("scores", lambda a: a["scores"] is None or len(a["scores"]) == len(a["sizes"]),
         "one score per group of sizes ({sizes})"),
])
def cochran_armitage_p(
    events: Annotated[Sequence[Patients], at.MinLen(2)],
    sizes: Annotated[Sequence[PositivePatients], at.MinLen(2)],
    scores: Sequence[Annotated[FiniteFloat, at.Ge(-MAX_SCORE), at.Le(MAX_SCORE)]] | None = None,
) -> tuple[float, float]:
    """Two-sided p-values of the chi-square test for linear trend in proportions.

    Returns ``(cochran_armitage, linear_by_linear)``: the Cochran-Armitage statistic (the
    variance uses N) and the linear-by-linear association statistic that SPSS prints in its
    chi-square output (``(N - 1) r^2``, i.e. the former times ``(N - 1) / N``).  Scores
    default to 0, 1, ..., k - 1; any finite numbers will do.

    >>> ca, lbl = cochran_armitage_p([2, 3, 5, 6], [25, 21, 13, 8])
    >>> ca < lbl
    True

    Reference: Armitage P. Biometrics 1955;11:375-86; Agresti A. Categorical Data
    Analysis, 3rd ed., section 3.4.
    """
    n = np.array(sizes, float)
    f = np.array(events, float)
    s = np.arange(len(n), dtype=float) if scores is None else np.asarray(scores, float)
    result = _trend_p(f, n, s)
    if result is None:
        undefined = "cochran_armitage_p: trend test undefined: "
        if 0 < f.sum() < n.sum():
            raise InvalidArgument(undefined + f"argument 'scores' got {list(scores or [])}; "
                                  "expected at least two different scores")
        raise InvalidArgument(undefined + f"argument 'events' got {list(events)}; expected at "
                              "least one event and one non-event over the groups")
    return result


def _chi2_p(table: np.ndarray, correction: bool) -> float:
    return float(_sps.chi2_contingency(table, correction=correction).pvalue)


@validated(rules=[
    Rule("labels", lambda a: len(a["labels"]) == len(a["percents"]),
         "one label per printed percentage ({percents})"),
    Rule("labels", lambda a: len(set(a["labels"])) == len(a["labels"]),
         "different labels (they name the columns)"),
    Rule("split", lambda a: a["split"] < len(a["percents"]),
         "between 1 and the number of percents minus 1"),
    Rule("n_events", lambda a: a["n_events"] < a["n_total"],
         "less than n_total ({n_total}): someone must be without the event"),
])
def risk_count_groups(
    percents: Annotated[Sequence[Text], at.MinLen(2), at.MaxLen(MAX_GROUPS)],
    *,
    n_total: Annotated[TableTotal, at.Le(MAX_SEARCH_TOTAL)],
    n_events: ExactPatients,
    p_printed: Text,
    split: PositiveCount = 2,
    labels: Sequence[Annotated[Text, at.MinLen(1)]] = ("0", "1", "2", "3-4"),
) -> pd.DataFrame:
    """Every group split consistent with printed failure percentages, totals and a p-value.

    Finds all group sizes ``n_i >= 1`` and failure counts ``f_i`` with
    ``sum n_i = n_total``, ``sum f_i = n_events`` and ``100 f_i / n_i`` rounding to each
    printed percentage at its printed precision (``"8%"`` is read at 0 decimals, which
    includes 8.0%).  For each, computes the p-value of every plausible test:

    - ``p_fisher_2x2``, ``p_chi2_2x2``, ``p_yates_2x2``: groups merged into
      ``[0, split)`` vs ``[split, k)`` (Wang 2018 printed its p for 0-1 vs 2-4);
    - ``p_chi2_kx2``: Pearson chi-square test of independence on the k x 2 table;
    - ``p_ffh_kx2``: Fisher-Freeman-Halton exact test on the k x 2 table;
    - ``p_trend``: Cochran-Armitage trend test (scores 0, 1, ..., k - 1);
    - ``p_linear_by_linear``: the same trend statistic as SPSS prints it.

    and a boolean ``matches_<test>`` column (True when that p rounds to ``p_printed`` at
    its printed decimals).

    Parameters
    ----------
    percents
        Printed failure percentages per group, in group order.
    n_total, n_events
        Patients and failures among whom the groups are formed (for Wang 2018 Fig 3c
        either all patients on glucocorticoid monotherapy, Table 2, or those with a
        measured eosinophil count; see ``igg4lib.readings``, question "fig3c-groups").
        No default: the published values are read from ``data/`` by the caller.
    p_printed
        The printed p-value (text, as printed).
    split
        Index of the first group of the "high" side of the 2x2 comparison.
    labels
        Group labels, used in the column names ``n_<label>`` and ``f_<label>``.

    Sizes are bounded so the search answers within seconds: at most :data:`MAX_GROUPS`
    groups and ``MAX_SEARCH_TOTAL`` patients; when the printed percentages are too coarse
    for the cohort's size (more than :data:`MAX_GROUP_CANDIDATES` partial splits to try, or
    more than :data:`MAX_GROUP_SOLUTIONS` solutions, which then identify nothing) the call
    is refused.

    Returns
    -------
    pandas.DataFrame
        One row per solution: sizes and failures per group, the p-values and the match
        flags.  Empty when nothing fits.

    Examples
    --------
    >>> sols = risk_count_groups(("8%", "14.3%", "38.5%", "71.4%"), n_total=66, n_events=15,
    ...                          p_printed="0.001")
    >>> sols[["n_0", "f_0", "n_1", "f_1", "n_2", "f_2", "n_3-4", "f_3-4"]].values.tolist()
    [[25, 2, 21, 3, 13, 5, 7, 5]]

    Reference: Wang L et al. Arthritis Res Ther 2018;20:65, Fig 3c and Results.
    """
    func = "risk_count_groups"
    total, events = n_total, n_events
    parsed = [_printed_percent(func, f"percents[{i}]", p) for i, p in enumerate(percents)]
    k = len(parsed)
    p_value, p_dec = _printed_p(func, "p_printed", p_printed)

    options: list[list[tuple[int, int]]] = []
    for value, dec in parsed:
        pairs = []
        for n in range(1, total + 1):
            f = np.arange(0, min(n, events) + 1)
            ok = _rounds_to(100.0 * f / n, value, dec)
            pairs.extend((n, int(x)) for x in f[ok])
        options.append(pairs)
    candidates = math.prod(len(o) for o in options[:-1])
    if candidates > MAX_GROUP_CANDIDATES:
        raise InvalidArgument(
            f"{func}: arguments 'n_total' ({n_total}) and 'percents' ({list(percents)}) give "
            f"{candidates:,} partial splits to try; expected at most MAX_GROUP_CANDIDATES = "
            f"{MAX_GROUP_CANDIDATES:,} (fewer patients, fewer groups or more precise "
            "percentages)"
        )
    last = set(options[-1])
    found: list[list[tuple[int, int]]] = []

    def extend(i: int, chosen: list[tuple[int, int]], n_sum: int, f_sum: int) -> None:
        if i == k - 1:
            need = (total - n_sum, events - f_sum)
            if need in last:
                found.append([*chosen, need])
            return
        for n, f in options[i]:
            if n_sum + n < total and f_sum + f <= events:
                extend(i + 1, [*chosen, (n, f)], n_sum + n, f_sum + f)

    if events > 0:
        extend(0, [], 0, 0)
    if len(found) > MAX_GROUP_SOLUTIONS:
        raise InvalidArgument(
            f"{func}: arguments 'n_total' ({n_total}) and 'percents' ({list(percents)}) fit "
            f"{len(found):,} group splits; expected at most MAX_GROUP_SOLUTIONS = "
            f"{MAX_GROUP_SOLUTIONS:,} (so many splits identify nothing)"
        )
    exact = {(tuple(n for n, _ in g), events) for g in found}
    work = sum(_ffh_tables(ns, e) for ns, e in exact)
    if work > MAX_FFH_TABLES:
        raise InvalidArgument(
            f"{func}: arguments 'n_total' ({n_total}) and 'n_events' ({n_events}) need exact "
            f"tests over {work:,} tables; expected at most MAX_FFH_TABLES = "
            f"{MAX_FFH_TABLES:,}"
        )

    names = [f"{stem}_{lab}" for lab in labels for stem in ("n", "f")]
    tests = [
        "fisher_2x2",
        "chi2_2x2",
        "yates_2x2",
        "chi2_kx2",
        "ffh_kx2",
        "trend",
        "linear_by_linear",
    ]
    rows = []
    for groups in found:
        ns = [n for n, _ in groups]
        fs = [f for _, f in groups]
        low_f, low_n = sum(fs[:split]), sum(ns[:split])
        high_f, high_n = sum(fs[split:]), sum(ns[split:])
        t2 = np.array([[low_f, low_n - low_f], [high_f, high_n - high_f]])
        tk = np.array([[f, n - f] for n, f in groups])
        trend = _trend_p(np.array(fs, float), np.array(ns, float), np.arange(k, dtype=float))
        ca, lbl = (math.nan, math.nan) if trend is None else trend
        ps = {
            "fisher_2x2": float(_sps.fisher_exact(t2).pvalue),
            "chi2_2x2": _chi2_p(t2, False),
            "yates_2x2": _chi2_p(t2, True),
            "chi2_kx2": _chi2_p(tk, False),
            "ffh_kx2": _ffh_p(tuple(fs), tuple(ns)),
            "trend": ca,
            "linear_by_linear": lbl,
        }
        row: dict[str, object] = dict(zip(names, itertools.chain(*groups), strict=True))
        row.update({f"p_{t}": ps[t] for t in tests})
        row.update(
            {f"matches_{t}": bool(_rounds_to(np.array([ps[t]]), p_value, p_dec)[0]) for t in tests}
        )
        rows.append(row)
    columns = [*names, *(f"p_{t}" for t in tests), *(f"matches_{t}" for t in tests)]
    return pd.DataFrame(rows, columns=columns)


def _splits(a: Mapping[str, Any]) -> int:
    return math.prod(min(n, a["n_events"]) + 1 for n in a["sizes"][:-1])


@validated(rules=[
    Rule("estimates", lambda a: len(a["estimates"]) == len(a["sizes"]) - 1,
         "one (OR, low, high) per non-reference category of sizes ({sizes})"),
    Rule("estimates", lambda a: all(lo <= orr <= hi for orr, lo, hi in a["estimates"]),
         "(odds_ratio, ci_low, ci_high) with ci_low <= odds_ratio <= ci_high in every one"),
    Rule("n_events", lambda a: a["n_events"] <= sum(a["sizes"]),
         "at most the patients in all categories ({sizes})"),
    Rule("sizes", lambda a: sum(a["sizes"]) <= MAX_EXACT_TOTAL,
         f"at most MAX_EXACT_TOTAL = {MAX_EXACT_TOTAL:,} patients in all"),
    Rule("sizes", lambda a: _splits(a) <= MAX_SPLITS,
         f"at most MAX_SPLITS = {MAX_SPLITS:,} splits of n_events to try (the product over "
         "all categories but the last of min(size, n_events) + 1)"),
])
def tables_from_category_odds_ratios(
    sizes: Annotated[Sequence[PositiveExact], at.MinLen(2)],
    n_events: ExactPatients,
    estimates: Sequence[PrintedEstimate],
    *,
    decimals: Decimals = 2,
) -> pd.DataFrame:
    """Failure counts per category consistent with printed ORs against a reference category.

    For a factor with categories (the first one the reference) of known sizes, finds every
    split of ``n_events`` over the categories such that, for each non-reference category
    ``j``, the Wald odds ratio and 95% interval of category ``j`` against the reference
    (a 2x2 table of those two categories only, as dummy-coded univariate logistic
    regression gives) round to ``estimates[j - 1]``.

    Parameters
    ----------
    sizes
        Patients per category, reference first.
    n_events
        Events over all categories.
    estimates
        ``(odds_ratio, ci_low, ci_high)`` as printed for each non-reference category.
    decimals
        Printed decimals.

    Returns
    -------
    pandas.DataFrame
        One row per solution, columns ``f_0 ... f_{k-1}`` (events per category).

    Examples
    --------
    Number of organs involved, glucocorticoid monotherapy (Wang 2018 Tables 2 and 3):

    >>> tables_from_category_odds_ratios(
    ...     [32, 35, 10], 16, [(2.86, 0.69, 11.93), (9.67, 1.74, 53.84)]
    ... ).to_dict("records")
    [{'f_0': 3, 'f_1': 8, 'f_2': 5}]
    """
    ns, events, dec = list(sizes), n_events, decimals
    # every split of the events over the categories, in order; the last category takes
    # what is left, so only the first k - 1 are enumerated
    ranges = [range(0, min(n, events) + 1) for n in ns[:-1]]
    top = min(ns[-1], events)
    rows = []
    for head in itertools.product(*ranges):
        rest = events - sum(head)
        if not 0 <= rest <= top:
            continue
        fs = (*head, rest)
        ok = True
        for j, (orr, lo, hi) in enumerate(estimates, start=1):
            a, b = fs[j], ns[j] - fs[j]
            c, d = fs[0], ns[0] - fs[0]
            if min(a, b, c, d) == 0:
                ok = False
                break
            log_or = math.log(a * d / (b * c))
            se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
            got = np.exp([log_or, log_or - _Z95 * se, log_or + _Z95 * se])
            if not all(_rounds_to(got[i : i + 1], v, dec)[0] for i, v in enumerate((orr, lo, hi))):
                ok = False
                break
        if ok:
            rows.append({f"f_{i}": f for i, f in enumerate(fs)})
    return pd.DataFrame(rows, columns=[f"f_{i}" for i in range(len(ns))])
