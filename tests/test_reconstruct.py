"""Tests of igg4lib.reconstruct: round trips, published examples, hand-computed tests."""

from __future__ import annotations

import math
import re
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2 as chi2_dist
from scipy.stats import fisher_exact

from igg4lib import reconstruct as rc
from igg4lib import stats


def printed(x: float) -> float:
    return round(x, 2)


# ---------------------------------------------------------------- tables_from_odds_ratio


def test_dacryoadenitis_gc_monotherapy_has_one_table():
    """Wang 2018 Table 3, 3.39 (1.05, 10.99), p = 0.042, margins from Table 2."""
    t = rc.tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16, n_exposed=35)
    assert list(t.columns) == rc.TABLE_COLUMNS
    assert t[["a", "b", "c", "d"]].values.tolist() == [[11, 24, 5, 37]]
    assert f"{t.p_wald.iloc[0]:.3f}" == "0.042"
    # the same table is the only one even when the number exposed is left free
    free = rc.tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16)
    assert free[["a", "b", "c", "d"]].values.tolist() == [[11, 24, 5, 37]]


def test_every_returned_table_agrees_with_igg4lib_stats():
    t = rc.tables_from_odds_ratio(1.51, 0.49, 4.68, n_total=77, n_events=16)
    assert len(t) >= 1
    for row in t.itertuples():
        r = stats.odds_ratio_ci(row.a, row.b, row.c, row.d)
        assert (printed(r.odds_ratio), printed(r.ci_low), printed(r.ci_high)) == (
            1.51,
            0.49,
            4.68,
        )
        assert row.a + row.b == row.n_exposed
        assert row.a + row.c == 16 and row.a + row.b + row.c + row.d == 77


def test_trailing_zeros_dropped_are_read_at_two_decimals():
    """'34.6' in Table 3 means 34.60: Male sex under GC + IM, 96 men (2.29:1 of 138)."""
    t = rc.tables_from_odds_ratio(4.24, 0.52, 34.6, n_total=138, n_events=10, n_exposed=96)
    assert t[["a", "b", "c", "d"]].values.tolist() == [[9, 87, 1, 41]]


def test_no_table_fits_allergy_with_138_but_one_fits_with_136():
    args = (2.12, 0.52, 8.58)
    assert rc.tables_from_odds_ratio(*args, n_total=138, n_events=10, n_exposed=73).empty
    t = rc.tables_from_odds_ratio(*args, n_total=136, n_events=10, n_exposed=73)
    assert t[["a", "b", "c", "d"]].values.tolist() == [[7, 66, 3, 60]]


def test_empty_result_keeps_columns():
    t = rc.tables_from_odds_ratio(50.0, 49.0, 51.0, n_total=20, n_events=5)
    assert t.empty and list(t.columns) == rc.TABLE_COLUMNS


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "message"),
    [
        ((2.0, 3.0, 4.0), {"n_total": 10, "n_events": 2}, ValueError,
         r"argument 'ci_low' got 3.0; expected ci_low <= odds_ratio \(2.0\)"),
        ((-1.0, 0.5, 2.0), {"n_total": 10, "n_events": 2}, ValueError,
         "argument 'odds_ratio' got -1.0; expected a value >= 0"),
        ((1.0, 0.5, 2.0), {"n_total": 10, "n_events": 11}, ValueError,
         r"argument 'n_events' got 11; expected at most n_total \(10\)"),
        ((1.0, 0.5, 2.0), {"n_total": 1, "n_events": 0}, ValueError,
         "argument 'n_total' got 1; expected a value >= 2"),
        (
            (1.0, 0.5, 2.0),
            {"n_total": 10, "n_events": 2, "n_exposed": 10},
            ValueError,
            r"argument 'n_exposed' got 10; expected less than n_total \(10\)",
        ),
        ((1.0, 0.5, 2.0), {"n_total": 10.5, "n_events": 2}, TypeError,
         "argument 'n_total' got 10.5; expected a whole number"),
        (("1", 0.5, 2.0), {"n_total": 10, "n_events": 2}, TypeError,
         "argument 'odds_ratio' got '1' \\(str\\); expected a number"),
        ((1.0, 0.5, 2.0), {"n_total": 10_000, "n_events": 5_000}, ValueError,
         "argument 'n_total' got 10000; expected a search of at most MAX_SEARCH_TABLES"),
    ],
)
def test_tables_from_odds_ratio_rejects_bad_input(args, kwargs, exc, message):
    with pytest.raises(exc, match=message):
        rc.tables_from_odds_ratio(*args, **kwargs)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(1, 30), st.integers(1, 30))
