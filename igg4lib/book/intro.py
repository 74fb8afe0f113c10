"""The preface's overview of what the evidence says, glued from the chapters' facts.

Every certainty comes from :func:`igg4lib.maintenance.certainty_of` (the one place the book
grades a question), every effect from the chapter that computes it.

>>> facts()["intro_cert_gcim"] == maintenance.certainty_of("add-im-cohort")
True
"""

from __future__ import annotations

from igg4lib import maintenance
from igg4lib._validation import validated
from igg4lib.book import induction, risk
from igg4lib.book import maintenance as maintenance_facts

__all__ = ["facts"]


@validated
def facts() -> dict[str, object]:
    """The preface's numbers and certainties, keyed ``intro_...``."""
    ind = induction.facts()
    rsk = risk.facts()
    mnt = maintenance_facts.facts()
    out: dict[str, object] = {
        "intro_induction_fail_gc": ind["induction_fail_gc_pct"],
        "intro_induction_fail_gcim": ind["induction_fail_gcim_pct"],
        "intro_cert_gcim": maintenance.certainty_of("add-im-cohort"),
        "intro_cert_keep_im": maintenance.certainty_of("keep-im"),
        "intro_cert_keep_gc_on_im": maintenance.certainty_of("keep-gc-on-im"),
        "intro_cert_ineb": maintenance.certainty_of("b-cell-inebilizumab"),
        "intro_cert_obex": maintenance.certainty_of("b-cell-obexelimab"),
        "intro_abs_keep_im": mnt["maintenance_abs_keep_im"],
        "intro_abs_ineb": mnt["maintenance_abs_ineb"],
        "intro_abs_obex": mnt["maintenance_abs_obex"],
        "intro_bcell_q_p": mnt["maintenance_bcell_hr_q_p"],
    }
    out["intro_risk_none_pct"] = f"{float(rsk['risk_k0_pct']):.0f}%"
    out["intro_risk_top_pct"] = f"{float(rsk['risk_k3_pct']):.0f}%"
    return out
