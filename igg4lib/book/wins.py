"""Every number and table of the WInS chapter (``chapters/wins.md``), from ``data/``.

The chapter glues :func:`facts` in one removed cell. Differences always carry their
direction in the key and the prose ("group 1 minus group 2"), and are printed by
:func:`igg4lib.book.format.signed` and :func:`igg4lib.book.format.interval`, so a sign
cannot flip between two sentences.

The ``*_table`` functions turn the results of :mod:`igg4lib.trial` into the tables a
reader sees (through :func:`igg4lib.book.display.table`): headings in words, groups named
by number as in the prose, few and short columns so that the results read on a phone.

>>> f = facts()
>>> f["wins_rd_23"], f["wins_rd_ci_23"]
('+2.0', '-11.9 to 16.0 points')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from numbers import Real
from typing import Annotated, Any

import annotated_types as at
import pandas as pd
import pandera.pandas as pa
from pydantic import InstanceOf

from igg4lib import data, readings, stats, trial
from igg4lib._validation import (
    MAX_PATIENTS,
    FiniteFloat,
    Frame,
    Patients,
    PositivePatients,
    Rule,
    StrictFlag,
    Whole,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    rows_at_most,
    rows_ordered,
    text_column,
    validated,
)
from igg4lib.book import display
from igg4lib.book import format as fmt

__all__ = [
    "ALT_MARGIN",
    "NI_ALPHA",
    "NI_SIMS",
    "OTHER_SEED",
    "SCEPTICAL_OR_BOUNDS",
    "arms_table",
    "cohort_table",
    "count_fits_table",
    "counts_table",
    "facts",
    "fragility_table",
    "group2_counts",
    "km_table",
    "logrank_table",
    "margin_table",
    "noninferiority_design",
    "pairs_table",
    "posterior_table",
    "power_table",
    "prior_curves",
    "prior_table",
    "ratios_table",
    "registry_table",
    "sceptical_posteriors",
    "sceptical_table",
    "sensitivity_table",
]

#: Odds-ratio bounds of the two sceptical priors on the effect: 95% of the prior's mass
#: on odds ratios between 1/bound and bound (moderately, then strongly sceptical).
SCEPTICAL_OR_BOUNDS: tuple[float, float] = (3.0, 2.0)
#: One-sided alpha, simulated trials per design, and the clinically motivated smaller
#: margin (a proportion) of the non-inferiority design; the reader is invited to change them.
NI_ALPHA = 0.025
NI_SIMS = 100_000
ALT_MARGIN = 0.05
#: The other seed of the simulation exercise (the reader may try any).
OTHER_SEED = 7
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


@validated
@cache
def sceptical_posteriors() -> tuple[trial.EffectPriorPosterior, ...]:
    """Group 1 against group 2 under each sceptical prior on the log odds ratio."""
    (x1, n1), (x2, n2) = _arm(1), _arm(2)
    return tuple(
        trial.sceptical_effect_posterior(
            x1, n1, x2, n2, prior_sd_log_or=trial.sceptical_prior_sd(bound), margins=MARGINS)
        for bound in SCEPTICAL_OR_BOUNDS
    )


@validated
def noninferiority_design() -> dict[str, object]:
    """The margin, control risk, sample sizes and simulated power of the chapter's design.

    A fresh copy each call (the simulation runs once): changing what it returns changes
    nothing the next caller sees.
    """
    return {key: value.copy() if isinstance(value, pd.DataFrame) else value
            for key, value in _noninferiority_design().items()}


@cache
def _noninferiority_design() -> dict[str, object]:
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


def _secondary() -> dict[str, str]:
    """The reported p-value of the RI and PGA changes, group 1 against each other group.

    The research summary prints it as "(p < .001)" for each comparison; the book writes
    p-values with a leading zero, so ".001" reads "0.001". Refused if the two comparisons
    were reported differently (then one value could not stand for both).
    """
    rows = data.load("wins_secondary_outcomes")
    bounds = {re.fullmatch(r"\(p ([<=]) (\.\d+)\)", str(p)).groups() for p in rows["printed"]}
    if len(bounds) != 1:
        raise ValueError(f"wins_secondary_outcomes: the comparisons print different p-values "
                         f"{sorted(bounds)}; expected one")
    ((op, value),) = bounds
    return {
        "wins_ri_pga_p": f"{op} 0{value}",
        "wins_ri_pga_n_comparisons": str(len(rows)),
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
    readings_2 = group2_counts()
    sens = trial.sensitivity_to_count(counts, arm=labels[1], counts=readings_2, margin=0.2)
    sens_23 = trial.sensitivity_to_count(counts, arm=labels[1], counts=readings_2,
                                         reference=labels[2], margin=0.0,
                                         arm_minus_reference=True)
    return {
        "wins_sens_counts": f"{min(readings_2)} to {max(readings_2)}",
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
    weak = table[table["prior"].str.startswith("informative")]
    out["wins_bayes_weak_m10"] = fmt.probability(
        weak.loc[weak["margin"] == MARGINS[1], "prob_exceeds_margin"].item())
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
    other = trial.simulate_relapse_times(sim_arms, label="arm", n="n", risk="risk_18m",
                                         seed=OTHER_SEED)
    km_other = trial.kaplan_meier_table(other, times=[18.0]).reset_index(drop=True)
    shift = (km_other["cumulative_relapse"] - km["cumulative_relapse"]).abs()
    out["wins_seed_other"] = OTHER_SEED
    out["wins_seed_shifts"] = (", ".join(_points(v) for v in shift.iloc[:-1])
                               + f" and {_points(shift.iloc[-1])}")
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
        "wins_ni_alpha_pct": fmt.percentage(NI_ALPHA, 1),
        "wins_ni_level": fmt.percentage(1 - NI_ALPHA, 1),
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
    for part in (_design, _registry, _secondary, _published_and_reading, _effects, _sensitivity,
                 _fragility, _bayes, _simulation, _noninferiority):
        values = part()
        clash = set(values) & set(out)
        if clash:
            raise ValueError(f"facts keys defined twice: {sorted(clash)}")
        out.update(values)
    return out


@validated
def facts() -> dict[str, object]:
    """Every number the WInS chapter's prose, captions and alt text use, formatted."""
    from igg4lib import maintenance

    out = dict(_facts())
    # GRADE certainties, from the one place they are judged (the maintenance chapter)
    out["wins_cert_keep_im"] = maintenance.certainty_of("keep-im")
    out["wins_cert_ineb"] = maintenance.certainty_of("b-cell-inebilizumab")
    out["wins_cert_obex"] = maintenance.certainty_of("b-cell-obexelimab")
    return out


