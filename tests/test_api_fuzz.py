"""Fuzz the whole public API: every invalid call is refused by name, or listed as valid.

Every function in the ``__all__`` of every igg4lib module has one valid example call in
``tests/fuzz_examples/<module>.py`` (``EXAMPLES``, mostly the docstring examples).
:mod:`tests.fuzz_api` mutates one argument of it at a time through a catalogue of bad
values and classifies each call.  The test fails on any obscure error, silent answer or
hang; ``VALID`` in the examples file lists, with the reason, the mutations that are
legitimate input.  The counts are printed at the end of the pytest run
(``API fuzz: ...``).  A planted unguarded function proves the test can fail.
"""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_api
from fuzz_examples import _common as common

from igg4lib import _validation as v

MODULES = (
    "activity", "cohort", "criteria", "data", "epidemiology", "induction", "ledger",
    "reconstruct", "risk", "riskcohort", "stats", "trial", "plots", "plots.diagnosis",
    "plots.induction", "plots.risk", "plots.trial", "readings", "synthesis", "maintenance",
    "plots.maintenance", "book", "book.format", "book.display", "book.background",
    "book.diagnosis", "book.induction", "book.risk", "book.forensics", "book.wins",
    "book.maintenance", "book.ledger", "transcription", "book.intro",
)




def _examples(module_name: str) -> Any:
    return importlib.import_module(f"fuzz_examples.{module_name.replace('.', '_')}")


#: One valid call per public function of every module: name -> () -> (args, kwargs).
EXAMPLES: dict[str, Any] = {k: f for m in MODULES for k, f in _examples(m).EXAMPLES.items()}
#: Public classes that are not fuzzed, with the reason (results igg4lib builds and returns,
#: not input a caller builds): qualified name -> reason.
NOT_INPUT: dict[str, str] = {k: r for m in MODULES for k, r in _examples(m).NOT_INPUT.items()}
#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
VALID: dict[tuple[str, str, str], str] = {
    **common.VALID, **{k: r for m in MODULES for k, r in _examples(m).VALID.items()}}


# --------------------------------------------------------------------------- tests


def _run_module(module_name: str) -> fuzz_api.Tally:
    module = importlib.import_module(f"igg4lib.{module_name}")
    tally = fuzz_api.Tally()
    callables = fuzz_api.public_functions(module) + [
        (name, cls) for name, cls in fuzz_api.public_classes(module) if name not in NOT_INPUT]
    for name, func in callables:
        assert name in EXAMPLES, f"{name} has no example call in EXAMPLES"
        example = EXAMPLES[name]
        if example is None:
            continue
        args, kwargs = example()
        tally.add(fuzz_api.fuzz_function(name, func, args, kwargs, VALID))
    return tally


def test_every_public_module_is_enumerated():
    """A new module of igg4lib cannot escape the fuzz test: it must be listed above."""
    import pkgutil

    import igg4lib

    found = {
        m.name.removeprefix("igg4lib.")
        for m in pkgutil.walk_packages(igg4lib.__path__, "igg4lib.")
        if not m.name.rsplit(".", 1)[-1].startswith("_")
    }
    missing = found - set(MODULES)
    assert not missing, f"modules missing from MODULES: {sorted(missing)}"


@pytest.mark.parametrize("module_name", MODULES)
def test_public_api_refuses_bad_input(module_name, tmp_path, record_property):
    common.set_tmp(tmp_path)
    tally = _run_module(module_name)
    record_property("api_fuzz", tally.as_dict())
    problems = "\n".join(tally.problems[:60])
    assert not tally.problems, (
        f"{fuzz_api.summary_line(tally)}\n{problems}"
        + (f"\n... and {len(tally.problems) - 60} more" if len(tally.problems) > 60 else "")
    )


