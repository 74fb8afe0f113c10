"""Adding a trial is adding rows: a hypothetical trial changes every output, no code edit.

A SYNTHETIC (invented) placebo-controlled trial of a B-cell drug is added to a temporary copy
of ``data/`` (its study-selection row, trial row, arms, hazard ratio, GRADE question and
judgements). The library, pointed at that copy by ``IGG4LIB_DATA``, then shows it in the
forest plots, the pooled estimate, the PRISMA counts and the summary of findings.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIAL = "SYNTHETIC trial X"
KEY = "synthetic-x"

PROBE = r"""
import json, matplotlib
matplotlib.use("Agg")
from igg4lib import maintenance
from igg4lib.plots import maintenance as plots
pool = maintenance.b_cell_pool("hazard ratio")
sof = maintenance.summary_of_findings().set_index("question")
fig = plots.forest_plot(maintenance.effects())
bfig = plots.pooled_forest_plot(pool)
print(json.dumps({
    "forest_labels": sorted(t.get_text() for t in fig.axes[0].texts),
    "pool_labels": pool["label"].tolist(),
    "pooled": float(pool.set_index("label").loc["Fixed effect (inverse variance)", "ratio"]),
    "bcell_texts": sum(1 for t in bfig.axes[0].texts if t.get_text()),
    "prisma": maintenance.prisma_counts(),
    "questions": sof.index.tolist(),
    "certainty": sof["certainty"].to_dict(),
}))
"""


def _append(path: Path, row: dict[str, str]) -> None:
    with path.open(newline="") as f:
        fields = next(csv.reader(f))
    with path.open("a", newline="") as f:
        csv.DictWriter(f, fieldnames=fields, lineterminator="\n").writerow(
            {k: row.get(k, "") for k in fields})


def _allow(descriptor: Path, column: str, value: str) -> None:
    """Add ``value`` to the enum of ``column`` (a new source key or question id)."""
    d = json.loads(descriptor.read_text())
    for field in d["schema"]["fields"]:
        enum = field.get("constraints", {}).get("enum")
        if field["name"] == column and enum is not None and value not in enum:
            enum.append(value)
    descriptor.write_text(json.dumps(d, indent=2))


def _probe(data_dir: Path) -> dict:
    env = {**os.environ, "IGG4LIB_DATA": str(data_dir)}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True, timeout=300)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _add_trial(d: Path) -> None:
    pub, ref = d / "published", d / "reference"
    for name in ("maintenance_trials", "maintenance_arms", "maintenance_reported"):
        _allow(pub / f"{name}.resource.json", "source", KEY)
    for name in ("grade_questions", "grade_judgements"):
        _allow(ref / f"{name}.resource.json", "question", KEY)
        _allow(ref / f"{name}.resource.json", "source", KEY)
    _append(ref / "study_selection.csv", {
        "study": TRIAL, "design": "randomised", "question": "flare: drug X against placebo",
        "status": "included", "found_in": "invented for a test"})
    _append(pub / "maintenance_trials.csv", {
        "source": KEY, "location": "invented", "trial": TRIAL,
        "design": "randomised, placebo-controlled (SYNTHETIC)", "blinding": "double-blind",
        "population": "active IgG4-RD", "intervention": "drug X", "comparator": "placebo",
        "outcome": "first flare", "follow_up_printed": "1 year", "follow_up_months": "12",
        "comparison": KEY, "comparison_label": f"{TRIAL}: drug X vs placebo",
        "pool": "b-cell", "randomised_comparison": "true", "status": "confirmed",
        "confirmed_in": "invented"})
    for arm, role, x in (("drug-x", "intervention", 20), ("placebo", "comparator", 40)):
        _append(pub / "maintenance_arms.csv", {
            "source": KEY, "location": "invented", "trial": TRIAL, "arm": arm, "label": arm,
            "role": role, "outcome": "first flare", "n_printed": "100 patients", "n": "100",
            "events_printed": f"{x} ({x}%)", "events": str(x), "percent": str(x),
            "status": "confirmed", "confirmed_in": "invented"})
    _append(pub / "maintenance_reported.csv", {
        "source": KEY, "location": "invented", "trial": TRIAL,
        "label": "time to first flare (hazard ratio)", "comparison": "drug X vs placebo",
        "printed": "HR 0.45 (0.27 to 0.75)", "estimate": "0.45", "ci_low": "0.27",
        "ci_high": "0.75", "status": "confirmed", "confirmed_in": "invented"})
    _append(ref / "grade_questions.csv", {
        "question": KEY, "order": "10", "title": "SYNTHETIC: drug X or placebo?",
        "population": "active IgG4-RD", "intervention": "drug X", "comparison": "placebo",
        "evidence_comparison": KEY,
        "outcome": "first flare", "design": "randomised", "evidence": TRIAL, "source": KEY})
    for domain, level, reason in (
            ("risk of bias", 0, "double-blind"), ("inconsistency", 0, "one trial"),
            ("indirectness", 0, "direct"),
            ("imprecision", 1, "below the optimal information size"),
            ("publication bias", 0, "registered and reported")):
        _append(ref / "grade_judgements.csv", {"question": KEY, "domain": domain,
                                               "downgrade": str(level), "reason": reason,
                                               "source": KEY})


def test_a_new_trial_changes_every_output_with_no_code_edit(tmp_path):
    before = _probe(ROOT / "data")
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    _add_trial(copy)
    after = _probe(copy)

    label = f"{TRIAL}: drug X vs placebo"
    assert any(t.startswith(label) for t in after["forest_labels"])
    assert not any(t.startswith(label) for t in before["forest_labels"])
    assert after["pool_labels"][:3] == [*before["pool_labels"][:2], label]
    assert after["pooled"] != before["pooled"]
    assert after["bcell_texts"] > before["bcell_texts"]
    assert after["prisma"]["identified"] == before["prisma"]["identified"] + 1
    assert after["prisma"]["included"] == before["prisma"]["included"] + 1
    assert after["questions"] == [*before["questions"], KEY]
    assert after["certainty"][KEY] == "moderate"
    assert {k: v for k, v in after["certainty"].items() if k != KEY} == before["certainty"]
