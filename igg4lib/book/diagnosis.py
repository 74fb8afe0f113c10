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

import pandas as pd
from pandas.io.formats.style import Styler

from igg4lib import criteria, data
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


def uncertainty_note(row: pd.Series) -> str:
    """The clause that says how far one case's verdict rests on unconfirmed weights.

    ``row`` is one row of :func:`igg4lib.criteria.weight_uncertainty`.
    """
    if not bool(row["rests_on_uncertain"]):
        return "the weights play no part in this verdict"
    domains = [d.strip() for d in str(row["uncertain_domains"]).split(",") if d.strip()]
    k = len(domains)
    safe = int(row["safe_error_points"])
    weights = "weight" if k == 1 else "weights"
    head = f"this verdict rests on {k} unconfirmed {weights} ({_words(domains)})"
    if safe <= 1:
        return f"{head} and is not safe even from an error of one point in each"
    return f"{head} and is safe from any error smaller than {safe} points in each"


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


def weights_table(weights: pd.DataFrame | None = None) -> Styler:
    """The ACR/EULAR inclusion weights, one row per item, with how each was checked.

    >>> t = weights_table()
    >>> list(t.data.columns)
    ['Points', 'Weight checked']
    """
    w = criteria.weights() if weights is None else weights
    unknown = sorted(set(w["status"]) - set(STATUS_WORDS))
    if unknown:
        raise ValueError(f"weights: status {unknown}; expected one of {sorted(STATUS_WORDS)}")
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


def cohort_categories_table(baseline: pd.DataFrame) -> Styler:
    """How many patients of the PUMCH cohort met the 2011 criteria as definite, probable, possible.

    >>> t = cohort_categories_table(data.load("induction_baseline"))
    >>> t.data.index.tolist()
    ['Definite', 'Probable', 'Possible']
    """
    dx = baseline[baseline["section"] == "Diagnosis, n (%)"]
    if dx.empty:
        raise ValueError("baseline: no rows in the section 'Diagnosis, n (%)'")
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


def verdicts_table(scored: pd.DataFrame) -> Styler:
    """The synthetic vignettes under the three sets of criteria, one row per case.

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


def result_table(result: criteria.AcrEularResult, name: str) -> Styler:
    """One case's ACR/EULAR result, step by step: entry, exclusions, points, verdict.

    >>> r = criteria.classify_acr_eular(criteria.AcrEularCase(
    ...     entry_criterion_met=True, pancreas_biliary="pancreas_and_biliary"))
    >>> result_table(r, "Example").data.loc["Total points"].item()
    '19'
    """
    if not isinstance(result, criteria.AcrEularResult):
        raise TypeError(f"result must be an AcrEularResult, got {type(result).__name__}")
    rows = [("Step 1: entry criterion met", "yes" if result.entry_criterion_met else "no"),
            ("Step 2: exclusion items present", ", ".join(result.exclusions_fired) or "none")]
    rows += [(f"Step 3: {_DOMAIN_WORDS[d]} (points)", str(p))
             for d, p in result.points_by_domain.items()]
    rows += [("Total points", str(result.total_points)),
             ("Verdict", result.verdict), ("Why", result.reason)]
    frame = pd.DataFrame(rows, columns=["what", "value"])
    return table(frame, {"what": "Step", "value": name},
                 caption=f"The ACR/EULAR classification of {name}, step by step.",
                 index="what")


def uncertainty_table(uncertainty: pd.DataFrame) -> Styler:
    """How far each vignette's verdict rests on the weights that could not be confirmed.

    >>> u = criteria.weight_uncertainty(data.load("synthetic_vignettes"))
    >>> uncertainty_table(u).data.loc["V5"].tolist()
    ['20', '0', 'serum IgG4, glands, kidney and retroperitoneum', '1']
    """
    def domains(value: object) -> str:
        names = [d.strip() for d in str(value).split(",") if d.strip()]
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


def changed_verdicts(before: pd.DataFrame, after: pd.DataFrame, *, names: tuple[str, str]
                     ) -> Styler:
    """The vignettes whose points, verdict or Japanese category differ between two scorings.

    ``before`` and ``after`` are frames from :func:`igg4lib.criteria.score_vignettes` for the
    same vignettes (for example with two upper limits of normal); ``names`` label them.

    >>> v = data.load("synthetic_vignettes")
    >>> t = changed_verdicts(criteria.score_vignettes(v), criteria.score_vignettes(v),
    ...                      names=("A", "B"))
    >>> t.data.shape[0]
    0
    """
    cols = ["total_points", "classified", "cdc_2011", "cdc_2020"]
    if list(before["vignette_id"]) != list(after["vignette_id"]):
        raise ValueError("before and after must score the same vignettes in the same order")
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