def test_round_trip_finds_the_original_table(a, b, c, d):
    r = stats.odds_ratio_ci(a, b, c, d)
    found = rc.tables_from_odds_ratio(
        printed(r.odds_ratio),
        printed(r.ci_low),
        printed(r.ci_high),
        n_total=a + b + c + d,
        n_events=a + c,
        n_exposed=a + b,
    )
    assert [a, b, c, d] in found[["a", "b", "c", "d"]].values.tolist()


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 15), st.integers(1, 15), st.integers(1, 15), st.integers(1, 15))
def test_free_exposure_search_contains_fixed_search(a, b, c, d):
    r = stats.odds_ratio_ci(a, b, c, d)
    key = (printed(r.odds_ratio), printed(r.ci_low), printed(r.ci_high))
    margins = {"n_total": a + b + c + d, "n_events": a + c}
    fixed = rc.tables_from_odds_ratio(*key, **margins, n_exposed=a + b)
    free = rc.tables_from_odds_ratio(*key, **margins)
    assert set(map(tuple, fixed.values.tolist())) <= set(map(tuple, free.values.tolist()))


# ---------------------------------------------------------------- search_margins


def test_eosinophilia_needs_missing_patients():
    """7.27 (2.05, 25.74) fits no table of 77 with 16 events; 66 with 15 fits."""
    assert rc.tables_from_odds_ratio(7.27, 2.05, 25.74, n_total=77, n_events=16).empty
    s = rc.search_margins(7.27, 2.05, 25.74, max_total=77, max_events=16, min_total=60)
    assert s[["a", "b", "c", "d", "n_total", "n_events"]].values.tolist() == [
        [10, 11, 5, 40, 66, 15]
    ]
    assert (int(s.missing.iloc[0]), int(s.events_missing.iloc[0])) == (11, 1)
    assert f"{s.p_wald.iloc[0]:.3f}" == "0.002"


def test_search_starts_from_full_margins():
    s = rc.search_margins(3.39, 1.05, 10.99, max_total=77, max_events=16, min_total=75)
    assert int(s.missing.iloc[0]) == 0 and int(s.events_missing.iloc[0]) == 0
    assert list(s.missing) == sorted(s.missing)


def test_search_rejects_inverted_range():
    with pytest.raises(ValueError, match=r"argument 'min_total' got 60; expected at most max_t"):
        rc.search_margins(1.0, 0.5, 2.0, max_total=50, max_events=5, min_total=60)


def test_search_with_nothing_found_is_empty():
    s = rc.search_margins(40.0, 39.9, 40.1, max_total=12, max_events=3)
    assert s.empty and "missing" in s.columns


@pytest.mark.parametrize("n_exposed", [35, 1])
def test_a_search_over_too_many_margins_is_refused_at_once(n_exposed):
    """Within MAX_SEARCH_TABLES (8.6 million tables) but about 400,000 margins, each one fit:
    these calls used to run for 12-14 seconds; they are refused before any fit."""
    start = time.perf_counter()
    with pytest.raises(ValueError, match=r"argument 'max_total' got 10000; expected a search "
                                         r"of at most MAX_SEARCH_FITS = 50,000 margins"):
        rc.search_margins(3.39, 1.05, 10.99, max_total=10000, min_total=2, max_events=40,
                          n_exposed=n_exposed)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("kwargs", [
    dict(max_total=77, max_events=16, min_total=2),
    dict(max_total=77, max_events=16, min_total=60, n_exposed=35),
    dict(max_total=30, max_events=40, min_total=2, n_exposed=10),
    dict(max_total=12, max_events=3),
])
def test_the_margin_bound_counts_the_fits_the_search_makes(kwargs, monkeypatch):
    """The bound counts what drives the time: one fit per (total, events) pair searched."""
    calls = []
    fit = rc._fit_arrays

    def counting(orr, lo, hi, total, events, exposed_values, dec):
        calls.append((total, events))
        return fit(orr, lo, hi, total, events, exposed_values, dec)

    monkeypatch.setattr(rc, "_fit_arrays", counting)
    rc.search_margins(7.27, 2.05, 25.74, **kwargs)
    arguments = {"min_total": None, "n_exposed": None, **kwargs}
    assert len(calls) == len(set(calls)) == rc._margin_search_fits(arguments)


# ---------------------------------------------------------------- categories


