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
from typing import Literal

import pandas as pd
from pandas.io.formats.style import Styler

from igg4lib import data, readings, synthesis, trial
from igg4lib._validation import InvalidArgument, StrictFlag, Text, validated

__all__ = [
    "COMPARISONS",
    "certainty_if_counts_confirmed",
    "comparisons",
    "effects",
    "effects_table",
    "grade_details_table",
    "grade_table",
    "harms_table",
    "naive_pool",
    "pico_table",
    "reported_table",
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


@validated
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


@validated
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
        described = absolute.describe()
        if g["certainty"] == synthesis.NOT_GRADED:
            described = (described.replace(" (interval not available)", "")
                         + " (no interval: printed percentages, counts unconfirmed)")
        rows.append({
            "question": qid, "title": q.title, "evidence": q.evidence, "design": q.design,
            "participants": participants, "risk_ratio": rr, "rr_ci_low": lo,
            "rr_ci_high": hi, "control_per_1000": absolute.risk_control_per,
            "treated_per_1000": absolute.risk_treated_per,
            "difference_per_1000": absolute.difference_per,
            "difference_low_per_1000": absolute.difference_low_per,
            "difference_high_per_1000": absolute.difference_high_per,
            "absolute": described,
            "certainty": g["certainty"],
            "downgrades": None if pd.isna(g["downgrades"]) else int(g["downgrades"]),
            "reasons": g["reasons"],
        })
    return pd.DataFrame(rows)


@validated
def certainty_if_counts_confirmed(question: Text = "b-cell", *,
                                  own_question: StrictFlag = False) -> str:
    """The certainty an ungraded question would get once its counts are confirmed.

    The question's recorded judgements are kept; imprecision follows the one rule of the
    judgement data (:func:`igg4lib.synthesis.below_information_size`), applied to the
    patients randomised, which bound the number of events from above.  With
    ``own_question=True`` the question is taken as the trial's own (inebilizumab against
    placebo for flares) and the indirectness for the maintenance question is dropped.

    >>> certainty_if_counts_confirmed(), certainty_if_counts_confirmed(own_question=True)
    ('low', 'moderate')
    """
    questions = data.load("grade_questions").set_index("question")
    if question not in questions.index:
        raise InvalidArgument(
            f"certainty_if_counts_confirmed: argument 'question' got {question!r}; expected "
            f"one of the questions of grade_questions: {', '.join(questions.index)}"
        )
    q = questions.loc[question]
    if not (isinstance(q["not_graded"], str) and q["not_graded"].strip()):
        raise InvalidArgument(
            f"certainty_if_counts_confirmed: argument 'question' got {question!r}; expected "
            "a question that is not graded (this one is graded already; see "
            "summary_of_findings())"
        )
    if question != "b-cell":
        raise InvalidArgument(
            f"certainty_if_counts_confirmed: argument 'question' got {question!r}; expected "
            "a question with a confirmed patient count (only 'b-cell' has one)"
        )
    judged = data.load("grade_judgements")
    judged = judged[judged["question"] == question]
    downs = {str(r.domain): int(r.downgrade) for r in judged.itertuples(index=False)}
    if own_question:
        downs["indirectness"] = 0
    rep = data.load("maintenance_reported")
    row = rep[(rep["trial"] == "MITIGATE") & (rep["label"] == "patients randomised")
              & (rep["status"] == "confirmed")]
    patients = int("".join(ch for ch in str(row["printed"].iloc[0]) if ch.isdigit()))
    downs["imprecision"] = int(synthesis.below_information_size(patients))
    return synthesis.certainty(str(q["design"]), downs)


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
        caption="Every randomised comparison with counts on one scale, with 95% Wald "
        "intervals; a negative risk difference means fewer relapses with the first-named "
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
    """The GRADE summary of findings in two columns, so that it reads at phone width.

    One row per question: relapses per 1,000 without and with the first-named strategy, the
    difference with its interval, and the certainty.  The evidence, the relative effect and
    the reasons for each downgrade are in :func:`grade_details_table`.

    >>> grade_table().data.iloc[0].item()
    '521 → 143; 378 fewer (453 fewer to 222 fewer); certainty low'
    """
    sof = summary_of_findings()
    shown = pd.DataFrame({
        "title": sof["title"],
        "effect": [f"{round(a):,} → {round(b):,}; {str(d).replace(' per 1,000', '')}; "
                   f"certainty {c}"
                   for a, b, d, c in zip(sof["control_per_1000"], sof["treated_per_1000"],
                                         sof["absolute"], sof["certainty"], strict=True)],
    })
    return _table(
        shown,
        {"title": "Question",
         "effect": "Relapses per 1,000 without → with; difference (95% CI); certainty"},
        caption="GRADE summary of findings: what each strategy changes, per 1,000 patients, "
        "and how certain it is. The risk without is the comparator arm's risk in the trial.",
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
        if r.rr_ci_low is None or pd.isna(r.rr_ci_low):
            relative = (f"risk ratio {fmt.number(r.risk_ratio, 2)} (a ratio of printed "
                        "percentages, no interval)")
        else:
            relative = (f"risk ratio {fmt.number(r.risk_ratio, 2)} "
                        f"({fmt.interval(r.rr_ci_low, r.rr_ci_high, 2)})")
        participants = ("Arm sizes not read" if r.participants is None
                        or pd.isna(r.participants)
                        else f"{fmt.thousands(int(r.participants))} participants")
        if r.certainty == synthesis.NOT_GRADED:
            judged = f"Certainty {r.reasons}"
        else:
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
