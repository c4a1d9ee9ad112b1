"""hoagiai.load.cells: the one meaning of blank, display text, date, text and number for a raw
cell and for a typed value — and the loader, validator and documents ask it."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from hoagiai.documents import table_rows
from hoagiai.load import cells
from hoagiai.validate import base

RAW = [None, "", "  \u00a0 ", math.nan, 0, 3.0, 3.5, True, False, "  Tiên   Hội ", "12", " 12,0 ", "12.5",
       dt.datetime(2026, 3, 5), dt.datetime(2026, 3, 5, 8, 30), dt.date(2026, 3, 5), -4]
TYPED = [None, pd.NaT, pd.NA, math.nan, np.float64("nan"), pd.Timestamp("2026-03-05"), np.datetime64("2026-03-05"),
         dt.date(2026, 3, 5), np.int64(7), 7.0, 7.25, np.bool_(True), ["An", "Bình"], "  x  ", "", "   "]


def test_raw_blank():
    assert [cells.is_blank(v) for v in RAW[:5]] == [True, True, True, True, False]
    assert not any(cells.is_blank(v) for v in RAW[5:])


def test_raw_display_is_what_the_clerk_sees():
    assert [cells.display(v) for v in (3.0, 3.5, True, "  Tiên   Hội ", dt.datetime(2026, 3, 5),
                                       dt.datetime(2026, 3, 5, 8, 30), dt.date(2026, 3, 5), -4)] == [
        "3", "3.5", "TRUE", "Tiên Hội", "05/03/2026", "05/03/2026 08:30", "05/03/2026", "-4"]


@pytest.mark.parametrize("raw, number", [(12, 12), (12.0, 12), ("12", 12), (" 12,0 ", 12), ("-3", -3),
                                         (12.5, None), ("12.5", None), (True, None), ("mười", None),
                                         (None, None)])
def test_raw_as_number(raw, number):
    assert cells.as_number(raw) == number


def test_typed_missing_shown_date_text():
    assert [cells.is_missing(v) for v in TYPED[:5]] == [True] * 5
    assert not any(cells.is_missing(v) for v in TYPED[5:])
    assert [cells.shown(v) for v in TYPED[5:13]] == ["05/03/2026"] * 3 + [7, 7, 7.25, True, "An; Bình"]
    assert [cells.as_date(v) for v in (None, pd.NaT, pd.Timestamp("2026-03-05 10:00"), dt.date(2026, 3, 5),
                                       np.datetime64("2026-03-05"))] == [None, None] + [dt.date(2026, 3, 5)] * 3
    assert [cells.as_text(v) for v in ("  x  ", "", "   ", None, pd.NA, math.nan, 5)] == [
        "x", None, None, None, None, None, "5"]


def test_the_validator_and_the_documents_ask_the_same_module():
    for v in TYPED:
        assert base.is_missing(v) == cells.is_missing(v)
        assert base.display(v) == cells.shown(v)
        if not isinstance(v, list):
            assert table_rows.text(v) == cells.as_text(v)
    for v in (None, pd.NaT, pd.Timestamp("2026-03-05"), dt.datetime(2026, 3, 5, 9), dt.date(2026, 3, 5)):
        assert table_rows.as_date(v) == cells.as_date(v)