# --------------------------------------------------------------------------- tables


@validated
def group2_counts() -> list[int]:
    """Group 2 relapse counts of the sensitivity analysis, each analysed as a crude count:
    one relapse fewer than the adopted reading (also the largest count a Kaplan-Meier
    reading of the printed percentage allows, though analysing it as a crude proportion is
    not that reading), the adopted reading, and one relapse more.

    >>> group2_counts()
    [6, 7, 8]
    """
    x2, n2 = _arm(2)
    printed = float(_counts().loc[1, "printed_pct"])
    return [trial.consistent_event_counts(printed, n2).kaplan_meier_max_events, x2, x2 + 1]


def _followup() -> str:
    return _design()["wins_followup"]


def _label_key(label: str) -> tuple[int, int, str]:
    """Sort key of arm labels: whole numbers numerically, then other labels as text."""
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def _groups(labels: Iterable[object]) -> dict[str, int]:
    """Arm label -> group number, by label and never by the order the labels appear in.

    The WInS arms of :func:`igg4lib.trial.wins_analysis_counts` keep the book's numbering
    (group 1 withdraws GC+IM, ...); labels that are whole numbers (``1``, ``"2"``) are their
    own group number; any other set of labels is numbered in sorted order.
    """
    labels = {str(v) for v in labels}
    known = {str(lab): i + 1 for i, lab in enumerate(_counts()["arm"])}
    if labels <= set(known):
        return known
    if all(lab.isdigit() and int(lab) >= 1 for lab in labels):
        return {lab: int(lab) for lab in labels}
    return {lab: i + 1 for i, lab in enumerate(sorted(labels, key=_label_key))}


def _group_of(labels: Iterable[object]) -> list[int]:
    """Group numbers of arm labels (see :func:`_groups`)."""
    labels = [str(v) for v in labels]
    group = _groups(labels)
    return [group[v] for v in labels]


def _pair_groups(pairs: pd.DataFrame, word: str) -> list[str]:
    group = _groups([*pairs["arm_1"], *pairs["arm_2"]])
    return [f"{group[str(a)]} {word} {group[str(b)]}"
            for a, b in zip(pairs["arm_1"], pairs["arm_2"], strict=True)]


