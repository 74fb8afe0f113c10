"""Time the vectorised Monte Carlo power calculator of igg4lib.trial.

    python scripts/bench_trial.py            # 100,000 simulated trials, one arm size
    python scripts/bench_trial.py 1000000    # another number of simulated trials

Prints the wall-clock time of one call of ``simulate_noninferiority_power`` with the
requested number of simulated trials (best of three runs), and the power it found next to
the closed-form normal approximation.  Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import sys
import time

from igg4lib import trial


def main(argv: list[str]) -> int:
    n_sims = int(argv[0]) if argv else 100_000
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        res = trial.simulate_noninferiority_power(0.12, 0.12, 166, 0.10, n_sims=n_sims)
        best = min(best, time.perf_counter() - started)
    row = res.iloc[0]
    print(
        f"{n_sims:,} simulated trials (166 per arm): {best:.3f} s (best of 3); "
        f"power {row.power_simulated:.4f} (closed form {row.power_closed_form:.4f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
