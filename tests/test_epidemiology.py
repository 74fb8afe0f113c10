"""Tests of igg4lib.epidemiology: the share of men across published populations."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from igg4lib import data, epidemiology
from igg4lib.plots import diagnosis as diagnosis_plots
from igg4lib.stats import wilson_ci


@pytest.fixture
def baseline() -> pd.DataFrame:
    return data.load("induction_baseline")


@pytest.fixture
def others() -> pd.DataFrame:
    return data.load("epidemiology_sex")


def _other(**changes) -> pd.DataFrame:
    row = {
        "source": "x", "label": "X", "setting": "claims database", "country": "Y",
        "patients": 49, "printed": "14.2% female", "share_of": "women", "count": None,
        "percent": 14.2,
    }
    row.update(changes)
    return pd.DataFrame([row])


def test_one_row_per_population_pumch_first(baseline, others):
    men = epidemiology.men_by_population(baseline, others)
    assert list(men.columns) == list(epidemiology.COLUMNS)
    assert men["source"].tolist() == ["wang2018", *others["source"].tolist()]


def test_pumch_counts_come_from_the_baseline_table(baseline, others):
    row = epidemiology.men_by_population(baseline, others).iloc[0]
    table = baseline.set_index("label")["count"]
    assert row["men"] == table["Male patients"]
    assert row["patients"] == table["Male patients"] + table["Female patients"]
    assert row["count_from"] == "printed counts of men and women"


def test_printed_count_of_men_is_used_as_is(baseline, others):
    men = epidemiology.men_by_population(baseline, others).set_index("source")
    printed = others.set_index("source").loc["yamada2017"]
    assert men.loc["yamada2017", "men"] == printed["count"]
    assert men.loc["yamada2017", "count_from"] == "printed count of men"


def test_percentage_of_women_becomes_the_unique_count_that_prints_as_it(baseline, others):
    men = epidemiology.men_by_population(baseline, others).set_index("source")
    printed = others.set_index("source").loc["wallace2023"]
    women = printed["patients"] - men.loc["wallace2023", "men"]
    assert round(100 * women / printed["patients"], 1) == printed["percent"]
    for other in (women - 1, women + 1):  # neighbours print differently
        assert round(100 * other / printed["patients"], 1) != printed["percent"]
    assert men.loc["wallace2023", "count_from"].startswith("derived:")


def test_share_and_interval_are_wilson_in_percent(baseline, others):
    for row in epidemiology.men_by_population(baseline, others).itertuples():
        p, n, z = row.men / row.patients, row.patients, 1.959963984540054
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        assert row.percent_men == pytest.approx(100 * p)
        assert row.ci_low == pytest.approx(100 * (centre - half))
        assert row.ci_high == pytest.approx(100 * (centre + half))


def test_men_count_of_a_percentage_of_men_is_kept(baseline):
    frame = _other(printed="60.0% male", share_of="men", patients=10, percent=60.0)
    assert epidemiology.men_by_population(baseline, frame)["men"].iloc[1] == 6


def test_percentage_that_fits_no_whole_count_is_refused(baseline):
    with pytest.raises(ValueError, match=r"argument 'others', row 0 \(source 'x'\): percent "
                       r"14.2 of 49 patients fits the counts \[\]; expected exactly one"):
        epidemiology.men_by_population(baseline, _other())


def test_percentage_that_fits_two_counts_is_refused(baseline):
    frame = _other(patients=2000, percent=50.0, printed="50.0% female")
    with pytest.raises(ValueError, match=r"fits the counts \[999, 1000, 1001\]"):
        epidemiology.men_by_population(baseline, frame)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"count": 3, "percent": 10.0}, "row 0: expected exactly one of count and percent"),
        ({"count": None, "percent": None}, "row 0: expected exactly one of count and percent"),
        ({"count": 50, "percent": None}, r"row 0: expected count <= patients in every row"),
        ({"share_of": "both", "count": 3, "percent": None},
         r"column 'share_of', row 0: got 'both' \(str\); expected one of men, women"),
    ],
)
def test_bad_rows_name_the_field(baseline, changes, message):
    with pytest.raises(ValueError, match=r"argument 'others': .*" + message):
        epidemiology.men_by_population(baseline, _other(**changes))


def test_missing_columns_are_named(baseline, others):
    with pytest.raises(ValueError, match=r"argument 'others': missing column 'share_of'"):
        epidemiology.men_by_population(baseline, others.drop(columns="share_of"))
    with pytest.raises(ValueError, match=r"argument 'baseline': missing column 'count'"):
        epidemiology.men_by_population(baseline.drop(columns="count"), others)
    with pytest.raises(TypeError, match=r"argument 'others' got \[\] \(list\); expected an "
                       r"instance of DataFrame"):
        epidemiology.men_by_population(baseline, [])


def test_baseline_without_the_sex_rows_is_refused(baseline, others):
    trimmed = baseline[baseline["label"] != "Female patients"]
    with pytest.raises(ValueError, match=r"argument 'baseline': the frame: expected exactly "
                       r"one 'Male patients' row and one 'Female patients' row"):
        epidemiology.men_by_population(trimmed, others)


def test_figure_has_one_point_per_population_and_a_50_percent_line(baseline, others):
    men = epidemiology.men_by_population(baseline, others)
    fig = diagnosis_plots.men_share(men)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == len(men)
    assert any(list(line.get_xdata()) == [50, 50] for line in ax.get_lines())


def test_figure_refuses_an_interval_that_misses_its_estimate(baseline, others):
    men = epidemiology.men_by_population(baseline, others)
    men.loc[0, "ci_low"] = men.loc[0, "percent_men"] + 1
    with pytest.raises(ValueError, match=r"argument 'frame': the frame, row 0: expected "
                       r"ci_low <= percent_men"):
        diagnosis_plots.men_share(men)


def test_differences_cover_every_pair_in_order(baseline, others):
    men = epidemiology.men_by_population(baseline, others)
    diff = epidemiology.men_share_differences(men)
    sources = men["source"].tolist()
    expected = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
    assert list(zip(diff["source_1"], diff["source_2"], strict=True)) == expected


def test_differences_match_the_shares_and_contain_their_estimate(baseline, others):
    men = epidemiology.men_by_population(baseline, others).set_index("source")
    for row in epidemiology.men_share_differences(men.reset_index()).itertuples():
        gap = men.loc[row.source_1, "percent_men"] - men.loc[row.source_2, "percent_men"]
        assert row.difference_points == pytest.approx(gap)
        assert row.ci_low < row.difference_points < row.ci_high
        assert 0 <= row.p_fisher <= 1


def test_overlapping_intervals_do_not_decide_a_difference():
    # 60/100 vs 45/100: the two Wilson intervals overlap, the difference interval excludes 0
    men = pd.DataFrame({"source": ["a", "b"], "men": [60, 45], "patients": [100, 100]})
    shares = [wilson_ci(60, 100), wilson_ci(45, 100)]
    assert shares[0].ci_low < shares[1].ci_high  # the separate intervals overlap
    row = epidemiology.men_share_differences(men).iloc[0]
    assert row["ci_low"] > 0


def test_differences_need_the_counts():
    with pytest.raises(ValueError, match=r"argument 'men': missing column 'patients'"):
        epidemiology.men_share_differences(pd.DataFrame({"source": ["a"], "men": [1]}))


def test_us_claims_rates_match_their_printed_sentences() -> None:
    us = data.load("epidemiology_us_claims").set_index("label")
    assert us.loc["Incidence, 2015", "value"] == 0.78
    assert us.loc["Incidence, 2019", "value"] == 1.39
    assert us.loc["Point prevalence, 1 January 2019", "value"] == 5.3
    assert us.loc["Mean age", "value"] == 56.5
    for label, row in us.iterrows():
        assert f"{row['value']:g}" in row["printed"], label
        assert row["source"] == "wallace2023"
    # the incidence sentence prints the two years in the order of the two rates
    sentence = us.loc["Incidence, 2015", "printed"]
    assert sentence.index("0.78") < sentence.index("1.39")
    assert sentence.index("2015") < sentence.index("2019")
    # the same abstract's sex figure is in epidemiology_sex: one source, one sentence
    sex = data.load("epidemiology_sex").set_index("source").loc["wallace2023"]
    assert f"{sex['percent']:g}% female" in us.loc["Mean age", "printed"]


def test_organ_involvement_recomputes_and_sorts_the_shares():
    baseline = data.load("induction_baseline")
    organs = epidemiology.organ_involvement(baseline)
    assert list(organs.columns) == ["label", "count", "denominator", "percent"]
    assert organs["percent"].is_monotonic_decreasing
    aip = organs.set_index("label").loc["Autoimmune pancreatitis"]
    assert aip["percent"] == pytest.approx(100 * aip["count"] / aip["denominator"])
    assert organs["percent"].sum() > 100  # a patient counts in several rows


def test_organ_involvement_rejects_bad_tables():
    with pytest.raises(ValueError, match=r"argument 'baseline': missing column 'section'"):
        epidemiology.organ_involvement(pd.DataFrame({"label": ["a"]}))
    other = pd.DataFrame({"section": ["Age"], "label": ["a"], "count": [1], "denominator": [2]})
    with pytest.raises(ValueError, match=r"argument 'baseline': the frame: expected at least "
                       r"one row in the section"):
        epidemiology.organ_involvement(other)
    bad = other.assign(section=epidemiology.ORGAN_SECTION, count=3)
    with pytest.raises(ValueError, match=r"argument 'baseline': the frame, row 0: expected "
                       r"count <= denominator in every row"):
        epidemiology.organ_involvement(bad)


def test_organ_rows_need_a_count_and_each_organ_once():
    base = pd.DataFrame({"section": [epidemiology.ORGAN_SECTION] * 2 + ["Other"],
                         "label": ["Kidney", "Pancreas", "Age"],
                         "count": [10, None, None], "denominator": [100, 100, None]})
    with pytest.raises(ValueError, match=r"argument 'baseline': the frame, row 1: expected a "
                       r"count and a denominator >= 1 in every row of 'Organ involvement"):
        epidemiology.organ_involvement(base)
    twice = base.assign(label=["Kidney", "Kidney", "Age"], count=[10, 20, None])
    with pytest.raises(ValueError, match=r"row 1: expected each organ label once"):
        epidemiology.organ_involvement(twice)
    # a row outside the organ section may lack its counts
    fine = base.assign(count=[10, 30, None])
    assert epidemiology.organ_involvement(fine)["label"].tolist() == ["Pancreas", "Kidney"]


def test_differences_refuse_more_men_than_patients_and_a_bad_level():
    men = pd.DataFrame({"source": ["a", "b"], "men": [30, 50], "patients": [40, 40]})
    with pytest.raises(ValueError, match=r"argument 'men': the frame, row 1: expected men <= "
                       r"patients"):
        epidemiology.men_share_differences(men)
    with pytest.raises(ValueError, match=r"argument 'level' got 95"):
        epidemiology.men_share_differences(men.assign(men=[30, 20]), 95)


def test_percent_finer_than_one_decimal_is_refused():
    others = data.load("epidemiology_sex")
    others.loc[others["source"] == "wallace2023", "percent"] = 57.65
    with pytest.raises(ValueError, match=r"men_by_population: argument 'others': column "
                       r"'percent', row 1: got 57.65; expected a percentage printed to at "
                       r"most 1 decimal place"):
        epidemiology.men_by_population(data.load("induction_baseline"), others)


def test_large_population_given_as_percent_is_refused_naming_others():
    others = data.load("epidemiology_sex")
    others.loc[others["source"] == "wallace2023", "patients"] = 52_400
    with pytest.raises(ValueError, match=r"men_by_population: argument 'others': the frame, "
                       r"row 1: expected patients at most 10,000 in every row given as a "
                       r"percent"):
        epidemiology.men_by_population(data.load("induction_baseline"), others)
    # a count, not a percentage, needs no enumeration: the same population is accepted
    others.loc[others["source"] == "wallace2023", ["count", "percent"]] = [30_200, None]
    men = epidemiology.men_by_population(data.load("induction_baseline"), others)
    assert men.loc[men["source"] == "wallace2023", "men"].item() == 52_400 - 30_200