def test_every_public_function_has_an_example():
    """Every public function, and every public class a caller builds, has an example call;
    every other public class is listed in NOT_INPUT with the reason; nothing is stale."""
    modules = [importlib.import_module(f"igg4lib.{m}") for m in MODULES]
    functions = {name for m in modules for name, _ in fuzz_api.public_functions(m)}
    classes = {name for m in modules for name, _ in fuzz_api.public_classes(m)}
    assert functions | (classes - set(NOT_INPUT)) == set(EXAMPLES)
    assert set(NOT_INPUT) <= classes, "NOT_INPUT names a class that is not public"
    assert not set(NOT_INPUT) & set(EXAMPLES)
    assert all(reason.strip() for reason in NOT_INPUT.values())


def test_valid_list_entries_are_used():
    """Every entry of VALID matches some mutation (no stale reasons)."""
    unused = dict(VALID)
    for name, example in EXAMPLES.items():
        if example is None or not unused:
            continue
        module_name, _, func_name = name.rpartition(".")
        func = getattr(importlib.import_module(f"igg4lib.{module_name}"), func_name)
        args, kwargs = example() if "write" not in name else ((), {})
        if "write" in name:
            continue
        for mutation in fuzz_api.mutations(func, args, kwargs):
            for key in list(unused):
                if fuzz_api.listed_reason({key: unused[key]}, name, mutation):
                    del unused[key]
    assert not unused, f"entries of VALID that match no mutation: {sorted(unused)}"


# --------------------------------------------------------------------------- the planted


def planted_unguarded(n: int, p: float, flag: bool = False) -> float:
    """A function with no validation: it answers whatever it is given."""
    return n * p if not flag else 0.0


@v.validated
def planted_guarded(n: v.Count, p: v.Probability, flag: v.StrictFlag = False) -> float:
    """The same function behind the shared validation layer."""
    return n * p if not flag else 0.0


def test_fuzz_catches_a_planted_unguarded_function():
    tally = fuzz_api.fuzz_function("planted_unguarded", planted_unguarded, (10, 0.5), {}, {})
    assert tally.counts["silent"] >= 10
    assert any("n = 'False'" in p for p in tally.problems)
    assert any("flag = 'False'" in p for p in tally.problems)
    guarded = fuzz_api.fuzz_function("planted_guarded", planted_guarded, (10, 0.5), {},
                                     {("planted_guarded", "n", "huge"): "any count"})
    assert guarded.problems == []
    assert guarded.counts["refused"] > 20
    assert guarded.counts["false_refusal"] == 0 and guarded.counts["valid"] >= 5


def test_fuzz_counts_a_hang():
    def slow(n: int) -> int:
        if n < 0 or n > 100:
            total = 0
            while True:
                total += 1
        return n

    old = fuzz_api.TIME_BOUND_S
    fuzz_api.TIME_BOUND_S = 0.2
    try:
        tally = fuzz_api.fuzz_function("slow", slow, (3,), {}, {})
    finally:
        fuzz_api.TIME_BOUND_S = old
    assert tally.counts["hang"] == 3  # +inf, negative and huge
    assert not math.isnan(tally.seconds)


def test_a_duplicated_column_is_refused_before_any_column_is_read():
    """After ``pd.concat(..., axis=1)`` a frame can hold one column name twice; every read of
    it would be ambiguous, so the layer refuses the frame, naming the argument and column."""
    import pandas as pd

    schema = v.frame_schema({"n": v.count_column()})

    @v.validated(frames={"table": schema})
    def total(table: v.Frame) -> int:
        return int(table["n"].sum())

    frame = pd.DataFrame({"n": [1, 2]})
    assert total(frame) == 3
    with pytest.raises(v.InvalidArgument, match="total: argument 'table': column\\(s\\) 'n' "
                       "occur more than once"):
        total(pd.concat([frame, frame], axis=1))


def test_every_public_function_is_behind_the_validation_layer():
    """The fuzz cannot tell a wrapped function with no arguments from a plain one (Python
    itself refuses an unknown argument by name), so check the wrapper itself."""
    plain = [
        name
        for m in MODULES
        for name, func in fuzz_api.public_functions(importlib.import_module(f"igg4lib.{m}"))
        if getattr(getattr(func, "__code__", None), "co_qualname", "") != "validated.<locals>"
        ".wrap.<locals>.call"
    ]
    assert not plain, f"public functions not wrapped by @validated: {plain}"
