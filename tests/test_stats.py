"""Tests of igg4lib.stats: hand-computed values, published numbers, errors and properties.

Reference values are computed here from the textbook formulas with :mod:`math` only, so they
do not share code with scipy/statsmodels, which the module uses underneath.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from igg4lib import stats

Z95 = 1.959963984540054


def hand_wilson(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def hand_fisher(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher p: sum of hypergeometric tables no more probable than the observed."""
    r1, c1, n = a + b, a + c, a + b + c + d

    def prob(k: int) -> float:
        return math.comb(c1, k) * math.comb(n - c1, r1 - k) / math.comb(n, r1)

    observed = prob(a)
    lo, hi = max(0, r1 + c1 - n), min(r1, c1)
    return sum(prob(k) for k in range(lo, hi + 1) if prob(k) <= observed * (1 + 1e-7))


def hand_chi2_p(a: int, b: int, c: int, d: int, yates: bool) -> float:
    n = a + b + c + d
    diff = abs(a * d - b * c)
    if yates:
        diff = max(diff - n / 2, 0)
    x2 = n * diff**2 / ((a + b) * (c + d) * (a + c) * (b + d))
    return math.erfc(math.sqrt(x2 / 2))  # chi-square survival function with 1 df


# ---------------------------------------------------------------- wilson_ci


def test_wilson_matches_formula_for_gc_monotherapy_failures():
    r = stats.wilson_ci(16, 77)
    lo, hi = hand_wilson(16, 77)
    assert r.estimate == pytest.approx(16 / 77)
    assert r.ci_low == pytest.approx(lo, abs=1e-12)
    assert r.ci_high == pytest.approx(hi, abs=1e-12)
    assert (round(r.ci_low, 3), round(r.ci_high, 3)) == (0.132, 0.311)


def test_wilson_boundaries_are_exact():
    assert stats.wilson_ci(0, 25).ci_low == 0.0
    assert stats.wilson_ci(25, 25).ci_high == 1.0
    assert stats.wilson_ci(0, 25).ci_high == pytest.approx(hand_wilson(0, 25)[1])


def test_wilson_level_changes_width():
    r90 = stats.wilson_ci(10, 40, level=0.90)
    lo, hi = hand_wilson(10, 40, z=1.6448536269514722)
    assert (r90.ci_low, r90.ci_high) == pytest.approx((lo, hi))


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "message"),
    [
        ((-1, 10), {}, ValueError, "argument 'x' got -1; expected a value >= 0"),
        ((11, 10), {}, ValueError, "argument 'x' got 11; expected at most n (10)"),
        ((0, 0), {}, ValueError, "argument 'n' got 0; expected a value >= 1"),
        ((2.5, 10), {}, TypeError, "argument 'x' got 2.5; expected a whole number"),
        ((True, 10), {}, TypeError, "argument 'x' got True; expected a whole number"),
        ((1, 10), {"level": 1.0}, ValueError, "argument 'level' got 1.0; expected a value < 1"),
        ((1, 10), {"level": "95%"}, TypeError,
         "argument 'level' got '95%' (str); expected a number"),
    ],
)
def test_wilson_rejects_bad_input(args, kwargs, exc, message):
    with pytest.raises(exc, match=re.escape(message)):
        stats.wilson_ci(*args, **kwargs)


def test_counts_are_strict_whole_numbers():
    assert stats.wilson_ci(np.int64(16), np.int64(77)).x == 16
    for bad in (16.0, "16", np.float64(16.0)):
        with pytest.raises(TypeError, match=r"argument 'x' got .*; expected a whole number"):
            stats.wilson_ci(bad, 77)


# ---------------------------------------------------------------- odds_ratio_ci


