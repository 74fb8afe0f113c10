"""Every number the risk chapter (``chapters/risk.md``) states, and the tables it shows.

The chapter glues these facts in one removed cell (``glue_facts("risk")``). Floats are
left as numbers where the chapter formats them with a glue format spec; phrases are
strings. The account of Fig 3c is taken from :mod:`igg4lib.readings` (question
``fig3c-groups``); the cut-offs the book assumes come from
``data/reference/induction_risk_cutoffs.csv``. How the group counts and the 2x2 tables
are recovered from the printed numbers is the forensics chapter's
(:mod:`igg4lib.book.forensics`).

>>> f = facts()
>>> f["risk_n_meas"], f["risk_k3_n"]
(66, 7)
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from igg4lib import data, readings, risk
from igg4lib import riskcohort as rc
from igg4lib.book import display
from igg4lib.book import format as fmt

__all__ = ["cutoffs_table", "factor_rows", "facts", "score_table"]

#: Short names of the sources the cut-off table cites (the prose cites them in full).
_SOURCE_NAMES = {
    "wang2018": "the cohort paper",
    "scirep2019eosinophilia": "the eosinophilia report",
}

#: The Fig 3c groups in words.
_GROUP_NAMES = {"0": "none", "1": "1", "2": "2", "3-4": "3 or 4"}


def factor_rows(table3: pd.DataFrame) -> dict[str, pd.Series]:
    """The Table 3 rows (GC monotherapy) of the four factors of the count."""
    gc3 = table3.loc[table3["group"] == "GC monotherapy"]
    return {
        "eos": gc3.loc[gc3["label"] == "Eosinophilia"].iloc[0],
        "ri": gc3.loc[(gc3["section"] == "RI") & gc3["label"].str.startswith("Fourth")].iloc[0],
        "organs": gc3.loc[(gc3["section"] == "Number of organs involved")
                          & (gc3["label"] == "≥ 5")].iloc[0],
        "dacryo": gc3.loc[gc3["label"] == "Dacryoadenitis"].iloc[0],
    }


def cutoffs_table(cutoffs: pd.DataFrame | None = None):
    """The cut-offs of the score, printed or assumed, as a table for people.

    >>> t = cutoffs_table()
    >>> list(t.data.columns)
    ['Risk factor', "The book's cut-off", 'Status', 'Basis (where the value comes from)']
    """
    frame = data.load("induction_risk_cutoffs") if cutoffs is None else cutoffs
    unknown = sorted(set(frame["source"]) - set(_SOURCE_NAMES))
    if unknown:
        raise ValueError(f"cutoffs cite sources without a short name: {unknown}")
    unit = frame["unit"].str.replace("x 10^9/L", "× 10⁹/L", regex=False)
    shown = pd.DataFrame({
        "factor": [f[:1].upper() + f[1:] for f in frame["factor"]],
        "cutoff": [("above " if f.endswith("_above_1e9_per_l") or f.endswith("_above")
                    else "at least ") + f"{v:g} {u}"
                   for f, v, u in zip(frame["field"], frame["value"], unit, strict=True)],
        "status": frame["status"],
        "basis": [f"{loc} of {_SOURCE_NAMES[s]}: “{p}”" for loc, s, p in
                  zip(frame["location"], frame["source"], frame["printed"], strict=True)],
    })
    return display.table(
        shown,
        {"factor": "Risk factor", "cutoff": "The book's cut-off", "status": "Status",
         "basis": "Basis (where the value comes from)"},
        caption="Where a finding becomes a risk factor: printed in the paper or assumed by "
        "the book",
    )


def score_table(groups: pd.DataFrame, *, threshold: int = 3):
    """The score as a look-up table: failure risk by number of factors, and the advice.

    Four short columns, so that it reads on a phone.

    >>> t = score_table(rc.fig3c_groups())
    >>> t.data.iloc[-1].tolist()
    ['3 or 4', '5 of 7', '71 (36 to 92)', 'consider GC + IM']
    """
    shown = pd.DataFrame({
        "factors": groups["group"].map(_GROUP_NAMES),
        "failed": [f"{f} of {n}" for f, n in zip(groups["failures"], groups["n_patients"],
                                                  strict=True)],
        "risk": [f"{100 * r:.0f} ({100 * lo:.0f} to {100 * hi:.0f})" for r, lo, hi in
                 zip(groups["risk"], groups["ci_low"], groups["ci_high"], strict=True)],
        "advice": ["consider GC + IM" if risk.treatment_advice(int(k), threshold=threshold)
                   .consider_combination else "GC alone" for k in groups["min_count"]],
    })
    return display.table(
        shown,
        {"factors": "Risk factors", "failed": "Failed induction (patients)",
         "risk": "Failure risk, % (95% CI)", "advice": "Paper's suggestion"},
        caption="Failure of induction with a glucocorticoid alone by number of risk factors "
        "(Fig 3c, group sizes inferred by the book; Wilson intervals)",
    )


@cache
def _facts() -> dict[str, object]:
    t1 = data.load("induction_baseline").set_index("label")
    t2 = data.load("induction_by_treatment").set_index("label")
    t3 = data.load("induction_risk_factors")
    outcome = t2.loc["Failure of remission induction"]
    n_gc, n_gc_fail = int(outcome["gc_group_size"]), int(outcome["gc_count"])
    f: dict[str, object] = {"risk_n_gc": n_gc, "risk_n_gc_fail": n_gc_fail}

    for key, row in factor_rows(t3).items():
        f[f"risk_or_{key}"] = float(row["odds_ratio"])
        f[f"risk_or_{key}_low"] = float(row["ci_low"])
        f[f"risk_or_{key}_high"] = float(row["ci_high"])

    # cut-offs: printed or assumed
    ri = t1.loc["IgG4-RD RI"]
    f["risk_ri_median"], f["risk_ri_q1"], f["risk_ri_q3"] = (
        int(ri["median"]), int(ri["q1"]), int(ri["q3"]))
    cut = risk.DEFAULT_CUTOFFS
    f["risk_cut_ri"] = cut.ri_above
    f["risk_cut_eos"] = fmt.number(cut.eosinophils_above_1e9_per_l, 1)
    f["risk_cut_organs"] = cut.organs_at_least
    f["risk_eos_gc_median"] = float(t2.at["Eosinophils (%)", "gc_median"])

    # the groups the score rests on: the book's reading of Fig 3c
    book = readings.adopted("fig3c-groups")
    f["risk_account_fig3c"] = readings.account("fig3c-groups")
    f["risk_n_meas"], f["risk_f_meas"] = int(book.n), int(book.events)
    f["risk_n_unmeasured"] = n_gc - int(book.n)
    groups = rc.fig3c_groups()
    for k in range(5):
        fr = risk.failure_risk(k, groups)
        f[f"risk_k{k}_pct"] = 100 * fr.risk
        f[f"risk_k{k}_low"] = 100 * fr.ci_low
        f[f"risk_k{k}_high"] = 100 * fr.ci_high
        f[f"risk_k{k}_n"] = fr.n_patients
        f[f"risk_k{k}_f"] = fr.failures

    # the rule and its performance
    rule = risk.rule_performance(groups, threshold=3)
    f["risk_rule_threshold"] = rule.threshold
    f["risk_rule_flagged"] = rule.flagged
    f["risk_rule_missed"] = rule.failures_missed
    f["risk_rule_sens_pct"] = 100 * rule.sensitivity.estimate
    f["risk_rule_sens_low"] = 100 * rule.sensitivity.ci_low
    f["risk_rule_sens_high"] = 100 * rule.sensitivity.ci_high
    f["risk_rule_spec_pct"] = 100 * rule.specificity.estimate
    auc = risk.grouped_auc(groups)
    f["risk_auc"], f["risk_auc_low"], f["risk_auc_high"] = auc.auc, auc.ci_low, auc.ci_high
    f["risk_n_combinations"] = 2 ** len(risk.RISK_FACTORS)
    return f


def facts() -> dict[str, object]:
    """The risk chapter's facts, keyed ``risk_...``."""
    return dict(_facts())
