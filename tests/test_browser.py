"""Load every page of the rendered book in headless Chromium, as a reader would.

Serves ``_build/html`` on 127.0.0.1, blocks every request to another host (a reader on a
network without internet), and checks each page: no request leaves the machine, no console
errors, every image loaded and has alt text, mathematics is typeset (no raw TeX left),
every internal link (and its #anchor) resolves, the licence is in the footer, and axe-core
finds no critical or serious WCAG 2.0/2.1 A or AA violation.  Also: the search page finds
"IgG4"; the keyboard reaches every control with a visible focus; at 390 px (a phone) no
table has a column off-screen.  A screenshot of each page is saved under
``_build/screenshots/``; axe counts, external requests and page weights go to
``_build/test-results/pages.json``.

Needs the built book (``python3 tasks.py build``) and Debian's chromium at /usr/bin/chromium
(``python3 tasks.py test`` installs it).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
REPORT = ROOT / "_build" / "test-results" / "pages.json"
CHROMIUM = Path(os.environ.get("IGG4_CHROMIUM", "/usr/bin/chromium"))

# axe-core: every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA, and axe's best-practice
# rules (empty table headers, landmarks, heading order...).  label-content-name-mismatch
# (WCAG 2.5.3, level A) is marked experimental in axe-core and off by default; it is switched
# on.  No rule is excluded, and a violation at any impact level fails the page.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {"label-content-name-mismatch": {"enabled": True}},
    "resultTypes": ["violations"],
}
BLOCKING = {"critical", "serious", "moderate", "minor"}
# Where tables are measured: (media, viewport width).  An A4 page printed with the book's
# margins (14 mm each side, scripts/print_pdf.py) has a text width of 182 mm = 688 CSS px.
A4_TEXT_WIDTH = 688
TABLE_LAYOUTS = [("screen", 1280), ("screen", 1024), ("print", 1280), ("print", 1024),
                 ("print", A4_TEXT_WIDTH)]
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="module")
def report() -> Iterator[dict]:
    """Per-page figures (axe counts, external requests, bytes loaded), written at the end."""
    found: dict = {}
    yield found
    if found:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        old = json.loads(REPORT.read_text()) if REPORT.exists() else {}
        old.update(found)
        REPORT.write_text(json.dumps(old, indent=1, sort_keys=True))


def offline_page(browser, server: str, external: list[str], **kw):
    """A new page on which every request to another host is blocked and recorded."""
    page = browser.new_page(**kw)

    def route(r) -> None:
        if r.request.url.startswith(server) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page


def run_axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations: list[dict]) -> list[str]:
    return [
        f"axe {v['impact']}: {v['id']} ({v['help']}) x{len(v['nodes'])}: "
        + " | ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in violations
        if v["impact"] in BLOCKING
    ]


# Every table in the article, with the text column it must fit: the article's content box
# (its width less its padding).  A table is too wide when its box, or any visible cell of it,
# reaches past the column, or when it is wider than the box that holds it (which would then
# scroll sideways).  Tables in folded content (display: none) have no box and are skipped;
# the test opens every fold first.
TABLE_WIDTHS = """() => Array.from(document.querySelectorAll('article table')).map((t, i) => {
  const article = t.closest('article');
  const a = article.getBoundingClientRect();
  const s = getComputedStyle(article);
  const left = a.left + parseFloat(s.paddingLeft), right = a.right - parseFloat(s.paddingRight);
  const r = t.getBoundingClientRect();
  const cells = Array.from(t.querySelectorAll('th, td, caption'))
    .filter(c => c.getClientRects().length > 0);
  const cellRight = Math.max(r.right, ...cells.map(c => c.getBoundingClientRect().right));
  const holder = t.parentElement;
  const head = t.querySelector('thead tr:last-child');
  const headers = head ? Array.from(head.children).map(c => c.innerText.trim()) : [];
  return {index: i, visible: t.getClientRects().length > 0,
          id: t.id || '', cards: t.classList.contains('as-cards'),
          caption: ((t.querySelector('caption') || {}).innerText || '').trim().slice(0, 60),
          last_header: headers.length ? headers[headers.length - 1] : '',
          width: Math.round(r.width), column: Math.round(right - left),
          holder: holder ? holder.clientWidth : 0,
          over: Math.round(Math.max(cellRight - right, left - r.left,
                                    r.width - (holder ? holder.clientWidth : r.width))),
          first: (t.innerText || '').trim().slice(0, 40)};
})"""

OPEN_FOLDS = """() => { document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
}"""

SETTLE = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"""


