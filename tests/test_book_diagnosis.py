"""igg4lib.book.diagnosis: the diagnosis chapter's numbers, checked against data/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from igg4lib import criteria, data
from igg4lib.book import chapter_facts
from igg4lib.book.diagnosis import uncertainty_note

CHAPTER = Path(__file__).resolve().parent.parent / "chapters" / "diagnosis.md"


@pytest.fixture(scope="module")
def facts():
    return chapter_facts("diagnosis")


def test_every_glued_key_exists(facts):
    text = CHAPTER.read_text(encoding="utf-8")
    used = {m.split(":")[0] for m in re.findall(r"\{glue:text\}`([^`]+)`", text)}
    assert used <= set(facts), sorted(used - set(facts))


def test_paper_figures_are_the_abstract_ones(facts):
    assert (facts["diagnosis_paper_subjects"], facts["diagnosis_paper_cases"],
            facts["diagnosis_paper_mimickers"]) == ("1,879", "1,086", "793")
    counts = data.load("diagnosis_acr_eular_counts").set_index("quantity")["count"]
    assert counts["cases"] + counts["mimickers"] == counts["subjects"]
    assert facts["diagnosis_paper_exclusion_items"] == "32"
    assert facts["diagnosis_first_specificity"] == "99.2%"
    assert facts["diagnosis_first_specificity_ci"] == "97.2 to 99.8%"
    assert facts["diagnosis_first_sensitivity_ci"] == "81.9 to 88.5%"
    assert (facts["diagnosis_second_specificity"], facts["diagnosis_second_sensitivity"]) == (
        "97.8%", "82.0%"
    )
    for row in data.load("diagnosis_acr_eular_validation").itertuples():
        assert row.printed == (
            f"{row.estimate:.1f}% (95% CI {row.ci_low:.1f}% to {row.ci_high:.1f}%)"
        )
        assert row.ci_low <= row.estimate <= row.ci_high


def test_totals_and_summary_say_they_rest_on_unconfirmed_weights(facts):
    w = criteria.weights()
    top = w.loc[w.groupby("domain")["points"].idxmax()]
    assert facts["diagnosis_max_total"] == int(top["points"].sum())
    n_uncertain_top = int((top["status"] == "unconfirmed").sum())
    assert facts["diagnosis_max_total_n_uncertain"] == n_uncertain_top > 0
    assert facts["diagnosis_n_unconfirmed"] == int((w["status"] == "unconfirmed").sum())
    assert facts["diagnosis_n_unconfirmed_zero"] == int(
        ((w["status"] == "unconfirmed") & (w["points"] == 0)).sum()
    )
    text = CHAPTER.read_text(encoding="utf-8")
    assert "diagnosis_max_total_uncertain_domains" in text


def test_every_verdict_that_rests_on_unconfirmed_weights_says_so(facts):
    u = criteria.weight_uncertainty(data.load("synthetic_vignettes")).set_index("vignette_id")
    text = CHAPTER.read_text(encoding="utf-8")
    for vid, row in u.iterrows():
        note = facts[f"diagnosis_{vid.lower()}_weights_note"]
        if row["rests_on_uncertain"]:
            k = row["n_uncertain_domains"]
            assert note.startswith(f"this verdict rests on {k} unconfirmed")
            assert f"diagnosis_{vid.lower()}_weights_note" in text, vid
        else:
            assert note == "the weights play no part in this verdict"
    # V4 uses unconfirmed zero-point weights; V6's points all come from unconfirmed weights
    assert facts["diagnosis_v4_uncertain_domains"] == 4
    assert u.loc["V6", "points_from_uncertain"] == u.loc["V6", "total_points"]
    assert "not safe even from an error of one point" in facts["diagnosis_v4_weights_note"]
    assert "smaller than 2 points" in facts["diagnosis_v6_weights_note"]
    assert facts["diagnosis_fragile_ids"] == "V4, V5 and V9"


def test_uncertainty_note_rejects_nothing_silently():
    row = {"rests_on_uncertain": True, "uncertain_domains": "glands", "safe_error_points": 3}
    assert uncertainty_note(row) == (
        "this verdict rests on 1 unconfirmed weight (glands) and is safe from any error "
        "smaller than 3 points in each"
    )


def test_serum_threshold_readings(facts):
    assert facts["diagnosis_cdc_serum"] == "above 135 mg/dL"
    assert facts["diagnosis_cdc_serum_2020_japanese"] == "135mg/dL以上"
    assert facts["diagnosis_cdc_serum_2020_japanese_words"] == "at or above 135 mg/dL"
    assert facts["diagnosis_cdc_serum_cutoff"] == f"{criteria.DEFAULT_IGG4_ULN_MG_DL:.0f}"


def test_cohort_categories_recomputed(facts):
    b = data.load("induction_baseline").set_index("label")
    for label in ("Definite", "Probable", "Possible"):
        n, d = int(b.loc[label, "count"]), int(b.loc[label, "denominator"])
        assert facts[f"diagnosis_cohort_{label.lower()}_pct"] == f"{100 * n / d:.1f}%"


def test_tables_read_for_people():
    from igg4lib.book import diagnosis as book

    w = book.weights_table()
    assert w.data.index.names == ["Domain", "Item"]
    assert set(w.data["Weight checked"]) <= set(book.STATUS_WORDS.values())
    assert len(w.data) == len(criteria.weights())
    cats = book.cohort_categories_table(data.load("induction_baseline")).data
    assert cats.loc["Possible", "As printed, n (%)"] == "103 (47.9%)"
    assert cats.loc["Possible", "Recomputed (%)"] == "47.9"
    vignettes = data.load("synthetic_vignettes")
    scored = criteria.score_vignettes(vignettes)
    verdicts = book.verdicts_table(scored)
    assert verdicts.caption.startswith("SYNTHETIC")
    assert verdicts.data.loc["V3", "ACR/EULAR verdict"] == "excluded"
    assert verdicts.data.loc["V4", "ACR/EULAR verdict"] == "below threshold"
    u = book.uncertainty_table(criteria.weight_uncertainty(vignettes)).data
    assert u.loc["V2", "Verdict safe from errors smaller than (points per weight)"] == (
        "weights play no part"
    )
    v3 = criteria.classify_acr_eular(criteria.case_from_findings(vignettes.iloc[2].to_dict()))
    steps = book.result_table(v3, "V3").data
    assert steps.loc["Total points", "V3"] == str(v3.total_points)
    assert steps.loc["Verdict", "V3"] == v3.verdict
    with pytest.raises(TypeError, match="AcrEularResult"):
        book.result_table({"total_points": 3}, "x")  # type: ignore[arg-type]


def test_changed_verdicts_lists_only_cases_that_change():
    from igg4lib.book import diagnosis as book

    vignettes = data.load("synthetic_vignettes")
    before = criteria.score_vignettes(vignettes)
    after = criteria.score_vignettes(vignettes, uln_mg_dl=book.ULN_EXERCISE_MG_DL)
    cols = ["total_points", "classified", "cdc_2011", "cdc_2020"]
    expected = before.loc[(before[cols] != after[cols]).any(axis=1), "vignette_id"].tolist()
    shown = book.changed_verdicts(before, after, names=("a", "b")).data
    assert shown.index.tolist() == expected and expected
    with pytest.raises(ValueError, match="same vignettes"):
        book.changed_verdicts(before, after.iloc[::-1], names=("a", "b"))


def test_points_figure_is_text_column_wide_with_body_size_text():
    import matplotlib.pyplot as plt

    from igg4lib.plots import diagnosis as diagnosis_plots

    vignettes = data.load("synthetic_vignettes")
    fig = diagnosis_plots.points_stack(criteria.score_vignettes(vignettes),
                                       criteria.weight_uncertainty(vignettes))
    assert fig.get_size_inches()[0] == diagnosis_plots.FIGURE_WIDTH_IN
    fig.canvas.draw()
    texts = [t for t in fig.findobj(plt.Text) if t.get_text().strip()]
    assert min(t.get_fontsize() for t in texts) >= diagnosis_plots.TEXT_PT
    # Everything drawn lies inside the figure (no clipped label); bboxes in inches.
    drawn = fig.get_tightbbox(fig.canvas.get_renderer())
    assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01
    assert drawn.x1 <= fig.get_size_inches()[0] + 0.01
    assert drawn.y1 <= fig.get_size_inches()[1] + 0.01
    plt.close(fig)
