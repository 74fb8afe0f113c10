"""The book's readings of ambiguous published numbers: one account, pinned to the computations.

``data/published/readings.csv`` states each inference once (see :mod:`igg4lib.readings`).
These tests pin every count a reading states to the computation that supports it, and
check that the pages which glue a reading's statement glue it verbatim: a page that tells
the story differently fails here.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from scipy.stats import chi2_contingency

from igg4lib import data, ledger, readings, trial
from igg4lib import riskcohort as rc

ROOT = Path(__file__).resolve().parent.parent


def _split(groups: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{f}/{n}" for n, f in groups.values())


def test_every_question_has_exactly_one_adopted_reading():
    table = readings.table()
    counts = table[table["status"] == "adopted"].groupby("question").size()
    assert set(counts.index) == set(table["question"])
    assert (counts == 1).all()


def test_unknown_question_is_refused():
    with pytest.raises(ValueError, match="argument 'question' got 'wins-arm4', an unknown "
                       "question"):
        readings.adopted("wins-arm4")
    with pytest.raises(TypeError, match="argument 'question' got 2; expected a string"):
        readings.adopted(2)
    for function in (readings.readings_of, readings.account):
        with pytest.raises(ValueError, match="argument 'question' got 'wins-arm4'"):
            function("wins-arm4")
    with pytest.raises(TypeError, match="unexpected keyword argument 'status'"):
        readings.table(status="adopted")


def test_wins_arm2_readings_follow_from_the_printed_percentage():
    arm = data.load("wins_trial_arms").set_index("arm").loc[2]
    n, pct = int(arm["n_randomised"]), float(arm["relapse_percent"])
    fits = trial.consistent_event_counts(pct, n)
    book = readings.adopted("wins-arm2-relapses")
    assert fits.crude_counts == ()  # no whole count of the arm gives the printed value
    assert (book.events, book.n) == (fits.nearest_count, n)
    km = next(r for r in readings.readings_of("wins-arm2-relapses") if "kaplan" in r.reading)
    # a Kaplan-Meier risk is never below the crude proportion: events <= pct * n
    assert f"at most {math.floor(pct / 100 * n)}" in km.statement
    assert km.value == f"at most {math.floor(pct / 100 * n)} relapses"
    _, smallest_n = trial.smallest_denominator(pct)  # (count, denominator)
    out = next(r for r in readings.readings_of("wins-arm2-relapses") if r.status == "ruled out")
    assert f"smaller than {smallest_n} " in out.reasoning


def test_systematic_truncation_of_wins_percentages_is_excluded():
    """Truncating every percentage would explain group 2's 14.2% but not group 1's figure."""
    arms = data.load("wins_trial_arms").set_index("arm")
    n1, printed1 = int(arms.loc[1, "n_randomised"]), str(arms.loc[1, "relapse_printed"])
    (x1,) = trial.consistent_event_counts(float(arms.loc[1, "relapse_percent"]), n1).crude_counts
    truncated = f"{math.floor(1000 * x1 / n1) / 10:.1f}%"
    assert f"{100 * x1 / n1:.1f}%" == printed1  # rounding reproduces group 1
    assert truncated != printed1  # truncation does not
    n2 = int(arms.loc[2, "n_randomised"])
    x2 = readings.adopted("wins-arm2-relapses").events
    assert f"{math.floor(1000 * x2 / n2) / 10:.1f}%" == str(arms.loc[2, "relapse_printed"])
    book = readings.adopted("wins-arm2-relapses")
    assert "one-off truncation" in book.reasoning
    assert f"print group 1 as {truncated}" in book.reasoning


def test_trial_analysis_counts_use_the_adopted_reading():
    arms = data.load("wins_trial_arms")
    counts = trial.wins_analysis_counts().set_index("arm")
    book = readings.adopted("wins-arm2-relapses")
    label = arms.set_index("arm").loc[2, "label"]
    assert int(counts.loc[label, "events"]) == book.events


def test_fig3c_adopted_split_is_the_complete_case_reconstruction():
    book = readings.adopted("fig3c-groups")
    targets = rc.published_targets(groups_measured_only=True)
    assert _split(targets.groups) == book.value
    assert sum(n for n, _ in targets.groups.values()) == book.n
    assert sum(f for _, f in targets.groups.values()) == book.events
    assert len(ledger.fig3c_solutions(book.reading)) == 1


def test_fig3c_ruled_out_split_cannot_coexist_with_table3():
    out = next(r for r in readings.readings_of("fig3c-groups") if r.status == "ruled out")
    all_patients = rc.published_targets(groups_measured_only=False)
    assert _split(all_patients.groups) == out.value
    measured = rc.published_targets(groups_measured_only=True)
    t = rc.CohortTargets(
        eosinophilia=measured.eosinophilia,
        ri_quartile=measured.ri_quartile,
        organs=measured.organs,
        dacryoadenitis=measured.dacryoadenitis,
        groups=all_patients.groups,
    )
    assert not rc.factor_instance_bounds(t)["compatible"].any()
    # the adopted reading is feasible: the synthetic cohort built on it exists and matches it
    cohort = data.load("synthetic_gc_risk_cohort")
    assert len(cohort) == all_patients.n_patients


def test_eosinophilia_reading_is_the_only_fitting_table():
    book = readings.adopted("eosinophilia-denominator")
    row = ledger.build_ledger().set_index("check_id").loc["t3-or-gc-eosinophilia"]
    assert f"fits with {book.n} patients and {book.events} failures: {book.value}" in str(
        row["recomputed"]
    )
    assert readings.adopted("fig3c-groups").n == book.n


@pytest.mark.parametrize(
    "question", ["retreatment-second-relapse", "allergy-denominator", "overall-relapse-rate"]
)
def test_denominator_readings_reproduce_or_miss_the_printed_percentage(question):
    for r in readings.readings_of(question):
        if r.events is None or r.n is None:
            continue  # a reading with no single count (another denominator, Kaplan-Meier)
        printed = re.search(r"(\d+\.\d)%", r.printed).group(1)
        recomputed = f"{100 * r.events / r.n:.1f}"
        assert (recomputed == printed) == (r.status == "adopted"), (r.reading, recomputed)


def test_overall_relapse_count_is_the_only_one():
    book = readings.adopted("overall-relapse-rate")
    led = ledger.build_ledger().set_index("check_id")
    assert led.loc["retreat-count-overall-relapse-rate-with-initial-therapy", "recomputed"] == (
        book.value
    )


def test_table2_test_reading_matches_the_recomputation():
    t2 = ledger.table2_tests()
    assert int(t2["agrees_chi2"].sum()) == 0 and int(t2["agrees_yates"].sum()) == 0
    assert int(t2["agrees_fisher"].sum()) == len(t2) - 1  # allergy: only with its 136
    out = next(r for r in readings.readings_of("table2-test") if r.status == "ruled out")
    assert f"none of the {len(t2)} yes/no p-values" in out.reasoning
    # Yates' correction matches the allergy row only with its implied denominator of 136
    allergy = t2.set_index("label").loc["Allergy history"]
    n_implied = readings.adopted("allergy-denominator").n
    x1, n1, x2 = (int(v) for v in re.findall(r"\d+", allergy["table"])[:3])
    yates = chi2_contingency([[x1, n1 - x1], [x2, n_implied - x2]], correction=True).pvalue
    assert f"{yates:.3f}" == "1.000" and f"denominator of {n_implied}" in out.reasoning
    led = ledger.build_ledger().set_index("check_id")
    assert bool(led.loc["t2-p-allergy-history-implied-denominator", "agrees"])


def test_ledger_explanations_point_to_the_reading_without_repeating_it():
    """The ledger states each reading once; a disagreement names it and its adopted value."""
    led = ledger.build_ledger().set_index("check_id")
    notes = ledger.explanations()
    rows = notes[notes["question"].notna()]
    assert len(rows) > 0
    for r in rows.itertuples():
        text = led.loc[r.check_id, "explanation"]
        assert f"question {r.question!r}" in text
        assert text.endswith(f"adopted: {readings.adopted(r.question).value}.")
        assert readings.adopted(r.question).statement not in text


# ---- pages: a glued reading is glued verbatim -------------------------------------------

STATEMENTS = {
    text
    for q in readings.questions()
    for r in readings.readings_of(q)
    for text in (r.statement, r.reasoning)
}
ACCOUNTS = {readings.account(q) for q in readings.questions()}


def glued_readings(nb: dict) -> list[tuple[str, str]]:
    """(key, text) of every glued value whose key names a reading or an account."""
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            scrap = o.get("metadata", {}).get("scrapbook")
            if scrap and re.search(r"_(reading|account)_", scrap["name"]):
                text = o["data"].get("application/papermill.record/text/plain", "")
                text = "".join(text) if isinstance(text, list) else text
                out.append((scrap["name"], text.strip("'\"")))
    return out


def _is_from_readings(text: str) -> bool:
    """True when ``text`` is made only of statements, reasonings and accounts, verbatim."""
    rest = text
    for piece in sorted(STATEMENTS | ACCOUNTS, key=len, reverse=True):
        rest = rest.replace(piece, " ")
    return text.strip() != "" and rest.strip() == ""


def disagreeing(nb: dict) -> list[str]:
    return [k for k, text in glued_readings(nb) if not _is_from_readings(text)]


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_pages_glue_reading_statements_verbatim(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert disagreeing(nb) == []


def test_a_page_with_another_account_fails():
    """A glued reading that differs from the data set by one word is caught."""
    statement = readings.adopted("wins-arm2-relapses").statement
    fake = {
        "cells": [
            {
                "cell_type": "code",
                "outputs": [
                    {
                        "metadata": {"scrapbook": {"name": "wins_reading_arm2"}},
                        "data": {
                            "application/papermill.record/text/plain": repr(
                                statement.replace("nearest", "exact")
                            )
                        },
                    }
                ],
            }
        ]
    }
    assert disagreeing(fake) == ["wins_reading_arm2"]
    fake["cells"][0]["outputs"][0]["data"]["application/papermill.record/text/plain"] = repr(
        statement
    )
    assert disagreeing(fake) == []
