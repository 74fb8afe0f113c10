"""The randomised evidence on preventing relapse, assembled from ``data/`` for synthesis.

One function per table the maintenance chapter shows, each built only from the transcribed
data sets and the book's adopted readings:

- :func:`comparisons`: every two-arm comparison with counts (treated against control),
  the WInS counts taken from :func:`igg4lib.trial.analysis_counts` with group 2 set to the
  reading the book adopts (:func:`igg4lib.readings.adopted`), never typed;
- :func:`effects`: their risk ratios, risk differences and odds ratios
  (:func:`igg4lib.synthesis.trial_effects`);
- :func:`naive_pool`: what pooling comparisons that answer different questions would
  give, for the chapter's "should these be pooled?" lesson;
- :func:`summary_of_findings`: the GRADE table, from ``grade_questions`` and
  ``grade_judgements``.

Only rows whose status is ``confirmed`` enter a computation; unconfirmed values are shown
by the chapter as such and never used.

>>> c = comparisons()
>>> [int(v) for v in c.set_index("comparison").loc["wins-im", ["events_treated", "n_treated"]]]
[7, 49]
"""

from __future__ import annotations

import math
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler
from scipy import stats as sps
from statsmodels.stats.meta_analysis import combine_effects

from igg4lib import data, readings, synthesis, trial
from igg4lib._validation import InvalidArgument, Text, validated

__all__ = [
    "WINS_COMPARISONS",
    "b_cell_meta",
    "b_cell_pool",
    "b_cell_table",
    "certainty_of",
    "comparisons",
    "effects",
    "effects_table",
    "grade_details_table",
    "grade_table",
    "harm_effects",
    "harms_table",
    "imprecision_summary_table",
    "imprecision_table",
    "masamune_crude",
    "naive_pool",
    "pico_table",
    "prisma_counts",
    "reported_table",
    "study_selection_table",
    "summary_of_findings",
]

#: The two-arm comparisons of the three-arm WInS trial: (id, label, trial, treated arm,
#: control arm), arms numbered as in the trial.  Every other trial's comparison comes from
#: the data: its row of ``maintenance_trials`` (columns ``comparison``,
#: ``comparison_label`` and ``pool``) and its intervention and comparator arms in
#: ``maintenance_arms``, so a new trial enters by adding rows, not code.
WINS_COMPARISONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("wins-im", "WInS: keep IM vs stop both", "WInS", "2", "1"),
    ("wins-both", "WInS: keep GC + IM vs stop both", "WInS", "3", "1"),
    ("wins-gc", "WInS: keep GC vs stop GC (both on IM)", "WInS", "3", "2"),
)
#: The pooled question of the B-cell trials (``maintenance_trials.pool``).
B_CELL_POOL = "b-cell"


def _spec(harm: bool) -> tuple[tuple[str, str, str, str, str], ...]:
    """Every two-arm comparison: WInS's, then one per trial row with a comparison id."""
    trials = data.load("maintenance_trials")
    arms = data.load("maintenance_arms")
    out = [] if harm else list(WINS_COMPARISONS)
    for t in trials.itertuples(index=False):
        if not isinstance(t.comparison, str) or not t.comparison:
            continue
        rows = arms[(arms["trial"] == t.trial)
                    & (arms["outcome"].map(_is_harm) == harm)]
        roles = {str(r.role): str(r.arm) for r in rows.itertuples(index=False)}
        if harm and not {"intervention", "comparator"} <= set(roles):
            continue
        if not {"intervention", "comparator"} <= set(roles):
            raise ValueError(f"maintenance_arms has no intervention and comparator arm of "
                             f"{t.trial!r}, which maintenance_trials names comparison "
                             f"{t.comparison!r}")
        cid = f"{t.comparison}-sae" if harm else str(t.comparison)
        label = f"{t.trial}: serious adverse events" if harm else str(t.comparison_label)
        out.append((cid, label, str(t.trial), roles["intervention"], roles["comparator"]))
    return tuple(out)


def _b_cell() -> tuple[str, ...]:
    """The comparisons of the trials pooled as :data:`B_CELL_POOL`."""
    trials = data.load("maintenance_trials")
    return tuple(str(c) for c in trials.loc[trials["pool"] == B_CELL_POOL, "comparison"])


