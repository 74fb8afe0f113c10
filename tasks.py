#!/usr/bin/env python3
"""Task runner for the book: set-up, build, checks, live notebooks and benchmarks.

Uses only the standard library, so it runs on a fresh machine with nothing but Python 3.11.
Every task first makes sure ``.venv`` exists and matches ``requirements.lock``.

    python3 tasks.py build            # set up if needed, execute every chapter, build _build/html
    python3 tasks.py test             # every check: lint, unit, pairs, nbval, build, browser, PDF
    python3 tasks.py pdf [--student]  # the whole book as one PDF at _build/pdf/book.pdf
    python3 tasks.py lab              # JupyterLab for instructors; chapters open as notebooks
    python3 tasks.py serve            # serve the built book on http://127.0.0.1:8000
    python3 tasks.py sync [NAME ...]  # regenerate and execute notebooks/NAME.ipynb from chapters/
    python3 tasks.py student          # build a variant of the book with solutions removed
    python3 tasks.py bench            # time builds and nbval (see scripts/bench.py)
    python3 tasks.py manifest         # rewrite data/datapackage.json (hashes of data files)
    python3 tasks.py lock             # re-resolve requirements.in into requirements.lock
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PY = BIN / "python"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".igg4lib-installed"
BUILD = ROOT / "_build"
# Debian's chromium drives the browser check and prints the PDF.  IGG4_CHROMIUM points the
# check elsewhere (for example at a path that does not exist, to try the install step).
CHROMIUM = Path(os.environ.get("IGG4_CHROMIUM", "/usr/bin/chromium"))
APT_INSTALL = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]


def say(msg: str) -> None:
    print(f"\n==> {msg}", flush=True)


def run(cmd: list[str | Path], **kw) -> None:
    """Run a command from the project folder; stop the task on failure."""
    cmd = [str(c) for c in cmd]
    started = time.monotonic()
    result = subprocess.run(cmd, cwd=kw.pop("cwd", ROOT), **kw)
    took = time.monotonic() - started
    if result.returncode != 0:
        print(f"\nFAILED ({result.returncode}) after {took:.0f} s: {' '.join(cmd)}", flush=True)
        raise SystemExit(result.returncode)
    print(f"--- done in {took:.0f} s: {Path(cmd[0]).name} {' '.join(cmd[1:4])} ...", flush=True)


def _fingerprint() -> str:
    h = hashlib.sha256()
    for f in (LOCK, ROOT / "pyproject.toml"):
        h.update(f.read_bytes())
    return h.hexdigest()


def ensure_env() -> None:
    """Create .venv and install the locked dependencies and igg4lib when missing or stale."""
    if sys.version_info[:2] != (3, 11):
        raise SystemExit(f"Python 3.11 is required; this is {sys.version.split()[0]}")
    if not PY.exists():
        say("creating .venv (first run only)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    say("installing pinned dependencies from requirements.lock (first run: a few minutes)")
    pip = [PY, "-m", "pip", "--disable-pip-version-check", "-q"]
    # The lock is a complete freeze, so pip need not resolve: install exactly it, then verify.
    run([*pip, "install", "--no-deps", "-r", LOCK])
    run([*pip, "install", "--no-deps", "-e", ROOT])
    run([PY, "-m", "pip", "check"])
    _jupyterlab_opens_md_as_notebook()
    STAMP.write_text(_fingerprint())


def _jupyterlab_opens_md_as_notebook() -> None:
    """Make JupyterLab open chapters/*.md as notebooks (jupytext) by default."""
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {
        "@jupyterlab/docmanager-extension:plugin": {
            "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
        }
    }
    (settings / "overrides.json").write_text(json.dumps(overrides, indent=2))


def chromium_install_plan(chromium: Path, uid: int, sudo: str | None) -> list[list[str]]:
    """The commands that install Debian's chromium: none when it is already there.

    As root, apt-get runs directly; otherwise through sudo.  Where neither is possible the
    task stops with a message that says what to run.
    """
    if chromium.exists():
        return []
    if uid == 0:
        prefix: list[str] = []
    elif sudo:
        prefix = [sudo]
    else:
        raise SystemExit(
            f"chromium is missing ({chromium}) and cannot be installed: this user is not root "
            "and sudo is not available.\nAsk an administrator to run:\n"
            "    apt-get update && apt-get install -y --no-install-recommends chromium"
        )
    env = ["env", "DEBIAN_FRONTEND=noninteractive"]
    return [[*prefix, "apt-get", "update", "-qq"], [*prefix, *env, *APT_INSTALL]]


def ensure_chromium(chromium: Path | None = None) -> None:
    """Install Debian's chromium with apt-get when it is missing (as .ci/run did before)."""
    import shutil

    chromium = chromium or CHROMIUM
    plan = chromium_install_plan(chromium, os.getuid(), shutil.which("sudo"))
    if not plan:
        return
    say(f"{chromium} is missing: installing Debian's chromium with apt-get")
    for cmd in plan:
        run(cmd)
    if not chromium.exists():
        raise SystemExit(f"apt-get finished but {chromium} is still missing")


def env_with_venv() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def _inputs_fingerprint() -> str:
    """Hash of what the chapters compute with but the execution cache does not see."""
    h = hashlib.sha256()
    for folder in ("igg4lib", "data"):
        for f in sorted((ROOT / folder).rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(ROOT)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def drop_stale_execution_cache(output: Path = BUILD) -> bool:
    """Empty myst-nb's execution cache when igg4lib or data/ changed since it was filled.

    The cache is keyed by a chapter's code cells only, so a change to the library or to a
    data set would otherwise leave a chapter's old outputs (old numbers, old glue keys) in
    the rebuilt book.  Returns True when the cache was dropped.
    """
    cache = output / ".jupyter_cache"
    stamp = output / ".inputs-fingerprint"
    now = _inputs_fingerprint()
    stale = cache.exists() and (not stamp.exists() or stamp.read_text() != now)
    if stale:
        say("igg4lib or data/ changed since the last build: re-executing every chapter")
        shutil.rmtree(cache)
    output.mkdir(parents=True, exist_ok=True)
    stamp.write_text(now)
    return stale


def build_book(extra: list[str] | None = None, path_output: Path | None = None) -> None:
    drop_stale_execution_cache(path_output / "_build" if path_output is not None else BUILD)
    cmd: list[str | Path] = [BIN / "jupyter-book", "build", ROOT, "-W", "-n", "--keep-going"]
    if path_output is not None:
        cmd += ["--path-output", path_output]
    cmd += extra or []
    run(cmd, env=env_with_venv())


LAUNCH_VARIABLES = (
    "BOOK_REPOSITORY_URL",
    "BOOK_REPOSITORY_BRANCH",
    "BOOK_BINDERHUB_URL",
    "BOOK_JUPYTERHUB_URL",
)


def check_launch_settings(environ: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Validate the launch-button settings (read by _ext/launch_links.py) and say what is used."""
    url = environ.get("BOOK_REPOSITORY_URL", "")
    if not url:
        others = [v for v in LAUNCH_VARIABLES[1:] if environ.get(v)]
        if others:
            raise SystemExit(f"{', '.join(others)} set but BOOK_REPOSITORY_URL is not: "
                             "launch buttons need the repository's URL")
        return
    for name in LAUNCH_VARIABLES:
        value = environ.get(name, "")
        if name != "BOOK_REPOSITORY_BRANCH" and value and not value.startswith(
            ("https://", "http://")
        ):
            raise SystemExit(f"{name} must be an http(s) URL, got {value!r}")
    hub = environ.get("BOOK_JUPYTERHUB_URL") or "(no JupyterHub button)"
    say(f"launch buttons for {url} (branch {environ.get('BOOK_REPOSITORY_BRANCH') or 'main'}, "
        f"JupyterHub {hub})")


def task_build(_: list[str]) -> None:
    ensure_env()
    check_launch_settings()
    say("building the book (executing chapters that changed since the last build)")
    build_book()
    print(f"\nThe book is at {BUILD / 'html' / 'index.html'}")


def task_student(_: list[str]) -> None:
    """Build the book with exercise solutions removed, to _build/student/_build/html."""
    ensure_env()
    say("building the student edition (solutions removed)")
    out = BUILD / "student"
    out.mkdir(parents=True, exist_ok=True)
    config = out / "_config_student.yml"
    run([PY, ROOT / "scripts" / "student_config.py", ROOT / "_config.yml", config])
    build_book(["--config", config], path_output=out)
    print(f"\nThe student edition is at {out / '_build' / 'html' / 'index.html'}")


def task_pdf(args: list[str]) -> None:
    """The whole book as one PDF: _build/pdf/book.pdf (--student: book-student.pdf)."""
    student = "--student" in args
    unknown = [a for a in args if a != "--student"]
    if unknown:
        raise SystemExit(f"pdf: unknown arguments {unknown}; the only option is --student")
    ensure_chromium()
    ensure_env()
    started = time.monotonic()
    if student:
        say("building the single-page student edition (solutions removed)")
        out = BUILD / "student"
        out.mkdir(parents=True, exist_ok=True)
        config = out / "_config_student.yml"
        run([PY, ROOT / "scripts" / "student_config.py", ROOT / "_config.yml", config])
        build_book(["--builder", "singlehtml", "--config", config], path_output=out)
        single, pdf = out / "_build" / "singlehtml", BUILD / "pdf" / "book-student.pdf"
    else:
        say("building the single-page edition")
        config = ROOT / "_config.yml"
        build_book(["--builder", "singlehtml"])
        single, pdf = BUILD / "singlehtml", BUILD / "pdf" / "book.pdf"
    say(f"printing {pdf.relative_to(ROOT)} with chromium")
    printer = [PY, ROOT / "scripts" / "print_pdf.py", single, pdf, "--chromium", CHROMIUM]
    run([*printer, "--config", config], env=env_with_venv())
    print(f"\nThe PDF is at {pdf} ({time.monotonic() - started:.0f} s in all)")


RESULTS = BUILD / "test-results"


def pytest(args: list[str | Path], report: str | None = None) -> None:
    extra: list[str | Path] = []
    if report:
        RESULTS.mkdir(parents=True, exist_ok=True)
        extra = [f"--junitxml={RESULTS / (report + '.xml')}"]
    run([PY, "-m", "pytest", *extra, *args], env=env_with_venv())


def print_totals(reports: list[str]) -> None:
    """One closing line with the test counts of every pytest step together."""
    import xml.etree.ElementTree as ET

    passed = failed = skipped = 0
    for name in reports:
        for suite in ET.parse(RESULTS / f"{name}.xml").getroot().iter("testsuite"):
            total = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0))
            passed += total - bad - skip
            failed += bad
            skipped += skip
    print(f"\ntests: {passed} passed, {failed} failed, {skipped} skipped", flush=True)


def task_test(args: list[str]) -> None:
    """Every check, in order: lint, unit tests, pair drift, nbval, book build, browser, PDF."""
    ensure_chromium()
    ensure_env()
    jobs = os.environ.get("IGG4_JOBS", "2")
    say("1/7 lint (ruff)")
    run([BIN / "ruff", "check", "igg4lib", "tests", "scripts", "_ext", "tasks.py"])
    say("2/7 unit, property and data tests of igg4lib (pytest)")
    pytest(["-n", jobs, "-m", "not browser and not pairs", "igg4lib", "tests"], "unit")
    say("3/7 paired chapters: does every notebook match its Markdown? (pytest)")
    pytest(["-m", "pairs", "tests/test_notebook_pairs.py"], "pairs")
    say("4/7 re-execute every paired notebook and compare outputs (pytest --nbval)")
    pytest(
        [
            "--nbval",
            "-p",
            "no:cacheprovider",
            "-n",
            jobs,
            "--dist",
            "loadscope",
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            "--nbval-cell-timeout",
            "600",
            "-o",
            "addopts=",
            "notebooks",
        ],
        "nbval",
    )
    say("5/7 build the book with warnings as errors")
    build_book()
    say("6/7 browser check of the rendered book (headless Chromium, axe-core, offline)")
    pytest(["-m", "browser", "tests/test_browser.py", "tests/test_exercises.py",
            "tests/test_lab.py"], "browser")
    say("7/7 PDF edition and a build with launch buttons")
    task_pdf([])
    pytest(["-m", "browser", "tests/test_editions.py"], "editions")
    say("all checks passed")
    print_totals(["unit", "pairs", "nbval", "browser", "editions"])


def task_sync(args: list[str]) -> None:
    ensure_env()
    run([PY, ROOT / "scripts" / "sync_notebooks.py", *args], env=env_with_venv())


def lab_argv(args: list[str], as_root: bool) -> list[str]:
    """The JupyterLab command line: local only, the repository as its root folder.

    JupyterLab refuses to start as root without ``--allow-root``; root is the default user
    in a container, where instructors often run the book, so it is passed then (and only
    then, unless the caller passed it).
    """
    argv = [str(BIN / "jupyter-lab"), "--ip=127.0.0.1", f"--notebook-dir={ROOT}", *args]
    if as_root and "--allow-root" not in args:
        argv.append("--allow-root")
    return argv


def task_lab(args: list[str]) -> None:
    ensure_env()
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root:
        say("running as root (the usual user in a container): passing --allow-root to JupyterLab")
    say("starting JupyterLab: open any chapters/*.md and it opens as a notebook")
    os.execve(str(BIN / "jupyter-lab"), lab_argv(args, as_root), env_with_venv())


def task_serve(args: list[str]) -> None:
    port = args[0] if args else "8000"
    html = BUILD / "html"
    if not (html / "index.html").exists():
        task_build([])
    say(f"serving {html} at http://127.0.0.1:{port}/ (Ctrl-C stops)")
    os.execv(
        sys.executable,
        [sys.executable, "-m", "http.server", port, "--bind", "127.0.0.1", "--directory", html],
    )


def task_bench(args: list[str]) -> None:
    ensure_env()
    run([PY, ROOT / "scripts" / "bench.py", *args], env=env_with_venv())


def task_manifest(_: list[str]) -> None:
    ensure_env()
    run([PY, "-m", "igg4lib.data", "manifest"], env=env_with_venv())


def task_lock(_: list[str]) -> None:
    """Resolve requirements.in afresh in a scratch venv and write requirements.lock."""
    scratch = BUILD / "lock-venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(scratch)
    spy = scratch / "bin" / "python"
    run([spy, "-m", "pip", "install", "-q", "-r", ROOT / "requirements.in"])
    frozen = subprocess.run(
        [spy, "-m", "pip", "freeze", "--all", "--exclude", "pip", "--exclude", "setuptools"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    header = (
        "# Exact versions of every Python package the book installs (pip constraints/lock).\n"
        "# Regenerate with: python3 tasks.py lock   (after editing requirements.in)\n"
    )
    LOCK.write_text(header + frozen)
    print(f"wrote {LOCK}")
    # repo2docker's copy (binder/) pins the same versions; keep its header, refresh the pins.
    binder = ROOT / "binder" / "requirements.txt"
    if binder.exists():
        kept = [ln for ln in binder.read_text().splitlines() if ln.startswith("#")]
        binder.write_text("\n".join(kept) + "\n" + frozen)
        print(f"wrote {binder}")


TASKS = {
    "build": task_build,
    "test": task_test,
    "sync": task_sync,
    "lab": task_lab,
    "serve": task_serve,
    "student": task_student,
    "pdf": task_pdf,
    "bench": task_bench,
    "manifest": task_manifest,
    "lock": task_lock,
    "setup": lambda _: ensure_env(),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__)
        return 2
    TASKS[argv[0]](argv[1:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
