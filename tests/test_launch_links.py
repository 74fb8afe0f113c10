"""Launch links (``_ext/launch_links.py``) and the set-up decisions of ``tasks.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


launch_links = _load("launch_links", ROOT / "_ext" / "launch_links.py")
tasks = _load("tasks_module", ROOT / "tasks.py")


def test_github_links_open_the_executed_notebook() -> None:
    launch = launch_links.Launch(
        "https://github.com/org/book", branch="main", jupyterhub="https://hub.example.edu/"
    )
    links = dict(launch.links("notebooks/risk.ipynb"))
    assert links["Binder"] == (
        "https://mybinder.org/v2/gh/org/book/main?urlpath=lab%2Ftree%2Fnotebooks%2Frisk.ipynb"
    )
    assert links["Colab"] == (
        "https://colab.research.google.com/github/org/book/blob/main/notebooks/risk.ipynb"
    )
    hub = urlparse(links["JupyterHub"])
    assert f"{hub.scheme}://{hub.netloc}{hub.path}" == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
    )
    assert parse_qs(hub.query) == {
        "repo": ["https://github.com/org/book"],
        "branch": ["main"],
        "urlpath": ["lab/tree/book/notebooks/risk.ipynb"],
    }


def test_other_git_hosts_use_binder_git_and_have_no_colab() -> None:
    launch = launch_links.Launch("https://gitlab.example.org/team/book.git", branch="dev")
    links = dict(launch.links("notebooks/wins.ipynb"))
    assert set(links) == {"Binder"}  # no hub configured, Colab needs GitHub
    assert links["Binder"].startswith(
        "https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fteam%2Fbook.git/dev?"
    )
    assert launch.repo_name == "book"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"repository": "github.com/org/book"}, "repository must be an http"),
        ({"repository": "https://github.com/o/r", "binderhub": "mybinder"}, "binderhub must"),
        ({"repository": "https://github.com/o/r", "jupyterhub": "hub"}, "jupyterhub must"),
        ({"repository": "https://github.com/o/r", "branch": "a b"}, "branch must"),
    ],
)
def test_bad_settings_are_rejected(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        launch_links.Launch(**kwargs)


def test_only_paired_chapters_get_buttons() -> None:
    assert launch_links.paired_notebook(ROOT, "chapters/risk") == "notebooks/risk.ipynb"
    assert launch_links.paired_notebook(ROOT, "chapters/glossary") is None
    assert launch_links.paired_notebook(ROOT, "search") is None


def test_launch_settings_check() -> None:
    tasks.check_launch_settings({})  # unset: nothing to do
    tasks.check_launch_settings({"BOOK_REPOSITORY_URL": "https://github.com/o/r"})
    with pytest.raises(SystemExit, match="BOOK_REPOSITORY_URL is not"):
        tasks.check_launch_settings({"BOOK_JUPYTERHUB_URL": "https://hub.example.edu"})
    with pytest.raises(SystemExit, match="BOOK_JUPYTERHUB_URL must be an http"):
        tasks.check_launch_settings(
            {"BOOK_REPOSITORY_URL": "https://github.com/o/r", "BOOK_JUPYTERHUB_URL": "hub"}
        )


# --- chromium: the test command installs it when it is missing --------------------------


def test_present_chromium_needs_nothing(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    assert tasks.chromium_install_plan(chromium, uid=1000, sudo=None) == []


def test_missing_chromium_as_root_uses_apt_get(tmp_path: Path) -> None:
    plan = tasks.chromium_install_plan(tmp_path / "missing", uid=0, sudo=None)
    assert plan[0] == ["apt-get", "update", "-qq"]
    assert plan[1][-6:] == tasks.APT_INSTALL
    assert plan[1][:2] == ["env", "DEBIAN_FRONTEND=noninteractive"]


def test_missing_chromium_without_root_uses_sudo(tmp_path: Path) -> None:
    plan = tasks.chromium_install_plan(tmp_path / "missing", uid=1000, sudo="/usr/bin/sudo")
    assert all(cmd[0] == "/usr/bin/sudo" for cmd in plan)
    assert "chromium" in plan[1]


def test_missing_chromium_without_root_or_sudo_stops_clearly(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not root and sudo is not available") as stop:
        tasks.chromium_install_plan(tmp_path / "missing", uid=1000, sudo=None)
    assert "apt-get install" in str(stop.value)


def test_ensure_chromium_fails_when_apt_did_not_provide_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(tasks, "run", lambda cmd, **kw: ran.append([str(c) for c in cmd]))
    monkeypatch.setattr(tasks.os, "getuid", lambda: 0)
    with pytest.raises(SystemExit, match="still missing"):
        tasks.ensure_chromium(tmp_path / "missing")
    assert ran[0][0] == "apt-get" and ran[1][-1] == "chromium"


def test_ensure_chromium_installs_then_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chromium"

    def fake_apt(cmd, **kw) -> None:
        if "install" in cmd:
            target.write_text("")

    monkeypatch.setattr(tasks, "run", fake_apt)
    monkeypatch.setattr(tasks.os, "getuid", lambda: 0)
    tasks.ensure_chromium(target)
    assert target.exists()
