"""igg4lib.induction: the three goals, their boundaries and errors, the vectorised version,
prednisone equivalents, and the month-6 outcome table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igg4lib import induction
from igg4lib.induction import (
    GOALS,
    assess_cohort,
    assess_induction,
    outcome_table,
    prednisone_equivalent,
    to_prednisone_equivalent,
)

# --- boundaries of the three goals -------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "month6", "met"),
    [
        (20, 10, True),  # exactly 50% decline meets goal 1
        (21, 10.5, True),  # exactly 50% with an odd baseline
        (20, 10.000001, False),  # just under 50% decline
        (20, 9.999999, True),
        (20, 0, True),  # complete response
        (20, 20, False),  # no change
        (20, 25, False),  # worse than baseline
        (0.5, 0.25, True),
    ],
)
def test_ri_goal_boundary(baseline: float, month6: float, met: bool) -> None:
    r = assess_induction(baseline, month6, 5.0, False)
    assert r.ri_goal_met is met
    assert ("ri_decline_below_50pct" in r.failed_goals) is (not met)
    assert r.ri_decline_fraction == pytest.approx((baseline - month6) / baseline)


@pytest.mark.parametrize(
    ("dose", "met"),
    [(10.0, True), (10, True), (9.999, True), (10.001, False), (12.5, False), (0, True)],
)
def test_gc_goal_boundary(dose: float, met: bool) -> None:
    r = assess_induction(10, 2, dose, False)
    assert r.gc_goal_met is met
    assert r.success is met


def test_converted_boundary_dose_meets_goal() -> None:
    # 8 mg methylprednisolone = 10 mg prednisone exactly, whatever the float arithmetic.
    dose = prednisone_equivalent(8, "methylprednisolone")
    assert dose == 10.0
    assert assess_induction(10, 2, dose, False).gc_goal_met
    # a float sum that is 10 + 2e-15 is still read as 10
    assert assess_induction(10, 2, 0.1 * 3 + 9.7, False).gc_goal_met


def test_relapse_goal() -> None:
    r = assess_induction(10, 2, 5, True)
    assert not r.success
    assert r.failed_goals == ("relapse_during_taper",)
    assert r.relapse_goal_met is False


def test_failed_goals_in_paper_order() -> None:
    r = assess_induction(10, 9, 20, True)
    assert r.failed_goals == GOALS
    assert r.success is False


def test_result_is_frozen() -> None:
    r = assess_induction(10, 2, 5, False)
    with pytest.raises(AttributeError):
        r.success = False  # type: ignore[misc]


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field", "fragment"),
    [
        ((0, 0, 5, False), "ri_baseline", "got 0; expected a value > 0"),
        ((-3, 0, 5, False), "ri_baseline", "-3"),
        ((None, 0, 5, False), "ri_baseline", "got None; expected a number"),
        ((float("nan"), 0, 5, False), "ri_baseline", "not NaN"),
        ((math.inf, 0, 5, False), "ri_baseline", "finite"),
        ((10, -1, 5, False), "ri_month6", "got -1; expected a value >= 0"),
        ((10, None, 5, False), "ri_month6", "got None"),
        ((10, pd.NA, 5, False), "ri_month6", "got <NA>"),
        ((10, 1001, 5, False), "ri_month6", "expected a value <= 1000"),
        ((10, 2, -5, False), "gc_dose_mg_per_day_month6", "-5"),
        ((10, 2, np.nan, False), "gc_dose_mg_per_day_month6", "not NaN"),
        ((10, 2, 1e5, False), "gc_dose_mg_per_day_month6", "expected a value <= 10000"),
        ((10, 2, 5, None), "relapsed_by_month6", "got None; expected True or False"),
        ((10, 2, 5, float("nan")), "relapsed_by_month6", "got nan; expected True or False"),
    ],
)
def test_bad_values_raise_valueerror_naming_field(args, field: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=field) as exc:
        assess_induction(*args)
    assert fragment in str(exc.value)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("10", 2, 5, False), "ri_baseline"),
        ((10, True, 5, False), "ri_month6"),
        ((10, 2, "5 mg", False), "gc_dose_mg_per_day_month6"),
        ((10, 2, 5, 1), "relapsed_by_month6"),
        ((10, 2, 5, "no"), "relapsed_by_month6"),
    ],
)
def test_wrong_types_raise_typeerror_naming_field(args, field: str) -> None:
    with pytest.raises(TypeError, match=field):
        assess_induction(*args)


def test_numpy_scalars_accepted() -> None:
    r = assess_induction(np.int64(12), np.float64(6.0), np.float32(10.0), np.bool_(False))
    assert r.success


# --- properties -------------------------------------------------------------------------

ri = st.floats(min_value=0.5, max_value=60, allow_nan=False)
ri6 = st.floats(min_value=0, max_value=80, allow_nan=False)
dose = st.floats(min_value=0, max_value=80, allow_nan=False)


@given(b=ri, m=ri6, d=dose, rel=st.booleans())
def test_success_iff_all_three_goals(b: float, m: float, d: float, rel: bool) -> None:
    r = assess_induction(b, m, d, rel)
    assert r.success == (r.ri_goal_met and r.gc_goal_met and r.relapse_goal_met)
    assert r.success == (len(r.failed_goals) == 0)
    assert set(r.failed_goals) <= set(GOALS)
    assert r.ri_decline_fraction <= 1.0


@given(b=ri, m=ri6, lower=st.floats(min_value=0, max_value=1), d=dose, rel=st.booleans())
def test_lower_month6_ri_never_hurts(b: float, m: float, lower: float, d: float,
                                     rel: bool) -> None:
    worse = assess_induction(b, m, d, rel)
    better = assess_induction(b, m * lower, d, rel)
    assert better.ri_goal_met >= worse.ri_goal_met
    assert better.success >= worse.success


@given(b=ri, m=ri6, d=dose, lower=st.floats(min_value=0, max_value=1))
def test_lower_dose_never_hurts(b: float, m: float, d: float, lower: float) -> None:
    assert assess_induction(b, m, d * lower, False).success >= assess_induction(
        b, m, d, False
    ).success


@given(b=ri, m=ri6, d=dose, k=st.floats(min_value=0.1, max_value=10))
def test_ri_goal_is_scale_invariant(b: float, m: float, d: float, k: float) -> None:
    # Only the ratio matters; compare away from the exact boundary, where rescaling by a
    # float can move the last bit.
    if abs(2 * m - b) > 1e-6 * b:
        assert assess_induction(b, m, d, False).ri_goal_met == assess_induction(
            b * k, m * k, d, False
        ).ri_goal_met


patients = st.lists(st.tuples(ri, ri6, dose, st.booleans()), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(rows=patients)
def test_vectorised_matches_scalar(rows: list[tuple[float, float, float, bool]]) -> None:
    frame = pd.DataFrame(
        rows,
        columns=["ri_baseline", "ri_month6", "gc_dose_mg_per_day_month6", "relapsed_by_month6"],
    )
    out = assess_cohort(frame)
    for i, row in enumerate(rows):
        r = assess_induction(*row)
        assert bool(out["success"].iloc[i]) == r.success
        assert out["failed_goals"].iloc[i] == ";".join(r.failed_goals)
        assert out["ri_decline_fraction"].iloc[i] == pytest.approx(r.ri_decline_fraction)


# --- the vectorised version ---------------------------------------------------------------


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "treatment": ["GC", "GC", "GC+IM", "GC+IM"],
            "ri_baseline": [12, 12, 9, 20],
            "ri_month6": [6, 7, 1, 3],
            "gc_dose_mg_per_day_month6": [10.0, 12.5, 5.0, 7.5],
            "relapsed_by_month6": [False, False, True, False],
        },
        index=[10, 11, 12, 13],
    )


def test_assess_cohort_tidy_result() -> None:
    out = assess_cohort(_frame(), keep=["id", "treatment"])
    assert list(out.columns) == ["id", "treatment", "ri_decline_fraction", *GOALS,
                                 "failed_goals", "success"]
    assert list(out.index) == [10, 11, 12, 13]
    assert out["success"].tolist() == [True, False, False, True]
    assert out["failed_goals"].tolist() == [
        "", "ri_decline_below_50pct;gc_not_tapered", "relapse_during_taper", ""]
    assert out.loc[13, "ri_decline_fraction"] == pytest.approx(0.85)


def test_assess_cohort_custom_column_names() -> None:
    df = _frame().rename(columns={"ri_month6": "ri_m6"})
    out = assess_cohort(df, ri_month6="ri_m6")
    assert out["success"].sum() == 2


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("ri_baseline", 0, "got 0; expected a finite number >= 0.01"),
        ("ri_baseline", None, "a missing value"),
        ("ri_month6", -2, "got -2; expected a finite number >= 0"),
        ("gc_dose_mg_per_day_month6", np.nan, "a missing value"),
        ("relapsed_by_month6", None, "a missing value"),
        ("relapsed_by_month6", "yes", "got 'yes' (str); expected True or False"),
        ("ri_month6", 1001, "got 1001; expected a finite number >= 0 and <= 1000"),
    ],
)
def test_assess_cohort_bad_value_names_column_and_row(column: str, value, fragment) -> None:
    df = _frame()
    df[column] = df[column].astype(object)
    df.loc[12, column] = value
    with pytest.raises(ValueError) as exc:
        assess_cohort(df)
    assert f"argument 'frame': column {column!r}, row 12: " in str(exc.value)
    assert fragment in str(exc.value)


def test_assess_cohort_missing_column() -> None:
    with pytest.raises(ValueError, match="missing column 'ri_month6' \\(the column named by "
                       "argument 'ri_month6'\\)"):
        assess_cohort(_frame().drop(columns="ri_month6"))
    with pytest.raises(ValueError, match="argument 'keep' got \\['arm'\\] \\(list\\); expected "
                       "names of columns of frame"):
        assess_cohort(_frame(), keep=["arm"])
    with pytest.raises(ValueError, match="missing column 'ri_m6' \\(the column named by "
                       "argument 'ri_month6'\\)"):
        assess_cohort(_frame(), ri_month6="ri_m6")
    with pytest.raises(TypeError, match=r"argument 'frame'.*DataFrame"):
        assess_cohort([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="argument 'keep'"):
        assess_cohort(_frame(), keep="treatment")  # type: ignore[arg-type]


def test_assess_cohort_accepts_nullable_dtypes() -> None:
    df = _frame()
    df["ri_baseline"] = df["ri_baseline"].astype("Int64")
    df["relapsed_by_month6"] = df["relapsed_by_month6"].astype("boolean")
    assert assess_cohort(df)["success"].tolist() == [True, False, False, True]


# --- outcome table ---------------------------------------------------------------------------


def test_outcome_table_counts() -> None:
    out = outcome_table(assess_cohort(_frame(), keep=["treatment"]))
    got = out.set_index(["treatment", "outcome"])["count"]
    assert got[("GC", "failure")] == 1
    assert got[("GC", "ri_decline_below_50pct")] == 1
    assert got[("GC", "gc_not_tapered")] == 1
    assert got[("GC+IM", "relapse_during_taper")] == 1
    assert got[("GC+IM", "failure")] == 1
    assert out.set_index(["treatment", "outcome"]).loc[("GC", "failure"), "percent"] == 50.0
    assert set(out["label"]) == {"RI reduction <50%", "Relapse", "Failure of GC tapering",
                                 "Failure of remission induction"}


def test_outcome_table_needs_assessed_frame() -> None:
    with pytest.raises(ValueError, match="argument 'assessed': missing column "
                       "'ri_decline_below_50pct'"):
        outcome_table(_frame())
    with pytest.raises(ValueError, match="missing column 'treatment' \\(the column named by "
                       "argument 'group'\\)"):
        outcome_table(assess_cohort(_frame(), keep=["id"]))


def test_outcome_table_refuses_a_patient_without_a_group() -> None:
    """A patient whose group is missing is refused by column and row, never dropped."""
    assessed = assess_cohort(_frame(), keep=["treatment"])
    assessed.loc[12, "treatment"] = np.nan
    with pytest.raises(ValueError, match="argument 'assessed': column 'treatment', row 12: "
                       "a missing value"):
        outcome_table(assessed)


def test_outcome_table_refuses_success_that_contradicts_the_goals() -> None:
    assessed = assess_cohort(_frame(), keep=["treatment"])
    assessed.loc[11, "success"] = True  # row 11 failed two goals
    with pytest.raises(ValueError, match="argument 'assessed': the frame, row 11: expected "
                       "success True exactly when no goal failed"):
        outcome_table(assessed)
    assessed = assess_cohort(_frame(), keep=["treatment"])
    assessed["relapse_during_taper"] = assessed["relapse_during_taper"].astype(object)
    assessed.loc[10, "relapse_during_taper"] = "False"
    with pytest.raises(ValueError, match="column 'relapse_during_taper', row 10: got 'False'"):
        outcome_table(assessed)


# --- prednisone equivalents ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("dose", "agent", "expected"),
    [
        (10, "prednisone", 10.0),
        (10, "prednisolone", 10.0),
        (8, "methylprednisolone", 10.0),
        (4, "Methylprednisolone", 5.0),
        (0.75, "dexamethasone", 5.0),
        (20, "hydrocortisone", 5.0),
        (25, "cortisone", 5.0),
        (4, "triamcinolone", 5.0),
        (0, "dexamethasone", 0.0),
    ],
)
def test_prednisone_equivalent(dose: float, agent: str, expected: float) -> None:
    assert prednisone_equivalent(dose, agent) == expected


def test_equivalents_table_has_provenance() -> None:
    table = induction.glucocorticoid_equivalents()
    assert table.attrs["synthetic"] is False
    assert "globalrph_corticosteroids" in table.attrs["sources"]
    assert table.set_index("agent").at["prednisone", "equivalent_dose_mg"] == 5.0


def test_prednisone_equivalent_errors() -> None:
    with pytest.raises(ValueError, match="argument 'agent' got 'budesonide'; expected one of"):
        prednisone_equivalent(3, "budesonide")
    with pytest.raises(ValueError, match="argument 'agent' got 'budesonide'"):
        prednisone_equivalent(0, "budesonide")
    with pytest.raises(ValueError, match="argument 'dose_mg_per_day' got -1"):
        prednisone_equivalent(-1, "prednisone")
    with pytest.raises(ValueError, match="argument 'dose_mg_per_day' got None"):
        prednisone_equivalent(None, "prednisone")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"argument 'dose_mg_per_day' got 1000000000000\.0; "
                       r"expected a value <= 10000"):
        prednisone_equivalent(1e12, "prednisone")


def test_to_prednisone_equivalent_vectorised() -> None:
    doses = pd.Series([8.0, 12.0, 7.5], index=[3, 4, 5])
    agents = pd.Series(["methylprednisolone", "methylprednisolone", "prednisone"], index=[3, 4, 5])
    out = to_prednisone_equivalent(doses, agents)
    assert out.tolist() == [10.0, 15.0, 7.5]
    assert list(out.index) == [3, 4, 5]
    with pytest.raises(ValueError, match=r"argument 'agents' got .*; expected as many values as "
                       r"doses \(3\)"):
        to_prednisone_equivalent(doses, agents.iloc[:2])
    with pytest.raises(ValueError, match=r"argument 'doses': column 'doses', row 4: got -12\.0"):
        to_prednisone_equivalent(-doses.where(doses != 8.0, -8.0), agents)
    with pytest.raises(ValueError, match="argument 'agents', row 5 got 'budesonide'"):
        to_prednisone_equivalent(doses, agents.replace("prednisone", "budesonide"))


@given(d=st.floats(min_value=0, max_value=200, allow_nan=False),
       agent=st.sampled_from(["prednisone", "methylprednisolone", "dexamethasone",
                              "hydrocortisone"]))
def test_conversion_is_linear_and_monotone(d: float, agent: str) -> None:
    one = prednisone_equivalent(d, agent)
    two = prednisone_equivalent(2 * d, agent)
    assert two == pytest.approx(2 * one, abs=2e-6)
    assert two >= one


# --- the chapter's figures ----------------------------------------------


def test_figures_are_drawn_from_the_data() -> None:
    import matplotlib.pyplot as plt

    from igg4lib import data
    from igg4lib.plots import induction as plots

    table2 = data.load("induction_by_treatment")
    fig = plots.flow_figure(table2)
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "215* newly diagnosed" in texts  # a sum of printed sizes: marked as recomputed
    assert "n = 16 (20.8%)" in texts and "n = 10 (7.2%)" in texts  # printed
    assert "n = 61* (79.2%*)" in texts and "n = 128* (92.8%*)" in texts  # recomputed
    assert "* Recomputed from printed counts" in texts
    assert "induction stage 6 months" in texts
    plt.close(fig)
    with pytest.raises(ValueError, match="argument 'by_treatment' lacks row"):
        plots.flow_figure(table2[table2["label"] != "Relapse"])

    organ = data.load("induction_organ_failure")
    fig = plots.organ_failure_figure(organ)
    ax = fig.axes[0]
    bars = sorted(round(p.get_width(), 6) for p in ax.patches if p.get_width() > 0)
    assert bars == sorted(round(100 * x / n, 6)
                          for x, n in zip(organ["failures"], organ["patients"], strict=True))
    assert "%" in ax.get_xlabel()
    assert {t.get_text().split(":")[0] for t in ax.texts} >= {"5/17", "9/35", "4/60"}
    plt.close(fig)

    sero = data.load("induction_month6_serology")
    fig = plots.month6_serology_figure(sero)
    assert len(fig.axes) == sero["label"].nunique()
    assert all("month 6" in ax.get_ylabel() for ax in fig.axes)
    plt.close(fig)


def test_figures_refuse_bad_data() -> None:
    """Negative counts, NaN estimates and intervals without their estimate are refused by
    argument, column and row instead of drawn."""
    from igg4lib import data
    from igg4lib.plots import induction as plots

    organ = data.load("induction_organ_failure")
    with pytest.raises(ValueError, match="argument 'organ_failure': column 'failures', row 0: "
                       "got -5"):
        plots.organ_failure_figure(organ.assign(failures=-organ["failures"]))
    with pytest.raises(ValueError, match="argument 'organ_failure': the frame, row 1: expected "
                       "failures <= patients"):
        plots.organ_failure_figure(organ.assign(
            failures=organ["failures"].where(organ.index != 1, 40)))
    sero = data.load("induction_month6_serology")
    with pytest.raises(ValueError, match="argument 'serology': column 'median', row 3: a missing "
                       "value"):
        plots.month6_serology_figure(sero.assign(median=sero["median"].where(sero.index != 3)))
    with pytest.raises(ValueError, match="argument 'serology': the frame, row 2: expected "
                       "q1 <= median <= q3"):
        plots.month6_serology_figure(sero.assign(q1=sero["q1"].where(sero.index != 2, 5.0)))
    with pytest.raises(ValueError, match="argument 'serology': the frame, row 2: expected one "
                       "row of each outcome"):
        plots.month6_serology_figure(sero.iloc[:3])
    table2 = data.load("induction_by_treatment")
    with pytest.raises(ValueError, match="argument 'by_treatment': the frame, row 28: expected "
                       "gcim_count <= gcim_group_size"):
        plots.flow_figure(table2.assign(gcim_count=table2["gcim_count"].where(
            table2["label"] != "Failure of remission induction", 139)))
    with pytest.raises(ValueError, match="argument 'by_treatment': column 'gc_count', row 26"):
        plots.flow_figure(table2.assign(gc_count=table2["gc_count"].where(
            table2["label"] != "Relapse", -14)))


def _figures():
    from igg4lib import data
    from igg4lib.plots import induction as plots

    return {
        "flow": plots.flow_figure(data.load("induction_by_treatment")),
        "organ": plots.organ_failure_figure(data.load("induction_organ_failure")),
        "serology": plots.month6_serology_figure(data.load("induction_month6_serology")),
    }


def test_figures_are_readable_at_the_text_width() -> None:
    """Text >= MIN_FONT_PT at a width <= the text column, and nothing outside the canvas."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    from igg4lib.plots import induction as plots

    for name, fig in _figures().items():
        width, height = fig.get_size_inches()
        assert width <= plots.MAX_WIDTH_IN, name
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        hidden = {id(t) for ax in fig.axes if not ax.axison
                  for axis in (ax.xaxis, ax.yaxis) for t in axis.findobj(Text)}
        texts = [t for t in fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
        assert texts, name
        for t in texts:
            assert t.get_fontsize() >= plots.MIN_FONT_PT, (name, t.get_text(), t.get_fontsize())
        # everything drawn (labels, titles, annotations) lies on the canvas: nothing clipped
        drawn = fig.get_tightbbox(renderer)  # inches
        assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01, (name, drawn)
        assert drawn.x1 <= width + 0.01 and drawn.y1 <= height + 0.01, (name, drawn)
        plt.close(fig)


def test_figures_use_colour_only_for_the_treatment_group() -> None:
    """One colour meaning: orange is GC alone, blue GC+IM; everything else is grey."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex, to_rgb

    from igg4lib.plots import COLOURS

    groups = {COLOURS["GC"].lower(), COLOURS["GC+IM"].lower()}

    def chromatic(colour) -> bool:
        r, g, b = to_rgb(colour)
        return max(r, g, b) - min(r, g, b) > 0.05  # not a grey, black or white

    for name, fig in _figures().items():
        used = set()
        for artist in fig.findobj():
            for getter in ("get_facecolor", "get_edgecolor", "get_color",
                           "get_markerfacecolor"):
                if not hasattr(artist, getter):
                    continue
                value = getattr(artist, getter)()
                values = value if isinstance(value, list | np.ndarray) and np.ndim(value) == 2 \
                    else [value]
                for v in values:
                    try:
                        rgba = to_rgb(v)
                    except (ValueError, TypeError):
                        continue
                    if chromatic(rgba):
                        used.add(to_hex(rgba))
        assert used <= groups, (name, used - groups)
        plt.close(fig)


def test_organ_figure_prints_estimate_and_interval_beside_bars() -> None:
    import matplotlib.pyplot as plt

    from igg4lib import data, stats
    from igg4lib.plots import induction as plots

    organ = data.load("induction_organ_failure")
    fig = plots.organ_failure_figure(organ)
    texts = {t.get_text() for t in fig.axes[0].texts}
    for x, n in zip(organ["failures"], organ["patients"], strict=True):
        ci = stats.wilson_ci(int(x), int(n))
        assert (f"{x}/{n}: {100 * x / n:.1f}% ({100 * ci.ci_low:.0f} to "
                f"{100 * ci.ci_high:.0f})") in texts
    plt.close(fig)


def test_compare_with_published() -> None:
    from igg4lib import data

    t2 = data.load("induction_by_treatment")
    synthetic = data.load("synthetic_induction_cohort")
    synthetic["gc_dose_mg_per_day_month6"] = induction.to_prednisone_equivalent(
        synthetic["gc_agent_dose_mg_per_day_month6"], synthetic["gc_agent_month6"])
    recovered = induction.outcome_table(
        induction.assess_cohort(synthetic, keep=["treatment"]))
    out = induction.compare_with_published(recovered, t2)
    assert len(out) == 8 and out["match"].all()
    gc_fail = out[(out["treatment"] == "GC") & (out["outcome"] == "failure")].iloc[0]
    assert gc_fail["published"] == 16
    wrong = recovered.assign(count=recovered["count"] + 1)
    assert not induction.compare_with_published(wrong, t2)["match"].any()
    with pytest.raises(ValueError, match="argument 'recovered': missing column 'label'"):
        induction.compare_with_published(recovered.drop(columns="label"), t2)
    with pytest.raises(ValueError, match="argument 'recovered': column 'treatment', row 0: "
                       "got 'IM' \\(str\\); expected one of GC, GC\\+IM"):
        induction.compare_with_published(recovered.assign(treatment="IM"), t2)
    with pytest.raises(ValueError, match="argument 'table2' lacks row"):
        induction.compare_with_published(recovered, t2[t2["label"] != "Relapse"])
    with pytest.raises(ValueError, match=r"argument 'recovered': the frame, row \d: expected "
                       r"count <= n"):
        induction.compare_with_published(recovered.assign(n=0 * recovered["n"] + 1), t2)
    with pytest.raises(ValueError, match="argument 'recovered': column 'percent', row 3: a "
                       "missing value"):
        induction.compare_with_published(recovered.assign(
            percent=recovered["percent"].where(recovered.index != 3)), t2)
    bare = induction.compare_with_published(recovered[["treatment", "label", "count"]], t2)
    assert bare["match"].all() and list(bare.columns) == [
        "treatment", "label", "count", "published", "match"]
    no_count = t2.assign(gc_count=t2["gc_count"].where(t2["label"] != "Relapse"))
    with pytest.raises(ValueError, match="argument 'table2': the frame, row 26: expected "
                       "gc_count and gcim_count in every row recovered names"):
        induction.compare_with_published(recovered, no_count)


# --- protocol, baseline balance and the outcome family -------------------------------


def test_goal_constants_are_the_printed_goals() -> None:
    assert induction.protocol("goal_prednisone_max_mg") == induction.GC_MAINTENANCE_MAX_MG_PER_DAY
    assert induction.protocol("goal_ri_decline_pct") / 100 == induction.RI_DECLINE_TARGET
    assert induction.protocol("enrolled") == 444
    with pytest.raises(ValueError, match="no numeric value"):
        induction.protocol("registry")
    with pytest.raises(ValueError, match="expected an item"):
        induction.protocol("nothing")


def test_baseline_balance_sizes() -> None:
    import math

    from igg4lib import data

    t2 = data.load("induction_by_treatment")
    b = induction.baseline_balance(t2).set_index("label")
    # every baseline row except the heading, and no outcome row
    assert len(b) == 24 and "Relapse" not in b.index
    # a yes/no row, by hand: 10/77 vs 40/138
    p1, p2 = 10 / 77, 40 / 138
    smd = (p1 - p2) / math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2)
    assert b.at["Retroperitoneal fibrosis", "smd"] == pytest.approx(smd)
    # the sex ratio as a share of men
    m1, m2 = 2.08 / 3.08, 2.29 / 3.29
    assert b.at["Sex (male:female)", "smd"] == pytest.approx(
        (m1 - m2) / math.sqrt((m1 * (1 - m1) + m2 * (1 - m2)) / 2))
    # a median row: equal medians give zero; IgE from medians and IQR / 1.349
    assert b.at["Age (years)", "smd"] == 0
    s1, s2 = (881 - 178) / 1.3489795, (728 - 119) / 1.3489795
    assert b.at["IgE (kU/L)", "smd"] == pytest.approx((510 - 256) / math.sqrt((s1**2 + s2**2) / 2),
                                                      rel=1e-6)
    assert b.at["IgE (kU/L)", "method"].startswith("approximate")
    # sorted by size; the allergy denominator can be replaced
    assert list(b["abs_smd"]) == sorted(b["abs_smd"], reverse=True)
    b136 = induction.baseline_balance(t2, denominators={"Allergy history": (77, 136)})
    a = b136.set_index("label").at["Allergy history", "smd"]
    assert a != pytest.approx(b.at["Allergy history", "smd"])
    with pytest.raises(ValueError, match="not in table2"):
        induction.baseline_balance(t2, denominators={"Nothing": (1, 1)})
    with pytest.raises(TypeError, match="argument 'table2' got 'table' \\(str\\); expected "
                       "an instance of DataFrame"):
        induction.baseline_balance("table")
    with pytest.raises(ValueError, match="argument 'denominators' got \\(77, 40\\) for "
                       "'Allergy history'; expected denominators at least the row's counts"):
        induction.baseline_balance(t2, denominators={"Allergy history": (77, 40)})
    with pytest.raises(ValueError, match="argument 'denominators' names row\\(s\\) "
                       "\\['Age \\(years\\)'\\] not in table2"):
        induction.baseline_balance(t2, denominators={"Age (years)": (77, 138)})
    bad = t2.assign(gc_q1=t2["gc_q1"].where(t2["label"] != "IgE (kU/L)", 600.0))
    with pytest.raises(ValueError, match="argument 'table2': the frame, row 23: expected "
                       "gc_q1 <= gc_median <= gc_q3"):
        induction.baseline_balance(bad)
    bad = t2.assign(gcim_ratio=t2["gcim_ratio"].where(t2["label"] != "Sex (male:female)", 1e12))
    with pytest.raises(ValueError, match="the frame, row 0: expected gcim_ratio at most "
                       "gcim_group_size - 1"):
        induction.baseline_balance(bad)
    bad = t2.assign(gc_count=t2["gc_count"].where(t2["label"] != "Lung disease"))
    with pytest.raises(ValueError, match="the frame, row 15: expected gc_count, gcim_count "
                       "in every baseline row of statistic 'n \\(%\\)'"):
        induction.baseline_balance(bad)


def test_outcome_family_is_the_outcome_rows_with_holm() -> None:
    from scipy.stats import fisher_exact

    from igg4lib import data

    t2 = data.load("induction_by_treatment")
    f = induction.outcome_family(t2).set_index("label")
    assert list(f.index) == ["RI reduction <50%", "Relapse", "Failure of GC tapering",
                             "Failure of remission induction"]
    p = fisher_exact([[16, 61], [10, 128]]).pvalue
    assert f.at["Failure of remission induction", "p_fisher"] == pytest.approx(p)
    # Holm by hand: the smallest of four p-values is multiplied by four
    ordered = sorted(f["p_fisher"])
    assert f["p_holm"].min() == pytest.approx(4 * ordered[0])
    assert f.at["Failure of remission induction", "p_holm"] < 0.05
    # the printed p-values are reproduced at three decimals
    assert all(f"{x:.3f}" == pr for x, pr in zip(f["p_fisher"], f["p_printed"], strict=True))
    with pytest.raises(ValueError, match="argument 'table2' has no rows in section "
                       "'Outcomes at month 6'"):
        induction.outcome_family(t2[t2["section"] != "Outcomes at month 6"])
    bad = t2.assign(gcim_count=t2["gcim_count"].where(t2["label"] != "Relapse", 200))
    with pytest.raises(ValueError, match="argument 'table2': the frame, row 26: expected "
                       "gcim_count <= gcim_group_size"):
        induction.outcome_family(bad)


def test_baseline_balance_without_spread() -> None:
    """No spread in either group: 0 when the groups agree, an infinite difference (with its
    sign) when they do not; never a division error or NaN."""
    import math

    from igg4lib import data

    t2 = data.load("induction_by_treatment")
    rf = t2["label"] == "Retroperitoneal fibrosis"
    age = t2["label"] == "Age (years)"
    none = t2.assign(gc_count=t2["gc_count"].where(~rf, 0),
                     gcim_count=t2["gcim_count"].where(~rf, 0))
    assert induction.baseline_balance(none).set_index("label").at[
        "Retroperitoneal fibrosis", "smd"] == 0.0
    apart = t2.assign(gc_count=t2["gc_count"].where(~rf, 0),
                      gcim_count=t2["gcim_count"].where(~rf, t2["gcim_group_size"]))
    assert induction.baseline_balance(apart).set_index("label").at[
        "Retroperitoneal fibrosis", "smd"] == -math.inf
    flat = t2.copy()
    for arm in ("gc", "gcim"):
        flat.loc[age, [f"{arm}_q1", f"{arm}_q3"]] = flat.loc[age, f"{arm}_median"].to_numpy()[0]
    flat.loc[age, "gc_median"] = flat.loc[age, "gc_median"] + 1
    flat.loc[age, ["gc_q1", "gc_q3"]] = flat.loc[age, "gc_median"].to_numpy()[0]
    assert induction.baseline_balance(flat).set_index("label").at["Age (years)", "smd"] == math.inf


def test_baseline_balance_denominators_within_the_groups() -> None:
    """A denominator counts patients of the group: larger than the group is impossible."""
    from igg4lib import data

    t2 = data.load("induction_by_treatment")
    with pytest.raises(ValueError, match="argument 'denominators' got \\(770, 1360\\) for "
                       "'Allergy history'; expected denominators at most the group sizes "
                       "\\(77, 138\\)"):
        induction.baseline_balance(t2, denominators={"Allergy history": (770, 1360)})
    induction.baseline_balance(t2, denominators={"Allergy history": (77, 138)})
