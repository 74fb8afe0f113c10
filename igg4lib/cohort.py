"""A SYNTHETIC teaching cohort of 215 patients built to match the remission-induction paper.

No row of this cohort is a real patient.  :func:`synthetic_cohort` invents 215 patients
whose *aggregate counts* reproduce what Wang et al. (2018) printed, so that students can
classify patients with :func:`igg4lib.induction.assess_cohort` and recover the paper's
month-6 outcome table themselves.  The generator is deterministic: the same seed gives the
same frame, and :func:`write_synthetic_cohort` writes the same bytes.

What the cohort matches, and how (the chapter and the data descriptor repeat this):

**Exactly** (counts read from ``data/published/`` by :func:`margins`, fixed by
construction, then shuffled among patients):

- the two treatment groups and the immunosuppressant agents;
- month-6 outcomes per group (Table 2) and their overlap, which the text fixes: the
  patients with RI decline < 50% had persistently active disease (no relapse) and all of
  them also failed tapering; hence the overall split into remission, relapse and
  persistent activity (Results);
- sex per group (the men per group are the unique split of the men in the cohort that
  reproduces both printed ratios);
- diagnostic certainty totals;
- allergy history per group, with the combination-group denominator the printed
  percentage implies (so some patients have it missing);
- organ-count categories and nine organ-involvement counts per group (Table 2);
- re-treatment of the relapsed patients, follow-up after it, remission and second relapse.

**Approximately** (continuous values drawn so that their quartiles sit near the printed
median and quartiles; the shape between and beyond the quartiles is invented): age,
disease duration, baseline RI, baseline laboratory values, initial GC dose (per group,
Table 2), and month-6 ESR, CRP and IgG4 (per outcome, Fig. 4 as given in the text).

**Invented** (the paper gives no per-patient or per-group information): how the
diagnostic categories split between groups; which patients have which outcome (outcomes
are assigned at random within a group, *independently of every baseline feature*, so the
cohort carries no information about risk factors); which glucocorticoid a patient took at
month 6 and the month-6 RI and dose values themselves; the tails of every distribution;
how organ flags combine within a patient (lacrimal and salivary involvement are counted
together as one site, Mikulicz's disease, and the organ count includes sites that are not
itemised); which relapsed patients had which re-treatment.

Reference: Wang L et al. Arthritis Res Ther 2018;20:65, doi:10.1186/s13075-018-1567-2.

Examples
--------
>>> df = synthetic_cohort()
>>> len(df), df["treatment"].value_counts().to_dict()
(215, {'GC+IM': 138, 'GC': 77})
>>> df.attrs["synthetic"]
True
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

import annotated_types as at
import numpy as np
import pandas as pd

from igg4lib._validation import (
    MAX_EXACT_TOTAL,
    Decimals,
    Patients,
    Percent,
    PositivePatients,
    Rule,
    Seed,
    Text,
    validated,
)
from igg4lib.trial import _printed_to_decimals, _rounds_to

__all__ = [
    "COHORT_NAME",
    "DEFAULT_SEED",
    "GROUPS",
    "Margins",
    "implied_denominators",
    "margins",
    "outcome_patterns",
    "synthetic_cohort",
    "synthetic_cohort_csv",
    "write_synthetic_cohort",
]

#: Name of the data set (``data/synthetic/<COHORT_NAME>.csv``).
COHORT_NAME = "synthetic_induction_cohort"
#: The seed of the committed file.
DEFAULT_SEED = 2018
#: Treatment groups: cohort label -> column prefix in ``induction_by_treatment``.
GROUPS: dict[str, str] = {"GC": "gc", "GC+IM": "gcim"}

# Which Table 2 rows feed which column of the cohort.
_ORGAN_LABELS: dict[str, str] = {
    "Mikulicz’s disease": "mikulicz_disease",
    "Dacryoadenitis": "dacryoadenitis",
    "Sialoadenitis": "sialoadenitis",
    "Autoimmune pancreatitis": "autoimmune_pancreatitis",
    "Sclerosing cholangitis": "sclerosing_cholangitis",
    "Retroperitoneal fibrosis": "retroperitoneal_fibrosis",
    "Lung disease": "lung_disease",
    "Sinusitis": "sinusitis",
    "Lymphadenopathy": "lymphadenopathy",
}
ORGAN_COLUMNS: tuple[str, ...] = tuple(_ORGAN_LABELS.values())
_CATEGORY_LABELS: dict[str, str] = {"1 ~ 2": "1-2", "3 ~ 4": "3-4", "≥ 5": ">=5"}
_CONTINUOUS_LABELS: dict[str, str] = {
    "Age (years)": "age_years",
    "Disease duration (months)": "disease_duration_months",
    "IgG4-RD RI": "ri_baseline",
    "Eosinophils (%)": "eosinophils_pct",
    "ESR (mm/h)": "esr_mm_per_h",
    "CRP (mg/L)": "crp_mg_per_l",
    "IgG (g/L)": "igg_g_per_l",
    "IgG4 (mg/L)": "igg4_mg_per_l",
    "IgE (kU/L)": "ige_ku_per_l",
    "Initial GC dose": "initial_gc_dose_mg_per_day",
}
_MONTH6_LABELS: dict[str, str] = {
    "ESR (mm/h)": "esr_month6_mm_per_h",
    "CRP (mg/L)": "crp_month6_mg_per_l",
    "IgG4 (mg/L)": "igg4_month6_mg_per_l",
}
_OUTCOME_LABELS: dict[str, str] = {
    "RI reduction <50%": "ri_decline_below_50pct",
    "Relapse": "relapse_during_taper",
    "Failure of GC tapering": "gc_not_tapered",
    "Failure of remission induction": "failure",
}
# Sites counted towards the organ count: the glands (Mikulicz's disease) count once.
_SITES: tuple[str, ...] = (
    "mikulicz_disease", "autoimmune_pancreatitis", "sclerosing_cholangitis",
    "retroperitoneal_fibrosis", "lung_disease", "sinusitis", "lymphadenopathy",
)
_Q = tuple[float, float, float]
# (low, high, decimals, log-scale interpolation, rounding step or None)
_SHAPE: dict[str, tuple[float, float, int, bool, float | None]] = {
    "age_years": (9, 83, 0, False, None),
    "disease_duration_months": (0.3, 240, 1, True, None),
    "ri_baseline": (3, 32, 0, False, None),
    "eosinophils_pct": (0.1, 35, 1, True, None),
    "esr_mm_per_h": (1, 130, 0, True, None),
    "crp_mg_per_l": (0.05, 120, 2, True, None),
    "igg_g_per_l": (7, 60, 2, True, None),
    "igg4_mg_per_l": (200, 90000, 0, True, 10.0),
    "ige_ku_per_l": (5, 6000, 1, True, None),
    "initial_gc_dose_mg_per_day": (30, 60, 0, False, 5.0),
}
_MONTH6_SHAPE: dict[str, tuple[float, float, int, bool, float | None]] = {
    "esr_month6_mm_per_h": (1, 90, 0, True, None),
    "crp_month6_mg_per_l": (0.05, 80, 2, True, None),
    "igg4_month6_mg_per_l": (100, 30000, 0, True, 10.0),
}
# Month-6 prednisone-equivalent doses (mg/day) and the agents patients are recorded on.
_DOSES_TAPERED = (5.0, 7.5, 10.0)
_DOSES_NOT_TAPERED = (12.5, 15.0, 20.0, 30.0)
_AGENTS = ("prednisone", "methylprednisolone", "prednisolone")
_AGENT_P = (0.85, 0.1, 0.05)
_AGENT_FACTOR = {"prednisone": 1.0, "prednisolone": 1.0, "methylprednisolone": 0.8}

COLUMNS: tuple[str, ...] = (
    "patient_id", "treatment", "immunosuppressant", "sex", "age_years", "diagnosis_cdc2011",
    "disease_duration_months", "allergy_history", "n_organs_involved", "organ_count_category",
    *ORGAN_COLUMNS,
    "eosinophils_pct", "esr_mm_per_h", "crp_mg_per_l", "igg_g_per_l", "igg4_mg_per_l",
    "ige_ku_per_l", "initial_gc_dose_mg_per_day", "ri_baseline", "ri_month6",
    "gc_agent_month6", "gc_agent_dose_mg_per_day_month6", "relapsed_by_month6",
    "esr_month6_mm_per_h", "crp_month6_mg_per_l", "igg4_month6_mg_per_l",
    "retreatment", "retreatment_followup", "remission_after_retreatment", "second_relapse",
)


@dataclass(frozen=True)
class Margins:
    """The published counts and quartiles the synthetic cohort is built to match, read from
    ``data/published/`` (so no number is typed twice), plus the invented choices that the
    paper leaves open (diagnostic split between groups)."""

    group_sizes: dict[str, int]
    outcomes: dict[str, dict[str, int]]
    patterns: dict[str, dict[tuple[bool, bool, bool], int]]
    im_agents: dict[str, int]
    sex: dict[str, tuple[int, int]]
    diagnosis: dict[str, dict[str, int]]
    allergy: dict[str, tuple[int, int, int]]
    organ_categories: dict[str, dict[str, int]]
    organs: dict[str, dict[str, int]]
    baseline: dict[str, dict[str, _Q]]
    month6: dict[str, dict[bool, _Q]]
    retreatment: dict[str, int]
    retreatment_followup: int
    retreatment_remission: int
    second_relapse: int


@validated(rules=[
    Rule("count", lambda a: a["count"] <= a["n_max"], "at most n_max ({n_max})"),
    _printed_to_decimals("percent"),
])
def implied_denominators(
    count: Patients,
    percent: Annotated[Percent, at.Gt(0)],
    decimals: Decimals = 1,
    n_max: Annotated[PositivePatients, at.Le(MAX_EXACT_TOTAL)] = 10_000,
) -> list[int]:
    """Every denominator ``n >= count`` for which ``100 * count / n`` prints as ``percent``.

    Recovers the denominator a table used when it printed only "count (percent%)".  The
    rounding rule is :func:`igg4lib.trial.consistent_event_counts`'s (ties count as
    consistent: 1 of 16 = 6.25% prints as 6.3%); ``percent`` has at most ``decimals``
    decimal places (a finer value is refused, not rounded).

    >>> implied_denominators(73, 53.7)
    [136]
    >>> implied_denominators(42, 54.5)
    [77]
    """
    scale = 10**decimals
    printed_units = round(float(percent) * scale)
    return [n for n in range(max(count, 1), n_max + 1)
            if _rounds_to(count, n, printed_units, scale)]


@validated(rules=[
    Rule("failure", lambda a: a["failure"] == a["ri_fail"] + a["relapse"],
         "ri_fail + relapse ({ri_fail} + {relapse}): RI failures did not relapse"),
    Rule("taper_fail", lambda a: 0 <= a["taper_fail"] - a["ri_fail"] <= a["relapse"],
         "between ri_fail ({ri_fail}) and ri_fail + relapse"),
    Rule("failure", lambda a: a["failure"] <= a["n"], "at most n ({n})"),
])
def outcome_patterns(n: Patients, ri_fail: Patients, relapse: Patients, taper_fail: Patients,
                     failure: Patients) -> dict[tuple[bool, bool, bool], int]:
    """Split a group's month-6 outcome counts into patients per pattern.

    Patterns are (RI decline < 50%, GC not tapered, relapsed).  The paper's text fixes the
    overlap: the patients with RI decline < 50% had persistently active disease (they did
    not relapse) and all of them also failed tapering; so failures = RI failures + relapses,
    and the remaining tapering failures are relapsed patients.

    >>> p = outcome_patterns(77, ri_fail=2, relapse=14, taper_fail=8, failure=16)
    >>> p[(True, True, False)], p[(False, True, True)], p[(False, False, True)]
    (2, 6, 8)
    >>> p[(False, False, False)]
    61
    """
    relapse_and_taper = taper_fail - ri_fail
    return {
        (True, True, False): ri_fail,
        (False, True, True): relapse_and_taper,
        (False, False, True): relapse - relapse_and_taper,
        (False, False, False): n - failure,
    }


def _split_men(total_men: int, sizes: dict[str, int], ratios: dict[str, float]) -> dict:
    """Men per group such that each group's men:women ratio prints as given."""
    gc, gcim = sizes
    fits = [
        m for m in range(1, sizes[gc])
        if round(m / (sizes[gc] - m), 2) == ratios[gc]
        and 0 < total_men - m < sizes[gcim]
        and round((total_men - m) / (sizes[gcim] - total_men + m), 2) == ratios[gcim]
    ]
    if len(fits) != 1:
        raise ValueError(f"sex ratios {ratios} and {total_men} men fit {fits}; expected one")
    m = fits[0]
    return {gc: (m, sizes[gc] - m), gcim: (total_men - m, sizes[gcim] - total_men + m)}


