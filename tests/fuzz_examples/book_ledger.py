"""Example calls of ``igg4lib.book.ledger`` for the API fuzz test (tests/test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "book.ledger.facts": lambda: ((), {}),
    "book.ledger.readings_table": lambda: ((), {}),
    "book.ledger.table2_table": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
