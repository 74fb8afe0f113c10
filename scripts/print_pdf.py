"""Print the single-page HTML build of the book to one PDF with Debian's chromium.

    python scripts/print_pdf.py SINGLEHTML_DIR OUT.pdf [--chromium /usr/bin/chromium]

The page is served from 127.0.0.1 and every other request is blocked, so the PDF has what
a reader offline sees: MathJax from the book's own files, every figure loaded.  Each
chapter starts on a new page; solutions that the web page folds away are unfolded (the
student edition has none: they are removed before this step); code cells that the page
hides stay hidden.  The PDF gets bookmarks from the headings (Chromium's outline), a
tagged structure, a title page and a footer with the licence and page numbers.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LICENCE = (
    "Text, figures and data written for this book: CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/). Code: MIT. Transcribed published "
    "numbers keep their sources' terms (see the data dictionary)."
)

A4_TEXT_WIDTH = 688

PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
span[id^="document-"] + section { break-before: page; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area,
.bd-footer, .bd-footer-content, .bd-footer-article, .skip-link, .search-button-field,
button.toggle-button, details.hide, .copybtn, .headerlink, .theme-switch-button,
#pst-back-to-top { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
figure, img, table, .cell_output { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
.book-title-page { break-after: page; padding-top: 30vh; }
.book-title-page .book-title { font-size: 2rem; font-weight: 700; }
.book-toc { break-after: page; }
/* The theme prints the first page's title above its own table of contents and hides the
   title in the text; in the book the title page and the table of contents come first, and
   every chapter keeps its heading. */
#jb-print-docs-body { display: none !important; }
.bd-main .bd-content .bd-article section > h1:first-of-type { display: block !important; }
"""

PREPARE = """([title, author, licence]) => {
  document.documentElement.dataset.theme = 'light';
  document.querySelectorAll('img').forEach(img => { img.loading = 'eager'; });
  document.querySelectorAll('details:not(.hide)').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  const page = document.createElement('div');
  page.className = 'book-title-page';
  const h = document.createElement('p'); h.className = 'book-title'; h.textContent = title;
  page.appendChild(h);
  const a = document.createElement('p'); a.textContent = author; page.appendChild(a);
  const l = document.createElement('p'); l.textContent = licence; page.appendChild(l);
  const article = document.querySelector('article.bd-article') || document.body;
  article.prepend(page);
  // The theme's printed table of contents (the chapters of the book) follows the title page.
  const toc = document.querySelector('#jb-print-toc');
  if (toc) { page.after(toc); toc.classList.add('book-toc'); }
}"""

WAIT_READY = """async () => {
  await Promise.all(Array.from(document.images).map(img => img.complete ? null :
    new Promise(done => { img.onload = img.onerror = done; })));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
    .map(i => i.getAttribute('src'));
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def print_pdf(singlehtml: Path, out: Path, chromium: Path, title: str, author: str) -> None:
    from playwright.sync_api import sync_playwright

    page_file = singlehtml / "chapters" / "intro.html"
    if not page_file.exists():
        raise ValueError(f"singlehtml: expected {page_file} (build with --builder singlehtml)")
    handler = functools.partial(Quiet, directory=str(singlehtml))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    blocked: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1000, "height": 1400})

            def only_local(route) -> None:
                if route.request.url == base + "book.html":
                    # Sphinx's single-page build writes every path (styles, scripts, images)
                    # relative to the output root although the page, the root document
                    # chapters/intro, lands one folder down: serve it from the root.
                    route.fulfill(path=str(page_file), content_type="text/html")
                elif route.request.url.startswith(base):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)
            # The whole book is one page: on a busy machine it takes longer than the default
            # 30 s to load.
            page.goto(base + "book.html", wait_until="load", timeout=300_000)
            page.evaluate(PREPARE, [title, author, LICENCE])
            page.add_style_tag(content=PRINT_CSS)
            broken = page.evaluate(WAIT_READY)
            if broken:
                raise RuntimeError(f"images that did not load: {broken}")
            page.emulate_media(media="print")
            # Lay the page out at the A4 text width (210 mm less the two 14 mm margins =
            # 182 mm = 688 CSS px), so that _static/table-fit.js stacks as cards exactly the
            # tables that would not fit on paper.
            page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1400})
            page.evaluate("() => window.bookFitTables ? window.bookFitTables() : 0")
            out.parent.mkdir(parents=True, exist_ok=True)
            footer = (
                '<div style="font-size:7px;width:100%;padding:0 14mm;color:#444;'
                'display:flex;justify-content:space-between">'
                f"<span>{title} · CC BY 4.0 (code: MIT)</span>"
                '<span><span class="pageNumber"></span> / <span class="totalPages"></span>'
                "</span></div>"
            )
            page.pdf(
                path=str(out),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer,
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                outline=True,
                tagged=True,
            )
            browser.close()
    finally:
        httpd.shutdown()
    if blocked:
        raise RuntimeError(f"the book requested other hosts while printing: {blocked}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("singlehtml", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--chromium", type=Path, default=Path("/usr/bin/chromium"))
    parser.add_argument("--config", type=Path, default=ROOT / "_config.yml")
    args = parser.parse_args(argv)
    config = yaml.safe_load(args.config.read_text())
    print_pdf(args.singlehtml, args.out, args.chromium, config["title"], config["author"])
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
