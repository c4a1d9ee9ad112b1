"""Notions the law and the reports use in many places, each defined here once: a mediator in
office on a day, the success rate, the last day of a month.

Light on purpose (numpy is imported on first use, pandas never): the CLI, the reporting
calendar and the roll-up import it at start-up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def in_office(start: Any, end: Any, on: Any) -> Any:
    """Rows in office on day `on`: started on or before it (`start` filled, start <= on) and not
    ended by then (`end` empty or on < end). The window `hoat_dong: {tu, den}` of
    rules/kiem_tra/nhom.yaml, e.g. Ngày công nhận / Ngày thôi: a mediator stopped on day d no
    longer counts on d.

    `start`, `end`: datetime64 arrays (NaT for empty); `on`: one datetime64 or an array aligned
    with them. Returns a boolean array."""
    import numpy as np

    start, end = np.asarray(start, dtype="datetime64[ns]"), np.asarray(end, dtype="datetime64[ns]")
    on = np.asarray(on, dtype="datetime64[ns]")
    return np.asarray(~np.isnat(start) & (start <= on) & (np.isnat(end) | (end > on)), dtype=bool)


def success_rate(thanh: int | None, khong_thanh: int | None) -> float | None:
    """thành ÷ (thành + không thành); None when nothing ended (docs/domain.md, Decision 7).
    A missing count reads as 0."""
    done = (thanh or 0) + (khong_thanh or 0)
    return None if done == 0 else (thanh or 0) / done


def month_end(year: int, month: int) -> dt.date:
    """The last day of the month."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
