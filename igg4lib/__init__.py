"""igg4lib: the tested computations behind the IgG4-RD treatment-evidence teaching book.

Modules are named after the clinical or statistical idea they hold:

- :mod:`igg4lib.data`: load the data sets under ``data/``, validated against their schemas.
- :mod:`igg4lib.plots`: the book's colour-blind-safe palette and figure helpers.

Chapters import the module they need, e.g. ``from igg4lib import data``.
"""

__version__ = "0.1.0"