def measure_tables(page) -> list[dict]:
    """The width of every visible table of the page and of its text column, in CSS px."""
    page.evaluate(SETTLE)
    return [t for t in page.evaluate(TABLE_WIDTHS) if t["visible"]]


def over_wide(measured: list[dict], slack: int = 1) -> list[dict]:
    """The tables that reach past their column or would scroll inside their box."""
    return [t for t in measured if t["over"] > slack]


def measure_layouts(page, layouts=TABLE_LAYOUTS) -> dict[str, list[dict]]:
    """Measure every table at each (media, width); the page's folds are opened first."""
    page.evaluate(OPEN_FOLDS)
    found = {}
    for media, width in layouts:
        page.emulate_media(media=media)
        page.set_viewport_size({"width": width, "height": 900})
        found[f"{media} {width}"] = measure_tables(page)
    page.emulate_media(media="screen")
    return found


MATH_STATE = """async () => {
  const maths = Array.from(document.querySelectorAll('article .math'));
  if (maths.length && window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const raw = maths.filter(m => !m.querySelector('mjx-container'))
    .map(m => m.textContent.trim().slice(0, 60));
  return {count: maths.length, raw: raw, mathjax: !!window.MathJax};
}"""

PAGE_BYTES = """() => performance.getEntriesByType('navigation').concat(
  performance.getEntriesByType('resource')).reduce((n, e) => n + (e.decodedBodySize || 0), 0)"""


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
def test_page(rel: str, server: str, browser, report: dict) -> None:
    if rel == "(book not built)":
        pytest.fail("_build/html is missing: build the book first (python3 tasks.py build)")
    external: list[str] = []
    page = offline_page(browser, server, external, viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    # axe-core re-fetches the page's style sheets to read them (its CSSOM preload) and
    # resolves Sphinx's relative @import against the page, not the sheet: a 404 no reader
    # ever triggers.  What the page itself loads is recorded until axe starts.
    reader = {"recording": True}

    def record(message: str) -> None:
        if reader["recording"]:
            problems.append(message)

    def on_console(msg) -> None:
        if msg.type == "error":
            location = (msg.location or {}).get("url", "")
            record(f"console error: {msg.text} ({location})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: record(f"page error: {exc}"))
    page.on(
        "requestfailed",
        lambda req: record(f"failed to load {req.url}") if req.url.startswith(server) else None,
    )
    page.on(
        "response",
        lambda r: record(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    url = server + rel
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{rel}: HTTP {response and response.status}"
    if rel == "index.html":  # the root page redirects to the preface
        page.wait_for_url("**/chapters/intro.html")
    page.wait_for_timeout(150)
    url = page.url

    math = page.evaluate(MATH_STATE)
    if math["raw"]:
        problems.append(f"{len(math['raw'])} formulas left as raw TeX, e.g. {math['raw'][:2]}")

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

    licence = page.eval_on_selector_all(
        "footer .book-licence a[rel=license]", "els => els.map(e => e.href)"
    )
    if licence != ["https://creativecommons.org/licenses/by/4.0/"]:
        problems.append(f"footer without the CC BY 4.0 licence link: {licence}")

    problems += [f"request to another host: {u}" for u in external]
    page_bytes = page.evaluate(PAGE_BYTES)
    reader["recording"] = False
    violations = run_axe(page)
    problems += describe(violations)
    counts = {i: sum(len(v["nodes"]) for v in violations if v["impact"] == i)
              for i in ("critical", "serious", "moderate", "minor")}
    report[rel] = {"axe": counts, "external_requests": len(external),
                   "bytes": page_bytes, "formulas": math["count"]}

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SHOTS / (rel.replace("/", "__").removesuffix(".html") + ".png")), full_page=True
    )
    layouts = measure_layouts(page)
    page.close()
    widths = {}
    for layout, measured in layouts.items():
        wide = over_wide(measured)
        widths[layout] = {"tables": len(measured), "over_wide": len(wide),
                          "as_cards": sum(t["cards"] for t in measured),
                          "widest": max((t["width"] - t["column"] for t in measured), default=0),
                          "wide": [{k: t[k] for k in ("caption", "first", "width", "column",
                                                      "over")} for t in wide]}
        problems += [f"table wider than its column ({layout}): {t['width']} px in a "
                     f"{t['column']} px column, {t['over']} px over: "
                     f"{t['caption'] or t['first']!r}" for t in wide]
    report[rel]["tables"] = widths
    assert not problems, f"{rel}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("rel", ["chapters/intro.html", "chapters/risk.html",
                                 "chapters/wins.html", "chapters/bibliography.html"])
