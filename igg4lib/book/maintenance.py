"""Every number the maintenance chapter's prose uses, computed from ``data/``.

>>> f = facts()
>>> f["maintenance_wins_im_rr"]
'0.27'
>>> f["maintenance_cert_keep_im"]
'low'
"""

from __future__ import annotations

import math

import pandas as pd
from scipy import stats as sps

from igg4lib import data, maintenance, readings, synthesis
from igg4lib._validation import validated
from igg4lib.book import format as fmt

__all__ = ["facts"]

_KEY = {"wins-im": "wins_im", "wins-both": "wins_both", "wins-gc": "wins_gc",
        "masamune": "masamune", "wang2020": "wang2020", "mitigate": "mitigate",
        "indigo": "indigo", "mitigate-sae": "mitigate_sae", "indigo-sae": "indigo_sae"}
_Q = {"keep-im": "keep_im", "keep-gc-on-im": "keep_gc_on_im", "keep-gc-aip": "keep_gc_aip",
      "add-lef": "add_lef", "add-im-cohort": "add_im_cohort",
      "b-cell-inebilizumab": "ineb", "b-cell-obexelimab": "obex",
      "sae-inebilizumab": "sae_ineb", "sae-obexelimab": "sae_obex"}


def _ratio(value: float | None) -> str:
    return "not defined" if value is None else fmt.number(value, 2)


