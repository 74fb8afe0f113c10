"""Shared pieces of the example calls of the API fuzz test: small valid inputs built from
the book's data, and the mutations that are valid input for every module."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

_TMP: list[Path] = [Path("/nonexistent")]


def tmp() -> Path:
    """The directory the example calls of writing functions write into (set by the test)."""
    return _TMP[0]


def set_tmp(path: Path) -> None:
    _TMP[0] = path


@cache
def _load(name: str) -> pd.DataFrame:
    from igg4lib import data

    return data.load(name)


def _frame(name: str, columns: list[str] | None = None, rows: slice | None = None,
           where: tuple[str, list[Any]] | None = None) -> pd.DataFrame:
    df = _load(name)
    if where is not None:
        df = df[df[where[0]].isin(where[1])]
    if rows is not None:
        df = df.iloc[rows]
    if columns is not None:
        df = df[columns]
    return df.reset_index(drop=True).copy()


@cache
def _small_figure() -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlabel("Months")
    return fig


def _small_targets() -> Any:
    from igg4lib import riskcohort as rc

    return rc.CohortTargets(
        eosinophilia={"yes": (2, 1), "no": (2, 0), "missing": (0, 0)},
        ri_quartile={1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (1, 1)},
        organs={"1-2": (2, 0), "3-4": (1, 0), ">=5": (1, 1)},
        dacryoadenitis={False: (2, 0), True: (2, 1)},
        groups={"0": (1, 0), "1": (2, 0), "2": (0, 0), "3-4": (1, 1)},
    )


@cache
def _small_solution() -> Any:
    from igg4lib import riskcohort as rc

    return rc.solve_cells(_small_targets())


def _groups() -> pd.DataFrame:
    from igg4lib import risk

    return risk.risk_groups_table({"0": 36, "1": 21, "2": 13, "3-4": 7},
                                  {"0": 3, "1": 3, "2": 5, "3-4": 5})


def _arms() -> pd.DataFrame:
    return pd.DataFrame({"arm": ["A", "B", "C"], "events": [25, 7, 6], "n": [48, 49, 49]})


def _sim_cohort() -> pd.DataFrame:
    from igg4lib import trial

    arms = pd.DataFrame({"arm": ["A", "B"], "n": [12, 12], "risk_18m": [0.5, 0.2]})
    return trial.simulate_relapse_times(arms, seed=3)[["arm", "time_months", "relapsed"]]


def _vignettes() -> pd.DataFrame:
    return _frame("synthetic_vignettes", rows=slice(0, 3)).drop(
        columns=["summary", "teaching_point"])


FINDINGS = {"entry_criterion_met": True, "exclusions": "", "histopathology": "uninformative",
            "staining_done": True, "igg4_igg_ratio_pct": 45.0, "igg4_cells_per_hpf": 12.0,
            "serum_igg4_mg_dl": 300.0, "gland_sets": 1, "chest": "none",
            "pancreas_biliary": "none", "kidney": "none",
            "retroperitoneum": "periaortic_soft_tissue"}

def _assessed() -> pd.DataFrame:
    from igg4lib import induction

    df = pd.DataFrame({"treatment": ["GC", "GC", "GC+IM"], "ri_baseline": [12, 12, 10],
                       "ri_month6": [6, 7, 2], "gc_dose_mg_per_day_month6": [10.0, 5.0, 5.0],
                       "relapsed_by_month6": [False, False, True]})
    return induction.assess_cohort(df, keep=["treatment"])


def _ledger_rows() -> pd.DataFrame:
    from igg4lib import ledger

    return ledger.build_ledger().iloc[:4].reset_index(drop=True)


def _small_patients() -> pd.DataFrame:
    from igg4lib import riskcohort as rc

    return rc.patients_from_cells(_small_solution().cells, seed=5)


def _scored() -> pd.DataFrame:
    from igg4lib import criteria

    return criteria.score_vignettes(_vignettes())


#: Mutations that are valid input in every module, with the reason.
VALID: dict[tuple[str, str, str], str] = {
    ("*", "seed", "huge"): "every whole number >= 0 is a seed",
    ("*", "prior_?", "huge"): "a prior worth 10^12 patients is extreme but well defined",
}