def _by_pair(shown: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table of pairs in the order of their group numbers (1 vs 2, 1 vs 3,
    2 vs 3), whatever the order of the rows received."""
    group = _groups([*shown["arm_1"], *shown["arm_2"]])
    key = [(group[str(a)], group[str(b)]) for a, b in zip(shown["arm_1"], shown["arm_2"],
                                                          strict=True)]
    order = sorted(range(len(shown)), key=lambda i: key[i])
    return shown.iloc[order]


def _points_or_zero(value: object) -> str:
    """A difference of proportions in signed points; "0" when it rounds to no difference.

    >>> _points_or_zero(0.0), _points_or_zero(0.0204)
    ('0', '+2.0')
    """
    text = fmt.signed(float(value), 1, scale=100)
    return "0" if float(text) == 0 else text


# --------------------------------------------------------------------------- input schemas
#
# Each table declares the columns it reads (other columns are allowed): what a cell must be,
# and the rules between columns.  A missing value is refused wherever the table would print
# it, so a reader never sees "nan" or "inf" made from bad input.

#: Largest number of margins on the grid of :func:`prior_curves` (0, 0.02, ... 0.98: a
#: margin must stay below 1).
MAX_CURVE_POINTS = 50
#: Comparison operators of a registered threshold (``wins_registry_criteria``).
_OPERATORS = ("<", "<=", ">", ">=")


def _unique(column: pa.Column) -> pa.Column:
    """The same column, its values unique (they label the table's rows)."""
    column.unique = True
    return column


def _probability() -> pa.Column:
    return real_column(minimum=0.0, maximum=1.0)


def _difference() -> pa.Column:
    """A difference of proportions, from -1 to 1."""
    return real_column(minimum=-1.0, maximum=1.0)


def _margin() -> pa.Column:
    """A margin on the risk scale, strictly between -1 and 1."""
    column = real_column(minimum=-1.0, maximum=1.0)
    column.checks.append(pa.Check(
        lambda s: pd.to_numeric(s, errors="coerce").between(-1.0, 1.0, inclusive="neither"),
        error="a margin strictly between -1 and 1"))
    return column


def _values_of(test: Any, expected: str) -> pa.Column:
    """A column whose every value passes ``test`` (no missing values)."""
    return pa.Column(None, checks=[pa.Check(lambda s: s.map(test).astype(bool), error=expected)])


def _arm_label(value: object) -> bool:
    return ((isinstance(value, str) and value.strip() == value and value != "")
            or (_count(value) and value >= 1))


def _arm_column() -> pa.Column:
    """A column of arm labels, one row per arm: a string without surrounding spaces or a
    whole number >= 1 (the group number itself); the rows are numbered by these labels."""
    column = _values_of(_arm_label, "an arm label: a string without surrounding spaces, or "
                                    "a whole number >= 1")
    column.unique = True
    return column


def _rows(columns: Sequence[str], test: Any, expected: str) -> pa.Check:
    """Frame-level rule on every row that has all ``columns`` (a missing column is reported
    as such, a bad cell by its column's own check)."""
    def check(df: pd.DataFrame) -> pd.Series | bool:
        if any(c not in df for c in columns):
            return True
        return pd.Series([bool(test(*row)) for row in zip(*(df[c] for c in columns),
                                                           strict=True)], index=df.index)
    return pa.Check(check, error=expected)


def _unique_rows(columns: Sequence[str], expected: str) -> pa.Check:
    """Frame-level rule: no two rows share the values of ``columns``."""
    def check(df: pd.DataFrame) -> pd.Series | bool:
        if any(c not in df for c in columns):
            return True
        return ~df.duplicated(subset=list(columns), keep=False)
    return pa.Check(check, error=expected)


def _text(value: object) -> bool:
    return isinstance(value, str)


def _present(value: object) -> bool:
    return not (value is None or value is pd.NA or (isinstance(value, float) and value != value))


def _count(value: object) -> bool:
    return (isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)
            and float(value).is_integer() and value >= 0)


def _counts_tuple(value: object) -> bool:
    return isinstance(value, tuple | list) and all(_count(v) for v in value)


def _two_sides(word: str) -> Any:
    """"A <word> B" with two non-empty sides."""
    def test(value: object) -> bool:
        if not isinstance(value, str):
            return False
        sides = value.split(f" {word} ")
        return len(sides) == 2 and all(side.strip() for side in sides)
    return test


_DIFFERENT_ARMS = _rows(("arm_1", "arm_2"), lambda a, b: a != b,
                        "arm_1 and arm_2 different arms in every row")
_ONE_ROW_PER_PAIR = _unique_rows(("arm_1", "arm_2"), "one row per pair of arms (arm_1, arm_2)")


def _threshold_complete(operator: object, value: object, unit: object) -> bool:
    return not _present(operator) or (_present(value) and _present(unit))


_REGISTRY = frame_schema({
    "item": _unique(text_column()),
    "kind": text_column(isin=["inclusion", "exclusion"]),
    "operator": text_column(nullable=True, isin=_OPERATORS),
    "value": real_column(nullable=True, minimum=0.0),
    "unit": text_column(nullable=True),
}, checks=[_rows(("operator", "value", "unit"), _threshold_complete,
                 "a value and a unit in every row with an operator (a missing operator "
                 "means no threshold)")])

_ARMS = frame_schema({
    "arm": _unique(count_column(minimum=1)),
    "label": text_column(),
    "n_randomised": count_column(minimum=1),
    "relapse_printed": text_column(),
})

_COUNT_FITS = frame_schema({
    "arm": _arm_column(),
    "printed_pct": real_column(minimum=0.0, maximum=100.0),
    "n": count_column(minimum=1),
    "crude_counts": _values_of(_counts_tuple, "a tuple of whole numbers >= 0 (maybe empty)"),
    "kaplan_meier_max_events": count_column(),
}, checks=[rows_at_most("kaplan_meier_max_events", "n"),
           _rows(("crude_counts", "n"),
                 lambda c, n: not _counts_tuple(c) or not _count(n) or all(x <= n for x in c),
                 "crude_counts at most n in every row")])

_COUNTS = frame_schema({
    "arm": _arm_column(),
    "n": count_column(minimum=1),
    "events": count_column(),
    "basis": text_column(),
}, checks=[rows_at_most("events", "n")])

_PAIRS_SCHEMA = frame_schema({
    "arm_1": text_column(),
    "arm_2": text_column(),
    "risk_difference": _difference(),
    "rd_ci_low": _difference(),
    "rd_ci_high": _difference(),
    "p_fisher_adjusted": _probability(),
}, checks=[rows_ordered(("rd_ci_low", "risk_difference", "rd_ci_high")), _DIFFERENT_ARMS,
           _ONE_ROW_PER_PAIR])

_RATIOS = frame_schema({
    "arm_1": text_column(),
    "arm_2": text_column(),
    "risk_ratio": real_column(minimum=0.0),
    "rr_ci_low": real_column(minimum=0.0),
    "rr_ci_high": real_column(minimum=0.0),
    "nnt_text": text_column(),
}, checks=[rows_ordered(("rr_ci_low", "risk_ratio", "rr_ci_high")), _DIFFERENT_ARMS,
           _ONE_ROW_PER_PAIR])


def _sensitivity_schema(a: Mapping[str, Any]) -> pa.DataFrameSchema:
    columns = {
        "events": _unique(count_column()),
        "difference": _values_of(_two_sides("minus"), 'a string "arm minus reference"'),
        "risk_difference": _difference(),
        "rd_ci_low": _difference(),
        "rd_ci_high": _difference(),
        "prob_exceeds_margin": _probability(),
    }
    if a["with_fragility"]:
        columns["fragility_index"] = count_column()
    return frame_schema(columns, checks=[rows_ordered(("rd_ci_low", "risk_difference",
                                                       "rd_ci_high"))])


def _margin_attribute_ok(frame: pd.DataFrame) -> bool:
    margin = frame.attrs.get("margin")
    return margin is None or (isinstance(margin, Real) and not isinstance(margin, bool)
                              and -1 < margin < 1)


_FRAGILITY = frame_schema({
    "arm_1": text_column(),
    "arm_2": text_column(),
    "fragility_index": count_column(),
}, checks=[_DIFFERENT_ARMS, _ONE_ROW_PER_PAIR])

_PRIORS = frame_schema({
    "prior": text_column(),
    "margin": _margin(),
    "prob_exceeds_margin": _probability(),
}, checks=[_unique_rows(("prior", "margin"), "one row per prior and margin")])


def _complete_grid(frame: pd.DataFrame) -> bool:
    """Every prior at the same margins (the table has no empty cell)."""
    grids = frame.groupby("prior", sort=False)["margin"].agg(frozenset)
    return grids.nunique() == 1


_COHORT = frame_schema({
    "synthetic_patient_id": _unique(text_column()),
    "arm": text_column(),
    "time_months": real_column(minimum=0.0),
    "relapsed": flag_column(),
})

_KM = frame_schema({
    "arm": text_column(),
    "time_months": real_column(minimum=0.0),
    "relapse_free": _probability(),
    "ci_low": _probability(),
    "ci_high": _probability(),
}, checks=[rows_ordered(("ci_low", "relapse_free", "ci_high")),
           _unique_rows(("arm", "time_months"), "one row per arm and time")])

_LOGRANK = frame_schema({
    "comparison": _unique(text_column()),
    "chi2": real_column(minimum=0.0),
    "df": count_column(minimum=1),
    "p": _probability(),
}, min_rows=2)


def _pairwise_comparisons_named(frame: pd.DataFrame) -> bool:
    """After the global test, every row compares two arms: "A vs B"."""
    test = _two_sides("vs")
    return all(test(c) for c in frame["comparison"].iloc[1:])


_MARGINS = frame_schema({
    "margin_points": real_column(minimum=0.0, maximum=100.0),
    "accepted_relapse_pct": real_column(minimum=0.0, maximum=100.0),
    "n_per_arm_80": count_column(minimum=1),
    "n_total_80": count_column(minimum=1, maximum=2 * MAX_PATIENTS),
    "power_at_n80_SIMULATED": _probability(),
}, checks=[_unique_rows(("margin_points",), "one row per margin"),
           rows_at_most("n_per_arm_80", "n_total_80"),
           _rows(("margin_points",), lambda m: not isinstance(m, Real) or m > 0,
                 "a margin above 0 points in every row")])

_POWER = frame_schema({
    "n_per_arm": _unique(count_column(minimum=1)),
    "power_simulated": _probability(),
    "mc_standard_error": real_column(minimum=0.0, maximum=0.5),
    "power_closed_form": _probability(),
})

#: A margin on the risk scale, strictly between -1 and 1.
Margin = Annotated[FiniteFloat, at.Gt(-1), at.Lt(1)]


def _finite(*values: object) -> bool:
    return all(isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v)
               for v in values)


