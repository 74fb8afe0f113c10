"""Benchmark the book's build and notebook checks, and print the figures.

Measures, each as wall-clock seconds and peak memory (the largest resident set of any
single process in the command's tree, from the kernel's rusage accounting):

1. a cold build (empty output folder and execution cache),
2. a rebuild with nothing changed,
3. a rebuild after changing one code cell of one chapter (the chapter is restored after),
4. the nbval run over every paired notebook (2 workers, as in the test command),

then the ratios no-change/cold and one-chapter/cold, and how many chapters each build
executed (counted from myst-nb's log).  The builds go to a scratch folder so the book in
``_build/`` is left alone.  Last, the cost of igg4lib's validation layer: one chapter's own
library calls timed with and without it, and the ratio (``scripts/bench_validation.py``).

    python3 tasks.py bench [--chapter NAME] [--skip-nbval] [--validation-only]
        [--validation-chapter NAME]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, peak RSS in MiB, combined output)."""
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    # wait4 gives this child's rusage, whose ru_maxrss covers its waited-for descendants
    # (the Jupyter kernels) too.
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if proc.returncode:
        print(out[-3000:])
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024, out


def executed(log: str) -> list[str]:
    """Chapters myst-nb executed in a build, from its log lines."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log)
    found = re.findall(r"(\S+?\.md)(?::\d+)?: Executing notebook using", plain)
    return sorted({Path(p).stem for p in found})


def change_one_code_cell(md: Path) -> str:
    """Append a comment line to the first code cell (after its options); return the original."""
    original = md.read_text(encoding="utf-8")
    start = original.find("```{code-cell}")
    if start < 0:
        raise SystemExit(f"{md} has no code cell to change")
    end = original.find("\n```", start + 1)
    changed = original[:end] + "\n# benchmark: one changed line" + original[end:]
    md.write_text(changed, encoding="utf-8")
    return original


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="intro", help="chapter to change for step 3")
    parser.add_argument("--skip-nbval", action="store_true")
    parser.add_argument("--validation-only", action="store_true",
                        help="only time a chapter's calls with and without validation")
    parser.add_argument("--validation-chapter", default="wins",
                        help="the chapter whose calls are timed with and without validation")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_validation

    if args.validation_only:
        return bench_validation.main([args.validation_chapter])

    scratch = Path(tempfile.mkdtemp(prefix="igg4-bench-"))
    build = [
        str(BIN / "jupyter-book"),
        "build",
        str(ROOT),
        "-W",
        "-n",
        "--keep-going",
        "--path-output",
        str(scratch),
    ]
    rows: list[tuple[str, float, float, list[str]]] = []
    try:
        wall, mem, log = measure(build)
        rows.append(("cold build", wall, mem, executed(log)))
        wall, mem, log = measure(build)
        rows.append(("rebuild, nothing changed", wall, mem, executed(log)))
        md = ROOT / "chapters" / f"{args.chapter}.md"
        original = change_one_code_cell(md)
        try:
            wall, mem, log = measure(build)
        finally:
            md.write_text(original, encoding="utf-8")
        rows.append((f"rebuild, one chapter changed ({args.chapter})", wall, mem, executed(log)))
        if not args.skip_nbval:
            wall, mem, log = measure(
                [
                    str(BIN / "python"),
                    "-m",
                    "pytest",
                    "--nbval",
                    "-p",
                    "no:cacheprovider",
                    "-o",
                    "addopts=",
                    "-q",
                    "-n",
                    "2",
                    "--dist",
                    "loadscope",
                    "--nbval-sanitize-with",
                    "tests/nbval_sanitize.cfg",
                    "notebooks",
                ]
            )
            rows.append(("nbval, every notebook (2 workers)", wall, mem, []))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\n{'step':<48} {'wall s':>8} {'peak MiB':>9}  chapters executed")
    for name, wall, mem, chapters in rows:
        listed = f"{len(chapters)}: {', '.join(chapters)}" if chapters else "-"
        print(f"{name:<48} {wall:>8.1f} {mem:>9.0f}  {listed}")
    cold = rows[0][1]
    print(f"\nno-change / cold   = {rows[1][1] / cold:.3f}")
    print(f"one-chapter / cold = {rows[2][1] / cold:.3f}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_validation.main([args.validation_chapter])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
