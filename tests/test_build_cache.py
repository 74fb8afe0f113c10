"""The book's execution cache is dropped when the library or the data change.

myst-nb keys its cache by a chapter's code cells, so without this a rebuild after a change
to igg4lib or data/ would show the chapter's old outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tasks  # noqa: E402


def test_cache_dropped_when_inputs_change_and_kept_otherwise(tmp_path, monkeypatch):
    cache = tmp_path / ".jupyter_cache"
    cache.mkdir()
    (cache / "entry").write_text("old outputs")
    fingerprint = ["A"]
    monkeypatch.setattr(tasks, "_inputs_fingerprint", lambda: fingerprint[0])

    assert tasks.drop_stale_execution_cache(tmp_path)  # no stamp yet: cannot trust the cache
    assert not cache.exists()

    cache.mkdir()
    (cache / "entry").write_text("outputs of inputs A")
    assert not tasks.drop_stale_execution_cache(tmp_path)  # same inputs: kept
    assert (cache / "entry").read_text() == "outputs of inputs A"

    fingerprint[0] = "B"  # the library or a data set changed
    assert tasks.drop_stale_execution_cache(tmp_path)
    assert not cache.exists()


def test_fingerprint_is_stable_between_calls():
    before = tasks._inputs_fingerprint()
    assert before == tasks._inputs_fingerprint()
    assert len(before) == 64