def test_number_of_organs_gc_monotherapy():
    sols = rc.tables_from_category_odds_ratios(
        [32, 35, 10], 16, [(2.86, 0.69, 11.93), (9.67, 1.74, 53.84)]
    )
    assert sols.to_dict("records") == [{"f_0": 3, "f_1": 8, "f_2": 5}]
    r = stats.odds_ratio_ci(8, 27, 3, 29)
    assert (printed(r.odds_ratio), printed(r.ci_low), printed(r.ci_high)) == (2.86, 0.69, 11.93)


def test_category_estimates_must_match_categories():
    with pytest.raises(ValueError, match="one \\(OR, low, high\\) per non-reference"):
        rc.tables_from_category_odds_ratios([10, 10, 10], 5, [(1.0, 0.5, 2.0)])


# ---------------------------------------------------------------- exact and trend tests


@pytest.mark.parametrize("table", [(16, 77, 10, 138), (2, 10, 8, 11), (0, 5, 4, 6)])
def test_ffh_equals_fisher_for_two_groups(table):
    f1, n1, f2, n2 = table
    expected = fisher_exact([[f1, n1 - f1], [f2, n2 - f2]]).pvalue
    assert rc.fisher_freeman_halton_p([f1, f2], [n1, n2]) == pytest.approx(expected, rel=1e-9)


def test_ffh_three_groups_by_enumeration():
    """3 x 2 table, events (0, 1, 3) of (3, 3, 3): enumerate all tables by hand."""
    ns, obs = (3, 3, 3), (0, 1, 3)
    total_events = sum(obs)

    def prob(fs):
        return math.prod(math.comb(n, f) for n, f in zip(ns, fs, strict=True)) / math.comb(
            9, total_events
        )

    tables = [
        (x, y, total_events - x - y)
        for x in range(4)
        for y in range(4)
        if 0 <= total_events - x - y <= 3
    ]
    assert sum(prob(t) for t in tables) == pytest.approx(1.0)
    expected = sum(prob(t) for t in tables if prob(t) <= prob(obs) * (1 + 1e-9))
    assert rc.fisher_freeman_halton_p(obs, ns) == pytest.approx(expected)


def test_ffh_rejects_bad_input():
    with pytest.raises(ValueError, match=r"'events' got \[1, 5\] \(list\); expected events\[i\]"):
        rc.fisher_freeman_halton_p([1, 5], [3, 4])
    with pytest.raises(ValueError, match=r"argument 'events' got .*; expected one count per group"):
        rc.fisher_freeman_halton_p([1, 2], [3, 4, 5])
    with pytest.raises(ValueError, match=r"argument 'events' got .*; expected at least 2 item"):
        rc.fisher_freeman_halton_p([1], [3])


def test_trend_tests_by_hand():
    events, sizes = [3, 3, 5, 5], [36, 21, 13, 7]
    # individual-level data: score and 0/1 event for every patient
    score = np.repeat(np.arange(4), sizes)
    event = np.concatenate(
        [np.r_[np.ones(f), np.zeros(n - f)] for f, n in zip(events, sizes, strict=True)]
    )
    r = np.corrcoef(score, event)[0, 1]
    total = sum(sizes)
    lbl = chi2_dist.sf((total - 1) * r * r, 1)
    ca = chi2_dist.sf(total * r * r, 1)
    got_ca, got_lbl = rc.cochran_armitage_p(events, sizes)
    assert got_ca == pytest.approx(ca, rel=1e-9)
    assert got_lbl == pytest.approx(lbl, rel=1e-9)


def test_trend_undefined_without_events():
    with pytest.raises(ValueError, match="trend test undefined"):
        rc.cochran_armitage_p([0, 0, 0], [5, 5, 5])


# ---------------------------------------------------------------- Fig 3c


def _fig3c_printed() -> tuple[tuple[str, ...], str]:
    from igg4lib import data

    fig = data.load("induction_risk_groups")
    pcts = tuple(fig.loc[fig["quantity"] == "failure percent", "printed"])
    p_text = str(fig.loc[fig["quantity"] == "p-value", "printed"].iloc[0]).split("=")[-1]
    return pcts, p_text.strip()


def _fig3c(n_total: int, n_events: int, **kw) -> pd.DataFrame:
    pcts, p_text = _fig3c_printed()
    return rc.risk_count_groups(pcts, n_total=n_total, n_events=n_events, p_printed=p_text, **kw)


