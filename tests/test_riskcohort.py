"""Tests of igg4lib.riskcohort: reconstructed targets, the integer program, the synthetic file."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from igg4lib import data, risk, stats
from igg4lib import riskcohort as rc

ALL77_GROUPS = {"0": (36, 3), "1": (21, 3), "2": (13, 5), "3-4": (7, 5)}


@pytest.fixture(scope="module")
def targets() -> rc.CohortTargets:
    return rc.published_targets()


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    return data.load(rc.NAME)


@pytest.fixture(scope="module")
def table3() -> pd.DataFrame:
    t3 = data.load("induction_risk_factors")
    return t3.loc[t3["group"] == "GC monotherapy"]


# ---------------------------------------------------------------- reconstruction


def test_reconstructed_factor_tables(targets):
    assert targets.eosinophilia == {"yes": (21, 10), "no": (45, 5), "missing": (11, 1)}
    assert targets.ri_quartile == {1: (21, 2), 2: (22, 2), 3: (17, 4), 4: (17, 8)}
    assert targets.organs == {"1-2": (32, 3), "3-4": (35, 8), ">=5": (10, 5)}
    assert targets.dacryoadenitis == {True: (35, 11), False: (42, 5)}
    assert (targets.n_patients, targets.n_failures) == (77, 16)


def test_fig3c_groups_over_measured_patients(targets):
    assert targets.groups_measured_only
    assert targets.groups == {"0": (25, 2), "1": (21, 3), "2": (13, 5), "3-4": (7, 5)}


def test_fig3c_groups_over_all_patients():
    t = rc.published_targets(groups_measured_only=False)
    assert t.groups == ALL77_GROUPS


def _printed_decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _as_printed(value: float, template: str) -> str:
    return f"{value:.{_printed_decimals(template)}f}"


def _printed_triplet(printed: str) -> tuple[str, str, str]:
    head, _, rest = printed.partition(" (")
    low, high = rest.rstrip(")").split(", ")
    return head, low, high


def _check_row(row: pd.Series, a: int, b: int, c: int, d: int) -> None:
    o = stats.odds_ratio_ci(a, b, c, d)
    printed = _printed_triplet(row["printed"])
    computed = tuple(
        _as_printed(v, p) for v, p in zip((o.odds_ratio, o.ci_low, o.ci_high), printed,
                                           strict=True)
    )
    assert computed == printed


def test_reconstructed_tables_reproduce_printed_or_and_ci(targets, table3):
    def row(label: str, section: str | None = None) -> pd.Series:
        sel = table3.loc[table3["label"] == label]
        if section is not None:
            sel = sel.loc[sel["section"] == section]
        assert len(sel) == 1
        return sel.iloc[0]

    (ny, fy), (nn, fn) = targets.eosinophilia["yes"], targets.eosinophilia["no"]
    _check_row(row("Eosinophilia"), fy, ny - fy, fn, nn - fn)
    (nd, fd), (nx, fx) = targets.dacryoadenitis[True], targets.dacryoadenitis[False]
    _check_row(row("Dacryoadenitis"), fd, nd - fd, fx, nx - fx)
    n1, f1 = targets.ri_quartile[1]
    for q, label in ((2, "Second quartile (median 13)"), (3, "Third quartile (median 16)"),
                     (4, "Fourth quartile (median 21)")):
        nq, fq = targets.ri_quartile[q]
        _check_row(row(label, "RI"), fq, nq - fq, f1, n1 - f1)
    nr, fr = targets.organs["1-2"]
    for lev, label in (("3-4", "3 ~ 4"), (">=5", "≥ 5")):
        nk, fk = targets.organs[lev]
        _check_row(row(label, "Number of organs involved"), fk, nk - fk, fr, nr - fr)


def test_category_tables_finds_nothing_for_impossible_sizes():
    t = rc.category_tables({"3-4": (2.86, 0.69, 11.93)}, reference="1-2", n_total=77,
                           n_events=16, sizes={"1-2": 30, "3-4": 47})
    assert t.empty


# ---------------------------------------------------------------- consistency


def test_all_patient_fig3c_is_incompatible_with_the_factor_tables(targets):
    t = rc.CohortTargets(
        eosinophilia=targets.eosinophilia, ri_quartile=targets.ri_quartile,
        organs=targets.organs, dacryoadenitis=targets.dacryoadenitis, groups=ALL77_GROUPS,
    )
    bounds = rc.factor_instance_bounds(t)
    assert bounds.to_dict("records") == [
        {"outcome": "non-failure", "from_factor_tables": 49, "fig3c_min": 40, "fig3c_max": 42,
         "compatible": False},
        {"outcome": "failure", "from_factor_tables": 34, "fig3c_min": 28, "fig3c_max": 33,
         "compatible": False},
    ]
    sol = rc.solve_cells(t)
    assert not sol.exact_feasible
    assert "infeasible" in sol.exact_status.lower()
    assert sol.fig3c_deviation == 6


def test_measured_patient_fig3c_is_compatible(targets):
    sol = rc.solve_cells(targets)
    assert sol.exact_feasible
    assert sol.fig3c_deviation == 0
    assert int(sol.cells["n"].sum()) == 77
    with pytest.raises(ValueError, match="groups_measured_only is True"):
        rc.factor_instance_bounds(targets)


def test_targets_validation():
    good = {"yes": (2, 1), "no": (2, 0), "missing": (0, 0)}
    kw = dict(
        ri_quartile={1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (1, 1)},
        organs={"1-2": (2, 0), "3-4": (1, 0), ">=5": (1, 1)},
        dacryoadenitis={False: (2, 0), True: (2, 1)},
        groups={"0": (1, 0), "1": (2, 0), "2": (0, 0), "3-4": (1, 1)},
    )
    rc.CohortTargets(eosinophilia=good, **kw)
    with pytest.raises(ValueError,
                       match=r"argument 'eosinophilia' got .*expected exactly the levels"):
        rc.CohortTargets(eosinophilia={"yes": (2, 1), "no": (2, 0)}, **kw)
    with pytest.raises(ValueError, match=r"argument 'eosinophilia' got .*the same \(patients, "
                       r"failures\) totals as every other factor table"):
        rc.CohortTargets(eosinophilia={**good, "no": (3, 0)}, **kw)
    with pytest.raises(ValueError, match=r"argument \"eosinophilia\['yes'\]\" got \(1, 2\) "
                       r"\(tuple\); expected \(patients, failures\) with failures <= patients"):
        rc.CohortTargets(eosinophilia={**good, "yes": (1, 2)}, **kw)
    with pytest.raises(ValueError, match=r"argument 'groups' got .*totals equal to those of the "
                       r"patients the groups describe"):
        rc.CohortTargets(eosinophilia=good, **{**kw, "groups": {**kw["groups"], "0": (2, 0)}})


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("eosinophilia", {"yes": (-1, 0), "no": (2, 0), "missing": (0, 0)},
         r"argument \"eosinophilia\['yes'\]\[0\]\" got -1; expected a value >= 0"),
        ("eosinophilia", {"yes": (2.0, 1), "no": (2, 0), "missing": (0, 0)},
         r"argument \"eosinophilia\['yes'\]\[0\]\" got 2.0; expected a whole number"),
        ("eosinophilia", {"yes": (True, 1), "no": (2, 0), "missing": (0, 0)},
         r"argument \"eosinophilia\['yes'\]\[0\]\" got True; expected a whole number"),
        ("eosinophilia", {"yes": (2, 1, 0), "no": (2, 0), "missing": (0, 0)},
         r"argument \"eosinophilia\['yes'\]\" got \(2, 1, 0\) \(tuple\); expected at most 2"),
        ("eosinophilia", "yes", r"argument 'eosinophilia' got 'yes' \(str\); expected a mapping"),
        ("dacryoadenitis", {0: (2, 0), 1: (2, 1)},
         "argument 'dacryoadenitis' got .*expected exactly the levels False, True"),
        ("groups_measured_only", "False",
         r"argument 'groups_measured_only' got 'False' \(str\); expected True or False"),
    ],
)
def test_targets_refuse_bad_content_naming_the_field(field, value, message):
    kw = dict(
        eosinophilia={"yes": (2, 1), "no": (2, 0), "missing": (0, 0)},
        ri_quartile={1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (1, 1)},
        organs={"1-2": (2, 0), "3-4": (1, 0), ">=5": (1, 1)},
        dacryoadenitis={False: (2, 0), True: (2, 1)},
        groups={"0": (1, 0), "1": (2, 0), "2": (0, 0), "3-4": (1, 1)},
    )
    with pytest.raises(ValueError, match=message):
        rc.CohortTargets(**{**kw, field: value})


def test_ri_quartile_boundaries():
    assert [rc.ri_quartile(v) for v in (0, 10, 11, 14, 15, 18, 19, 40)] == [
        1, 1, 2, 2, 3, 3, 4, 4,
    ]
    assert rc.RI_QUARTILE_MAX[-1] == risk.DEFAULT_CUTOFFS.ri_above
    with pytest.raises(ValueError, match=r"argument 'ri' got -1; expected a value >= 0"):
        rc.ri_quartile(-1)


# ---------------------------------------------------------------- the synthetic file


def test_file_is_labelled_synthetic(cohort):
    desc = data.describe(rc.NAME)
    assert desc["synthetic"] is True
    assert "SYNTHETIC" in desc["title"] and "SYNTHETIC" in desc["description"]
    assert cohort.attrs["synthetic"] is True
    assert cohort["patient_id"].str.startswith("SYN-").all()


def test_file_satisfies_every_target_exactly(cohort, targets):
    checked = rc.check_cohort(cohort, targets)
    assert len(checked) == 16
    assert checked["exact"].all(), checked.loc[~checked["exact"]]


def test_file_is_regenerated_byte_for_byte(tmp_path, targets):
    patients, solution, _ = rc.build_cohort(targets)
    csv_path, json_path = rc.write_cohort(
        patients, solution, tmp_path, groups_measured_only=targets.groups_measured_only)
    assert csv_path.read_bytes() == data.path_of(rc.NAME).read_bytes()
    committed = data.path_of(rc.NAME).with_name(f"{rc.NAME}.resource.json")
    assert json_path.read_bytes() == committed.read_bytes()
    assert json.loads(json_path.read_text())["synthetic"] is True


def test_univariate_logistic_reproduces_table3_at_printed_precision(cohort, table3):
    a = rc.analysis_frame(cohort)
    fits = {
        ("", "Eosinophilia"): risk.logistic_odds_ratios(a, "failure", {"eosinophilia": None}),
        ("Organ involvement", "Dacryoadenitis"): risk.logistic_odds_ratios(
            a, "failure", {"dacryoadenitis": None}),
    }
    ri = risk.logistic_odds_ratios(a, "failure", {"ri_quartile": 1})
    organs = risk.logistic_odds_ratios(a, "failure", {"organ_band": "1-2"})
    checks = [
        (table3.loc[table3["label"] == "Eosinophilia"].iloc[0],
         fits[("", "Eosinophilia")].iloc[0]),
        (table3.loc[table3["label"] == "Dacryoadenitis"].iloc[0],
         fits[("Organ involvement", "Dacryoadenitis")].iloc[0]),
    ]
    for q, label in ((2, "Second quartile (median 13)"), (3, "Third quartile (median 16)"),
                     (4, "Fourth quartile (median 21)")):
        checks.append((table3.loc[table3["label"] == label].iloc[0],
                       ri.loc[ri["level"] == str(q)].iloc[0]))
    for lev, label in (("3-4", "3 ~ 4"), (">=5", "≥ 5")):
        checks.append((table3.loc[(table3["label"] == label)
                                  & (table3["section"] == "Number of organs involved")].iloc[0],
                       organs.loc[organs["level"] == lev].iloc[0]))
    assert len(checks) == 7
    for printed_row, fit in checks:
        printed = _printed_triplet(printed_row["printed"])
        got = tuple(_as_printed(fit[k], p) for k, p in
                    zip(("odds_ratio", "ci_low", "ci_high"), printed, strict=True))
        assert got == printed, (printed_row["label"], got, printed)
        p_printed = str(printed_row["p_printed"])
        assert _as_printed(fit["p_value"], p_printed) == p_printed
        assert fit["warnings"] == ""


def test_count_score_on_the_synthetic_cohort_matches_fig3c(cohort, targets):
    a = rc.analysis_frame(cohort).dropna(subset=["risk_factor_count"])
    got = a.groupby(a["risk_factor_count"].astype(int).map(risk.count_group))["failure"].agg(
        ["size", "sum"]
    )
    assert {k: (int(r["size"]), int(r["sum"])) for k, r in got.iterrows()} == targets.groups


def test_descriptor_counts_patients_from_the_solution(targets):
    sol = rc.solve_cells(targets)
    d = rc.cohort_descriptor(sol)
    assert d["description"].startswith("SYNTHETIC teaching data, not real patients: 77 ")
    assert "complete cases" in d["description"]
    assert "over all patients" in rc.cohort_descriptor(sol, groups_measured_only=False)[
        "description"]


def test_binary_row_reconstructions():
    rows = rc.binary_row_reconstructions()
    assert len(rows) == 28
    found = rows.loc[rows["a"].notna()]
    # every recovered table reproduces the printed estimate and both limits
    assert (found["recomputed"] == found["printed"]).all()
    status = rows.set_index(["group", "label"])["status"]
    assert status[("GC monotherapy", "Eosinophilia")] == (
        "unique once 11 patients (1 failure) are missing")
    assert status[("GC + IM combination therapy", "Allergy history")] == (
        "unique once 2 patients (0 failures) are missing")
    assert status[("GC monotherapy", "Retroperitoneal fibrosis")].startswith("not applicable")
    assert int((rows["status"] == "unique with the full margins").sum()) == 18


def test_format_like():
    assert rc.format_like(9.6667, "9.67") == "9.67"
    assert rc.format_like(34.6012, "34.6") == "34.6"
    assert rc.format_like(1.004, "1") == "1"


# ---------------------------------------------------------------- pinned to the readings


def _reading_groups(reading) -> dict[str, tuple[int, int]]:
    pairs = [part.strip().split("/") for part in reading.value.split(",")]
    return {g: (int(n), int(f)) for g, (f, n) in zip(risk.COUNT_GROUPS, pairs, strict=True)}


def test_adopted_fig3c_reading_is_the_computed_complete_case_split(targets):
    """The book's one account of Fig 3c (igg4lib.readings) is what the library computes."""
    from igg4lib import readings

    adopted = readings.adopted("fig3c-groups")
    assert adopted.reading == "fig3c-complete-cases"
    assert targets.groups == _reading_groups(adopted)
    assert sum(n for n, _ in targets.groups.values()) == adopted.n
    assert sum(f for _, f in targets.groups.values()) == adopted.events
    # the complete cases are the patients with a measured eosinophil count
    measured = (targets.eosinophilia["yes"], targets.eosinophilia["no"])
    assert sum(n for n, _ in measured) == adopted.n
    assert sum(f for _, f in measured) == adopted.events
    eos = readings.adopted("eosinophilia-denominator")
    assert (eos.n, eos.events) == (adopted.n, adopted.events)
    assert rc.solve_cells(targets).exact_feasible


