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

from functools import cache

import pandas as pd

from igg4lib import data, readings, synthesis, trial

__all__ = [
    "COMPARISONS",
    "comparisons",
    "effects",
    "naive_pool",
    "summary_of_findings",
]

#: The two-arm comparisons with counts: (id, label, trial, treated arm, control arm).
#: WInS arms are numbered as in the trial; other trials' arms as in ``maintenance_arms``.
COMPARISONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("wins-im", "WInS: keep IM vs stop both", "WInS", "2", "1"),
    ("wins-both", "WInS: keep GC + IM vs stop both", "WInS", "3", "1"),
    ("wins-gc", "WInS: keep GC vs stop GC (both on IM)", "WInS", "3", "2"),
    ("masamune", "Masamune 2017: keep prednisolone vs stop (AIP)", "Masamune 2017",
     "maintenance", "cessation"),
    ("wang2020", "Wang 2020: GC + leflunomide vs GC alone", "Wang 2020",
     "combination", "monotherapy"),
)


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


@cache
def _confirmed_arms() -> dict[tuple[str, str], tuple[int, int]]:
    arms = data.load("maintenance_arms")
    keep = arms[(arms["status"] == "confirmed") & (arms["role"] != "single arm")]
    keep = keep.dropna(subset=["events", "n"])
    return {
        (str(r.trial), str(r.arm)): (int(r.events), int(r.n))
        for r in keep.itertuples(index=False)
    }


def comparisons() -> pd.DataFrame:
    """Every two-arm comparison with counts, treated arm against control arm.

    Columns: ``comparison``, ``label``, ``trial``, ``events_treated``, ``n_treated``,
    ``events_control``, ``n_control``, ``follow_up_months``.  MITIGATE is absent: its arm
    sizes and counts were not read.
    """
    wins = _wins_counts()
    other = _confirmed_arms()
    trials = data.load("maintenance_trials")
    months = dict(zip(trials["trial"], trials["follow_up_months"], strict=True))
    rows = []
    for cid, label, trial_name, treated, control in COMPARISONS:
        if trial_name == "WInS":
            (x1, n1), (x2, n2) = wins[treated], wins[control]
        else:
            (x1, n1), (x2, n2) = other[(trial_name, treated)], other[(trial_name, control)]
        rows.append({"comparison": cid, "label": label, "trial": trial_name,
                     "events_treated": x1, "n_treated": n1,
                     "events_control": x2, "n_control": n2,
                     "follow_up_months": int(months[trial_name])})
    return pd.DataFrame(rows)


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


#: The naive pools of the "should these be pooled?" lesson: each a set of comparisons that
#: share no arm, grouped by what a careless reader might call "the same question".
NAIVE_POOLS: dict[str, tuple[str, ...]] = {
    "immunosuppressant": ("wins-im", "wang2020"),
    "any-maintenance": ("wins-both", "masamune", "wang2020"),
}


def naive_pool(name: str, method: synthesis.Method = "REML") -> synthesis.MetaAnalysis:
    """Random-effects pool of one of :data:`NAIVE_POOLS` (log risk ratios).

    >>> naive_pool("any-maintenance").k
    3
    """
    if name not in NAIVE_POOLS:
        raise ValueError(f"name must be one of {sorted(NAIVE_POOLS)}; got {name!r}")
    eff = effects().set_index("comparison").loc[list(NAIVE_POOLS[name])].reset_index()
    return synthesis.pool_risk_ratios(eff, method=method)


_QUESTION_EVIDENCE = {
    "keep-im": "wins-im",
    "keep-gc-on-im": "wins-gc",
    "keep-gc-aip": "masamune",
    "add-lef": "wang2020",
}


def _cohort_counts() -> tuple[int, int, int, int]:
    """Failure of remission induction, GC + IM against GC alone (Wang 2018, Table 2)."""
    table = data.load("induction_by_treatment")
    row = table[table["label"] == "Failure of remission induction"].iloc[0]
    return (int(row["gcim_count"]), int(row["gcim_group_size"]),
            int(row["gc_count"]), int(row["gc_group_size"]))


def _mitigate_percentages() -> tuple[float, float]:
    arms = data.load("maintenance_arms")
    mit = arms[(arms["trial"] == "MITIGATE") & (arms["status"] == "confirmed")]
    pct = dict(zip(mit["role"], mit["percent"], strict=True))
    return float(pct["intervention"]), float(pct["comparator"])


