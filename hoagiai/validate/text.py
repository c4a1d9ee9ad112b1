"""Comparison keys for whole columns of names and thôn as clerks type them.

The key itself is `hoagiai.vn.folding.fold` (the one folding of the project: form, case,
spaces, Ð/Đ, old/new tone placement); this module applies it to factorized columns.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ..vn.folding import fold

__all__ = ["fold", "fold_codes", "fold_series"]


def fold_codes(codes: np.ndarray, uniques, exact: pd.Index,
               folded: Callable[[], dict[str, int]]) -> np.ndarray:
    """Given a factorized column (codes, distinct values), map each row to the index of
    its value in a known list, or -1 (empty or unknown).

    Distinct values are looked up as written first (`exact`, an Index of the known list);
    only the ones not found are folded and looked up in `folded()` (built on first need),
    so long columns stay cheap."""
    hit = exact.get_indexer(pd.Index(uniques, dtype=object)) if len(uniques) else np.zeros(0, np.int64)
    miss = np.flatnonzero(hit < 0)
    if len(miss):
        table = folded()
        for m in miss:
            hit[m] = table.get(fold(uniques[m]) or "", -1)
    return np.append(hit, -1).astype(np.int64)[codes]  # code -1 (missing) picks the last


def fold_series(values: pd.Series) -> pd.Series:
    """fold() applied through the distinct values (object Series, None for empty)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    keys = np.array([fold(u) for u in uniques] + [None], dtype=object)
    return pd.Series(keys[codes], index=values.index, dtype=object)
