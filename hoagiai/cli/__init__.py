"""Command line (docs/contract.md §1): one module per command, each parsing its options, calling
one library function of hoagiai.operations and handing the result to a view (hoagiai.cli.views).

`hoagiai` (the console script), `python pipeline.py` and `python -m hoagiai` all run `main`.
The shared options live in `options`, the boundary that turns exceptions into Vietnamese
messages and exit codes in `app`, Click's own words in Vietnamese in `vn_click`.
"""

from __future__ import annotations

from . import build, check_templates, due, init, issue, register, serve, status, validate  # noqa: F401  (registers)
from .app import main

__all__ = ["main"]
