"""Load every page of the rendered book in headless Chromium, as a reader would.

Serves ``_build/html`` on 127.0.0.1 and checks each page: no console errors, every image
loaded and has alt text, every internal link (and its #anchor) resolves.  The search page
must find "IgG4".  A screenshot of each page is saved under ``_build/screenshots/`` for
people to look at.

Needs the built book (``python3 tasks.py build``) and Debian's chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser

# Console messages that are expected and harmless, each with the reason.
BENIGN_CONSOLE = [
    # The test machine has no internet: resources the theme or MathJax fetch from a CDN fail
    # to load here but load for a reader online.  Only non-local URLs are excused.
    re.compile(
        r"^Failed to load resource: net::ERR_(FAILED|NAME_NOT_RESOLVED|INTERNET_DISCONNECTED)"
    ),
]


def pages() -> list[str]:
    if not HTML.exists():
        return ["(book not built)"]
    skip = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}
    found = []
    for p in sorted(HTML.rglob("*.html")):
        rel = p.relative_to(HTML)
        if rel.parts[0] in skip:
            continue
        found.append(rel.as_posix())
    return found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not (HTML / "index.html").exists():
        pytest.fail("_build/html is missing: build the book first (python3 tasks.py build)")
    handler = functools.partial(QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@functools.cache
def ids_in(path: Path) -> frozenset[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return frozenset(re.findall(r'\b(?:id|name)="([^"]+)"', text))


def broken_internal_links(page_url: str, hrefs: list[str], base: str) -> list[str]:
    broken = []
    for href in hrefs:
        if not href or href.startswith(("mailto:", "javascript:", "data:")):
            continue
        url = urljoin(page_url, href)
        if not url.startswith(base):
            continue  # external links are not followed (offline machine)
        parsed = urlparse(url)
        rel = unquote(parsed.path[len(urlparse(base).path) :])
        target = HTML / rel
        if rel == "" or target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{href} -> missing {rel}")
            continue
        frag = unquote(parsed.fragment)
        if frag and target.suffix == ".html" and frag not in ids_in(target):
            broken.append(f"{href} -> no #{frag} in {rel}")
    return broken


@pytest.mark.parametrize("rel", pages())
def test_page(rel: str, server: str, browser) -> None:
    if rel == "(book not built)":
        pytest.fail("_build/html is missing: build the book first (python3 tasks.py build)")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []

    def on_console(msg) -> None:
        if msg.type != "error":
            return
        location = (msg.location or {}).get("url", "")
        local = location.startswith(server)
        if not local and any(p.search(msg.text) for p in BENIGN_CONSOLE):
            return
        problems.append(f"console error: {msg.text} ({location})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "requestfailed",
        lambda req: (
            problems.append(f"failed to load {req.url}") if req.url.startswith(server) else None
        ),
    )
    url = server + rel
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{rel}: HTTP {response and response.status}"
    if rel == "index.html":  # the root page redirects to the preface
        page.wait_for_url("**/chapters/intro.html")
    page.wait_for_timeout(150)
    url = page.url

    images = page.eval_on_selector_all(
        "img",
        "els => els.map(e => ({src: e.getAttribute('src'), ok: e.complete && e.naturalWidth > 0,"
        " alt: (e.getAttribute('alt') || '').trim()}))",
    )
    for img in images:
        if not img["ok"]:
            problems.append(f"image did not load: {img['src']}")
        if not img["alt"]:
            problems.append(f"image without alt text: {img['src']}")

    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    problems += [f"broken link: {b}" for b in broken_internal_links(url, hrefs, server)]

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SHOTS / (rel.replace("/", "__").removesuffix(".html") + ".png")), full_page=True
    )
    page.close()
    assert not problems, f"{rel}:\n  " + "\n  ".join(problems)


def test_search_finds_igg4(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "search.html?q=IgG4", wait_until="load")
    page.wait_for_selector("ul.search li", timeout=20_000)
    hits = page.eval_on_selector_all("ul.search li", "els => els.length")
    page.close()
    assert hits >= 1


def test_every_chapter_page_was_checked() -> None:
    """The page list covers every chapter in the table of contents."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    rendered = set(pages())
    missing = [f for f in files if f"{f}.html" not in rendered]
    assert not missing, f"chapters in _toc.yml without a rendered page: {missing}"
