"""igg4lib.activity: responder index scoring, percentage change and the response rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igg4lib import activity
from igg4lib.activity import (
    ORGAN_SCORE_MEANING,
    assess_change,
    percent_change,
    responder_index,
)


def test_organ_scale_is_0_to_3() -> None:
    assert sorted(ORGAN_SCORE_MEANING) == [0, 1, 2, 3]


def test_sum_of_organ_scores_and_serum_item() -> None:
    ri = responder_index({"pancreas": 2, "lacrimal glands": 1}, serum_igg4_score=3)
    assert dict(ri.organ_points) == {"pancreas": 2, "lacrimal glands": 1}
    assert ri.serum_igg4_points == 3
    assert ri.total == 6


def test_urgent_organs_count_double() -> None:
    ri = responder_index({"bile ducts": 3, "pancreas": 2}, urgent=["bile ducts"])
    assert ri.organ_points["bile ducts"] == 6
    assert ri.total == 8
    assert ri.urgent == ("bile ducts",)


def test_documented_parameters_change_the_score() -> None:
    scores = {"kidney": 3}
    assert responder_index(scores, urgent=["kidney"], urgent_multiplier=3).total == 9
    assert responder_index(scores, serum_igg4_score=2, serum_igg4_weight=2).total == 7
    assert responder_index(scores, serum_igg4_score=4, serum_igg4_max=4).total == 7


def test_empty_visit_scores_zero() -> None:
    assert responder_index({}).total == 0


@settings(max_examples=100, deadline=None)
@given(
    scores=st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 3), min_size=1),
    igg4=st.integers(0, 3),
    data_=st.data(),
)
def test_marking_an_organ_urgent_never_lowers_the_total(scores, igg4, data_) -> None:
    organ = data_.draw(st.sampled_from(sorted(scores)))
    plain = responder_index(scores, serum_igg4_score=igg4)
    urgent = responder_index(scores, urgent=[organ], serum_igg4_score=igg4)
    assert urgent.total == plain.total + scores[organ]
    assert 0 <= plain.total <= 3 * len(scores) + 3


def test_percent_change() -> None:
    assert percent_change(10, 5) == -50.0
    assert percent_change(8, 10) == 25.0
    assert round(percent_change(14, 6), 4) == -57.1429


@pytest.mark.parametrize(
    ("baseline", "follow_up", "label", "fall50", "fall2", "stable"),
    [
        (12, 6, "response (fall >= 50%)", True, True, False),  # exactly 50%: a response
        (12, 7, "partial fall (< 50%)", False, True, False),
        (3, 1, "response (fall >= 50%)", True, True, True),  # a 66.7% fall
        (12, 12, "no fall", False, False, False),
        (12, 13, "worse", False, False, False),
        (4, 0, "response (fall >= 50%)", True, True, True),
        (2, 1, "response (fall >= 50%)", True, False, True),  # 50% fall but only 1 point
    ],
)
def test_response_rules(baseline, follow_up, label, fall50, fall2, stable) -> None:
    a = assess_change(baseline, follow_up)
    assert a.label == label
    assert a.fall_at_least_50pct is fall50
    assert a.fall_at_least_2_points is fall2
    assert a.stable_at_follow_up is stable
    assert a.change_points == follow_up - baseline


def test_stable_threshold_is_strict_below_2() -> None:
    assert assess_change(10, 1.9).stable_at_follow_up
    assert not assess_change(10, 2).stable_at_follow_up


@settings(max_examples=100, deadline=None)
@given(base=st.integers(1, 60), a=st.integers(0, 60), b=st.integers(0, 60))
def test_response_is_monotone_in_the_follow_up(base, a, b) -> None:
    low, high = min(a, b), max(a, b)
    assert assess_change(base, low).fall_at_least_50pct >= assess_change(
        base, high
    ).fall_at_least_50pct


# ---- errors -----------------------------------------------------------------------------------


def test_score_out_of_range_is_named() -> None:
    with pytest.raises(
        ValueError, match=r"organ_scores\['kidney'\]. got 4; expected a value <= 3"
    ):
        responder_index({"kidney": 4})


def test_negative_score_is_named() -> None:
    with pytest.raises(
        ValueError, match=r"organ_scores\['lung'\]. got -1; expected a value >= 0"
    ):
        responder_index({"lung": -1})


def test_urgent_organ_without_score_is_named() -> None:
    with pytest.raises(
        ValueError, match=r"argument 'urgent' got \['aorta'\] \(list\); expected names among"
    ):
        responder_index({"kidney": 2}, urgent=["aorta"])


def test_urgent_as_string_is_rejected() -> None:
    with pytest.raises(
        ValueError, match=r"argument 'urgent' got 'kidney' \(str\); expected a list or tuple"
    ):
        responder_index({"kidney": 2}, urgent="kidney")


def test_serum_item_out_of_range_is_named() -> None:
    with pytest.raises(
        ValueError, match=r"argument 'serum_igg4_score' got 5; expected a score from 0 to"
    ):
        responder_index({}, serum_igg4_score=5)


def test_empty_organ_name_is_rejected() -> None:
    with pytest.raises(
        ValueError, match=r"organ_scores\[''\]. got '' \(str\); expected a non-empty string"
    ):
        responder_index({"": 1})


def test_not_a_mapping_is_rejected() -> None:
    with pytest.raises(
        ValueError, match=r"argument 'organ_scores' got .* \(list\); expected a mapping"
    ):
        responder_index([("kidney", 1)])  # type: ignore[arg-type]


def test_zero_baseline_is_rejected() -> None:
    with pytest.raises(
        ValueError, match=r"argument 'baseline' got 0; expected a value >= 0\.01"
    ):
        percent_change(0, 3)


def test_negative_ri_is_rejected() -> None:
    with pytest.raises(
        ValueError, match=r"argument 'follow_up' got -2; expected a value >= 0"
    ):
        assess_change(10, -2)


# ---------------------------------------------------------------- rules pinned to the data


def test_default_rules_are_the_published_ones() -> None:
    import inspect

    rules = activity.response_rules().set_index("rule")
    defaults = inspect.signature(activity.assess_change).parameters
    assert defaults["fall_threshold_pct"].default == rules.loc["induction_goal", "value"] == 50
    assert defaults["fall_threshold_points"].default == rules.loc["rituximab_response", "value"]
    assert defaults["stable_below"].default == rules.loc["wins_stable", "value"] == 2
    assert rules.loc["wins_stable", "comparator"] == "<"
    for rule in ("induction_goal", "rituximab_response"):
        assert rules.loc[rule, "comparator"] == ">="
    # each parsed value is the number printed
    for rule, row in rules.iterrows():
        assert f"{row['value']:g}" in row["printed"], rule
    assert rules.loc["ri_sites", "value"] + rules.loc["ri_constitutional", "value"] == 25
    assert "25 domains" in rules.loc["ri_sites", "printed"]


def test_rules_at_their_boundaries() -> None:
    exactly_half = activity.assess_change(12, 6)
    assert exactly_half.fall_at_least_50pct  # ">= 50%" includes 50%
    two_points = activity.assess_change(5, 3)
    assert two_points.fall_at_least_2_points  # ">= 2 points" includes 2
    assert not activity.assess_change(5, 2).stable_at_follow_up  # "< 2" excludes 2
    assert activity.assess_change(5, 1).stable_at_follow_up
