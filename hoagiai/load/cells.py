"""What a cell means — the one home of blank, display text, as-date, as-text and as-number.

Two kinds of value meet these questions:

- a *raw* cell, as the workbook holds it (str, int, float, bool, datetime, None; NaN from a
  CSV): `is_blank`, `display` (the text the clerk sees, for messages), `as_number` (a whole
  number, also from text such as "12" or "12,0");
- a *typed* value, as a loaded `Table` holds it (pandas Timestamp / NaT / NA, NumPy scalars,
  lists for name lists): `is_missing`, `shown` (the value as the clerk would write it, for
  messages), `as_date`, `as_text`.

The loader (hoagiai.load.column_typer), the validator (hoagiai.validate.base) and the documents
(hoagiai.documents.table_rows) all ask here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from .text import clean

_INT = re.compile(r"[+-]?\d+(?:[.,]0+)?")


# --- raw cells ---------------------------------------------------------------------------

def is_blank(v: Any) -> bool:
    """A raw cell holding nothing: None, NaN, or text of only spaces."""
    if v is None:
        return True
    if isinstance(v, str):
        return clean(v) == ""
    return isinstance(v, float) and math.isnan(v)


def display(v: Any) -> str:
    """A raw cell as the clerk sees it (for messages and `Finding.value`)."""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y") if v.time() == dt.time() else v.strftime("%d/%m/%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, str):
        return clean(v)
    return str(v)


def as_number(v: Any) -> int | None:
    """A raw cell as a whole number, or None: 12, 12.0, "12", " 12,0 " → 12; TRUE, 12.5 → None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v) if v.is_integer() else None
    if isinstance(v, str):
        text = clean(v)
        if _INT.fullmatch(text):
            return int(re.split(r"[.,]", text)[0])
    return None


# --- typed values ------------------------------------------------------------------------

def is_missing(v: Any) -> bool:
    """A typed value holding nothing: None, NaT, NA, NaN."""
    if v is None or v is pd.NaT or v is pd.NA:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    try:
        return bool(pd.isna(v)) if np.ndim(v) == 0 else False
    except (TypeError, ValueError):
        return False


def shown(v: Any) -> Any:
    """A typed value as the clerk would write it: dates dd/mm/yyyy, whole numbers as int,
    lists joined with "; ", None when missing."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return "; ".join(str(shown(x)) for x in v)
    if is_missing(v):
        return None
    if isinstance(v, (pd.Timestamp, dt.datetime, dt.date, np.datetime64)):
        return pd.Timestamp(v).strftime("%d/%m/%Y")
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def as_date(v: Any) -> dt.date | None:
    """A typed date (pandas Timestamp / NaT / None, datetime, date) as `datetime.date` or None."""
    if v is None or v is pd.NaT:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return pd.Timestamp(v).date()


def as_text(v: Any) -> str | None:
    """A typed text value stripped, or None when empty."""
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    s = str(v).strip()
    return s or None
