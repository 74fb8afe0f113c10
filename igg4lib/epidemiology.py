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

Every frame argument is checked where it is called (:mod:`igg4lib._validation`): a missing
column, a negative or non-whole count, a count above its total, a percentage outside 0-100
or a row with both or neither of a count and a percentage is refused with a message naming
the argument, the column and the row.

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
import pandera.pandas as pa

from igg4lib._validation import (
    MAX_EXACT_TOTAL,
    MAX_PATIENTS,
    Frame,
    InvalidArgument,
    Level,
    count_column,
    frame_schema,
    rows_at_most,
    text_column,
    validated,
)
from igg4lib.stats import compare_proportions, wilson_ci
from igg4lib.trial import _printed_percent_column, consistent_event_counts

__all__ = [
    "COLUMNS",
    "MAX_POPULATIONS",
    "ORGAN_SECTION",
    "men_by_population",
    "men_share_differences",
    "organ_involvement",
]

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


#: Most populations :func:`men_share_differences` compares: every pair is tested, so the
#: work grows with the square of the number of rows (50 populations, 1,225 pairs).
MAX_POPULATIONS: int = 50

_SEX_LABELS = ("Male patients", "Female patients")


def _sex_rows(df: pd.DataFrame) -> bool:
    """Exactly one row of men and one of women, each with a count, not both zero, and
    together at most MAX_PATIENTS."""
    try:
        counts = []
        for label in _SEX_LABELS:
            rows = df.loc[df["label"] == label, "count"]
            if len(rows) != 1 or pd.isna(rows.iloc[0]):
                return False
            counts.append(float(rows.iloc[0]))
        return 1 <= sum(counts) <= MAX_PATIENTS
    except (KeyError, TypeError, ValueError):
        return True  # reported by the column checks


_BASELINE_SEX = frame_schema(
    {
        "label": text_column(),
        "count": count_column(nullable=True),
        "printed": text_column(),
    },
    checks=[pa.Check(_sex_rows, element_wise=False,
                     error="exactly one 'Male patients' row and one 'Female patients' row, "
                     f"each with a count, together 1 to {MAX_PATIENTS} patients")],
)


def _one_of_count_and_percent(df: pd.DataFrame) -> pd.Series | bool:
    try:
        return df["count"].notna() != df["percent"].notna()
    except KeyError:
        return True  # reported as a missing column


def _percent_rows_enumerable(df: pd.DataFrame) -> pd.Series | bool:
    try:
        patients = pd.to_numeric(df["patients"], errors="coerce")
        return df["percent"].isna() | ~(patients > MAX_EXACT_TOTAL)
    except KeyError:
        return True  # reported as a missing column


_OTHERS = frame_schema(
    {
        "source": text_column(unique=True),
        "label": text_column(),
        "setting": text_column(),
        "country": text_column(),
        "patients": count_column(minimum=1),
        "printed": text_column(),
        "share_of": text_column(isin=("men", "women")),
        "count": count_column(nullable=True),
        "percent": _printed_percent_column(nullable=True),
    },
    checks=[
        rows_at_most("count", "patients"),
        pa.Check(_percent_rows_enumerable,
                 error=f"patients at most {MAX_EXACT_TOTAL:,} in every row given as a percent "
                 "(every whole count of the patients is tried; give a count instead)"),
        pa.Check(_one_of_count_and_percent,
                 error="exactly one of count and percent in every row"),
    ],
    min_rows=0,
)


def _pumch_row(baseline: pd.DataFrame) -> dict[str, object]:
    counts = {
        label: int(baseline.loc[baseline["label"] == label, "count"].iloc[0])
        for label in _SEX_LABELS
    }
    men, women = counts["Male patients"], counts["Female patients"]
    printed = baseline.loc[baseline["label"] == "Male patients", "printed"]
    return {
        **_PUMCH,
        "patients": men + women,
        "men": men,
        "printed": str(printed.iloc[0]),
        "count_from": "printed counts of men and women",
    }


def _other_row(index: object, row: pd.Series) -> dict[str, object]:
    n = int(row["patients"])
    if pd.notna(row["count"]):
        count = int(row["count"])
        count_from = f"printed count of {row['share_of']}"
    else:
        readings = consistent_event_counts(float(row["percent"]), n)
        if len(readings.crude_counts) != 1:
            raise InvalidArgument(
                f"men_by_population: argument 'others', row {index!r} (source "
                f"{row['source']!r}): percent {row['percent']} of {n} patients fits the counts "
                f"{list(readings.crude_counts)}; expected exactly one"
            )
        count = readings.crude_counts[0]
        count_from = (
            f"derived: the only count of {row['share_of']} out of {n} that prints as "
            f"{row['percent']}%"
        )
    men = count if row["share_of"] == "men" else n - count
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


#: The section of a baseline table that lists organ involvement.
ORGAN_SECTION = "Organ involvement, n (%)"


def _organ_rows_counted(df: pd.DataFrame) -> pd.Series | bool:
    try:
        organ = df["section"] == ORGAN_SECTION
        denominator = pd.to_numeric(df["denominator"], errors="coerce")
        return ~organ | (df["count"].notna() & (denominator >= 1))
    except KeyError:
        return True  # reported as a missing column