def test_ruled_out_fig3c_reading_is_the_infeasible_all_patient_split(targets):
    from igg4lib import readings

    (ruled_out,) = [r for r in readings.readings_of("fig3c-groups") if r.status == "ruled out"]
    every = rc.published_targets(groups_measured_only=False)
    assert every.groups == _reading_groups(ruled_out) == ALL77_GROUPS
    assert (ruled_out.n, ruled_out.events) == (every.n_patients, every.n_failures)
    assert not rc.solve_cells(every).exact_feasible


# ---------------------------------------------------------------- helpers the chapters call


def test_fig3c_groups_are_the_targets_groups(targets):
    g = rc.fig3c_groups()
    assert dict(zip(g["group"], zip(g["n_patients"], g["failures"], strict=True),
                    strict=True)) == targets.groups
    w = stats.wilson_ci(*targets.groups["3-4"][::-1])
    assert g.set_index("group").at["3-4", "ci_low"] == pytest.approx(w.ci_low)
    everyone = rc.fig3c_groups(groups_measured_only=False)
    assert dict(zip(everyone["group"], zip(everyone["n_patients"], everyone["failures"],
                                           strict=True), strict=True)) == ALL77_GROUPS


def test_table3_refit_sets_every_fit_beside_its_printed_value(cohort):
    refit = rc.table3_refit(rc.analysis_frame(cohort))
    assert len(refit) == 7 and refit["match"].all()
    eos = refit.loc[refit["predictor"] == "eosinophilia"].iloc[0]
    assert eos["printed"] == "7.27 (2.05, 25.74)" == eos["recomputed"]
    assert (eos["n_patients"], eos["n_events"]) == (66, 15)


