"""Facts of the evidence-ledger appendix (``chapters/ledger.md``)."""

from __future__ import annotations

from igg4lib import ledger, readings
from igg4lib._validation import validated
from igg4lib.book import format as fmt

__all__ = ["facts", "readings_table", "table2_table"]


@validated
def facts() -> dict[str, int | str]:
    """Every number and reading the ledger appendix puts into its prose, keyed by glue name.

    >>> v = facts()
    >>> v["ledger_n_checks"] == v["ledger_n_agree"] + v["ledger_n_explained"]
    True
    >>> v["ledger_fig3c_groups"]
    '2 of 25, 3 of 21, 5 of 13 and 5 of 7'
    """
    led = ledger.build_ledger()
    s = ledger.summary(led)
    t2 = ledger.table2_tests()
    organ_tests = ledger.table2_organ_count_tests()
    organs = organ_tests.set_index("test")["p"]
    fail = t2.set_index("label").loc["Failure of remission induction"]
    t3 = led[led["category"] == "Table 3 odds ratio"]
    book = readings.adopted("fig3c-groups")
    fig = ledger.fig3c_solutions(book.reading).iloc[0]
    labels = [c[2:] for c in fig.index if c.startswith("n_")]
    groups = [fmt.count_of(int(fig[f"f_{g}"]), int(fig[f"n_{g}"])) for g in labels]
    tests = ledger.fig3c_tests(book.reading).set_index("test")["p"]
    arm2 = readings.adopted("wins-arm2-relapses")
    men_gc, men_gcim = ledger.male_counts()
    return {
        "ledger_n_checks": int(s["checks"]),
        "ledger_n_agree": int(s["agree"]),
        "ledger_n_explained": int(s["explained"]),
        "ledger_n_unexplained": int(s["unexplained"]),
        "ledger_n_categories": int(led["category"].nunique()),
        "ledger_n_questions": len(readings.questions()),
        "ledger_t2_rows": len(t2),
        "ledger_t2_fisher_agree": int(t2["agrees_fisher"].sum()),
        "ledger_t2_chi2_agree": int(t2["agrees_chi2"].sum()),
        "ledger_t2_yates_agree": int(t2["agrees_yates"].sum()),
        "ledger_fail_p_printed": str(fail["printed"]),
        "ledger_fail_table": str(fail["table"]),
        "ledger_fail_p_fisher": fmt.p_value(float(fail["p_fisher"]), 4),
        "ledger_fail_p_chi2": fmt.p_value(float(fail["p_chi2"]), 4),
        "ledger_fail_p_yates": fmt.p_value(float(fail["p_yates"]), 4),
        "ledger_organs_p_printed": str(organ_tests["printed"].iloc[0]),
        "ledger_organs_p_chi2": fmt.p_value(float(organs["Pearson chi-square"])),
        "ledger_organs_p_ffh": fmt.p_value(float(organs["Fisher-Freeman-Halton exact"])),
        "ledger_men_gc": int(men_gc),
        "ledger_men_gcim": int(men_gcim),
        "ledger_allergy_implied_n": readings.adopted("allergy-denominator").n,
        "ledger_t3_checks": len(t3),
        "ledger_t3_agree": int(t3["agrees"].sum()),
        "ledger_max_missing": ledger.MAX_MISSING,
        "ledger_fig3c_n_total": int(book.n),
        "ledger_fig3c_f_total": int(book.events),
        "ledger_fig3c_groups": ", ".join(groups[:-1]) + " and " + groups[-1],
        "ledger_fig3c_p_fisher": fmt.p_value(float(tests["Fisher's exact, 0-1 vs 2-4"]), 4),
        "ledger_fig3c_p_yates": fmt.p_value(float(tests["Yates chi-square, 0-1 vs 2-4"]), 4),
        "ledger_fig3c_p_chi2": fmt.p_value(float(tests["Pearson chi-square, 0-1 vs 2-4"]), 5),
        "ledger_fig3c_p_printed": str(
            led.set_index("check_id").loc["fig3c-p-grouped", "printed"]
        ),
        "ledger_reading_fig3c": book.statement,
        "ledger_wins_arm2_printed": arm2.printed,
        "ledger_wins_arm2_n": int(arm2.n),
    }


@validated
def table2_table():
    """Table 2's yes/no rows: the printed p-value beside each candidate test's, for a reader.

    >>> t = table2_table()
    >>> list(t.data.columns)[:2]
    ['Printed p', '2x2 table (GC vs GC+IM)']
    """
    from igg4lib.book import display

    frame = ledger.table2_tests().copy()
    for test in ("fisher", "chi2", "yates"):
        frame[f"agrees_{test}"] = frame[f"agrees_{test}"].map({True: "yes", False: "no"})
    return display.table(
        frame,
        {
            "label": "Row of Table 2",
            "printed": "Printed p",
            "table": "2x2 table (GC vs GC+IM)",
            "p_fisher": "Fisher exact p",
            "agrees_fisher": "Fisher agrees",
            "p_chi2": "Chi-square p",
            "agrees_chi2": "Chi-square agrees",
            "p_yates": "Yates p",
            "agrees_yates": "Yates agrees",
        },
        caption="Table 2's yes/no rows: the printed p-value and the value each candidate "
        "test gives on the printed counts (three decimals, as the paper prints)",
        formats={"p_fisher": "p", "p_chi2": "p", "p_yates": "p"},
        index="label",
    )


@validated
def readings_table():
    """Every reading the book takes, once: the printed number, its status and the reasoning.

    One row per reading of :mod:`igg4lib.readings`, grouped by the number it reads (the
    adopted reading first), for the ledger's section that every other mention links to.

    >>> t = readings_table()
    >>> list(t.data.columns)
    ['Status', 'The reading', 'Why']
    >>> t.data.index.names
    FrozenList(['Printed number (where)'])
    """
    from igg4lib.book import display

    frame = readings.table()
    frame["where"] = frame["printed"] + " (" + frame["location"] + ")"
    rank = {status: i for i, status in enumerate(readings.STATUSES)}
    order = {q: i for i, q in enumerate(readings.questions())}
    frame = frame.assign(
        _q=frame["question"].map(order), _s=frame["status"].map(rank)
    ).sort_values(["_q", "_s"], kind="stable")
    return display.table(
        frame,
        {
            "where": "Printed number (where)",
            "status": "Status",
            "statement": "The reading",
            "reasoning": "Why",
        },
        caption="Every reading the book takes of an ambiguous published number: each is "
        "stated here once, and every page that uses it draws on this statement",
        index="where",
    )