def _largest_remainder(total: dict[str, int], sizes: dict[str, int]) -> dict[str, dict]:
    """Invented split of cohort-wide category counts into groups, proportional to size."""
    n = sum(sizes.values())
    out: dict[str, dict[str, int]] = {}
    first, second = sizes
    share = {k: v * sizes[first] / n for k, v in total.items()}
    base = {k: int(np.floor(v)) for k, v in share.items()}
    left = sizes[first] - sum(base.values())
    for k in sorted(share, key=lambda k: -(share[k] - base[k]))[:left]:
        base[k] += 1
    out[first] = base
    out[second] = {k: total[k] - base[k] for k in total}
    return out


@validated
@cache
def margins() -> Margins:
    """Read the margins the cohort must match from ``data/published/`` (cached).

    >>> m = margins()
    >>> m.group_sizes, m.allergy["GC+IM"]
    ({'GC': 77, 'GC+IM': 138}, (73, 63, 2))
    """
    from igg4lib import data

    tab2 = data.load("induction_by_treatment")
    tab1 = data.load("induction_baseline")
    row = tab2.set_index("label")

    def value(label: str, group: str, field: str) -> float:
        return row.at[label, f"{GROUPS[group]}_{field}"]

    sizes = {g: int(value("Failure of remission induction", g, "group_size")) for g in GROUPS}
    outcomes = {
        g: {key: int(value(label, g, "count")) for label, key in _OUTCOME_LABELS.items()}
        for g in GROUPS
    }
    patterns = {
        g: outcome_patterns(sizes[g], outcomes[g]["ri_decline_below_50pct"],
                            outcomes[g]["relapse_during_taper"], outcomes[g]["gc_not_tapered"],
                            outcomes[g]["failure"])
        for g in GROUPS
    }
    t1 = tab1.set_index("label")
    sex = _split_men(int(t1.at["Male patients", "count"]), sizes,
                     {g: float(value("Sex (male:female)", g, "ratio")) for g in GROUPS})
    diagnosis = _largest_remainder(
        {k.lower(): int(t1.at[k, "count"]) for k in ("Definite", "Probable", "Possible")}, sizes)
    allergy = {}
    for g in GROUPS:
        yes = int(value("Allergy history", g, "count"))
        dens = implied_denominators(yes, float(value("Allergy history", g, "percent")),
                                    n_max=sizes[g])
        if not dens:
            raise ValueError(f"allergy history of group {g}: no denominator fits the percent")
        den = max(dens)
        allergy[g] = (yes, den - yes, sizes[g] - den)
    organ_categories = {
        g: {cat: int(value(label, g, "count")) for label, cat in _CATEGORY_LABELS.items()}
        for g in GROUPS
    }
    organs = {g: {col: int(value(label, g, "count")) for label, col in _ORGAN_LABELS.items()}
              for g in GROUPS}
    baseline = {
        col: {g: (float(value(label, g, "q1")), float(value(label, g, "median")),
                  float(value(label, g, "q3"))) for g in GROUPS}
        for label, col in _CONTINUOUS_LABELS.items()
    }
    sero = data.load("induction_month6_serology").set_index(["label", "outcome"])
    month6 = {
        col: {ok: tuple(float(sero.at[(label, "success" if ok else "failure"), k])
                        for k in ("q1", "median", "q3"))
              for ok in (True, False)}
        for label, col in _MONTH6_LABELS.items()
    }
    regimens = data.load("induction_regimens")
    im_agents = dict(zip(regimens["label"].str.replace(" ", ""),
                         regimens["patients"].astype(int), strict=True))
    re = data.load("induction_retreatment")
    first = re[re["stage"] == "re-treatment of the relapses"]
    retreatment = dict(zip(first["label"], first["count"].astype(int), strict=True))
    follow = re[re["stage"] == "follow-up after re-treatment"].set_index("label")["count"]
    return Margins(
        group_sizes=sizes, outcomes=outcomes, patterns=patterns, im_agents=im_agents, sex=sex,
        diagnosis=diagnosis, allergy=allergy, organ_categories=organ_categories, organs=organs,
        baseline=baseline, month6=month6, retreatment=retreatment,
        retreatment_followup=int(follow["follow-up data available"]),
        retreatment_remission=int(follow["remission after re-treatment"]),
        second_relapse=int(follow["another relapse after remission"]),
    )


