"""Every number of the WInS chapter (``chapters/wins.md``), computed from ``data/`` and formatted.

The chapter glues :func:`facts` in one removed cell. Differences always carry their
direction in the key and the prose ("group 1 minus group 2"), and are printed by
:func:`igg4lib.book.format.signed` and :func:`igg4lib.book.format.interval`, so a sign
cannot flip between two sentences.

>>> f = facts()
>>> f["wins_rd_23"], f["wins_rd_ci_23"]
('+2.0', '-11.9 to 16.0 points')
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from igg4lib import data, readings, stats, trial
from igg4lib.book import format as fmt

__all__ = [
    "ALT_MARGIN",
    "NI_ALPHA",
    "NI_SIMS",
    "SCEPTICAL_OR_BOUNDS",
    "facts",
    "noninferiority_design",
    "sceptical_posteriors",
]

#: Odds-ratio bounds of the two sceptical priors on the effect: 95% of the prior's mass
#: on odds ratios between 1/bound and bound (moderately, then strongly sceptical).
SCEPTICAL_OR_BOUNDS: tuple[float, float] = (3.0, 2.0)
#: One-sided alpha, simulated trials per design, and the clinically motivated smaller
#: margin (a proportion) of the non-inferiority design; the reader is invited to change them.
NI_ALPHA = 0.025
NI_SIMS = 100_000
ALT_MARGIN = 0.05
#: Margins (proportions) at which the posterior probability of a larger reduction is given.
MARGINS: tuple[float, ...] = (0.0, 0.1, 0.2)

_QUESTION = "wins-arm2-relapses"
_PAIRS = ("12", "13", "23")


def _points(value: float) -> str:
    """A proportion as percentage points, one decimal."""
    return fmt.number(100 * value, 1)


def _pct(value: float, digits: int = 1) -> str:
    return fmt.percentage(value, digits)


def _ci_points(low: float, high: float) -> str:
    return fmt.interval(low, high, scale=100, unit=" points")


@cache
def _counts() -> pd.DataFrame:
    return trial.wins_analysis_counts()


def _arm(k: int) -> tuple[int, int]:
    row = _counts().iloc[k - 1]
    return int(row["events"]), int(row["n"])


@cache
def _pairs() -> pd.DataFrame:
    return trial.pairwise_comparisons(_counts())


@cache
def sceptical_posteriors() -> tuple[trial.EffectPriorPosterior, ...]:
    """Group 1 against group 2 under each sceptical prior on the log odds ratio."""
    (x1, n1), (x2, n2) = _arm(1), _arm(2)
    return tuple(
        trial.sceptical_effect_posterior(
            x1, n1, x2, n2, prior_sd_log_or=trial.sceptical_prior_sd(bound), margins=MARGINS)
        for bound in SCEPTICAL_OR_BOUNDS
    )


@cache
def noninferiority_design() -> dict[str, object]:
    """The margin, control risk, sample sizes and simulated power of the chapter's design."""
    pairs = _pairs()
    benefit = float(pairs.loc[1, "rd_ci_low"])  # group 1 minus group 3, lower 95% limit
    margin = round(0.5 * benefit, 3)
    x3, n3 = _arm(3)
    p_control = x3 / n3
    n_80 = trial.noninferiority_sample_size(p_control, p_control, margin, alpha=NI_ALPHA,
                                            power=0.8)
    n_90 = trial.noninferiority_sample_size(p_control, p_control, margin, alpha=NI_ALPHA,
                                            power=0.9)
    grid = sorted({*range(50, 401, 25), n_80, n_90})
    power = trial.simulate_noninferiority_power(p_control, p_control, grid, margin,
                                                alpha=NI_ALPHA, n_sims=NI_SIMS)
    size = trial.simulate_noninferiority_power(p_control, p_control + margin, n_80, margin,
                                               alpha=NI_ALPHA)
    table = trial.noninferiority_margin_table(p_control, [margin, ALT_MARGIN], alpha=NI_ALPHA,
                                              n_sims=NI_SIMS)
    return {"benefit": benefit, "margin": margin, "p_control": p_control, "n_80": n_80,
            "n_90": n_90, "power": power, "size_check": size, "margin_table": table}