def _difference_posterior_ok(post: trial.DifferencePosterior) -> bool:
    return (_finite(post.prob_exceeds_margin, post.mean, post.cri_low, post.cri_high,
                    post.level, post.margin)
            and 0 <= post.prob_exceeds_margin <= 1 and post.cri_low <= post.cri_high
            and 0 < post.level < 1)


def _effect_posterior_ok(post: trial.EffectPriorPosterior) -> bool:
    margins = [m for m, _ in post.prob_exceeds if _finite(m)]
    has = all(any(math.isclose(m, want, abs_tol=1e-12) for m in margins) for want in (0.1, 0.2))
    return (has and _finite(post.prior_or_high, post.prob_or_above_1, post.or_median,
                            post.or_cri_low, post.or_cri_high, *(p for _, p in post.prob_exceeds))
            and post.prior_or_high > 0 and 0 <= post.prob_or_above_1 <= 1
            and all(0 <= p <= 1 for _, p in post.prob_exceeds)
            and 0 <= post.or_cri_low <= post.or_median <= post.or_cri_high)


# --------------------------------------------------------------------------- tables


@validated(frames={"criteria": _REGISTRY})
def registry_table(criteria: Frame) -> pd.io.formats.style.Styler:
    """The registered entry criteria, one line each: what entry requires or what excludes.

    ``criteria`` as ``data.load("wins_registry_criteria")``: ``item``, ``kind``
    ("inclusion" or "exclusion"), ``operator`` (missing: no threshold), ``value``, ``unit``.
    """
    words = {"<": "below", "<=": "at most", ">": "more than", ">=": "at least"}

    def threshold(row: pd.Series) -> str:
        if pd.isna(row["operator"]):
            text = "any"
        else:
            value = float(row["value"])
            unit = str(row["unit"])
            unit = unit.removesuffix("s") if value == 1 and unit.endswith("s") else unit
            number = fmt.number(value, 0 if value.is_integer() else 1)
            text = f"{words[row['operator']]} {number} {unit}"
        return f"excluded if {text}" if row["kind"] == "exclusion" else text

    shown = criteria.assign(threshold=criteria.apply(threshold, axis=1))
    return display.table(
        shown, {"item": "Criterion", "threshold": "Required (or excluded if)"},
        caption="WInS entry criteria as registered (NCT04124861), parsed from the registry's "
                "wording (kept verbatim in the data set)",
        index="item")