def test_dark_mode_has_no_serious_violation(rel: str, server: str, browser) -> None:
    external: list[str] = []
    page = offline_page(browser, server, external, color_scheme="dark")
    page.goto(server + rel, wait_until="load")
    page.wait_for_timeout(150)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    problems = describe(run_axe(page)) + [f"request to another host: {u}" for u in external]
    page.close()
    assert not problems, f"{rel} (dark):\n  " + "\n  ".join(problems)


TABLES_AT_PHONE_WIDTH = """() => Array.from(document.querySelectorAll('article table')).map(t => {
  const cells = Array.from(t.querySelectorAll('th, td')).filter(c => c.offsetParent !== null);
  const right = Math.max(0, ...cells.map(c => c.getBoundingClientRect().right));
  const box = t.closest('article');
  return {first: (t.innerText || '').trim().slice(0, 40), right: right,
          limit: box.getBoundingClientRect().right, scroll: t.scrollWidth,
          width: t.parentElement.clientWidth};
})"""


@pytest.mark.parametrize("rel", [p for p in pages() if p.startswith("chapters/")])
def test_tables_fit_a_phone(rel: str, server: str, browser) -> None:
    """At 390 px every table (the risk groups, the WInS results, the summaries) fits."""
    page = offline_page(browser, server, [], viewport=PHONE)
    page.goto(server + rel, wait_until="load")
    tables = page.evaluate(TABLES_AT_PHONE_WIDTH)
    page.screenshot(path=str(SHOTS / ("phone__" + Path(rel).stem + ".png")), full_page=True)
    page.close()
    off = [t for t in tables if t["right"] > t["limit"] + 1 or t["scroll"] > t["width"] + 1]
    assert not off, f"{rel}: tables wider than a 390 px screen: {off}"


