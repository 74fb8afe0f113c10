"""The figures of the diagnosis and background chapters refuse bad data instead of drawing it."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from igg4lib import criteria, data
from igg4lib.plots import diagnosis as diagnosis_plots


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    return criteria.score_vignettes(data.load("synthetic_vignettes"))


def _men() -> pd.DataFrame:
    return pd.DataFrame({"label": ["A", "B"], "setting": ["cohort", "claims database"],
                         "patients": [10, 20], "percent_men": [40.0, 50.0],
                         "ci_low": [16.8, 29.9], "ci_high": [68.7, 70.1]})


def test_points_refuse_a_negative_domain_and_a_total_that_is_not_the_sum(scored):
    bad = scored.copy()
    bad.loc[0, "kidney"] = -4
    with pytest.raises(ValueError, match=r"argument 'scored': column 'kidney', row 0: got -4"):
        diagnosis_plots.points_stack(bad)
    bad = scored.copy()
    bad.loc[1, "total_points"] += 5
    with pytest.raises(ValueError, match=r"argument 'scored': the frame, row 1: expected "
                       r"total_points equal to the sum of the eight domain columns"):
        diagnosis_plots.points_stack(bad)


def test_points_refuse_a_verdict_that_contradicts_the_total(scored):
    bad = scored.copy()
    below = bad.index[bad["total_points"] < criteria.ACR_EULAR_THRESHOLD_POINTS][0]
    bad.loc[below, "classified"] = True
    with pytest.raises(ValueError, match=r"classified only when total_points >= 20"):
        diagnosis_plots.points_stack(bad)


def test_points_refuse_uncertainty_rows_of_other_cases(scored):
    other = pd.DataFrame({"vignette_id": ["V99"], "rests_on_uncertain": [True]})
    with pytest.raises(ValueError, match=r"argument 'uncertainty' .*expected rows for the "
                       r"vignettes of scored"):
        diagnosis_plots.points_stack(scored, other)
    flags = pd.DataFrame({"vignette_id": ["V1"], "rests_on_uncertain": ["False"]})
    with pytest.raises(ValueError, match=r"column 'rests_on_uncertain', row 0: got 'False'"):
        diagnosis_plots.points_stack(scored, flags)


@pytest.mark.parametrize(("column", "value", "message"), [
    ("percent_men", math.nan, r"column 'percent_men', row 0: a missing value"),
    ("ci_low", -1.0, r"column 'ci_low', row 0: got -1.0; expected a finite number >= 0"),
    ("ci_high", 30.0, r"the frame, row 0: expected percent_men <= ci_high in every row"),
    ("ci_low", 45.0, r"the frame, row 0: expected ci_low <= percent_men in every row"),
    ("patients", -3, r"column 'patients', row 0: got -3"),
])
def test_men_share_refuses_bad_estimates_and_intervals(column, value, message):
    bad = _men()
    bad.loc[0, column] = value
    with pytest.raises(ValueError, match=r"argument 'frame': " + message):
        diagnosis_plots.men_share(bad)


def test_men_share_widens_its_axis_for_a_share_outside_20_to_90():
    men = _men()
    men.loc[0, ["percent_men", "ci_low", "ci_high"]] = [8.0, 3.5, 17.0]
    low, high = diagnosis_plots.men_share(men).axes[0].get_xlim()
    assert low <= 3.5 and high >= 90


def test_organs_refuse_negative_nan_and_repeated_rows():
    good = pd.DataFrame({"organ": ["a", "b"], "percent": [20.0, 55.0]})
    for value, message in ((-5.0, r"got -5.0; expected a finite number >= 0"),
                           (math.nan, r"a missing value"), (120.0, r"got 120.0")):
        bad = good.copy()
        bad.loc[0, "percent"] = value
        with pytest.raises(ValueError, match=r"argument 'frame': column 'percent', row 0: "
                           + message):
            diagnosis_plots.organ_involvement(bad)
    with pytest.raises(ValueError, match=r"column 'organ', row 1: 'a' occurs twice"):
        diagnosis_plots.organ_involvement(good.assign(organ=["a", "a"]))
    with pytest.raises(ValueError, match=r"missing column 'share' \(the column named by "
                       r"argument 'percent'\)"):
        diagnosis_plots.organ_involvement(good, percent="share")


def test_figures_refuse_more_rows_than_a_page_holds():
    many = pd.DataFrame({"organ": [f"o{i}" for i in range(61)], "percent": [1.0] * 61})
    with pytest.raises(ValueError, match=r"at most 60 rows"):
        diagnosis_plots.organ_involvement(many)