def test_table3_refit_notices_a_different_cohort(cohort):
    changed = cohort.copy()
    changed.loc[changed.index[:3], "induction_failure"] = ~changed.loc[
        changed.index[:3], "induction_failure"].astype(bool)
    refit = rc.table3_refit(rc.analysis_frame(changed))
    assert not refit["match"].all()


def test_table3_refit_refuses_a_table_without_the_rows(cohort):
    t3 = data.load("induction_risk_factors")
    with pytest.raises(ValueError, match="eosinophilia row"):
        rc.table3_refit(rc.analysis_frame(cohort), t3.loc[t3["label"] != "Eosinophilia"])


# ---------------------------------------------------------------- refusals naming the argument


def test_table3_refit_refuses_a_malformed_table(cohort):
    analysis = rc.analysis_frame(cohort)
    t3 = data.load("induction_risk_factors")
    with pytest.raises(ValueError, match="argument 'table3': missing column 'printed'"):
        rc.table3_refit(analysis, t3.drop(columns=["printed"]))
    broken = t3.copy()
    broken.loc[broken["label"] == "Dacryoadenitis", "printed"] = "3.39 [1.05-10.99]"
    with pytest.raises(ValueError, match="argument 'table3': expected a printed estimate"):
        rc.table3_refit(analysis, broken)