def _split(row: pd.Series) -> list[tuple[int, int]]:
    return [(int(row[f"n_{g}"]), int(row[f"f_{g}"])) for g in ("0", "1", "2", "3-4")]


def _reading_split(reading) -> list[tuple[int, int]]:
    pairs = [part.strip().split("/") for part in reading.value.split(",")]
    return [(int(n), int(f)) for f, n in pairs]


def _gc_margins() -> tuple[int, int]:
    from igg4lib import data

    t2 = data.load("induction_by_treatment").set_index("label")
    row = t2.loc["Failure of remission induction"]
    return int(row["gc_group_size"]), int(row["gc_count"])


def test_fig3c_all_patients_split_is_the_ruled_out_reading():
    """Over all GC-alone patients the search finds one split: the reading the book rules out."""
    from igg4lib import readings

    n, f = _gc_margins()
    sols = _fig3c(n, f)
    assert len(sols) == 1
    row = sols.iloc[0]
    ruled_out = [r for r in readings.readings_of("fig3c-groups") if r.status == "ruled out"]
    assert len(ruled_out) == 1
    assert (ruled_out[0].n, ruled_out[0].events) == (n, f)
    assert _split(row) == _reading_split(ruled_out[0])
    # 0-1 vs 2-4 from the split itself
    low = _split(row)[:2]
    high = _split(row)[2:]
    lf, ln = sum(x for _, x in low), sum(x for x, _ in low)
    hf, hn = sum(x for _, x in high), sum(x for x, _ in high)
    p = fisher_exact([[lf, ln - lf], [hf, hn - hf]]).pvalue
    assert row.p_fisher_2x2 == pytest.approx(p)
    assert f"{row.p_fisher_2x2:.3f}" == "0.001"
    assert bool(row.matches_fisher_2x2) and bool(row.matches_yates_2x2)
    assert not bool(row.matches_chi2_2x2)  # Pearson without correction prints 0.000
    assert not bool(row.matches_trend) and not bool(row.matches_linear_by_linear)
    # its first group only rounds to the printed "8%" at a whole percent
    pcts, _ = _fig3c_printed()
    strict = (pcts[0].replace("%", ".0%"), *pcts[1:])
    assert rc.risk_count_groups(strict, n_total=n, n_events=f, p_printed="0.001").empty


def test_fig3c_complete_case_split_is_the_adopted_reading():
    """With the complete cases (the adopted reading's total) the split is unique and equal."""
    from igg4lib import readings

    r = readings.adopted("fig3c-groups")
    sols = _fig3c(r.n, r.events)
    assert len(sols) == 1
    assert _split(sols.iloc[0]) == _reading_split(r)
    assert bool(sols.iloc[0].matches_fisher_2x2)
    # the complete-case total is the eosinophilia reading's, which the Table 3 search finds
    eos = readings.adopted("eosinophilia-denominator")
    assert (eos.n, eos.events) == (r.n, r.events)


def test_fig3c_percentages_are_reproduced():
    pcts, _ = _fig3c_printed()
    for n, f in (_gc_margins(),):
        row = _fig3c(n, f).iloc[0]
        for g, text in zip(("0", "1", "2", "3-4"), pcts, strict=True):
            assert rc.percent_matches(int(row[f"f_{g}"]), int(row[f"n_{g}"]), text)


def test_risk_count_groups_finds_nothing_for_impossible_totals():
    assert _fig3c(20, 16).empty


def test_risk_count_groups_rejects_bad_split_and_text():
    with pytest.raises(ValueError, match="argument 'split' got 4; expected between 1 and"):
        _fig3c(77, 16, split=4)
    with pytest.raises(ValueError, match=r"argument 'percents\[1\]' got 'x'; expected a perc"):
        rc.risk_count_groups(("8%", "x", "38.5%", "71.4%"), n_total=77, n_events=16,
                             p_printed="0.001")


def test_risk_count_groups_has_no_published_defaults():
    with pytest.raises(TypeError):
        rc.risk_count_groups(("8%", "14.3%"))  # type: ignore[call-arg]