@cache
def _wins_counts() -> dict[str, tuple[int, int]]:
    arms = data.load("wins_trial_arms")
    label_2 = str(arms.loc[arms["arm"] == 2, "label"].iloc[0])
    adopted = readings.adopted("wins-arm2-relapses")
    if adopted.n != int(arms.loc[arms["arm"] == 2, "n_randomised"].iloc[0]):
        raise ValueError("the adopted WInS group 2 reading does not use the randomised arm size")
    counts = trial.analysis_counts(arms, override={label_2: adopted.events})
    return {
        str(arm): (int(row.events), int(row.n))
        for arm, row in zip(arms["arm"], counts.itertuples(), strict=True)
    }


def _is_harm(outcome: str) -> bool:
    return "serious adverse" in outcome


@cache
def _confirmed_arms() -> dict[tuple[str, str, bool], tuple[int, int]]:
    """Confirmed arms with counts, keyed (trial, arm, is-a-harm).

    A count printed only as a percentage is taken from the book's adopted reading
    ``<trial>-sae-<arm>`` (``data/published/readings.csv``), never typed.
    """
    arms = data.load("maintenance_arms")
    keep = arms[(arms["status"] == "confirmed") & (arms["role"] != "single arm")]
    keep = keep.dropna(subset=["n"])
    known = set(readings.questions())
    out: dict[tuple[str, str, bool], tuple[int, int]] = {}
    for r in keep.itertuples(index=False):
        harm = _is_harm(str(r.outcome))
        if pd.isna(r.events):
            question = f"{str(r.trial).lower()}-sae-{r.arm}"
            if not harm or question not in known:
                continue
            reading = readings.adopted(question)
            if reading.n != int(r.n) or reading.events is None:
                raise ValueError(f"the reading {question!r} does not use the arm size {r.n}")
            out[(str(r.trial), str(r.arm), harm)] = (int(reading.events), int(r.n))
        else:
            out[(str(r.trial), str(r.arm), harm)] = (int(r.events), int(r.n))
    return out


def _comparison_rows(spec: tuple[tuple[str, str, str, str, str], ...],
                     harm: bool) -> pd.DataFrame:
    wins = _wins_counts()
    other = _confirmed_arms()
    trials = data.load("maintenance_trials")
    months = dict(zip(trials["trial"], trials["follow_up_months"], strict=True))
    rows = []
    for cid, label, trial_name, treated, control in spec:
        if trial_name == "WInS":
            (x1, n1), (x2, n2) = wins[treated], wins[control]
        else:
            (x1, n1) = other[(trial_name, treated, harm)]
            (x2, n2) = other[(trial_name, control, harm)]
        rows.append({"comparison": cid, "label": label, "trial": trial_name,
                     "events_treated": x1, "n_treated": n1,
                     "events_control": x2, "n_control": n2,
                     "follow_up_months": int(months[trial_name])})
    return pd.DataFrame(rows)


@validated
def comparisons() -> pd.DataFrame:
    """Every two-arm comparison with counts, treated arm against control arm.

    Columns: ``comparison``, ``label``, ``trial``, ``events_treated``, ``n_treated``,
    ``events_control``, ``n_control``, ``follow_up_months``.
    Every trial enters with the counts of its primary outcome of relapse or flare.
    """
    return _comparison_rows(_spec(harm=False), harm=False)


@validated
def effects() -> pd.DataFrame:
    """Risk ratio, risk difference and odds ratio of every comparison (treated vs control).

    >>> e = effects().set_index("comparison")
    >>> round(float(e.loc["masamune", "risk_ratio"]), 2)
    0.4
    """
    comp = comparisons()
    eff = synthesis.trial_effects(comp)
    eff.insert(0, "comparison", comp["comparison"].to_numpy())
    eff.insert(2, "trial", comp["trial"].to_numpy())
    eff["follow_up_months"] = comp["follow_up_months"].to_numpy()
    return eff


@validated
def harm_effects() -> pd.DataFrame:
    """Serious adverse events: risk ratio, risk difference and odds ratio per trial.

    The same columns as :func:`effects`, one row per trial reporting them by arm; INDIGO's
    counts are the book's readings of its printed percentages.

    >>> h = harm_effects().set_index("comparison")
    >>> [int(v) for v in h.loc["mitigate-sae", ["events_treated", "events_control"]]]
    [12, 6]
    """
    comp = _comparison_rows(_spec(harm=True), harm=True)
    eff = synthesis.trial_effects(comp)
    eff.insert(0, "comparison", comp["comparison"].to_numpy())
    eff.insert(2, "trial", comp["trial"].to_numpy())
    eff["follow_up_months"] = comp["follow_up_months"].to_numpy()
    return eff


