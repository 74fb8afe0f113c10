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
    assert "MITIGATE" not in set(c["trial"])


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
        if qid == "b-cell":  # counts unconfirmed: listed, not graded
            assert row["certainty"] == synthesis.NOT_GRADED
            assert pd.isna(row["downgrades"])
            assert "imprecision" not in set(downs["domain"])
            assert row["reasons"].startswith("not graded: ")
            continue
        assert row["certainty"] in synthesis.LEVELS
        assert row["downgrades"] == downs["downgrade"].sum()
        for r in downs[downs["downgrade"] > 0].itertuples():
            assert r.reason in row["reasons"]
    assert sof.loc["add-im-cohort", "certainty"] == "very low"  # observational start
    assert pd.isna(sof.loc["b-cell", "rr_ci_low"])
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
    """The PICO and GRADE tables show two columns (row label and text): they read at 390 px."""
    for styler in (maintenance.pico_table(), maintenance.grade_table(),
                   maintenance.grade_details_table()):
        html = styler.to_html()
        first_row = html.split("<tbody>")[1].split("</tr>")[0]
        assert first_row.count("<th") + first_row.count("<td") == 2, first_row
    pico = maintenance.pico_table().data
    trials = data.load("maintenance_trials")
    assert list(pico.index.get_level_values(0).unique()) == list(trials["trial"])
    assert pico.loc[("Masamune 2017", "Follow-up")].item() == "Follow-up: 36 months"
    sof = maintenance.summary_of_findings().set_index("title")
    grade = maintenance.grade_table().data.iloc[:, 0]
    details = maintenance.grade_details_table().data.iloc[:, 0]
    for title, r in sof.iterrows():
        assert grade[title] == (
            f"{round(r['control_per_1000']):,} → {round(r['treated_per_1000']):,}; "
            f"{r['absolute'].replace(' per 1,000', '')}; certainty {r['certainty']}"
        )
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


def _events(qid: str) -> int:
    if qid == "add-im-cohort":
        x1, _, x2, _ = maintenance._cohort_counts()
        return x1 + x2
    e = maintenance.effects().set_index("comparison").loc[maintenance._QUESTION_EVIDENCE[qid]]
    return int(e["events_treated"]) + int(e["events_control"])


def test_one_imprecision_rule_holds_for_every_graded_question():
    """Fewer events than the optimal information size -> rated down, on every row."""
    judgements = data.load("grade_judgements").set_index(["question", "domain"])
    sof = maintenance.summary_of_findings().set_index("question")
    graded = sof.index[sof["certainty"] != synthesis.NOT_GRADED]
    assert len(graded) == len(sof) - 1
    for qid in graded:
        down = int(judgements.loc[(qid, "imprecision"), "downgrade"])
        if synthesis.below_information_size(_events(qid)):
            assert down >= 1, qid
    assert sof.loc["add-im-cohort", "certainty"] == "very low"


def test_risk_of_bias_reasons_concern_the_trial_not_the_transcription():
    judgements = data.load("grade_judgements")
    rob = judgements[judgements["domain"] == "risk of bias"]["reason"]
    assert not rob.str.contains("inferred|percentage|only the abstract", regex=True).any()


def test_certainty_if_counts_confirmed_applies_the_recorded_judgements():
    assert maintenance.certainty_if_counts_confirmed() == "low"
    assert maintenance.certainty_if_counts_confirmed(own_question=True) == "moderate"
    with pytest.raises(ValueError, match="graded already"):
        maintenance.certainty_if_counts_confirmed("keep-im")
    with pytest.raises(ValueError, match="argument 'question' got 'nope'"):
        maintenance.certainty_if_counts_confirmed("nope")
    with pytest.raises(TypeError, match="own_question"):
        maintenance.certainty_if_counts_confirmed(own_question="yes")


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("risk_ratio", float("nan"), r"column 'risk_ratio', row 0: a missing value"),
        ("rr_ci_low", 0.0, r"column 'rr_ci_low', row 0: got 0\.0; expected a finite number > 0"),
        ("rr_ci_high", 0.2, r"row 0: expected risk_ratio <= rr_ci_high in every row"),
        ("rr_ci_low", 0.9, r"row 0: expected rr_ci_low <= risk_ratio in every row"),
        ("events_treated", -1, r"column 'events_treated', row 0: got -1"),
        ("events_control", 99, r"row 0: expected events_control <= n_control"),
    ],
)
def test_forest_plot_refuses_bad_data_instead_of_drawing_it(column, value, expected):
    from igg4lib.plots import maintenance as maintenance_plots

    eff = maintenance.effects()
    eff.loc[0, column] = value
    with pytest.raises(ValueError, match=r"forest_plot: argument 'effects'.*" + expected):
        maintenance_plots.forest_plot(eff)


def test_pool_names_are_the_naive_pools():
    from typing import get_args

    assert get_args(maintenance.PoolName) == tuple(maintenance.NAIVE_POOLS)