def test_odds_ratio_matches_woolf_by_hand():
    r = stats.odds_ratio_ci(16, 61, 10, 128)
    se = math.sqrt(1 / 16 + 1 / 61 + 1 / 10 + 1 / 128)
    assert r.odds_ratio == pytest.approx(16 * 128 / (61 * 10))
    assert r.se_log == pytest.approx(se)
    assert r.ci_low == pytest.approx(math.exp(math.log(2048 / 610) - Z95 * se))
    assert r.ci_high == pytest.approx(math.exp(math.log(2048 / 610) + Z95 * se))
    assert (round(r.odds_ratio, 2), round(r.ci_low, 2), round(r.ci_high, 2)) == (3.36, 1.44, 7.83)


def test_odds_ratio_zero_cells_never_nan():
    zero_num = stats.odds_ratio_ci(0, 12, 16, 49)
    assert zero_num.odds_ratio == 0.0
    assert (zero_num.ci_low, zero_num.ci_high, zero_num.se_log) == (None, None, None)
    zero_den = stats.odds_ratio_ci(5, 0, 16, 49)
    assert zero_den.odds_ratio == math.inf
    assert zero_den.ci_low is None
    undefined = stats.odds_ratio_ci(0, 10, 0, 20)
    assert undefined.odds_ratio is None


def test_odds_ratio_haldane_correction():
    r = stats.odds_ratio_ci(0, 12, 16, 49, zero_cell_correction=True)
    assert r.zero_cell_correction is True
    assert r.odds_ratio == pytest.approx(0.5 * 49.5 / (12.5 * 16.5))
    assert r.ci_low is not None and r.ci_low < r.odds_ratio < r.ci_high
    # no zero cell: the correction is not applied
    assert stats.odds_ratio_ci(1, 2, 3, 4, zero_cell_correction=True).zero_cell_correction is False


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ((-1, 2, 3, 4), "argument 'a' got -1; expected a value >= 0"),
        ((1, 2, 3, -4), "argument 'd' got -4; expected a value >= 0"),
        ((0, 0, 3, 4), r"argument 'a' got 0; expected a \+ b \(the exposed row\) >= 1"),
        ((1, 2, 0, 0), r"argument 'c' got 0; expected c \+ d \(the unexposed row\) >= 1"),
    ],
)
def test_odds_ratio_rejects_bad_cells(cells, message):
    with pytest.raises(ValueError, match=message):
        stats.odds_ratio_ci(*cells)


# ---------------------------------------------------------------- compare_proportions


def test_compare_proportions_table2_failure_row():
    """Wang 2018, Table 2: failure 16/77 (20.8%) vs 10/138 (7.2%), p = 0.008."""
    r = stats.compare_proportions(16, 77, 10, 138)
    assert f"{100 * r.p1:.1f}" == "20.8"
    assert f"{100 * r.p2:.1f}" == "7.2"
    assert f"{r.p_fisher:.3f}" == "0.008"
    assert r.p_fisher == pytest.approx(hand_fisher(16, 61, 10, 128), rel=1e-9)
    assert r.p_chi2 == pytest.approx(hand_chi2_p(16, 61, 10, 128, yates=False), rel=1e-9)
    assert r.p_chi2_yates == pytest.approx(hand_chi2_p(16, 61, 10, 128, yates=True), rel=1e-9)
    # Pearson chi-square would have printed 0.004, Yates 0.007: Fisher is what was printed.
    assert f"{r.p_chi2:.3f}" == "0.004"
    assert f"{r.p_chi2_yates:.3f}" == "0.007"


def test_compare_proportions_ratios_by_hand():
    r = stats.compare_proportions(16, 77, 10, 138)
    rr = (16 / 77) / (10 / 138)
    se = math.sqrt(1 / 16 - 1 / 77 + 1 / 10 - 1 / 138)
    assert r.risk_ratio == pytest.approx(rr)
    assert r.rr_ci_low == pytest.approx(rr * math.exp(-Z95 * se))
    assert r.rr_ci_high == pytest.approx(rr * math.exp(Z95 * se))
    assert r.odds_ratio == pytest.approx(2048 / 610)