def test_patient_frames_refuse_text_flags_and_impossible_values(cohort, targets):
    text_flag = cohort.astype({"induction_failure": object})
    text_flag.loc[0, "induction_failure"] = "False"
    with pytest.raises(ValueError, match=r"argument 'patients': column 'induction_failure'"):
        rc.check_cohort(text_flag, targets)
    no_leukocytes = cohort.copy()
    no_leukocytes.loc[0, "leukocytes_1e9_per_l"] = 0.0
    with pytest.raises(ValueError, match=r"argument 'patients'.*leukocytes_1e9_per_l > 0"):
        rc.analysis_frame(no_leukocytes)


def test_cells_to_draw_are_bounded_by_the_identifiers(targets):
    cells = rc.solve_cells(targets).cells.copy()
    cells.loc[0, "n"] = 1000
    with pytest.raises(ValueError, match=r"argument 'cells'.*from 1 to 999 patients"):
        rc.patients_from_cells(cells)
    with pytest.raises(ValueError, match="argument 'seed' got None"):
        rc.patients_from_cells(rc.solve_cells(targets).cells, seed=None)


def test_category_tables_refuses_a_reference_with_its_own_estimate():
    with pytest.raises(ValueError, match="argument 'reference' got '1-2'"):
        rc.category_tables({"1-2": (2.86, 0.69, 11.93)}, reference="1-2", n_total=77,
                           n_events=16)
