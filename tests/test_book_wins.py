"""The WInS chapter's facts (igg4lib.book.wins) checked against data/ and independent arithmetic."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from scipy.stats import fisher_exact

from igg4lib import data, readings, trial
from igg4lib.book import wins

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = (ROOT / "chapters" / "wins.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def facts() -> dict[str, object]:
    return wins.facts()


def _prose(text: str) -> str:
    """The chapter without code cells (what a reader reads)."""
    return re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.DOTALL)


def test_every_key_is_prefixed_and_every_glued_role_exists(facts):
    assert all(k.startswith("wins_") for k in facts)
    used = {m.split(":", 1)[0] for m in re.findall(r"\{glue:text\}`([^`]+)`", CHAPTER)}
    figures = set(re.findall(r"\{glue:figure\}\s+(\S+)", CHAPTER))
    missing = used - set(facts) - figures
    assert not missing, f"the chapter glues keys the facts module does not define: {missing}"


def test_published_numbers_come_from_the_data_set(facts):
    arms = data.load("wins_trial_arms")
    assert facts["wins_n_total"] == int(arms["n_randomised"].sum())
    for k in (1, 2, 3):
        row = arms.iloc[k - 1]
        assert facts[f"wins_n_{k}"] == int(row["n_randomised"])
        assert facts[f"wins_printed_{k}"] == row["relapse_printed"]


def test_group_2_count_is_the_adopted_reading_and_the_account_is_glued_verbatim(facts):
    adopted = readings.adopted("wins-arm2-relapses")
    assert (facts["wins_x_2"], facts["wins_n_2"]) == (adopted.events, adopted.n)
    assert facts["wins_reading_adopted"] == adopted.statement
    assert facts["wins_reading_adopted_why"] == adopted.reasoning
    for other in readings.readings_of("wins-arm2-relapses")[1:]:
        alt = other.status == "alternative"
        key = "wins_reading_alternative" if alt else "wins_reading_ruled_out"
        assert other.statement in facts[key] and other.reasoning in facts[key]
    for key in ("wins_reading_adopted", "wins_reading_adopted_why", "wins_reading_alternative",
                "wins_reading_ruled_out"):
        assert f"{{glue:text}}`{key}`" in CHAPTER
    # the sensitivity counts are the ones the adopted statement names
    assert f"{facts['wins_km_max_2']} and {facts['wins_x_2_plus']} relapses" in adopted.statement


def test_groups_1_and_3_are_the_only_counts_that_fit(facts):
    for k, printed, n in ((1, 52.1, 48), (3, 12.2, 49)):
        fits = [x for x in range(n + 1) if round(100 * x / n, 1) == printed]
        assert fits == [facts[f"wins_x_{k}"]]
        assert facts[f"wins_basis_{k}"] == trial.BASIS_ONLY_COUNT
    assert facts["wins_basis_2"] == trial.BASIS_READING


def test_no_count_is_called_exact_or_published():
    prose = _prose(CHAPTER).lower()
    for phrase in ("exact count", "published count", "are exact", "is exact"):
        assert phrase not in prose, phrase
    assert "first randomised" not in prose
    assert "lowered the failure rate" not in prose


def test_mitigate_numbers_are_not_typed_here():
    section = CHAPTER.split("## Newer evidence", 1)[1].split("## Summary", 1)[0]
    assert "stone2025" in section
    assert not re.search(r"\d", re.sub(r"\{cite:p\}`[^`]*`|CD19", "", section))


def test_differences_say_their_direction_and_keep_one_sign(facts):
    x = {k: (facts[f"wins_x_{k}"], facts[f"wins_n_{k}"]) for k in (1, 2, 3)}
    for key, (a, b) in {"12": (1, 2), "13": (1, 3), "23": (2, 3)}.items():
        rd = x[a][0] / x[a][1] - x[b][0] / x[b][1]
        assert facts[f"wins_rd_{key}"] == f"{100 * rd:+.1f}"
        text = facts[f"wins_rd_ci_{key}"].removesuffix(" points")
        low, high = (float(v) for v in text.split(" to "))
        assert low < 100 * rd < high
        assert f"group {a} minus group {b}" in CHAPTER
    assert facts["wins_rd_ci_23"] == "-11.9 to 16.0 points"
    # the sensitivity span of group 2 minus group 3 contains the adopted reading's interval
    span = [float(v) for v in facts["wins_sens23_span"].removesuffix(" points").split(" to ")]
    ci = [float(v) for v in facts["wins_rd_ci_23"].removesuffix(" points").split(" to ")]
    assert span[0] <= ci[0] and ci[1] <= span[1]
    assert "group 3 minus group 2" not in CHAPTER
    assert "indistinguishable" not in CHAPTER


def test_p_values_and_probabilities_never_print_as_certain(facts):
    for key, value in facts.items():
        if isinstance(value, str):
            assert "0.000" not in value.replace("0.0005", ""), (key, value)
            ok = "1.000" not in value or key.startswith(("wins_p_", "wins_padj_"))
            assert ok, (key, value)
    p12 = float(fisher_exact([[25, 23], [7, 42]])[1])
    assert p12 < 0.001 and facts["wins_p_12"] == "p < 0.001"


def test_nnt_is_rounded_up(facts):
    rd = 25 / 48 - 7 / 49
    assert facts["wins_nnt_12_ceil"] == math.ceil(1 / rd)


def test_credible_interval_is_the_exact_one(facts):
    r = trial.risk_difference_posterior(25, 48, 7, 49)
    assert facts["wins_bayes_12_cri"] == f"{100 * r.cri_low:.1f} to {100 * r.cri_high:.1f} points"
    assert facts["wins_bayes_12_cri"] == "19.0 to 52.7 points"


def test_sceptical_prior_facts(facts):
    strong = wins.sceptical_posteriors()[1]
    assert facts["wins_scep_strong_bound"] == "2"
    assert strong.prior_or_low == pytest.approx(0.5) and strong.prior_or_high == pytest.approx(2.0)
    assert facts["wins_scep_strong_m10"] == f"{strong.prob_exceeds_margin(0.1):.3f}"
    # a sceptical prior on the effect shrinks more than the informative priors on each arm
    assert float(facts["wins_scep_strong_m20"]) < float(facts["wins_bayes_inf_m20"])


def test_registry_thresholds_are_read_from_data(facts):
    crit = data.load("wins_registry_criteria").set_index("item")
    assert facts["wins_reg_ri"] == f"below {crit.loc['responder index', 'value']:g} points"
    assert facts["wins_reg_gc"] == "at most 7.5 mg/day"
    assert "methotrexate up to 12.5 mg/week" in facts["wins_reg_im_limits"]
    for item in ("responder index", "prednisone (or equivalent) dose", "methotrexate"):
        value = f"{crit.loc[item, 'value']:g}"
        assert value in crit.loc[item, "printed"]
    prose = _prose(CHAPTER)
    for typed in ("7.5 mg", "12.5 mg", "100 mg", "20 mg"):
        assert typed not in prose


def test_noninferiority_margin_says_what_it_accepts(facts):
    margin = float(facts["wins_ni_margin"]) / 100
    control = 6 / 49
    assert facts["wins_ni_accepted"] == f"{100 * (control + margin):.1f}%"
    assert facts["wins_ni_alt_n80"] == trial.noninferiority_sample_size(control, control, 0.05)
    assert facts["wins_ni_alt_n80"] > facts["wins_ni_n80"]
    assert facts["wins_ni_sims"] == "100,000"


def test_margin_is_described_by_what_it_declares_acceptable(facts):
    control = float(facts["wins_ni_pcontrol"].rstrip("%"))
    accepted = float(facts["wins_ni_accepted"].rstrip("%"))
    assert 1.75 * control < accepted < 2 * control  # "almost twice the control risk"
    assert facts["wins_ni_alpha_pct"] == f"{100 * wins.NI_ALPHA:.1f}%"
    assert facts["wins_ni_level"] == f"{100 * (1 - wins.NI_ALPHA):.1f}%"
    # the simulated rejection rate at the margin is close to the nominal one-sided alpha
    assert abs(float(facts["wins_ni_type1"]) - wins.NI_ALPHA) < 0.01
    prose = _prose(CHAPTER)
    for claim in ("would accept a relapse risk", "as high as", "would accept at most"):
        assert claim not in prose


def test_sensitivity_counts_are_crude_counts_around_the_adopted_one(facts):
    counts = wins.group2_counts()
    assert facts["wins_sens_counts"] == f"{counts[0]} to {counts[-1]}"
    assert counts == [facts["wins_x_2"] - 1, facts["wins_x_2"], facts["wins_x_2"] + 1]
    prose = _prose(CHAPTER)
    assert "holds however the printed percentages are read" not in prose
    assert "could also be smaller, which would widen it further" not in prose


def test_claims_go_no_further_than_the_sources():
    prose = " ".join(_prose(CHAPTER).split())
    assert "judged by physicians who knew" not in prose
    assert "do not say whether relapse was adjudicated blind to the arm" in prose
    assert "were excluded" not in prose  # registry text only: "the registered criteria excluded"
    assert "large and robust" not in prose
    assert "with active disease" not in prose  # MITIGATE's population was not read


def test_prior_caption_numbers(facts):
    table = trial.prior_sensitivity(25, 48, 7, 49, margins=(0.1,))
    by_prior = dict(zip(table["prior"], table["prob_exceeds_margin"], strict=True))
    weak = next(v for k, v in by_prior.items() if k.startswith("informative"))
    strong = next(v for k, v in by_prior.items() if k.startswith("strongly"))
    uniform = by_prior["uniform Beta(1, 1)"]
    assert abs(weak - uniform) < 0.02 < uniform - strong  # the weaker barely matters
    assert facts["wins_bayes_weak_m10"] == f"{weak:.3f}"
    assert facts["wins_bayes_inf_m10"] == f"{strong:.3f}"


def test_other_seed_shifts_are_computed(facts):
    counts = trial.wins_analysis_counts()
    arms = counts.assign(risk_18m=counts["events"] / counts["n"])
    a = trial.kaplan_meier_table(trial.simulate_relapse_times(arms), times=[18.0])
    b = trial.kaplan_meier_table(trial.simulate_relapse_times(arms, seed=wins.OTHER_SEED),
                                 times=[18.0])
    shift = (b["cumulative_relapse"].to_numpy() - a["cumulative_relapse"].to_numpy())
    shown = [f"{100 * abs(v):.1f}" for v in shift]
    assert facts["wins_seed_shifts"] == f"{shown[0]}, {shown[1]} and {shown[2]}"
    assert facts["wins_seed_other"] == wins.OTHER_SEED
    assert f"seed={wins.OTHER_SEED}" in CHAPTER  # the exercise's code uses the same seed


def test_fragility_benchmark_from_data(facts):
    bench = data.load("wins_fragility_benchmark").set_index("item")
    assert facts["wins_fi_walsh_median"] == int(bench.loc["median fragility index", "value"])
    assert "Fragility Index was 8" in bench.loc["median fragility index", "printed"]
    assert facts["wins_fi_12"] == trial.fragility_index(25, 48, 7, 49)


# ----------------------------------------------------------------------------- tables

CODE_HEADER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def _shown(styler) -> tuple[list[str], list[list[str]]]:
    """Headings (row labels first) and the cell texts a reader sees."""
    frame = styler.data
    index_names = [n for n in frame.index.names if n]
    headings = index_names + [str(c) for c in frame.columns]
    rows = []
    for key, values in zip(frame.index, frame.itertuples(index=False), strict=True):
        keys = list(key) if isinstance(key, tuple) else ([key] if index_names else [])
        rows.append([str(v) for v in [*keys, *values]])
    return headings, rows


def _phone_width(styler) -> int:
    """Characters a table needs on one line: each column's longest word or unbroken cell.

    Cells wrap at spaces, so a column is as wide as its longest word of heading and its
    longest cell word; a narrow phone (390 px at the table font) fits about 46 characters
    with the cell padding.
    """
    headings, rows = _shown(styler)
    width = 0
    for j, heading in enumerate(headings):
        words = heading.split() + [w for row in rows for w in row[j].split()]
        width += max(len(w) for w in words) + 3  # padding of a cell, in characters
    return width


@pytest.fixture(scope="module")
def tables() -> dict[str, object]:
    arms = data.load("wins_trial_arms")
    counts = trial.analysis_counts(arms, readings=trial.WINS_READINGS)
    pairs = trial.pairwise_comparisons(counts)
    readings_2 = wins.group2_counts()
    sens = trial.sensitivity_to_count(counts, arm=counts["arm"][1], counts=readings_2,
                                      margin=0.2)
    sens_23 = trial.sensitivity_to_count(counts, arm=counts["arm"][1], counts=readings_2,
                                         reference=counts["arm"][2], margin=0.0,
                                         arm_minus_reference=True)
    cohort = trial.simulate_relapse_times(counts.assign(risk_18m=counts["events"] / counts["n"]))
    posts = {m: trial.risk_difference_posterior(25, 48, 7, 49, margin=m) for m in (0, 0.1, 0.2)}
    return {
        "registry": wins.registry_table(data.load("wins_registry_criteria")),
        "arms": wins.arms_table(arms),
        "fits": wins.count_fits_table(trial.event_count_readings(arms)),
        "counts": wins.counts_table(counts),
        "pairs": wins.pairs_table(pairs),
        "ratios": wins.ratios_table(pairs),
        "sensitivity": wins.sensitivity_table(sens),
        "sensitivity_fi": wins.sensitivity_table(sens, with_fragility=True),
        "sensitivity_23": wins.sensitivity_table(sens_23),
        "fragility": wins.fragility_table(trial.fragility_indices(pairs)),
        "posterior": wins.posterior_table(posts),
        "priors": wins.prior_table(trial.prior_sensitivity(25, 48, 7, 49)),
        "sceptical": wins.sceptical_table(wins.sceptical_posteriors()),
        "cohort": wins.cohort_table(cohort.head()),
        "km": wins.km_table(trial.kaplan_meier_table(cohort, times=[6.0, 12.0, 18.0])),
        "logrank": wins.logrank_table(trial.logrank_tests(cohort)),
        "power": wins.power_table(trial.simulate_noninferiority_power(0.12, 0.14, 150, 0.1,
                                                                      n_sims=2000)),
        "margins": wins.margin_table(trial.noninferiority_margin_table(6 / 49, [0.1, 0.05],
                                                                       n_sims=2000)),
    }


def test_tables_are_for_people(tables):
    for name, styler in tables.items():
        headings, rows = _shown(styler)
        assert styler.caption, name
        assert not [h for h in headings if CODE_HEADER.match(h)], (name, headings)
        assert not [c for row in rows for c in row if re.fullmatch(r"-?0\.0+", c)], name
        assert "<table" in styler.to_html(), name


def test_results_and_summary_tables_read_on_a_phone(tables):
    for name in ("registry", "arms", "fits", "counts", "pairs", "ratios", "sensitivity",
                 "sensitivity_23", "fragility", "posterior", "sceptical", "km", "logrank"):
        headings, _ = _shown(tables[name])
        assert len(headings) <= 5, (name, headings)
        assert _phone_width(tables[name]) <= 56, (name, _phone_width(tables[name]))
    for name in ("registry", "pairs", "counts", "sensitivity", "fragility", "posterior"):
        assert _phone_width(tables[name]) <= 46, (name, _phone_width(tables[name]))


def test_results_table_numbers_match_the_prose(tables, facts):
    headings, rows = _shown(tables["pairs"])
    assert headings == ["Groups", "Difference (points)", "95% CI", "p (Holm)"]
    assert [r[0] for r in rows] == ["1 minus 2", "1 minus 3", "2 minus 3"]
    for row, key in zip(rows, ("12", "13", "23"), strict=True):
        assert row[1] == facts[f"wins_rd_{key}"]
        assert f"{row[2]} points" == facts[f"wins_rd_ci_{key}"]
    assert rows[0][3] == "< 0.001"
    _, rows = _shown(tables["ratios"])
    assert rows[0][1] == f"{facts['wins_rr_12']} ({facts['wins_rr_ci_12']})"
    assert rows[0][2] == facts["wins_nnt_12"]
    _, rows = _shown(tables["counts"])
    assert [r[2] for r in rows] == ["only count that fits", "the book's reading",
                                    "only count that fits"]
    assert rows[1][1].startswith(f"{facts['wins_x_2']} of {facts['wins_n_2']}")


def test_sensitivity_table_names_the_adopted_count_and_direction(tables, facts):
    headings, rows = _shown(tables["sensitivity"])
    assert [r[0] for r in rows] == [f"a crude count of {facts['wins_km_max_2']}",
                                    f"{facts['wins_x_2']} (adopted)",
                                    f"a crude count of {facts['wins_x_2_plus']}"]
    assert headings[-1] == "P(> 20 points)"
    assert "group 1 minus group 2" in tables["sensitivity"].caption
    assert rows[1][1] == facts["wins_rd_12"]
    assert "Fragility index" not in headings
    headings, rows = _shown(tables["sensitivity_fi"])
    assert headings[3] == "Fragility index" and rows[1][3] == str(facts["wins_fi_12"])
    fi = sorted(int(r[3]) for r in rows)
    assert f"{fi[0]} to {fi[-1]}" == facts["wins_sens_fi_range"]
    assert "group 2 minus group 3" in tables["sensitivity_23"].caption


def test_posterior_tables_keep_the_exact_interval(tables, facts):
    assert f"credible interval {facts['wins_bayes_12_cri']}" in tables["posterior"].caption
    _, rows = _shown(tables["posterior"])
    assert rows[-1] == ["> 20 points", facts["wins_bayes_12_m20"]]
    _, rows = _shown(tables["sceptical"])
    assert rows[1][0] == "1/2 to 2"
    assert rows[1][1] == facts["wins_scep_strong_p_or"]
    assert rows[1][4] == f"{facts['wins_scep_strong_or']} ({facts['wins_scep_strong_or_cri']})"


def test_simulated_tables_say_so_inside(tables):
    for name in ("cohort", "km", "logrank", "power"):
        headings, _ = _shown(tables[name])
        assert tables[name].caption.startswith("SIMULATED."), name
        assert any("SIMULATED" in h for h in headings), name
    headings, _ = _shown(tables["margins"])
    assert "Power, SIMULATED" in headings


def test_registry_table_says_what_excludes(tables, facts):
    _, rows = _shown(tables["registry"])
    rows = dict(rows)
    assert rows["prednisone (or equivalent) dose"] == facts["wins_reg_gc"]
    assert rows["time with stable disease"] == facts["wins_reg_stable"]
    assert rows["number of immunosuppressants"] == "excluded if at least 2 drugs"
    assert rows["relapse during an earlier glucocorticoid taper"] == "excluded if any"


def test_table_helpers_reject_the_wrong_frame():
    with pytest.raises(ValueError, match="pairs_table: argument 'pairs': missing column 'arm_1'"):
        wins.pairs_table(data.load("wins_trial_arms"))
    with pytest.raises(TypeError, match=r"counts_table: argument 'counts' .*expected an "
                                         r"instance of DataFrame"):
        wins.counts_table([1, 2, 3])
    with pytest.raises(ValueError, match=r"posterior_table: argument 'posteriors' .*at least 1"):
        wins.posterior_table({})


def test_table_helpers_refuse_what_they_would_misprint():
    """No "nan" from a missing value, no interval that misses its estimate, no table whose
    labels disagree with the numbers under them."""
    counts = trial.wins_analysis_counts()
    pairs = trial.pairwise_comparisons(counts)
    bad = pairs.assign(risk_difference=[math.nan, *pairs["risk_difference"].iloc[1:]])
    with pytest.raises(ValueError, match=r"argument 'pairs': column 'risk_difference', row 0"):
        wins.pairs_table(bad)
    outside = pairs.assign(rd_ci_high=pairs["rd_ci_low"] - 0.01)
    with pytest.raises(ValueError, match=r"argument 'pairs'.*rd_ci_low <= risk_difference "
                                         r"<= rd_ci_high"):
        wins.pairs_table(outside)
    x1, n1, x2, n2 = 25, 48, 7, 49
    post = {m: trial.risk_difference_posterior(x1, n1, x2, n2, margin=m) for m in (0.0, 0.1)}
    with pytest.raises(ValueError, match=r"argument 'posteriors'.*margin"):
        wins.posterior_table({0.2: post[0.0]})
    sens = trial.sensitivity_to_count(counts, arm=counts.arm[1], counts=[6, 7], margin=0.2)
    with pytest.raises(ValueError, match=r"argument 'sens'.*arm minus reference"):
        wins.sensitivity_table(sens.assign(difference="group 1 against group 2"))
    with pytest.raises(ValueError, match=r"argument 'with_fragility'"):
        wins.sensitivity_table(sens, with_fragility="False")
    cohort = trial.simulate_relapse_times(counts.assign(risk_18m=counts["events"] / counts["n"]))
    tests = trial.logrank_tests(cohort)
    with pytest.raises(ValueError, match=r"argument 'tests'.*A vs B"):
        wins.logrank_table(tests.assign(comparison=["all arms", "x", "y", "z"]))
    with pytest.raises(ValueError, match=r"facts: .*argument 'chapter'"):
        wins.facts(chapter="wins")


def test_prior_curves_cover_every_prior_of_the_chapter():
    curves = wins.prior_curves(25, 48, 7, 49, points=3)
    assert curves["prior"].nunique() == len(trial.DEFAULT_PRIORS) + len(wins.SCEPTICAL_OR_BOUNDS)
    assert set(curves["family"]) == {"flat", "informative", "sceptical"}
    assert curves["margin"].unique().tolist() == [0.0, 0.02, 0.04]
    for _, grp in curves.groupby("prior"):
        assert grp["prob_exceeds_margin"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="prior_curves: argument 'points' got 1; expected a "
                                         "value >= 2"):
        wins.prior_curves(25, 48, 7, 49, points=1)
    with pytest.raises(ValueError, match="argument 'points' got 51"):  # a margin of 1
        wins.prior_curves(25, 48, 7, 49, points=wins.MAX_CURVE_POINTS + 1)
    with pytest.raises(ValueError, match="argument 'x2' got 50; expected at most n2"):
        wins.prior_curves(25, 48, 50, 49)


def test_noninferiority_design_is_a_fresh_copy_each_call():
    """The design is simulated once, but a caller who edits the result (an instructor trying
    another number) does not change what the next call returns."""
    first = wins.noninferiority_design()
    margin, power = first["margin"], first["power"].copy()
    first["margin"] = 0.99
    first["power"].iloc[0, 0] = -1
    again = wins.noninferiority_design()
    assert again["margin"] == margin
    assert again["power"].equals(power)
