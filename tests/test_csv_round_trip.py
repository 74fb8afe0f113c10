"""Results survive a CSV round trip: every frame argument of every example call
(``tests/fuzz_examples``; most are results of another igg4lib function), written with
``DataFrame.to_csv`` and read back with :func:`igg4lib.data.read_result`, is accepted and
gives the same answer.  Frames that are data sets (``attrs["name"]`` set by
:func:`igg4lib.data.load`) are read back with ``data.load`` and are left out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import variants
from fuzz_examples import _common as common
from test_api_fuzz import EXAMPLES
from test_row_order import _answer, _calls, _function


@pytest.mark.parametrize("name", _calls())
def test_a_saved_and_reloaded_frame_gives_the_same_answer(name, tmp_path):
    common.set_tmp(tmp_path)
    args, kwargs = EXAMPLES[name]()
    func = _function(name)
    found = list(variants.variants(func, args, kwargs, (variants.csv_round_trip,)))
    if not found:
        return  # no frame argument
    expected = _answer(func, args, kwargs)
    for variant in found:
        got = _answer(func, variant.args, variant.kwargs)
        assert got == expected, f"{name}: {variant.target} after a CSV round trip"