#: What :func:`b_cell_pool` and :func:`b_cell_meta` pool: hazard ratios of the first flare
#: (standard errors from the printed intervals) or risk ratios from the counts.
Measure = Literal["hazard ratio", "risk ratio"]


def _b_cell_inputs(measure: str) -> pd.DataFrame:
    """Per B-cell trial: label, log ratio and its variance."""
    eff = effects().set_index("comparison").loc[list(_b_cell())]
    if measure == "risk ratio":
        return pd.DataFrame({"label": eff["label"].to_numpy(),
                             "trial": eff["trial"].to_numpy(),
                             "log_ratio": eff["log_rr"].to_numpy(dtype=float),
                             "variance": eff["var_log_rr"].to_numpy(dtype=float)})
    rep = data.load("maintenance_reported")
    rows = []
    z = float(sps.norm.isf(0.025))
    for cid in _b_cell():
        trial_name = str(eff.loc[cid, "trial"])
        hr = rep[(rep["trial"] == trial_name) & (rep["status"] == "confirmed")
                 & rep["label"].str.startswith("time to first flare")]
        if len(hr) != 1:
            raise ValueError(f"expected one confirmed hazard ratio of {trial_name}")
        r = hr.iloc[0]
        se = (math.log(float(r["ci_high"])) - math.log(float(r["ci_low"]))) / (2 * z)
        rows.append({"label": str(eff.loc[cid, "label"]), "trial": trial_name,
                     "log_ratio": math.log(float(r["estimate"])), "variance": se**2,
                     "printed_low": float(r["ci_low"]), "printed_high": float(r["ci_high"])})
    return pd.DataFrame(rows)


@validated
def b_cell_meta(measure: Measure = "hazard ratio") -> synthesis.MetaAnalysis:
    """Random-effects (REML) pool of the two B-cell trials, with the HKSJ interval.

    Hazard ratios enter as log ratios with standard errors recovered from the printed 95%
    intervals (width on the log scale over twice the normal quantile), generic inverse
    variance; risk ratios from the counts.  With two trials HKSJ uses *t* with one degree
    of freedom.

    >>> ma = b_cell_meta()
    >>> ma.k, ma.q_df
    (2, 1)
    """
    x = _b_cell_inputs(measure)
    return synthesis.random_effects(x["log_ratio"].tolist(), x["variance"].tolist(),
                                    method="REML", labels=x["trial"].tolist())


@validated
def b_cell_pool(measure: Measure = "hazard ratio") -> pd.DataFrame:
    """The two B-cell trials and their pooled estimates, as ratios with 95% intervals.

    Rows: each trial; the fixed-effect (inverse-variance) estimate, from statsmodels'
    ``combine_effects``; the REML random-effects estimate with its Wald interval, with the
    HKSJ interval and with the modified HKSJ interval.  A trial's hazard ratio keeps its
    printed interval; the standard error recovered from it only sets the weights.  Columns
    ``label``, ``kind``
    (``trial`` or ``pooled``), ``ratio``, ``ci_low``, ``ci_high``, ``weight_fixed`` and
    ``weight_random`` (fractions; pooled rows empty).

    >>> t = b_cell_pool()
    >>> t["kind"].tolist()
    ['trial', 'trial', 'pooled', 'pooled', 'pooled', 'pooled']
    """
    x = _b_cell_inputs(measure)
    y = x["log_ratio"].to_numpy(dtype=float)
    v = x["variance"].to_numpy(dtype=float)
    fe = combine_effects(y, v, method_re="dl")
    ma = b_cell_meta(measure)
    z = float(sps.norm.isf(0.025))
    w_fe = (1 / v) / np.sum(1 / v)
    rows = []
    for i, r in enumerate(x.itertuples(index=False)):
        # A trial's printed interval is shown as printed (rounding makes it slightly
        # asymmetric on the log scale); the standard error recovered from it only weights.
        half = z * math.sqrt(r.variance)
        printed = getattr(r, "printed_low", None) is not None
        rows.append({"label": r.label, "kind": "trial", "ratio": math.exp(r.log_ratio),
                     "ci_low": r.printed_low if printed else math.exp(r.log_ratio - half),
                     "ci_high": r.printed_high if printed else math.exp(r.log_ratio + half),
                     "weight_fixed": float(w_fe[i]), "weight_random": ma.weights[i]})
    fe_mu, fe_se = float(fe.mean_effect_fe), float(fe.sd_eff_w_fe)
    m_low, m_high = ma.mhksj_ci
    for label, mu, lo, hi in (
        ("Fixed effect (inverse variance)", fe_mu, fe_mu - z * fe_se, fe_mu + z * fe_se),
        ("Random effects (REML), Wald interval", ma.estimate, ma.ci_low, ma.ci_high),
        ("Random effects (REML), HKSJ interval", ma.estimate, ma.hksj_ci_low,
         ma.hksj_ci_high),
        ("Random effects (REML), modified HKSJ interval", ma.estimate, m_low, m_high),
    ):
        rows.append({"label": label, "kind": "pooled", "ratio": math.exp(mu),
                     "ci_low": math.exp(lo), "ci_high": math.exp(hi),
                     "weight_fixed": None, "weight_random": None})
    return pd.DataFrame(rows)