def _labels(rng: np.random.Generator, counts: dict) -> list:
    """Exactly ``counts[k]`` copies of each key ``k``, in random order."""
    out: list = []
    for key, k in counts.items():
        out.extend([key] * k)
    order = rng.permutation(len(out))
    return [out[i] for i in order]


def _quartile_draw(
    rng: np.random.Generator,
    n: int,
    q: _Q,
    shape: tuple[float, float, int, bool, float | None],
) -> np.ndarray:
    """n values whose sample quartiles sit on (or, after rounding, next to) ``q``.

    The values are the quantile function evaluated at n evenly spaced probabilities from 0
    to 1, where the quantile function is piecewise linear (or log-linear) through the
    invented minimum, the printed quartiles and the invented maximum; they are then
    shuffled.  With evenly spaced probabilities, the sample quartiles (pandas' default,
    linear interpolation) fall back on the printed ones.  Written by hand because no
    library offers a distribution defined by printed quartiles alone."""
    low, high, decimals, log, step = shape
    q1, med, q3 = q
    probs = [0.0, 0.25, 0.5, 0.75, 1.0]
    values = [low, q1, med, q3, high]
    u = np.linspace(0.0, 1.0, n)
    if log:
        x = np.exp(np.interp(u, probs, np.log(values)))
    else:
        x = np.interp(u, probs, values)
    if step is not None:
        x = np.round(x / step) * step
    x = np.round(x, decimals)
    return x[rng.permutation(n)]