@validated(frames={"arms": _ARMS})
def arms_table(arms: Frame) -> pd.io.formats.style.Styler:
    """The three arms as published: strategy, patients randomised, relapse as printed."""
    return display.table(
        arms, {"arm": "Group", "label": "Strategy", "n_randomised": "Randomised",
               "relapse_printed": f"Relapse within {_followup()}, as printed"},
        caption="WInS arms as published (Peng 2024); the sources give percentages, not counts",
        formats={"n_randomised": "int"}, index="arm")


@validated(frames={"fits": _COUNT_FITS})
def count_fits_table(fits: Frame) -> pd.io.formats.style.Styler:
    """Which whole counts each printed percentage allows (from trial.event_count_readings)."""
    shown = fits.assign(
        group=_group_of(fits["arm"]),
        printed=[f"{p:.1f}% of {int(n)}"
                 for p, n in zip(fits["printed_pct"], fits["n"], strict=True)],
        fit=[", ".join(str(int(x)) for x in c) if c else "none" for c in fits["crude_counts"]],
        km=[f"up to {int(k)}" for k in fits["kaplan_meier_max_events"]],
    )
    return display.table(
        shown, {"group": "Group", "printed": "Printed", "fit": "Counts that round to it",
                "km": "Kaplan-Meier reading"},
        caption="Whole numbers of relapses each printed percentage allows: as a crude "
                "proportion, and as a Kaplan-Meier estimate (which is never below the "
                "crude proportion)",
        index="group")


@validated(frames={"counts": _COUNTS})
def counts_table(counts: Frame) -> pd.io.formats.style.Styler:
    """The counts the book analyses, with where each comes from (trial.analysis_counts)."""
    basis = {trial.BASIS_ONLY_COUNT: "only count that fits",
             trial.BASIS_READING: "the book's reading", trial.BASIS_OVERRIDE: "sensitivity"}
    shown = counts.assign(
        group=_group_of(counts["arm"]),
        analysed=[f"{fmt.count_of(int(x), int(n))} ({fmt.percent(int(x), int(n))})"
                  for x, n in zip(counts["events"], counts["n"], strict=True)],
        source=[basis.get(b, b) for b in counts["basis"]],
    )
    return display.table(
        shown, {"group": "Group", "analysed": "Relapses analysed", "source": "Source"},
        caption="Relapse counts the chapter analyses: inferred from the printed percentages, "
                "none printed in the sources",
        index="group")