@validated
def masamune_crude() -> dict[str, float]:
    """What the crude counts of Masamune 2017 give, beside the abstract's p-values.

    The abstract prints relapse in 7 of 30 against 11 of 19 with p = 0.011, and a
    relapse-free survival p = 0.007 (its time-to-event analysis).  Returned: the two-sided
    p-values of Fisher's exact test and of Pearson's chi-square without and with Yates'
    correction on the crude 2x2 table, and the printed p-values, for comparison.

    >>> r = masamune_crude()
    >>> round(r["printed_p"], 3), r["fisher_p"] > r["printed_p"]
    (0.011, True)
    """
    comp = comparisons().set_index("comparison").loc["masamune"]
    a, n1 = int(comp["events_treated"]), int(comp["n_treated"])
    c, n2 = int(comp["events_control"]), int(comp["n_control"])
    table = [[a, n1 - a], [c, n2 - c]]
    rep = data.load("maintenance_reported")
    rep = rep[rep["trial"] == "Masamune 2017"].set_index("label")

    def _p(text: str) -> float:
        return float(str(text).split("=")[-1])

    return {
        "fisher_p": float(sps.fisher_exact(table)[1]),
        "chi2_p": float(sps.chi2_contingency(table, correction=False)[1]),
        "chi2_yates_p": float(sps.chi2_contingency(table, correction=True)[1]),
        "printed_p": _p(rep.loc["relapse rate over 3 years", "p_printed"]),
        "printed_rfs_p": _p(rep.loc["relapse-free survival", "p_printed"]),
    }


#: The naive pools of the "should these be pooled?" lesson: each a set of comparisons that
#: share no arm, grouped by what a careless reader might call "the same question".
NAIVE_POOLS: dict[str, tuple[str, ...]] = {
    "immunosuppressant": ("wins-im", "wang2020"),
    "any-maintenance": ("wins-both", "masamune", "wang2020"),
}
#: The name of one of :data:`NAIVE_POOLS`.
PoolName = Literal[tuple(NAIVE_POOLS)]  # type: ignore[valid-type]


@validated
def naive_pool(name: PoolName, method: synthesis.Method = "REML") -> synthesis.MetaAnalysis:
    """Random-effects pool of one of :data:`NAIVE_POOLS` (log risk ratios).

    >>> naive_pool("any-maintenance").k
    3
    """
    eff = effects().set_index("comparison").loc[list(NAIVE_POOLS[name])].reset_index()
    return synthesis.pool_risk_ratios(eff, method=method)


#: The ``evidence_comparison`` of ``grade_questions`` that stands for the induction cohort.
COHORT_EVIDENCE = "wang2018-cohort"


def _cohort_counts() -> tuple[int, int, int, int]:
    """Failure of remission induction, GC + IM against GC alone (Wang 2018, Table 2)."""
    table = data.load("induction_by_treatment")
    row = table[table["label"] == "Failure of remission induction"].iloc[0]
    return (int(row["gcim_count"]), int(row["gcim_group_size"]),
            int(row["gc_count"]), int(row["gc_group_size"]))


