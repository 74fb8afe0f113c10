"""The evidence ledger: every published number that can be recomputed, beside its recomputation.

:func:`build_ledger` reads the transcribed data sets under ``data/published/`` and, with
:mod:`igg4lib.stats` and :mod:`igg4lib.reconstruct`, recomputes every number that follows
from other printed numbers: percentages from their counts, the categorical p-values of
Table 2, the odds ratios of Table 3 whose 2x2 tables can be recovered, the Fig 3c
percentages and grouped p-value, cross-table totals and the WInS relapse percentages.

Each row of the ledger is one check: the quantity, where it is printed, the printed value,
the recomputed value formatted at the printed precision, the method, whether they agree,
and, for a disagreement, the explanation recorded in the data set ``ledger_explanations``.
A disagreement without an explanation is a defect (``tests/test_ledger.py`` fails).

Examples
--------
>>> led = build_ledger()
>>> list(led.columns) == LEDGER_COLUMNS
True
>>> row = led.set_index("check_id").loc["t2-p-failure-of-remission-induction"]
>>> row.printed, row.recomputed, bool(row.agrees)
('0.008', '0.008', True)

Reference: Wang L et al. Arthritis Res Ther 2018;20:65; Peng L et al. Ann Rheum Dis
2024;83:651-660.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, norm

from igg4lib import data, readings, reconstruct, stats
from igg4lib._validation import (
    Frame,
    InvalidArgument,
    Text,
    flag_column,
    frame_schema,
    text_column,
    validated,
)

__all__ = [
    "LEDGER_COLUMNS",
    "TABLE2_TESTS",
    "build_ledger",
    "explanations",
    "fig3c_solutions",
    "fig3c_tests",
    "male_counts",
    "summary",
    "table2_organ_count_tests",
    "table2_tests",
    "unexplained",
]

LEDGER_COLUMNS = [
    "check_id",
    "category",
    "source",
    "location",
    "quantity",
    "printed",
    "recomputed",
    "method",
    "agrees",
    "explanation",
]

#: Candidate tests for the categorical p-values of Table 2 (column suffix -> description).
TABLE2_TESTS = {
    "fisher": "Fisher's exact test, two-sided",
    "chi2": "Pearson chi-square, no continuity correction",
    "yates": "Pearson chi-square with Yates' continuity correction",
}

GC, GCIM = "GC monotherapy", "GC + IM combination therapy"
#: Table 2 prints p to three decimals and drops trailing zeros ("1" is 1.000).
P_DECIMALS = 3
#: How many patients the margin search may drop from a univariate analysis.
MAX_MISSING = 20


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("≥", "ge ")).strip("-")


def _decimals(text: str) -> int:
    m = re.search(r"\d+(?:\.(\d+))?", text)
    return len(m[1] or "") if m else 0


def _pct(count: int, n: int, decimals: int) -> str:
    return f"{100 * count / n:.{decimals}f}%"


def _rounds(value: float, printed: float, decimals: int) -> bool:
    return abs(value - printed) <= 0.5 * 10.0**-decimals * (1 + 1e-9)


def _p_text(p: float, printed: str) -> str:
    return f"{p:.{max(P_DECIMALS, _decimals(printed))}f}"


def _p_agrees(p: float, printed: str) -> bool:
    return _rounds(p, float(printed), max(P_DECIMALS, _decimals(printed)))


def _row(
    check_id: str,
    category: str,
    location: str,
    quantity: str,
    printed: str,
    recomputed: str,
    method: str,
    agrees: bool,
    source: str = "wang2018",
) -> dict[str, object]:
    return {
        "check_id": check_id,
        "category": category,
        "source": source,
        "location": location,
        "quantity": quantity,
        "printed": printed,
        "recomputed": recomputed,
        "method": method,
        "agrees": bool(agrees),
        "explanation": "",
    }


# --------------------------------------------------------------------------------------
# percentages
# --------------------------------------------------------------------------------------


def _percent_check(
    check_id: str, location: str, quantity: str, printed_pct: str, count: int, n: int
) -> dict[str, object]:
    dec = _decimals(printed_pct)
    got = _pct(count, n, dec)
    return _row(
        check_id,
        "percentage from its count",
        location,
        quantity,
        printed_pct,
        got,
        f"{count}/{n}",
        got == printed_pct,
    )


def _percent_of(printed: str) -> str:
    m = re.search(r"\d+(?:\.\d+)?%", printed)
    assert m, printed
    return m[0]


def _percentage_checks() -> list[dict[str, object]]:
    rows = []
    t1 = data.load("induction_baseline")
    for r in t1[t1["statistic"] == "n (%)"].itertuples():
        rows.append(
            _percent_check(
                f"t1-pct-{_slug(r.label)}",
                r.location,
                f"{r.label}: percentage of {r.denominator}",
                _percent_of(r.printed),
                int(r.count),
                int(r.denominator),
            )
        )
    t2 = data.load("induction_by_treatment")
    for r in t2[t2["statistic"] == "n (%)"].itertuples():
        for prefix, group in (("gc", GC), ("gcim", GCIM)):
            n = int(getattr(r, f"{prefix}_group_size"))
            rows.append(
                _percent_check(
                    f"t2-pct-{prefix}-{_slug(r.label)}",
                    r.location,
                    f"{r.label}, {group}: percentage of {n}",
                    _percent_of(getattr(r, f"{prefix}_printed")),
                    int(getattr(r, f"{prefix}_count")),
                    n,
                )
            )
    for r in data.load("induction_organ_failure").itertuples():
        rows.append(
            _percent_check(
                f"fig3b-pct-{_slug(r.group)}-{_slug(r.label)}",
                r.location,
                f"Failure in the {r.label}, {r.group}",
                _percent_of(r.printed),
                int(r.failures),
                int(r.patients),
            )
        )
    for name, prefix in (("induction_retreatment", "retreat"), ("induction_outcomes", "outcome")):
        for r in data.load(name).itertuples():
            if pd.isna(r.percent) or pd.isna(r.count) or pd.isna(r.denominator):
                continue
            rows.append(
                _percent_check(
                    f"{prefix}-pct-{_slug(r.label)}",
                    r.location,
                    f"{r.label}: percentage of {r.denominator}",
                    _percent_of(r.printed),
                    int(r.count),
                    int(r.denominator),
                )
            )
    n_cohort = _sizes()[2]
    retreat = data.load("induction_retreatment")
    # a percentage whose denominator is not printed is not a check: it is shown with what
    # the book reads into it, as a disagreement that the reading explains
    unprinted = retreat["count"].notna() & retreat["percent"].notna() & retreat[
        "denominator"].isna()
    for r in retreat[unprinted].itertuples():
        printed = _percent_of(r.printed)
        dec = _decimals(printed)
        fits = [n for n in range(int(r.count), n_cohort + 1)
                if _pct(int(r.count), n, dec) == printed]
        rows.append(
            _row(
                f"retreat-pct-{_slug(r.label)}",
                "percentage from its count",
                r.location,
                f"{r.label}: percentage of a denominator not printed",
                printed,
                "denominator not printed; "
                + (", ".join(f"{int(r.count)}/{n}" for n in fits) or "no whole denominator")
                + " rounds to it",
                f"every {int(r.count)}/n (n up to {n_cohort}) that rounds to the printed "
                "percentage",
                False,
            )
        )
    for r in retreat[retreat["count"].isna() & retreat["percent"].notna()].itertuples():
        printed = _percent_of(r.printed)
        dec = _decimals(printed)
        fits = [k for k in range(n_cohort + 1) if _pct(k, n_cohort, dec) == printed]
        rows.append(
            _row(
                f"retreat-count-{_slug(r.label)}",
                "percentage from its count",
                r.location,
                f"{r.label}: count and denominator not printed; whole counts of the "
                f"{n_cohort} patients",
                printed,
                ", ".join(f"{k}/{n_cohort}" for k in fits) or "none",
                f"every k/{n_cohort} that rounds to the printed percentage",
                # neither count nor denominator is printed: a reading, never an agreement
                False,
            )
        )
    return rows


# --------------------------------------------------------------------------------------
# Table 2: which test?
# --------------------------------------------------------------------------------------


@validated
def male_counts() -> tuple[int, int]:
    """Men in each treatment group, recovered from the printed sex ratios of Table 2.

    The only counts ``m`` with ``m / (n - m)`` rounding to 2.08 (of 77) and 2.29 (of 138)
    that add up to the 148 men of the Results text.

    >>> male_counts()
    (52, 96)
    """
    t2 = data.load("induction_by_treatment").set_index("label")
    men = data.load("induction_baseline").set_index("label").loc["Male patients", "count"]
    row = t2.loc["Sex (male:female)"]
    fits = []
    for prefix in ("gc", "gcim"):
        n, ratio = int(row[f"{prefix}_group_size"]), float(row[f"{prefix}_ratio"])
        fits.append([m for m in range(1, n) if _rounds(m / (n - m), ratio, 2)])
    pairs = [(a, b) for a in fits[0] for b in fits[1] if a + b == men]
    if len(pairs) != 1:
        raise ValueError(f"expected one pair of male counts summing to {men}; got {pairs}")
    return pairs[0]


def _table2_binary_rows() -> list[tuple[str, str, int, int, int, int]]:
    """(label, p_printed, x1, n1, x2, n2) for every 2x2 row of Table 2 with a p-value."""
    n_gc, n_gcim, _n_cohort = _sizes()
    t2 = data.load("induction_by_treatment")
    out = []
    gc_men, gcim_men = male_counts()
    sex = t2.set_index("label").loc["Sex (male:female)"]
    out.append(("Sex (male:female)", str(sex["p_printed"]), gc_men, n_gc, gcim_men, n_gcim))
    for r in t2[(t2["statistic"] == "n (%)") & t2["p_printed"].notna()].itertuples():
        out.append(
            (
                r.label,
                str(r.p_printed),
                int(r.gc_count),
                int(r.gc_group_size),
                int(r.gcim_count),
                int(r.gcim_group_size),
            )
        )
    return out


@validated
def table2_tests() -> pd.DataFrame:
    """The categorical p-values of Table 2 under each candidate test, and which agree.

    One row per 2x2 row of Table 2 (the sex row uses :func:`male_counts`), with the p of
    each test in :data:`TABLE2_TESTS` (``p_<test>``) and whether it rounds to the printed
    value at three decimals (``agrees_<test>``).

    >>> t = table2_tests()
    >>> int(t.agrees_fisher.sum()), len(t)
    (14, 15)
    """
    rows = []
    for label, printed, x1, n1, x2, n2 in _table2_binary_rows():
        res = stats.compare_proportions(x1, n1, x2, n2)
        ps = {"fisher": res.p_fisher, "chi2": res.p_chi2, "yates": res.p_chi2_yates}
        row: dict[str, object] = {
            "label": label,
            "printed": printed,
            "table": f"{x1}/{n1} vs {x2}/{n2}",
        }
        for test, p in ps.items():
            row[f"p_{test}"] = p
            row[f"agrees_{test}"] = p is not None and _p_agrees(p, printed)
        rows.append(row)
    return pd.DataFrame(rows)


def _allergy_implied_denominator() -> int:
    """The combination-group denominator the printed allergy percentage implies (0 if none
    or several fit).

    >>> _allergy_implied_denominator()
    136
    """
    _n_gc, n_gcim, _n_cohort = _sizes()
    allergy = data.load("induction_by_treatment").set_index("label").loc["Allergy history"]
    x2, printed = int(allergy["gcim_count"]), _percent_of(str(allergy["gcim_printed"]))
    dec = _decimals(printed)
    fits = [n for n in range(max(x2, 1), n_gcim + 1) if _pct(x2, n, dec) == printed]
    return fits[0] if len(fits) == 1 else 0


def _organ_count_table() -> tuple[np.ndarray, str]:
    t2 = data.load("induction_by_treatment")
    cats = t2[t2["section"] == "Number of organs involved"]
    table = np.array([[int(r.gc_count), int(r.gcim_count)] for r in cats.itertuples()])
    printed = str(t2.set_index("label").loc["Number of organs involved", "p_printed"])
    return table, printed


def _table2_pvalue_checks() -> list[dict[str, object]]:
    n_gc, _n_gcim, _n_cohort = _sizes()
    rows = []
    tests = table2_tests()
    for r in tests.itertuples():
        rows.append(
            _row(
                f"t2-p-{_slug(r.label)}",
                "Table 2 p-value",
                "Table 2",
                f"{r.label}: p-value",
                r.printed,
                _p_text(r.p_fisher, r.printed),
                f"{TABLE2_TESTS['fisher']} on {r.table}",
                r.agrees_fisher,
            )
        )
    # the allergy row again, with the denominator its printed percentage implies
    t2 = data.load("induction_by_treatment").set_index("label")
    allergy = t2.loc["Allergy history"]
    x2, pct = int(allergy["gcim_count"]), str(allergy["gcim_printed"])
    implied = [_allergy_implied_denominator()]
    if implied[0]:
        res = stats.compare_proportions(int(allergy["gc_count"]), n_gc, x2, implied[0])
        printed = str(allergy["p_printed"])
        rows.append(
            _row(
                "t2-p-allergy-history-implied-denominator",
                "Table 2 p-value",
                "Table 2",
                f"Allergy history: p-value with the combination-group denominator ({implied[0]}) "
                f"implied by the printed {_percent_of(pct)}",
                printed,
                _p_text(res.p_fisher, printed),
                f"{TABLE2_TESTS['fisher']} on {int(allergy['gc_count'])}/{n_gc} vs "
                f"{x2}/{implied[0]}",
                _p_agrees(res.p_fisher, printed),
            )
        )
    table, printed = _organ_count_table()
    p = float(chi2_contingency(table, correction=False).pvalue)
    rows.append(
        _row(
            "t2-p-number-of-organs-involved",
            "Table 2 p-value",
            "Table 2",
            "Number of organs involved (1-2, 3-4, ≥5): p-value",
            printed,
            _p_text(p, printed),
            "Pearson chi-square test of independence on the 3 x 2 table",
            _p_agrees(p, printed),
        )
    )
    return rows


@validated
def table2_organ_count_tests() -> pd.DataFrame:
    """p of the 3 x 2 number-of-organs row under the chi-square and the exact test.

    >>> t = table2_organ_count_tests()
    >>> t.set_index("test").agrees.to_dict()
    {'Pearson chi-square': True, 'Fisher-Freeman-Halton exact': False}
    """
    table, printed = _organ_count_table()
    events, sizes = table[:, 0].tolist(), table.sum(axis=1).tolist()
    ps = {
        "Pearson chi-square": float(chi2_contingency(table, correction=False).pvalue),
        "Fisher-Freeman-Halton exact": reconstruct.fisher_freeman_halton_p(events, sizes),
    }
    return pd.DataFrame(
        [
            {"test": t, "printed": printed, "p": p, "agrees": _p_agrees(p, printed)}
            for t, p in ps.items()
        ]
    )


# --------------------------------------------------------------------------------------
# Table 3: odds ratios from recovered 2x2 tables
# --------------------------------------------------------------------------------------


def _table_text(a: int, b: int, c: int, d: int) -> str:
    return f"{a}/{a + b} exposed vs {c}/{c + d} unexposed failed"


def _or_text(orr: float, lo: float, hi: float) -> str:
    return f"{orr:.2f} ({lo:.2f}, {hi:.2f})"


def _sizes() -> tuple[int, int, int]:
    """Group sizes of the cohort (GC, GC+IM, all), read from Table 2 as transcribed."""
    margins = _group_margins()
    n_gc, n_gcim = margins[GC][0], margins[GCIM][0]
    return n_gc, n_gcim, n_gc + n_gcim


def _group_margins() -> dict[str, tuple[int, int]]:
    t2 = data.load("induction_by_treatment").set_index("label")
    fail = t2.loc["Failure of remission induction"]
    return {
        GC: (int(fail["gc_group_size"]), int(fail["gc_count"])),
        GCIM: (int(fail["gcim_group_size"]), int(fail["gcim_count"])),
    }


#: How the exposed-group size of each binary Table 3 row was obtained, in the ledger's words.
_EXPOSURE_BASIS = {
    "sex ratio": "men recovered from the Table 2 sex ratio",
    "Table 2": "exposed count from Table 2",
    "not printed": "exposed count not printed: every value tried",
}


def _table3_checks() -> list[dict[str, object]]:
    t3 = data.load("induction_risk_factors")
    t2 = data.load("induction_by_treatment").set_index("label")
    margins = _group_margins()
    binary = reconstruct.table3_binary_rows(max_missing=MAX_MISSING)
    rows = []
    for r in binary[binary["row_type"] == "estimate"].itertuples():
        n_total, n_events = r.n_total, r.n_events
        prefix = "gc" if r.group == GC else "gcim"
        quantity = f"{r.label}, {r.group}: OR (95% CI)"
        method = (
            f"Wald OR of every 2x2 table with {n_total} patients, {n_events} failures "
            f"({_EXPOSURE_BASIS[r.exposed_source]})"
        )
        cid = f"t3-or-{prefix}-{_slug(r.label)}"
        cells = [r.a, r.b, r.c, r.d]
        if r.solutions_full:
            text = _or_text(r.odds_ratio, r.ci_low, r.ci_high)
            detail = (
                _table_text(*cells) if r.solutions_full == 1 else f"{r.solutions_full} tables fit"
            )
            got, agrees = f"{text}; {detail}", True
        elif r.solutions_searched:
            n_same = r.solutions_same_margins
            alternatives = f" (one of {n_same} tables)" if n_same > 1 else ""
            got = (
                f"none with all {n_total}; fits with {r.patients} patients and "
                f"{r.failures} failures: {cells[0]}/{cells[0] + cells[1]} vs "
                f"{cells[2]}/{cells[2] + cells[3]}{alternatives}"
            )
        else:
            got = (
                f"no 2x2 table with {n_total - MAX_MISSING} to {n_total} patients and at most "
                f"{n_events} failures"
            )
        if not r.solutions_full:
            method += f"; then up to {MAX_MISSING} patients dropped"
            agrees = False
        rows.append(
            _row(cid, "Table 3 odds ratio", r.location, quantity, r.printed, got, method, agrees)
        )
        if r.solutions_full:
            p_ok = [_p_agrees(p, r.p_printed) for p in r.p_wald_full]
            best = r.p_wald_full[int(np.argmax(p_ok))] if any(p_ok) else r.p_wald_full[0]
            rows.append(
                _row(
                    f"t3-p-{prefix}-{_slug(r.label)}",
                    "Table 3 p-value",
                    r.location,
                    f"{r.label}, {r.group}: p-value",
                    r.p_printed,
                    _p_text(best, r.p_printed),
                    "Wald test of the log odds ratio of the recovered table",
                    any(p_ok),
                )
            )
    # number of organs involved: categories against the 1-2 reference
    cats = t2[t2["section"] == "Number of organs involved"]
    for group, prefix in ((GC, "gc"), (GCIM, "gcim")):
        sizes = [int(v) for v in cats[f"{prefix}_count"]]
        est = t3[
            (t3["section"] == "Number of organs involved")
            & (t3["group"] == group)
            & (t3["row_type"] == "estimate")
        ]
        estimates = [(r.odds_ratio, r.ci_low, r.ci_high) for r in est.itertuples()]
        sols = reconstruct.tables_from_category_odds_ratios(sizes, margins[group][1], estimates)
        for j, r in enumerate(est.itertuples(), start=1):
            if len(sols) == 1:
                f = [int(sols.iloc[0][f"f_{i}"]) for i in range(len(sizes))]
                res = stats.odds_ratio_ci(f[j], sizes[j] - f[j], f[0], sizes[0] - f[0])
                got = (
                    f"{_or_text(res.odds_ratio, res.ci_low, res.ci_high)}; failures by "
                    f"category {f[0]}/{sizes[0]}, {f[1]}/{sizes[1]}, {f[2]}/{sizes[2]}"
                )
                ok = True
            else:
                got, ok = f"{len(sols)} splits of the failures fit", False
            rows.append(
                _row(
                    f"t3-or-{prefix}-organs-{_slug(r.label)}",
                    "Table 3 odds ratio",
                    r.location,
                    f"Number of organs {r.label} vs 1 ~ 2, {group}: OR (95% CI)",
                    r.printed,
                    got,
                    "every split of the group's failures over the three Table 2 categories; "
                    "Wald OR of each category against 1 ~ 2",
                    ok,
                )
            )
            if ok and res.se_log is not None and res.odds_ratio is not None:
                z = abs(np.log(res.odds_ratio)) / res.se_log
                p = float(2 * norm.sf(z))
                rows.append(
                    _row(
                        f"t3-p-{prefix}-organs-{_slug(r.label)}",
                        "Table 3 p-value",
                        r.location,
                        f"Number of organs {r.label} vs 1 ~ 2, {group}: p-value",
                        r.p_printed,
                        _p_text(p, r.p_printed),
                        "Wald test of the log odds ratio of the recovered table",
                        _p_agrees(p, r.p_printed),
                    )
                )
    return rows


# --------------------------------------------------------------------------------------
# Fig 3c, cross-table totals, WInS
# --------------------------------------------------------------------------------------


@validated
def fig3c_tests(reading: Text | None = None) -> pd.DataFrame:
    """Every Fig 3c split consistent with the printed numbers, tidy: one row per test.

    On the book's reading (the complete cases) only the test the text names, Fisher's
    exact test of 0-1 against 2-4 factors, reproduces the printed p-value:

    >>> t = fig3c_tests()
    >>> sorted(t.loc[t.agrees, "test"])
    ["Fisher's exact, 0-1 vs 2-4"]
    >>> int(t.agrees.sum()), len(t)
    (1, 7)
    """
    groups = data.load("induction_risk_groups")
    p_row = groups[groups["quantity"] == "p-value"].iloc[0]
    sols = fig3c_solutions(reading)  # refuses an unknown reading by name
    names = {
        "fisher_2x2": "Fisher's exact, 0-1 vs 2-4",
        "chi2_2x2": "Pearson chi-square, 0-1 vs 2-4",
        "yates_2x2": "Yates chi-square, 0-1 vs 2-4",
        "chi2_kx2": "Pearson chi-square, 4 x 2",
        "ffh_kx2": "Fisher-Freeman-Halton exact, 4 x 2",
        "trend": "Cochran-Armitage trend",
        "linear_by_linear": "linear-by-linear association",
    }
    rows = []
    for i, sol in sols.iterrows():
        for key, name in names.items():
            rows.append(
                {
                    "solution": int(i),
                    "test": name,
                    "printed": str(p_row["printed"]),
                    "p": float(sol[f"p_{key}"]),
                    "agrees": bool(sol[f"matches_{key}"]),
                }
            )
    return pd.DataFrame(rows, columns=["solution", "test", "printed", "p", "agrees"])


@validated
def fig3c_solutions(reading: Text | None = None) -> pd.DataFrame:
    """Group sizes and failures of Fig 3c consistent with every printed number.

    ``reading`` is one of the readings of the question ``"fig3c-groups"`` in
    :mod:`igg4lib.readings`; by default the adopted one (the complete cases). Its patient
    and failure totals are the margins the split must add up to.

    >>> sol = fig3c_solutions()
    >>> [int(sol.iloc[0][c]) for c in ("f_0", "n_0")]
    [2, 25]
    """
    options = {r.reading: r for r in readings.readings_of("fig3c-groups")}
    chosen = options[next(iter(options))] if reading is None else options.get(reading)
    if chosen is None:
        raise InvalidArgument(
            f"fig3c_solutions: argument 'reading' got {reading!r}; expected one of "
            f"{sorted(options)} (the readings of the question 'fig3c-groups') or None"
        )
    groups = data.load("induction_risk_groups")
    pct = groups[groups["quantity"] == "failure percent"]
    p_row = groups[groups["quantity"] == "p-value"].iloc[0]
    return reconstruct.risk_count_groups(
        tuple(pct["printed"]),
        n_total=int(chosen.n),
        n_events=int(chosen.events),
        p_printed=str(p_row["value"]),
        labels=tuple(pct["label"]),
    )


def _fig3c_checks() -> list[dict[str, object]]:
    groups = data.load("induction_risk_groups")
    pct = groups[groups["quantity"] == "failure percent"]
    p_row = groups[groups["quantity"] == "p-value"].iloc[0]
    sols = fig3c_solutions()
    rows = []
    unique = len(sols) == 1
    book = readings.adopted("fig3c-groups")
    method = (
        f"the only split of {book.n} patients and {book.events} failures (the book's reading "
        f"'{book.reading}') whose percentages round as printed"
    )
    for r in pct.itertuples():
        if unique:
            n, f = int(sols.iloc[0][f"n_{r.label}"]), int(sols.iloc[0][f"f_{r.label}"])
            got = f"{_pct(f, n, _decimals(r.printed))} ({f}/{n})"
            ok = _pct(f, n, _decimals(r.printed)) == r.printed
        else:
            got, ok = f"{len(sols)} splits fit", False
        rows.append(
            _row(
                f"fig3c-pct-{_slug(r.label)}",
                "Fig 3c",
                r.location,
                f"Failure with {r.label} risk factors",
                r.printed,
                got,
                method,
                ok,
            )
        )
    tests = fig3c_tests()
    fisher = tests[tests["test"] == "Fisher's exact, 0-1 vs 2-4"]
    if unique and len(fisher) == 1:
        p = float(fisher["p"].iloc[0])
        got, ok = f"p = {_p_text(p, str(p_row['value']))}", bool(fisher["agrees"].iloc[0])
    else:
        got, ok = f"{len(sols)} splits fit", False
    rows.append(
        _row(
            "fig3c-p-grouped",
            "Fig 3c",
            p_row["location"],
            "Failure, 0-1 vs 2-4 risk factors: p-value",
            p_row["printed"],
            got,
            "Fisher's exact test, two-sided, on the recovered 2x2 table",
            ok,
        )
    )
    return rows


def _total_check(
    cid: str, location: str, quantity: str, printed: int, parts: list[int], method: str
) -> dict[str, object]:
    return _row(
        cid,
        "totals across tables",
        location,
        quantity,
        str(printed),
        str(sum(parts)),
        method,
        sum(parts) == printed,
    )


def _consistency_checks() -> list[dict[str, object]]:
    n_gc, n_gcim, n_cohort = _sizes()
    rows = []
    t1 = data.load("induction_baseline").set_index("label")
    t2 = data.load("induction_by_treatment").set_index("label")
    label_in_t1 = {"Allergy history": "Allergy history, n (%)"}
    for label, r in t2[t2["statistic"] == "n (%)"].iterrows():
        if r["section"] == "Outcomes at month 6":
            continue
        t1_label = label_in_t1.get(label, label)
        rows.append(
            _total_check(
                f"t1t2-sum-{_slug(label)}",
                "Tables 1 and 2",
                f"{label}: Table 1 count equals the sum of the Table 2 groups",
                int(t1.loc[t1_label, "count"]),
                [int(r["gc_count"]), int(r["gcim_count"])],
                f"{int(r['gc_count'])} + {int(r['gcim_count'])}",
            )
        )
    for section in ("Diagnosis, n (%)", "Number of organs involved, n (%)"):
        part = t1[t1["section"] == section]
        rows.append(
            _total_check(
                f"t1-sum-{_slug(section)}",
                "Table 1",
                f"{section.split(',')[0]}: categories add up to the cohort",
                n_cohort,
                [int(v) for v in part["count"]],
                " + ".join(str(int(v)) for v in part["count"]),
            )
        )
    men, women = int(t1.loc["Male patients", "count"]), int(t1.loc["Female patients", "count"])
    rows.append(
        _total_check(
            "text-sum-sex",
            "Results text",
            "Men and women add up to the cohort",
            n_cohort,
            [men, women],
            f"{men} + {women}",
        )
    )
    ratio = t1.loc["Sex (male:female)"]
    got = f"{men / women:.{_decimals(ratio['printed'])}f}:1"
    rows.append(
        _row(
            "t1-ratio-sex",
            "percentage from its count",
            "Table 1",
            "Sex ratio (male:female)",
            str(ratio["printed"]),
            got,
            f"{men}/{women}",
            got == ratio["printed"],
        )
    )
    gc_men, gcim_men = male_counts()
    for prefix, m, n in (("gc", gc_men, n_gc), ("gcim", gcim_men, n_gcim)):
        printed = str(t2.loc["Sex (male:female)", f"{prefix}_printed"])
        got = f"{m / (n - m):.2f}:1"
        rows.append(
            _row(
                f"t2-ratio-sex-{prefix}",
                "percentage from its count",
                "Table 2",
                f"Sex ratio, {GC if prefix == 'gc' else GCIM}",
                printed,
                got,
                f"{m}/{n - m} (men recovered: the only counts with the printed ratios that "
                f"add up to {men})",
                got == printed,
            )
        )
    outcomes = data.load("induction_outcomes").set_index("label")["count"]
    pieces = [
        "remission without relapse",
        "relapse during GC tapering",
        "persistently active disease at month 6",
    ]
    rows.append(
        _total_check(
            "outcome-sum-cohort",
            "Results text",
            "Remission, relapse and persistent activity add up to the cohort",
            n_cohort,
            [int(outcomes[p]) for p in pieces],
            " + ".join(str(int(outcomes[p])) for p in pieces),
        )
    )
    text_for_t2 = {
        "Failure of remission induction": "failure of remission induction",
        "Relapse": "relapse within 6 months",
        "RI reduction <50%": "decline in RI <50%",
        "Failure of GC tapering": "GC not tapered to maintenance dose at month 6",
    }
    for t2_label, text_label in text_for_t2.items():
        r = t2.loc[t2_label]
        rows.append(
            _total_check(
                f"t2text-sum-{_slug(t2_label)}",
                "Table 2 and Results text",
                f"{t2_label}: the text's count equals the sum of the Table 2 groups",
                int(outcomes[text_label]),
                [int(r["gc_count"]), int(r["gcim_count"])],
                f"{int(r['gc_count'])} + {int(r['gcim_count'])}",
            )
        )
    regimens = data.load("induction_regimens")
    rows.append(
        _total_check(
            "regimens-sum",
            "Methods and Table 2",
            "Immunosuppressant regimens add up to the combination group",
            n_gcim,
            [int(v) for v in regimens["patients"]],
            " + ".join(str(int(v)) for v in regimens["patients"]),
        )
    )
    organ_to_t2 = {
        "lung": "Lung disease",
        "lacrimal gland": "Dacryoadenitis",
        "bile duct": "Sclerosing cholangitis",
        "pancreas": "Autoimmune pancreatitis",
    }
    for r in data.load("induction_organ_failure").itertuples():
        prefix = "gc" if r.group == GC else "gcim"
        t2_label = organ_to_t2[r.label]
        rows.append(
            _total_check(
                f"fig3b-denominator-{prefix}-{_slug(r.label)}",
                "Results text and Table 2",
                f"Fig 3b denominator for the {r.label}, {r.group}, equals Table 2 ({t2_label})",
                int(t2.loc[t2_label, f"{prefix}_count"]),
                [int(r.patients)],
                f"{int(r.patients)} patients in the text",
            )
        )
    return rows


def _wins_checks() -> list[dict[str, object]]:
    book = readings.adopted("wins-arm2-relapses")
    design = data.load("wins_design").set_index("item")
    months = f"{float(design.loc['follow-up for the primary outcome', 'value']):.0f}"
    rows = []
    for r in data.load("wins_trial_arms").itertuples():
        dec = _decimals(r.relapse_printed)
        n = int(r.n_randomised)
        fits = [k for k in range(n + 1) if _pct(k, n, dec) == r.relapse_printed]
        if fits:
            got = ", ".join(f"{_pct(k, n, dec)} ({k}/{n})" for k in fits)
        elif int(r.arm) == 2 and book.n == n and book.events is not None:
            got = (
                f"no whole count of {n}; the book's reading {book.events}/{n} = "
                f"{_pct(book.events, n, dec)}"
            )
        else:
            near = min(range(n + 1), key=lambda k: abs(100 * k / n - r.relapse_percent))
            got = f"no whole count of {n}; nearest {near}/{n} = {_pct(near, n, dec)}"
        rows.append(
            _row(
                f"wins-pct-arm{int(r.arm)}",
                "WInS relapse percentage",
                r.location,
                f"Arm {int(r.arm)} ({r.label}): relapse within {months} months, a whole count of "
                f"the {n} randomised",
                r.relapse_printed,
                got,
                f"every k/{n} that rounds to the printed percentage",
                bool(fits),
                source=r.source,
            )
        )
    return rows


# --------------------------------------------------------------------------------------
# the ledger
# --------------------------------------------------------------------------------------


@validated
def explanations() -> pd.DataFrame:
    """The recorded explanations of disagreements (data set ``ledger_explanations``).

    A row either names a ``question`` of :mod:`igg4lib.readings` (the disagreement is one of
    the ambiguous numbers the book reads once, and the explanation points to that reading) or
    carries its own ``explanation``, never both.
    """
    notes = data.load("ledger_explanations")
    has_q = notes["question"].notna()
    has_text = notes["explanation"].notna()
    both_or_neither = notes.loc[has_q == has_text, "check_id"].tolist()
    if both_or_neither:
        raise ValueError(
            "ledger_explanations rows need a question or an explanation, not both or neither: "
            f"{both_or_neither}"
        )
    known = set(readings.questions())
    unknown = sorted(set(notes.loc[has_q, "question"]) - known)
    if unknown:
        raise ValueError(f"ledger_explanations names unknown reading questions {unknown}")
    return notes


def _explanation_texts() -> dict[str, str]:
    """check_id -> the explanation shown in the ledger (a pointer to the reading where named)."""
    out = {}
    for r in explanations().itertuples():
        if isinstance(r.question, str):
            book = readings.adopted(r.question)
            out[r.check_id] = (
                f"One of the book's readings (question {r.question!r}), stated once in the "
                f"section 'Every reading the book takes'; adopted: {book.value}."
            )
        else:
            out[r.check_id] = str(r.explanation)
    return out


@cache
def _ledger() -> pd.DataFrame:
    rows = (
        _percentage_checks()
        + _consistency_checks()
        + _table2_pvalue_checks()
        + _table3_checks()
        + _fig3c_checks()
        + _wins_checks()
    )
    led = pd.DataFrame(rows, columns=LEDGER_COLUMNS)
    dupes = led["check_id"][led["check_id"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"ledger check ids must be unique; repeated: {dupes}")
    notes = _explanation_texts()
    led["explanation"] = [
        "" if ok else str(notes.get(cid, ""))
        for cid, ok in zip(led.check_id, led.agrees, strict=True)
    ]
    return led


@validated
def build_ledger() -> pd.DataFrame:
    """Build the ledger: one row per check, columns :data:`LEDGER_COLUMNS`.

    ``agrees`` is True when the recomputation matches the printed value at the printed
    precision; ``explanation`` holds the recorded reason for a disagreement (empty when
    none is recorded; see :func:`unexplained`).
    """
    return _ledger().copy()


#: A ledger as :func:`build_ledger` returns it: every column of :data:`LEDGER_COLUMNS`,
#: text (an empty explanation for a row that agrees or is unexplained), ``agrees`` True or
#: False, one row per check (at least one).
_LEDGER = frame_schema(
    {
        **{c: text_column() for c in LEDGER_COLUMNS},
        "check_id": text_column(unique=True),
        "agrees": flag_column(),
    },
)


@validated(frames={"ledger": _LEDGER})
def unexplained(ledger: Frame | None = None) -> pd.DataFrame:
    """Rows that disagree and have no recorded explanation (should be empty).

    ``ledger`` is a result of :func:`build_ledger` (by default the book's ledger).

    >>> len(unexplained())
    0
    """
    led = build_ledger() if ledger is None else ledger
    return led[~led["agrees"] & (led["explanation"] == "")]


@validated(frames={"ledger": _LEDGER})
def summary(ledger: Frame | None = None) -> dict[str, int]:
    """Counts for the book's prose: checks, agreements, explained disagreements.

    ``ledger`` is a result of :func:`build_ledger` (by default the book's ledger).

    >>> s = summary()
    >>> s["checks"] == s["agree"] + s["explained"] + s["unexplained"]
    True
    """
    led = build_ledger() if ledger is None else ledger
    disagree = ~led["agrees"]
    return {
        "checks": len(led),
        "agree": int(led["agrees"].sum()),
        "explained": int((disagree & (led["explanation"] != "")).sum()),
        "unexplained": int((disagree & (led["explanation"] == "")).sum()),
    }
