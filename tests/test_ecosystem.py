"""The library takes numpy and pandas input as its users pass it, and has no silent edge.

Each case of the kind reported against the library: a Series or an array (read-only too)
where a sequence is declared, a numpy scalar where a number is, a refusal naming the
argument for an optional column name that is not a column, for bounds past which a finite
input gives a non-finite answer, and for a result object built by hand that
``classify_acr_eular`` would never return; counts stored as floats print as whole numbers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from igg4lib import activity, criteria, reconstruct, trial
from igg4lib._validation import InvalidArgument
from igg4lib.plots import trial as trial_plots


def _frozen(values):
    array = np.array(values)
    array.setflags(write=False)
    return array


# --------------------------------------------------------------------------- array-likes


@pytest.mark.parametrize("form", [list, tuple, np.array, _frozen, pd.Series,
                                  lambda v: pd.Series(v, index=[7, 3, 5])])
def test_a_sequence_in_any_of_its_forms(form):
    events, sizes = [3, 5, 8], [20, 20, 20]
    p = reconstruct.fisher_freeman_halton_p(form(events), form(sizes))
    assert p == reconstruct.fisher_freeman_halton_p(events, sizes)
    assert reconstruct.cochran_armitage_p(form(events), form(sizes)) == \
        reconstruct.cochran_armitage_p(events, sizes)


def test_a_dataframe_column_where_a_sequence_is_declared():
    df = pd.DataFrame({"events": [3, 5, 8], "n": [20, 20, 20]})
    assert math.isclose(reconstruct.fisher_freeman_halton_p(df["events"], df["n"]),
                        reconstruct.fisher_freeman_halton_p([3, 5, 8], [20, 20, 20]))
    items = pd.Series(["hypocomplementaemia", "renal_pelvis"])
    assert criteria.highest_item("kidney", items) == criteria.highest_item(
        "kidney", list(items))


def test_array_likes_are_checked_like_lists():
    with pytest.raises(InvalidArgument, match=r"argument 'events\[0\]' got 3.5"):
        reconstruct.fisher_freeman_halton_p(pd.Series([3.5, 5, 8]), [20, 20, 20])
    with pytest.raises(InvalidArgument, match=r"argument 'events'.*one-dimensional"):
        reconstruct.fisher_freeman_halton_p(np.array([[1, 2], [3, 4]]), [20, 20])
    with pytest.raises(InvalidArgument, match="argument 'events'"):
        reconstruct.fisher_freeman_halton_p("358", [20, 20, 20])


def test_numpy_scalars_where_numbers_are_declared():
    plain = activity.responder_index({"submandibular glands": 1, "pancreas": 2})
    numpy = activity.responder_index({"submandibular glands": np.int64(1),
                                      "pancreas": np.int32(2)})
    assert plain == numpy
    assert trial.beta_posterior(np.int64(6), np.int64(49), prior_a=np.float64(1.0)) == \
        trial.beta_posterior(6, 49)
    with pytest.raises(InvalidArgument, match="organ_scores"):
        activity.responder_index({"submandibular glands": np.float64(1.5)})


# --------------------------------------------------------------------------- silent edges


def test_an_optional_column_name_must_name_a_column():
    table = pd.DataFrame({"arm": ["A", "B"], "relapse_pct": [52.1, 14.2],
                          "ci_low_pct": [38.3, 7.1], "ci_high_pct": [65.6, 26.7],
                          "events": [25, 7], "n": [48, 49]})
    trial_plots.relapse_by_arm(table)  # the optional columns under their default names
    with pytest.raises(InvalidArgument, match=r"missing column 'evnts' .*argument 'events'"):
        trial_plots.relapse_by_arm(table, events="evnts")
    arms = pd.DataFrame({"arm": ["A", "B"], "n": [48, 49], "events": [25, 6],
                         "printed": ["52.1%", "12.2%"]})
    trial_plots.consort_flow(arms)  # no basis column under its default name: no note
    with pytest.raises(InvalidArgument, match="argument 'basis'"):
        trial_plots.consort_flow(arms, basis="bsis")
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize(("call", "argument"), [
    (lambda: trial.beta_posterior(6, 49, prior_a=1e308), "prior_a"),
    (lambda: trial.beta_posterior(6, 49, prior_b=5e-324), "prior_b"),
    (lambda: trial.noninferiority_sample_size(0.12, 0.12, 5e-324), "margin"),
    (lambda: trial.noninferiority_sample_size(0.12, 0.12, 0.1, alpha=5e-324), "alpha"),
    (lambda: trial.sceptical_prior_sd(2.0, prob=5e-324), "prob"),
    (lambda: trial.sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=5e-324),
     "prior_sd_log_or"),
    (lambda: activity.percent_change(5e-324, 6), "baseline"),
])
def test_no_non_finite_answer_from_finite_input(call, argument):
    with pytest.raises(InvalidArgument, match=f"argument '{argument}'"):
        call()


def test_a_result_object_built_by_hand_is_checked():
    from dataclasses import replace

    from igg4lib.book import diagnosis

    result = criteria.classify_acr_eular(criteria.AcrEularCase(
        entry_criterion_met=True, pancreas_biliary="pancreas_and_biliary"))
    diagnosis.result_table(result, "Example")
    for total in (-5, math.nan, result.total_points + 1):
        with pytest.raises(InvalidArgument, match="argument 'result'"):
            diagnosis.result_table(replace(result, total_points=total), "Example")


def test_counts_stored_as_floats_print_as_whole_numbers():
    from igg4lib import risk
    from igg4lib.book import risk as book

    groups = risk.risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
                                    {"0": 2, "1": 3, "2": 5, "3-4": 5})
    floats = groups.astype({"n_patients": "float64", "failures": "float64"})
    shown = book.score_table(floats).data.to_string()
    assert "2 of 25" in shown and "25.0" not in shown