def _question_effects() -> dict[str, synthesis.TrialEffect]:
    """The one body of evidence (a trial effect) behind each question."""
    eff = pd.concat([effects(), harm_effects()]).set_index("comparison")
    out = {}
    questions = data.load("grade_questions")
    for qid, cid in zip(questions["question"], questions["evidence_comparison"], strict=True):
        if cid == COHORT_EVIDENCE:
            out[str(qid)] = synthesis.trial_effect("Wang 2018 cohort", *_cohort_counts())
            continue
        if cid not in eff.index:
            raise ValueError(f"grade_questions: question {qid!r} names comparison {cid!r}, "
                             "which no trial provides")
        r = eff.loc[cid]
        out[str(qid)] = synthesis.trial_effect(str(r["label"]), int(r["events_treated"]),
                                               int(r["n_treated"]), int(r["events_control"]),
                                               int(r["n_control"]))
    return out


@validated
def imprecision_table() -> pd.DataFrame:
    """Every question's imprecision: the evidence against its optimal information size.

    Columns: ``question``, ``patients``, ``events``, ``control_risk``, ``ois_patients``
    and ``ois_events`` (:func:`igg4lib.synthesis.optimal_information_size` for the control
    arm's risk), ``rr_ci_low``, ``rr_ci_high``, ``levels_rule``
    (:func:`igg4lib.synthesis.imprecision_levels`) and ``levels_recorded`` (the judgement
    in ``grade_judgements``).

    >>> t = imprecision_table().set_index("question")
    >>> bool((t["levels_rule"] == t["levels_recorded"]).all())
    True
    """
    judged = data.load("grade_judgements")
    judged = judged[judged["domain"] == "imprecision"].set_index("question")["downgrade"]
    questions = data.load("grade_questions").sort_values("order")
    evidence = _question_effects()
    rows = []
    for qid in questions["question"]:
        te = evidence[str(qid)]
        patients = te.n_treated + te.n_control
        ois = synthesis.optimal_information_size(te.risk_control)
        rows.append({
            "question": str(qid), "patients": patients,
            "events": te.events_treated + te.events_control,
            "control_risk": te.risk_control, "ois_patients": ois.patients,
            "ois_events": ois.events, "rr_ci_low": te.rr_ci_low, "rr_ci_high": te.rr_ci_high,
            "levels_rule": synthesis.imprecision_levels(te.rr_ci_low, te.rr_ci_high,
                                                        patients, ois.patients),
            "levels_recorded": int(judged.loc[qid]),
        })
    return pd.DataFrame(rows)


@validated
def summary_of_findings() -> pd.DataFrame:
    """The GRADE summary of findings: one row per question, effects and certainty.

    Columns: ``question``, ``title``, ``outcome``, ``evidence``, ``design``, ``studies``
    (how many), ``participants``, ``risk_ratio``, ``rr_ci_low``, ``rr_ci_high``,
    ``control_per_1000``, ``treated_per_1000``, ``difference_per_1000``,
    ``difference_low_per_1000``, ``difference_high_per_1000``, ``absolute`` (GRADE's
    wording), ``certainty``, ``downgrades`` and ``reasons``.  The assumed control risk is
    the control arm's observed risk in the trial (GRADE's default when one study informs
    the question).
    """
    questions = data.load("grade_questions").sort_values("order")
    judgements = data.load("grade_judgements")
    grades = synthesis.summary_of_findings(questions, judgements).set_index("question")
    evidence = _question_effects()
    rows = []
    for q in questions.itertuples(index=False):
        qid = str(q.question)
        te = evidence[qid]
        absolute = synthesis.absolute_effect(te.risk_control, te.risk_ratio, te.rr_ci_low,
                                             te.rr_ci_high)
        g = grades.loc[qid]
        rows.append({
            "question": qid, "title": q.title, "outcome": q.outcome, "evidence": q.evidence,
            "design": q.design, "studies": 1,
            "participants": te.n_treated + te.n_control, "risk_ratio": te.risk_ratio,
            "rr_ci_low": te.rr_ci_low, "rr_ci_high": te.rr_ci_high,
            "control_per_1000": absolute.risk_control_per,
            "treated_per_1000": absolute.risk_treated_per,
            "difference_per_1000": absolute.difference_per,
            "difference_low_per_1000": absolute.difference_low_per,
            "difference_high_per_1000": absolute.difference_high_per,
            "absolute": absolute.describe(),
            "certainty": g["certainty"],
            "downgrades": None if pd.isna(g["downgrades"]) else int(g["downgrades"]),
            "reasons": g["reasons"],
        })
    return pd.DataFrame(rows)


