"""Example calls of ``igg4lib.data`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from fuzz_examples._common import tmp


def _saved_result() -> str:
    """A small result frame saved with to_csv (as text: the path of the file)."""
    path = tmp() / "result.csv"
    pd.DataFrame({"n": [3, 4], "p_printed": ["0.292", "<0.001"],
                  "counts": [(1, 2), ()], "ok": [True, False]}).to_csv(path)
    return str(path)


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "data.build_manifest": lambda: ((), {}),
    "data.catalogue": lambda: ((), {}),
    "data.describe": lambda: (("wins_trial_arms",), {}),
    "data.dictionary": lambda: ((["wins_trial_arms"],), {}),
    "data.load": lambda: (("wins_trial_arms",), {}),
    "data.names": lambda: ((), {}),
    "data.path_of": lambda: (("wins_trial_arms",), {}),
    "data.read_result": lambda: ((_saved_result(),), {}),
    "data.schema": lambda: (("wins_trial_arms",), {}),
    # rewrites data/datapackage.json in the repository: not called by the fuzz test (it takes
    # no argument; the layer refuses an unknown one like for every other function)
    "data.write_manifest": None,
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "data.DataValidationError": "an exception igg4lib raises when a data file breaks its schema",
}
