"""Example calls of ``igg4lib.criteria`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

from ._common import FINDINGS, _vignettes

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = True

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
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
    "criteria.score_vignettes": lambda: ((_vignettes(),), {"uln_mg_dl": 135.0}),
    "criteria.serum_igg4_item": lambda: ((200.0,), {"uln_mg_dl": 135.0}),
    "criteria.weight_uncertainty": lambda: ((_vignettes(),), {"uln_mg_dl": 135.0,
                                                             "status": "unconfirmed"}),
    "criteria.weights": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}