def _registry() -> dict[str, str]:
    crit = data.load("wins_registry_criteria").set_index("item")

    def threshold(item: str) -> str:
        row = crit.loc[item]
        words = {"<": "below", "<=": "at most", ">": "more than", ">=": "at least"}
        value = float(row["value"])
        text = fmt.number(value, 0 if value.is_integer() else 1)
        return f"{words[row['operator']]} {text} {row['unit']}"

    def up_to(item: str, name: str) -> str:
        row = crit.loc[item]
        if row["operator"] != "<=":
            raise ValueError(
                f"registry item {item!r} must be an upper limit, got {row['operator']}"
            )
        value = float(row["value"])
        return f"{name} up to {fmt.number(value, 0 if value.is_integer() else 1)} {row['unit']}"

    drugs = crit[(crit["criterion"] == "immunosuppressant") & (crit["unit"] != "months")
                 & (crit["kind"] == "inclusion")]
    limits = [up_to(item, item) for item in drugs.index]
    one_im = crit.loc["number of immunosuppressants"]
    return {
        "wins_reg_ri": threshold("responder index"),
        "wins_reg_stable": threshold("time with stable disease").replace("1 years", "1 year"),
        "wins_reg_gc": threshold("prednisone (or equivalent) dose"),
        "wins_reg_gc_time": threshold("time on that dose"),
        "wins_reg_im_time": threshold("time on the same dose"),
        "wins_reg_im_limits": ", ".join(limits[:-1]) + " or " + limits[-1],
        "wins_reg_im_n_drugs": str(len(limits)),
        "wins_reg_im_max": str(int(one_im["value"]) - 1),
        "wins_reg_biologic": " ".join((
            fmt.number(float(crit.loc["time since a biological agent", "value"]), 0),
            str(crit.loc["time since a biological agent", "unit"]),
        )),
    }


def _design() -> dict[str, str]:
    design = data.load("wins_design").set_index("item")
    n_arms = len(data.load("wins_trial_arms"))
    ratio = int(design.loc["allocation ratio", "value"])

    def months(item: str) -> str:
        return f"{fmt.number(float(design.loc[item, 'value']), 0)} {design.loc[item, 'unit']}"

    return {
        "wins_quiescent": months("quiescent disease before randomisation"),
        "wins_followup": months("follow-up for the primary outcome"),
        "wins_ratio": ":".join([str(ratio)] * n_arms),
        "wins_n_arms": str(n_arms),
    }


def _published_and_reading() -> dict[str, object]:
    arms = data.load("wins_trial_arms")
    counts = _counts()
    out: dict[str, object] = {"wins_n_total": int(arms["n_randomised"].sum())}
    for k in (1, 2, 3):
        row = arms.iloc[k - 1]
        out[f"wins_n_{k}"] = int(row["n_randomised"])
        out[f"wins_printed_{k}"] = str(row["relapse_printed"])
        out[f"wins_label_{k}"] = str(row["label"])
        out[f"wins_x_{k}"] = int(counts.loc[k - 1, "events"])
        out[f"wins_basis_{k}"] = str(counts.loc[k - 1, "basis"])
    adopted, *others = readings.readings_of(_QUESTION)
    alternative = [r for r in others if r.status == "alternative"]
    ruled_out = [r for r in others if r.status == "ruled out"]
    out["wins_reading_adopted"] = adopted.statement
    out["wins_reading_adopted_why"] = adopted.reasoning
    out["wins_reading_alternative"] = " ".join(f"{r.statement} {r.reasoning}" for r in alternative)
    out["wins_reading_ruled_out"] = " ".join(f"{r.statement} {r.reasoning}" for r in ruled_out)
    printed = float(arms.iloc[1]["relapse_percent"])
    x2, n2 = _arm(2)
    fit = trial.consistent_event_counts(printed, n2)
    if fit.nearest_count != x2:
        raise ValueError(
            f"the adopted reading ({x2}) is not the nearest count ({fit.nearest_count})"
        )
    out["wins_analysed_pct_2"] = fmt.percent(x2, n2)
    out["wins_km_max_2"] = fit.kaplan_meier_max_events
    out["wins_x_2_plus"] = x2 + 1
    return out


def _effects() -> dict[str, object]:
    out: dict[str, object] = {}
    for key, row in zip(_PAIRS, _pairs().itertuples(), strict=True):
        out[f"wins_rd_{key}"] = fmt.signed(row.risk_difference, scale=100)
        out[f"wins_rd_ci_{key}"] = _ci_points(row.rd_ci_low, row.rd_ci_high)
        out[f"wins_rd_abs_{key}"] = _points(abs(row.risk_difference))
        out[f"wins_rr_{key}"] = fmt.number(row.risk_ratio, 2)
        out[f"wins_rr_ci_{key}"] = fmt.interval(row.rr_ci_low, row.rr_ci_high, digits=2)
        out[f"wins_or_{key}"] = fmt.number(row.odds_ratio, 1)
        out[f"wins_or_ci_{key}"] = fmt.interval(row.or_ci_low, row.or_ci_high, digits=1)
        out[f"wins_nnt_{key}"] = row.nnt_text
        out[f"wins_nnt_{key}_ceil"] = math.ceil(row.nnt) if math.isfinite(row.nnt) else "∞"
        out[f"wins_p_{key}"] = fmt.p_clause(row.p_fisher)
        out[f"wins_padj_{key}"] = fmt.p_clause(row.p_fisher_adjusted)
    for k in (1, 2, 3):
        x, n = _arm(k)
        ci = stats.wilson_ci(x, n)
        out[f"wins_wilson_{k}"] = fmt.interval(ci.ci_low, ci.ci_high, digits=0, scale=100,
                                               unit="%")
    return out


