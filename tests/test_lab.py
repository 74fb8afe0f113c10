"""The instructor's live path: ``python3 tasks.py lab``, a chapter opened and run from the menu.

``lab_argv`` is checked without a browser: as root (the default user in a container) the
command passes ``--allow-root``, which JupyterLab needs to start at all. The browser test
(marker ``browser``) then does what an instructor does: it starts JupyterLab on 127.0.0.1 on
a free port with the same arguments, opens a chapter's ``.md`` (jupytext opens it as a
notebook), chooses Run > Run All Cells, waits for the kernel to finish and fails on any
error output. The chapter is a copy in a temporary folder, so that JupyterLab's autosave
never rewrites the repository's file. Every request to another host is blocked and
recorded, and JupyterLab's news and update checks are switched off: nothing is fetched from
the internet.

Needs Debian's chromium at /usr/bin/chromium (``python3 tasks.py test`` installs it).
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("IGG4_CHROMIUM", "/usr/bin/chromium"))
#: The chapter an instructor opens: short, with a figure, a table and a glue cell.
CHAPTER = "background"
STARTUP_S = 120
RUN_S = 420


def _tasks():
    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lab_allows_root_only_as_root() -> None:
    tasks = _tasks()
    as_root = tasks.lab_argv(["--port=8899"], as_root=True)
    assert as_root[-1] == "--allow-root" and "--ip=127.0.0.1" in as_root
    assert "--port=8899" in as_root
    assert "--allow-root" not in tasks.lab_argv([], as_root=False)
    # not passed twice when the instructor already gives it
    assert tasks.lab_argv(["--allow-root"], as_root=True).count("--allow-root") == 1


def _code_cells(chapter: Path) -> int:
    """The number of code cells of a MyST chapter (what jupytext makes of it)."""
    return chapter.read_text(encoding="utf-8").count("```{code-cell}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """JupyterLab serving a folder with a copy of the chapter: (base URL, token)."""
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "chapters" / f"{CHAPTER}.md", folder / f"{CHAPTER}.md")
    # JupyterLab renders only the cells in view by default; render all, so that every
    # output can be read (settings of this test only, not the instructor's)
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    port, token = _free_port(), secrets.token_hex(16)
    tasks = _tasks()
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    argv = tasks.lab_argv([
        f"--port={port}", "--no-browser", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={folder}", f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={settings}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ], as_root)
    argv = [a for a in argv if not a.startswith("--notebook-dir=")]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
           f"{os.environ.get('PATH', '')}", "JUPYTER_PLATFORM_DIRS": "1"}
    log = folder / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=folder,
                                env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-3000:]}")
                time.sleep(1)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.browser
def test_a_chapter_runs_from_the_run_menu_without_errors(lab: tuple[str, str]) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run python3 tasks.py test, which installs it")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    base, token = lab
    outside: list[str] = []

    def only_local(route) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", only_local)
            page.goto(f"{base}/lab/tree/{CHAPTER}.md?token={token}", timeout=STARTUP_S * 1000)
            notebook = page.locator(".jp-NotebookPanel")
            notebook.first.wait_for(timeout=STARTUP_S * 1000)
            # opened as a notebook (jupytext), not as a Markdown text file
            page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for(
                timeout=STARTUP_S * 1000)
            expected = _code_cells(ROOT / "chapters" / f"{CHAPTER}.md")
            page.wait_for_function(
                "n => document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell').length >= n",
                arg=expected, timeout=STARTUP_S * 1000)
            n_code = page.locator(".jp-NotebookPanel .jp-CodeCell").count()
            assert n_code == expected, f"{CHAPTER}.md: {n_code} code cells, not {expected}"
            # the kernel starts on its own, or after the kernel dialog (which may appear a few
            # seconds after the notebook) is confirmed: wait for it to be idle
            select = page.locator(".jp-Dialog button.jp-mod-accept")
            deadline = time.monotonic() + STARTUP_S
            while not page.evaluate(
                """() => [...document.querySelectorAll('.jp-StatusBar-TextItem, '
                    + '.jp-Notebook-ExecutionIndicator')].some(
                    e => /idle/i.test(e.textContent + ' ' + (e.dataset.status || '')))"""
            ):
                if select.count():
                    select.first.click()
                if time.monotonic() > deadline:
                    pytest.fail(f"the kernel of {CHAPTER}.md did not start")
                time.sleep(0.5)
            # Run > Run All Cells, as an instructor would (with the notebook the current
            # document: the menu acts on the notebook that has the focus)
            page.locator(".jp-NotebookPanel .jp-Cell").first.click()
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel").filter(
                has_text="Run All Cells").first.click()
            # finished when nothing is queued and every code cell shows an execution count, or
            # an error output appeared (an error stops the run and leaves the cells after it
            # unrun); the checks below report the error and the unrun cells
            try:
                page.wait_for_function(
                    """() => {
                        const prompts = [...document.querySelectorAll(
                            '.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];
                        const text = prompts.map(p => p.textContent);
                        if (text.some(t => t.includes('*'))) return false;
                        const stderr = document.querySelector('.jp-NotebookPanel '
                            + '[data-mime-type="application/vnd.jupyter.stderr"]');
                        return prompts.length > 0 && (stderr !== null
                            || text.every(t => /\\[\\d+\\]/.test(t)));
                    }""",
                    timeout=RUN_S * 1000,
                )
            except PlaywrightTimeout:
                pass
            errors = page.locator(
                ".jp-NotebookPanel .jp-OutputArea-output"
                "[data-mime-type='application/vnd.jupyter.stderr']"
            ).all_inner_texts()
            assert errors == [], "error output after Run All Cells:\n" + "\n---\n".join(
                e[:1500] for e in errors)
            prompts = page.locator(
                ".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").all_inner_texts()
            unrun = [i for i, p in enumerate(prompts) if not re.search(r"\[\d+\]", p)]
            assert unrun == [], f"code cells not run: {unrun} of {len(prompts)}"
            # the cells ran and showed their results (the chapter's visible cells have output)
            assert page.locator(".jp-NotebookPanel .jp-OutputArea-output").count() > 0
        finally:
            browser.close()
    assert outside == [], f"requests to other hosts: {outside}"