def _organs(rng: np.random.Generator, m: Margins, group: str, n: int) -> pd.DataFrame:
    """Organ-count categories and organ flags with exact per-group counts, consistent
    within each patient (flagged sites never exceed the organ count)."""
    for _attempt in range(1000):
        cats = np.array(_labels(rng, m.organ_categories[group]))
        n_org = np.where(
            cats == "1-2", rng.integers(1, 3, size=n),
            np.where(cats == "3-4", rng.integers(3, 5, size=n), 5 + rng.poisson(1.2, size=n)),
        )
        capacity = n_org.copy()
        flags = {s: np.zeros(n, dtype=bool) for s in _SITES}
        ok = True
        for site in sorted(_SITES, key=lambda s: -m.organs[group][s]):
            k = m.organs[group][site]
            eligible = np.flatnonzero(capacity > 0)
            if len(eligible) < k:
                ok = False
                break
            w = capacity[eligible].astype(float)
            chosen = rng.choice(eligible, size=k, replace=False, p=w / w.sum())
            flags[site][chosen] = True
            capacity[chosen] -= 1
        if ok:
            break
    else:  # pragma: no cover - the margins are feasible; this guards a future edit
        raise RuntimeError(f"could not place the organ flags of group {group!r}")
    # Split the gland site into lacrimal and salivary involvement with exact counts.
    glands = np.flatnonzero(flags["mikulicz_disease"])
    d, s, g = (m.organs[group][c] for c in ("dacryoadenitis", "sialoadenitis",
                                           "mikulicz_disease"))
    kinds = _labels(rng, {"both": d + s - g, "dacryo": g - s, "sialo": g - d})
    dacryo = np.zeros(n, dtype=bool)
    sialo = np.zeros(n, dtype=bool)
    for idx, kind in zip(glands, kinds, strict=True):
        dacryo[idx] = kind in ("both", "dacryo")
        sialo[idx] = kind in ("both", "sialo")
    out = pd.DataFrame({"n_organs_involved": n_org, "organ_count_category": cats})
    for col in ORGAN_COLUMNS:
        if col == "dacryoadenitis":
            out[col] = dacryo
        elif col == "sialoadenitis":
            out[col] = sialo
        else:
            out[col] = flags[col]
    return out


