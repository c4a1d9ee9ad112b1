"""Argument coercion shared by the formatters (private).

Values reach the filters from pandas (numpy integers, integral floats such as 400000.0 in a
column that had a blank) as often as from Python; accept those, refuse anything that would
silently lose information.
"""

from __future__ import annotations

import operator
from decimal import Decimal
from typing import SupportsIndex, SupportsInt, cast


def as_int(value: object, what: str = "số") -> int:
    """`value` as an exact int: int, numpy integer, or a float / Decimal with no fraction.

    Raises TypeError for non-numbers (and bool) and ValueError for fractional or non-finite
    values; the message names `what` in Vietnamese."""
    if isinstance(value, bool):
        raise TypeError(f"{what} phải là số nguyên, không phải {value!r}")
    try:
        return operator.index(cast(SupportsIndex, value))  # int, numpy integer; TypeError otherwise
    except TypeError:
        pass
    is_integer = getattr(value, "is_integer", None)  # float, numpy float
    if callable(is_integer):
        try:
            ok = is_integer()
        except (ValueError, OverflowError):
            ok = False
        if not ok:
            raise ValueError(f"{what} phải là số nguyên: {value!r}")
        return int(cast(SupportsInt, value))  # an integral float / numpy float
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(f"{what} phải là số nguyên: {value!r}")
        return int(value)
    raise TypeError(f"{what} phải là số nguyên, không phải {type(value).__name__}")