@validated
def certainty_of(question: Text) -> str:
    """The certainty of one question: the one place every chapter takes it from.

    >>> certainty_of("add-im-cohort")
    'very low'
    """
    sof = summary_of_findings().set_index("question")
    if question not in sof.index:
        raise InvalidArgument(
            f"certainty_of: argument 'question' got {question!r}; expected one of the "
            f"questions of grade_questions: {', '.join(sof.index)}"
        )
    return str(sof.loc[question, "certainty"])


# --------------------------------------------------------------------------------------
# tables for people (igg4lib.book.display.table: headings in words, captions, no bare
# index). The two widest (the trials' PICO and the GRADE summary) are stacked or shortened
# so that they read on a phone-sized screen.
# --------------------------------------------------------------------------------------


def _table(frame: pd.DataFrame, columns: dict[str, str], **kw: object) -> Styler:
    from igg4lib.book.display import table

    return table(frame, columns, **kw)  # type: ignore[arg-type]


@validated
def pico_table() -> Styler:
    """The trials side by side, stacked: one block of rows per trial (design, P, I, C, O).

    Stacked rather than one wide row per trial, and each row names its element in its own
    text ("Patients: ..."), so the table has two columns and reads at phone width.

    >>> t = pico_table()
    >>> t.data.loc[("WInS", "Follow-up")].item()
    'Follow-up: 18 months'
    """
    t = data.load("maintenance_trials")
    rows = []
    for r in t.itertuples(index=False):
        for element, text in (
            ("Design", f"{r.design} ({r.blinding})"),
            ("Patients", r.population),
            ("Intervention", r.intervention),
            ("Comparator", r.comparator),
            ("Outcome", r.outcome),
            ("Follow-up", f"{int(r.follow_up_months)} months"),
        ):
            rows.append({"trial": r.trial, "element": element, "text": f"{element}: {text}"})
    styler = _table(
        pd.DataFrame(rows),
        {"trial": "Trial", "element": "Element", "text": "The trial's question"},
        caption="The trials on preventing relapse: design, patients, intervention, "
        "comparator, outcome and follow-up, as read in each source.",
        index=["trial", "element"],
    )
    return styler.hide(level=1, axis="index")


@validated
def effects_table() -> Styler:
    """Per-comparison risk ratio, risk difference and odds ratio with 95% intervals.

    >>> effects_table().data.loc["Wang 2020: GC + leflunomide vs GC alone"].size
    5
    """
    from igg4lib.book import format as fmt

    e = effects()
    shown = pd.DataFrame({
        "label": e["label"],
        "treated": [fmt.count_of(x, n) for x, n in zip(e["events_treated"], e["n_treated"],
                                                        strict=True)],
        "control": [fmt.count_of(x, n) for x, n in zip(e["events_control"], e["n_control"],
                                                        strict=True)],
        "rr": [f"{fmt.number(r.risk_ratio, 2)} ({fmt.interval(r.rr_ci_low, r.rr_ci_high, 2)})"
               for r in e.itertuples(index=False)],
        "rd": [f"{fmt.signed(r.risk_difference, 1, 100)} "
               f"({fmt.interval(r.rd_ci_low, r.rd_ci_high, 1, 100)})"
               for r in e.itertuples(index=False)],
        "or": [f"{fmt.number(r.odds_ratio, 2)} ({fmt.interval(r.or_ci_low, r.or_ci_high, 2)})"
               for r in e.itertuples(index=False)],
    })
    return _table(
        shown,
        {"label": "Comparison (first-named vs second)", "treated": "Relapses, first-named",
         "control": "Relapses, second", "rr": "Risk ratio (95% CI)",
         "rd": "Risk difference, first-named minus second, points (95% CI)",
         "or": "Odds ratio (95% CI)"},
        caption="Every randomised comparison with counts on one scale: risk and odds "
        "ratios with 95% Wald intervals on the log scale, risk differences with 95% "
        "Newcombe (hybrid Wilson score) intervals; a negative risk difference means fewer "
        "relapses with the first-named "
        "strategy. The WInS rows use the book's reading of group 2.",
        index="label",
    )


@validated
def reported_table() -> Styler:
    """What each source prints beyond the counts, with whether the book could read it.

    >>> reported_table().data.columns.tolist()
    ['Comparison', 'As printed', 'Status']
    """
    r = data.load("maintenance_reported")
    return _table(
        r, {"trial": "Trial", "label": "What", "comparison": "Comparison",
            "printed": "As printed", "status": "Status"},
        caption="Results each source prints beyond the counts; only confirmed rows enter a "
        "computation.",
        index=["trial", "label"],
    )


