"""No answer depends on the order of the rows of a table, unless the order is its meaning.

For every public function whose example call (``tests/fuzz_examples``) takes a DataFrame,
the rows of each frame argument are reversed and shuffled (index renumbered, as after
``read_csv``) and the answer compared with the answer to the example: tables compared as
sets of rows, numbers to 10 significant digits, figures by the texts they show.
``ORDER_IS_MEANING`` lists, with the reason, the functions whose docstring says that the
order of the rows is part of their meaning.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import variants
from fuzz_examples import _common as common
from test_api_fuzz import EXAMPLES

ORDER_IS_MEANING = variants.ORDER_IS_MEANING


def _function(name: str):
    module_name, _, func_name = name.rpartition(".")
    return getattr(importlib.import_module(f"igg4lib.{module_name}"), func_name)


def _calls() -> list[str]:
    out = []
    for name, example in EXAMPLES.items():
        if example is None or "write" in name:
            continue
        out.append(name)
    return out


def _answer(func, args, kwargs):
    import matplotlib.pyplot as plt

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return variants.canonical(func(*args, **kwargs))
        finally:
            plt.close("all")


@pytest.mark.parametrize("name", _calls())
def test_answer_does_not_depend_on_row_order(name, tmp_path):
    common.set_tmp(tmp_path)
    args, kwargs = EXAMPLES[name]()
    func = _function(name)
    found = list(variants.variants(func, args, kwargs, (variants.row_orders,)))
    if not found:
        return  # no frame argument
    if name in ORDER_IS_MEANING:
        pytest.skip(ORDER_IS_MEANING[name])
    expected = _answer(func, args, kwargs)
    for variant in found:
        got = _answer(func, variant.args, variant.kwargs)
        assert got == expected, f"{name}: {variant.target} {variant.label} changed the answer"


def test_order_exemptions_are_documented():
    for name, reason in ORDER_IS_MEANING.items():
        assert reason.strip()
        doc = _function(name).__doc__ or ""
        assert "order" in doc, f"{name}: the docstring must say that row order is its meaning"


def test_a_positional_function_fails_the_comparison():
    """The comparison can fail: a function that reads its first row as 'the first group'."""
    import pandas as pd

    def first_group(table: pd.DataFrame) -> str:
        return str(table["group"].iloc[0])

    table = pd.DataFrame({"group": ["a", "b", "c"], "n": [1, 2, 3]})
    expected = variants.canonical(first_group(table))
    found = list(variants.variants(first_group, (table,), {}, (variants.row_orders,)))
    assert [v.label for v in found] == ["rows reversed", "rows shuffled"]
    assert all(variants.canonical(first_group(*v.args, **v.kwargs)) != expected
               for v in found)


# --------------------------------------------------------------------------- the named cases


def test_grouped_auc_ranks_groups_by_min_count():
    from igg4lib import risk

    g = risk.risk_groups_table({"0": 25, "1": 21, "2": 13, "3-4": 7},
                               {"0": 2, "1": 3, "2": 5, "3-4": 5})
    assert round(risk.grouped_auc(g.iloc[::-1]).auc, 3) == 0.776
    with pytest.raises(ValueError, match="min_count"):
        risk.grouped_auc(g[["n_patients", "failures"]])


def test_wins_pair_tables_number_groups_by_label():
    from igg4lib import trial
    from igg4lib.book import wins

    pairs = trial.fragility_indices(trial.pairwise_comparisons(trial.wins_analysis_counts()))
    last = pairs.iloc[[2]]  # the pair the book calls groups 2 vs 3, alone
    assert wins.fragility_table(last).data.index.tolist() == ["2 vs 3"]
    assert (wins.fragility_table(pairs.iloc[::-1]).data.index.tolist()
            == ["1 vs 2", "1 vs 3", "2 vs 3"])
    numbered = pairs.assign(arm_1=["2", "2", "3"], arm_2=["3", "4", "4"])  # numbers as labels
    assert wins.fragility_table(numbered).data.index.tolist() == ["2 vs 3", "2 vs 4",
                                                                  "3 vs 4"]


def test_balance_table_sorts_by_the_size_of_the_difference():
    from igg4lib import data, induction
    from igg4lib.book import induction as book

    balance = induction.baseline_balance(data.load("induction_by_treatment"))
    shuffled = balance.sample(frac=1, random_state=3).reset_index(drop=True)
    shown = book.balance_table(shuffled).data
    assert shown.index[0] == "IgE (kU/L)"
    assert shown.index.tolist() == book.balance_table(balance).data.index.tolist()


def test_table3_refit_matches_printed_values_by_label():
    from igg4lib import data
    from igg4lib import riskcohort as rc

    analysis = rc.analysis_frame(data.load(rc.NAME))
    t3 = data.load("induction_risk_factors")
    refit = rc.table3_refit(analysis, t3.iloc[::-1].reset_index(drop=True))
    assert refit["match"].all()
    assert refit.equals(rc.table3_refit(analysis, t3))


def test_a_label_with_a_trailing_space_is_refused_on_load(data_copy):
    import csv

    from igg4lib import data

    path = data_copy / "published" / "induction_baseline.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("section")
    row = next(r for r in rows[1:] if r[column].startswith("Organ involvement"))
    row[column] += " "
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with pytest.raises(data.DataValidationError, match=r"section.*spaces at either end"):
        data.load("induction_baseline")
