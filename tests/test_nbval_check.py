"""The nbval step really compares outputs: one changed character in a notebook output fails it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_nbval(notebook: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "-o",
            "addopts=",
            "-p",
            "no:cacheprovider",
            "--nbval-sanitize-with",
            str(ROOT / "tests" / "nbval_sanitize.cfg"),
            "-q",
            str(notebook),
        ],
        capture_output=True,
        text=True,
        cwd=notebook.parent,
        timeout=600,
    )


@pytest.mark.slow
def test_changed_output_fails_nbval(tmp_path: Path) -> None:
    # a short chapter whose solution prints text (the preface has no code cell any more)
    notebook = ROOT / "notebooks" / "reproducibility.ipynb"
    original = json.loads(notebook.read_text(encoding="utf-8"))
    untouched = tmp_path / "untouched.ipynb"
    untouched.write_text(json.dumps(original))
    result = run_nbval(untouched)
    assert result.returncode == 0, result.stdout[-2000:]

    # Change one character of the first text/plain output.
    for cell in original["cells"]:
        outputs = [o for o in cell.get("outputs", []) if "text/plain" in o.get("data", {})]
        if outputs:
            text = outputs[0]["data"]["text/plain"]
            lines = text if isinstance(text, list) else [text]
            lines[0] = ("X" if lines[0][:1] != "X" else "Y") + lines[0][1:]
            outputs[0]["data"]["text/plain"] = lines
            break
    else:
        pytest.fail("reproducibility.ipynb has no text output to change")
    changed = tmp_path / "changed.ipynb"
    changed.write_text(json.dumps(original))
    result = run_nbval(changed)
    assert result.returncode != 0
    assert "1 failed" in result.stdout
