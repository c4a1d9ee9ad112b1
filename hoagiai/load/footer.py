"""Footer rows clerks add below a table: totals, "Người lập biểu", signatures, the date line.

They are not data and must not be reported as rows missing data — but a real data row must
never be dropped. The recognition is therefore narrow:

1. A footer *starts* at a row whose first non-empty cell begins with a footer phrase
   (`START`: "Tổng cộng", "Cộng", "Người lập biểu", "Xác nhận của …", "TM.", "KT.", "(Ký …" …)
   or is a date line "…, ngày … tháng … năm …". A totals row ("Tổng cộng", "Tổng số",
   "Cộng") may hold numbers in other cells, nothing else; any other start row has at most
   `MAX_SPARSE` non-empty cells.
2. Every non-blank row after the start is a footer row too: another start row, or a sparse
   row (at most `MAX_SPARSE` non-empty cells, e.g. a signer's name, "(Ký, ghi rõ họ tên)").
3. So the footer is the trailing run of rows after the last row that looks like data (more
   than `MAX_SPARSE` cells, or a totals-looking row with text), from its first start row on.
   Rows before the last data row are always data, even one beginning "Tổng cộng" (reported
   as usual); trailing sparse rows with no start row above them stay data too.

Only the end of the table is read backwards, so the cost does not grow with the rows.

Phrases match ignoring case and spacing (the cell's text as stored: NFC, spaces collapsed).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .cells import display, is_blank

TOTALS = ("tổng cộng", "tổng số", "cộng")
#: signers' titles ("Chủ tịch") are not here: a data row may begin with one (a team member
#: without a name); they are footer rows only below a start row
START = TOTALS + ("người lập biểu", "người lập bảng", "người lập", "người ghi sổ", "người tổng hợp",
                  "xác nhận của", "thủ trưởng đơn vị", "tm.", "kt.", "t/m", "(ký", "ký tên", "ký, ghi rõ",
                  "nơi nhận")
#: "An Thành, ngày 05 tháng 12 năm 2026" / "…, ngày … tháng … năm …" / "Ngày … tháng … năm 2026"
DATE_LINE = re.compile(r"(?:.*,\s*)?ngày\b.{0,12}\btháng\b.{0,12}\bnăm\b.{0,8}", re.S)
MAX_SPARSE = 2
_START_KEYS = tuple(s.casefold() for s in START)
_TOTAL_KEYS = tuple(s.casefold() for s in TOTALS)


def _starts(key: str, prefixes: tuple[str, ...]) -> bool:
    for p in prefixes:
        if key == p or (key.startswith(p) and (not p[-1].isalpha() or not key[len(p)].isalpha())):
            return True
    return False


def _row_kind(values: list) -> str:
    """"blank", "totals", "start", "sparse" or "data"."""
    filled = [v for v in values if not is_blank(v)]
    if not filled:
        return "blank"
    first = filled[0]
    if isinstance(first, str):
        key = display(first).casefold()      # display: NFC, spaces collapsed
        if _starts(key, _TOTAL_KEYS) and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                             for v in filled[1:]):
            return "totals"
        if len(filled) <= MAX_SPARSE and (_starts(key, _START_KEYS) or DATE_LINE.fullmatch(key)):
            return "start"
    return "sparse" if len(filled) <= MAX_SPARSE else "data"


def data_end(cells: pd.DataFrame, keep: np.ndarray) -> int:
    """How many of the rows `keep` (positions in `cells`, in order) are data: the position
    in `keep` where a footer starts, or len(keep) when there is none."""
    start = len(keep)
    for i in range(len(keep) - 1, -1, -1):
        kind = _row_kind(cells.iloc[int(keep[i])].tolist())
        if kind == "data":
            break
        if kind in ("totals", "start"):
            start = i
    return start