def test_newcombe_interval_by_hand():
    r = stats.compare_proportions(16, 77, 10, 138)
    p1, p2 = 16 / 77, 10 / 138
    l1, u1 = hand_wilson(16, 77)
    l2, u2 = hand_wilson(10, 138)
    assert r.rd_ci_low == pytest.approx(p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2))
    assert r.rd_ci_high == pytest.approx(p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def test_wald_risk_difference_interval_by_hand():
    r = stats.compare_proportions(16, 77, 10, 138, rd_method="wald")
    p1, p2 = 16 / 77, 10 / 138
    se = math.sqrt(p1 * (1 - p1) / 77 + p2 * (1 - p2) / 138)
    assert (r.rd_ci_low, r.rd_ci_high) == pytest.approx((p1 - p2 - Z95 * se, p1 - p2 + Z95 * se))


def test_nnt_benefit_with_finite_interval():
    r = stats.compare_proportions(16, 77, 10, 138)
    assert r.nnt.kind == "NNTB"
    assert r.nnt.value == pytest.approx(1 / (16 / 77 - 10 / 138))
    assert r.nnt.ci_low == pytest.approx(1 / r.rd_ci_high)
    assert r.nnt.ci_high == pytest.approx(1 / r.rd_ci_low)
    assert r.nnt.ci_includes_infinity is False
    assert r.nnt.describe(1) == "NNTB 7.4 (4.1 to 24.2)"


def test_nnt_harm_when_group2_has_more_events():
    r = stats.compare_proportions(10, 138, 16, 77)
    assert r.nnt.kind == "NNTH"
    assert r.nnt.nnth_limit == pytest.approx(1 / abs(r.rd_ci_low))
    assert r.nnt.nntb_limit is None
    assert r.nnt.describe(1) == "NNTH 7.4 (4.1 to 24.2)"


def test_nnt_interval_through_infinity_altman():
    """Table 2 GC-tapering row, 8/77 vs 9/138: the RD interval crosses zero."""
    r = stats.compare_proportions(8, 77, 9, 138)
    assert r.rd_ci_low < 0 < r.rd_ci_high
    assert r.nnt.ci_includes_infinity is True
    assert (r.nnt.ci_low, r.nnt.ci_high) == (None, None)
    assert r.nnt.nntb_limit == pytest.approx(1 / r.rd_ci_high)
    assert r.nnt.nnth_limit == pytest.approx(1 / -r.rd_ci_low)
    text = r.nnt.describe(1)
    assert text == "NNTB 25.9 (NNTH 28.4 to ∞ to NNTB 7.6)"


def test_nnt_equal_risks_is_infinite():
    r = stats.compare_proportions(5, 50, 5, 50)
    assert r.nnt.value == math.inf
    assert r.nnt.kind == "none"
    assert r.nnt.describe().startswith("NNT ∞ (NNTH ")


def test_compare_zero_cells():
    r = stats.compare_proportions(3, 20, 0, 20)
    assert r.risk_ratio == math.inf and r.odds_ratio == math.inf
    assert (r.rr_ci_low, r.rr_ci_high, r.or_ci_low, r.or_ci_high) == (None, None, None, None)
    assert r.p_chi2 is not None
    none = stats.compare_proportions(0, 20, 0, 30)
    assert none.risk_ratio is None and none.odds_ratio is None
    assert none.p_chi2 is None and none.p_chi2_yates is None
    assert none.p_fisher == 1.0
    fixed = stats.compare_proportions(3, 20, 0, 20, zero_cell_correction=True)
    assert fixed.risk_ratio == pytest.approx((3.5 / 21) / (0.5 / 21))
    assert fixed.rr_ci_low is not None


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((-1, 10, 1, 10), {}, "argument 'x1' got -1; expected a value >= 0"),
        ((1, 10, 11, 10), {}, r"argument 'x2' got 11; expected at most n2 \(10\)"),
        ((0, 0, 1, 10), {}, "argument 'n1' got 0; expected a value >= 1"),
        ((1, 10, 1, 0), {}, "argument 'n2' got 0; expected a value >= 1"),
        ((1, 10, 1, 10), {"rd_method": "exact"},
         "argument 'rd_method' got 'exact' .*'newcombe' or 'wald'"),
    ],
)
def test_compare_rejects_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        stats.compare_proportions(*args, **kwargs)


