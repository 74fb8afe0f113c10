"""Tests of igg4lib.maintenance, the maintenance chapter's facts and its data sets.

The counts of every comparison are pinned to the printed strings of the sources (through
the data sets), the WInS group 2 count to the book's adopted reading, and the GRADE table
to the judgement data.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from igg4lib import data, maintenance, readings, synthesis
from igg4lib.book import chapter_facts
from igg4lib.book import maintenance as book

DATASETS = ["maintenance_trials", "maintenance_arms", "maintenance_reported",
            "maintenance_harms", "grade_questions", "grade_judgements"]


@pytest.mark.parametrize("name", DATASETS)
def test_data_sets_load_with_sources(name):
    frame = data.load(name)
    assert len(frame) > 0
    assert frame.attrs["synthetic"] is False


def test_arm_counts_match_their_printed_strings():
    arms = data.load("maintenance_arms")
    for r in arms.itertuples(index=False):
        numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", r.events_printed)]
        assert r.percent in numbers, r
        if not pd.isna(r.events):
            assert int(r.events) == numbers[0] or r.events_printed.startswith("Fourteen")
            assert round(100 * r.events / r.n, 0) == round(r.percent, 0)
        if not pd.isna(r.n) and r.n_printed:
            assert str(int(r.n)) in r.n_printed


def test_unconfirmed_rows_have_no_confirming_text_and_confirmed_rows_do():
    for name in ("maintenance_arms", "maintenance_reported", "maintenance_harms",
                 "maintenance_trials"):
        frame = data.load(name)
        confirmed = frame[frame["status"] == "confirmed"]
        assert confirmed["confirmed_in"].notna().all(), name
        other = frame[frame["status"] != "confirmed"]
        assert other["confirmed_in"].isna().all(), name


def test_comparisons_use_the_adopted_wins_reading_and_data_counts():
    c = maintenance.comparisons().set_index("comparison")
    adopted = readings.adopted("wins-arm2-relapses")
    assert (c.loc["wins-im", "events_treated"], c.loc["wins-im", "n_treated"]) == (
        adopted.events, adopted.n)
    assert c.loc["wins-gc", "events_control"] == adopted.events
    assert c.loc["masamune", ["events_treated", "n_treated", "events_control",
                              "n_control"]].tolist() == [7, 30, 11, 19]
    assert c.loc["wang2020", ["events_treated", "n_treated", "events_control",
                              "n_control"]].tolist() == [6, 33, 14, 33]
    assert c.loc["mitigate", ["events_treated", "n_treated", "events_control",
                              "n_control"]].tolist() == [7, 68, 40, 67]
    assert c.loc["indigo", ["events_treated", "n_treated", "events_control",
                            "n_control"]].tolist() == [26, 97, 53, 97]
    # nothing about the B-cell trials is left unconfirmed
    for name in ("maintenance_arms", "maintenance_reported", "maintenance_harms"):
        table = data.load(name)
        assert set(table[table["trial"].isin(["MITIGATE", "INDIGO"])]["status"]) == {
            "confirmed"}, name


def test_indigo_serious_adverse_events_come_from_readings_not_typed_counts():
    h = maintenance.harm_effects().set_index("comparison")
    for arm, column in (("obexelimab", "events_treated"), ("placebo", "events_control")):
        reading = readings.adopted(f"indigo-sae-{arm}")
        assert h.loc["indigo-sae", column] == reading.events
        assert f"{100 * reading.events / reading.n:.1f}%" == reading.printed
        # the only whole count of the arm that prints as the percentage
        fits = [x for x in range(reading.n + 1)
                if f"{100 * x / reading.n:.1f}%" == reading.printed]
        assert fits == [reading.events]
    arms = data.load("maintenance_arms")
    indigo = arms[(arms["trial"] == "INDIGO") & arms["outcome"].str.contains("serious")]
    assert indigo["events"].isna().all()  # printed as percentages only


def test_effects_reproduce_hand_arithmetic():
    e = maintenance.effects().set_index("comparison")
    assert e.loc["masamune", "risk_ratio"] == pytest.approx((7 / 30) / (11 / 19))
    assert e.loc["wang2020", "risk_difference"] == pytest.approx(6 / 33 - 14 / 33)
    assert e.loc["wins-gc", "rr_ci_low"] < 1 < e.loc["wins-gc", "rr_ci_high"]


def test_naive_pools_share_no_arm_and_reject_unknown_names():
    for ids in maintenance.NAIVE_POOLS.values():
        trials = [i for i in ids if i.startswith("wins")]
        assert len(trials) <= 1
    assert maintenance.naive_pool("immunosuppressant").pi_low is None
    assert maintenance.naive_pool("any-maintenance").pi_low is not None
    with pytest.raises(ValueError, match="argument 'name' got 'everything'"):
        maintenance.naive_pool("everything")


def test_summary_of_findings_certainty_and_reasons_for_every_question():
    sof = maintenance.summary_of_findings().set_index("question")
    questions = data.load("grade_questions")
    assert set(sof.index) == set(questions["question"])
    judgements = data.load("grade_judgements")
    for qid, row in sof.iterrows():
        downs = judgements[judgements["question"] == qid]
        assert row["certainty"] in synthesis.LEVELS
        assert row["downgrades"] == downs["downgrade"].sum()
        for r in downs[downs["downgrade"] > 0].itertuples():
            assert r.reason in row["reasons"]
    assert sof.loc["add-im-cohort", "certainty"] == "very low"  # observational start
    assert sof.loc["b-cell-inebilizumab", "certainty"] == "moderate"
    assert sof.loc["keep-im", "control_per_1000"] == pytest.approx(1000 * 25 / 48)


def test_tables_have_human_column_names_captions_and_no_bare_index():
    for styler in (maintenance.pico_table(), maintenance.effects_table(),
                   maintenance.grade_table(), maintenance.grade_details_table(),
                   maintenance.harms_table(), maintenance.reported_table()):
        table = styler.data
        assert not isinstance(table.index, pd.RangeIndex)
        for col in [*table.columns, *table.index.names]:
            assert "_" not in col, col
        assert styler.caption and len(styler.caption) > 20
    assert "0.000" not in maintenance.grade_table().data.to_string()


def test_wide_tables_are_stacked_or_shortened_for_a_phone():
    """The PICO and GRADE details tables show two columns: they read at 390 px."""
    for styler in (maintenance.pico_table(), maintenance.grade_details_table()):
        html = styler.to_html()
        first_row = html.split("<tbody>")[1].split("</tr>")[0]
        assert first_row.count("<th") + first_row.count("<td") == 2, first_row
    pico = maintenance.pico_table().data
    trials = data.load("maintenance_trials")
    assert list(pico.index.get_level_values(0).unique()) == list(trials["trial"])
    assert pico.loc[("Masamune 2017", "Follow-up")].item() == "Follow-up: 36 months"
    sof = maintenance.summary_of_findings().set_index("title")
    details = maintenance.grade_details_table().data.iloc[:, 0]
    for title, r in sof.iterrows():
        for judgement in str(r["reasons"]).split("; "):
            assert judgement in details[title]


def test_facts_are_prefixed_strings_computed_from_the_library():
    f = chapter_facts("maintenance")
    assert all(isinstance(v, str) for v in f.values())
    e = maintenance.effects().set_index("comparison")
    assert f["maintenance_masamune_rr"] == f"{e.loc['masamune', 'risk_ratio']:.2f}"
    sof = maintenance.summary_of_findings().set_index("question")
    assert f["maintenance_cert_keep_im"] == sof.loc["keep-im", "certainty"]
    assert f["maintenance_abs_keep_im"] == sof.loc["keep-im", "absolute"]
    assert f["maintenance_wins_arm2_reading"] == "7 of 49"
    assert f["maintenance_pool_im_pi"] == "not defined"
    assert f["maintenance_nnt_keep_im"] == "3"


def test_facts_module_is_what_the_chapter_glues():
    assert book.facts() == chapter_facts("maintenance")


def test_forest_plot_prints_estimates_at_body_size_inside_the_figure():
    import matplotlib.pyplot as plt

    from igg4lib.book import format as fmt
    from igg4lib.plots import maintenance as maintenance_plots

    eff = maintenance.effects()
    fig = maintenance_plots.forest_plot(eff, title="t")
    assert fig.get_size_inches()[0] == maintenance_plots.FIGURE_WIDTH_IN
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(plt.Text) if t.get_text().strip()]
    shown = {t.get_text() for t in texts}
    for r in eff.itertuples(index=False):
        assert (f"{fmt.number(r.risk_ratio, 2)} "
                f"({fmt.interval(r.rr_ci_low, r.rr_ci_high, digits=2)})") in shown
    assert min(t.get_fontsize() for t in texts) >= maintenance_plots.TEXT_PT
    drawn = fig.get_tightbbox(renderer)  # inches: everything drawn lies inside the figure
    assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01
    assert drawn.x1 <= fig.get_size_inches()[0] + 0.01
    assert drawn.y1 <= fig.get_size_inches()[1] + 0.01
    plt.close(fig)


def test_grade_table_follows_the_gradepro_layout_in_separate_columns():
    table = maintenance.grade_table().data
    assert table.columns.tolist() == [
        "Participants (studies)", "Certainty", "Relative effect (95% CI)",
        "Risk with the comparator", "Risk difference with the first-named strategy (95% CI)"]
    sof = maintenance.summary_of_findings()
    assert table["Certainty"].tolist() == sof["certainty"].tolist()
    assert table.iloc[:, -1].tolist() == sof["absolute"].tolist()
    # benefits and serious adverse events are separate outcomes
    assert {"sae-inebilizumab", "sae-obexelimab"} <= set(sof["question"])


def test_one_imprecision_rule_holds_for_every_question():
    """The recorded imprecision level equals the rule (interval, then the OIS) on every row."""
    t = maintenance.imprecision_table().set_index("question")
    assert (t["levels_rule"] == t["levels_recorded"]).all(), t
    for qid, r in t.iterrows():
        ois = synthesis.optimal_information_size(float(r["control_risk"]))
        assert r["ois_patients"] == ois.patients, qid
    assert maintenance.summary_of_findings().set_index("question").loc[
        "add-im-cohort", "certainty"] == "very low"


def test_grade_reasons_type_no_number():
    reasons = data.load("grade_judgements")["reason"].str.replace("IgG4", "")
    typed = reasons.str.contains(r"\d", regex=True)
    assert not typed.any(), reasons[typed].tolist()


def test_b_cell_pool_recovers_the_standard_errors_and_shows_the_disagreement():
    import math

    ma = maintenance.b_cell_meta("hazard ratio")
    se = (math.log(0.28) - math.log(0.06)) / (2 * 1.959963984540054)
    assert ma.k == 2 and ma.q_df == 1
    pool = maintenance.b_cell_pool("hazard ratio").set_index("label")
    mit = pool.loc["MITIGATE: inebilizumab vs placebo"]
    # the weight is the recovered standard error's; the interval shown is the printed one
    assert mit["weight_fixed"] == pytest.approx(
        (1 / se**2) / (1 / se**2 + 1 / ((math.log(0.71) - math.log(0.28)) / (2 * 1.96)) ** 2),
        rel=1e-3)
    indigo = pool.loc["INDIGO: obexelimab vs placebo"]
    assert (mit["ci_low"], mit["ci_high"]) == (0.06, 0.28)
    assert (indigo["ci_low"], indigo["ci_high"]) == (0.28, 0.71)  # not the rebuilt 0.70
    fixed = pool.loc["Fixed effect (inverse variance)"]
    w = [1 / se**2, 1 / ((math.log(0.71) - math.log(0.28)) / (2 * 1.959963984540054)) ** 2]
    expected = (w[0] * math.log(0.13) + w[1] * math.log(0.44)) / sum(w)
    assert math.log(fixed["ratio"]) == pytest.approx(expected)
    assert ma.q_p_value < 0.05  # the trials disagree beyond chance
    assert ma.t_quantile == pytest.approx(12.706, abs=1e-3)  # t with one degree of freedom


def test_masamune_printed_p_is_not_a_crude_two_by_two_test():
    r = maintenance.masamune_crude()
    for key in ("fisher_p", "chi2_p", "chi2_yates_p"):
        assert round(r[key], 3) != r["printed_p"], key


def test_risk_of_bias_reasons_concern_the_trial_not_the_transcription():
    judgements = data.load("grade_judgements")
    rob = judgements[judgements["domain"] == "risk of bias"]["reason"]
    assert not rob.str.contains("inferred|percentage|only the abstract", regex=True).any()


def test_certainty_of_is_the_one_source_for_every_chapter():
    from igg4lib.book import induction, intro, wins

    assert induction.facts()["induction_cert_gcim"] == maintenance.certainty_of(
        "add-im-cohort")
    assert wins.facts()["wins_cert_keep_im"] == maintenance.certainty_of("keep-im")
    assert intro.facts()["intro_cert_ineb"] == maintenance.certainty_of("b-cell-inebilizumab")
    with pytest.raises(ValueError, match="argument 'question' got 'nope'"):
        maintenance.certainty_of("nope")