def _ri_month6(rng: np.random.Generator, baseline: np.ndarray, ri_fail: np.ndarray,
               boundary: np.ndarray) -> np.ndarray:
    """Lowest RI by month 6: <= half the baseline when goal 1 is met, above it otherwise.
    ``boundary`` marks patients placed exactly on the 50% boundary (even baselines)."""
    out = np.empty(len(baseline), dtype=int)
    for i, b in enumerate(baseline.astype(int)):
        if ri_fail[i]:
            out[i] = rng.integers(b // 2 + 1, b + 1)
        elif boundary[i]:
            out[i] = b // 2
        else:
            out[i] = int(np.floor(b * rng.uniform(0.0, 0.45)))
    return out


def _group_frame(rng: np.random.Generator, m: Margins, group: str) -> pd.DataFrame:
    n = m.group_sizes[group]
    df = pd.DataFrame({"treatment": [group] * n})
    df["immunosuppressant"] = _labels(rng, m.im_agents) if group == "GC+IM" else ["none"] * n
    men, women = m.sex[group]
    df["sex"] = _labels(rng, {"male": men, "female": women})
    df["diagnosis_cdc2011"] = _labels(rng, m.diagnosis[group])
    yes, no, missing = m.allergy[group]
    df["allergy_history"] = pd.array(_labels(rng, {True: yes, False: no, None: missing}),
                                     dtype="boolean")
    df = pd.concat([df, _organs(rng, m, group, n)], axis=1)
    for col, targets in m.baseline.items():
        df[col] = _quartile_draw(rng, n, targets[group], _SHAPE[col])
    # Outcomes: exact patterns, assigned at random (independently of baseline).
    patterns = _labels(rng, m.patterns[group])
    ri_fail = np.array([p[0] for p in patterns])
    gc_fail = np.array([p[1] for p in patterns])
    relapsed = np.array([p[2] for p in patterns])
    even_ok = (~ri_fail) & (df["ri_baseline"].to_numpy() % 2 == 0)
    boundary = even_ok & (rng.uniform(size=n) < 0.08)
    df["ri_month6"] = _ri_month6(rng, df["ri_baseline"].to_numpy(), ri_fail, boundary)
    pred = np.where(gc_fail, rng.choice(_DOSES_NOT_TAPERED, size=n),
                    rng.choice(_DOSES_TAPERED, size=n))
    agents = rng.choice(_AGENTS, size=n, p=_AGENT_P)
    df["gc_agent_month6"] = agents
    df["gc_agent_dose_mg_per_day_month6"] = [
        round(p * _AGENT_FACTOR[a], 2) for p, a in zip(pred, agents, strict=True)
    ]
    df["relapsed_by_month6"] = relapsed
    return df


@validated
def synthetic_cohort(seed: Seed = DEFAULT_SEED) -> pd.DataFrame:
    """Build the SYNTHETIC 215-patient induction cohort (deterministic for a given seed).

    Parameters
    ----------
    seed
        Seed of :func:`numpy.random.default_rng`; the committed file uses
        :data:`DEFAULT_SEED`.

    Returns
    -------
    pandas.DataFrame
        One row per synthetic patient, columns :data:`COLUMNS` (described in
        ``data/synthetic/synthetic_induction_cohort.resource.json``), with
        ``attrs["synthetic"] = True``.

    Examples
    --------
    >>> a, b = synthetic_cohort(7), synthetic_cohort(7)
    >>> a.equals(b)
    True
    >>> int(synthetic_cohort()["relapsed_by_month6"].sum())
    23

    Reference: margins from Wang L et al. Arthritis Res Ther 2018;20:65 (Tables 1-2,
    Results, Fig. 4); everything else is invented (see the module docstring).
    """
    m = margins()
    rng = np.random.default_rng(int(seed))
    df = pd.concat([_group_frame(rng, m, g) for g in GROUPS], ignore_index=True)
    # Month-6 serology by outcome (Fig. 4): drawn within success / failure.
    failed = (
        (2 * df["ri_month6"] > df["ri_baseline"])
        | (df["gc_agent_dose_mg_per_day_month6"]
           / df["gc_agent_month6"].map(_AGENT_FACTOR) > 10)
        | df["relapsed_by_month6"]
    ).to_numpy()
    for col, targets in m.month6.items():
        values = np.empty(len(df))
        for success in (True, False):
            idx = np.flatnonzero(failed != success)
            values[idx] = _quartile_draw(rng, len(idx), targets[success], _MONTH6_SHAPE[col])
        df[col] = values
    # Re-treatment of the relapsed patients.
    relapsed_idx = np.flatnonzero(df["relapsed_by_month6"].to_numpy())
    df["retreatment"] = pd.array([None] * len(df), dtype="string")
    df.loc[relapsed_idx, "retreatment"] = _labels(rng, m.retreatment)
    for col in ("retreatment_followup", "remission_after_retreatment", "second_relapse"):
        df[col] = pd.array([None] * len(df), dtype="boolean")
    n_rel = len(relapsed_idx)
    follow = np.array(_labels(rng, {True: m.retreatment_followup,
                                    False: n_rel - m.retreatment_followup}))
    df.loc[relapsed_idx, "retreatment_followup"] = follow
    followed = relapsed_idx[follow]
    remission = np.array(_labels(rng, {True: m.retreatment_remission,
                                       False: len(followed) - m.retreatment_remission}))
    df.loc[followed, "remission_after_retreatment"] = remission
    remitted = followed[remission]
    df.loc[remitted, "second_relapse"] = _labels(
        rng, {True: m.second_relapse, False: len(remitted) - m.second_relapse})
    # Final shuffle so that row order says nothing about treatment, then identifiers.
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df.insert(0, "patient_id", [f"SYN-{i:03d}" for i in range(1, len(df) + 1)])
    for col in ("age_years", "esr_mm_per_h", "ri_baseline", "initial_gc_dose_mg_per_day",
                "esr_month6_mm_per_h", "igg4_mg_per_l", "igg4_month6_mg_per_l"):
        df[col] = df[col].round().astype("int64")
    df = df.loc[:, list(COLUMNS)]
    df.attrs = {"name": COHORT_NAME, "synthetic": True}
    return df


@validated
def synthetic_cohort_csv(seed: Seed = DEFAULT_SEED) -> str:
    """The CSV text of :func:`synthetic_cohort` exactly as it is committed (``\\n`` line ends,
    booleans as ``true``/``false``, missing values as empty cells).

    >>> synthetic_cohort_csv().splitlines()[0].split(",")[:3]
    ['patient_id', 'treatment', 'immunosuppressant']
    """
    df = synthetic_cohort(seed).copy()
    for col in df.columns:
        if str(df[col].dtype) in ("bool", "boolean"):
            df[col] = df[col].map(
                lambda v: "" if v is pd.NA or v is None else ("true" if v else "false")
            )
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n", na_rep="")
    return buf.getvalue()


@validated
def write_synthetic_cohort(path: Text | Path | None = None, seed: Seed = DEFAULT_SEED) -> Path:
    """Write the synthetic cohort CSV (default: ``data/synthetic/<COHORT_NAME>.csv``).

    After rewriting the committed file, refresh the manifest:
    ``python -m igg4lib.data manifest``.
    """
    from igg4lib import data

    target = Path(path) if path is not None else data.DATA_DIR / "synthetic" / f"{COHORT_NAME}.csv"
    target.write_text(synthetic_cohort_csv(seed), encoding="utf-8")
    return target


def _main(argv: Sequence[str]) -> int:
    print(f"wrote {write_synthetic_cohort()}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_main(sys.argv[1:]))