def _sensitivity() -> dict[str, object]:
    counts = _counts()
    labels = list(counts["arm"])
    x2 = _arm(2)[0]
    fit = trial.consistent_event_counts(float(counts.loc[1, "printed_pct"]), _arm(2)[1])
    readings_2 = [fit.kaplan_meier_max_events, x2, x2 + 1]
    sens = trial.sensitivity_to_count(counts, arm=labels[1], counts=readings_2, margin=0.2)
    sens_23 = trial.sensitivity_to_count(counts, arm=labels[1], counts=readings_2,
                                         reference=labels[2], margin=0.0,
                                         arm_minus_reference=True)
    return {
        "wins_sens_rd_range": fmt.interval(sens["risk_difference"].min(),
                                           sens["risk_difference"].max(), scale=100,
                                           unit=" points"),
        "wins_sens_fi_range": f"{int(sens['fragility_index'].min())} to "
                              f"{int(sens['fragility_index'].max())}",
        "wins_sens_pmax": fmt.p_clause(sens["p_fisher_adjusted"].max()),
        "wins_sens23_span": _ci_points(sens_23["rd_ci_low"].min(), sens_23["rd_ci_high"].max()),
    }


def _fragility() -> dict[str, object]:
    bench = data.load("wins_fragility_benchmark").set_index("item")["value"]
    out: dict[str, object] = {
        "wins_fi_walsh_median": int(bench["median fragility index"]),
        "wins_fi_walsh_size": fmt.thousands(int(bench["median sample size"])),
        "wins_fi_walsh_trials": int(bench["trials reviewed"]),
    }
    for key, r in zip(_PAIRS, _pairs().itertuples(), strict=True):
        out[f"wins_fi_{key}"] = trial.fragility_index(r.x1, r.n1, r.x2, r.n2)
    return out


def _bayes() -> dict[str, object]:
    (x1, n1), (x2, n2), (x3, n3) = _arm(1), _arm(2), _arm(3)
    out: dict[str, object] = {}
    for m in MARGINS:
        r = trial.risk_difference_posterior(x1, n1, x2, n2, margin=m)
        out[f"wins_bayes_12_m{round(100 * m)}"] = fmt.probability(r.prob_exceeds_margin)
    out["wins_bayes_12_cri"] = _ci_points(r.cri_low, r.cri_high)
    out["wins_margin_mid"] = _points(MARGINS[1]).removesuffix(".0")
    out["wins_margin_high"] = _points(MARGINS[2]).removesuffix(".0")
    for m in (0.0, 0.1):
        r23 = trial.risk_difference_posterior(x2, n2, x3, n3, margin=m)
        out[f"wins_bayes_23_m{round(100 * m)}"] = fmt.probability(r23.prob_exceeds_margin)
    informative = [ab for name, ab in trial.DEFAULT_PRIORS.items() if "informative" in name]
    a, b = informative[0]
    out["wins_prior_centre"] = _pct(a / (a + b), 0)
    out["wins_prior_w1"] = int(sum(informative[0]))
    out["wins_prior_w2"] = int(sum(informative[1]))
    table = trial.prior_sensitivity(x1, n1, x2, n2, margins=MARGINS)
    strong = table[table["prior"].str.startswith("strongly informative")]
    for m in (0.1, 0.2):
        value = strong.loc[strong["margin"] == m, "prob_exceeds_margin"].item()
        out[f"wins_bayes_inf_m{round(100 * m)}"] = fmt.probability(value)
    for label, post, bound in zip(("moderate", "strong"), sceptical_posteriors(),
                                  SCEPTICAL_OR_BOUNDS, strict=True):
        out[f"wins_scep_{label}_bound"] = fmt.number(bound, 0)
        out[f"wins_scep_{label}_bound_inv"] = f"1/{fmt.number(bound, 0)}"
        out[f"wins_scep_{label}_sd"] = fmt.number(post.prior_sd_log_or, 2)
        out[f"wins_scep_{label}_p_or"] = fmt.probability(post.prob_or_above_1)
        for m in (0.1, 0.2):
            out[f"wins_scep_{label}_m{round(100 * m)}"] = fmt.probability(
                post.prob_exceeds_margin(m))
        out[f"wins_scep_{label}_or"] = fmt.number(post.or_median, 1)
        out[f"wins_scep_{label}_or_cri"] = fmt.interval(post.or_cri_low, post.or_cri_high,
                                                        digits=1)
        out[f"wins_scep_{label}_rd_cri"] = _ci_points(post.rd_cri_low, post.rd_cri_high)
    out["wins_or_observed"] = fmt.number(_pairs().loc[0, "odds_ratio"], 1)
    return out