def _some_organ_rows(df: pd.DataFrame) -> bool:
    return "section" not in df or bool((df["section"] == ORGAN_SECTION).any())


def _organ_labels_once(df: pd.DataFrame) -> pd.Series | bool:
    try:
        organ = df["section"] == ORGAN_SECTION
        return ~(organ & df.loc[:, "label"].where(organ).duplicated(keep="first"))
    except KeyError:
        return True  # reported as a missing column


_BASELINE_ORGANS = frame_schema(
    {
        "section": text_column(),
        "label": text_column(),
        "count": count_column(nullable=True),
        "denominator": count_column(nullable=True),
    },
    checks=[
        pa.Check(_some_organ_rows, element_wise=False,
                 error=f"at least one row in the section {ORGAN_SECTION!r}"),
        pa.Check(_organ_rows_counted,
                 error=f"a count and a denominator >= 1 in every row of {ORGAN_SECTION!r}"),
        pa.Check(_organ_labels_once, error="each organ label once in the organ section"),
        rows_at_most("count", "denominator"),
    ],
)


@validated(frames={"baseline": _BASELINE_ORGANS})
def organ_involvement(baseline: Frame) -> pd.DataFrame:
    """How often each organ was involved at baseline, most frequent first.

    Parameters
    ----------
    baseline
        A cohort's baseline table shaped like the data set ``induction_baseline``: rows of
        the section :data:`ORGAN_SECTION` (at least one, each organ once) with ``label``,
        ``count`` and ``denominator`` (a count <= its denominator, a denominator >= 1).

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
    organs = baseline.loc[baseline["section"] == ORGAN_SECTION,
                          ["label", "count", "denominator"]]
    organs = organs.assign(percent=100 * organs["count"].astype(float) / organs["denominator"])
    return organs.sort_values("percent", ascending=False, kind="stable").reset_index(drop=True)


@validated(frames={"baseline": _BASELINE_SEX, "others": _OTHERS})
def men_by_population(baseline: Frame, others: Frame) -> pd.DataFrame:
    """The share of men in each population, with its Wilson 95% interval.

    Parameters
    ----------
    baseline
        The PUMCH cohort's baseline table (data set ``induction_baseline``): exactly one row
        labelled ``"Male patients"`` and one ``"Female patients"``, each with a ``count``,
        and a ``printed`` column.
    others
        The data set ``epidemiology_sex``: one row per other population (none is allowed),
        each with exactly one of ``count`` (at most ``patients``) and ``percent`` (0-100,
        printed to at most one decimal place, in a row of at most
        :data:`~igg4lib._validation.MAX_EXACT_TOTAL` patients), ``share_of`` ``"men"`` or
        ``"women"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``percent_men``, ``ci_low`` and ``ci_high`` in percent; the
        PUMCH cohort first, then the other rows in their order.

    Raises
    ------
    InvalidArgument
        (a ``ValueError``) A column is missing, a row has both or neither of count and
        percent, a count is larger than the population, or a printed percentage fits no
        single whole count.

    >>> import pandas as pd
    >>> base = pd.DataFrame({"label": ["Male patients", "Female patients"],
    ...                      "count": [3, 1], "printed": ["3 male", "1 female"]})
    >>> other = pd.DataFrame([{"source": "x", "label": "X", "setting": "claims database",
    ...     "country": "Y", "patients": 10, "printed": "60.0% female", "share_of": "women",
    ...     "count": None, "percent": 60.0}])
    >>> men_by_population(base, other)["men"].tolist()
    [3, 4]
    """
    rows = [_pumch_row(baseline)] + [_other_row(i, r) for i, r in others.iterrows()]
    for row in rows:
        ci = wilson_ci(int(row["men"]), int(row["patients"]))
        row["percent_men"] = 100 * ci.estimate
        row["ci_low"] = 100 * ci.ci_low
        row["ci_high"] = 100 * ci.ci_high
    return pd.DataFrame(rows, columns=list(COLUMNS))


_MEN = frame_schema(
    {
        "source": text_column(unique=True),
        "men": count_column(),
        "patients": count_column(minimum=1),
    },
    checks=[
        rows_at_most("men", "patients"),
        pa.Check(lambda df: len(df) <= MAX_POPULATIONS, element_wise=False,
                 error=f"at most {MAX_POPULATIONS} rows (MAX_POPULATIONS)"),
    ],
)


@validated(frames={"men": _MEN})
def men_share_differences(men: Frame, level: Level = 0.95) -> pd.DataFrame:
    """Difference in the share of men between every pair of populations.

    The order of the rows is the order of the pairs: each difference is the earlier
    population minus the later one, named in its columns, so rows in another order give
    the same differences the other way round.

    Judging a difference by whether two separate intervals overlap is misleading (they can
    overlap while the difference is clearly non-zero), so each pair is compared directly:
    the difference in percentage points with Newcombe's hybrid score interval and the
    two-sided Fisher exact p-value, from :func:`igg4lib.stats.compare_proportions`.

    Parameters
    ----------
    men
        The output of :func:`men_by_population` (columns ``source``, each population once,
        ``men`` and ``patients``, men <= patients); at most :data:`MAX_POPULATIONS` rows.
    level
        Confidence level of the intervals, strictly between 0 and 1.

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
