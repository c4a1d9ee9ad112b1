"""What a build is asked to do (month, documents, PDF) and how it reports progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from ..documents import base

Reporter = Callable[[str, dict[str, Any]], None]


def quiet(event: str, data: dict[str, Any]) -> None:
    """The reporter of a build nobody watches."""


@dataclass
class BuildOptions:
    month: base.Month
    kinds: frozenset[str] = frozenset()   # --doc; empty = all
    pdf: bool = True
    pdfa: bool = False
    lo_inputs: bool = False    # also render LibreOffice's input (engine/lo_input.py) though pdf is
                               # off: a multi-unit build's workers, whose PDFs the parent makes
    jobs: int | None = None
    today: dt.date = field(default_factory=dt.date.today)
