"""igg4lib.criteria: every ACR/EULAR weight, the scoring rules, the diagnostic categories."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igg4lib import criteria, data
from igg4lib.criteria import (
    AcrEularCase,
    classify_acr_eular,
    comprehensive_diagnostic_criteria,
    gland_item,
    highest_item,
    immunostaining_item,
    serum_igg4_item,
)

# The published weights, typed here on purpose: if a weight in data/ changes, these tests fail.
EXPECTED_WEIGHTS: dict[str, dict[str, int]] = {
    "histopathology": {
        "uninformative": 0,
        "dense_lymphocytic": 4,
        "dense_lymphocytic_phlebitis": 6,
        "dense_lymphocytic_storiform": 13,
    },
    "immunostaining": {"not_supportive": 0, "moderate": 7, "strong": 14, "very_strong": 16},
    "serum_igg4": {
        "normal_or_not_checked": 0,
        "above_uln_below_2x": 4,
        "from_2x_to_5x": 6,
        "above_5x": 11,
    },
    "glands": {"no_set": 0, "one_set": 6, "two_or_more_sets": 14},
    "chest": {"none": 0, "peribronchovascular_septal": 4, "paravertebral_band": 10},
    "pancreas_biliary": {
        "none": 0,
        "diffuse_enlargement": 8,
        "enlargement_with_rim": 11,
        "pancreas_and_biliary": 19,
    },
    "kidney": {
        "none": 0,
        "hypocomplementaemia": 6,
        "renal_pelvis": 8,
        "renal_cortex_low_density": 10,
    },
    "retroperitoneum": {"none": 0, "aortic_wall": 4, "periaortic_soft_tissue": 8},
}
ALL_ITEMS = [(d, i, p) for d, items in EXPECTED_WEIGHTS.items() for i, p in items.items()]


def test_weights_table_matches_the_published_weights_exactly() -> None:
    w = criteria.weights()
    found = {
        (str(r.domain), str(r.item)): int(r.points) for r in w.itertuples(index=False)
    }
    assert found == {(d, i): p for d, i, p in ALL_ITEMS}
    assert tuple(EXPECTED_WEIGHTS) == criteria.DOMAINS


@pytest.mark.parametrize(("domain", "item", "points"), ALL_ITEMS)
def test_each_item_scores_its_weight_alone(domain: str, item: str, points: int) -> None:
    res = classify_acr_eular(AcrEularCase(entry_criterion_met=True, **{domain: item}))
    assert res.points_by_domain[domain] == points
    assert res.total_points == points
    assert sum(res.points_by_domain.values()) == res.total_points


def test_every_weight_has_a_confirmation_status() -> None:
    w = criteria.weights()
    assert set(w["status"]) <= {"confirmed_secondary", "unconfirmed"}
    confirmed = w[w["status"] == "confirmed_secondary"]
    assert confirmed["confirmed_in"].str.startswith("https://").all()
    assert w.loc[w["status"] == "unconfirmed", "confirmed_in"].isna().all()


def test_threshold_is_20() -> None:
    assert criteria.ACR_EULAR_THRESHOLD_POINTS == 20


def test_maximum_possible_total() -> None:
    best = {d: max(items, key=items.get) for d, items in EXPECTED_WEIGHTS.items()}
    res = classify_acr_eular(AcrEularCase(entry_criterion_met=True, **best))
    assert res.total_points == 13 + 16 + 11 + 14 + 10 + 19 + 10 + 8 == 101


# ---- the highest item per domain --------------------------------------------------------------


def test_only_the_highest_item_in_a_domain_counts() -> None:
    found = ["hypocomplementaemia", "renal_pelvis", "renal_cortex_low_density"]
    kidney = highest_item("kidney", found)
    assert kidney == "renal_cortex_low_density"
    res = classify_acr_eular(AcrEularCase(entry_criterion_met=True, kidney=kidney))
    assert res.total_points == 10  # not 6 + 8 + 10 = 24


@pytest.mark.parametrize("domain", list(EXPECTED_WEIGHTS))
def test_highest_item_is_order_invariant(domain: str) -> None:
    items = list(EXPECTED_WEIGHTS[domain])
    top = max(items, key=EXPECTED_WEIGHTS[domain].get)
    assert highest_item(domain, items) == top
    assert highest_item(domain, list(reversed(items))) == top
    assert highest_item(domain, []) == items[0]


# ---- the 19/20 boundary, entry and exclusions -------------------------------------------------


def test_19_points_is_not_classified_and_20_is() -> None:
    nineteen = classify_acr_eular(
        AcrEularCase(entry_criterion_met=True, pancreas_biliary="pancreas_and_biliary")
    )
    twenty = classify_acr_eular(
        AcrEularCase(
            entry_criterion_met=True,
            retroperitoneum="periaortic_soft_tissue",
            glands="one_set",
            serum_igg4="from_2x_to_5x",
        )
    )
    assert (nineteen.total_points, nineteen.classified) == (19, False)
    assert nineteen.reason == "19 points, below the threshold of 20"
    assert (twenty.total_points, twenty.classified) == (20, True)
    assert twenty.verdict == "classified as IgG4-RD"
    assert twenty.reason == "20 points, at or above the threshold of 20"


def test_entry_criterion_not_met_is_never_classified_even_at_101_points() -> None:
    best = {d: max(items, key=items.get) for d, items in EXPECTED_WEIGHTS.items()}
    res = classify_acr_eular(AcrEularCase(entry_criterion_met=False, **best))
    assert res.total_points == 101
    assert not res.classified
    assert res.reason == "entry criterion not met (the score is not used)"


@settings(max_examples=60, deadline=None)
@given(
    exclusion=st.sampled_from(criteria.exclusion_items()),
    picks=st.fixed_dictionaries(
        {d: st.sampled_from(list(items)) for d, items in EXPECTED_WEIGHTS.items()}
    ),
)
def test_any_exclusion_overrides_any_score(exclusion: str, picks: dict[str, str]) -> None:
    res = classify_acr_eular(
        AcrEularCase(entry_criterion_met=True, exclusions=(exclusion,), **picks)
    )
    assert not res.classified
    assert res.exclusions_fired == (exclusion,)
    assert res.reason.startswith(f"excluded by: {exclusion}")


def test_exclusions_are_sorted_and_deduplicated() -> None:
    case = AcrEularCase(
        entry_criterion_met=True,
        exclusions=("ssa_ssb_positive", "anca_positive", "ssa_ssb_positive"),
    )
    assert case.exclusions == ("anca_positive", "ssa_ssb_positive")


# ---- properties -------------------------------------------------------------------------------

case_strategy = st.fixed_dictionaries(
    {d: st.sampled_from(list(items)) for d, items in EXPECTED_WEIGHTS.items()}
)


@settings(max_examples=150, deadline=None)
@given(picks=case_strategy, domain=st.sampled_from(list(EXPECTED_WEIGHTS)), data_=st.data())
def test_adding_a_finding_never_lowers_the_total(picks, domain, data_) -> None:
    before = classify_acr_eular(AcrEularCase(entry_criterion_met=True, **picks))
    new = data_.draw(st.sampled_from(list(EXPECTED_WEIGHTS[domain])))
    upgraded = dict(picks)
    upgraded[domain] = highest_item(domain, [picks[domain], new])
    after = classify_acr_eular(AcrEularCase(entry_criterion_met=True, **upgraded))
    assert after.total_points >= before.total_points
    assert after.classified >= before.classified


@settings(max_examples=150, deadline=None)
@given(a=case_strategy, b=case_strategy)
def test_verdict_is_monotone_in_the_total(a, b) -> None:
    ra = classify_acr_eular(AcrEularCase(entry_criterion_met=True, **a))
    rb = classify_acr_eular(AcrEularCase(entry_criterion_met=True, **b))
    assert ra.classified == (ra.total_points >= 20)
    if ra.total_points <= rb.total_points:
        assert ra.classified <= rb.classified


# ---- measured values to codes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "cells", "expected"),
    [
        (0, 0, "not_supportive"),
        (40, 9, "not_supportive"),
        (None, 9, "not_supportive"),  # ratio indeterminate with 0-9 cells: the 0-point row
        (41, 9, "moderate"),
        (41, None, "moderate"),
        (40, 10, "moderate"),
        (None, None, "moderate"),
        (41, 10, "strong"),
        (70, 200, "strong"),
        (71, 10, "strong"),
        (71, 50, "strong"),
        (71, 51, "very_strong"),
        (100, 51, "very_strong"),
        (None, 200, "moderate"),
    ],
)
def test_immunostaining_bands(ratio, cells, expected) -> None:
    assert immunostaining_item(ratio, cells) == expected


@pytest.mark.parametrize(
    ("igg4", "uln", "expected"),
    [
        (None, 135, "normal_or_not_checked"),
        (0, 135, "normal_or_not_checked"),
        (135, 135, "normal_or_not_checked"),
        (135.1, 135, "above_uln_below_2x"),
        (269.9, 135, "above_uln_below_2x"),
        (270, 135, "from_2x_to_5x"),
        (675, 135, "from_2x_to_5x"),
        (675.1, 135, "above_5x"),
        (201, 201, "normal_or_not_checked"),  # a laboratory with a higher ULN
        (402, 201, "from_2x_to_5x"),
    ],
)
def test_serum_igg4_bands_and_uln_parameter(igg4, uln, expected) -> None:
    assert serum_igg4_item(igg4, uln) == expected


def test_gland_sets() -> None:
    assert [gland_item(n) for n in range(5)] == [
        "no_set",
        "one_set",
        "two_or_more_sets",
        "two_or_more_sets",
        "two_or_more_sets",
    ]


# ---- comprehensive diagnostic criteria --------------------------------------------------------

BIOPSY = dict(infiltrate_with_fibrosis=True, igg4_igg_ratio_pct=50.0, igg4_cells_per_hpf=20.0)
NO_BIOPSY = dict(infiltrate_with_fibrosis=False, igg4_igg_ratio_pct=None, igg4_cells_per_hpf=None)


@pytest.mark.parametrize("version", ["2011", "2020"])
@pytest.mark.parametrize(
    ("organ", "igg4", "path", "expected"),
    [
        (True, 300.0, BIOPSY, "definite"),
        (True, 100.0, BIOPSY, "probable"),
        (True, None, BIOPSY, "probable"),
        (True, 300.0, NO_BIOPSY, "possible"),
        (True, 135.0, NO_BIOPSY, "not met"),  # 135 is not above 135
        (False, 300.0, BIOPSY, "not met"),
    ],
)
def test_cdc_categories(version, organ, igg4, path, expected) -> None:
    res = comprehensive_diagnostic_criteria(
        organ_involvement=organ, serum_igg4_mg_dl=igg4, version=version, **path
    )
    assert res.category == expected
    assert res.version == version


def test_cdc_2011_needs_both_subitems_2020_needs_two_of_three() -> None:
    args = dict(
        organ_involvement=True,
        serum_igg4_mg_dl=300.0,
        infiltrate_with_fibrosis=True,
        igg4_igg_ratio_pct=35.0,  # staining sub-item fails
        igg4_cells_per_hpf=25.0,
        storiform_or_phlebitis=True,
    )
    old = comprehensive_diagnostic_criteria(**args, version="2011")
    new = comprehensive_diagnostic_criteria(**args, version="2020")
    assert (old.category, old.pathology_subitems_met) == ("possible", 1)
    assert (new.category, new.pathology_subitems_met) == ("definite", 2)


def test_cdc_staining_thresholds_are_strict() -> None:
    def cat(ratio, cells):
        return comprehensive_diagnostic_criteria(
            organ_involvement=True,
            serum_igg4_mg_dl=None,
            infiltrate_with_fibrosis=True,
            igg4_igg_ratio_pct=ratio,
            igg4_cells_per_hpf=cells,
        ).category

    assert cat(40, 50) == "not met"
    assert cat(41, 10) == "not met"
    assert cat(41, 11) == "probable"


def test_cdc_uln_parameter() -> None:
    res = comprehensive_diagnostic_criteria(
        organ_involvement=True, serum_igg4_mg_dl=150.0, uln_mg_dl=201.0, **NO_BIOPSY
    )
    assert not res.serological
    assert res.category == "not met"


# ---- the vignettes ----------------------------------------------------------------------------


def test_vignettes_score_as_designed() -> None:
    scored = criteria.score_vignettes(data.load("synthetic_vignettes")).set_index("vignette_id")
    expected = {
        "V1": (54, True, "definite", "definite"),
        "V2": (33, False, "definite", "definite"),
        "V3": (25, False, "possible", "possible"),
        "V4": (19, False, "not met", "not met"),
        "V5": (20, True, "possible", "possible"),
        "V6": (25, True, "possible", "possible"),
        "V7": (27, True, "possible", "definite"),
        "V8": (35, True, "probable", "probable"),
        "V9": (21, True, "possible", "possible"),
    }
    got = {
        k: (int(r.total_points), bool(r.classified), r.cdc_2011, r.cdc_2020)
        for k, r in scored.iterrows()
    }
    assert got == expected
    assert data.load("synthetic_vignettes").attrs["synthetic"] is True


# ---- errors name the field, the value and what was expected -----------------------------------


def test_unknown_key_is_named() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'case' got a dict; expected keys among .*\('pancreas' "
        r"is not one\)",
    ):
        classify_acr_eular({"entry_criterion_met": True, "pancreas": "none"})


def test_missing_entry_criterion_is_named() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'case' .*the required key\(s\) 'entry_criterion_met' "
        r"\(missing\)",
    ):
        classify_acr_eular({"kidney": "none"})


def test_unknown_item_code_is_named() -> None:
    with pytest.raises(
        ValueError,
        match=r"AcrEularCase: argument 'kidney' got 'big kidney' \(str\); expected "
        r"one of",
    ):
        AcrEularCase(entry_criterion_met=True, kidney="big kidney")


def test_unknown_exclusion_is_named() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'exclusions\[0\]' got 'lupus' \(str\); expected one "
        r"of",
    ):
        AcrEularCase(entry_criterion_met=True, exclusions=("lupus",))


def test_exclusions_as_plain_string_is_rejected() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'exclusions' got 'anca_positive' \(str\); expected "
        r"a list or tuple",
    ):
        AcrEularCase(entry_criterion_met=True, exclusions="anca_positive")  # type: ignore[arg-type]


def test_entry_criterion_must_be_boolean() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'entry_criterion_met' got 'yes' \(str\); expected True "
        r"or False",
    ):
        AcrEularCase(entry_criterion_met="yes")  # type: ignore[arg-type]


def test_case_of_wrong_type() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'case' got \[\] \(list\); expected an AcrEularCase "
        r"or a mapping",
    ):
        classify_acr_eular([])  # type: ignore[arg-type]


def test_negative_igg4_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"argument 'igg4_mg_dl' got -5; expected a value >= 0"):
        serum_igg4_item(-5)
    with pytest.raises(
        ValueError,
        match=r"argument 'serum_igg4_mg_dl' got -1.0; expected a value >= 0",
    ):
        comprehensive_diagnostic_criteria(
            organ_involvement=True, serum_igg4_mg_dl=-1.0, **NO_BIOPSY
        )


def test_ratio_above_100_is_rejected() -> None:
    between = "expected a value <= 100"
    with pytest.raises(ValueError, match=rf"argument 'ratio_pct' got 120; {between}"):
        immunostaining_item(120, 20)
    with pytest.raises(ValueError, match=rf"argument 'igg4_igg_ratio_pct' got 101.0; {between}"):
        comprehensive_diagnostic_criteria(
            organ_involvement=True,
            serum_igg4_mg_dl=None,
            infiltrate_with_fibrosis=True,
            igg4_igg_ratio_pct=101.0,
            igg4_cells_per_hpf=20.0,
        )


def test_negative_cell_count_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"argument 'cells_per_hpf' got -3; expected a value >= 0"):
        immunostaining_item(50, -3)


def test_bad_uln_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"argument 'uln_mg_dl' got 0; expected a value > 0"):
        serum_igg4_item(100, 0)


def test_bad_gland_count_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"argument 'n_sets' got 5; expected a value <= 4"):
        gland_item(5)


def test_bad_version_is_rejected() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'version' got '2019' \(str\); expected '2011' or '2020'",
    ):
        comprehensive_diagnostic_criteria(
            organ_involvement=True, serum_igg4_mg_dl=None, version="2019", **NO_BIOPSY  # type: ignore[arg-type]
        )


def test_non_boolean_cdc_flag_is_rejected() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'organ_involvement' got 1; expected True or False",
    ):
        comprehensive_diagnostic_criteria(
            organ_involvement=1, serum_igg4_mg_dl=None, **NO_BIOPSY  # type: ignore[arg-type]
        )


def test_highest_item_errors() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'domain' got 'liver' \(str\); expected 'histopathology'",
    ):
        highest_item("liver", [])
    with pytest.raises(
        ValueError,
        match=r"argument 'items' got 'renal_pelvis' \(str\); expected a list "
        r"or tuple",
    ):
        highest_item("kidney", "renal_pelvis")


def test_missing_finding_is_named() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'findings' .*the required key\(s\) .*'gland_sets'.* "
        r"\(missing\)",
    ):
        criteria.case_from_findings(
            {"entry_criterion_met": True, "histopathology": "none", "staining_done": False}
        )


# ---------------------------------------------------------------- unconfirmed weights


def _uncertainty() -> pd.DataFrame:
    return criteria.weight_uncertainty(data.load("synthetic_vignettes")).set_index("vignette_id")


def _perturbed_totals(record: dict, error: int) -> set[int]:
    """Every total reachable when each unconfirmed weight (zero included) moves by +-error."""
    w = criteria.weights()
    weight = {(r.domain, r.item): int(r.points) for r in w.itertuples()}
    shaky = {(r.domain, r.item) for r in w.itertuples() if r.status == "unconfirmed"}
    present = criteria._present_items(record, criteria.DEFAULT_IGG4_ULN_MG_DL)
    items = sorted({(d, i) for d, codes in present.items() for i in codes if (d, i) in shaky})
    totals = set()
    for signs in itertools.product((-error, error), repeat=len(items)):
        moved = dict(weight)
        for key, delta in zip(items, signs, strict=True):
            moved[key] += delta
        totals.add(sum(max((moved[(d, i)] for i in present[d]), default=0)
                       for d in criteria.DOMAINS))
    return totals


def test_no_error_below_the_safe_bound_changes_a_verdict() -> None:
    vignettes = data.load("synthetic_vignettes")
    u = _uncertainty()
    checked = 0
    for record in vignettes.to_dict(orient="records"):
        row = u.loc[record["vignette_id"]]
        if pd.isna(row["safe_error_points"]):
            continue
        classified = row["verdict"] == "classified as IgG4-RD"
        below = int(row["safe_error_points"]) - 1
        for total in _perturbed_totals(record, below):
            assert (total >= criteria.ACR_EULAR_THRESHOLD_POINTS) == classified, record
        checked += 1
    assert checked >= 5


def test_boundary_case_flips_with_a_one_point_error() -> None:
    # V5 sits exactly on 20 points, all of them from unconfirmed weights
    row = _uncertainty().loc["V5"]
    assert (row["total_points"], row["points_from_uncertain"], row["safe_error_points"]) == (
        20, 20, 1,
    )
    record = data.load("synthetic_vignettes").set_index("vignette_id").loc["V5"].to_dict()
    record["vignette_id"] = "V5"
    assert min(_perturbed_totals(record, 1)) < criteria.ACR_EULAR_THRESHOLD_POINTS


def test_verdicts_the_weights_cannot_touch_have_no_bound() -> None:
    u = _uncertainty()
    assert pd.isna(u.loc["V2", "safe_error_points"])  # entry criterion not met
    assert pd.isna(u.loc["V3", "safe_error_points"])  # excluded by anti-SSA/Ro
    assert not u.loc["V2", "rests_on_uncertain"] and not u.loc["V3", "rests_on_uncertain"]


def test_an_unconfirmed_zero_point_item_counts_as_an_unconfirmed_weight() -> None:
    # V4 scores 0 in serum IgG4 (normal), glands, kidney and retroperitoneum; every one of
    # those zero-point rows is unconfirmed, and a zero never read could be non-zero.
    w = criteria.weights().set_index(["domain", "item"])
    for key in [("serum_igg4", "normal_or_not_checked"), ("glands", "no_set"),
                ("kidney", "none"), ("retroperitoneum", "none")]:
        assert (w.loc[key, "points"], w.loc[key, "status"]) == (0, "unconfirmed")
    row = _uncertainty().loc["V4"]
    assert row["uncertain_domains"] == "serum_igg4, glands, kidney, retroperitoneum"
    assert (row["n_uncertain_domains"], row["points_from_uncertain"]) == (4, 0)
    assert row["rests_on_uncertain"] and row["safe_error_points"] == 1
    # and the bound is sharp here: a one-point error in the serum IgG4 zero row classifies V4
    record = data.load("synthetic_vignettes").set_index("vignette_id").loc["V4"].to_dict()
    assert max(_perturbed_totals(record, 1)) >= criteria.ACR_EULAR_THRESHOLD_POINTS


def test_a_domain_with_nothing_recorded_is_scored_with_its_zero_row() -> None:
    record = data.load("synthetic_vignettes").set_index("vignette_id").loc["V1"].to_dict()
    record["kidney"] = ""  # nothing recorded, rather than "none"
    present = criteria._present_items(record, criteria.DEFAULT_IGG4_ULN_MG_DL)
    assert present["kidney"] == ["none"]
    assert present["pancreas_biliary"] == ["pancreas_and_biliary"]


def test_confirmed_zero_rows_do_not_count() -> None:
    # V2 and V3 aside, the histopathology "uninformative" and chest "none" rows are read in
    # a reproduction of the table: a case that uses only them there has no uncertain domain
    u = _uncertainty()
    for vid in ("V4", "V5", "V6"):
        domains = u.loc[vid, "uncertain_domains"].split(", ")
        assert "histopathology" not in domains and "chest" not in domains


def test_weight_uncertainty_rejects_an_unknown_status() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'status' got 'guessed' \(str\); expected one of",
    ):
        criteria.weight_uncertainty(data.load("synthetic_vignettes"), status="guessed")


def test_weight_uncertainty_for_confirmed_weights_names_other_domains() -> None:
    u = criteria.weight_uncertainty(data.load("synthetic_vignettes"), status="confirmed_secondary")
    u = u.set_index("vignette_id")
    assert u.loc["V4", "uncertain_domains"] == (
        "histopathology, immunostaining, chest, pancreas_biliary"
    )
    assert "serum_igg4" not in u.loc["V5", "uncertain_domains"]


def test_weight_summary_says_which_totals_rest_on_unconfirmed_weights() -> None:
    s = criteria.weight_summary()
    w = criteria.weights()
    top = w.loc[w.groupby("domain")["points"].idxmax()]
    assert s.max_total == int(top["points"].sum()) == 101
    assert s.max_total_uncertain_domains == (
        "immunostaining", "serum_igg4", "glands", "kidney", "retroperitoneum"
    )
    assert s.n_items == 29 and s.n_uncertain_items == int((w["status"] == "unconfirmed").sum())
    assert (s.largest_weight, s.largest_weight_domain) == (19, "pancreas_biliary")
    assert s.largest_weight_status == "confirmed_secondary"
    assert (s.largest_uncertain_weight, s.largest_uncertain_domain) == (16, "immunostaining")
    assert s.single_domain_margin_points == criteria.ACR_EULAR_THRESHOLD_POINTS - 16
    # no single domain reaches the threshold as transcribed
    assert top["points"].max() < criteria.ACR_EULAR_THRESHOLD_POINTS


def test_weight_summary_rejects_an_unknown_status() -> None:
    with pytest.raises(ValueError, match=r"argument 'status' got 'read' \(str\); expected one of"):
        criteria.weight_summary("read")


# ---------------------------------------------------------------- thresholds from data


def test_constants_are_pinned_to_the_thresholds_data() -> None:
    t = criteria.thresholds()
    acr = t[(t["criteria"] == "acr_eular_2019") & t["implemented"]].iloc[0]
    assert (acr["comparator"], acr["value"]) == (">=", criteria.ACR_EULAR_THRESHOLD_POINTS)
    serum = t[t["item"] == "serum_igg4"]
    assert set(serum["value"]) == {criteria.DEFAULT_IGG4_ULN_MG_DL}
    implemented = t[t["implemented"]]
    assert not implemented.duplicated(["criteria", "item"]).any()
    for _, row in t.iterrows():  # the parsed value is the number printed
        assert f"{row['value']:g}" in row["printed"].replace(" ", ""), row["label"]


def test_serum_cutoff_reading_at_exactly_the_cutoff() -> None:
    args = dict(organ_involvement=True, serum_igg4_mg_dl=135.0, infiltrate_with_fibrosis=False,
                igg4_igg_ratio_pct=None, igg4_cells_per_hpf=None)
    # both versions implement "greater than", as the English texts print it
    for version in ("2011", "2020"):
        assert criteria.comprehensive_diagnostic_criteria(**args, version=version).category == (
            "not met"
        )
    # the official Japanese text of the revision says "135 mg/dL or more"
    japanese = criteria.comprehensive_diagnostic_criteria(
        **args, version="2020", serum_igg4_at_least=True
    )
    assert japanese.category == "possible" and japanese.serological
    above = dict(args, serum_igg4_mg_dl=135.5)
    assert criteria.comprehensive_diagnostic_criteria(**above, version="2020").category == (
        "possible"
    )


def test_serum_igg4_at_least_must_be_a_bool_or_none() -> None:
    with pytest.raises(
        ValueError,
        match=r"argument 'serum_igg4_at_least' got 'yes' \(str\); expected True",
    ):
        criteria.comprehensive_diagnostic_criteria(
            organ_involvement=True, serum_igg4_mg_dl=200.0, infiltrate_with_fibrosis=False,
            igg4_igg_ratio_pct=None, igg4_cells_per_hpf=None, serum_igg4_at_least="yes",
        )


# ---------------------------------------------------------------- strict input, no silent answer


def test_entry_criterion_as_the_string_false_is_refused_not_read_as_true() -> None:
    # 'False' is a non-empty string: read by truthiness it would classify the case
    case = {"entry_criterion_met": "False", "pancreas_biliary": "pancreas_and_biliary",
            "serum_igg4": "above_5x"}
    with pytest.raises(ValueError, match=r"argument \"case\['entry_criterion_met'\]\" got "
                       r"'False' \(str\); expected True or False"):
        classify_acr_eular(case)
    for bad in (0, 1, float("nan"), None):
        with pytest.raises(ValueError, match="entry_criterion_met"):
            classify_acr_eular({"entry_criterion_met": bad})


def test_numpy_flags_and_sets_of_exclusions_are_accepted() -> None:
    import numpy as np

    plain = classify_acr_eular({"entry_criterion_met": True, "serum_igg4": "above_5x",
                                "exclusions": ["fever"]})
    other = classify_acr_eular({"entry_criterion_met": np.bool_(True), "serum_igg4": "above_5x",
                                "exclusions": {"fever"}})
    assert plain == other
    assert AcrEularCase(entry_criterion_met=np.bool_(False)).entry_criterion_met is False


@pytest.mark.parametrize("function", [criteria.score_vignettes, criteria.weight_uncertainty])
def test_vignette_flags_must_be_booleans(function) -> None:
    vignettes = data.load("synthetic_vignettes")
    v2 = vignettes["vignette_id"] == "V2"  # entry criterion not met
    bad = vignettes.astype({"entry_criterion_met": object})
    bad.loc[v2, "entry_criterion_met"] = "False"
    with pytest.raises(ValueError, match=r"argument 'vignettes': column 'entry_criterion_met', "
                       r"row 1: got 'False' \(str\); expected True or False"):
        function(bad)
    bad = vignettes.astype({"staining_done": object})
    bad.loc[v2, "staining_done"] = 1
    with pytest.raises(ValueError, match=r"column 'staining_done', row 1: got 1"):
        function(bad)


@pytest.mark.parametrize("function", [criteria.score_vignettes, criteria.weight_uncertainty])
def test_a_missing_exclusions_column_is_refused_not_read_as_none(function) -> None:
    vignettes = data.load("synthetic_vignettes").drop(columns="exclusions")
    with pytest.raises(ValueError, match=r"argument 'vignettes': missing column 'exclusions'"):
        function(vignettes)


def test_unknown_codes_in_a_vignette_frame_name_the_column_and_row() -> None:
    vignettes = data.load("synthetic_vignettes")
    bad = vignettes.copy()
    bad.loc[6, "kidney"] = "renal_pelvis; big kidney"
    with pytest.raises(ValueError, match=r"column 'kidney', row 6: got 'renal_pelvis; big "
                       r"kidney' \(str\); expected a string of codes of the kidney domain"):
        criteria.score_vignettes(bad)
    bad = vignettes.copy()
    bad.loc[0, "exclusions"] = "lupus"
    with pytest.raises(ValueError, match=r"column 'exclusions', row 0: got 'lupus'"):
        criteria.score_vignettes(bad)
    bad = vignettes.copy()
    bad.loc[0, "serum_igg4_mg_dl"] = -1.0
    with pytest.raises(ValueError, match=r"column 'serum_igg4_mg_dl', row 0: got -1.0"):
        criteria.score_vignettes(bad)


def test_findings_need_every_key_and_strict_flags() -> None:
    row = data.load("synthetic_vignettes").iloc[4].to_dict()
    assert criteria.case_from_findings(row).retroperitoneum == "periaortic_soft_tissue"
    without = {k: v for k, v in row.items() if k != "exclusions"}
    with pytest.raises(ValueError, match=r"argument 'findings' .*'exclusions' \(missing\)"):
        criteria.case_from_findings(without)
    with pytest.raises(ValueError, match=r"argument \"findings\['staining_done'\]\" got "
                       r"'False' \(str\)"):
        criteria.case_from_findings({**row, "staining_done": "False"})


def test_implausible_sizes_are_refused_at_once() -> None:
    with pytest.raises(ValueError, match=r"argument 'igg4_mg_dl' got 1000000.0; expected a "
                       r"value <= 10000"):
        serum_igg4_item(1e6)
    with pytest.raises(ValueError, match=r"argument 'cells_per_hpf'"):
        immunostaining_item(50, 1e9)
    rows = pd.concat([data.load("synthetic_vignettes")] * 1200, ignore_index=True)
    rows["vignette_id"] = [f"V{i}" for i in range(len(rows))]
    with pytest.raises(ValueError, match=r"at most 10000 rows"):
        criteria.score_vignettes(rows)