def test_percent_matches_uses_printed_precision():
    assert rc.percent_matches(3, 36, "8%")  # 8.33 rounds to 8
    assert not rc.percent_matches(3, 36, "8.0%")
    assert rc.percent_matches(25, 48, "52.1%")
    assert not rc.percent_matches(7, 49, "14.2%")


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.integers(3, 20).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
        min_size=3,
        max_size=3,
    )
)
def test_risk_count_groups_round_trip(groups):
    """Print a split's percentages to one decimal; the split must be among the solutions."""
    ns = [n for n, _ in groups]
    fs = [f for _, f in groups]
    if sum(fs) == 0 or sum(fs) == sum(ns):
        return  # no events or no non-events: the tests are undefined
    percents = tuple(f"{100 * f / n:.1f}%" for n, f in groups)
    sols = rc.risk_count_groups(
        percents,
        n_total=sum(ns),
        n_events=sum(fs),
        p_printed="0.5",
        split=1,
        labels=("a", "b", "c"),
    )
    found = sols[["n_a", "f_a", "n_b", "f_b", "n_c", "f_c"]].values.tolist()
    assert [ns[0], fs[0], ns[1], fs[1], ns[2], fs[2]] in found


@settings(max_examples=25, deadline=None)
@given(st.integers(5, 25), st.integers(5, 25), st.integers(5, 25), st.data())
def test_category_odds_ratios_round_trip(n0, n1, n2, draw):
    f0 = draw.draw(st.integers(1, n0 - 1))
    f1 = draw.draw(st.integers(1, n1 - 1))
    f2 = draw.draw(st.integers(1, n2 - 1))
    estimates = []
    for f, n in ((f1, n1), (f2, n2)):
        r = stats.odds_ratio_ci(f, n - f, f0, n0 - f0)
        estimates.append((printed(r.odds_ratio), printed(r.ci_low), printed(r.ci_high)))
    sols = rc.tables_from_category_odds_ratios([n0, n1, n2], f0 + f1 + f2, estimates)
    assert {"f_0": f0, "f_1": f1, "f_2": f2} in sols.to_dict("records")


# ---------------------------------------------------------------- table3_binary_rows


@pytest.fixture(scope="module")
def table3_rows():
    return rc.table3_binary_rows()


def test_table3_binary_rows_cover_every_binary_row_of_both_groups(table3_rows):
    assert len(table3_rows) == 2 * len(rc.TABLE3_BINARY_LABELS) == 28
    assert set(table3_rows["label"]) == set(rc.TABLE3_BINARY_LABELS)
    assert table3_rows.groupby("group").size().to_dict() == {
        "GC + IM combination therapy": 14,
        "GC monotherapy": 14,
    }
    # the group margins of Table 2: 77 patients (16 failures) and 138 (10 failures)
    margins = table3_rows.groupby("group")[["n_total", "n_events"]].first()
    assert margins.loc["GC monotherapy"].tolist() == [77, 16]
    assert margins.loc["GC + IM combination therapy"].tolist() == [138, 10]


def test_table3_binary_rows_recover_the_printed_or_and_ci(table3_rows):
    """Every recovered table reproduces the printed OR and both limits at 2 decimals."""
    found = table3_rows[table3_rows["a"].notna()]
    assert len(found) == 26
    for r in found.itertuples():
        res = stats.odds_ratio_ci(int(r.a), int(r.b), int(r.c), int(r.d))
        assert res.odds_ratio == pytest.approx(r.odds_ratio)
        got = [round(v, 2) for v in (res.odds_ratio, res.ci_low, res.ci_high)]
        printed_or = [float(x) for x in re.findall(r"[\d.]+", r.printed)]
        assert got == printed_or, r.label
        assert int(r.a + r.b + r.c + r.d) == r.patients
        assert int(r.a + r.c) == r.failures


def test_table3_binary_rows_full_margins_reproduce_printed_p(table3_rows):
    full = table3_rows[table3_rows["solutions_full"] == 1]
    assert len(full) == 18
    for r in full.itertuples():
        assert r.patients == r.n_total and r.failures == r.n_events
        assert r.p_wald_full == (r.p_wald,)
    dacryo = full.set_index(["group", "label"]).loc[("GC monotherapy", "Dacryoadenitis")]
    assert [int(dacryo[k]) for k in "abcd"] == [11, 24, 5, 37]
    assert f"{dacryo.odds_ratio:.2f} ({dacryo.ci_low:.2f}, {dacryo.ci_high:.2f})" == (
        "3.39 (1.05, 10.99)"
    )
    assert f"{dacryo.p_wald:.3f}" == "0.042"