@validated(frames={"pairs": _PAIRS_SCHEMA})
def pairs_table(pairs: Frame) -> pd.io.formats.style.Styler:
    """Risk difference, its 95% CI and the Holm-adjusted p of each pair of groups."""
    shown = _by_pair(pairs.assign(
        groups=_pair_groups(pairs, "minus"),
        ci=[fmt.interval(lo, hi, scale=100)
            for lo, hi in zip(pairs["rd_ci_low"], pairs["rd_ci_high"], strict=True)],
    ))
    return display.table(
        shown, {"groups": "Groups", "risk_difference": "Difference (points)",
                "ci": "95% CI", "p_fisher_adjusted": "p (Holm)"},
        caption=f"Relapse within {_followup()}: first group minus second, in percentage "
                "points (positive: fewer relapses in the second group); Newcombe intervals, "
                "Fisher p adjusted by Holm",
        formats={"risk_difference": "points", "p_fisher_adjusted": "p"}, index="groups")


@validated(frames={"pairs": _RATIOS})
def ratios_table(pairs: Frame) -> pd.io.formats.style.Styler:
    """Risk ratio (first group over second) and number needed to treat of each pair."""
    shown = _by_pair(pairs.assign(
        groups=_pair_groups(pairs, "over"),
        rr=[f"{fmt.number(r, 2)} ({fmt.interval(lo, hi, digits=2)})" for r, lo, hi in
            zip(pairs["risk_ratio"], pairs["rr_ci_low"], pairs["rr_ci_high"], strict=True)],
    ))
    return display.table(
        shown, {"groups": "Groups", "rr": "Risk ratio (95% CI)", "nnt_text": "NNT (95% CI)"},
        caption="Relative risk of relapse (first group over second, Wald interval on the log "
                "scale) and the number needed to treat (NNTB: to benefit; NNTH: to harm)",
        index="groups")


@validated(frames={"sens": _sensitivity_schema}, rules=[
    Rule("sens", lambda a: _margin_attribute_ok(a["sens"]),
         "attrs['margin'], when present, a margin strictly between -1 and 1"),
])
def sensitivity_table(
    sens: Frame, *, with_fragility: StrictFlag = False,
) -> pd.io.formats.style.Styler:
    """One comparison recomputed for each count of group 2 (trial.sensitivity_to_count).

    ``with_fragility=True`` adds the fragility index (a fifth column: wider than a phone).
    """
    adopted = _arm(2)[0]
    first, second = str(sens["difference"].iloc[0]).split(" minus ")
    g1, g2 = _group_of([first, second])
    direction = f"group {g1} minus group {g2}"
    margin = sens.attrs.get("margin")
    shown = sens.assign(
        count=[f"{int(x)} (adopted)" if x == adopted else f"a crude count of {int(x)}"
               for x in sens["events"]],
        ci=[fmt.interval(lo, hi, scale=100)
            for lo, hi in zip(sens["rd_ci_low"], sens["rd_ci_high"], strict=True)],
    )
    exceeds = ("P(> margin)" if margin is None
               else f"P(> {fmt.number(100 * margin, 0)} points)")
    columns = {"count": "Group 2 relapses", "risk_difference": "Difference (points)",
               "ci": "95% CI", "fragility_index": "Fragility index",
               "prob_exceeds_margin": exceeds}
    formats = {"risk_difference": _points_or_zero, "fragility_index": "int",
               "prob_exceeds_margin": "probability"}
    if not with_fragility:
        del columns["fragility_index"], formats["fragility_index"]
    return display.table(
        shown, columns,
        caption=f"Difference = {direction}, recomputed with group 2's relapses analysed as "
                "crude counts either side of the printed percentage; last column: posterior "
                "probability, uniform priors",
        formats=formats, index="count")


@validated(frames={"indices": _FRAGILITY})
def fragility_table(indices: Frame) -> pd.io.formats.style.Styler:
    """The fragility index of each pair (trial.fragility_indices)."""
    shown = _by_pair(indices.assign(groups=_pair_groups(indices, "vs")))
    return display.table(
        shown, {"groups": "Groups", "fragility_index": "Fragility index"},
        caption="Extra relapses in the group with fewer relapses that would push Fisher's "
                "p to 0.05 or above (0: not significant to begin with)",
        formats={"fragility_index": "int"}, index="groups")


