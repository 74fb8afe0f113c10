"""Shared fixtures for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
