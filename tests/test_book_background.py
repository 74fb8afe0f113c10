"""igg4lib.book.background: the background chapter's numbers, checked against data/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from igg4lib import activity, data, epidemiology
from igg4lib.book import background, chapter_facts
from igg4lib.stats import compare_proportions, wilson_ci

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "background.md"


@pytest.fixture(scope="module")
def facts():
    return chapter_facts("background")


def test_every_key_is_prefixed_and_every_glued_key_exists(facts):
    text = CHAPTER.read_text(encoding="utf-8")
    used = {m.split(":")[0] for m in re.findall(r"\{glue:text\}`([^`]+)`", text)}
    assert used <= set(facts), sorted(used - set(facts))
    assert all(k.startswith("background_") for k in facts)


def test_us_rates_are_the_printed_ones(facts):
    us = data.load("epidemiology_us_claims").set_index("label")
    first = f"{us.loc['Incidence, 2015', 'value']:g}"
    assert facts["background_us_incidence_first"] == "0.78" == first
    assert facts["background_us_incidence_last"] == "1.39"
    years = ("background_us_incidence_first_year", "background_us_incidence_last_year")
    assert tuple(facts[k] for k in years) == ("2015", "2019")
    assert facts["background_us_prevalence"] == "5.3"
    assert facts["background_us_prevalence_date"] == "1 January 2019"
    assert facts["background_us_mean_age"] == "56.5"
    assert facts["background_us_incidence_unit"] == "per 100,000 person-years"


def test_shares_of_men_recomputed_independently(facts):
    baseline = data.load("induction_baseline").set_index("label")
    men = int(baseline.loc["Male patients", "count"])
    women = int(baseline.loc["Female patients", "count"])
    assert (facts["background_male_n"], facts["background_sex_total"]) == (men, men + women)
    assert facts["background_male_pct"] == f"{100 * men / (men + women):.1f}%"
    # US: 57.6% of 524 women -> 302 women, 222 men
    assert facts["background_us_n"] == 524
    assert facts["background_us_men_pct"] == f"{100 * 222 / 524:.1f}%"
    ci = wilson_ci(222, 524)
    lo, hi = ci.ci_low, ci.ci_high
    assert facts["background_us_men_ci"] == f"{100 * lo:.1f} to {100 * hi:.1f}%"
    assert facts["background_japan_men_pct"] == f"{100 * 205 / 334:.1f}%"


def test_differences_have_one_sign_and_a_reading_that_matches_the_interval(facts):
    r = compare_proportions(148, 215, 222, 524)
    assert facts["background_gap_pumch_us"] == f"{100 * (148 / 215 - 222 / 524):.1f}"
    for key in ("pumch_us", "japan_us", "pumch_japan"):
        lo, hi = (float(x) for x in facts[f"background_gap_{key}_ci"].split(" to "))
        assert lo <= float(facts[f"background_gap_{key}"]) <= hi
        excludes = lo > 0 or hi < 0
        assert facts[f"background_gap_{key}_reading"].endswith(
            "excludes no difference" if excludes else "includes no difference"
        )
    assert r.p1 > r.p2  # PUMCH has the larger share: "higher in the PUMCH cohort"
    assert float(facts["background_gap_pumch_us"]) > 0
    assert facts["background_gap_pumch_japan_reading"].endswith("includes no difference")


def test_rules_come_from_the_responder_index_data(facts):
    rules = data.load("background_responder_index").set_index("rule")
    assert facts["background_rule_induction_fall"] == f"{rules.loc['induction_goal', 'value']:g}%"
    assert facts["background_rule_points_fall"] == f"{rules.loc['rituximab_response', 'value']:g}"
    assert facts["background_rule_stable_below"] == f"{rules.loc['wins_stable', 'value']:g}"
    assert facts["background_ri_sites"] == 24


def test_worked_example_matches_the_chapter_code(facts):
    text = CHAPTER.read_text(encoding="utf-8")
    for spec in background.RI_EXAMPLE.values():
        assert repr(spec["organ_scores"]).replace("'", "\"") in text  # same visits as the code
    before, after = background.ri_example()
    totals = (facts["background_ri_before"], facts["background_ri_after"])
    assert totals == (before.total, after.total)
    pct = activity.percent_change(before.total, after.total)
    assert facts["background_ri_pct"] == f"{pct:+.1f}%" and pct < 0
    assert facts["background_ri_pct_rule_met"] == "met here"


def test_formats(facts):
    for key, value in facts.items():
        if isinstance(value, str):
            assert "0.000" not in value and "nan" not in value.lower(), key
    assert facts["background_cohort_ri_iqr"] == "10 to 18"
    assert facts["background_organ_pct_sum"].endswith("%")


def test_tables_read_for_people():
    baseline = data.load("induction_baseline")
    organs = epidemiology.organ_involvement(baseline)
    t = background.organs_table(organs)
    assert t.data.index.name == "Organ or site"
    assert f"(n = {int(organs['denominator'].iloc[0])})" in t.caption
    assert t.data.iloc[0].tolist() == [str(int(organs["count"].iloc[0])),
                                       f"{organs['percent'].iloc[0]:.1f}"]
    men = epidemiology.men_by_population(baseline, data.load("epidemiology_sex"))
    shown = background.men_table(men).data
    us = men.set_index("label").loc["US commercially insured adults"]
    assert shown.loc["US commercially insured adults", "Men, % (95% CI)"] == (
        f"{us['percent_men']:.1f} ({us['ci_low']:.1f} to {us['ci_high']:.1f})"
    )
    gaps = background.share_gaps_table(epidemiology.men_share_differences(men), men).data
    assert len(gaps) == 3 and all(" vs " in i for i in gaps.index)
    assert all(v == "< 0.001" or float(v) > 0 for v in gaps["p (Fisher)"])
    assert background.ri_scale_table().data.loc[3, "Meaning"].startswith("new")
    change = background.ri_change_table(*background.ri_example())
    assert change.caption.startswith("SYNTHETIC")
    assert change.data.loc["RI at baseline"].item() == "12"
    assert change.data.loc["Fall of 50% or more (PUMCH induction goal)"].item() == "yes"


def test_background_figures_are_text_column_wide_with_body_size_text():
    import matplotlib.pyplot as plt

    from igg4lib.plots import diagnosis as diagnosis_plots

    baseline = data.load("induction_baseline")
    figs = [
        diagnosis_plots.organ_involvement(epidemiology.organ_involvement(baseline),
                                          organ="label"),
        diagnosis_plots.men_share(
            epidemiology.men_by_population(baseline, data.load("epidemiology_sex"))),
    ]
    for fig in figs:
        assert fig.get_size_inches()[0] == diagnosis_plots.FIGURE_WIDTH_IN
        fig.canvas.draw()
        sizes = [t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_text().strip()]
        assert min(sizes) >= diagnosis_plots.TEXT_PT
        drawn = fig.get_tightbbox(fig.canvas.get_renderer())  # inches: nothing clipped
        width, height = fig.get_size_inches()
        assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01
        assert drawn.x1 <= width + 0.01 and drawn.y1 <= height + 0.01
        plt.close(fig)
