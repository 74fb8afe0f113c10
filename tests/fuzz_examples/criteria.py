"""Example calls of ``igg4lib.criteria`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import FINDINGS, _vignettes


def _one_vignette(columns: list[str] | None = None) -> pd.DataFrame:
    """The first synthetic vignette alone, without the data set's attrs (a small, quick
    frame: every mutation of a frame changes its row 0)."""
    frame = _vignettes().iloc[:1].copy()
    frame.attrs = {}
    return frame if columns is None else frame[columns]


#: The columns of a vignettes frame that weight_uncertainty reads.
_ACR_COLUMNS = ["vignette_id", "entry_criterion_met", "exclusions", "histopathology",
                "staining_done", "igg4_igg_ratio_pct", "igg4_cells_per_hpf",
                "serum_igg4_mg_dl", "gland_sets", "chest", "pancreas_biliary", "kidney",
                "retroperitoneum"]

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "criteria.AcrEularCase": lambda: ((), dict(
        entry_criterion_met=True, exclusions=["ssa_ssb_positive"], serum_igg4="above_5x",
        glands="two_or_more_sets")),
    "criteria.case_from_findings": lambda: ((dict(FINDINGS),), {"uln_mg_dl": 135.0}),
    "criteria.classify_acr_eular": lambda: (
        ({"entry_criterion_met": True, "serum_igg4": "above_5x", "glands": "two_or_more_sets",
          "exclusions": ["ssa_ssb_positive"]},), {}),
    "criteria.comprehensive_diagnostic_criteria": lambda: ((), dict(
        organ_involvement=True, serum_igg4_mg_dl=400.0, infiltrate_with_fibrosis=True,
        igg4_igg_ratio_pct=50.0, igg4_cells_per_hpf=20.0, storiform_or_phlebitis=False,
        version="2011", uln_mg_dl=135.0)),
    "criteria.exclusion_items": lambda: ((), {}),
    "criteria.gland_item": lambda: ((2,), {}),
    "criteria.highest_item": lambda: (("kidney", ["hypocomplementaemia", "renal_pelvis"]), {}),
    "criteria.immunostaining_item": lambda: ((50.0, 20.0), {}),
    "criteria.score_vignettes": lambda: ((_one_vignette(),), {"uln_mg_dl": 135.0}),
    "criteria.serum_igg4_item": lambda: ((200.0,), {"uln_mg_dl": 135.0}),
    "criteria.thresholds": lambda: ((), {}),
    # only the columns weight_uncertainty reads (the others are not checked there)
    "criteria.weight_uncertainty": lambda: ((_one_vignette(_ACR_COLUMNS),),
                                            {"uln_mg_dl": 135.0, "status": "unconfirmed"}),
    "criteria.weight_summary": lambda: ((), {"status": "unconfirmed"}),
    "criteria.weights": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("criteria.AcrEularCase", "exclusions", "empty"): "an empty list: no exclusion item is "
    "present",
    ("criteria.case_from_findings", "findings", "unknown key"): "a row of findings carries "
    "other columns (vignette_id, title, summary, ...), which are not read",
    ("criteria.comprehensive_diagnostic_criteria", "serum_igg4_mg_dl", "None"): "None means "
    "serum IgG4 was not measured (item 2 not met)",
    ("criteria.comprehensive_diagnostic_criteria", "igg4_igg_ratio_pct", "None"): "None means "
    "the staining was not done (the staining sub-item is not met)",
    ("criteria.comprehensive_diagnostic_criteria", "igg4_cells_per_hpf", "None"): "None means "
    "the staining was not done (the staining sub-item is not met)",
    ("criteria.highest_item", "items", "empty"): "no item present in the domain: its "
    "zero-point item",
    ("criteria.immunostaining_item", "ratio_pct", "None"): "None means the ratio is "
    "indeterminate, a band of the criteria",
    ("criteria.immunostaining_item", "cells_per_hpf", "None"): "None means the cell count is "
    "indeterminate, a band of the criteria",
    ("criteria.serum_igg4_item", "igg4_mg_dl", "None"): "None means not checked (0 points)",
    ("criteria.score_vignettes", "vignettes['exclusions'] row 0", "NaN"): "an empty "
    "exclusions cell means no exclusion item is present (the data set leaves it empty)",
    ("criteria.*", "vignettes['igg4_igg_ratio_pct'] row 0", "NaN"): "a missing ratio means "
    "the staining was indeterminate or not done (as in vignette V9)",
    ("criteria.*", "vignettes['igg4_cells_per_hpf'] row 0", "NaN"): "a missing cell count "
    "means the staining was indeterminate or not done (as in vignette V9)",
    ("criteria.*", "vignettes['serum_igg4_mg_dl'] row 0", "NaN"): "a missing serum IgG4 means "
    "not checked (0 points, item 2 not met)",
    ("criteria.weight_uncertainty", "vignettes['exclusions'] row 0", "NaN"): "an empty "
    "exclusions cell means no exclusion item is present (the data set leaves it empty)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "criteria.AcrEularResult": "a result igg4lib builds and returns (from classify_acr_eular)",
    "criteria.CdcResult": "a result igg4lib builds and returns "
    "(from comprehensive_diagnostic_criteria)",
    "criteria.WeightSummary": "a result igg4lib builds and returns (from weight_uncertainty)",
}
