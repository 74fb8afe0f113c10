"""Time a chapter's own library calls with and without igg4lib's validation layer.

Runs the code cells of ``notebooks/NAME.ipynb`` in a fresh Python process, once with the
layer (every public function checks its arguments) and once without it
(``IGG4LIB_NO_VALIDATION=1``: each public function calls the unchecked one directly), each
``--repeat`` times, and prints the fastest time of each and their ratio.  Only the cells'
execution is timed (not the start of Python or the import of igg4lib).

    python3 scripts/bench_validation.py [NAME ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUNNER = r"""
import json, sys, time, warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import igg4lib  # imported before the clock starts
cells = json.loads(sys.argv[1])
namespace = {"__name__": "__main__"}
failed = 0
elapsed = 0.0
for source in cells:
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(source, "<cell>", "exec"), namespace)
    except Exception:
        failed += 1
    elapsed += time.perf_counter() - start
    plt.close("all")
print(json.dumps({"seconds": elapsed, "failed": failed}))
"""


def code_cells(name: str) -> list[str]:
    """The code of a chapter's notebook, without IPython magics and shell lines."""
    notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    out = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        out.append("\n".join(lines))
    return out


def run(name: str, checked: bool) -> dict[str, float]:
    env = dict(os.environ)
    env.pop("IGG4LIB_NO_VALIDATION", None)
    if not checked:
        env["IGG4LIB_NO_VALIDATION"] = "1"
    proc = subprocess.run([sys.executable, "-c", _RUNNER, json.dumps(code_cells(name))],
                          cwd=ROOT / "notebooks", env=env, capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(name: str, repeat: int) -> tuple[float, float, int]:
    """(seconds with the layer, seconds without it, cells that raised without it)."""
    with_layer = min(run(name, True)["seconds"] for _ in range(repeat))
    without = [run(name, False) for _ in range(repeat)]
    return with_layer, min(r["seconds"] for r in without), int(without[0]["failed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", nargs="*", default=["wins"])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    print(f"\n{'chapter':<14} {'with layer s':>13} {'without s':>10} {'ratio':>7}")
    for name in args.chapters:
        checked, unchecked, failed = measure(name, args.repeat)
        note = f"  ({failed} cell(s) raised without the layer)" if failed else ""
        print(f"{name:<14} {checked:>13.2f} {unchecked:>10.2f} {checked / unchecked:>7.3f}"
              f"{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
