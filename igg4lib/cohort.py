"""A SYNTHETIC teaching cohort of 215 patients built to match the remission-induction paper.

No row of this cohort is a real patient.  :func:`synthetic_cohort` invents 215 patients
whose *aggregate counts* reproduce what Wang et al. (2018) printed, so that students can
classify patients with :func:`igg4lib.induction.assess_cohort` and recover the paper's
month-6 outcome table themselves.  The generator is deterministic: the same seed gives the
same frame, and :func:`write_synthetic_cohort` writes the same bytes.

What the cohort matches, and how (the chapter and the data descriptor repeat this):

**Exactly** (counts fixed by construction, then shuffled among patients):

- 77 GC monotherapy and 138 GC + immunosuppressant (IM) patients; the IM agents
  (CTX 67, MMF 47, MTX 12, AZA 6, T2 3, LEF 1, CyA 1, CTX+LEF 1);
- month-6 outcomes per group (Table 2): RI decline < 50% 2 and 1, relapse 14 and 9,
  failure of GC tapering 8 and 9, overall failure 16 and 10; overall 189 in remission
  without relapse, 23 relapsed, 3 persistently active, and the three with RI decline
  < 50% all also failed tapering (Results and Discussion);
- sex per group (52:25 and 96:42, i.e. 2.08:1 and 2.29:1; 148 men, 67 women);
- diagnostic certainty totals (102 definite, 10 probable, 103 possible);
- allergy history 42/77 and 73/136, with 2 combination-therapy patients missing;
- organ-count categories (1-2, 3-4, >= 5 organs) and nine organ-involvement counts
  per group (Table 2);
- re-treatment of the 23 relapsed patients (6, 12, 2, 3 by regimen), follow-up after
  re-treatment in 21, remission in 17 of them and a second relapse in 9 of those 17.

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
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "COHORT_NAME",
    "DEFAULT_SEED",
    "GROUPS",
    "OUTCOME_PATTERNS",
    "synthetic_cohort",
    "synthetic_cohort_csv",
    "write_synthetic_cohort",
]

#: Name of the data set (``data/synthetic/<COHORT_NAME>.csv``).
COHORT_NAME = "synthetic_induction_cohort"
#: The seed of the committed file.
DEFAULT_SEED = 2018
#: Treatment groups and their sizes (Table 2).
GROUPS: dict[str, int] = {"GC": 77, "GC+IM": 138}

#: Month-6 outcome patterns per group: (RI decline < 50%, GC not tapered, relapsed) -> count.
#: Derived from Table 2 and the text: failures = RI-decline failures + relapses (the 3
#: persistently active patients did not relapse), and every tapering failure lies inside
#: those (all 3 RI-decline failures also failed tapering; the rest are relapses).
OUTCOME_PATTERNS: dict[str, dict[tuple[bool, bool, bool], int]] = {
    "GC": {
        (True, True, False): 2,  # persistently active disease
        (False, True, True): 6,  # relapsed and not tapered to <= 10 mg/day
        (False, False, True): 8,  # relapsed, tapered
        (False, False, False): 61,  # all three goals met
    },
    "GC+IM": {
        (True, True, False): 1,
        (False, True, True): 8,
        (False, False, True): 1,
        (False, False, False): 128,
    },
}

_IM_AGENTS: dict[str, int] = {
    "CTX": 67, "MMF": 47, "MTX": 12, "AZA": 6, "T2": 3, "LEF": 1, "CyA": 1, "CTX+LEF": 1,
}
_SEX: dict[str, tuple[int, int]] = {"GC": (52, 25), "GC+IM": (96, 42)}
# Invented split of 102 definite / 10 probable / 103 possible, proportional to group size.
_DIAGNOSIS: dict[str, dict[str, int]] = {
    "GC": {"definite": 37, "probable": 4, "possible": 36},
    "GC+IM": {"definite": 65, "probable": 6, "possible": 67},
}
# Allergy history yes / no / missing (Table 2 prints 73/136 for the combination group).
_ALLERGY: dict[str, tuple[int, int, int]] = {"GC": (42, 35, 0), "GC+IM": (73, 63, 2)}
_ORGAN_CATEGORIES: dict[str, dict[str, int]] = {
    "GC": {"1-2": 32, "3-4": 35, ">=5": 10},
    "GC+IM": {"1-2": 46, "3-4": 66, ">=5": 26},
}
# Table 2 organ involvement, per group.
_ORGANS: dict[str, dict[str, int]] = {
    "GC": {
        "mikulicz_disease": 51, "dacryoadenitis": 35, "sialoadenitis": 46,
        "autoimmune_pancreatitis": 34, "sclerosing_cholangitis": 22,
        "retroperitoneal_fibrosis": 10, "lung_disease": 17, "sinusitis": 25,
        "lymphadenopathy": 53,
    },
    "GC+IM": {
        "mikulicz_disease": 87, "dacryoadenitis": 60, "sialoadenitis": 78,
        "autoimmune_pancreatitis": 57, "sclerosing_cholangitis": 36,
        "retroperitoneal_fibrosis": 40, "lung_disease": 45, "sinusitis": 37,
        "lymphadenopathy": 86,
    },
}
ORGAN_COLUMNS: tuple[str, ...] = tuple(_ORGANS["GC"])
# Sites counted towards the organ count: the glands (Mikulicz's disease) count once.
_SITES: tuple[str, ...] = (
    "mikulicz_disease", "autoimmune_pancreatitis", "sclerosing_cholangitis",
    "retroperitoneal_fibrosis", "lung_disease", "sinusitis", "lymphadenopathy",
)

# Quartile targets: (q1, median, q3) as printed, plus invented tails (low, high).
# Where Table 3 gives the median of the lowest and highest RI quartile (7 and 21), those
# become knots at the 12.5th and 87.5th centiles.
_Q = tuple[float, float, float]
_BASELINE: dict[str, dict[str, _Q]] = {
    "age_years": {"GC": (45, 54, 61), "GC+IM": (48, 54, 62)},
    "disease_duration_months": {"GC": (4, 12, 24), "GC+IM": (4, 12, 36)},
    "ri_baseline": {"GC": (10, 13, 18), "GC+IM": (10, 15, 18)},
    "eosinophils_pct": {"GC": (1.7, 3.3, 6.2), "GC+IM": (1.4, 3.2, 6.4)},
    "esr_mm_per_h": {"GC": (9, 25, 53), "GC+IM": (10, 25, 65)},
    "crp_mg_per_l": {"GC": (0.79, 2.06, 11.24), "GC+IM": (1.29, 4.01, 10.32)},
    "igg_g_per_l": {"GC": (14.24, 18.83, 25.54), "GC+IM": (15.2, 18.9, 23.68)},
    "igg4_mg_per_l": {"GC": (3590, 10200, 18800), "GC+IM": (3480, 8955, 18075)},
    "ige_ku_per_l": {"GC": (178, 510, 881), "GC+IM": (119, 256, 728)},
    "initial_gc_dose_mg_per_day": {"GC": (35, 40, 50), "GC+IM": (40, 40, 50)},
}
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
_MONTH6: dict[str, dict[bool, _Q]] = {  # keyed by success
    "esr_month6_mm_per_h": {False: (4, 11, 27), True: (2, 5, 9)},
    "crp_month6_mg_per_l": {False: (0.70, 2.60, 29.94), True: (0.36, 0.73, 1.83)},
    "igg4_month6_mg_per_l": {False: (2413, 3570, 6443), True: (859, 1870, 3928)},
}
_MONTH6_SHAPE: dict[str, tuple[float, float, int, bool, float | None]] = {
    "esr_month6_mm_per_h": (1, 90, 0, True, None),
    "crp_month6_mg_per_l": (0.05, 80, 2, True, None),
    "igg4_month6_mg_per_l": (100, 30000, 0, True, 10.0),
}
_RETREATMENT: dict[str, int] = {
    "increased GC and added or changed IM": 6,
    "added or changed IM": 12,
    "increased GC": 2,
    "methylprednisolone pulse": 3,
}
_RETREATMENT_FOLLOWUP = 21
_RETREATMENT_REMISSION = 17
_SECOND_RELAPSE = 9

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
    knots: tuple[float, float] | None = None,
) -> np.ndarray:
    """n values whose sample quartiles sit near ``q``: stratified draws from a quantile
    function that is piecewise linear (or log-linear) through the printed quartiles and
    invented tails.  Written by hand because no library offers a distribution defined by
    printed quartiles alone."""
    low, high, decimals, log, step = shape
    q1, med, q3 = q
    probs = [0.0, 0.25, 0.5, 0.75, 1.0]
    values = [low, q1, med, q3, high]
    if knots is not None:
        probs = [0.0, 0.125, 0.25, 0.5, 0.75, 0.875, 1.0]
        values = [low, knots[0], q1, med, q3, knots[1], high]
    u = (np.arange(n) + rng.uniform(size=n)) / n
    if log:
        x = np.exp(np.interp(u, probs, np.log(values)))
    else:
        x = np.interp(u, probs, values)
    if step is not None:
        x = np.round(x / step) * step
    x = np.round(x, decimals)
    return x[rng.permutation(n)]


def _organs(rng: np.random.Generator, group: str, n: int) -> pd.DataFrame:
    """Organ-count categories and organ flags with exact per-group counts, consistent
    within each patient (flagged sites never exceed the organ count)."""
    for _attempt in range(1000):
        cats = np.array(_labels(rng, _ORGAN_CATEGORIES[group]))
        n_org = np.where(
            cats == "1-2", rng.integers(1, 3, size=n),
            np.where(cats == "3-4", rng.integers(3, 5, size=n), 5 + rng.poisson(1.2, size=n)),
        )
        capacity = n_org.copy()
        flags = {s: np.zeros(n, dtype=bool) for s in _SITES}
        ok = True
        for site in sorted(_SITES, key=lambda s: -_ORGANS[group][s]):
            k = _ORGANS[group][site]
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
    d, s, g = (_ORGANS[group][c] for c in ("dacryoadenitis", "sialoadenitis",
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


def _group_frame(rng: np.random.Generator, group: str) -> pd.DataFrame:
    n = GROUPS[group]
    df = pd.DataFrame({"treatment": [group] * n})
    df["immunosuppressant"] = _labels(rng, _IM_AGENTS) if group == "GC+IM" else ["none"] * n
    men, women = _SEX[group]
    df["sex"] = _labels(rng, {"male": men, "female": women})
    df["diagnosis_cdc2011"] = _labels(rng, _DIAGNOSIS[group])
    yes, no, missing = _ALLERGY[group]
    df["allergy_history"] = pd.array(_labels(rng, {True: yes, False: no, None: missing}),
                                     dtype="boolean")
    df = pd.concat([df, _organs(rng, group, n)], axis=1)
    for col, targets in _BASELINE.items():
        knots = (7.0, 21.0) if col == "ri_baseline" else None
        df[col] = _quartile_draw(rng, n, targets[group], _SHAPE[col], knots)
    # Outcomes: exact patterns, assigned at random (independently of baseline).
    patterns = _labels(rng, {k: v for k, v in OUTCOME_PATTERNS[group].items()})
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


def synthetic_cohort(seed: int = DEFAULT_SEED) -> pd.DataFrame:
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
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed is {seed!r}; expected a non-negative integer")
    rng = np.random.default_rng(int(seed))
    df = pd.concat([_group_frame(rng, g) for g in GROUPS], ignore_index=True)
    # Month-6 serology by outcome (Fig. 4): drawn within success / failure.
    failed = (
        (2 * df["ri_month6"] > df["ri_baseline"])
        | (df["gc_agent_dose_mg_per_day_month6"]
           / df["gc_agent_month6"].map(_AGENT_FACTOR) > 10)
        | df["relapsed_by_month6"]
    ).to_numpy()
    for col, targets in _MONTH6.items():
        values = np.empty(len(df))
        for success in (True, False):
            idx = np.flatnonzero(failed != success)
            values[idx] = _quartile_draw(rng, len(idx), targets[success], _MONTH6_SHAPE[col])
        df[col] = values
    # Re-treatment of the relapsed patients.
    relapsed_idx = np.flatnonzero(df["relapsed_by_month6"].to_numpy())
    df["retreatment"] = pd.array([None] * len(df), dtype="string")
    df.loc[relapsed_idx, "retreatment"] = _labels(rng, _RETREATMENT)
    for col in ("retreatment_followup", "remission_after_retreatment", "second_relapse"):
        df[col] = pd.array([None] * len(df), dtype="boolean")
    n_rel = len(relapsed_idx)
    follow = np.array(_labels(rng, {True: _RETREATMENT_FOLLOWUP,
                                    False: n_rel - _RETREATMENT_FOLLOWUP}))
    df.loc[relapsed_idx, "retreatment_followup"] = follow
    followed = relapsed_idx[follow]
    remission = np.array(_labels(rng, {True: _RETREATMENT_REMISSION,
                                       False: len(followed) - _RETREATMENT_REMISSION}))
    df.loc[followed, "remission_after_retreatment"] = remission
    remitted = followed[remission]
    df.loc[remitted, "second_relapse"] = _labels(
        rng, {True: _SECOND_RELAPSE, False: len(remitted) - _SECOND_RELAPSE})
    # Final shuffle so that row order says nothing about treatment, then identifiers.
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df.insert(0, "patient_id", [f"SYN-{i:03d}" for i in range(1, len(df) + 1)])
    for col in ("age_years", "esr_mm_per_h", "ri_baseline", "initial_gc_dose_mg_per_day",
                "esr_month6_mm_per_h", "igg4_mg_per_l", "igg4_month6_mg_per_l"):
        df[col] = df[col].round().astype("int64")
    df = df.loc[:, list(COLUMNS)]
    df.attrs = {"name": COHORT_NAME, "synthetic": True}
    return df


def synthetic_cohort_csv(seed: int = DEFAULT_SEED) -> str:
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


def write_synthetic_cohort(path: str | Path | None = None, seed: int = DEFAULT_SEED) -> Path:
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
