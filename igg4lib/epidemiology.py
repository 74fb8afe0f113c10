"""Who gets IgG4-RD: the share of men in different published populations.

Sources print the sex of their patients in different forms: the PUMCH induction cohort gives
counts of men and women (data set ``induction_baseline``), a Japanese multicentre study gives
a count of men, and a US claims study gives a percentage of women (data set
``epidemiology_sex``).  :func:`men_by_population` puts them on one scale, the share of men with
its Wilson 95% interval, and says for each row whether the count was printed or derived.
:func:`men_share_differences` compares every pair of populations directly (a difference
with its own interval), because two overlapping intervals do not show that two shares agree.

A count derived from a printed percentage is the unique whole number that rounds to it
(:func:`igg4lib.trial.consistent_event_counts`); when no count or more than one does, the
function raises instead of guessing.

Examples
--------
>>> from igg4lib import data
>>> men = men_by_population(data.load("induction_baseline"), data.load("epidemiology_sex"))
>>> men[["source", "patients", "men"]].to_dict("records")[0]
{'source': 'wang2018', 'patients': 215, 'men': 148}
>>> men.loc[men["source"] == "wallace2023", "count_from"].item()
'derived: the only count of women out of 524 that prints as 57.6%'
"""

from __future__ import annotations

import pandas as pd

from igg4lib.stats import compare_proportions, wilson_ci
from igg4lib.trial import consistent_event_counts

__all__ = ["COLUMNS", "men_by_population", "men_share_differences", "organ_involvement"]

#: Columns of the frame :func:`men_by_population` returns, in order.
COLUMNS: tuple[str, ...] = (
    "source",
    "label",
    "setting",
    "country",
    "patients",
    "men",
    "percent_men",
    "ci_low",
    "ci_high",
    "printed",
    "count_from",
)

_PUMCH = {
    "source": "wang2018",
    "label": "PUMCH induction cohort",
    "setting": "single-centre referral cohort",
    "country": "China",
}


def _require(frame: pd.DataFrame, name: str, columns: tuple[str, ...]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name}: got {type(frame).__name__}; expected a pandas DataFrame")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}; expected {list(columns)}")


def _pumch_row(baseline: pd.DataFrame) -> dict[str, object]:
    _require(baseline, "baseline", ("label", "count"))
    counts = {}
    for label in ("Male patients", "Female patients"):
        rows = baseline.loc[baseline["label"] == label, "count"]
        if len(rows) != 1 or pd.isna(rows.iloc[0]):
            raise ValueError(
                f"baseline: expected exactly one {label!r} row with a count; found {len(rows)}"
            )
        counts[label] = int(rows.iloc[0])
    men, women = counts["Male patients"], counts["Female patients"]
    printed = baseline.loc[baseline["label"] == "Male patients", "printed"]
    return {
        **_PUMCH,
        "patients": men + women,
        "men": men,
        "printed": str(printed.iloc[0]) if len(printed) else f"{men} male",
        "count_from": "printed counts of men and women",
    }


def _other_row(row: pd.Series) -> dict[str, object]:
    where = f"epidemiology_sex ({row['source']})"
    n = int(row["patients"])
    has_count, has_pct = pd.notna(row["count"]), pd.notna(row["percent"])
    if has_count == has_pct:
        raise ValueError(
            f"{where}: count is {row['count']!r} and percent {row['percent']!r}; expected "
            "exactly one of them"
        )
    if has_count:
        count = int(row["count"])
        if not 0 <= count <= n:
            raise ValueError(f"{where}: count is {count}; expected 0 to patients ({n})")
        count_from = f"printed count of {row['share_of']}"
    else:
        readings = consistent_event_counts(float(row["percent"]), n)
        if len(readings.crude_counts) != 1:
            raise ValueError(
                f"{where}: percent {row['percent']} of {n} patients fits the counts "
                f"{list(readings.crude_counts)}; expected exactly one"
            )
        count = readings.crude_counts[0]
        count_from = (
            f"derived: the only count of {row['share_of']} out of {n} that prints as "
            f"{row['percent']}%"
        )
    if row["share_of"] == "men":
        men = count
    elif row["share_of"] == "women":
        men = n - count
    else:
        raise ValueError(f"{where}: share_of is {row['share_of']!r}; expected 'men' or 'women'")
    return {
        "source": row["source"],
        "label": row["label"],
        "setting": row["setting"],
        "country": row["country"],
        "patients": n,
        "men": men,
        "printed": row["printed"],
        "count_from": count_from,
    }


ORGAN_SECTION = "Organ involvement, n (%)"