@validated
def harms_table() -> Styler:
    """Harms as each source reports them (or does not).

    >>> harms_table().data.columns.tolist()
    ['What the text read says', 'Status']
    """
    h = data.load("maintenance_harms")
    return _table(
        h, {"trial": "Trial", "harm": "Harm", "printed": "What the text read says",
            "status": "Status"},
        caption="Harms as each source reports them; \"not read\" is not \"no harm\".",
        index=["trial", "harm"],
    )


@validated
def grade_table() -> Styler:
    """The GRADE summary of findings in GRADEpro's layout, one column per element.

    Outcome; participants (studies); certainty; relative effect (risk ratio, 95% CI); risk
    with the comparator per 1,000; risk difference with the intervention per 1,000 (95% CI).
    The reasons for each downgrade are in :func:`grade_details_table`.

    >>> grade_table().data.iloc[0].tolist()[:2]
    ['97 (1 RCT)', 'low']
    """
    from igg4lib.book import format as fmt

    sof = summary_of_findings()
    design = {"randomised": "RCT", "observational": "observational"}
    shown = pd.DataFrame({
        "title": [f"{t} ({o})" for t, o in zip(sof["title"], sof["outcome"], strict=True)],
        "participants": [f"{fmt.thousands(int(n))} ({int(k)} {design[d]})"
                         for n, k, d in zip(sof["participants"], sof["studies"],
                                            sof["design"], strict=True)],
        "certainty": sof["certainty"],
        "relative": [f"RR {fmt.number(r, 2)} ({fmt.interval(lo, hi, 2)})"
                     for r, lo, hi in zip(sof["risk_ratio"], sof["rr_ci_low"],
                                          sof["rr_ci_high"], strict=True)],
        "control": [f"{fmt.thousands(round(float(c)))} per 1,000"
                    for c in sof["control_per_1000"]],
        "difference": sof["absolute"],
    })
    return _table(
        shown,
        {"title": "Question (outcome)", "participants": "Participants (studies)",
         "certainty": "Certainty", "relative": "Relative effect (95% CI)",
         "control": "Risk with the comparator",
         "difference": "Risk difference with the first-named strategy (95% CI)"},
        caption="GRADE summary of findings, in GRADEpro's layout. The risk with the "
        "comparator is the comparator arm's risk in the trial; the difference applies the "
        "risk ratio and its interval to it. Benefits and serious adverse events are graded "
        "as separate outcomes.",
        index="title",
    )


@validated
def grade_details_table() -> Styler:
    """The evidence behind each GRADE rating: design, size, relative effect, downgrades.

    Two columns (the question and one paragraph), so that it reads at phone width.

    >>> t = grade_details_table()
    >>> t.data.iloc[0].item().split(". ")[1]
    '97 participants'
    """
    from igg4lib.book import format as fmt

    rows = []
    for r in summary_of_findings().itertuples(index=False):
        relative = (f"risk ratio {fmt.number(r.risk_ratio, 2)} "
                    f"({fmt.interval(r.rr_ci_low, r.rr_ci_high, 2)})")
        participants = f"{fmt.thousands(int(r.participants))} participants"
        judged = "Rated down for: " + ("nothing" if r.reasons in ("", "none")
                                       else r.reasons)
        rows.append({
            "title": r.title,
            "detail": f"{r.evidence} ({r.design}). {participants}. "
                      f"{relative[0].upper()}{relative[1:]}. {judged}.",
        })
    return _table(
        pd.DataFrame(rows), {"title": "Question", "detail": "Evidence, effect and downgrades"},
        caption="The evidence behind each GRADE rating: design, participants, relative effect "
        "and the reason for every downgrade.",
        index="title",
    )


