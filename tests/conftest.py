"""Shared fixtures for the test suite."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private copy of data/ that igg4lib reads instead of the real one (for corruption tests)."""
    from igg4lib import data, ledger

    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    monkeypatch.setattr(data, "DATA_DIR", target)
    data._descriptors.cache_clear()
    ledger._ledger.cache_clear()
    yield target
    data._descriptors.cache_clear()
    ledger._ledger.cache_clear()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the totals of the API fuzz test (tests/test_api_fuzz.py), also under xdist."""
    totals: dict[str, float] = {}
    for key in ("passed", "failed"):
        for report in terminalreporter.stats.get(key, []):
            if getattr(report, "when", "call") != "call":
                continue
            for name, value in getattr(report, "user_properties", []):
                if name == "api_fuzz":
                    for field, number in value.items():
                        totals[field] = totals.get(field, 0) + number
    if totals:
        terminalreporter.write_line(
            f"API fuzz: {int(totals['functions'])} public functions and constructors, "
            f"{int(totals['calls'])} invalid "
            f"calls and valid variants: {int(totals['refused'])} refused naming the argument, "
            f"{int(totals['valid'])} listed as valid input or answered, "
            f"{int(totals['obscure'])} obscure, "
            f"{int(totals['silent'])} silent, {int(totals['hang'])} hangs, "
            f"{int(totals.get('false_refusal', 0))} false refusals of valid variants "
            f"({totals['seconds']:.1f} s of calls)"
        )