def organ_involvement(baseline: pd.DataFrame) -> pd.DataFrame:
    """How often each organ was involved at baseline, most frequent first.

    Parameters
    ----------
    baseline
        A cohort's baseline table shaped like the data set ``induction_baseline``: rows of
        the section ``"Organ involvement, n (%)"`` with ``label``, ``count`` and
        ``denominator``.

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``count``, ``denominator`` and ``percent`` (0-100), sorted by
        ``percent`` from highest to lowest, index 0..n-1.  A patient can count in several
        rows, so the percentages need not sum to 100.

    >>> import pandas as pd
    >>> base = pd.DataFrame({"section": [ORGAN_SECTION] * 2 + ["Other"],
    ...                      "label": ["Kidney", "Pancreas", "Age"],
    ...                      "count": [10, 30, 50], "denominator": [100, 100, 100]})
    >>> organ_involvement(base)[["label", "percent"]].to_dict("records")
    [{'label': 'Pancreas', 'percent': 30.0}, {'label': 'Kidney', 'percent': 10.0}]
    """
    _require(baseline, "baseline", ("section", "label", "count", "denominator"))
    organs = baseline.loc[baseline["section"] == ORGAN_SECTION,
                          ["label", "count", "denominator"]]
    if organs.empty:
        raise ValueError(f"baseline: no rows in the section {ORGAN_SECTION!r}")
    if organs[["count", "denominator"]].isna().any().any() or (organs["denominator"] <= 0).any():
        raise ValueError("baseline: every organ row needs a count and a positive denominator")
    if (organs["count"] > organs["denominator"]).any():
        raise ValueError("baseline: an organ count is larger than its denominator")
    organs = organs.assign(percent=100 * organs["count"].astype(float) / organs["denominator"])
    return organs.sort_values("percent", ascending=False, kind="stable").reset_index(drop=True)


def men_by_population(baseline: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """The share of men in each population, with its Wilson 95% interval.

    Parameters
    ----------
    baseline
        The PUMCH cohort's baseline table (data set ``induction_baseline``): rows labelled
        ``"Male patients"`` and ``"Female patients"`` with a ``count``.
    others
        The data set ``epidemiology_sex``: one row per other population.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``percent_men``, ``ci_low`` and ``ci_high`` in percent; the
        PUMCH cohort first, then the other rows in their order.

    Raises
    ------
    ValueError
        A column is missing, a row has both or neither of count and percent, a count is
        larger than the population, or a printed percentage fits no single whole count.

    >>> import pandas as pd
    >>> base = pd.DataFrame({"label": ["Male patients", "Female patients"],
    ...                      "count": [3, 1], "printed": ["3 male", "1 female"]})
    >>> other = pd.DataFrame([{"source": "x", "label": "X", "setting": "claims database",
    ...     "country": "Y", "patients": 10, "printed": "60.0% female", "share_of": "women",
    ...     "count": None, "percent": 60.0}])
    >>> men_by_population(base, other)["men"].tolist()
    [3, 4]
    """
    _require(
        others,
        "others",
        ("source", "label", "setting", "country", "patients", "printed", "share_of", "count",
         "percent"),
    )
    rows = [_pumch_row(baseline)] + [_other_row(r) for _, r in others.iterrows()]
    for row in rows:
        ci = wilson_ci(int(row["men"]), int(row["patients"]))
        row["percent_men"] = 100 * ci.estimate
        row["ci_low"] = 100 * ci.ci_low
        row["ci_high"] = 100 * ci.ci_high
    return pd.DataFrame(rows, columns=list(COLUMNS))


def men_share_differences(men: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Difference in the share of men between every pair of populations.

    Judging a difference by whether two separate intervals overlap is misleading (they can
    overlap while the difference is clearly non-zero), so each pair is compared directly:
    the difference in percentage points with Newcombe's hybrid score interval and the
    two-sided Fisher exact p-value, from :func:`igg4lib.stats.compare_proportions`.

    Parameters
    ----------
    men
        The output of :func:`men_by_population` (columns ``source``, ``men``, ``patients``).
    level
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per pair in the order of ``men``: ``source_1``, ``source_2``,
        ``difference_points`` (share of men in 1 minus share in 2), ``ci_low``,
        ``ci_high`` (percentage points) and ``p_fisher``.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"source": ["a", "b"], "men": [30, 20], "patients": [40, 40]})
    >>> d = men_share_differences(m).iloc[0]
    >>> d["source_1"], d["source_2"], round(float(d["difference_points"]), 1)
    ('a', 'b', 25.0)
    """
    _require(men, "men", ("source", "men", "patients"))
    rows = []
    records = men.to_dict(orient="records")
    for i, first in enumerate(records):
        for second in records[i + 1:]:
            c = compare_proportions(
                int(first["men"]), int(first["patients"]),
                int(second["men"]), int(second["patients"]), level,
            )
            rows.append(
                {
                    "source_1": first["source"],
                    "source_2": second["source"],
                    "difference_points": 100 * c.risk_difference,
                    "ci_low": 100 * c.rd_ci_low,
                    "ci_high": 100 * c.rd_ci_high,
                    "p_fisher": c.p_fisher,
                }
            )
    return pd.DataFrame(
        rows, columns=["source_1", "source_2", "difference_points", "ci_low", "ci_high",
                       "p_fisher"],
    )