@validated
def imprecision_summary_table() -> Styler:
    """Each question's patients against its optimal information size, with the interval.

    >>> imprecision_summary_table().data.columns.tolist()[0]
    'Patients (events)'
    """
    from igg4lib.book import format as fmt

    imp = imprecision_table()
    titles = data.load("grade_questions").set_index("question")["title"]
    shown = pd.DataFrame({
        "title": [titles[q] for q in imp["question"]],
        "evidence": [f"{fmt.thousands(int(p))} ({fmt.thousands(int(e))})"
                     for p, e in zip(imp["patients"], imp["events"], strict=True)],
        "ois": [f"{fmt.thousands(int(p))} ({fmt.thousands(int(e))})"
                for p, e in zip(imp["ois_patients"], imp["ois_events"], strict=True)],
        "interval": [fmt.interval(lo, hi, 2)
                     for lo, hi in zip(imp["rr_ci_low"], imp["rr_ci_high"], strict=True)],
        "levels": [f"{int(r)} (rule: {int(u)})"
                   for r, u in zip(imp["levels_recorded"], imp["levels_rule"], strict=True)],
    })
    return _table(
        shown,
        {"title": "Question", "evidence": "Patients (events)",
         "ois": "Optimal information size: patients (events)",
         "interval": "Risk ratio, 95% CI", "levels": "Rated down for imprecision"},
        caption="Imprecision, question by question: the patients and events of the evidence "
        "against the optimal information size (one adequately powered trial for a relative "
        f"risk reduction of {fmt.percentage(synthesis.OIS_RRR, 0)} from the comparator arm's "
        f"risk, two-sided alpha {fmt.number(synthesis.OIS_ALPHA, 2)}, power "
        f"{fmt.percentage(synthesis.OIS_POWER, 0)}), and the risk ratio's interval; the "
        "levels recorded beside those of the book's rule.",
        index="title",
    )


@validated
def b_cell_table(measure: Measure = "hazard ratio") -> Styler:
    """The two B-cell trials and their pooled estimates, with the weights of each trial.

    >>> b_cell_table().data.columns.tolist()[0]
    'Ratio (95% CI)'
    """
    from igg4lib.book import format as fmt

    t = b_cell_pool(measure)

    def _pct(x: object) -> str:
        return "" if x is None or pd.isna(x) else fmt.percentage(float(x), 0)

    shown = pd.DataFrame({
        "label": t["label"],
        "ratio": [f"{fmt.number(r, 2)} ({fmt.ratio_interval(lo, hi, 2)})"
                  for r, lo, hi in zip(t["ratio"], t["ci_low"], t["ci_high"], strict=True)],
        "fixed": [_pct(w) for w in t["weight_fixed"]],
        "random": [_pct(w) for w in t["weight_random"]],
    })
    return _table(
        shown,
        {"label": "Trial or pooled estimate", "ratio": "Ratio (95% CI)",
         "fixed": "Weight, fixed effect", "random": "Weight, random effects"},
        caption=f"B-cell-targeted therapy against placebo, first flare: each trial's {measure} "
        "and the pooled estimates (fixed effect by inverse variance; REML random effects "
        "with the Wald, HKSJ and modified HKSJ intervals).",
        index="label",
    )


@validated
def prisma_counts() -> dict[str, int]:
    """The counts of the PRISMA-style flow, computed from ``study_selection``.

    ``identified`` (every study the search found), ``context`` (non-randomised or
    single-arm, kept as context), ``randomised``, ``excluded`` (randomised, another
    question), ``registered`` (registered without results) and ``included``.

    >>> c = prisma_counts()
    >>> c["identified"] == c["context"] + c["randomised"]
    True
    """
    sel = data.load("study_selection")
    rct = sel[sel["design"] == "randomised"]
    counts = {
        "identified": len(sel),
        "context": int((sel["design"] != "randomised").sum()),
        "randomised": len(rct),
        "excluded": int((rct["status"] == "excluded").sum()),
        "registered": int((rct["status"] == "registered without results").sum()),
        "included": int((rct["status"] == "included").sum()),
    }
    if counts["excluded"] + counts["registered"] + counts["included"] != counts["randomised"]:
        raise ValueError("study_selection: every randomised trial must be included, excluded "
                         "or registered without results")
    return counts


@validated
def study_selection_table() -> Styler:
    """Every study the book knows, with its status and the reason.

    >>> study_selection_table().data.columns.tolist()[0]
    'Design'
    """
    sel = data.load("study_selection").fillna("")
    return _table(
        sel[["study", "design", "question", "status", "reason", "registration"]],
        {"study": "Study", "design": "Design", "question": "Question",
         "status": "Status", "reason": "Reason", "registration": "Registration"},
        caption="Study selection: every trial in IgG4-RD the book knows, included or not, "
        "with the reason, and the non-randomised and single-arm studies kept as context "
        "(a structured, not an exhaustive, search).",
        index="study",
    )
