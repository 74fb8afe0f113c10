"""Write a copy of _config.yml that hides exercise solutions (the student edition).

python scripts/student_config.py _config.yml _build/student/_config_student.yml
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(src: str, dst: str) -> int:
    config = yaml.safe_load(Path(src).read_text())
    root = Path(src).resolve().parent
    config["title"] = f"{config['title']} (student edition)"
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["hide_solutions"] = True  # sphinx-exercise drops every solution directive
    # The copy lives elsewhere, so every path in it must be absolute.
    config["bibtex_bibfiles"] = [str(root / b) for b in config.get("bibtex_bibfiles", [])]
    local = config["sphinx"].get("local_extensions") or {}
    config["sphinx"]["local_extensions"] = {name: str(root / p) for name, p in local.items()}
    Path(dst).write_text(yaml.safe_dump(config, sort_keys=False))
    print(f"wrote {dst}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