def test_keyboard_reaches_every_control_with_visible_focus(server: str, browser) -> None:
    page = offline_page(browser, server, [], viewport={"width": 1280, "height": 900})
    page.goto(server + "chapters/wins.html", wait_until="load")
    page.wait_for_timeout(150)
    reached: list[dict] = []
    for _ in range(600):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement; if (!e || e === document.body) return null;
            if (!e.dataset.tabSeen) e.dataset.tabSeen = String(Date.now());
            else return {again: true};
            const s = getComputedStyle(e); const r = e.getBoundingClientRect();
            return {tag: e.tagName, text: (e.innerText || e.getAttribute('aria-label') || '')
              .trim().slice(0, 40), size: r.width * r.height,
              outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
              shadow: s.boxShadow !== 'none' && !s.boxShadow.startsWith('rgba(0, 0, 0, 0)')}; }"""
        )
        if state is None or state.get("again"):
            break
        reached.append(state)
    controls = page.evaluate(
        """() => Array.from(document.querySelectorAll('a[href], button, summary, input, select'))
        .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.disabled)
        .filter(e => e.tabIndex >= 0)
        .filter(e => !e.closest('[inert], [aria-hidden=true]'))
        .filter(e => !e.dataset.tabSeen).map(e => e.outerHTML.slice(0, 100))"""
    )
    page.close()
    assert len(reached) > 20
    unseen_focus = [r for r in reached if not (r["outline"] or r["shadow"]) or r["size"] == 0]
    assert not unseen_focus, f"focus not visible on: {unseen_focus[:5]}"
    assert not controls, f"controls the keyboard never reached: {controls[:5]}"


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


def test_risk_calculator_works_on_a_phone_without_a_kernel(server: str, browser) -> None:
    """The static calculator of the risk chapter answers every tick on a 390 px screen.

    No kernel and no script: ticking boxes (by keyboard here) must show exactly one answer,
    the one the library gives for that number of factors, and reset must bring back zero.
    """
    from igg4lib import risk
    from igg4lib import riskcohort as rc

    groups = rc.fig3c_groups()
    external: list[str] = []
    page = offline_page(browser, server, external, viewport=PHONE)
    page.goto(server + "chapters/risk.html", wait_until="load")
    form = page.locator("form.risk-calc")
    assert form.count() == 1, "the risk chapter has no static calculator"
    box = form.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box

    def visible_answers() -> list[str]:
        return [a.inner_text() for a in page.locator(".risk-calc-answer").all() if a.is_visible()]

    shown = visible_answers()
    assert len(shown) == 1 and "0 of 4" in shown[0], shown
    labels = ["Eosinophilia", "Five or more organs involved", "Dacryoadenitis"]
    for label in labels:
        page.get_by_label(label).focus()
        page.keyboard.press("Space")
    shown = visible_answers()
    expected = risk.failure_risk(len(labels), groups)
    assert len(shown) == 1 and f"{len(labels)} of 4" in shown[0], shown
    assert f"{expected.failures} of {expected.n_patients}" in shown[0], (shown, expected)
    page.locator("form.risk-calc input[type=reset]").click()
    shown = visible_answers()
    assert len(shown) == 1 and "0 of 4" in shown[0], shown
    assert page.locator("script[src^='http']").count() == 0
    assert page.locator("script[type*='widget-state']").count() == 0
    page.close()
    assert not external, f"the risk page asked other hosts for {external}"


PLANTED = """<!doctype html><html lang="en"><head><title>planted</title>
<style>{css}</style></head><body><main>
<article class="bd-article" style="width: 600px; padding: 0 20px">
<div class="cell_output"><div class="output text_html">{tables}</div></div>
</article></main>{script}</body></html>"""


def wide_pandas_table(columns: int) -> str:
    """A table as the book renders it (labelled cells), with long unbreakable headings."""
    heads = [f"Heading{'x' * 12}{c}" for c in range(columns)]
    cells = "".join(f'<td data-label="{h}">{"9" * 10}</td>' for h in heads)
    return ('<table class="dataframe stackable" id="planted"><caption>A planted table'
            '</caption><thead><tr>' + "".join(f"<th>{h}</th>" for h in heads)
            + f"</tr></thead><tbody><tr>{cells}</tr><tr>{cells}</tr></tbody></table>")


def test_the_measure_finds_a_planted_over_wide_table(browser) -> None:
    """The width check can fail: a table wider than its column, or one that would scroll
    inside its box, is reported; a narrow one is not."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    narrow = "<table><tr><th>a</th><td>1</td></tr></table>"
    wide = '<table><tr><td style="white-space: nowrap">' + "wide " * 200 + "</td></tr></table>"
    page.set_content(PLANTED.format(css="", tables=narrow + wide, script=""))
    measured = measure_tables(page)
    assert [t["column"] for t in measured] == [600, 600]
    flagged = over_wide(measured)
    assert [t["index"] for t in flagged] == [1] and flagged[0]["width"] > 600
    # In a box that scrolls, the table stays inside the column but is still too wide.
    boxed = ('<div style="overflow-x: auto">' + wide + "</div>")
    page.set_content(PLANTED.format(css="", tables=boxed, script=""))
    assert len(over_wide(measure_tables(page))) == 1
    page.close()


def test_a_table_with_too_many_columns_becomes_cards(browser) -> None:
    """custom.css alone leaves a 12-column table scrolling in its box (the measure fails
    it); with table-fit.js it becomes cards that fit, and a 2-column table stays a table.
    In print media the test is made again."""
    css = (ROOT / "_static" / "custom.css").read_text()
    js = (ROOT / "_static" / "table-fit.js").read_text()
    tables = wide_pandas_table(12) + wide_pandas_table(2).replace('id="planted"', 'id="small"')
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_content(PLANTED.format(css=css, tables=tables, script=""))
    without = measure_tables(page)
    assert [t["id"] for t in over_wide(without)] == ["planted"]
    page.set_content(PLANTED.format(css=css, tables=tables, script=f"<script>{js}</script>"))
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        measured = measure_tables(page)
        assert {t["id"]: t["cards"] for t in measured} == {"planted": True, "small": False}
        assert not over_wide(measured), (media, measured)
    page.close()