def _simulation() -> dict[str, object]:
    counts = _counts()
    sim_arms = counts.assign(risk_18m=counts["events"] / counts["n"])
    cohort = trial.simulate_relapse_times(sim_arms, label="arm", n="n", risk="risk_18m")
    km = trial.kaplan_meier_table(cohort, times=[18.0]).reset_index(drop=True)
    logrank = trial.logrank_tests(cohort)
    out: dict[str, object] = {}
    for k in (1, 2, 3):
        out[f"wins_sim_km18_{k}"] = _pct(km.loc[k - 1, "cumulative_relapse"])
        out[f"wins_sim_target_{k}"] = _pct(sim_arms.loc[k - 1, "risk_18m"])
    dev = (km["cumulative_relapse"] - sim_arms["risk_18m"]).abs().max()
    out["wins_sim_maxdev"] = _points(dev)
    out["wins_sim_logrank_global"] = fmt.p_clause(logrank.loc[0, "p"])
    out["wins_sim_logrank_p23"] = fmt.p_clause(logrank.loc[3, "p"])
    return out


def _noninferiority() -> dict[str, object]:
    d = noninferiority_design()
    power = d["power"]
    row80 = power[power["n_per_arm"] == d["n_80"]].iloc[0]
    n2 = _arm(2)[1]
    wins_power = trial.noninferiority_power_closed_form(d["p_control"], d["p_control"], n2,
                                                        d["margin"], alpha=NI_ALPHA)
    table = d["margin_table"]
    alt = table.iloc[1]
    return {
        "wins_ni_benefit": _points(d["benefit"]),
        "wins_ni_margin": _points(d["margin"]),
        "wins_ni_pcontrol": _pct(d["p_control"]),
        "wins_ni_accepted": _pct(d["p_control"] + d["margin"]),
        "wins_ni_alpha": fmt.number(NI_ALPHA, 3),
        "wins_ni_power80": fmt.percentage(0.8, 0),
        "wins_ni_power90": fmt.percentage(0.9, 0),
        "wins_ni_n80": d["n_80"],
        "wins_ni_n90": d["n_90"],
        "wins_ni_total80": fmt.thousands(2 * d["n_80"]),
        "wins_ni_sims": fmt.thousands(NI_SIMS),
        "wins_ni_sim80": fmt.number(row80["power_simulated"], 3),
        "wins_ni_cf80": fmt.number(row80["power_closed_form"], 3),
        "wins_ni_se80": fmt.number(row80["mc_standard_error"], 4),
        "wins_ni_maxgap": fmt.number(
            (power["power_simulated"] - power["power_closed_form"]).abs().max(), 3),
        "wins_ni_wins_n": n2,
        "wins_ni_wins_power": fmt.number(wins_power.power, 2),
        "wins_ni_type1": fmt.number(d["size_check"]["power_simulated"].item(), 4),
        "wins_ni_alt_margin": _points(ALT_MARGIN),
        "wins_ni_alt_accepted": _pct(d["p_control"] + ALT_MARGIN),
        "wins_ni_alt_n80": int(alt["n_per_arm_80"]),
        "wins_ni_alt_total80": fmt.thousands(int(alt["n_total_80"])),
        "wins_ni_alt_ratio": fmt.number(alt["n_per_arm_80"] / d["n_80"], 1),
    }


@cache
def _facts() -> dict[str, object]:
    out: dict[str, object] = {}
    for part in (_design, _registry, _published_and_reading, _effects, _sensitivity,
                 _fragility, _bayes, _simulation, _noninferiority):
        values = part()
        clash = set(values) & set(out)
        if clash:
            raise ValueError(f"facts keys defined twice: {sorted(clash)}")
        out.update(values)
    return out


def facts() -> dict[str, object]:
    """Every number the WInS chapter's prose, captions and alt text use, formatted."""
    return dict(_facts())
