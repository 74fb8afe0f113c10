"""binder/: the environment repo2docker builds for a class runs the locked versions.

mybinder.org, a BinderHub, or a JupyterHub whose image is built by repo2docker read
``binder/runtime.txt``, ``binder/requirements.txt`` and ``binder/postBuild``.  If their pins
drifted from ``requirements.lock``, a class would run different software from the book that
was checked; these tests stop that.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)$")


def normalise(name: str) -> str:
    """PEP 503 name normalisation: case, runs of ``-``, ``_`` and ``.`` are not significant."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """``{normalised name: version}`` of a requirements file; anything else is an error."""
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if match is None:
            raise ValueError(f"{path.name}:{number}: {raw!r} is not an exact pin NAME==VERSION")
        name = normalise(match["name"])
        if name in found:
            raise ValueError(f"{path.name}:{number}: {match['name']} is pinned twice")
        found[name] = match["version"]
    return found


def test_pins_parser() -> None:
    assert normalise("Sphinx") == "sphinx"
    assert normalise("jupyter_core") == normalise("Jupyter-Core") == "jupyter-core"


def test_pins_parser_rejects_loose_requirements(tmp_path: Path) -> None:
    loose = tmp_path / "requirements.txt"
    loose.write_text("numpy==2.0.0\npandas>=2\n")
    with pytest.raises(ValueError, match=r"requirements.txt:2: 'pandas>=2' is not an exact pin"):
        pins(loose)
    twice = tmp_path / "twice.txt"
    twice.write_text("numpy==2.0.0\nNumPy==2.0.1\n")
    with pytest.raises(ValueError, match="pinned twice"):
        pins(twice)


def test_binder_requirements_equal_the_lock() -> None:
    locked = pins(ROOT / "requirements.lock")
    binder = pins(BINDER / "requirements.txt")
    assert len(locked) > 50
    missing = sorted(set(locked) - set(binder))
    extra = sorted(set(binder) - set(locked))
    different = {n: (binder[n], locked[n]) for n in set(locked) & set(binder)
                 if binder[n] != locked[n]}
    assert not (missing or extra or different), (
        f"binder/requirements.txt differs from requirements.lock: missing {missing}, "
        f"extra {extra}, versions (binder, lock) {different}; refresh it as its header says"
    )


def test_runtime_is_the_python_the_project_requires() -> None:
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == "python-3.11"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert ">=3.11" in requires and "<3.12" in requires


def test_post_build_installs_igg4lib_and_is_executable() -> None:
    post_build = BINDER / "postBuild"
    text = post_build.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in text
    assert re.search(r"pip install .*--no-deps -e \.$", text, flags=re.MULTILINE)
    assert "python -m igg4lib.data check" in text
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"


def test_no_conflicting_environment_files() -> None:
    """repo2docker uses the first environment file it finds; only pip files may be here."""
    for other in ("environment.yml", "Pipfile", "setup.py", "install.R", "Project.toml"):
        assert not (BINDER / other).exists(), f"binder/{other} would override requirements.txt"
