"""Every number the diagnosis chapter's prose, captions and alt text use.

Computed from ``data/`` (``acr_eular_2019_weights``, ``diagnosis_thresholds``,
``diagnosis_acr_eular_counts``, ``diagnosis_acr_eular_validation``, ``induction_baseline``,
``synthetic_vignettes``) with :mod:`igg4lib.criteria` and formatted with
:mod:`igg4lib.book.format`; ``chapters/diagnosis.md`` glues them in one removed cell.

Every sentence of the chapter that states a verdict, a total or a summary resting on the
ACR/EULAR weights takes its wording about the unconfirmed weights from here, so the prose
cannot call a verdict settled that rests on a weight nobody could check.

>>> f = facts()
>>> f["diagnosis_threshold"], f["diagnosis_max_total"]
(20, 101)
>>> f["diagnosis_v4_uncertain_domains"]
4
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, get_args

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandas.io.formats.style import Styler
from pydantic import AfterValidator, BeforeValidator, InstanceOf
from typing_extensions import TypedDict

from igg4lib import criteria, data
from igg4lib._validation import (
    Count,
    Frame,
    Rule,
    StrictFlag,
    Text,
    count_column,
    flag_column,
    frame_schema,
    rows_at_most,
    text_column,
    validated,
)
from igg4lib.book import format as fmt
from igg4lib.book.display import table

__all__ = [
    "STATUS_WORDS",
    "ULN_EXERCISE_MG_DL",
    "changed_verdicts",
    "cohort_categories_table",
    "facts",
    "result_table",
    "uncertainty_note",
    "uncertainty_table",
    "verdicts_table",
    "weights_table",
]

#: How each weight was checked, in words (the ``status`` column of the weights table).
STATUS_WORDS: dict[str, str] = {
    "confirmed": "read in the source",
    "confirmed_secondary": "read in a published reproduction",
    "unconfirmed": "not confirmed (secondary summary)",
}

#: The alternative upper limit of normal (mg/dL) the ULN exercise asks the reader to try.
ULN_EXERCISE_MG_DL: float = 201.0

_DOMAIN_WORDS = {
    "histopathology": "histopathology",
    "immunostaining": "immunostaining",
    "serum_igg4": "serum IgG4",
    "glands": "glands",
    "chest": "chest",
    "pancreas_biliary": "pancreas and biliary tree",
    "kidney": "kidney",
    "retroperitoneum": "retroperitoneum",
}


#: The categories of the Japanese diagnostic criteria (the ``cdc_2011`` and ``cdc_2020``
#: columns of :func:`igg4lib.criteria.score_vignettes`).
_CDC_CATEGORIES: tuple[str, ...] = get_args(criteria.CdcCategory)
#: Largest number of ACR/EULAR points a table reads (far above the criteria's own maximum).
_MAX_POINTS = 100 * len(criteria.DOMAINS)


def _domain_names(value: object) -> list[str]:
    """The domains of a comma-separated ``uncertain_domains`` value."""
    return [d.strip() for d in str(value).split(",") if d.strip()]


def _known_domains(value: str) -> str:
    unknown = [d for d in _domain_names(value) if d not in _DOMAIN_WORDS]
    if unknown:
        raise ValueError(
            f"domain names separated by ',' among {', '.join(criteria.DOMAINS)} "
            f"({', '.join(map(repr, unknown))} is not one)"
        )
    return value


#: A comma-separated list of ACR/EULAR domains ("" for none).
_Domains = Annotated[Text, AfterValidator(_known_domains)]


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("a non-blank string")
    return value


#: A name shown in a heading or a caption: a string with some text in it.
_Name = Annotated[Text, AfterValidator(_non_blank)]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


class _NoteRow(TypedDict):
    """The fields of one row of :func:`igg4lib.criteria.weight_uncertainty` that
    :func:`uncertainty_note` reads (other fields are allowed and ignored)."""

    rests_on_uncertain: StrictFlag
    uncertain_domains: _Domains
    safe_error_points: Annotated[Count | None, BeforeValidator(
        lambda v: None if _missing(v) else v)]


def _as_mapping(value: object) -> object:
    """A row as a dict, with every field :func:`uncertainty_note` reads."""
    row = value.to_dict() if isinstance(value, pd.Series) else value
    if not isinstance(row, Mapping):
        raise ValueError("a row of weight_uncertainty (a Series or a mapping)")
    missing = [k for k in _NoteRow.__annotations__ if k not in row]
    if missing:
        raise ValueError(f"a row of weight_uncertainty with the field(s) "
                         f"{', '.join(map(repr, missing))} (missing)")
    return row


def _note_row_consistent(row: _NoteRow) -> _NoteRow:
    if row["rests_on_uncertain"] and (
        not _domain_names(row["uncertain_domains"]) or not row["safe_error_points"]
    ):
        raise ValueError(
            "a row that rests on uncertain weights to name at least one domain in "
            "uncertain_domains and to give safe_error_points (a whole number >= 1)"
        )
    return row


#: One row of :func:`igg4lib.criteria.weight_uncertainty` (a Series or a mapping).
_UncertaintyRow = Annotated[_NoteRow, BeforeValidator(_as_mapping),
                            AfterValidator(_note_row_consistent)]


def _codes(value: str) -> list[str]:
    """The codes of a ';'-separated ``exclusions_fired`` value."""
    return [code.strip() for code in value.split(";") if code.strip()]


@cache
def _exclusion_codes() -> frozenset[str]:
    return frozenset(criteria.exclusion_items())


def _exclusion_codes_ok(value: object) -> bool:
    return isinstance(value, str) and all(c in _exclusion_codes() for c in _codes(value))


def _exclusions_column() -> pa.Column:
    """``exclusions_fired``: exclusion codes separated by ';' ('' when none fired)."""
    return pa.Column(None, checks=[pa.Check(
        lambda s: s[s.notna()].map(_exclusion_codes_ok).astype(bool),
        error="a string of exclusion codes separated by ';' ('' for none; see "
        "criteria.exclusion_items())")])


def _verdicts_agree(df: pd.DataFrame) -> pd.Series | bool:
    """Classified exactly when the entry criterion is met, no exclusion fired and the total
    reaches the threshold."""
    try:
        flag = df["classified"].map(lambda v: v if isinstance(v, bool | np.bool_) else None)
        entry = df["entry_criterion_met"].map(
            lambda v: v if isinstance(v, bool | np.bool_) else None)
        excluded = df["exclusions_fired"].map(
            lambda v: bool(_codes(v)) if isinstance(v, str) else None)
        total = pd.to_numeric(df["total_points"], errors="coerce")
    except KeyError:
        return True  # reported as a missing column
    known = flag.notna() & entry.notna() & excluded.notna() & total.notna()
    rule = (entry.astype(bool) & ~excluded.astype(bool)
            & (total >= criteria.ACR_EULAR_THRESHOLD_POINTS))
    return ~known | (flag.astype(bool) == rule)


def _scored_schema(*, title: bool) -> pa.DataFrameSchema:
    """The columns of :func:`igg4lib.criteria.score_vignettes` a verdicts table reads."""
    columns = {
        "vignette_id": text_column(unique=True),
        "total_points": count_column(maximum=_MAX_POINTS),
        "entry_criterion_met": flag_column(),
        "exclusions_fired": _exclusions_column(),
        "classified": flag_column(),
        "cdc_2011": text_column(isin=_CDC_CATEGORIES),
        "cdc_2020": text_column(isin=_CDC_CATEGORIES),
    }
    if title:
        columns["title"] = text_column()
    return frame_schema(columns, checks=[pa.Check(
        _verdicts_agree, error=f"classified exactly when entry_criterion_met is True, "
        f"exclusions_fired is empty and total_points >= {criteria.ACR_EULAR_THRESHOLD_POINTS}")])


_VERDICTS = _scored_schema(title=True)
_SCORING = _scored_schema(title=False)


def _each_item_once(df: pd.DataFrame) -> pd.Series | bool:
    if "domain_label" not in df or "item_label" not in df:
        return True  # reported as a missing column
    return ~df.duplicated(["domain_label", "item_label"], keep="first")


_WEIGHTS = frame_schema(
    {
        "domain_label": text_column(),
        "item_label": text_column(),
        "points": count_column(maximum=_MAX_POINTS),
        "status": text_column(isin=list(STATUS_WORDS)),
    },
    checks=[pa.Check(_each_item_once, error="each item of a domain once")],
)

#: The section of ``induction_baseline`` that holds the diagnostic categories.
_DIAGNOSIS_SECTION = "Diagnosis, n (%)"


def _in_section(df: pd.DataFrame) -> pd.Series:
    return df["section"].map(lambda v: v == _DIAGNOSIS_SECTION).astype(bool)


def _some_categories(df: pd.DataFrame) -> bool:
    return "section" not in df or bool(_in_section(df).any())


def _categories_complete(df: pd.DataFrame) -> pd.Series | bool:
    if not {"section", "count", "denominator", "printed"} <= set(df.columns):
        return True  # reported as a missing column
    filled = df["count"].notna() & df["denominator"].notna() & df["printed"].notna()
    return ~_in_section(df) | filled


def _categories_once(df: pd.DataFrame) -> pd.Series | bool:
    if "section" not in df or "label" not in df:
        return True  # reported as a missing column
    inside = _in_section(df)
    return ~inside | ~df["label"].where(inside).duplicated(keep="first")


def _one_denominator(df: pd.DataFrame) -> bool:
    if "section" not in df or "denominator" not in df:
        return True  # reported as a missing column
    return df.loc[_in_section(df), "denominator"].nunique(dropna=True) <= 1


_BASELINE = frame_schema(
    {
        "section": text_column(),
        "label": text_column(),
        "count": count_column(nullable=True),
        "denominator": count_column(nullable=True, minimum=1),
        "printed": text_column(nullable=True),
    },
    checks=[
        pa.Check(_some_categories, element_wise=False,
                 error=f"rows in the section {_DIAGNOSIS_SECTION!r}"),
        pa.Check(_categories_complete, error=f"count, denominator and printed in every row "
                 f"of the section {_DIAGNOSIS_SECTION!r}"),
        pa.Check(_categories_once, error=f"each label once in the section "
                 f"{_DIAGNOSIS_SECTION!r}"),
        pa.Check(_one_denominator, element_wise=False,
                 error=f"one cohort: the same denominator in every row of the section "
                 f"{_DIAGNOSIS_SECTION!r}"),
        rows_at_most("count", "denominator"),
    ],
)


def _uncertainty_rows_agree(df: pd.DataFrame) -> pd.Series | bool:
    """A verdict that rests on uncertain weights names them and says how safe it is; one
    that does not has no safe error; the margin is the total minus the threshold."""
    needed = {"rests_on_uncertain", "uncertain_domains", "safe_error_points", "total_points",
              "margin_points"}
    if not needed <= set(df.columns):
        return True  # reported as a missing column
    flag = df["rests_on_uncertain"].map(
        lambda v: bool(v) if isinstance(v, bool | np.bool_) else None)
    known = flag.notna()
    rests = flag.map(lambda v: v is True).astype(bool)
    named = df["uncertain_domains"].map(lambda v: bool(_domain_names(v))).astype(bool)
    safe = df["safe_error_points"].notna()
    total = pd.to_numeric(df["total_points"], errors="coerce")
    margin = pd.to_numeric(df["margin_points"], errors="coerce")
    margin_ok = (margin == total - criteria.ACR_EULAR_THRESHOLD_POINTS) | total.isna() | (
        margin.isna())
    kind_ok = ~known | (rests & named & safe) | (~rests & ~safe)
    return margin_ok & kind_ok


def _domains_column() -> pa.Column:
    def ok(value: object) -> bool:
        if not isinstance(value, str):
            return False
        return all(d in _DOMAIN_WORDS for d in _domain_names(value))

    return pa.Column(None, checks=[pa.Check(
        lambda s: s[s.notna()].map(ok).astype(bool),
        error=f"domain names separated by ',' among {', '.join(criteria.DOMAINS)} ('' for "
        "none)")])


_UNCERTAINTY = frame_schema(
    {
        "vignette_id": text_column(unique=True),
        "total_points": count_column(maximum=_MAX_POINTS),
        "margin_points": count_column(minimum=-criteria.ACR_EULAR_THRESHOLD_POINTS,
                                      maximum=_MAX_POINTS),
        "uncertain_domains": _domains_column(),
        "rests_on_uncertain": flag_column(),
        "safe_error_points": count_column(nullable=True, minimum=1, maximum=_MAX_POINTS),
    },
    checks=[pa.Check(
        _uncertainty_rows_agree,
        error="margin_points = total_points - "
        f"{criteria.ACR_EULAR_THRESHOLD_POINTS}; where rests_on_uncertain is True, "
        "uncertain_domains names a domain and safe_error_points is given; where it is "
        "False, safe_error_points is empty")],
)


def _same_vignettes(arguments: Mapping[str, Any]) -> bool:
    return list(arguments["before"]["vignette_id"]) == list(arguments["after"]["vignette_id"])


def _words(domains: list[str] | tuple[str, ...]) -> str:
    names = [_DOMAIN_WORDS[d] for d in domains]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _comparator_words(row: pd.Series) -> str:
    unit = str(row["unit"])
    value = fmt.number(float(row["value"]), 0)
    words = "above" if row["comparator"] == ">" else "at or above"
    return f"{words} {value} {unit}" if unit != "%" else f"{words} {value}%"


@validated
def uncertainty_note(row: _UncertaintyRow) -> str:
    """The clause that says how far one case's verdict rests on unconfirmed weights.

    ``row`` is one row of :func:`igg4lib.criteria.weight_uncertainty` (a Series or a
    mapping): ``rests_on_uncertain`` (True or False), ``uncertain_domains`` (domain names
    separated by ',') and ``safe_error_points`` (a whole number >= 1 when the verdict rests
    on uncertain weights, else empty); other fields are ignored.

    >>> note = uncertainty_note({"rests_on_uncertain": True,
    ...                          "uncertain_domains": "glands, kidney", "safe_error_points": 3})
    >>> head, tail = note.split(" and is ")
    >>> head
    'this verdict rests on 2 unconfirmed weights (glands and kidney)'
    >>> tail
    'safe from any error smaller than 3 points in each'
    """
    if not row["rests_on_uncertain"]:
        return "the weights play no part in this verdict"
    domains = _domain_names(row["uncertain_domains"])
    k = len(domains)
    safe = int(row["safe_error_points"])
    weights = "weight" if k == 1 else "weights"
    head = f"this verdict rests on {k} unconfirmed {weights} ({_words(domains)})"
    if safe <= 1:
        return f"{head} and is not safe even from an error of one point in each"
    return f"{head} and is safe from any error smaller than {safe} points in each"


@validated
def facts() -> dict[str, object]:
    """Every number of ``chapters/diagnosis.md``, keyed ``diagnosis_...``."""
    out: dict[str, object] = {}
    w = criteria.weights()
    summary = criteria.weight_summary()
    threshold = criteria.ACR_EULAR_THRESHOLD_POINTS
    out["diagnosis_threshold"] = threshold
    out["diagnosis_n_items"] = summary.n_items
    out["diagnosis_n_domains"] = int(w["domain"].nunique())
    out["diagnosis_n_unconfirmed"] = summary.n_uncertain_items
    out["diagnosis_n_unconfirmed_zero"] = int(
        ((w["status"] == summary.status) & (w["points"] == 0)).sum()
    )
    out["diagnosis_unconfirmed_domains"] = _words(summary.uncertain_domains)
    out["diagnosis_max_single_domain"] = summary.largest_weight
    out["diagnosis_max_single_status"] = (
        "a weight read in a published reproduction of the table"
        if summary.largest_weight_status != summary.status
        else "an unconfirmed weight"
    )
    out["diagnosis_max_uncertain_weight"] = summary.largest_uncertain_weight
    out["diagnosis_max_uncertain_domain"] = _DOMAIN_WORDS[summary.largest_uncertain_domain]
    out["diagnosis_single_domain_margin"] = summary.single_domain_margin_points
    out["diagnosis_max_total"] = summary.max_total
    out["diagnosis_max_total_n_uncertain"] = len(summary.max_total_uncertain_domains)
    out["diagnosis_max_total_uncertain_domains"] = _words(summary.max_total_uncertain_domains)
    out["diagnosis_n_exclusions"] = len(criteria.exclusion_items())
    out["diagnosis_lowest_item_points"] = int(w.groupby("domain")["points"].min().max())

    # What the criteria paper printed (abstract)
    counts = data.load("diagnosis_acr_eular_counts").set_index("quantity")["count"]
    for key in ("subjects", "cases", "mimickers", "typical_organs", "exclusion_items"):
        out[f"diagnosis_paper_{key}"] = fmt.thousands(int(counts[key]))
    validation = data.load("diagnosis_acr_eular_validation").set_index(["cohort", "measure"])
    for cohort, word in ((1, "first"), (2, "second")):
        for measure in ("specificity", "sensitivity"):
            row = validation.loc[(cohort, measure)]
            key = f"diagnosis_{word}_{measure}"
            out[key] = fmt.number(float(row["estimate"]), 1) + "%"
            out[f"{key}_ci"] = fmt.interval(float(row["ci_low"]), float(row["ci_high"]), unit="%")

    # Thresholds of the Japanese criteria, as implemented, and the alternative reading
    t = criteria.thresholds()
    implemented = t[t["implemented"]].set_index(["criteria", "item"])
    serum_2011 = implemented.loc[("cdc_2011", "serum_igg4")]
    serum_2020 = implemented.loc[("cdc_2020", "serum_igg4")]
    ratio = implemented.loc[("cdc_2011", "igg4_igg_ratio")]
    cells = implemented.loc[("cdc_2011", "igg4_cells_per_hpf")]
    out["diagnosis_cdc_serum"] = _comparator_words(serum_2011)
    out["diagnosis_cdc_serum_cutoff"] = fmt.number(float(serum_2011["value"]), 0)
    out["diagnosis_cdc_serum_2011_printed"] = str(serum_2011["printed"])
    out["diagnosis_cdc_serum_2020_printed"] = str(serum_2020["printed"])
    japanese = t[
        (t["criteria"] == "cdc_2020") & (t["item"] == "serum_igg4") & ~t["implemented"]
    ].iloc[0]
    out["diagnosis_cdc_serum_2020_japanese"] = str(japanese["printed"])
    out["diagnosis_cdc_serum_2020_japanese_words"] = _comparator_words(japanese)
    out["diagnosis_cdc_staining"] = (
        f"IgG4+/IgG+ ratio {_comparator_words(ratio)} and "
        f"{'more than' if cells['comparator'] == '>' else 'at least'} "
        f"{fmt.number(float(cells['value']), 0)} IgG4+ cells/hpf"
    )
    out["diagnosis_uln_exercise"] = fmt.number(ULN_EXERCISE_MG_DL, 0)

    # The PUMCH cohort's diagnostic categories (Table 1)
    baseline = data.load("induction_baseline")
    dx = baseline[baseline["section"] == "Diagnosis, n (%)"].set_index("label")
    for label in ("Definite", "Probable", "Possible"):
        out[f"diagnosis_cohort_{label.lower()}_pct"] = fmt.percent(
            int(dx.loc[label, "count"]), int(dx.loc[label, "denominator"])
        )
    without_tissue = int(dx.loc["Possible", "count"])
    out["diagnosis_cohort_possible_share"] = fmt.percent(
        without_tissue, int(dx.loc["Possible", "denominator"])
    )

    # The synthetic vignettes and how far each verdict rests on unconfirmed weights
    vignettes = data.load("synthetic_vignettes")
    scored = criteria.score_vignettes(vignettes).set_index("vignette_id")
    u = criteria.weight_uncertainty(vignettes).set_index("vignette_id")
    for vid, row in scored.iterrows():
        key = str(vid).lower()
        out[f"diagnosis_{key}_total"] = int(row["total_points"])
        out[f"diagnosis_{key}_weights_note"] = uncertainty_note(u.loc[vid])
    out["diagnosis_v7_kidney"] = int(scored.loc["V7", "kidney"])
    out["diagnosis_v4_uncertain_domains"] = int(u.loc["V4", "n_uncertain_domains"])
    out["diagnosis_v4_uncertain_names"] = _words(
        [d.strip() for d in str(u.loc["V4", "uncertain_domains"]).split(",")]
    )
    fragile = u[u["safe_error_points"] == 1]
    out["diagnosis_n_fragile"] = len(fragile)
    ids = list(fragile.index)
    out["diagnosis_fragile_ids"] = (
        ", ".join(ids[:-1]) + " and " + ids[-1] if len(ids) > 1 else "".join(ids)
    )
    v5 = u.loc["V5"]
    out["diagnosis_v5_uncertain_points"] = int(v5["points_from_uncertain"])
    out["diagnosis_v5_all_points_uncertain"] = (
        "all" if int(v5["points_from_uncertain"]) == int(v5["total_points"]) else "some"
    )
    robust = u.dropna(subset=["safe_error_points"])
    most = robust["safe_error_points"].astype(int).idxmax()
    out["diagnosis_most_robust_id"] = str(most)
    out["diagnosis_most_robust_error"] = int(robust.loc[most, "safe_error_points"])
    rests = u[u["rests_on_uncertain"]]
    out["diagnosis_n_rest_on_uncertain"] = len(rests)
    out["diagnosis_n_vignettes"] = len(u)
    untouched = list(u.index[~u["rests_on_uncertain"]])
    out["diagnosis_untouched_ids"] = " and ".join(untouched)
    return out


# --------------------------------------------------------------------------------------
# The chapter's tables, for people (igg4lib.book.display.table)
# --------------------------------------------------------------------------------------


@validated(frames={"weights": _WEIGHTS})
def weights_table(weights: Frame | None = None) -> Styler:
    """The ACR/EULAR inclusion weights, one row per item, with how each was checked.

    ``weights`` is :func:`igg4lib.criteria.weights` (the default) or rows of it:
    ``domain_label``, ``item_label`` (each item of a domain once), ``points`` and ``status``
    (a key of :data:`STATUS_WORDS`).

    >>> t = weights_table()
    >>> list(t.data.columns)
    ['Points', 'Weight checked']
    """
    w = criteria.weights() if weights is None else weights
    shown = w.assign(checked=w["status"].map(STATUS_WORDS))
    return table(
        shown,
        {"domain_label": "Domain", "item_label": "Item", "points": "Points",
         "checked": "Weight checked"},
        caption="Inclusion weights of the 2019 ACR/EULAR classification criteria, as "
        "transcribed; only the highest item present in a domain counts.",
        formats={"points": "int"},
        index=["domain_label", "item_label"],
    )


@validated(frames={"baseline": _BASELINE})
def cohort_categories_table(baseline: Frame) -> Styler:
    """How many patients of the PUMCH cohort met the 2011 criteria as definite, probable, possible.

    ``baseline`` is shaped like the data set ``induction_baseline``: rows of the section
    ``"Diagnosis, n (%)"`` (each label once) with ``count`` <= ``denominator`` (one
    denominator, the cohort) and ``printed``; other rows are ignored.

    >>> t = cohort_categories_table(data.load("induction_baseline"))
    >>> t.data.index.tolist()
    ['Definite', 'Probable', 'Possible']
    """
    dx = baseline[_in_section(baseline)]
    dx = dx.assign(percent=100 * dx["count"].astype(float) / dx["denominator"])
    n = int(dx["denominator"].iloc[0])
    return table(
        dx,
        {"label": "Category (criteria of 2011)", "printed": "As printed, n (%)",
         "count": "Patients (n)", "percent": "Recomputed (%)"},
        caption=f"Diagnostic category at enrolment in the PUMCH cohort (n = {n}), Table 1 "
        "of Wang et al. 2018, with the percentages recomputed from the counts.",
        formats={"count": "int", "percent": "1dp"},
        index="label",
    )


@validated(frames={"scored": _VERDICTS})
def verdicts_table(scored: Frame) -> Styler:
    """The synthetic vignettes under the three sets of criteria, one row per case.

    ``scored`` is the output of :func:`igg4lib.criteria.score_vignettes` (the columns
    ``vignette_id``, each case once, ``title``, ``total_points``, ``entry_criterion_met``,
    ``exclusions_fired``, ``classified``, which must agree with the three steps, ``cdc_2011``
    and ``cdc_2020``).

    >>> scored = criteria.score_vignettes(data.load("synthetic_vignettes"))
    >>> verdicts_table(scored).data.loc["V2"].tolist()[1:]
    ['33', 'entry criterion not met', 'definite', 'definite']
    """
    why = scored.apply(_verdict_words, axis=1)
    return table(
        scored.assign(why=why),
        {"vignette_id": "Case", "title": "Summary", "total_points": "ACR/EULAR points",
         "why": "ACR/EULAR verdict", "cdc_2011": "Japanese 2011", "cdc_2020": "Japanese 2020"},
        caption="The synthetic vignettes scored under the ACR/EULAR criteria of 2019 and the "
        "Japanese diagnostic criteria of 2011 and 2020.",
        formats={"total_points": "int"},
        index="vignette_id", label="SYNTHETIC",
    )


def _verdict_words(row: pd.Series) -> str:
    if bool(row["classified"]):
        return "classified"
    if not bool(row["entry_criterion_met"]):
        return "entry criterion not met"
    if str(row["exclusions_fired"]).strip():
        return "excluded"
    return "below threshold"


@cache
def _exclusion_labels() -> dict[str, str]:
    """ACR/EULAR exclusion item code -> its label in words (``acr_eular_2019_exclusions``)."""
    frame = data.load("acr_eular_2019_exclusions")
    return dict(zip(frame["item"], frame["item_label"], strict=True))


def _lower(label: str) -> str:
    """A label inside a sentence: lower-case first letter unless the word is an acronym."""
    first = label.split(" ", 1)[0]
    return label if first[1:2].isupper() else label[:1].lower() + label[1:]


def _whole(value: object) -> bool:
    return (isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)
            and value >= 0)


def _result_consistent(result: criteria.AcrEularResult) -> bool:
    """A result as :func:`igg4lib.criteria.classify_acr_eular` builds it: whole points >= 0
    in every domain, the total their sum, a whole threshold >= 0."""
    points = list(result.points_by_domain.values())
    return (all(_whole(p) for p in points) and _whole(result.total_points)
            and _whole(result.threshold_points) and result.total_points == sum(points))


@validated(rules=[Rule(
    "result", lambda a: _result_consistent(a["result"]),
    "a result of classify_acr_eular: whole points >= 0 in every domain, total_points their "
    "sum and a whole threshold_points >= 0")])
def result_table(result: InstanceOf[criteria.AcrEularResult], name: _Name) -> Styler:
    """One case's ACR/EULAR result, step by step: entry, exclusions, points, verdict.

    ``result`` comes from :func:`igg4lib.criteria.classify_acr_eular`; ``name`` heads its
    column and names it in the caption.

    >>> r = criteria.classify_acr_eular(criteria.AcrEularCase(
    ...     entry_criterion_met=True, pancreas_biliary="pancreas_and_biliary"))
    >>> result_table(r, "Example").data.loc["Total points"].item()
    '19'
    """
    labels = _exclusion_labels()
    fired = [labels.get(item, item) for item in result.exclusions_fired]
    why = result.reason
    if result.exclusions_fired:  # the library's reason names the items by code
        why = f"excluded by {'; '.join(_lower(f) for f in fired)} (the score is not used)"
    rows = [("Step 1: entry criterion met", "yes" if result.entry_criterion_met else "no"),
            ("Step 2: exclusion items present", "; ".join(fired) or "none")]
    rows += [(f"Step 3: {_DOMAIN_WORDS[d]} (points)", str(p))
             for d, p in result.points_by_domain.items()]
    rows += [("Total points", str(result.total_points)),
             ("Verdict", result.verdict), ("Why", why)]
    frame = pd.DataFrame(rows, columns=["what", "value"])
    return table(frame, {"what": "Step", "value": name},
                 caption=f"The ACR/EULAR classification of {name}, step by step.",
                 index="what")


@validated(frames={"uncertainty": _UNCERTAINTY})
def uncertainty_table(uncertainty: Frame) -> Styler:
    """How far each vignette's verdict rests on the weights that could not be confirmed.

    ``uncertainty`` is the output of :func:`igg4lib.criteria.weight_uncertainty` (the columns
    ``vignette_id``, each case once, ``total_points``, ``margin_points``,
    ``uncertain_domains``, ``rests_on_uncertain`` and ``safe_error_points``, which agree
    with each other).

    >>> u = criteria.weight_uncertainty(data.load("synthetic_vignettes"))
    >>> uncertainty_table(u).data.loc["V5"].tolist()
    ['20', '0', 'serum IgG4, glands, kidney and retroperitoneum', '1']
    """
    def domains(value: object) -> str:
        names = _domain_names(value)
        return _words(names) if names else "none"

    def safe(value: object) -> str:
        return "weights play no part" if pd.isna(value) else str(int(value))

    shown = uncertainty.assign(names=uncertainty["uncertain_domains"].map(domains),
                               safe=uncertainty["safe_error_points"].map(safe))
    return table(
        shown,
        {"vignette_id": "Case", "total_points": "Points", "margin_points":
         "Margin over threshold (points)", "names": "Unconfirmed weights used",
         "safe": "Verdict safe from errors smaller than (points per weight)"},
        caption="How far each synthetic vignette's ACR/EULAR verdict rests on unconfirmed "
        "weights: a guaranteed bound, not the exact error that would flip it.",
        formats={"total_points": "int", "margin_points": lambda v: fmt.signed(float(v), 0)},
        index="vignette_id", label="SYNTHETIC",
    )


@validated(
    frames={"before": _SCORING, "after": _SCORING},
    rules=[Rule("after", _same_vignettes, "the same vignettes as argument 'before', in the "
                "same order (its vignette_id values)")],
)
def changed_verdicts(before: Frame, after: Frame, *, names: tuple[_Name, _Name]) -> Styler:
    """The vignettes whose points, verdict or Japanese category differ between two scorings.

    The order of the rows is checked: ``after`` must list the same vignettes as
    ``before`` in the same order (refused otherwise).

    ``before`` and ``after`` are frames from :func:`igg4lib.criteria.score_vignettes` for the
    same vignettes (for example with two upper limits of normal); ``names`` label them.

    >>> v = data.load("synthetic_vignettes")
    >>> t = changed_verdicts(criteria.score_vignettes(v), criteria.score_vignettes(v),
    ...                      names=("A", "B"))
    >>> t.data.shape[0]
    0
    """
    cols = ["total_points", "classified", "cdc_2011", "cdc_2020"]
    changed = (before[cols].to_numpy() != after[cols].to_numpy()).any(axis=1)
    rows = []
    for (_, b), (_, a) in zip(before[changed].iterrows(), after[changed].iterrows(),
                              strict=True):
        rows.append({
            "case": b["vignette_id"],
            "points": f"{b['total_points']} → {a['total_points']}",
            "acr": f"{_verdict_words(b)} → {_verdict_words(a)}",
            "cdc_2011": f"{b['cdc_2011']} → {a['cdc_2011']}",
            "cdc_2020": f"{b['cdc_2020']} → {a['cdc_2020']}",
        })
    frame = pd.DataFrame(rows, columns=["case", "points", "acr", "cdc_2011", "cdc_2020"])
    return table(
        frame,
        {"case": "Case", "points": "ACR/EULAR points", "acr": "ACR/EULAR verdict",
         "cdc_2011": "Japanese 2011", "cdc_2020": "Japanese 2020"},
        caption=f"Synthetic vignettes whose scoring changes from {names[0]} to {names[1]}.",
        index="case", label="SYNTHETIC",
    )
