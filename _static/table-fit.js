/* Tables that fit their column.
 *
 * A pandas table whose columns, with headers and cells wrapped at spaces and hyphens, are
 * still wider than the text column (a laptop, a narrow window, a printed page) is shown as
 * cards: one card per row, each value under its column name (the data-label that
 * _ext/book_pages.py writes on every cell; the look is in custom.css, class "as-cards").
 * The test is made again whenever the width or the media (screen, print) changes.
 * Without JavaScript a table that does not fit scrolls sideways in its own box, and on a
 * phone custom.css stacks it anyway.
 */
(function () {
  "use strict";

  function fitTables() {
    var tables = document.querySelectorAll("table.dataframe.stackable");
    var i, table, box;
    // Measure every table in its ordinary layout first, then switch: one layout pass.
    for (i = 0; i < tables.length; i++) tables[i].classList.remove("as-cards");
    var wide = [];
    for (i = 0; i < tables.length; i++) {
      table = tables[i];
      box = table.parentElement;
      if (!box || box.clientWidth === 0) continue; // hidden (a folded solution)
      if (table.getBoundingClientRect().width > box.clientWidth + 1) wide.push(table);
    }
    for (i = 0; i < wide.length; i++) wide[i].classList.add("as-cards");
    return wide.length;
  }

  var pending = null;
  function later() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; fitTables(); });
  }

  // The column can change width without a window resize (the theme's sidebars and
  // scripts settle after load, fonts arrive): watch the box that holds each table.
  var widths = new WeakMap();
  function watch() {
    if (!window.ResizeObserver) return;
    var observer = new ResizeObserver(function (entries) {
      var changed = false;
      entries.forEach(function (entry) {
        var w = Math.round(entry.contentRect.width);
        if (widths.get(entry.target) !== w) { widths.set(entry.target, w); changed = true; }
      });
      if (changed) later();
    });
    document.querySelectorAll("table.dataframe.stackable").forEach(function (table) {
      if (table.parentElement) observer.observe(table.parentElement);
    });
  }

  function start() { fitTables(); watch(); }

  window.bookFitTables = fitTables;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.addEventListener("load", fitTables);
  window.addEventListener("resize", later);
  window.addEventListener("beforeprint", fitTables);
  window.addEventListener("afterprint", fitTables);
  var print = window.matchMedia("print");
  if (print.addEventListener) print.addEventListener("change", fitTables);
  // A folded solution opened by the reader: its tables are measured once they show.
  document.addEventListener("toggle", later, true);
})();
