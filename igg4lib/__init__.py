"""igg4lib: the tested computations behind the IgG4-RD treatment-evidence teaching book.

Modules are named after the clinical or statistical idea they hold:

- :mod:`igg4lib.data`: load the data sets under ``data/``, validated against their schemas.
- :mod:`igg4lib.criteria`: 2019 ACR/EULAR classification and the Japanese comprehensive
  diagnostic criteria (2011, 2020).
- :mod:`igg4lib.activity`: the IgG4-RD responder index and response rules.
- :mod:`igg4lib.epidemiology`: the share of men across published populations.
- :mod:`igg4lib.induction`: the three goals of remission induction; prednisone equivalents.
- :mod:`igg4lib.cohort`: the synthetic 215-patient induction cohort.
- :mod:`igg4lib.risk`: the four-factor count score, its risk estimates and advice.
- :mod:`igg4lib.riskcohort`: the integer-programmed synthetic GC-monotherapy cohort.
- :mod:`igg4lib.trial`: WInS trial statistics (pairwise effects, fragility, Bayes, power).
- :mod:`igg4lib.stats`: proportions, risk differences and ratios with intervals.
- :mod:`igg4lib.reconstruct`: recover 2x2 tables and group counts from printed results.
- :mod:`igg4lib.ledger`: every published number beside its recomputation.
- :mod:`igg4lib.plots`: the book's colour-blind-safe palette and figure functions.

Chapters import the module they need, e.g. ``from igg4lib import data``.
"""

__version__ = "0.1.0"