@validated(rules=[
    Rule("posteriors",
         lambda a: all(_difference_posterior_ok(p) for p in a["posteriors"].values()),
         "posteriors with a probability from 0 to 1, a finite mean and a finite credible "
         "interval (low <= high)"),
    Rule("posteriors",
         lambda a: all(math.isclose(m, p.margin, abs_tol=1e-12)
                       for m, p in a["posteriors"].items()),
         "each margin (key) mapped to the posterior computed at that margin"),
])
def posterior_table(
    posteriors: Annotated[Mapping[Margin, InstanceOf[trial.DifferencePosterior]],
                          at.MinLen(1)],
) -> pd.io.formats.style.Styler:
    """P(difference > margin) for each margin; the caption gives the mean and credible interval."""
    first = next(iter(posteriors.values()))
    shown = pd.DataFrame({
        "margin": [f"> {fmt.number(100 * m, 0)} points" for m in posteriors],
        "prob": [r.prob_exceeds_margin for r in posteriors.values()],
    })
    return display.table(
        shown, {"margin": "Difference", "prob": "Posterior probability"},
        caption=f"Group 1 minus group 2, uniform priors: posterior mean "
                f"{fmt.number(100 * first.mean, 1)} points, "
                f"{round(100 * first.level)}% credible interval "
                f"{_ci_points(first.cri_low, first.cri_high)} (numerical integration)",
        formats={"prob": "probability"}, index="margin")


@validated(frames={"sensitivity": _PRIORS}, rules=[
    Rule("sensitivity", lambda a: _complete_grid(a["sensitivity"]),
         "every prior at the same margins (one row per prior and margin)"),
])
def prior_table(sensitivity: Frame) -> pd.io.formats.style.Styler:
    """P(difference > margin) under each prior on each arm's risk (trial.prior_sensitivity)."""
    wide = sensitivity.pivot(index="prior", columns="margin", values="prob_exceeds_margin")
    wide = wide.loc[list(dict.fromkeys(sensitivity["prior"]))].reset_index()
    names = {m: f"> {fmt.number(100 * m, 0)} points" for m in wide.columns if m != "prior"}
    wide = wide.rename(columns={m: str(m) for m in names})
    wide.columns.name = None
    return display.table(
        wide, {"prior": "Prior on each arm's risk", **{str(m): h for m, h in names.items()}},
        caption="Probability that group 1 minus group 2 exceeds each difference, under flat "
                "and informative priors on each arm's risk",
        formats={str(m): "probability" for m in names}, index="prior")


@validated(rules=[
    Rule("posteriors", lambda a: all(_effect_posterior_ok(p) for p in a["posteriors"]),
         "posteriors computed at margins 0.1 and 0.2, with finite probabilities from 0 to 1 "
         "and a finite odds ratio inside its credible interval"),
])
def sceptical_table(
    posteriors: Annotated[Sequence[InstanceOf[trial.EffectPriorPosterior]], at.MinLen(1)],
) -> pd.io.formats.style.Styler:
    """Each sceptical prior on the effect: P(OR > 1), P(difference > 10 and 20 points), OR."""
    rows = [{
        "prior": f"1/{p.prior_or_high:g} to {p.prior_or_high:g}",
        "p_or": p.prob_or_above_1,
        "m10": p.prob_exceeds_margin(0.1),
        "m20": p.prob_exceeds_margin(0.2),
        "or": f"{fmt.number(p.or_median, 1)} ({fmt.interval(p.or_cri_low, p.or_cri_high)})",
    } for p in posteriors]
    return display.table(
        pd.DataFrame(rows),
        {"prior": "Prior: 95% of OR", "p_or": "P(OR > 1)", "m10": "P(> 10 points)",
         "m20": "P(> 20 points)", "or": "OR, median (95% CrI)"},
        caption="Group 1 against group 2 under sceptical normal priors on the log odds ratio, "
                "centred on no effect; differences are group 1 minus group 2",
        formats={"p_or": "probability", "m10": "probability", "m20": "probability"},
        index="prior")


@validated(frames={"cohort": _COHORT})
def cohort_table(cohort: Frame) -> pd.io.formats.style.Styler:
    """A few simulated patients: group, months followed, relapsed (labelled SIMULATED)."""
    shown = cohort.assign(group=_group_of(cohort["arm"]),
                          relapsed=cohort["relapsed"].map({True: "yes", False: "no"}))
    return display.table(
        shown, {"synthetic_patient_id": "Patient", "group": "Group",
                "time_months": "Months", "relapsed": "Relapsed"},
        caption="Invented patients, one constant hazard per group (not trial data)",
        formats={"time_months": "1dp"}, index="synthetic_patient_id", label="SIMULATED")


@validated(frames={"km": _KM})
def km_table(km: Frame) -> pd.io.formats.style.Styler:
    """Kaplan-Meier relapse-free probability with its interval (labelled SIMULATED)."""
    shown = km.assign(
        group=_group_of(km["arm"]),
        free=[f"{fmt.percentage(s, 0)} ({fmt.interval(lo, hi, digits=0, scale=100)})"
              for s, lo, hi in zip(km["relapse_free"], km["ci_low"], km["ci_high"],
                                   strict=True)],
    )
    return display.table(
        shown, {"group": "Group", "time_months": "Month", "free": "Relapse-free (95% CI)"},
        caption="Kaplan-Meier estimates of simulated patients, not trial data",
        formats={"time_months": "int"}, index=["group", "time_months"], label="SIMULATED")