def test_results_are_frozen():
    r = stats.compare_proportions(1, 10, 2, 10)
    with pytest.raises(AttributeError):
        r.p1 = 0.5  # type: ignore[misc]


# ---------------------------------------------------------------- properties

counts = st.integers(min_value=1, max_value=300).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(counts, st.floats(min_value=0.5, max_value=0.999))
def test_wilson_contains_estimate_and_stays_in_unit_interval(xn, level):
    x, n = xn
    r = stats.wilson_ci(x, n, level)
    assert 0.0 <= r.ci_low <= r.estimate <= r.ci_high <= 1.0


@given(counts)
def test_wilson_widens_with_level(xn):
    x, n = xn
    narrow, wide = stats.wilson_ci(x, n, 0.8), stats.wilson_ci(x, n, 0.99)
    assert wide.ci_low <= narrow.ci_low + 1e-12
    assert wide.ci_high >= narrow.ci_high - 1e-12


@settings(max_examples=60, deadline=None)
@given(counts, counts)
def test_swapping_groups_mirrors_every_measure(g1, g2):
    (x1, n1), (x2, n2) = g1, g2
    ab = stats.compare_proportions(x1, n1, x2, n2)
    ba = stats.compare_proportions(x2, n2, x1, n1)
    assert ab.risk_difference == pytest.approx(-ba.risk_difference, abs=1e-12)
    assert ab.p_fisher == pytest.approx(ba.p_fisher, rel=1e-9)
    assert ab.nnt.value == pytest.approx(ba.nnt.value)
    if ab.risk_ratio not in (None, 0.0, math.inf):
        assert ab.risk_ratio == pytest.approx(1 / ba.risk_ratio)
    if ab.p_chi2 is not None:
        assert ab.p_chi2 == pytest.approx(ba.p_chi2, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(counts, counts)
def test_intervals_contain_their_estimates(g1, g2):
    (x1, n1), (x2, n2) = g1, g2
    r = stats.compare_proportions(x1, n1, x2, n2)
    assert r.rd_ci_low <= r.risk_difference <= r.rd_ci_high
    assert 0.0 <= r.p_fisher <= 1.0 + 1e-12
    for est, lo, hi in [
        (r.risk_ratio, r.rr_ci_low, r.rr_ci_high),
        (r.odds_ratio, r.or_ci_low, r.or_ci_high),
    ]:
        assert (lo is None) == (hi is None)
        if lo is not None:
            assert lo <= est <= hi
        if est is not None:
            assert not math.isnan(est)
    assert r.nnt.ci_includes_infinity == (r.rd_ci_low <= 0 <= r.rd_ci_high)


@given(st.integers(1, 50), st.integers(1, 50), st.integers(1, 50), st.integers(1, 50))
def test_odds_ratio_symmetries(a, b, c, d):
    r = stats.odds_ratio_ci(a, b, c, d)
    swapped_rows = stats.odds_ratio_ci(c, d, a, b)
    transposed = stats.odds_ratio_ci(a, c, b, d)
    assert r.odds_ratio == pytest.approx(1 / swapped_rows.odds_ratio)
    assert r.ci_low == pytest.approx(1 / swapped_rows.ci_high)
    assert r.odds_ratio == pytest.approx(transposed.odds_ratio)
    assert r.se_log == pytest.approx(transposed.se_log)


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_zero_cells_give_none_or_inf_never_nan(a, b, c, d):
    assume(a + b > 0 and c + d > 0)
    r = stats.odds_ratio_ci(a, b, c, d)
    for value in (r.odds_ratio, r.ci_low, r.ci_high):
        assert value is None or not math.isnan(value)
    if min(a, b, c, d) == 0:
        assert r.ci_low is None and r.ci_high is None