def summary_of_findings() -> pd.DataFrame:
    """The GRADE summary of findings: one row per question, effects and certainty.

    Columns: ``question``, ``title``, ``evidence``, ``design``, ``participants``
    (``None`` when arm sizes were not read), ``risk_ratio``, ``rr_ci_low``,
    ``rr_ci_high`` (interval ``None`` when not computable), ``control_per_1000``,
    ``treated_per_1000``, ``difference_per_1000``, ``difference_low_per_1000``,
    ``difference_high_per_1000``, ``certainty``, ``downgrades`` and ``reasons``.
    The assumed control risk is the control arm's observed risk in the trial (GRADE's
    default when one study informs the question).
    """
    questions = data.load("grade_questions").sort_values("order")
    judgements = data.load("grade_judgements")
    grades = synthesis.summary_of_findings(questions, judgements).set_index("question")
    eff = effects().set_index("comparison")
    rows = []
    for q in questions.itertuples(index=False):
        qid = str(q.question)
        participants: int | None
        if qid in _QUESTION_EVIDENCE:
            e = eff.loc[_QUESTION_EVIDENCE[qid]]
            rr, lo, hi = float(e["risk_ratio"]), float(e["rr_ci_low"]), float(e["rr_ci_high"])
            p0 = float(e["risk_control"])
            participants = int(e["n_treated"]) + int(e["n_control"])
        elif qid == "add-im-cohort":
            te = synthesis.trial_effect("Wang 2018 cohort", *_cohort_counts())
            rr, lo, hi, p0 = te.risk_ratio, te.rr_ci_low, te.rr_ci_high, te.risk_control
            participants = te.n_treated + te.n_control
        elif qid == "b-cell":
            treated_pct, control_pct = _mitigate_percentages()
            rr, lo, hi = treated_pct / control_pct, None, None
            p0 = control_pct / 100
            participants = None
        else:
            raise ValueError(f"no evidence is mapped to question {qid!r}")
        absolute = synthesis.absolute_effect(p0, rr, lo, hi)
        g = grades.loc[qid]
        rows.append({
            "question": qid, "title": q.title, "evidence": q.evidence, "design": q.design,
            "participants": participants, "risk_ratio": rr, "rr_ci_low": lo,
            "rr_ci_high": hi, "control_per_1000": absolute.risk_control_per,
            "treated_per_1000": absolute.risk_treated_per,
            "difference_per_1000": absolute.difference_per,
            "difference_low_per_1000": absolute.difference_low_per,
            "difference_high_per_1000": absolute.difference_high_per,
            "absolute": absolute.describe(),
            "certainty": g["certainty"], "downgrades": int(g["downgrades"]),
            "reasons": g["reasons"],
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# tables for people (human column names, no bare index)
# --------------------------------------------------------------------------------------


def pico_table() -> pd.DataFrame:
    """The trials side by side: design, patients, strategies, outcome and follow-up."""
    t = data.load("maintenance_trials")
    out = pd.DataFrame({
        "Trial": t["trial"],
        "Design": t["design"] + " (" + t["blinding"] + ")",
        "Patients": t["population"],
        "Intervention": t["intervention"],
        "Comparator": t["comparator"],
        "Outcome compared": t["outcome"],
        "Follow-up (months)": t["follow_up_months"].astype(int),
    })
    return out.set_index("Trial")


def effects_table() -> pd.DataFrame:
    """Per-comparison risk ratio, risk difference and odds ratio with 95% intervals."""
    from igg4lib.book import format as fmt

    e = effects()
    rows = []
    for r in e.itertuples(index=False):
        rows.append({
            "Comparison (treated vs control)": r.label,
            "Relapses, treated": fmt.count_of(r.events_treated, r.n_treated),
            "Relapses, control": fmt.count_of(r.events_control, r.n_control),
            "Risk ratio (95% CI)": f"{fmt.number(r.risk_ratio, 2)} "
                                   f"({fmt.interval(r.rr_ci_low, r.rr_ci_high, 2)})",
            "Risk difference, points (95% CI)": (
                f"{fmt.signed(r.risk_difference, 1, 100)} "
                f"({fmt.interval(r.rd_ci_low, r.rd_ci_high, 1, 100)})"),
            "Odds ratio (95% CI)": f"{fmt.number(r.odds_ratio, 2)} "
                                   f"({fmt.interval(r.or_ci_low, r.or_ci_high, 2)})",
        })
    return pd.DataFrame(rows).set_index("Comparison (treated vs control)")


def reported_table() -> pd.DataFrame:
    """What each source prints beyond the counts, with whether the book could read it."""
    r = data.load("maintenance_reported")
    out = pd.DataFrame({
        "Trial": r["trial"], "What": r["label"], "Comparison": r["comparison"],
        "As printed": r["printed"], "Status": r["status"],
    })
    return out.set_index(["Trial", "What"])


def harms_table() -> pd.DataFrame:
    """Harms as each source reports them (or does not)."""
    h = data.load("maintenance_harms")
    out = pd.DataFrame({"Trial": h["trial"], "Harm": h["harm"], "What the text read says":
                        h["printed"], "Status": h["status"]})
    return out.set_index(["Trial", "Harm"])


def grade_table() -> pd.DataFrame:
    """The GRADE summary of findings with human column names, one row per question."""
    from igg4lib.book import format as fmt

    sof = summary_of_findings()
    rows = []
    for r in sof.itertuples(index=False):
        if r.rr_ci_low is None or pd.isna(r.rr_ci_low):
            relative = f"{fmt.number(r.risk_ratio, 2)} (ratio of printed percentages; no interval)"
        else:
            ci = fmt.interval(r.rr_ci_low, r.rr_ci_high, 2)
            relative = f"{fmt.number(r.risk_ratio, 2)} ({ci})"
        rows.append({
            "Question": r.title,
            "Evidence (design)": f"{r.evidence} ({r.design})",
            "Participants": "not read" if r.participants is None or pd.isna(r.participants)
            else fmt.thousands(int(r.participants)),
            "Relative effect, RR (95% CI)": relative,
            "Risk without / with, per 1,000": f"{round(r.control_per_1000):,} / "
                                              f"{round(r.treated_per_1000):,}",
            "Difference per 1,000 (95% CI)": r.absolute.replace(" per 1,000", ""),
            "Certainty": r.certainty,
            "Rated down for": r.reasons,
        })
    return pd.DataFrame(rows).set_index("Question")
