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
import pandera.pandas as pa

from igg4lib import data, readings, risk
from igg4lib import riskcohort as rc
from igg4lib._validation import (
    Frame,
    InvalidArgument,
    count_column,
    frame_schema,
    real_column,
    rows_ordered,
    text_column,
    validated,
)
from igg4lib.book import _reading_lines, display
from igg4lib.book import format as fmt

__all__ = ["cutoffs_table", "factor_rows", "facts", "score_table"]

#: Short names of the sources the cut-off table cites (the prose cites them in full).
_SOURCE_NAMES = {
    "wang2018": "the cohort paper",
    "scirep2019eosinophilia": "the eosinophilia report",
}

#: The Fig 3c groups in words.
_GROUP_NAMES = {"0": "none", "1": "1", "2": "2", "3-4": "3 or 4"}

#: The rows of Table 3 that :func:`factor_rows` looks up (a missing ``section`` is a row
#: outside a section).
_TABLE3 = frame_schema({"group": text_column(), "section": text_column(nullable=True),
                        "label": text_column()})


#: The cut-offs of :class:`igg4lib.risk.RiskCutoffs`, as the reference table names them.
_FIELDS = ("eosinophils_above_1e9_per_l", "ri_above", "organs_at_least")


def _cutoff_is_valid(field: object, value: object) -> bool:
    """Whether :class:`igg4lib.risk.RiskCutoffs` accepts ``value`` for ``field``."""
    try:
        value = float(value)  # type: ignore[arg-type]
        if field in ("ri_above", "organs_at_least") and value.is_integer():
            value = int(value)
        risk.RiskCutoffs(**{str(field): value})
    except (TypeError, ValueError):
        return False
    return True


def _cutoffs_accepted(df: pd.DataFrame) -> pd.Series:
    """Each row's value is a cut-off its field accepts (a row whose field or value is
    refused by its own column is left to that column)."""
    if "field" not in df or "value" not in df:
        return pd.Series(True, index=df.index)
    value = pd.to_numeric(df["value"], errors="coerce")
    usable = df["field"].isin(_FIELDS) & value.notna()
    return pd.Series([not u or _cutoff_is_valid(f, v) for u, f, v in
                      zip(usable, df["field"], value, strict=True)], index=df.index, dtype=bool)


#: The reference table of cut-offs (``data/reference/induction_risk_cutoffs.csv``).
_CUTOFFS = frame_schema(
    {"factor": text_column(unique=True), "field": text_column(isin=_FIELDS, unique=True),
     "value": real_column(minimum=0), "unit": text_column(),
     "status": text_column(isin=["printed", "assumed by the book"]),
     "source": text_column(isin=list(_SOURCE_NAMES)),
     "location": text_column(), "printed": text_column()},
    checks=[pa.Check(_cutoffs_accepted,
                     error="a value the field accepts as a cut-off (RiskCutoffs: eosinophils "
                           f"> 0 and <= {risk.MAX_LEUKOCYTES_1E9_PER_L:g} x 10^9/L, a whole RI "
                           f"from 0 to {risk.MAX_RI}, a whole number of organs from 2 to "
                           f"{risk.MAX_ORGANS})")],
)


def _advice_is_for_its_group(df: pd.DataFrame) -> pd.Series:
    """``min_count`` is the lowest count of the row's Fig 3c group."""
    if "group" not in df or "min_count" not in df:
        return pd.Series(True, index=df.index)
    low = df["group"].map(lambda g: risk.COUNT_GROUPS.get(g, (None,))[0]
                          if isinstance(g, str) else None)
    count = pd.to_numeric(df["min_count"], errors="coerce")
    return low.isna() | count.isna() | (count == low)


#: The Fig 3c groups of :func:`igg4lib.riskcohort.fig3c_groups` as the score table reads
#: them.
_GROUPS = frame_schema(
    {"group": text_column(isin=list(_GROUP_NAMES), unique=True),
     "min_count": count_column(maximum=len(risk.RISK_FACTORS)),
     "n_patients": count_column(minimum=1), "failures": count_column(),
     **{c: real_column(minimum=0, maximum=1) for c in ("risk", "ci_low", "ci_high")}},
    checks=[rows_ordered(("failures", "n_patients"), ("ci_low", "risk", "ci_high")),
            pa.Check(_advice_is_for_its_group,
                     error="min_count = the lowest count of the group (0, 1, 2, 3 for 3-4)")],
)


@validated(frames={"table3": _TABLE3})
def factor_rows(table3: Frame) -> dict[str, pd.Series]:
    """The Table 3 rows (GC monotherapy) of the four factors of the count.

    >>> rows = factor_rows(data.load("induction_risk_factors"))
    >>> round(float(rows["eos"]["odds_ratio"]), 2)
    7.27
    """
    gc3 = table3.loc[table3["group"] == "GC monotherapy"]
    section = gc3["section"].fillna("")
    wanted = {
        "eos": gc3["label"] == "Eosinophilia",
        "ri": (section == "RI") & gc3["label"].str.startswith("Fourth"),
        "organs": (section == "Number of organs involved") & (gc3["label"] == "≥ 5"),
        "dacryo": gc3["label"] == "Dacryoadenitis",
    }
    missing = [key for key, rows in wanted.items() if not rows.any()]
    if missing:
        raise InvalidArgument(
            f"factor_rows: argument 'table3' has no GC monotherapy row for {missing}; expected "
            "Table 3 with the rows Eosinophilia, RI fourth quartile, ≥ 5 organs and "
            "Dacryoadenitis")
    return {key: gc3.loc[rows].iloc[0] for key, rows in wanted.items()}


@validated(frames={"cutoffs": _CUTOFFS})
def cutoffs_table(cutoffs: Frame | None = None):
    """The cut-offs of the score, printed or assumed, as a table for people.

    ``cutoffs`` is the reference table ``induction_risk_cutoffs`` (the default); each value
    must be a cut-off :class:`igg4lib.risk.RiskCutoffs` accepts, each source one the table
    has a short name for.

    >>> t = cutoffs_table()
    >>> list(t.data.columns)
    ['Risk factor', "The book's cut-off", 'Status', 'Basis (where the value comes from)']
    """
    frame = data.load("induction_risk_cutoffs") if cutoffs is None else cutoffs
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


@validated(frames={"groups": _GROUPS})
def score_table(groups: Frame, *, threshold: risk.Threshold = 3):
    """The score as a look-up table: failure risk by number of factors, and the advice.

    Four short columns, so that it reads on a phone.

    >>> t = score_table(rc.fig3c_groups())
    >>> t.data.iloc[-1].tolist()
    ['3 or 4', '5 of 7', '71 (36 to 92)', 'consider GC + IM']
    """
    shown = pd.DataFrame({
        "factors": groups["group"].map(_GROUP_NAMES),
        "failed": [f"{int(f)} of {int(n)}" for f, n in zip(groups["failures"], groups["n_patients"],
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
    f.update(_reading_lines("risk_account_fig3c", "fig3c-groups"))
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


@validated
def facts() -> dict[str, object]:
    """The risk chapter's facts, keyed ``risk_...``."""
    return dict(_facts())