@validated(frames={"tests": _LOGRANK}, rules=[
    Rule("tests", lambda a: _pairwise_comparisons_named(a["tests"]),
         'a global test in the first row, then one row per pair named "A vs B"'),
])
def logrank_table(tests: Frame) -> pd.io.formats.style.Styler:
    """Global and pairwise log-rank tests (labelled SIMULATED).

    The order of the rows is checked: the global test first, then one row per pair.
    """
    names = ["all groups"] + [
        " vs ".join(str(g) for g in _group_of(c.split(" vs ")))
        for c in tests["comparison"].iloc[1:]
    ]
    shown = tests.assign(groups=names)
    return display.table(
        shown, {"groups": "Groups", "chi2": "Chi-square", "df": "Degrees of freedom",
                "p": "p"},
        caption="Log-rank tests of the simulated cohort, not trial data",
        formats={"chi2": "1dp", "df": "int", "p": "p"}, index="groups", label="SIMULATED")


@validated(frames={"margins": _MARGINS})
def margin_table(margins: Frame) -> pd.io.formats.style.Styler:
    """What each non-inferiority margin accepts and costs (trial.noninferiority_margin_table)."""
    return display.table(
        margins, {"margin_points": "Margin (points)",
                  "accepted_relapse_pct": "Relapse risk at the margin",
                  "n_per_arm_80": "Patients per arm", "n_total_80": "Patients in all",
                  "power_at_n80_SIMULATED": "Power, SIMULATED"},
        caption="Each margin: the true relapse risk at the margin (any risk below it is "
                "declared acceptable; a strategy whose true risk is at the margin is declared "
                "non-inferior only at the one-sided alpha rate), the patients needed for 80% "
                "power (normal formula) and a simulated check of that power",
        formats={"margin_points": "1dp", "accepted_relapse_pct": "pct", "n_per_arm_80": "int",
                 "n_total_80": "int", "power_at_n80_SIMULATED": "3dp"},
        index="margin_points")


@validated(frames={"power": _POWER})
def power_table(power: Frame) -> pd.io.formats.style.Styler:
    """Simulated and closed-form power by arm size (trial.simulate_noninferiority_power)."""
    return display.table(
        power, {"n_per_arm": "Patients per arm", "power_simulated": "Power",
                "mc_standard_error": "Monte Carlo SE", "power_closed_form": "Formula"},
        caption="Power to show non-inferiority: simulated trials against the normal formula",
        formats={"n_per_arm": "int", "power_simulated": "3dp",
                 "mc_standard_error": lambda v: "< 0.001" if float(v) < 0.0005 else f"{v:.3f}",
                 "power_closed_form": "3dp"},
        index="n_per_arm", label="SIMULATED")


# --------------------------------------------------------------------------- figure inputs


@validated(rules=[
    Rule("x1", lambda a: a["x1"] <= a["n1"], "at most n1 ({n1})"),
    Rule("x2", lambda a: a["x2"] <= a["n2"], "at most n2 ({n2})"),
])
def prior_curves(
    x1: Patients,
    n1: PositivePatients,
    x2: Patients,
    n2: PositivePatients,
    *,
    points: Annotated[Whole, at.Ge(2), at.Le(MAX_CURVE_POINTS)] = 26,
) -> pd.DataFrame:
    """P(group 1 minus group 2 > margin) on a grid of margins, for every prior of the chapter.

    The grid is ``points`` margins 0, 0.02, 0.04, ... (2 to :data:`MAX_CURVE_POINTS`, so
    that every margin stays below 1).  The four priors on each arm's risk
    (:data:`igg4lib.trial.DEFAULT_PRIORS`) and the two sceptical priors on the effect
    (:data:`SCEPTICAL_OR_BOUNDS`); columns ``prior``, ``family`` ("flat", "informative" or
    "sceptical"), ``margin`` and ``prob_exceeds_margin``.
    """
    grid = [i / 50 for i in range(points)]
    flat = trial.prior_sensitivity(x1, n1, x2, n2, margins=grid, with_interval=False)
    flat["family"] = ["informative" if "informative" in p else "flat" for p in flat["prior"]]
    sceptical = [
        pd.DataFrame({"prior": f"sceptical on the effect: OR 1/{b:g} to {b:g}",
                      "family": "sceptical", "margin": grid,
                      "prob_exceeds_margin": [p for _, p in post.prob_exceeds]})
        for b in SCEPTICAL_OR_BOUNDS
        for post in [trial.sceptical_effect_posterior(
            x1, n1, x2, n2, prior_sd_log_or=trial.sceptical_prior_sd(b), margins=grid)]
    ]
    columns = ["prior", "family", "margin", "prob_exceeds_margin"]
    return pd.concat([flat[columns], *sceptical], ignore_index=True)