def test_table3_binary_rows_exposed_sizes_from_table2(table3_rows):
    t = table3_rows.set_index(["group", "label"])
    # men from the printed male:female ratios 2.08 (of 77) and 2.29 (of 138)
    assert t.loc[("GC monotherapy", "Male sex"), "exposed_known"] == 52
    assert t.loc[("GC + IM combination therapy", "Male sex"), "exposed_known"] == 96
    assert t.loc[("GC monotherapy", "Male sex"), "exposed_source"] == "sex ratio"
    assert t.loc[("GC monotherapy", "Dacryoadenitis"), "exposed_known"] == 35
    assert t.loc[("GC monotherapy", "Dacryoadenitis"), "exposed_source"] == "Table 2"
    unknown = table3_rows[table3_rows["label"].isin(rc.TABLE3_EXPOSED_UNKNOWN)]
    assert unknown["exposed_known"].isna().all()
    assert (unknown["exposed_source"] == "not printed").all()


def test_table3_binary_rows_search_over_smaller_totals(table3_rows):
    t = table3_rows.set_index(["group", "label"])
    eos = t.loc[("GC monotherapy", "Eosinophilia")]
    assert (eos.solutions_full, eos.solutions_searched) == (0, 1)
    assert (eos.patients, eos.failures) == (66, 15)
    assert [int(eos[k]) for k in "abcd"] == [10, 11, 5, 40]
    assert eos.status == "unique once 11 patients (1 failure) are missing"
    taper = t.loc[("GC monotherapy", "GC tapered before week 4")]
    assert taper.solutions_searched == 4
    assert taper.status == "4 tables over smaller totals: not identified"
    crp = t.loc[("GC + IM combination therapy", "Elevation of CRP")]
    assert crp.solutions_searched == 0 and pd.isna(crp.a)
    assert crp.status == "no table within 20 missing patients"
    rpf = t.loc[("GC monotherapy", "Retroperitoneal fibrosis")]
    assert rpf.row_type == "not applicable" and rpf.solutions_full == 0
    assert rpf.status.startswith("not applicable")


def test_table3_binary_rows_smaller_search_window():
    """With at most 10 patients dropped, eosinophilia (11 missing) is no longer found."""
    t = rc.table3_binary_rows(max_missing=10).set_index(["group", "label"])
    eos = t.loc[("GC monotherapy", "Eosinophilia")]
    assert eos.solutions_searched == 0
    assert eos.status == "no table within 10 missing patients"


@pytest.mark.parametrize(
    ("value", "error"), [(-1, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_table3_binary_rows_rejects_bad_max_missing(value, error):
    with pytest.raises(error, match="max_missing"):
        rc.table3_binary_rows(max_missing=value)


def test_percent_matches_refuses_impossible_input():
    """A percentage above 100% or a count above its total is refused, not matched."""
    with pytest.raises(ValueError, match=r"argument 'count' got 100; expected at most n \(77\)"):
        rc.percent_matches(100, 77, "129.9%")
    with pytest.raises(ValueError, match=r"argument 'printed' got '129.9%'; expected a percentage"):
        rc.percent_matches(10, 77, "129.9%")
    with pytest.raises(ValueError, match="argument 'printed'"):
        rc.percent_matches(10, 77, "about 13")


def test_risk_count_groups_refuses_impossible_printed_numbers():
    """A printed percentage above 100% or a p-value above 1 is refused, not compared."""
    with pytest.raises(ValueError, match=r"argument 'percents\[3\]' got '129.9%'"):
        rc.risk_count_groups(("8%", "14.3%", "38.5%", "129.9%"), n_total=66, n_events=15,
                             p_printed="0.001")
    with pytest.raises(ValueError, match=r"argument 'p_printed' got '1\.5'; expected a printed p"):
        rc.risk_count_groups(("8%", "14.3%", "38.5%", "71.4%"), n_total=66, n_events=15,
                             p_printed="1.5")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: rc.search_margins(3.0, 1.0, 9.0, max_total=2000, min_total=2, max_events=900),
         "max_total"),
        (lambda: rc.fisher_freeman_halton_p([500, 500, 500], [1000, 900, 600]), "sizes"),
        (lambda: rc.tables_from_category_odds_ratios([900, 900, 900], 900,
                                                     [(2.0, 1.0, 4.0), (2.0, 1.0, 4.0)]),
         "sizes"),
        (lambda: rc.risk_count_groups(("50%", "50%"), n_total=2000, n_events=1000,
                                      p_printed="0.5", labels=("a", "b"), split=1), "n_total"),
    ],
)
def test_searches_beyond_their_bounds_are_refused_at_once(call, argument):
    start = time.perf_counter()
    with pytest.raises(ValueError, match=f"argument '{argument}'|arguments '{argument}'"):
        call()
    assert time.perf_counter() - start < 2.0