@validated
def facts() -> dict[str, object]:
    """The chapter's numbers, keyed ``maintenance_...`` and formatted for the prose."""
    out: dict[str, object] = {}
    put = out.__setitem__

    # --- per-comparison effects
    eff = maintenance.effects()
    for r in pd.concat([eff, maintenance.harm_effects()]).itertuples(index=False):
        k = _KEY.get(r.comparison, str(r.comparison).replace("-", "_"))
        put(f"maintenance_{k}_counts", f"{fmt.count_of(r.events_treated, r.n_treated)} against "
                                       f"{fmt.count_of(r.events_control, r.n_control)}")
        put(f"maintenance_{k}_rr", fmt.number(r.risk_ratio, 2))
        put(f"maintenance_{k}_rr_ci", fmt.interval(r.rr_ci_low, r.rr_ci_high, 2))
        put(f"maintenance_{k}_rd", fmt.signed(r.risk_difference, 1, 100))
        put(f"maintenance_{k}_rd_ci", fmt.interval(r.rd_ci_low, r.rd_ci_high, 1, 100))
        put(f"maintenance_{k}_months", str(int(r.follow_up_months)))
    put("maintenance_n_comparisons", str(len(eff)))

    # --- the WInS reading the book adopts for group 2
    reading = readings.adopted("wins-arm2-relapses")
    arms = data.load("wins_trial_arms")
    put("maintenance_wins_arm2_printed", str(arms.loc[arms["arm"] == 2, "relapse_printed"].iloc[0]))
    put("maintenance_wins_arm2_reading", fmt.count_of(reading.events, reading.n))

    # --- trials: sizes, follow-up, the single-arm rituximab trial, MITIGATE percentages
    tr = data.load("maintenance_trials").set_index("trial")
    put("maintenance_masamune_months", str(int(tr.loc["Masamune 2017", "follow_up_months"])))
    put("maintenance_wang2020_follow", str(int(tr.loc["Wang 2020", "follow_up_months"])))
    put("maintenance_mitigate_months", str(int(tr.loc["MITIGATE", "follow_up_months"])))
    a = data.load("maintenance_arms")
    rtx = a[a["trial"] == "Rituximab open-label trial"].set_index("outcome")
    put("maintenance_rtx_n", str(int(rtx["n"].iloc[0])))
    put("maintenance_rtx_primary", rtx.loc["primary outcome at month 6", "events_printed"])
    cr = sorted(int(o.rsplit(" ", 1)[1]) for o in rtx.index
                if o.startswith("complete remission at month "))
    put("maintenance_rtx_cr_month_a", str(cr[0]))
    put("maintenance_rtx_cr6", fmt.count_of(
        int(rtx.loc[f"complete remission at month {cr[0]}", "events"]), int(rtx["n"].iloc[0])))
    put("maintenance_rtx_cr12", fmt.count_of(
        int(rtx.loc[f"complete remission at month {cr[-1]}", "events"]), int(rtx["n"].iloc[0])))
    put("maintenance_rtx_months", str(cr[-1]))
    rep = data.load("maintenance_reported")
    for trial_name, key in (("MITIGATE", "mitigate"), ("INDIGO", "indigo")):
        rows = rep[(rep["trial"] == trial_name) & (rep["status"] == "confirmed")]
        n_text = str(rows[rows["label"] == "patients randomised"]["printed"].iloc[0])
        put(f"maintenance_{key}_n", next(w for w in n_text.split() if w.isdigit()))
        hr = rows[rows["label"].str.startswith("time to first flare")].iloc[0]
        put(f"maintenance_{key}_hr", f"{fmt.number(hr['estimate'], 2)} "
                                     f"({fmt.interval(hr['ci_low'], hr['ci_high'], 2)})")
        put(f"maintenance_{key}_hr_printed", str(hr["printed"]))
    crude = maintenance.masamune_crude()
    put("maintenance_masamune_printed_p", fmt.p_value(crude["printed_p"]))
    put("maintenance_masamune_printed_rfs_p", fmt.p_value(crude["printed_rfs_p"]))
    put("maintenance_masamune_fisher_p", fmt.p_value(crude["fisher_p"]))
    put("maintenance_masamune_chi2_p", fmt.p_value(crude["chi2_p"]))
    put("maintenance_masamune_yates_p", fmt.p_value(crude["chi2_yates_p"]))
    put("maintenance_masamune_n_kept", str(int(
        a[(a["trial"] == "Masamune 2017") & (a["role"] == "intervention")]["n"].iloc[0])))
    hr = rep[(rep["trial"] == "Wang 2020") & rep["label"].str.startswith("time to relapse")].iloc[0]
    put("maintenance_wang2020_hr", f"{fmt.number(hr['estimate'], 2)} "
                                   f"({fmt.interval(hr['ci_low'], hr['ci_high'], 2)})")

    # --- the naive pools of the lesson
    for name, key in (("any-maintenance", "all"), ("immunosuppressant", "im")):
        ma = maintenance.naive_pool(name, method="REML")
        ex = ma.exp()
        put(f"maintenance_pool_{key}_k", str(ma.k))
        put(f"maintenance_pool_{key}_rr", fmt.number(ex["estimate"], 2))
        put(f"maintenance_pool_{key}_ci", fmt.interval(ex["ci_low"], ex["ci_high"], 2))
        put(f"maintenance_pool_{key}_hksj",
            fmt.ratio_interval(ex["hksj_ci_low"], ex["hksj_ci_high"], 2))
        put(f"maintenance_pool_{key}_tau2", fmt.number(ma.tau2, 2))
        put(f"maintenance_pool_{key}_i2", fmt.percentage(ma.i2, 0))
        put(f"maintenance_pool_{key}_q_p", fmt.p_value(ma.q_p_value))
        put(f"maintenance_pool_{key}_pi",
            "not defined" if ex["pi_low"] is None
            else fmt.interval(ex["pi_low"], ex["pi_high"], 2))
        put(f"maintenance_pool_{key}_t", fmt.number(ma.t_quantile, 1))
        put(f"maintenance_pool_{key}_hksj_factor", fmt.number(ma.hksj_factor, 2))
        low, high = ma.mhksj_ci
        put(f"maintenance_pool_{key}_mhksj",
            fmt.interval(math.exp(low), math.exp(high), 2))
        put(f"maintenance_pool_{key}_z", fmt.number(float(sps.norm.isf(0.025)), 2))
        dl = maintenance.naive_pool(name, method="DL").exp()["estimate"]
        pm = maintenance.naive_pool(name, method="PM").exp()["estimate"]
        put(f"maintenance_pool_{key}_dl", _ratio(dl))
        put(f"maintenance_pool_{key}_pm", _ratio(pm))
    pool_all = maintenance.naive_pool("any-maintenance", method="REML")
    put("maintenance_pool_all_pi_t", fmt.number(float(sps.t.isf(0.025, pool_all.k - 2)), 1))

    # --- GRADE summary of findings
    sof = maintenance.summary_of_findings().set_index("question")
    for qid in sof.index:
        key = _Q.get(qid, qid.replace("-", "_"))
        r = sof.loc[qid]
        put(f"maintenance_cert_{key}", str(r["certainty"]))
        put(f"maintenance_abs_{key}", str(r["absolute"]))
        put(f"maintenance_ctrl_{key}", fmt.thousands(round(float(r["control_per_1000"]))))
        put(f"maintenance_trt_{key}", fmt.thousands(round(float(r["treated_per_1000"]))))
    put("maintenance_per", fmt.thousands(synthesis.PER_PATIENTS))
    for key, value in maintenance.prisma_counts().items():
        put(f"maintenance_prisma_{key}", str(value))
    keep_im = sof.loc["keep-im"]
    difference = abs(float(keep_im["difference_per_1000"]))
    put("maintenance_nnt_keep_im", str(math.ceil(synthesis.PER_PATIENTS / difference)))
    ois = synthesis.optimal_information_size(0.5)  # the defaults, for the prose
    put("maintenance_ois_rrr", fmt.percentage(synthesis.OIS_RRR, 0))
    put("maintenance_ois_alpha", fmt.number(synthesis.OIS_ALPHA, 2))
    put("maintenance_ois_power", fmt.percentage(synthesis.OIS_POWER, 0))
    put("maintenance_rr_benefit", fmt.number(synthesis.APPRECIABLE_BENEFIT, 2))
    put("maintenance_rr_harm", fmt.number(synthesis.APPRECIABLE_HARM, 2))
    del ois
    imp = maintenance.imprecision_table().set_index("question")
    for qid in imp.index:
        key = _Q.get(qid, qid.replace("-", "_"))
        r = imp.loc[qid]
        put(f"maintenance_ois_{key}", fmt.thousands(int(r["ois_patients"])))
        put(f"maintenance_patients_{key}", fmt.thousands(int(r["patients"])))

    # --- the two B-cell trials: pooled or not
    for measure, key in (("hazard ratio", "hr"), ("risk ratio", "rr")):
        ma = maintenance.b_cell_meta(measure)
        pool = maintenance.b_cell_pool(measure).set_index("label")
        fixed = pool.loc["Fixed effect (inverse variance)"]
        put(f"maintenance_bcell_{key}_fixed",
            f"{fmt.number(fixed['ratio'], 2)} "
            f"({fmt.interval(fixed['ci_low'], fixed['ci_high'], 2)})")
        ex = ma.exp()
        put(f"maintenance_bcell_{key}_re", fmt.number(ex["estimate"], 2))
        put(f"maintenance_bcell_{key}_re_ci", fmt.interval(ex["ci_low"], ex["ci_high"], 2))
        put(f"maintenance_bcell_{key}_hksj",
            fmt.ratio_interval(ex["hksj_ci_low"], ex["hksj_ci_high"], 2))
        put(f"maintenance_bcell_{key}_tau2", fmt.number(ma.tau2, 2))
        put(f"maintenance_bcell_{key}_i2", fmt.percentage(ma.i2, 0))
        put(f"maintenance_bcell_{key}_q", fmt.number(ma.q, 1))
        put(f"maintenance_bcell_{key}_q_p", fmt.p_value(ma.q_p_value))
        put(f"maintenance_bcell_{key}_t", fmt.number(ma.t_quantile, 1))
        put(f"maintenance_bcell_{key}_factor", fmt.number(ma.hksj_factor, 2))
    ma = maintenance.b_cell_meta("risk ratio")
    ex = ma.exp()
    for cid, key in (("mitigate", "mitigate"), ("indigo", "indigo")):
        p0 = float(eff.set_index("comparison").loc[cid, "risk_control"])
        pooled = synthesis.absolute_effect(p0, ex["estimate"], ex["ci_low"], ex["ci_high"])
        put(f"maintenance_bcell_abs_{key}", pooled.describe())
        put(f"maintenance_bcell_ctrl_{key}", fmt.thousands(round(pooled.risk_control_per)))
    both = eff.set_index("comparison").loc["wins-both"]
    put("maintenance_trt_wins_both",
        fmt.thousands(round(1000 * float(both["events_treated"]) / float(both["n_treated"]))))
    put("maintenance_n_questions", str(len(sof)))
    return out
